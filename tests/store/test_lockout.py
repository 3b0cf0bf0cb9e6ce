"""Tries that can't be turned against the person, and reading that never
waits on writing (issue 17): wrong recovery codes never feed the PIN's waits,
PIN waits end within an hour and staff can end one, no name can be probed
through the audit trail or the new-plan form, and a sign-in whose try can't be
written still opens the plan, to read."""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from contextlib import contextmanager
from datetime import datetime, timedelta

import pytest

from tests.conftest import ON_POSTGRESQL, TEST_NOW, TEST_PIN
from tui.store import (
    NameTakenError, SignInError, SignInWaitError, attempts, audit, clock, create_person, crypto,
    sign_in, sign_in_with_code,
)
from tui.store import models as m
from tui.store.plans import pin_check as plans  # where the sign-in write deadline is
from tui.store.db import LOCK_CLASS
from tui.store.plans import unlock_name

NEW_PIN = "a fresh start 21"
WRONG_CODE = "AAAAA-BBBBB-CCCCC-DDDDD"


def _wrong_codes(store, name: str, count: int, wait_out: bool = True) -> list[str]:
    """Try `count` wrong codes for `name` (waiting out each wait, unless not
    `wait_out`): the outcomes."""
    outcomes = []
    for _ in range(count):
        try:
            sign_in_with_code(store, name, WRONG_CODE, NEW_PIN)
        except SignInWaitError as error:
            outcomes.append("wait")
            if wait_out:
                clock.set_now(clock.now() + timedelta(seconds=error.wait_seconds))
        except SignInError:
            outcomes.append("wrong")
    return outcomes


# ----------------------------------------------------------------------------
# Recovery codes


def test_twenty_wrong_codes_then_the_right_pin_opens_at_once(store, plan):
    outcomes = _wrong_codes(store, "Sam", 20, wait_out=False)  # as fast as they can be typed
    assert "wrong" in outcomes
    opened = sign_in(store, "Sam", TEST_PIN)  # no wait: a code can't be guessed
    assert opened.person_id == plan.person_id
    assert m.SignInAttempt.get_or_none(
        m.SignInAttempt.lookup == crypto.name_lookup(store.site_key, "sam")) is None


def test_wrong_codes_are_waited_per_terminal(store, plan, monkeypatch):
    monkeypatch.setenv("SSH_CLIENT", "203.0.113.9 51234 22")
    for _ in range(attempts.CODE_WAITS_FROM - 1):
        with pytest.raises(SignInError):
            sign_in_with_code(store, "Sam", WRONG_CODE, NEW_PIN)
    with pytest.raises(SignInWaitError) as fifth:
        sign_in_with_code(store, "Sam", WRONG_CODE, NEW_PIN)
    assert fifth.value.wait_seconds == attempts.CODE_WAIT_SECONDS
    with pytest.raises(SignInWaitError, match="typed here"):  # even the right code, from here
        sign_in_with_code(store, "Sam", plan.recovery_codes[0], NEW_PIN)
    # Another terminal is not held up, and the PIN never was.
    monkeypatch.setenv("SSH_CLIENT", "198.51.100.7 40000 22")
    assert sign_in(store, "Sam", TEST_PIN).person_id == plan.person_id
    opened = sign_in_with_code(store, "Sam", plan.recovery_codes[0], NEW_PIN)
    assert opened.person_id == plan.person_id
    # The waits for codes stay short: a minute at most.
    assert max(attempts.code_wait_after(n) for n in range(100)) == 60


def test_wrong_codes_for_one_name_never_hold_up_another_names_code_here(store, plan, monkeypatch):
    """A shared kiosk is one terminal (and every browser behind one address
    was): wrong codes typed for one name must not make the next person, typing
    their own right code for their own name, wait."""
    monkeypatch.setenv("SSH_CLIENT", "203.0.113.9 51234 22")
    other = create_person(store, "Alex", TEST_PIN)
    for _ in range(attempts.CODE_WAITS_FROM + 3):
        with pytest.raises(SignInError):  # wrong, then waits
            sign_in_with_code(store, "Sam", WRONG_CODE, NEW_PIN)
    opened = sign_in_with_code(store, "Alex", other.recovery_codes[0], NEW_PIN)
    assert opened.person_id == other.person_id
    with pytest.raises(SignInWaitError, match="typed here for this name"):
        sign_in_with_code(store, "Sam", plan.recovery_codes[0], NEW_PIN)


def test_a_wrong_code_for_a_name_with_no_plan_counts_the_same(store, plan, monkeypatch):
    for name in ("Sam", "Nobody Here"):
        monkeypatch.setenv("SSH_CLIENT", f"203.0.113.{len(name)} 1 22")
        assert _wrong_codes(store, name, attempts.CODE_WAITS_FROM) == \
            ["wrong"] * (attempts.CODE_WAITS_FROM - 1) + ["wait"]


# ----------------------------------------------------------------------------
# PIN waits: an hour at most, in UTC, and staff can end one


def test_pin_waits_end_within_an_hour(store, plan):
    longest = 0
    for _ in range(40):
        try:
            sign_in(store, "Sam", "not-the-pin-1")
        except SignInWaitError as error:
            longest = max(longest, error.wait_seconds)
            clock.set_now(clock.now() + timedelta(seconds=error.wait_seconds))
        except SignInError:
            pass
    assert longest == 60 * 60
    clock.set_now(clock.now() + timedelta(hours=1))
    assert sign_in(store, "Sam", TEST_PIN).person_id == plan.person_id


def test_a_day_long_wait_stored_by_an_older_version_ends_within_the_hour(store, plan):
    lookup = crypto.name_lookup(store.site_key, "sam")
    store.write(lambda: m.SignInAttempt.create(
        lookup=lookup, failures=17, wait_until=TEST_NOW + timedelta(hours=24), last_at=TEST_NOW))
    assert attempts.seconds_left(lookup) == 60 * 60
    clock.set_now(TEST_NOW + timedelta(hours=1, seconds=1))
    assert sign_in(store, "Sam", TEST_PIN).person_id == plan.person_id


def test_waits_are_kept_in_utc_whatever_the_timezone(store, plan, monkeypatch):
    clock.set_now(None)  # the real clock: its time zone is what is tested
    was = os.environ.get("TZ")
    try:
        monkeypatch.setenv("TZ", "Pacific/Kiritimati")  # UTC+14
        time.tzset()
        for _ in range(attempts.SHORT_WAITS_FROM):
            with pytest.raises(SignInError):
                sign_in(store, "Sam", "not-the-pin-1")
        lookup = crypto.name_lookup(store.site_key, "sam")
        monkeypatch.setenv("TZ", "Pacific/Pago_Pago")  # UTC-11: 25 hours behind
        time.tzset()
        assert 0 < attempts.seconds_left(lookup) <= attempts.SHORT_WAIT_SECONDS
    finally:
        if was is None:
            monkeypatch.delenv("TZ", raising=False)
        else:
            monkeypatch.setenv("TZ", was)
        time.tzset()


def test_staff_can_end_a_wait_and_it_is_audited(store, plan):
    for _ in range(12):
        try:
            sign_in(store, "Sam", "not-the-pin-1")
        except SignInWaitError as error:
            clock.set_now(clock.now() + timedelta(seconds=error.wait_seconds))
        except SignInError:
            pass
    with pytest.raises(SignInWaitError):  # one more miss: a wait of an hour starts
        sign_in(store, "Sam", "not-the-pin-1")
    with pytest.raises(SignInWaitError):
        sign_in(store, "Sam", TEST_PIN)
    assert unlock_name(store, " SAM ") is True
    assert sign_in(store, "Sam", TEST_PIN).person_id == plan.person_id
    assert unlock_name(store, "Sam") is False  # nothing left to clear
    unlocked = [e for e in audit.events(store) if e.event == "unlocked"]
    assert len(unlocked) == 2 and unlocked[0].person_id == plan.person_id


# ----------------------------------------------------------------------------
# No name probing


def _failed_rows(store):
    return [(e.event, e.person_id, e.terminal, len(e.detail)) for e in audit.events(store)
            if e.event in ("sign_in_failed", "recovery_code_failed", "sign_in_waiting")]


def test_wrong_tries_are_audited_alike_for_names_with_and_without_a_plan(store, new_db,
                                                                         monkeypatch):
    def tries(name: str) -> list:
        for _ in range(attempts.SHORT_WAITS_FROM + 1):
            try:
                sign_in(store, name, "not-the-pin-1")
            except SignInError:
                pass
        with pytest.raises(SignInError):
            sign_in_with_code(store, name, WRONG_CODE, NEW_PIN)
        return _failed_rows(store)

    create_person(store, "Sam", TEST_PIN)
    with_plan = tries("Sam")
    store.write(lambda: m.AuditEvent.delete().where(m.AuditEvent.event != "plan_created")
                .execute())
    without_plan = tries("Nobody Here")
    assert with_plan == without_plan
    assert all(person is None for _event, person, _terminal, _detail in with_plan)
    # Staff still see one name's tries together: the same mark each time.
    marks = {e.detail for e in audit.events(store) if e.event == "sign_in_failed"}
    assert marks == {crypto.audit_tag(store.site_key, crypto.name_lookup(store.site_key,
                                                                         "nobody here"))}


def test_a_taken_name_at_new_plan_is_counted_waited_and_audited(store, plan):
    for _ in range(attempts.SHORT_WAITS_FROM - 1):
        with pytest.raises(NameTakenError, match="already has a plan"):
            create_person(store, "Sam", "another-pin-1")
    with pytest.raises(NameTakenError, match="Please wait 5 seconds"):
        create_person(store, "sam", "another-pin-1")
    with pytest.raises(NameTakenError, match="Too many tries"):  # waited: not even looked up
        create_person(store, "Sam", "another-pin-1")
    with pytest.raises(SignInWaitError):  # the same count as a wrong PIN
        sign_in(store, "Sam", TEST_PIN)
    taken = [e for e in audit.events(store) if e.event == "name_taken"]
    assert len(taken) == attempts.SHORT_WAITS_FROM and {e.person_id for e in taken} == {None}
    # A free name is made as before, and a staff command (demo) is not counted.
    assert create_person(store, "Alex", "another-pin-1").name == "Alex"


# ----------------------------------------------------------------------------
# Reading never waits on writing


@contextmanager
def write_lock_held(store):
    """Another session holds the database's write lock (SQLite: an open
    IMMEDIATE transaction; PostgreSQL: the whole database's advisory lock)."""
    if ON_POSTGRESQL:
        import psycopg

        from tests.conftest import TEST_DB_URL, _with_database

        name = store.db.database
        holder = psycopg.connect(_with_database(TEST_DB_URL, name), autocommit=True)
        holder.execute("SELECT pg_advisory_lock(%s, 0)", (LOCK_CLASS,))
        try:
            yield
        finally:
            holder.execute("SELECT pg_advisory_unlock(%s, 0)", (LOCK_CLASS,))
            holder.close()
        return
    holder = sqlite3.connect(store.path, isolation_level=None, timeout=5)
    holder.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        holder.execute("ROLLBACK")
        holder.close()


@pytest.fixture
def short_write_wait(monkeypatch):
    from tui.store import db

    monkeypatch.setattr(plans, "SIGN_IN_WRITE_SECONDS", 0.3)
    monkeypatch.setattr(db, "WRITE_DEADLINE_SECONDS", 0.6)  # a wrong try's own wait


def test_a_sign_in_while_another_session_holds_the_database_opens_the_plan_to_read(
        store, plan, short_write_wait):
    plan.save_section("crisis", {"warning_signs": "I stop answering the phone"})
    with write_lock_held(store):
        started = time.monotonic()
        opened = sign_in(store, "Sam", TEST_PIN)
        took = time.monotonic() - started
        assert opened.read_only_note and "open to read" in opened.read_only_note
        assert opened.section("crisis").fields["warning_signs"] == "I stop answering the phone"
    assert took < 3  # not the 4.5 s of a save's wait, twice over
    again = sign_in(store, "Sam", TEST_PIN)
    assert again.read_only_note is None
    again.save_section("crisis", {"warning_signs": "Saved once the lock is gone"})


def test_wrong_pins_that_cant_be_written_are_counted_in_memory_then_written(
        store, plan, short_write_wait, monkeypatch):
    """A disk that takes no writes (full, say): the waits still come, counted
    in this process, and are written down with the next write that works."""
    from tui.store import DatabaseError

    lookup = crypto.name_lookup(store.site_key, "sam")
    real_write = type(store).write

    def no_room(self, operation, **options):
        raise DatabaseError("The disk is full, so nothing more can be saved.")

    monkeypatch.setattr(type(store), "write", no_room)
    for _ in range(attempts.SHORT_WAITS_FROM - 1):
        with pytest.raises(SignInError) as raised:
            sign_in(store, "Sam", "not-the-pin-1")
        assert not isinstance(raised.value, SignInWaitError)
    with pytest.raises(SignInWaitError):  # the fifth brings a wait, as always
        sign_in(store, "Sam", "not-the-pin-1")
    with pytest.raises(SignInWaitError, match="Too many tries"):  # and it is kept
        sign_in(store, "Sam", TEST_PIN)
    monkeypatch.setattr(type(store), "write", real_write)
    assert m.SignInAttempt.get_or_none(m.SignInAttempt.lookup == lookup) is None
    clock.set_now(clock.now() + timedelta(seconds=attempts.SHORT_WAIT_SECONDS))
    with pytest.raises(SignInWaitError):  # the sixth miss: written with the five before it
        sign_in(store, "Sam", "not-the-pin-1")
    assert m.SignInAttempt.get(m.SignInAttempt.lookup == lookup).failures == 6


def test_while_the_database_is_held_only_a_name_with_no_misses_is_checked_unwritten(
        store, plan, short_write_wait, monkeypatch):
    """Busy may be many tries at once keeping it busy: after one miss counted
    in memory, the next try waits for the database instead of being checked."""
    monkeypatch.setattr(attempts, "TURN_DEADLINE_SECONDS", 0.3)
    lookup = crypto.name_lookup(store.site_key, "sam")
    with write_lock_held(store):
        with pytest.raises(SignInError) as raised:
            sign_in(store, "Sam", "not-the-pin-1")
        assert not isinstance(raised.value, SignInWaitError)
        with pytest.raises(SignInWaitError, match="being checked right now"):
            sign_in(store, "Sam", TEST_PIN)
    assert sign_in(store, "Sam", TEST_PIN).read_only_note is None  # once the database is free
    assert m.SignInAttempt.get_or_none(m.SignInAttempt.lookup == lookup) is None  # cleared


def test_a_crisis_lookup_during_a_big_import_succeeds_and_is_not_refused_as_busy(
        store, plan):
    """Another session signs in while a 1,200-goal import is under way: its
    try is written (no read-only note), and the import still ends whole."""
    from tests.store.big_plan import big_plan_text
    from tui.store import transfer

    plan.save_section("crisis", {"warning_signs": "Payday"})
    plan_file = transfer.read_document(big_plan_text("Big Import", 1200).encode())
    under_way, looked_up = threading.Event(), threading.Event()
    real_saved = transfer._saved
    writes = []

    def saved(store_, operation):
        result = real_saved(store_, operation)
        writes.append(1)
        if len(writes) == 3:  # the plan aside and two batches of goals are in
            under_way.set()
            looked_up.wait(timeout=60)
        return result

    outcome = {}

    def run_import():
        clock.set_now(TEST_NOW)  # this thread's clock too
        try:
            outcome["plan"] = transfer.import_plan(store, plan_file, "a-long-pin-77")
        except Exception as error:  # noqa: BLE001 - reported below
            outcome["error"] = error
        finally:
            under_way.set()

    transfer_saved = pytest.MonkeyPatch()
    transfer_saved.setattr(transfer, "_saved", saved)
    importer = threading.Thread(target=run_import)
    try:
        importer.start()
        assert under_way.wait(timeout=120)
        opened = sign_in(store, "Sam", TEST_PIN)
        assert opened.read_only_note is None  # its try was written: nothing waited long
        assert opened.section("crisis").fields["warning_signs"] == "Payday"
        with pytest.raises(SignInError):  # the half-made plan can't be opened
            sign_in(store, "Big Import", "a-long-pin-77")
    finally:
        looked_up.set()
        importer.join(timeout=300)
        transfer_saved.undo()
    assert "error" not in outcome, outcome.get("error")
    assert len(outcome["plan"].goals()) == 1200


def test_an_import_writes_each_goal_once_in_short_transactions(store, monkeypatch):
    """Linear, not quadratic: the statements and rows written per goal don't
    grow with the file, and no transaction holds more than IMPORT_BATCH_GOALS goals."""
    import peewee

    from tests.store.big_plan import big_plan_text
    from tui.store import transfer

    work = []
    real_execute = peewee.Database.execute_sql
    real_insert_rows = transfer._insert_rows

    def counted(self, sql, *args, **kwargs):
        work.append(1)
        return real_execute(self, sql, *args, **kwargs)

    def counted_rows(model, rows):
        work.extend([1] * len(rows))
        return real_insert_rows(model, rows)

    goals_per_write = []
    real_saved = transfer._saved

    def saved(store_, operation):
        before = m.Goal.select().count()
        result = real_saved(store_, operation)
        goals_per_write.append(m.Goal.select().count() - before)
        return result

    monkeypatch.setattr(peewee.Database, "execute_sql", counted)
    monkeypatch.setattr(transfer, "_insert_rows", counted_rows)
    monkeypatch.setattr(transfer, "_saved", saved)
    counts = {}
    for goals in (120, 1200):
        work.clear()
        plan_file = transfer.read_document(big_plan_text(f"Plan {goals}", goals).encode())
        made = transfer.import_plan(store, plan_file, "a-long-pin-77")
        counts[goals] = len(work)
        assert len(made.goals()) == goals
    assert counts[1200] <= 10.5 * counts[120], counts
    assert max(goals_per_write) == transfer.IMPORT_BATCH_GOALS


def test_an_import_that_fails_leaves_nothing_aside(store, monkeypatch):
    from tests.store.big_plan import big_plan_text
    from tests.conftest import all_rows
    from tui.store import transfer

    create_person(store, "Sam", TEST_PIN)
    before = all_rows(store.db)
    calls = []
    real = transfer._add_goals

    def failing(*args):
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("a bug, half way")
        return real(*args)

    monkeypatch.setattr(transfer, "_add_goals", failing)
    with pytest.raises(transfer.ImportFileError):
        transfer.import_plan(store, transfer.read_document(
            big_plan_text("Half", 400).encode()), "a-long-pin-77")
    assert all_rows(store.db) == before


def test_a_plan_left_aside_by_a_killed_import_is_removed_by_the_next(store):
    from tests.store.big_plan import big_plan_text
    from tui.store import transfer

    stale = store.write(lambda: m.Person.create(
        lookup=transfer.ASIDE + "left-by-a-killed-import", name_sealed="",
        created_at=TEST_NOW - timedelta(hours=2)))
    transfer.import_plan(store, transfer.read_document(big_plan_text("Next", 3).encode()),
                         "a-long-pin-77")
    assert m.Person.get_or_none(m.Person.lookup == stale.lookup) is None
    assert [row.lookup.startswith(transfer.ASIDE) for row in m.Person.select()] == [False]


def test_clock_utc_now_is_utc():
    clock.set_now(None)
    from datetime import timezone

    assert abs((clock.utc_now() - datetime.now(timezone.utc).replace(tzinfo=None))
               .total_seconds()) < 5


# ----------------------------------------------------------------------------
# What a copy of the database shows


def test_a_copy_does_not_tell_which_toolkit_questions_were_answered(store):
    from tui.content.toolkit import TOOLKIT

    first = TOOLKIT[0].questions[0].key
    quiet = create_person(store, "Sam", TEST_PIN)
    answered = create_person(store, "Alex", TEST_PIN)
    answered.save_toolkit_answer(first, "My dog")

    def rows(person_id: int) -> list[tuple[str, int]]:
        return sorted((row.question, len(row.answer)) for row in m.ToolkitAnswer.select().where(
            m.ToolkitAnswer.person == person_id))

    assert rows(quiet.person_id) == rows(answered.person_id)
    assert len(rows(quiet.person_id)) == sum(len(group.questions) for group in TOOLKIT)
    assert quiet.toolkit_answers() == {}
    assert answered.toolkit_answers() == {first: "My dog"}
    answered.save_toolkit_answer(first, "")  # a blank saved is still an answer given
    assert answered.toolkit_answers() == {first: ""}


# ----------------------------------------------------------------------------
# PINs that are one guess


@pytest.mark.parametrize("pin", ["121212", "242424", "010190", "19871987", "abcabc",
                                 "123123", "31121999", "1987-06-05", "12/12/12", "90909090"])
def test_repeated_pairs_short_blocks_and_dates_are_refused_as_pins(store, pin):
    from tui.store import InputError

    with pytest.raises(InputError, match="most common"):
        create_person(store, "Sam", pin)


@pytest.mark.parametrize("pin", ["975310", "482915", "pin-123456", "a new pin 42", "48291735"])
def test_pins_that_are_not_patterns_are_kept(store, pin):
    assert create_person(store, f"Sam {pin}", pin).name == f"Sam {pin}"
