"""Opening, creating, refusing and checking plan databases; waiting for a busy one."""

from __future__ import annotations

import os
import sqlite3
import threading
import time

import peewee
import pytest

from tests.conftest import ON_POSTGRESQL, TEST_DB_URL, TEST_PIN, open_test_store, raw_database
from tui.store import pins
from tui.store import DatabaseBusyError, DatabaseError, create_person, db, migrations, open_store, sign_in
from tui.store.models import ALL_MODELS

sqlite_only = pytest.mark.sqlite_only


def wal_and_shm(path):
    return [p for p in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"))
            if p.exists()]


def make_plan_database(location):
    store = open_test_store(location)
    create_person(store, "Sam", TEST_PIN)
    store.close()


def test_new_database_is_at_the_latest_schema(store):
    assert store.schema_version() == migrations.LATEST >= 1
    assert migrations.schema_differences(store.db) == []
    tables = set(store.db.get_tables())
    assert {model._meta.table_name for model in ALL_MODELS} <= tables


@sqlite_only("SQLite's PRAGMAs")
def test_connection_settings(store):
    def pragma(name):
        return store.db.execute_sql(f"PRAGMA {name}").fetchone()[0]

    assert pragma("journal_mode") == "wal"
    assert pragma("synchronous") == 2  # FULL
    assert pragma("foreign_keys") == 1
    assert pragma("secure_delete") == 1
    assert pragma("busy_timeout") > 0


def test_the_models_and_the_migrations_make_the_same_schema(store, new_db):
    # The frozen SQL of every version (in this backend's dialect) ends where the models are.
    other = raw_database(new_db())
    try:
        other.bind(ALL_MODELS)
        other.create_tables(ALL_MODELS)
        for model in ALL_MODELS:
            table = model._meta.table_name
            made = {(c.name, c.data_type.upper(), c.null, c.primary_key)
                    for c in store.db.get_columns(table)}
            wanted = {(c.name, c.data_type.upper(), c.null, c.primary_key)
                      for c in other.get_columns(table)}
            assert made == wanted, table
            indexes = {(i.name, tuple(i.columns), i.unique) for i in store.db.get_indexes(table)}
            assert {(i.name, tuple(i.columns), i.unique) for i in other.get_indexes(table)} <= indexes
    finally:
        store.db.bind(ALL_MODELS)
        other.close()


def test_every_version_has_both_dialects():
    assert all(getattr(migration, "has_postgresql", False) for migration in migrations.MIGRATIONS)


def test_reopening_runs_no_migration_twice(db_location):
    make_plan_database(db_location)
    for _ in range(2):
        store = open_test_store(db_location)
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


def test_a_database_from_a_newer_version_is_refused(db_location):
    make_plan_database(db_location)
    store = open_test_store(db_location)
    store.db.execute_sql("UPDATE schema_info SET version = 99")
    store.close()
    with pytest.raises(DatabaseError, match="newer") as raised:
        open_test_store(db_location)
    assert "Nothing was changed" in str(raised.value)
    database = raw_database(db_location)
    try:
        assert database.execute_sql("SELECT version FROM schema_info").fetchall() == [(99,)]
    finally:
        database.close()


@sqlite_only("a SQLite file's bytes")
def test_database_from_a_newer_version_is_refused_byte_for_byte(db_path):
    make_newer_database(db_path)
    before = db_path.read_bytes()
    with pytest.raises(DatabaseError, match="newer") as raised:
        open_store(db_path)
    assert "Nothing was changed" in str(raised.value)
    assert db_path.read_bytes() == before


@sqlite_only("SQLite's -wal and -shm files")
def test_refusing_a_newer_database_leaves_no_wal_file(db_path):
    # A read-only connection to a WAL database would create -wal and -shm files.
    make_newer_database(db_path)
    with pytest.raises(DatabaseError, match="newer"):
        open_store(db_path)
    assert wal_and_shm(db_path) == []


@sqlite_only("a file that is not a SQLite database")
@pytest.mark.parametrize("content", [os.urandom(8192), b"name,pin\nSam,123456\n" * 50])
def test_a_file_that_is_not_a_database_is_refused(db_path, content):
    db_path.write_bytes(content)
    with pytest.raises(DatabaseError, match="not a plan database"):
        open_store(db_path)
    assert db_path.read_bytes() == content
    assert wal_and_shm(db_path) == []


@sqlite_only("a SQLite file's bytes")
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


@sqlite_only("an empty SQLite file")
def test_an_empty_file_becomes_a_new_database(db_path):
    db_path.touch()
    store = open_store(db_path, existing_only=True)
    try:
        assert store.schema_version() == migrations.LATEST
        assert store.check()[0]
    finally:
        store.close()
    assert db_path.stat().st_size > 0


@sqlite_only("a missing SQLite file")
def test_existing_only_refuses_a_missing_file(db_path):
    with pytest.raises(DatabaseError, match="no plan database"):
        open_store(db_path, existing_only=True)
    assert not db_path.exists()


@sqlite_only("the SQLite file's folder")
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


def test_other_kinds_of_database_are_refused():
    with pytest.raises(DatabaseError, match="SQLite files and PostgreSQL"):
        open_store("mysql://user@localhost/plans")


def test_postgresql_needs_its_site_key_named():
    # Asked before any connection is made: there is no folder to keep the key beside.
    with pytest.raises(DatabaseError, match="RECOVERY_PLAN_SITE_KEY"):
        open_store("postgresql://user:secret@localhost/plans")


def test_a_password_is_never_shown():
    assert db.shown_url("postgresql://sam:s3cret@db.example:5433/plans") == \
        "postgresql://sam@db.example:5433/plans"
    assert db.shown_url("postgresql://sam@db.example/plans") == "postgresql://sam@db.example/plans"
    assert db.is_postgresql("postgres://x@y/z") and not db.is_postgresql("plans.sqlite3")


def test_check_reports_ok_and_a_dropped_table(store):
    well, line = store.check()
    assert well and line.startswith("OK")
    assert store.where in line
    store.db.execute_sql("DROP TABLE contact")
    well, line = store.check()
    assert not well
    assert "contact" in line


def test_check_reports_an_old_schema_version(db_location):
    make_plan_database(db_location)
    store = open_test_store(db_location)
    store.db.execute_sql("UPDATE schema_info SET version = 0")
    store.close()
    store = open_test_store(db_location, migrate=False)
    try:
        well, line = store.check()
        assert not well and "version 0" in line
    finally:
        store.close()


# -- another process holding the write lock -----------------------------------


@pytest.fixture
def quick_store(db_location, monkeypatch):
    """A store that waits only 50 ms for a lock at each attempt."""
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 50)
    monkeypatch.setitem(db.SQLITE_PRAGMAS, "busy_timeout", 50)
    monkeypatch.setattr(db, "WRITE_DEADLINE_SECONDS", 0.5)
    store = open_test_store(db_location)
    yield store
    store.close()


class OtherWriter:
    """Another connection to the same database, holding what a write must wait
    for: SQLite's write lock, or on PostgreSQL the whole database's advisory lock."""

    def __init__(self, location):
        if ON_POSTGRESQL:
            import psycopg

            self.connection = psycopg.connect(str(location), autocommit=True)
        else:
            self.connection = sqlite3.connect(location, timeout=0, isolation_level=None,
                                              check_same_thread=False)
        self.holding = False

    def hold(self):
        self.connection.execute("BEGIN" if ON_POSTGRESQL else "BEGIN IMMEDIATE")
        if ON_POSTGRESQL:
            self.connection.execute("SELECT pg_advisory_xact_lock(%s, 0)", (db.LOCK_CLASS,))
        self.holding = True

    def release(self):
        self.connection.execute("ROLLBACK")
        self.holding = False


@pytest.fixture
def other_writer(db_location):
    writer = OtherWriter(db_location)
    yield writer
    if writer.holding:
        writer.release()
    writer.connection.close()


def test_write_waits_for_a_lock_that_is_released(quick_store, other_writer):
    if not ON_POSTGRESQL:
        assert quick_store.db.execute_sql("PRAGMA busy_timeout").fetchone()[0] == 50
    plan = create_person(quick_store, "Sam", TEST_PIN)
    other_writer.hold()
    release = threading.Timer(0.3, other_writer.release)
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
    other_writer.hold()
    with pytest.raises(DatabaseBusyError) as raised:
        plan.add_goal("Never saved")
    message = str(raised.value)
    assert "busy" in message and "try again" in message
    assert "sqlite" not in message.lower() and "locked" not in message and "lock" not in message
    other_writer.release()
    assert plan.goals() == []
    assert plan.add_goal("Saved now").importance == 1


def test_upgrade_refuses_a_schema_made_newer_after_the_first_look(store):
    # Another process may upgrade the file between the read-only look and the migration.
    store.db.execute_sql(f"UPDATE schema_info SET version = {migrations.LATEST + 1}")
    with pytest.raises(DatabaseError, match="newer"):
        store.write(lambda: migrations.upgrade(store.db, store.site_key))
    assert store.schema_version() == migrations.LATEST + 1


@sqlite_only("a SQLite file made by another program")
def test_a_foreign_schema_info_table_is_refused(db_path):
    with sqlite3.connect(db_path) as connection:
        connection.execute("CREATE TABLE schema_info (id INTEGER, version TEXT)")
        connection.execute("INSERT INTO schema_info VALUES (1, 'two')")
    connection.close()
    with pytest.raises(DatabaseError, match="did not write"):
        open_store(db_path)


def test_a_version_1_database_is_upgraded_with_its_plans_kept(db_location):
    # Build the database exactly as version 1 left it, with a plan in it
    # (on PostgreSQL too: every version's PostgreSQL form, and version 3's sealing).
    database = raw_database(db_location)
    param = database.param
    database.execute_sql(migrations._SCHEMA_INFO_PG if ON_POSTGRESQL else migrations._SCHEMA_INFO)
    migrations.MIGRATIONS[0](database, b"")
    database.execute_sql("INSERT INTO schema_info (version) VALUES (1)")
    database.execute_sql(
        "INSERT INTO person (id, name, name_key, pin_hash, created_at) VALUES "
        f"(1, 'Sam', 'sam', {param}, {param})",
        (pins.hash_pin(TEST_PIN), "2026-01-02 10:00:00"))
    database.execute_sql(
        "INSERT INTO goal (person_id, text, term, importance, timeline, status, created_at, updated_at)"
        f" VALUES (1, 'Find a place to live', 'short', 1, 1, 'active', {param}, {param})",
        ("2026-01-02 10:00:00", "2026-01-02 10:00:00"))
    database.close()

    store = open_test_store(db_location)
    try:
        assert store.schema_version() == migrations.LATEST
        plan = sign_in(store, "Sam", TEST_PIN)
        assert [g.text for g in plan.goals()] == ["Find a place to live"]
        plan.add_reminder("Breaking the cycle")
        assert store.check()[0]
    finally:
        store.close()


# -- PostgreSQL ------------------------------------------------------------------

postgresql_only = pytest.mark.postgresql_only


def test_a_server_that_is_not_there_is_a_plain_message(tmp_path):
    import importlib.util

    # Without the postgres extra (the README's plain install), that is what is said.
    expected = ("Can't reach the plan database server" if importlib.util.find_spec("psycopg")
                else r"PostgreSQL support is not installed\. Install it with: pip install "
                     r"'recovery-plan\[postgres\]'")
    with pytest.raises(DatabaseError, match=expected) as raised:
        open_store("postgresql://plans:secret@127.0.0.1:1/plans", site_key_path=tmp_path / "key")
    assert "secret" not in str(raised.value) and "Traceback" not in str(raised.value)
    assert not (tmp_path / "key").exists()


@postgresql_only("a database on the PostgreSQL server")
def test_a_database_the_server_does_not_have_is_named(tmp_path):
    from tests.conftest import _with_database

    with pytest.raises(DatabaseError, match="has no database named"):
        open_store(_with_database(TEST_DB_URL, "rp_no_such_database"), site_key_path=tmp_path / "k")


@postgresql_only("a PostgreSQL database made by another program")
def test_another_postgresql_database_is_refused_and_left_alone(db_location):
    database = raw_database(db_location)
    database.execute_sql("CREATE TABLE recipes (id SERIAL PRIMARY KEY, name TEXT)")
    with pytest.raises(DatabaseError, match="not a plan database"):
        open_test_store(db_location)
    assert database.get_tables() == ["recipes"]
    database.execute_sql("DROP TABLE recipes")
    database.execute_sql("CREATE TABLE schema_info (id INTEGER, version TEXT)")
    database.execute_sql("INSERT INTO schema_info VALUES (1, 'two')")
    with pytest.raises(DatabaseError, match="did not write"):
        open_test_store(db_location)
    assert database.get_tables() == ["schema_info"]
    database.close()


@postgresql_only("a PostgreSQL connection the server ends")
def test_a_lost_connection_is_a_plain_message_and_the_next_try_connects_again(store, plan):
    plan.add_goal("Before")
    (server_pid,) = store.db.execute_sql("SELECT pg_backend_pid()").fetchone()
    other = raw_database(TEST_DB_URL)
    try:
        other.execute_sql("SELECT pg_terminate_backend(%s)", (server_pid,))
    finally:
        other.close()
    with pytest.raises(DatabaseError, match="Can't reach the plan database server") as raised:
        plan.add_goal("Lost with the connection")
    assert "still here" in str(raised.value)
    plan.add_goal("After")  # a new connection
    assert [g.text for g in plan.goals()] == ["Before", "After"]


@postgresql_only("PostgreSQL's advisory locks")
def test_writes_to_different_plans_do_not_wait_for_each_other(quick_store, db_location):
    first = create_person(quick_store, "Sam", TEST_PIN)
    second = create_person(quick_store, "Alex", TEST_PIN)
    import psycopg

    holder = psycopg.connect(str(db_location), autocommit=True)
    try:
        holder.execute("BEGIN")
        holder.execute("SELECT pg_advisory_xact_lock(%s, %s)", (db.LOCK_CLASS + 1, first.person_id))
        second.add_goal("Saved while Sam's plan is held")  # another plan: no wait
        with pytest.raises(DatabaseBusyError):
            first.add_goal("Waits for Sam's plan, then gives up")
        holder.execute("ROLLBACK")
    finally:
        holder.close()
    assert [g.text for g in second.goals()] == ["Saved while Sam's plan is held"]
    assert first.goals() == []
    assert first.add_goal("Saved now").importance == 1


@postgresql_only("PostgreSQL's VACUUM")
def test_deleting_a_plan_vacuums_its_tables(store, plan):
    from tui.store import delete_plan

    plan.add_goal("Gone soon")
    assert delete_plan(store, "Sam")
    (vacuumed,) = store.db.execute_sql(
        "SELECT last_vacuum IS NOT NULL FROM pg_stat_user_tables WHERE relname = 'goal'").fetchone()
    assert vacuumed
