"""Making a plan and signing in with a name and PIN."""

from __future__ import annotations

import sqlite3

import pytest

from tests.conftest import TEST_PIN, all_rows
from tui.store import InputError, NameTakenError, SignInError, create_person, pins, sign_in
from tui.store.pins import PIN_MAX, PIN_MIN, Argon2Cost


def test_sign_in_opens_the_same_plan(store, plan):
    goal = plan.add_goal("Find a place")
    again = sign_in(store, "Sam", TEST_PIN)
    assert again.person_id == plan.person_id and again.name == "Sam"
    assert [g.id for g in again.goals()] == [goal.id]


@pytest.mark.parametrize("typed", ["sam", "  sam ", "SAM", "\tSam\n", "\uff33am"])
def test_name_case_spacing_and_width_dont_matter(store, plan, typed):
    assert sign_in(store, typed, TEST_PIN).person_id == plan.person_id


def test_inner_spacing_is_normalised(store):
    made = create_person(store, "Mary  Ann", TEST_PIN)
    assert sign_in(store, " mary ann ", TEST_PIN).person_id == made.person_id
    assert made.name == "Mary  Ann"


def test_wrong_pin_and_unknown_name_look_alike(store, plan):
    with pytest.raises(SignInError) as wrong_pin:
        sign_in(store, "Sam", TEST_PIN + "x")
    with pytest.raises(SignInError) as unknown_name:
        sign_in(store, "Nobody", TEST_PIN)
    assert str(wrong_pin.value) == str(unknown_name.value)
    assert "name and PIN" in str(wrong_pin.value)


def test_pin_is_case_sensitive(store, plan):
    with pytest.raises(SignInError):
        sign_in(store, "Sam", TEST_PIN.upper())


@pytest.mark.parametrize("name, pin", [("", TEST_PIN), ("   ", TEST_PIN), ("Sam", "")])
def test_blank_sign_in_asks_for_what_is_missing(store, plan, name, pin):
    with pytest.raises(InputError):
        sign_in(store, name, pin)


@pytest.mark.parametrize("pin", ["", "12345", "x" * (PIN_MAX + 1), " " * 8])
def test_bad_new_pins_are_refused(store, pin):
    with pytest.raises(InputError):
        create_person(store, "Sam", pin)
    with pytest.raises(SignInError):
        sign_in(store, "Sam", "123456")


def test_pin_length_limits_are_inclusive(store):
    shortest, longest = "q7#m2z"[:PIN_MIN], ("walk to the river " * 8)[:PIN_MAX]
    create_person(store, "Short", shortest)
    create_person(store, "Long", longest)
    assert sign_in(store, "short", shortest).name == "Short"
    assert sign_in(store, "long", longest).name == "Long"


@pytest.mark.parametrize("name", ["Sam", "sam", " SAM ", "\uff53\uff41\uff4d"])
def test_taken_name_suggests_adding_something(store, plan, name):
    with pytest.raises(NameTakenError) as raised:
        create_person(store, name, "another-pin")
    assert "Add something" in str(raised.value)
    assert sign_in(store, "Sam", TEST_PIN).person_id == plan.person_id
    with pytest.raises(SignInError):
        sign_in(store, "Sam", "another-pin")


def test_name_can_be_made_distinct(store, plan):
    other = create_person(store, "Sam R", "another-pin")
    assert other.person_id != plan.person_id
    assert sign_in(store, "sam r", "another-pin").person_id == other.person_id


@pytest.mark.parametrize("name", ["", "  ", "n" * 81])
def test_bad_names_are_refused(store, name):
    with pytest.raises(InputError):
        create_person(store, name, TEST_PIN)


def test_hash_never_contains_the_pin():
    for pin in (TEST_PIN, "123456", "a" * 40):
        hashed = pins.hash_pin(pin)
        assert pin not in hashed
        assert hashed.startswith("$argon2id$")
        assert pins.verify_pin(pin, hashed)
        assert not pins.verify_pin(pin + "!", hashed)
    assert pins.hash_pin(TEST_PIN) != pins.hash_pin(TEST_PIN)  # salted


def test_hash_made_at_another_cost_still_verifies():
    older = pins.hash_pin(TEST_PIN, Argon2Cost(memory_kib=16, passes=3, lanes=2))
    assert pins.KDF_COST != Argon2Cost(memory_kib=16, passes=3, lanes=2)
    assert "$m=16,t=3,p=2$" in older
    assert pins.verify_pin(TEST_PIN, older)
    assert not pins.verify_pin("pin-654321", older)


@pytest.mark.parametrize("stored", [None, "", "garbage", "bcrypt$1$1$1$AAAA$AAAA", "$argon2id$v=19$m=8,t=1,p=1$AAAA$AAAA"])
def test_verify_refuses_missing_or_odd_hashes(stored):
    assert not pins.verify_pin(TEST_PIN, stored)


def test_sign_in_after_the_cost_is_raised(store, plan, monkeypatch):
    monkeypatch.setattr(pins, "KDF_COST", Argon2Cost(memory_kib=64, passes=3, lanes=1))
    assert sign_in(store, "Sam", TEST_PIN).person_id == plan.person_id


# A name with a space: no base64 or hex text holds one, so a sealed value or a
# random byte run can't hold it by chance (a bare "Sam" did, now and then).
SPACED_NAME = "Sam Ortiz"


def test_the_database_holds_neither_name_nor_pin(store):
    create_person(store, SPACED_NAME, TEST_PIN)
    ((lookup, name_sealed, kdf, pin_wrap),) = store.db.execute_sql(
        "SELECT lookup, name_sealed, kdf, pin_wrap FROM person").fetchall()
    assert "sam" not in lookup.lower() and len(lookup) == 64  # a keyed hash, hex
    assert SPACED_NAME not in name_sealed and kdf.startswith("argon2id$")
    assert TEST_PIN not in pin_wrap
    stored = repr(all_rows(store.db))
    assert SPACED_NAME not in stored and TEST_PIN not in stored


@pytest.mark.sqlite_only("a SQLite file's bytes")
def test_database_file_holds_neither_name_nor_pin(store):
    create_person(store, SPACED_NAME, TEST_PIN)
    connection = sqlite3.connect(store.path)
    try:
        ((lookup, name_sealed, kdf, pin_wrap),) = connection.execute(
            "SELECT lookup, name_sealed, kdf, pin_wrap FROM person").fetchall()
    finally:
        connection.close()
    assert SPACED_NAME not in name_sealed and TEST_PIN not in pin_wrap
    store.close()
    for path in store.path.parent.iterdir():
        if path.name.startswith(store.path.name) and not path.name.endswith("site-key"):
            data = path.read_bytes()
            assert TEST_PIN.encode() not in data and SPACED_NAME.encode() not in data


def test_a_name_with_a_broken_character_is_a_clear_error(store, plan):
    with pytest.raises(InputError):
        sign_in(store, "Sam\udcff", TEST_PIN)
