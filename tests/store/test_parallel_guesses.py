"""Wrong PINs tried for one name in many sessions at the very same instant get
no more PIN checks than the limit allows before a wait (issue 6), while the
right PIN typed in many sessions at once still opens the plan in all of them.

Each try is its own process with its own connection, released together from
a barrier, on the test's database (a SQLite file, or PostgreSQL). The PIN key
is derived at the app's real cost (Argon2id, about 20 ms), the time in which
tries used to slip past each other. Each process notes every key derivation
it really runs in a file of its own, so the test counts the checks made.

The processes' clock stands still (RECOVERY_PLAN_NOW), so a wait started
by the burst lasts until every try has been answered, however slow the machine.
"""

from __future__ import annotations

import multiprocessing
import os
from datetime import timedelta
from pathlib import Path

import pytest

from tests.conftest import TEST_NOW, TEST_PIN, open_test_store, site_key_of
from tui.store import SignInError, SignInWaitError, attempts, audit, clock, create_person, crypto
from tui.store import models as m
from tui.store import pins, sign_in
from tui.store.text import normalised_name

TRIES = 24
# The app's real cost (the test session's own is lowered by the fast_kdf fixture).
REAL_COST = pins.Argon2Cost(memory_kib=9216, passes=4, lanes=1)


def _try_once(location: str, key_path: str | None, name: str, pin: str, checks: str,
              barrier, results, code: str | None = None) -> None:
    """One session: open the database, wait for the others, try `pin` once
    (or, with `code`, that recovery code and `pin` as the new PIN)."""
    os.environ["RECOVERY_PLAN_NOW"] = TEST_NOW.isoformat()
    from tui.store import crypto as child_crypto, open_store, sign_in as child_sign_in
    from tui.store import sign_in_with_code as child_sign_in_with_code
    from tui.store.errors import SignInError as Wrong, SignInWaitError as Wait

    real = child_crypto.pin_key

    def counted(*args):
        with open(checks, "a") as out:
            out.write(f"{os.getpid()}\n")
        return real(*args)

    child_crypto.pin_key = counted
    store = open_store(location, site_key_path=key_path)
    try:
        store.schema_version()  # connected before the start, like a session at its sign-in screen
        barrier.wait(timeout=120)
        try:
            if code is None:
                child_sign_in(store, name, pin)
            else:
                child_sign_in_with_code(store, name, code, pin)
            results.put("opened")
        except Wait:
            results.put("wait")
        except Wrong:
            results.put("wrong")
        except Exception as error:  # noqa: BLE001 - reported to the test
            results.put(f"error {type(error).__name__}: {error}")
    finally:
        store.close()


def burst(location, tmp_path: Path, name: str, pins_tried: list[str],
          codes: list[str] | None = None) -> tuple[list[str], int]:
    """Try each of `pins_tried` for `name` (or each of `codes`, with the PIN
    as the new one), one process each, all at once: (the outcomes, sorted;
    the number of PIN checks run)."""
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(len(pins_tried))
    results = context.Queue()
    checks = tmp_path / f"checks-{name}"
    checks.write_text("")
    key = site_key_of(location)
    children = [context.Process(target=_try_once, args=(
        os.fspath(location), os.fspath(key) if key else None, name, pin, str(checks), barrier,
        results, code)) for pin, code in zip(pins_tried, codes or [None] * len(pins_tried))]
    for child in children:
        child.start()
    outcomes = [results.get(timeout=180) for _ in children]
    for child in children:
        child.join(timeout=60)
        assert child.exitcode == 0
    return sorted(outcomes), len(checks.read_text().split())


@pytest.fixture
def real_cost(monkeypatch):
    monkeypatch.setattr(pins, "KDF_COST", REAL_COST)


@pytest.mark.parametrize("name", ["Sam", "Nobody Here"])
def test_wrong_pins_tried_at_once_get_five_checks_at_most(db_location, tmp_path, real_cost, name):
    store = open_test_store(db_location)
    try:
        create_person(store, "Sam", TEST_PIN)
    finally:
        store.close()

    outcomes, checks = burst(db_location, tmp_path, name,
                             [f"guess-{n:04d}" for n in range(TRIES)])

    wrong = min(checks, attempts.SHORT_WAITS_FROM - 1)
    print(f"\n{TRIES} wrong PINs at once for a name {'with' if name == 'Sam' else 'without'} "
          f"a plan ({store.kind}): {checks} checked, {TRIES - checks} told to wait unchecked")
    assert checks <= attempts.SHORT_WAITS_FROM
    # The fifth miss is told of the wait it brings; every other try waits unchecked.
    assert outcomes == ["wait"] * (TRIES - wrong) + ["wrong"] * wrong, outcomes
    store = open_test_store(db_location)
    try:
        clock.set_now(TEST_NOW)
        failed = [e for e in audit.events(store) if e.event == "sign_in_failed"]
        assert len(failed) == checks  # every check that ran was counted
        assert m.SignInCheck.select().count() == 0  # none left in progress
        with pytest.raises(SignInWaitError):  # the wait is in force for the right PIN too
            sign_in(store, "Sam" if name == "Sam" else name, TEST_PIN)
    finally:
        store.close()


def test_the_right_pin_typed_at_once_in_many_sessions_opens_in_all(db_location, tmp_path,
                                                                    real_cost):
    store = open_test_store(db_location)
    try:
        create_person(store, "Shared", TEST_PIN)
    finally:
        store.close()

    outcomes, checks = burst(db_location, tmp_path, "Shared", [TEST_PIN] * TRIES)

    assert outcomes == ["opened"] * TRIES
    assert checks == TRIES


@pytest.mark.parametrize("name", ["Sam", "Nobody Here"])
def test_wrong_codes_tried_at_once_never_make_the_pin_wait(db_location, tmp_path, real_cost,
                                                           name):
    """Issue 17: 24 wrong recovery codes at the very same instant (all from
    one terminal) are refused, and the right PIN opens at once afterwards:
    codes are counted per terminal, apart from the PIN's waits."""
    store = open_test_store(db_location)
    try:
        create_person(store, "Sam", TEST_PIN)
    finally:
        store.close()

    outcomes, checks = burst(db_location, tmp_path, name, ["a new pin 2026"] * TRIES,
                             codes=[f"AAAAA-BBBBB-CCCCC-{n:05d}" for n in range(TRIES)])

    assert "opened" not in outcomes and set(outcomes) <= {"wrong", "wait"}, outcomes
    assert checks == 0  # a code needs no key derivation; no PIN was checked
    store = open_test_store(db_location)
    try:
        clock.set_now(TEST_NOW)
        name_lookup = crypto.name_lookup(store.site_key, "sam")
        assert m.SignInAttempt.get_or_none(m.SignInAttempt.lookup == name_lookup) is None
        counted = m.SignInAttempt.get(m.SignInAttempt.lookup == attempts.code_lookup(
            store.site_key, crypto.name_lookup(store.site_key, normalised_name(name))))
        # The first four codes counted are told "wrong", every later one waits.
        assert outcomes.count("wrong") == attempts.CODE_WAITS_FROM - 1
        assert attempts.CODE_WAITS_FROM <= counted.failures <= TRIES
        assert sign_in(store, "Sam", TEST_PIN).name == "Sam"  # no wait for the PIN
    finally:
        store.close()


# ----------------------------------------------------------------------------
# The checks in progress, one session at a time


def _lookup() -> str:
    (row,) = m.Person.select()
    return row.lookup


def _begin(store, lookup: str):
    return store.write(lambda: attempts.begin_check(lookup))


def _misses(store, count: int, name: str = "Sam") -> None:
    for _ in range(count):
        with pytest.raises(SignInError):
            sign_in(store, name, "not-the-pin")


def test_checks_in_progress_count_with_the_misses(store, plan):
    lookup = _lookup()
    started = [_begin(store, lookup) for _ in range(6)]
    assert [left for left, _ in started] == [0] * 6
    assert all(check_id for _, check_id in started[:5]) and started[5][1] is None
    store.write(lambda: [attempts.end_check(check_id) for _, check_id in started[:5]])

    _misses(store, 3)
    started = [_begin(store, lookup) for _ in range(3)]
    assert [check_id is not None for _, check_id in started] == [True, True, False]
    store.write(lambda: [attempts.end_check(check_id) for _, check_id in started[:2]])

    _misses(store, 2)  # five: a wait of 5 seconds, then one check at a time
    assert _begin(store, lookup) == (5, None)
    clock.set_now(TEST_NOW + timedelta(seconds=5))
    first, second = _begin(store, lookup), _begin(store, lookup)
    assert first[1] is not None and second == (0, None)
    assert [attempts.checks_allowed(n) for n in (0, 1, 4, 5, 9, 30)] == [5, 4, 1, 1, 1, 1]


def test_no_check_is_left_in_progress(store, plan, monkeypatch):
    sign_in(store, "Sam", TEST_PIN)
    _misses(store, 1)
    _misses(store, 1, "Nobody Here")
    plan.change_pin(TEST_PIN, "a-new-pin-77")
    with pytest.raises(SignInError):
        plan.new_recovery_codes("not-my-pin")
    assert m.SignInCheck.select().count() == 0

    from tui.store import keys

    def broken(*args):
        raise MemoryError("no memory for the key derivation (a test)")

    monkeypatch.setattr(keys, "unlock_with_pin", broken)
    with pytest.raises(MemoryError):
        sign_in(store, "Sam", "a-new-pin-77")
    assert m.SignInCheck.select().count() == 0  # ended in a finally


def test_the_right_pin_is_two_writes_and_leaves_no_check(store, plan, monkeypatch):
    """The check's start, then its end with the sign-in's own line: each write
    waits for the disk, on the way to a plan someone may need in a crisis."""
    operations = []
    real_write = type(store).write

    def write(self, operation, *args, **kwargs):
        operations.append(operation)
        return real_write(self, operation, *args, **kwargs)

    monkeypatch.setattr(type(store), "write", write)
    assert sign_in(store, "Sam", TEST_PIN).name == "Sam"
    assert len(operations) == 2
    assert m.SignInCheck.select().count() == 0
    assert audit.events(store)[-1].event == "signed_in"


def test_a_sign_in_that_fails_after_the_pin_still_ends_its_check(store, plan, monkeypatch):
    real_record = audit.record

    def record(event, *args, **kwargs):
        if event == "signed_in":
            raise MemoryError("no memory for the audit line (a test)")
        return real_record(event, *args, **kwargs)

    monkeypatch.setattr(audit, "record", record)
    with pytest.raises(MemoryError):
        sign_in(store, "Sam", TEST_PIN)
    assert m.SignInCheck.select().count() == 0  # ended in a finally


def test_a_check_left_by_a_session_that_died_stops_counting_after_30_seconds(store, plan,
                                                                             monkeypatch):
    monkeypatch.setattr(attempts, "TURN_DEADLINE_SECONDS", 0.3)
    derived = []
    real = crypto.pin_key
    monkeypatch.setattr(crypto, "pin_key", lambda *args: derived.append(1) or real(*args))
    lookup = _lookup()
    _misses(store, 4)  # one check at a time now
    derived.clear()
    m.SignInCheck.create(lookup=lookup, started_at=TEST_NOW - timedelta(seconds=29))

    with pytest.raises(SignInWaitError, match="being checked right now") as raised:
        sign_in(store, "Sam", TEST_PIN)  # its turn never came: not checked, not counted
    assert raised.value.wait_seconds == 5 and derived == []
    assert m.SignInAttempt.get(m.SignInAttempt.lookup == lookup).failures == 4
    assert audit.events(store)[-1].event == "sign_in_waiting"

    clock.set_now(TEST_NOW + timedelta(seconds=2))  # the row is 31 seconds old: ignored
    assert sign_in(store, "Sam", TEST_PIN).name == "Sam" and len(derived) == 1
    assert m.SignInCheck.select().count() == 0  # and cleared away

    # A row from a clock far ahead (set back since) strands nothing either.
    m.SignInCheck.create(lookup=lookup, started_at=clock.now() + timedelta(hours=1))
    _misses(store, 4)
    assert sign_in(store, "Sam", TEST_PIN).name == "Sam"


def test_pin_checks_in_an_open_plan_wait_their_turn_too(store, plan, monkeypatch):
    monkeypatch.setattr(attempts, "TURN_DEADLINE_SECONDS", 0.3)
    _misses(store, 4)
    m.SignInCheck.create(lookup=_lookup(), started_at=TEST_NOW)
    for attempt in (lambda: plan.change_pin(TEST_PIN, "a-new-pin-77"),
                    lambda: plan.new_recovery_codes(TEST_PIN), lambda: plan.delete(TEST_PIN)):
        with pytest.raises(SignInWaitError, match="being checked right now"):
            attempt()
    m.SignInCheck.delete().execute()
    plan.change_pin(TEST_PIN, "a-new-pin-77")
    assert sign_in(store, "Sam", "a-new-pin-77").name == "Sam"
