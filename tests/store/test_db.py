"""Opening, creating, refusing and checking plan databases; waiting for a busy one."""

from __future__ import annotations

import os
import sqlite3
import threading
import time

import peewee
import pytest

from tests.conftest import TEST_PIN
from tui.store import pins
from tui.store import DatabaseBusyError, DatabaseError, create_person, db, migrations, open_store, sign_in
from tui.store.models import ALL_MODELS


def wal_and_shm(path):
    return [p for p in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"))
            if p.exists()]


def make_plan_database(path):
    store = open_store(path)
    create_person(store, "Sam", TEST_PIN)
    store.close()


def test_new_database_is_at_the_latest_schema(store):
    assert store.schema_version() == migrations.LATEST >= 1
    assert migrations.schema_differences(store.db) == []
    tables = set(store.db.get_tables())
    assert {model._meta.table_name for model in ALL_MODELS} <= tables


def test_connection_settings(store):
    def pragma(name):
        return store.db.execute_sql(f"PRAGMA {name}").fetchone()[0]

    assert pragma("journal_mode") == "wal"
    assert pragma("synchronous") == 2  # FULL
    assert pragma("foreign_keys") == 1
    assert pragma("secure_delete") == 1
    assert pragma("busy_timeout") > 0


def test_reopening_runs_no_migration_twice(db_path):
    make_plan_database(db_path)
    for _ in range(2):
        store = open_store(db_path)
        try:
            rows = store.db.execute_sql("SELECT version FROM schema_info").fetchall()
            assert rows == [(migrations.LATEST,)]
            assert sign_in(store, "Sam", TEST_PIN).name == "Sam"
            assert migrations.upgrade(store.db, store.site_key) == migrations.LATEST
            assert store.check()[0]
        finally:
            store.close()


def make_newer_database(path):
    make_plan_database(path)
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE schema_info SET version = ?", (migrations.LATEST + 1,))
    connection.close()
    assert wal_and_shm(path) == []


def test_database_from_a_newer_version_is_refused_byte_for_byte(db_path):
    make_newer_database(db_path)
    before = db_path.read_bytes()
    with pytest.raises(DatabaseError, match="newer") as raised:
        open_store(db_path)
    assert "Nothing was changed" in str(raised.value)
    assert db_path.read_bytes() == before


def test_refusing_a_newer_database_leaves_no_wal_file(db_path):
    # A read-only connection to a WAL database would create -wal and -shm files.
    make_newer_database(db_path)
    with pytest.raises(DatabaseError, match="newer"):
        open_store(db_path)
    assert wal_and_shm(db_path) == []


@pytest.mark.parametrize("content", [os.urandom(8192), b"name,pin\nSam,123456\n" * 50])
def test_a_file_that_is_not_a_database_is_refused(db_path, content):
    db_path.write_bytes(content)
    with pytest.raises(DatabaseError, match="not a plan database"):
        open_store(db_path)
    assert db_path.read_bytes() == content
    assert wal_and_shm(db_path) == []


def test_another_sqlite_database_is_refused(db_path):
    connection = sqlite3.connect(db_path)
    connection.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
    connection.commit()
    connection.close()
    before = db_path.read_bytes()
    with pytest.raises(DatabaseError, match="not a plan database"):
        open_store(db_path)
    assert db_path.read_bytes() == before
    connection = sqlite3.connect(db_path)
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    connection.close()
    assert tables == {"recipes"}


def test_an_empty_file_becomes_a_new_database(db_path):
    db_path.touch()
    store = open_store(db_path, existing_only=True)
    try:
        assert store.schema_version() == migrations.LATEST
        assert store.check()[0]
    finally:
        store.close()
    assert db_path.stat().st_size > 0


def test_existing_only_refuses_a_missing_file(db_path):
    with pytest.raises(DatabaseError, match="no plan database"):
        open_store(db_path, existing_only=True)
    assert not db_path.exists()


def test_missing_folder(tmp_path):
    path = tmp_path / "not" / "there" / "plans.sqlite3"
    with pytest.raises(DatabaseError, match="doesn't exist"):
        open_store(path)
    assert not path.parent.exists()
    store = open_store(path, create_folder=True)
    try:
        assert store.check()[0]
    finally:
        store.close()
    assert path.is_file()


def test_sqlite_urls(tmp_path, monkeypatch):
    absolute = tmp_path / "abs.sqlite3"
    store = open_store(f"sqlite:///{absolute}")  # sqlite:////tmp/...
    assert store.path == absolute
    store.close()
    assert absolute.is_file()

    monkeypatch.chdir(tmp_path)
    store = open_store("sqlite:///relative.sqlite3")
    store.close()
    assert (tmp_path / "relative.sqlite3").is_file()

    with pytest.raises(DatabaseError, match="names no file"):
        open_store("sqlite:///")


def test_postgresql_is_refused():
    with pytest.raises(DatabaseError, match="SQLite files only"):
        open_store("postgresql://user@localhost/plans")


def test_check_reports_ok_and_a_dropped_table(store):
    well, line = store.check()
    assert well and line.startswith("OK")
    assert str(store.path) in line
    store.db.execute_sql("DROP TABLE contact")
    well, line = store.check()
    assert not well
    assert "contact" in line


def test_check_reports_an_old_schema_version(db_path):
    make_plan_database(db_path)
    with sqlite3.connect(db_path) as connection:
        connection.execute("UPDATE schema_info SET version = 0")
    connection.close()
    store = open_store(db_path, migrate=False)
    try:
        well, line = store.check()
        assert not well and "version 0" in line
    finally:
        store.close()


# -- another process holding the write lock -----------------------------------


@pytest.fixture
def quick_store(db_path, monkeypatch):
    """A store that waits only 50 ms for a lock at each attempt."""
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 50)
    monkeypatch.setitem(db.SQLITE_PRAGMAS, "busy_timeout", 50)
    monkeypatch.setattr(db, "WRITE_DEADLINE_SECONDS", 0.5)
    store = open_store(db_path)
    yield store
    store.close()


@pytest.fixture
def other_writer(db_path):
    """Another connection to the same file that takes the write lock."""
    connection = sqlite3.connect(db_path, timeout=0, isolation_level=None, check_same_thread=False)
    yield connection
    if connection.in_transaction:
        connection.execute("ROLLBACK")
    connection.close()


def test_write_waits_for_a_lock_that_is_released(quick_store, other_writer):
    assert quick_store.db.execute_sql("PRAGMA busy_timeout").fetchone()[0] == 50
    plan = create_person(quick_store, "Sam", TEST_PIN)
    other_writer.execute("BEGIN IMMEDIATE")
    release = threading.Timer(0.3, lambda: other_writer.execute("ROLLBACK"))
    release.start()
    started = time.monotonic()
    try:
        goal = plan.add_goal("Saved after the wait")
    finally:
        release.join()
    assert time.monotonic() - started >= 0.25
    assert [g.id for g in plan.goals()] == [goal.id]


def test_write_gives_up_with_a_plain_message(quick_store, other_writer):
    plan = create_person(quick_store, "Sam", TEST_PIN)
    other_writer.execute("BEGIN IMMEDIATE")
    with pytest.raises(DatabaseBusyError) as raised:
        plan.add_goal("Never saved")
    message = str(raised.value)
    assert "busy" in message and "try again" in message
    assert "sqlite" not in message.lower() and "locked" not in message
    other_writer.execute("ROLLBACK")
    assert plan.goals() == []
    assert plan.add_goal("Saved now").importance == 1


def test_upgrade_refuses_a_schema_made_newer_after_the_first_look(store):
    # Another process may upgrade the file between the read-only look and the migration.
    store.db.execute_sql("UPDATE schema_info SET version = ?", (migrations.LATEST + 1,))
    with pytest.raises(DatabaseError, match="newer"):
        store.write(lambda: migrations.upgrade(store.db, store.site_key))
    assert store.schema_version() == migrations.LATEST + 1


def test_a_foreign_schema_info_table_is_refused(db_path):
    with sqlite3.connect(db_path) as connection:
        connection.execute("CREATE TABLE schema_info (id INTEGER, version TEXT)")
        connection.execute("INSERT INTO schema_info VALUES (1, 'two')")
    connection.close()
    with pytest.raises(DatabaseError, match="did not write"):
        open_store(db_path)


def test_a_version_1_database_is_upgraded_with_its_plans_kept(db_path):
    # Build the database exactly as version 1 left it, with a plan in it.
    database = peewee.SqliteDatabase(str(db_path))
    database.connect()
    database.execute_sql(migrations._SCHEMA_INFO)
    migrations.MIGRATIONS[0](database, b"")
    database.execute_sql("INSERT INTO schema_info (version) VALUES (1)")
    database.execute_sql(
        "INSERT INTO person (id, name, name_key, pin_hash, created_at) VALUES (1, 'Sam', 'sam', ?, ?)",
        (pins.hash_pin(TEST_PIN), "2026-01-02 10:00:00"))
    database.execute_sql(
        "INSERT INTO goal (person_id, text, term, importance, timeline, status, created_at, updated_at)"
        " VALUES (1, 'Find a place to live', 'short', 1, 1, 'active', ?, ?)",
        ("2026-01-02 10:00:00", "2026-01-02 10:00:00"))
    database.close()

    store = open_store(db_path)
    try:
        assert store.schema_version() == migrations.LATEST
        plan = sign_in(store, "Sam", TEST_PIN)
        assert [g.text for g in plan.goals()] == ["Find a place to live"]
        plan.add_reminder("Breaking the cycle")
        assert store.check()[0]
    finally:
        store.close()
