"""Fixtures shared by every test: a fixed clock, a fast PIN hash, a fresh plan
database for each test, and a helper for system tools.

The database is a SQLite file under tmp_path, or, with
RECOVERY_PLAN_TEST_DB_URL=postgresql://user@host:port/dbname, a new
PostgreSQL database made for the test on that server (the user needs
CREATEDB) and dropped after it. Tests that are about SQLite's files are
marked `sqlite_only`, and tests about PostgreSQL `postgresql_only`; on the
other backend they are not applicable, and the run says how many it left out.
"""

from __future__ import annotations

import itertools
import os
import shutil
from datetime import datetime
from pathlib import Path

import pytest

from tui.store import clock, create_person, open_store, pins

# A Thursday. Everything dated in tests is counted from here.
TEST_NOW = datetime(2026, 11, 26, 10, 0)
TEST_PIN = "pin-123456"

TEST_DB_URL = os.environ.get("RECOVERY_PLAN_TEST_DB_URL") or None
ON_POSTGRESQL = TEST_DB_URL is not None
BACKEND = "postgresql" if ON_POSTGRESQL else "sqlite"

# The site key file of each PostgreSQL test database (there is no folder to
# keep it beside, so a test passes it as a site would: site_key_path, or
# RECOVERY_PLAN_SITE_KEY for the command).
_SITE_KEYS: dict[str, Path] = {}


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "sqlite_only(why): about SQLite's own files (bytes, WAL, VACUUM, backups); "
                   "not applicable on PostgreSQL")
    config.addinivalue_line(
        "markers", "postgresql_only(why): about PostgreSQL; runs with RECOVERY_PLAN_TEST_DB_URL")


def pytest_report_header(config):
    if ON_POSTGRESQL:
        from tui.store.db import shown_url

        return f"plan database: PostgreSQL, a new database per test on {shown_url(TEST_DB_URL)}"
    return "plan database: SQLite (set RECOVERY_PLAN_TEST_DB_URL=postgresql://... for PostgreSQL)"


_left_out: list[tuple[str, str]] = []


def pytest_collection_modifyitems(config, items):
    """Leave out the tests of the other backend (they are not skipped: they
    don't apply), and say so at the end of the run."""
    other = "sqlite_only" if ON_POSTGRESQL else "postgresql_only"
    kept = []
    for item in items:
        marker = item.get_closest_marker(other)
        if marker is None:
            kept.append(item)
        else:
            _left_out.append((item.nodeid, marker.args[0] if marker.args else ""))
    if len(kept) != len(items):
        config.hook.pytest_deselected(items=[i for i in items if i not in kept])
        items[:] = kept


def pytest_terminal_summary(terminalreporter):
    if not _left_out:
        return
    where = "PostgreSQL" if ON_POSTGRESQL else "SQLite"
    terminalreporter.write_sep(
        "-", f"{len(_left_out)} tests not applicable on {where} (deselected)")
    reasons: dict[str, int] = {}
    for _, why in _left_out:
        reasons[why] = reasons.get(why, 0) + 1
    for why, count in sorted(reasons.items()):
        terminalreporter.write_line(f"{count:4} {why or 'no reason given'}")


@pytest.fixture(autouse=True)
def english_unless_asked():
    """Every test starts in English (the words the tests read), whatever LANG the
    machine has, and a test that switches language can't leak it to the next."""
    from tui import i18n

    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture(autouse=True)
def fixed_clock():
    clock.set_now(TEST_NOW)
    yield TEST_NOW
    clock.set_now(None)


@pytest.fixture(autouse=True)
def no_tries_remembered():
    """Wrong tries a test's process counted in memory (while its database
    could not be written) are not carried into the next test."""
    from tui.store import attempts

    attempts.forget_remembered()
    yield
    attempts.forget_remembered()


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch):
    # The real cost is exercised by the CLI and e2e tests.
    monkeypatch.setattr(pins, "KDF_COST", pins.Argon2Cost(memory_kib=8, passes=1, lanes=1))


# ----------------------------------------------------------------------------
# Test databases


class TestDatabases:
    """Makes fresh plan databases: SQLite files, or PostgreSQL databases on
    the test server (each dropped when the test or the session ends)."""

    def __init__(self, tmp_path_factory):
        self._tmp = tmp_path_factory
        self._serial = itertools.count(1)
        self._admin = None
        self._made: list[str] = []
        self._given: set[Path] = set()

    def new(self, folder: Path | None = None) -> str | Path:
        """A location for open_store: a file path (SQLite; the first one in
        `folder` is plans.sqlite3) or a URL (PostgreSQL)."""
        if not ON_POSTGRESQL:
            folder = folder or self._tmp.mktemp("db")
            path = folder / "plans.sqlite3"
            if path in self._given:
                path = folder / f"plans-{next(self._serial)}.sqlite3"
            self._given.add(path)
            return path
        name = f"rp_test_{os.getpid()}_{next(self._serial)}"
        self._connection().execute(f'CREATE DATABASE "{name}"')
        self._made.append(name)
        url = _with_database(TEST_DB_URL, name)
        keys = self._tmp.getbasetemp() / "site-keys"
        keys.mkdir(exist_ok=True)
        _SITE_KEYS[url] = keys / f"{name}.site-key"
        return url

    def drop(self, location) -> None:
        if not ON_POSTGRESQL:
            return
        name = str(location).rsplit("/", 1)[1].split("?", 1)[0]
        if name in self._made:
            self._drop(name)
            self._made.remove(name)

    def _drop(self, name: str) -> None:
        """Drop a test database. A session still ending (a command's, or an
        autovacuum worker's, which the test user may not end) is waited for."""
        import time

        import psycopg

        for _ in range(100):
            try:
                self._connection().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                return
            except (psycopg.errors.ObjectInUse, psycopg.errors.InsufficientPrivilege):
                time.sleep(0.05)
        self._connection().execute(f'DROP DATABASE IF EXISTS "{name}"')

    def _connection(self):
        if self._admin is None:
            import psycopg

            self._admin = psycopg.connect(TEST_DB_URL, autocommit=True)
        return self._admin

    def close(self) -> None:
        for name in list(self._made):
            self._drop(name)
        self._made.clear()
        if self._admin is not None:
            self._admin.close()


def _with_database(url: str, name: str) -> str:
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


def site_key_of(location) -> Path | None:
    """The site key file the test database at `location` uses: None for SQLite
    (beside the file, by default)."""
    return _SITE_KEYS.get(os.fspath(location)) if location is not None else None


def open_test_store(location, **options):
    """open_store, given the test database's site key as a site's config would."""
    if "site_key_path" not in options:
        options["site_key_path"] = site_key_of(location)
    return open_store(location, **options)


def raw_database(location):
    """A connected peewee database at `location`, bound to no model: to build
    or look at a database beside the store."""
    import peewee

    from tui.store.db import _postgresql_database, is_postgresql

    database = (_postgresql_database(os.fspath(location)) if is_postgresql(location)
                else peewee.SqliteDatabase(str(location)))
    database.connect()
    return database


def all_rows(database) -> dict[str, list]:
    """Every row of every table of a peewee database, by id: to tell that
    nothing changed, or what a database holds."""
    return {table: database.execute_sql(f'SELECT * FROM "{table}" ORDER BY "id"').fetchall()
            for table in sorted(database.get_tables())}


def worker_env(location) -> dict[str, str]:
    """The environment of a test's child process (tests/store/save_worker.py)
    saving to the test database at `location`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("RECOVERY_PLAN_")}
    key = site_key_of(location)
    if key is not None:
        env["RECOVERY_PLAN_TEST_SITE_KEY"] = str(key)
    return env


def site_key_env(location) -> dict[str, str]:
    """The environment a command needs to open the test database at `location`."""
    key = site_key_of(location)
    return {"RECOVERY_PLAN_SITE_KEY": str(key)} if key is not None else {}


_databases: TestDatabases | None = None


def fresh_database() -> str | Path:
    """A new database's location, for code that can't ask for a fixture (a
    hypothesis state machine); dropped when the session ends."""
    assert _databases is not None, "the databases fixture runs for every session"
    return _databases.new()


def drop_database(location) -> None:
    """Drop a database made by fresh_database (PostgreSQL; a SQLite file stays with tmp_path)."""
    assert _databases is not None
    _databases.drop(location)


@pytest.fixture(scope="session", autouse=True)
def databases(tmp_path_factory):
    global _databases
    _databases = TestDatabases(tmp_path_factory)
    yield _databases
    _databases.close()
    _databases = None


@pytest.fixture
def new_db(databases, tmp_path):
    """Makes more fresh databases in one test: new_db() is a location."""
    made = []

    def make():
        made.append(databases.new(tmp_path))
        return made[-1]

    yield make
    for location in made:
        databases.drop(location)


@pytest.fixture
def db_location(new_db):
    """The test's plan database: a SQLite file path, or a PostgreSQL URL."""
    return new_db()


@pytest.fixture
def db_path(request, tmp_path):
    """A SQLite file, for tests about SQLite's files (marked sqlite_only)."""
    if ON_POSTGRESQL and request.node.get_closest_marker("sqlite_only") is None:
        pytest.fail("db_path is a SQLite file: use db_location, or mark the test sqlite_only")
    return tmp_path / "plans.sqlite3"


@pytest.fixture
def store(db_location):
    opened = open_test_store(db_location)
    yield opened
    opened.close()


@pytest.fixture
def plan(store):
    return create_person(store, "Sam", TEST_PIN)


def require_tool(name: str) -> str:
    """The path of system tool `name`; skip without it, except in CI where it must exist."""
    found = shutil.which(name)
    if found:
        return found
    if os.environ.get("CI") == "true":
        pytest.fail(f"{name} is required in CI but is not installed")
    pytest.skip(f"{name} is not installed")
