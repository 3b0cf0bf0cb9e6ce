"""Opening a database: where it lives, its settings, and its schema version.

SQLite is the embedded default. Before anything is written, the schema version
is read on a read-only connection: a database made by newer code, or a file
that is not a plan database, is refused and left byte for byte as it was.
"""

from __future__ import annotations

import os
import random
import sqlite3
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import peewee

from tui.store import crypto, migrations
from tui.store.errors import DatabaseBusyError, DatabaseError
from tui.store.models import ALL_MODELS, Person, SchemaInfo, SiteInfo

T = TypeVar("T")

APP_NAME = "recovery-plan"
DB_FILENAME = "plans.sqlite3"
# A read waits up to BUSY_TIMEOUT_MS for another session's lock. A write tries
# for the lock in short waits (WRITE_WAIT_MS) until WRITE_DEADLINE_SECONDS have
# passed, then says so; the screen keeps what was typed meanwhile. Short waits
# matter: SQLite's own waiting is not fair, and one long wait can lose the
# lock to newcomers again and again.
BUSY_TIMEOUT_MS = 1_500
WRITE_WAIT_MS = 50
WRITE_DEADLINE_SECONDS = 4.5

SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "synchronous": "full",  # a saved change survives power loss
    "foreign_keys": 1,
    "secure_delete": 1,  # deleted text is overwritten, not left in free pages
    "busy_timeout": BUSY_TIMEOUT_MS,
}


def default_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / DB_FILENAME


def sqlite_path(location: str | os.PathLike[str]) -> Path:
    """The file named by `location`: a path, or a sqlite:/// URL."""
    text = os.fspath(location)
    if "://" in text:
        scheme, _, rest = text.partition("://")
        if scheme != "sqlite":
            raise DatabaseError(
                f"This version can use SQLite files only, not {scheme}. "
                "Give a file path with --db or RECOVERY_PLAN_DB."
            )
        text = rest[1:] if rest.startswith("/") else rest  # sqlite:///relative or sqlite:////abs
        if not text:
            raise DatabaseError("The sqlite:/// address names no file. Add the file's path.")
    return Path(text).expanduser()


def _explain(error: Exception, path: Path) -> DatabaseError:
    """A plain message, with what to do, for an error SQLite gave."""
    text = str(error).lower()
    if "not a database" in text or "malformed" in text or "file is encrypted" in text:
        return DatabaseError(
            f"{path} is not a plan database, or it is damaged. "
            "Check the --db path, or restore a backup."
        )
    if "readonly" in text or "read-only" in text:
        return DatabaseError(
            f"The plan database at {path} can't be written to. "
            "Ask staff to check who owns the file and its folder."
        )
    if "disk is full" in text or "database or disk is full" in text:
        return DatabaseError(
            "The disk is full, so nothing more can be saved. What you typed is still on "
            "the screen. Ask staff to free some space."
        )
    if "locked" in text or "busy" in text:
        return DatabaseBusyError(
            "The plan database is busy right now. What you typed is still here; "
            "please try again in a moment."
        )
    if "unable to open" in text:
        return DatabaseError(
            f"Can't open the plan database at {path}. Check that the folder exists "
            "and can be written to."
        )
    return DatabaseError(f"The plan database at {path} gave an error: {error}")


def read_schema_version(path: Path) -> int:
    """The schema version in `path` (0 for a new or empty file), read without writing."""
    if not path.exists() or path.stat().st_size == 0:
        return 0
    # With no -wal file beside it, the main file holds everything: read it as
    # immutable, so not even an empty -wal or -shm file is left behind.
    wal = path.with_name(path.name + "-wal")
    options = "mode=ro" if wal.exists() else "mode=ro&immutable=1"
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?{options}", uri=True)
    except sqlite3.Error as error:
        raise _explain(error, path) from None
    try:
        tables = {row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables:
            return 0
        if SchemaInfo._meta.table_name not in tables:
            raise DatabaseError(
                f"{path} is a database, but not a plan database. "
                "Check the --db path; nothing was changed."
            )
        row = connection.execute(
            f"SELECT MAX(version) FROM {SchemaInfo._meta.table_name}").fetchone()
        return int(row[0] or 0)
    except (TypeError, ValueError):
        raise DatabaseError(
            f"{path} has a schema_info table this app did not write. Check the --db path; "
            "nothing was changed."
        ) from None
    except sqlite3.Error as error:
        raise _explain(error, path) from None
    finally:
        connection.close()


class Store:
    """An open plan database. Plan operations live in `tui.store.plans`."""

    def __init__(self, path: Path, database: peewee.SqliteDatabase, site_key: bytes | None = None,
                 site_key_path: Path | None = None):
        self.path = path
        self.db = database
        self._site_key = site_key
        self.site_key_path = site_key_path

    @property
    def site_key(self) -> bytes:
        if self._site_key is None:
            raise DatabaseError("This database was opened only to be checked; it can't open plans.")
        return self._site_key

    def write(self, operation: Callable[[], T]) -> T:
        """Run `operation` in one short IMMEDIATE transaction, tried again in
        short waits while another process holds the write lock, up to
        WRITE_DEADLINE_SECONDS; then DatabaseBusyError."""
        if self.db.in_transaction():  # inside another write: it holds the lock already
            with self.errors_explained():
                with self.db.atomic():
                    return operation()
        deadline = time.monotonic() + WRITE_DEADLINE_SECONDS
        self._busy_timeout(WRITE_WAIT_MS)
        try:
            while True:
                try:
                    with self.errors_explained():
                        with self.db.atomic():
                            return operation()
                except DatabaseBusyError:
                    if time.monotonic() >= deadline:
                        raise
                    # A little jitter, so waiting sessions don't retry in step.
                    time.sleep(random.uniform(0, 0.005))
        finally:
            self._busy_timeout(BUSY_TIMEOUT_MS)

    def _busy_timeout(self, milliseconds: int) -> None:
        with self.errors_explained():
            self.db.execute_sql(f"PRAGMA busy_timeout = {int(milliseconds)}")

    @contextmanager
    def errors_explained(self):
        try:
            yield
        except (peewee.OperationalError, peewee.DatabaseError, sqlite3.Error) as error:
            if isinstance(error, peewee.IntegrityError):
                raise
            raise _explain(error, self.path) from None

    def schema_version(self) -> int:
        return SchemaInfo.select(peewee.fn.MAX(SchemaInfo.version)).scalar() or 0

    def check(self) -> tuple[bool, str]:
        """Integrity and schema check: (all well, one line saying so)."""
        with self.errors_explained():
            result = [row[0] for row in self.db.execute_sql("PRAGMA integrity_check").fetchall()]
            if result != ["ok"]:
                return False, f"Damaged: SQLite's integrity check says: {result[0]}"
            version = self.schema_version()
            if version != migrations.LATEST:
                return False, f"Schema is at version {version}, expected {migrations.LATEST}."
            missing = migrations.schema_differences(self.db)
            if missing:
                return False, "Schema does not match: " + "; ".join(missing)
            keyless = Person.select().where(
                (Person.pin_wrap.is_null() | Person.kdf.is_null()) & Person.legacy_wrap.is_null()
            ).count()
            if keyless:
                return False, f"{keyless} plan(s) have no wrapped key, so they can't be opened."
        return True, f"OK: integrity, schema (version {version}) and keys checked in {self.path}"

    def wipe_free_space(self) -> None:
        """Rebuild the file and empty the WAL, so deleted or replaced text is
        left nowhere on disk that SQLite manages."""
        with self.errors_explained():
            self.db.execute_sql("VACUUM")
            self.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    def close(self) -> None:
        if not self.db.is_closed():
            self.db.close()


def default_site_key_path(database_path: Path) -> Path:
    """Beside the database, unless the site config names another place (better:
    a copy of the database folder then holds no key)."""
    return database_path.with_name(database_path.name + ".site-key")


def open_store(
    location: str | os.PathLike[str] | None = None, *, create_folder: bool = False,
    existing_only: bool = False, migrate: bool = True,
    site_key_path: str | os.PathLike[str] | None = None,
) -> Store:
    """Open (and if needed create or migrate) the plan database at `location`.

    None means the default file in the user data folder, whose folder is made
    when missing. `existing_only` refuses to make a new file; `migrate=False`
    leaves an older schema as it is (for `check`). The site key file is made
    (mode 0600) only with a database that holds no sealed plan yet. Raises
    DatabaseError with a plain message on any problem.
    """
    if location is None:
        path, create_folder = default_path(), True
    else:
        path = sqlite_path(location)
    if create_folder:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise DatabaseError(f"Can't make the folder {path.parent}: {error.strerror}.") from None
    elif not path.parent.is_dir():
        raise DatabaseError(f"The folder {path.parent} doesn't exist. Check the --db path.")

    if existing_only and not path.is_file():
        raise DatabaseError(f"There is no plan database at {path} yet.")
    version = read_schema_version(path)
    if version > migrations.LATEST:
        raise DatabaseError(
            f"{path} was made by a newer version of Recovery Plan (schema {version}; "
            f"this one knows up to {migrations.LATEST}). Please update Recovery Plan. "
            "Nothing was changed."
        )

    key_path = Path(site_key_path).expanduser() if site_key_path else default_site_key_path(path)
    site_key = None
    if migrate or version >= migrations.SEALED_FROM:
        site_key = crypto.load_site_key(key_path, create=version < migrations.SEALED_FROM)

    database = peewee.SqliteDatabase(
        str(path), pragmas=SQLITE_PRAGMAS, lock_type="IMMEDIATE",
        timeout=BUSY_TIMEOUT_MS / 1000,
    )
    database.bind(ALL_MODELS)
    store = Store(path, database, site_key, key_path)
    try:
        with store.errors_explained():
            database.connect(reuse_if_open=True)
        if migrate and version < migrations.LATEST:  # up to date: no write lock taken
            store.write(lambda: migrations.upgrade(database, site_key))
            if 0 < version < migrations.SEALED_FROM:
                store.wipe_free_space()  # no plaintext left behind in free pages
        if site_key is not None and version >= migrations.SEALED_FROM:
            _check_site_key(store, site_key, key_path)
    except DatabaseError:
        store.close()
        raise
    return store


def _check_site_key(store: Store, site_key: bytes, key_path: Path) -> None:
    with store.errors_explained():
        row = SiteInfo.select().first()
    if row is None or row.key_check != crypto.key_check(site_key):
        raise DatabaseError(
            f"The site key file {key_path} does not belong to this database, so no plan "
            "could be opened. Check [security] site_key in the site config. Nothing was changed."
        )
