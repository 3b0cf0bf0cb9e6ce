"""Encryption at rest: a copied database file (its WAL and a backup too)
holds none of a plan's words, a sealed value only opens where it was stored,
the site key belongs to one database, and plans stored before encryption are
sealed by the upgrade and keep working with their old PIN."""

from __future__ import annotations

import re
import sqlite3
import stat

import peewee
import pytest

from tests.conftest import TEST_PIN, all_rows, open_test_store
from tui.content import demo as demo_content
from tui.demo import create_demo
from tui.store import DatabaseError, create_person, crypto, migrations, open_store, pins, sign_in
from tui.store.db import default_site_key_path


def demo_words() -> set[str]:
    """Every word of 7 letters or more the demo plan holds (shorter ones could
    turn up in random ciphertext by chance)."""
    texts: list[str] = []

    def collect(value) -> None:
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                collect(item)
        elif isinstance(value, (list, tuple)):
            for item in value:
                collect(item)

    for name in dir(demo_content):
        if name.isupper():
            collect(getattr(demo_content, name))
    return {word for text in texts for word in re.findall(r"[A-Za-z]{7,}", text)}


def files_of(path) -> list:
    return [p for p in path.parent.iterdir() if p.name.startswith(path.name)
            and not p.name.endswith(".site-key")]


def test_no_word_of_the_demo_plan_is_in_any_row(store):
    create_demo(store)
    from tui.content.toolkit import QUESTION_KEYS

    words = {word for word in demo_words() if word.lower() not in " ".join(QUESTION_KEYS).lower()}
    stored = repr(all_rows(store.db))
    assert "Demo" not in stored and "demo" not in stored
    found = [word for word in words if word in stored]
    assert found == [], f"the rows hold {found[:5]}"


@pytest.mark.sqlite_only("a SQLite file's bytes, its WAL and a backup")
def test_no_word_of_the_demo_plan_is_on_disk(store, tmp_path):
    create_demo(store)
    # The app's own names (columns like naloxone_where, toolkit keys like
    # coping.ten_minutes) are not the person's words.
    from tui.content.toolkit import QUESTION_KEYS

    app_names = " ".join([*QUESTION_KEYS, *(row[0] or "" for row in store.db.execute_sql(
        "SELECT sql FROM sqlite_master"))]).lower()
    words = {word for word in demo_words() if word.lower() not in app_names}
    assert len(words) > 30 and "Craigslist" in words
    backup = tmp_path / "backup.sqlite3"
    source = sqlite3.connect(store.path)
    target = sqlite3.connect(backup)
    source.backup(target)
    target.close()
    assert (store.path.parent / (store.path.name + "-wal")).stat().st_size > 0  # words went through it
    source.execute("PRAGMA wal_checkpoint(FULL)")
    source.close()
    for path in [*files_of(store.path), backup]:
        data = path.read_bytes().decode("latin-1")
        found = [word for word in words if word in data]
        assert found == [], f"{path.name} holds {found[:5]}"
    assert sign_in(store, "demo", demo_content.DEMO_PIN).section("vision").fields["vision"] == demo_content.VISION


def test_a_sealed_value_moved_to_another_row_does_not_open(store, plan):
    first = plan.add_goal("First goal")
    plan.add_goal("Second goal")
    store.db.execute_sql(
        f"UPDATE goal SET text = (SELECT text FROM goal WHERE id = {first.id}) WHERE id != {first.id}")
    with pytest.raises(DatabaseError, match="can't be read"):
        plan.goals()


def test_a_changed_sealed_value_is_a_clear_error(store, plan):
    plan.save_section("vision", {"vision": "A home"})
    store.db.execute_sql("UPDATE vision SET vision = 'AAAA' || substr(vision, 5)")
    with pytest.raises(DatabaseError, match="can't be read"):
        plan.section("vision")


def test_the_site_key_file_is_made_for_its_owner_only(store, plan):
    key_path = store.site_key_path
    assert stat.S_IMODE(key_path.stat().st_mode) == 0o600
    assert len(key_path.read_bytes()) == crypto.KEY_BYTES
    assert crypto.site_key_problem(key_path) is None
    key_path.chmod(0o644)
    assert "chmod 600" in crypto.site_key_problem(key_path)


def test_another_site_key_is_refused_and_changes_nothing(store, plan, db_location, tmp_path):
    before = all_rows(store.db)
    store.close()
    other = tmp_path / "other.key"
    other.write_bytes(b"k" * crypto.KEY_BYTES)
    with pytest.raises(DatabaseError, match="does not belong"):
        open_test_store(db_location, site_key_path=other)
    store = open_test_store(db_location)
    assert all_rows(store.db) == before
    store.close()


@pytest.mark.sqlite_only("a SQLite file's bytes")
def test_another_site_key_leaves_the_file_byte_for_byte(store, plan, db_path, tmp_path):
    store.close()
    before = db_path.read_bytes()
    other = tmp_path / "other.key"
    other.write_bytes(b"k" * crypto.KEY_BYTES)
    with pytest.raises(DatabaseError, match="does not belong"):
        open_store(db_path, site_key_path=other)
    assert db_path.read_bytes() == before


def test_a_missing_site_key_is_never_replaced_by_a_new_one(store, plan, db_location):
    store.close()
    key_path = store.site_key_path
    key_path.unlink()
    with pytest.raises(DatabaseError, match="missing"):
        open_test_store(db_location)
    assert not key_path.exists()


@pytest.mark.sqlite_only("the site key file beside the SQLite file")
def test_the_site_key_can_live_elsewhere(db_path, tmp_path):
    key_path = tmp_path / "keys" / "site.key"
    key_path.parent.mkdir()
    store = open_store(db_path, site_key_path=key_path)
    create_person(store, "Sam", TEST_PIN)
    store.close()
    assert key_path.exists() and not default_site_key_path(db_path).exists()
    store = open_store(db_path, site_key_path=key_path)
    assert sign_in(store, "Sam", TEST_PIN).name == "Sam"
    store.close()


def test_without_the_site_key_the_pin_alone_opens_nothing(store, plan):
    person = store.db.execute_sql("SELECT id, kdf, pin_wrap FROM person").fetchone()
    salt, cost = crypto.decode_kdf(person[1])
    wrong_site = b"\0" * crypto.KEY_BYTES
    key = crypto.pin_key(TEST_PIN, salt, cost, wrong_site)
    assert crypto.unwrap(key, person[2], f"person/{person[0]}/pin") is None
    right = crypto.pin_key(TEST_PIN, salt, cost, store.site_key)
    assert crypto.unwrap(right, person[2], f"person/{person[0]}/pin") is not None


# ----------------------------------------------------------------------------
# Plans stored before encryption (schema 2) are sealed by the upgrade

V2_WORDS = ("Somewhere quiet with a garden", "Calling Marguerite", "Telephone booth by the library",
            "Pelican Crossing Counseling", "Whistling helps", "Reminder about breathing")


def make_version_2_database(path) -> None:
    database = peewee.SqliteDatabase(str(path), pragmas={"journal_mode": "wal"})
    database.connect()
    database.execute_sql(migrations._SCHEMA_INFO)
    for migrate in migrations.MIGRATIONS[:2]:
        migrate(database, b"")
    database.execute_sql("INSERT INTO schema_info (version) VALUES (2)")
    when = "2026-01-02 10:00:00"
    run = database.execute_sql
    run("INSERT INTO person (id, name, name_key, pin_hash, created_at) VALUES (1, 'Rosa Diaz', 'rosa diaz', ?, ?)",
        (pins.hash_pin(TEST_PIN), when))
    run("INSERT INTO person (id, name, name_key, pin_hash, created_at) VALUES (2, 'Lee', 'lee', ?, ?)",
        (pins.hash_pin("other-pin-99"), when))
    run("INSERT INTO vision (person_id, revision, updated_at, vision) VALUES (1, 1, ?, ?)", (when, V2_WORDS[0]))
    run("INSERT INTO goal (id, person_id, text, term, importance, timeline, status, created_at, updated_at)"
        " VALUES (7, 1, ?, 'short', 1, 1, 'active', ?, ?)", (V2_WORDS[1], when, when))
    run("INSERT INTO step (goal_id, position, specific, measurable, achievable, when_text, due_date,"
        " bring, done, created_at, updated_at) VALUES (7, 1, ?, 'twice', 'I can', 'Friday', '2026-11-27',"
        " 'notes', 0, ?, ?)", (V2_WORDS[2], when, when))
    run("INSERT INTO contact (person_id, position, name, relationship, roles, phone, can_text, email,"
        " reachable, notes, updated_at) VALUES (1, 1, ?, 'counselor', 'professional', '555-0100', 1, '',"
        " 'weekdays', '', ?)", (V2_WORDS[3], when))
    run("INSERT INTO toolkit_answer (person_id, question, answer, updated_at) VALUES (1, 'works.laugh', ?, ?)",
        (V2_WORDS[4], when))
    run("INSERT INTO reminder (person_id, position, text, updated_at) VALUES (1, 1, ?, ?)", (V2_WORDS[5], when))
    run("PRAGMA wal_checkpoint(TRUNCATE)")
    database.close()


@pytest.mark.sqlite_only("a SQLite file from before encryption (PostgreSQL came later)")
def test_upgrading_seals_every_plan_and_leaves_no_plaintext(db_path):
    make_version_2_database(db_path)
    assert V2_WORDS[0].encode() in db_path.read_bytes()
    store = open_store(db_path)
    store.close()
    for path in files_of(db_path):
        data = path.read_bytes()
        for text in (*V2_WORDS, "Rosa Diaz", "rosa diaz"):
            assert text.encode() not in data, f"{text!r} left in {path.name}"

    store = open_store(db_path)
    try:
        assert store.check()[0]
        plan = sign_in(store, "rosa diaz", TEST_PIN)
        assert plan.name == "Rosa Diaz"
        assert len(plan.recovery_codes) == 8  # offered once, at the first sign-in
        assert plan.section("vision").fields["vision"] == V2_WORDS[0]
        (goal,) = plan.goals()
        assert goal.text == V2_WORDS[1] and goal.next_step.specific == V2_WORDS[2]
        assert goal.next_step.when_text == "Friday"
        (contact,) = plan.contacts()
        assert contact.name == V2_WORDS[3] and contact.roles == {"professional"} and contact.can_text
        assert plan.toolkit_answers() == {"works.laugh": V2_WORDS[4]}
        assert [r.text for r in plan.reminders()] == [V2_WORDS[5]]
        legacy = store.db.execute_sql(
            "SELECT legacy_pin_hash, legacy_wrap FROM person WHERE id = 1").fetchone()
        assert legacy == (None, None)
        again = sign_in(store, "Rosa Diaz", TEST_PIN)
        assert again.recovery_codes == () and again.goals()[0].text == V2_WORDS[1]
        assert sign_in(store, "Lee", "other-pin-99").name == "Lee"  # not signed in yet: still legacy
    finally:
        store.close()


@pytest.mark.sqlite_only("a SQLite file from before encryption (PostgreSQL came later)")
def test_an_upgraded_plan_refuses_a_wrong_pin(db_path):
    make_version_2_database(db_path)
    store = open_store(db_path)
    try:
        from tui.store import SignInError

        with pytest.raises(SignInError):
            sign_in(store, "Rosa Diaz", "not-her-pin")
        assert sign_in(store, "Rosa Diaz", TEST_PIN).goals()[0].text == V2_WORDS[1]
    finally:
        store.close()
