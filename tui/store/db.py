"""Opening a database: where it lives, its settings, and its schema version.

SQLite is the embedded default: a file path or a sqlite:/// URL. A
postgresql:// URL opens a shared PostgreSQL database instead, through peewee
and psycopg (the `postgres` extra). Plan operations (`tui.store.plans`) run
unchanged on both; what differs lives here, in two kinds of Store.

Before anything is written, the schema version is read: a database made by
newer code, or one that is not a plan database, is refused and left as it
was (a SQLite file byte for byte: it is read on a read-only connection).
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

from tui.i18n import N_, _, ngettext
from tui.store import crypto, migrations
from tui.store.drivers import POSTGRESQL_SCHEMES, is_postgresql, postgresql_left_out
from tui.store.errors import DatabaseBusyError, DatabaseError
from tui.store.models import ALL_MODELS, Person, SchemaInfo, SiteInfo
from tui.store.paths import expand_home

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

# PostgreSQL: how long to wait for the server to answer a new connection.
CONNECT_TIMEOUT_SECONDS = 10
# The advisory locks a write takes on PostgreSQL (see PostgresqlStore.write):
# (LOCK_CLASS, 0) for the whole database, (LOCK_CLASS + 1, person id) for one plan.
LOCK_CLASS = 0x5250_0000  # "RP"


def default_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / DB_FILENAME


def sqlite_path(location: str | os.PathLike[str]) -> Path:
    """The file named by `location`: a path, or a sqlite:/// URL."""
    text = os.fspath(location)
    if "://" in text:
        scheme, _sep, rest = text.partition("://")
        if scheme.lower() in POSTGRESQL_SCHEMES:
            raise DatabaseError(
                _("{address} is a PostgreSQL database, not a file. This works on SQLite "
                  "files only; see docs/postgresql.md.").format(address=shown_url(text))
            )
        if scheme != "sqlite":
            raise DatabaseError(
                _("Recovery Plan can use SQLite files and PostgreSQL databases, not {scheme}. "
                  "Give a file path or a postgresql:// address with --db or RECOVERY_PLAN_DB.")
                .format(scheme=scheme)
            )
        text = rest[1:] if rest.startswith("/") else rest  # sqlite:///relative or sqlite:////abs
        if not text:
            raise DatabaseError(_("The sqlite:/// address names no file. Add the file's path."))
    return expand_home(text)


def shown_url(url: str) -> str:
    """A database URL fit to print: any password is left out."""
    from urllib.parse import urlsplit, urlunsplit

    try:
        parts = urlsplit(url)
        if parts.password is None:
            return url
        host = parts.hostname or ""
        if ":" in host:
            host = f"[{host}]"
        netloc = f"{parts.username}@{host}" if parts.username else host
        if parts.port:
            netloc += f":{parts.port}"
        return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
    except ValueError:
        return url.partition("://")[0] + "://..."


DATABASE_GONE = N_(
    "The plan database at {file} was moved or deleted while Recovery Plan was open, so "
    "nothing more is saved into it. What you typed is still on the screen. Ask staff to put "
    "the database back or restore a backup.")
READ_ONLY_DISK = N_(
    "The plan database at {file} can only be read right now (its disk or folder is "
    "read-only), so nothing can be saved. Nothing was lost. Ask staff to check the disk.")
FULL_DISK_READ_ONLY = N_(
    "The disk of the plan database at {file} is full, so nothing can be saved right now. "
    "Plans can still be read, and nothing was lost. Ask staff to free some space.")
# Files made private whatever the umask: the owner only, or the owner and a
# group named in the site config ([security] group).
PRIVATE_MODE, GROUP_MODE = 0o600, 0o660


def shown_path(path: str | os.PathLike[str] | None) -> str:
    """A file path fit to put in a message: escape sequences and other
    control characters shown as harmless symbols (a folder's name could
    hold them)."""
    from tui.store.text import one_line

    return one_line(os.fspath(path)) if path is not None else ""


BUSY = N_("The plan database is busy right now. What you typed is still here; "
          "please try again in a moment.")


def _explain(error: Exception, path: Path) -> DatabaseError:
    """A plain message, with what to do, for an error SQLite gave."""
    text = str(error).lower()
    if "not a database" in text or "malformed" in text or "file is encrypted" in text:
        return DatabaseError(
            _("{file} is not a plan database, or it is damaged. "
              "Check the --db path, or restore a backup.").format(file=path)
        )
    if "readonly" in text or "read-only" in text:
        return DatabaseError(
            _("The plan database at {file} can't be written to, so nothing more can be saved. "
              "What you typed is still on the screen, and nothing saved before was lost. "
              "Ask staff to check the disk, and who owns the file and its folder.").format(
                  file=path)
        )
    if "disk is full" in text or "database or disk is full" in text:
        return DatabaseError(
            _("The disk is full, so nothing more can be saved. What you typed is still on "
              "the screen. Ask staff to free some space.")
        )
    if "locked" in text or "busy" in text:
        return DatabaseBusyError(_(BUSY))
    if "unable to open" in text:
        return DatabaseError(
            _("Can't open the plan database at {file}. Check that the folder exists "
              "and can be written to.").format(file=path)
        )
    return DatabaseError(_("The plan database at {file} gave an error: {error}").format(
        file=path, error=error))


def _first_error(error: BaseException) -> BaseException:
    """The error that started it: SQLite ends a transaction by itself on a
    full disk, and the rollback that follows fails with "cannot rollback",
    which says nothing of why."""
    seen = error
    for _unused in range(6):
        if "cannot rollback" not in str(seen).lower():
            return seen
        before = seen.__context__
        if not isinstance(before, (peewee.PeeweeException, sqlite3.Error)):
            break
        seen = before
    return error


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
                _("{file} is a database, but not a plan database. "
                  "Check the --db path; nothing was changed.").format(file=path)
            )
        row = connection.execute(
            f"SELECT MAX(version) FROM {SchemaInfo._meta.table_name}").fetchone()
        return int(row[0] or 0)
    except (TypeError, ValueError):
        raise DatabaseError(
            _("{file} has a schema_info table this app did not write. Check the --db path; "
              "nothing was changed.").format(file=path)
        ) from None
    except sqlite3.Error as error:
        raise _explain(error, path) from None
    finally:
        connection.close()


class Store:
    """An open plan database. Plan operations live in `tui.store.plans`.

    `where` names the database in messages (a file path, or a URL without
    its password); `path` is the SQLite file, None on PostgreSQL."""

    kind = "sqlite"

    def __init__(self, where: str, database: peewee.Database, site_key: bytes | None = None,
                 site_key_path: Path | None = None, path: Path | None = None):
        self.where = where
        self.path = path
        self.db = database
        self._site_key = site_key
        self.site_key_path = site_key_path
        # Why nothing can be written (a read-only disk), or None.
        self.read_only_reason: str | None = None
        # The SQLite file opened: (device, inode), to notice it moved or deleted.
        self._identity: tuple[int, int] | None = None

    @property
    def site_key(self) -> bytes:
        if self._site_key is None:
            raise DatabaseError(_("This database was opened only to be checked; it can't open "
                                  "plans."))
        return self._site_key

    def write(self, operation: Callable[[], T], *, person: int | None = None,
              deadline_seconds: float | None = None) -> T:
        """Run `operation` in one short write transaction; DatabaseBusyError
        when other sessions held the database past WRITE_DEADLINE_SECONDS
        (or `deadline_seconds`).
        `person` names the one plan the operation changes, if it changes only
        that plan: on PostgreSQL, writes to different plans then run side by side."""
        raise NotImplementedError

    def check_still_there(self) -> None:
        """Raise DatabaseError when the database opened is no longer where it
        was (a SQLite file deleted or replaced while the app runs)."""

    @contextmanager
    def errors_explained(self):
        """Database errors inside turn into DatabaseError with a plain message
        (IntegrityError passes through, for the caller to name)."""
        raise NotImplementedError
        yield  # pragma: no cover

    def schema_version(self) -> int:
        return SchemaInfo.select(peewee.fn.MAX(SchemaInfo.version)).scalar() or 0

    def _check_schema_and_keys(self) -> tuple[bool, str]:
        version = self.schema_version()
        if version != migrations.LATEST:
            return False, _("Schema is at version {version}, expected {latest}.").format(
                version=version, latest=migrations.LATEST)
        missing = migrations.schema_differences(self.db)
        if missing:
            return False, _("Schema does not match: {differences}").format(
                differences="; ".join(missing))
        keyless = Person.select().where(
            (Person.pin_wrap.is_null() | Person.kdf.is_null()) & Person.legacy_wrap.is_null()
        ).count()
        if keyless:
            return False, ngettext(
                "{n} plan(s) have no wrapped key, so they can't be opened.",
                "{n} plan(s) have no wrapped key, so they can't be opened.", keyless).format(
                    n=keyless)
        return True, ""

    def check(self) -> tuple[bool, str]:
        """Integrity and schema check: (all well, one line saying so)."""
        raise NotImplementedError

    def wipe_free_space(self) -> None:
        """After a deletion: leave as little of the deleted text on disk as this database can."""
        raise NotImplementedError

    def close(self) -> None:
        if not self.db.is_closed():
            self.db.close()


class SqliteStore(Store):
    """A SQLite file in WAL mode: one writer at a time, the rest wait their turn."""

    kind = "sqlite"

    def write(self, operation: Callable[[], T], *, person: int | None = None,
              deadline_seconds: float | None = None) -> T:
        """Run `operation` in one short IMMEDIATE transaction, tried again in
        short waits while another process holds the write lock, up to
        WRITE_DEADLINE_SECONDS; then DatabaseBusyError. SQLite has one write
        lock for the whole file, so `person` changes nothing here. A file
        opened read-only, or moved or deleted since it was opened, is refused
        before anything is written (see `check_still_there`)."""
        if self.db.in_transaction():  # inside another write: it holds the lock already
            with self.errors_explained():
                with self.db.atomic():
                    return operation()
        if self.read_only_reason:
            raise DatabaseError(self.read_only_reason)
        self.check_still_there()
        deadline = time.monotonic() + (WRITE_DEADLINE_SECONDS if deadline_seconds is None
                                       else deadline_seconds)
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

    def check_still_there(self) -> None:
        """A file deleted (or replaced) under a running session would take its
        saves without a word and lose them: say so before writing instead."""
        if self.path is None or self._identity is None:
            return
        try:
            found = os.stat(self.path)
            same = (found.st_dev, found.st_ino) == self._identity
        except OSError:
            same = False
        if not same:
            raise DatabaseError(_(DATABASE_GONE).format(file=shown_path(self.path)))

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
            # A failed commit (a full disk) is followed by a rollback that
            # fails too: the first error says what happened.
            raise _explain(_first_error(error), self.path) from None

    def check(self) -> tuple[bool, str]:
        with self.errors_explained():
            result = [row[0] for row in self.db.execute_sql("PRAGMA integrity_check").fetchall()]
            if result != ["ok"]:
                return False, _("Damaged: SQLite's integrity check says: {result}").format(
                    result=result[0])
            well, problem = self._check_schema_and_keys()
        if not well:
            return False, problem
        return True, _("OK: integrity, schema (version {version}) and keys checked in {file}"
                       ).format(version=migrations.LATEST, file=self.path)

    def wipe_free_space(self) -> None:
        """Rebuild the file and empty the WAL, so deleted or replaced text is
        left nowhere on disk that SQLite manages."""
        with self.errors_explained():
            self.db.execute_sql("VACUUM")
            self.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")


# ----------------------------------------------------------------------------
# PostgreSQL

# SQLSTATE classes and codes, for plain messages (see PostgreSQL's appendix A).
_PG_RETRY = {"40001", "40P01", "55P03"}  # serialization failure, deadlock, lock timeout
_PG_CONNECTION_LOST = {"57P01", "57P02", "57P03"}  # shut down, crashed, starting up


def _driver_error(error: BaseException) -> BaseException:
    """The psycopg error under a peewee one (peewee keeps it as the first argument)."""
    seen = error
    for _unused in range(3):
        inner = seen.args[0] if seen.args and isinstance(seen.args[0], BaseException) else None
        inner = inner or seen.__context__
        if inner is None:
            break
        seen = inner
        if type(seen).__module__.startswith("psycopg"):
            break
    return seen if type(seen).__module__.startswith("psycopg") else error


def _explain_postgresql(error: BaseException, where: str) -> DatabaseError:
    """A plain message, with what to do, for an error PostgreSQL or psycopg gave."""
    driver = _driver_error(error)
    state = getattr(driver, "sqlstate", None) or ""
    text = str(driver).strip().splitlines()[0] if str(driver).strip() else type(driver).__name__
    lower = str(driver).lower()
    if state in _PG_RETRY or state == "57014":
        return DatabaseBusyError(_(BUSY))
    if state == "3D000" or ("database" in lower and "does not exist" in lower):
        return DatabaseError(
            _("The PostgreSQL server has no database named in {address}. Check the --db "
              "address, or ask the server's administrator to create it (see "
              "docs/postgresql.md).").format(address=where)
        )
    if state.startswith("28") or "password authentication failed" in lower \
            or "no pg_hba.conf entry" in lower or "role" in lower and "does not exist" in lower:
        return DatabaseError(
            _("The PostgreSQL server refused the user in {address}. Check the user name and "
              "password (or ~/.pgpass), and that the server lets this user in.").format(
                  address=where)
        )
    if state == "42501":
        return DatabaseError(
            _("The database user in {address} may not do this. Ask the server's administrator "
              "to give it the rights in docs/postgresql.md.").format(address=where)
        )
    if state == "53100" or "no space left" in lower:
        return DatabaseError(
            _("The database server's disk is full, so nothing more can be saved. What you "
              "typed is still on the screen. Ask staff to free some space.")
        )
    if state == "25006":
        return DatabaseError(
            _("The PostgreSQL server at {address} only reads (a standby?), so nothing can be "
              "saved. Point --db at the main server.").format(address=where)
        )
    if state.startswith("08") or state in _PG_CONNECTION_LOST or _connection_problem(driver):
        return DatabaseError(
            _("Can't reach the plan database server at {address}. What you typed is still "
              "here. Check that PostgreSQL is running and the address is right, then try "
              "again.").format(address=where)
        )
    return DatabaseError(_("The plan database at {file} gave an error: {error}").format(
        file=where, error=text))


def _connection_problem(driver: BaseException) -> bool:
    """True for a psycopg error about the connection itself (no SQLSTATE from the server)."""
    name = type(driver).__name__
    if name in ("InterfaceError",):
        return True
    if name == "OperationalError" and not getattr(driver, "sqlstate", None):
        return True
    lower = str(driver).lower()
    return any(words in lower for words in (
        "connection refused", "could not connect", "server closed the connection",
        "connection is closed", "connection is lost", "could not translate host name",
        "timeout expired", "consuming input failed", "terminating connection",
    ))


class PostgresqlStore(Store):
    """A shared PostgreSQL database. Writes take advisory locks: a write to
    one plan holds that plan's lock (and the database's lock shared), any other
    write holds the database's lock alone. So writes to one plan run one at a
    time, as on SQLite, and the plan's rules (goal orders 1..n, one revision
    per save) hold, while writes to different plans run side by side."""

    kind = "postgresql"

    def write(self, operation: Callable[[], T], *, person: int | None = None,
              deadline_seconds: float | None = None) -> T:
        """Run `operation` in one READ COMMITTED transaction after taking its
        locks (waiting in PostgreSQL's own queue, first come first served). A
        wait that passes WRITE_DEADLINE_SECONDS, or a deadlock or serialization
        failure, is tried again until the deadline; then DatabaseBusyError."""
        if self.db.in_transaction():  # inside another write: it holds its locks already
            with self.errors_explained():
                with self.db.atomic():
                    return operation()
        deadline = time.monotonic() + (WRITE_DEADLINE_SECONDS if deadline_seconds is None
                                       else deadline_seconds)
        while True:
            try:
                with self.errors_explained():
                    with self.db.atomic():
                        self._lock(person, deadline)
                        return operation()
            except DatabaseBusyError:
                if time.monotonic() >= deadline:
                    raise
                time.sleep(random.uniform(0, 0.005))

    def _lock(self, person: int | None, deadline: float) -> None:
        left_ms = max(1, int((deadline - time.monotonic()) * 1000))
        # SET LOCAL takes no parameters; the number is ours.
        self.db.execute_sql(f"SET LOCAL lock_timeout = {left_ms}")
        if person is None:
            self.db.execute_sql("SELECT pg_advisory_xact_lock(%s, 0)", (LOCK_CLASS,))
        else:
            self.db.execute_sql("SELECT pg_advisory_xact_lock_shared(%s, 0)", (LOCK_CLASS,))
            self.db.execute_sql("SELECT pg_advisory_xact_lock(%s, %s)", (LOCK_CLASS + 1, int(person)))

    @contextmanager
    def errors_explained(self):
        try:
            yield
        except peewee.IntegrityError:
            raise
        except DatabaseError:
            raise
        except Exception as error:  # noqa: BLE001 - psycopg's errors are not all peewee's
            driver = _driver_error(error)
            if not (isinstance(error, (peewee.PeeweeException, peewee.DatabaseError))
                    or type(driver).__module__.startswith("psycopg")):
                raise
            if type(driver).__name__ in ("UniqueViolation", "ForeignKeyViolation",
                                         "NotNullViolation", "IntegrityError"):
                raise peewee.IntegrityError(str(driver)) from None
            explained = _explain_postgresql(error, self.where)
            if self._connection_broken():
                self._forget_connection()
            raise explained from None

    def _connection_broken(self) -> bool:
        if self.db.is_closed():
            return False
        connection = self.db._state.conn
        return bool(getattr(connection, "closed", False) or getattr(connection, "broken", False))

    def _forget_connection(self) -> None:
        """Drop a connection the server closed, so the next use opens a new one."""
        try:
            self.db.close()
        except Exception:  # noqa: BLE001 - it is gone either way
            self.db.dispose()

    def check(self) -> tuple[bool, str]:
        """Schema version, tables and columns, and every plan's key; PostgreSQL
        keeps its own pages whole (it has no integrity check like SQLite's)."""
        with self.errors_explained():
            well, problem = self._check_schema_and_keys()
            server = self.db.execute_sql("SHOW server_version").fetchone()[0].split()[0]
        if not well:
            return False, problem
        return True, _("OK: schema (version {version}) and keys checked in {address} "
                       "(PostgreSQL {server})").format(version=migrations.LATEST,
                                                       address=self.where, server=server)

    def wipe_free_space(self) -> None:
        """VACUUM the tables that hold plans, so the space of deleted rows is
        marked free at once (it can't run inside a transaction). It does not
        overwrite that space: see docs/security.md."""
        tables = ", ".join(f'"{model._meta.table_name}"' for model in ALL_MODELS)
        with self.errors_explained():
            self.db.execute_sql(f"VACUUM {tables}")


def _postgresql_schema_version(store: PostgresqlStore) -> int:
    """The schema version (0 for a database with no tables), read without writing."""
    with store.errors_explained():
        tables = set(store.db.get_tables())
        if not tables:
            return 0
        if SchemaInfo._meta.table_name not in tables:
            raise DatabaseError(
                _("{address} is a database, but not a plan database. "
                  "Check the --db address; nothing was changed.").format(address=store.where)
            )
        columns = {column.name: column.data_type for column in store.db.get_columns("schema_info")}
        if "integer" not in columns.get("version", ""):
            raise DatabaseError(
                _("{address} has a schema_info table this app did not write. Check the --db "
                  "address; nothing was changed.").format(address=store.where)
            )
        return int(store.db.execute_sql('SELECT MAX("version") FROM "schema_info"')
                   .fetchone()[0] or 0)


def _postgresql_database(url: str) -> peewee.PostgresqlDatabase:
    import importlib.util

    from playhouse.db_url import parse

    if postgresql_left_out():  # not from a person's command: see tui.cli.main
        raise RuntimeError("this process was started for SQLite only (tui.store.drivers)")
    if importlib.util.find_spec("psycopg") is None:
        raise DatabaseError(
            _("PostgreSQL support is not installed. Install it with: "
              "pip install 'recovery-plan[postgres]'")
        )
    try:
        options = parse(url, unquote_password=True, unquote_user=True)
    except ValueError:
        raise DatabaseError(_("{address} is not a PostgreSQL address like "
                              "postgresql://user@host/dbname. Check --db.").format(
                                  address=shown_url(url))) from None
    name = options.pop("database", "")
    if not name:
        raise DatabaseError(_("{address} names no database. Add it at the end, like "
                              "postgresql://user@host/plans.").format(address=shown_url(url)))
    options.setdefault("connect_timeout", CONNECT_TIMEOUT_SECONDS)
    options.setdefault("application_name", APP_NAME)
    return peewee.PostgresqlDatabase(name, prefer_psycopg3=True, **options)


def default_site_key_path(database_path: Path) -> Path:
    """Beside the database, unless the site config names another place (better:
    a copy of the database folder then holds no key)."""
    return database_path.with_name(database_path.name + ".site-key")


def open_store(
    location: str | os.PathLike[str] | None = None, *, create_folder: bool = False,
    existing_only: bool = False, migrate: bool = True,
    site_key_path: str | os.PathLike[str] | None = None, file_group: str | None = None,
    without_key: bool = False, new_beside_key: bool = False,
) -> Store:
    """Open (and if needed create or migrate) the plan database at `location`.

    None means the default file in the user data folder, whose folder is made
    when missing. `existing_only` refuses to make a new file; `migrate=False`
    leaves an older schema as it is (for `check`); `without_key` opens it
    without the site key (to check a backup: no plan can be opened). The site
    key file is made (mode 0600) only with a database that holds no sealed
    plan yet, and a new database is never made where a site key is already
    there, beside the database or kept apart (the database was moved or
    deleted: making a new one would hide that; an empty file put there on
    purpose starts one, as does `new_beside_key`, for plans moved in). Raises DatabaseError with a plain message on any problem.

    The database file, its -wal and -shm are made private whatever the umask
    (0600, or 0660 with `file_group`). A file on a read-only disk is opened
    to read (`store.read_only_reason` says so).

    A postgresql:// URL opens a PostgreSQL database; the database itself must
    exist on the server (an empty one gets the plan tables, unless
    `existing_only`), and `site_key_path` must be given: there is no folder
    to keep it beside.
    """
    if is_postgresql(location):
        return _open_postgresql(os.fspath(location), existing_only=existing_only, migrate=migrate,
                                site_key_path=site_key_path)
    if location is None:
        path, create_folder = default_path(), True
    else:
        path = sqlite_path(location)
    if create_folder:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise DatabaseError(_("Can't make the folder {folder}: {error}.").format(
                folder=path.parent, error=error.strerror)) from None
    elif not path.parent.is_dir():
        raise DatabaseError(_("The folder {folder} doesn't exist. Check the --db path.").format(
            folder=path.parent))

    if existing_only and not path.is_file():
        raise DatabaseError(_("There is no plan database at {file} yet.").format(file=path))
    version = read_schema_version(path)
    _refuse_newer(version, str(path))
    if without_key:  # a backup being checked: a check never changes what it checks
        return _store_to_check(path)

    key_path = expand_home(site_key_path) if site_key_path else default_site_key_path(path)
    # Beside the database or kept apart (the config, a systemd credential): the
    # key there means a database was, so never make an empty one in its place.
    if not path.exists() and key_path.exists() and not new_beside_key:
        raise DatabaseError(_(NO_DATABASE_BESIDE_KEY).format(file=path, key=key_path))
    site_key = None
    if not without_key and (migrate or version >= migrations.SEALED_FROM):
        site_key = crypto.load_site_key(key_path, create=version < migrations.SEALED_FROM)

    mode, group = _file_mode(file_group)
    if not path.exists():
        _make_private_file(path, mode, group)
    database = _sqlite_database(path)
    store = SqliteStore(str(path), database, site_key, key_path, path=path)
    try:
        try:
            with store.errors_explained():
                database.connect(reuse_if_open=True)
        except DatabaseError as error:
            why = _why_unwritable(path)
            if why is None:
                raise
            database, store = _read_only_store(path, site_key, key_path, error, why)
        _make_private(path, mode, group)
        if group is not None and site_key is not None:
            _make_private(key_path, mode, group)
        found = os.stat(path)
        store._identity = (found.st_dev, found.st_ino)
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


NO_DATABASE_BESIDE_KEY = N_(
    "There is no plan database at {file}, but its site key {key} is there, so the database "
    "was moved or deleted. Put it back or restore a backup (see docs/backup.md); nothing "
    "was made. To start a new, empty database on purpose, make an empty file there first "
    "(touch {file}).")


def _sqlite_database(path: Path) -> peewee.SqliteDatabase:
    database = peewee.SqliteDatabase(
        str(path), pragmas=SQLITE_PRAGMAS, lock_type="IMMEDIATE",
        timeout=BUSY_TIMEOUT_MS / 1000,
    )
    database.bind(ALL_MODELS)
    return database


def _why_unwritable(path: Path) -> str | None:
    """Why `path`, there to read, can't be written (its disk read-only or
    full, its file or folder not writable), or None."""
    if not path.is_file():
        return None
    try:
        disk = os.statvfs(path.parent)
    except OSError:
        return None
    if disk.f_flag & os.ST_RDONLY or not os.access(path.parent, os.W_OK) \
            or not os.access(path, os.W_OK):
        return READ_ONLY_DISK
    if disk.f_bavail == 0:  # SQLite can't even make its -shm file
        return FULL_DISK_READ_ONLY
    return None


def _store_to_check(path: Path) -> SqliteStore:
    """A file opened only to be checked (with no site key): read as it is, so
    not a byte, its time or its mode changes, and no -wal or -shm is made."""
    if not path.is_file():
        raise DatabaseError(_("There is no plan database at {file} yet.").format(file=path))
    database, store = _reading_store(path, None, default_site_key_path(path))
    try:
        with store.errors_explained():
            database.connect(reuse_if_open=True)
    except DatabaseError:
        store.close()
        raise
    return store


def _reading_store(path: Path, site_key: bytes | None, key_path: Path):
    """(database, store) that only read `path`. With no -wal file (or an empty
    one, left by a try to open it on a full disk), the main file holds
    everything and is read as it is (immutable: nothing made beside it)."""
    wal = path.with_name(path.name + "-wal")
    try:
        wal_holds_changes = wal.stat().st_size > 0
    except OSError:
        wal_holds_changes = False
    options = "mode=ro" if wal_holds_changes else "mode=ro&immutable=1"
    database = peewee.SqliteDatabase(
        f"{path.resolve().as_uri()}?{options}", uri=True,
        pragmas={"foreign_keys": 1, "busy_timeout": BUSY_TIMEOUT_MS},
        timeout=BUSY_TIMEOUT_MS / 1000)
    database.bind(ALL_MODELS)
    return database, SqliteStore(str(path), database, site_key, key_path, path=path)


def _read_only_store(path: Path, site_key: bytes | None, key_path: Path, error: DatabaseError,
                     why: str):
    """The database opened to read only (a read-only disk or folder): plans
    can be read, nothing written (see _reading_store)."""
    database, store = _reading_store(path, site_key, key_path)
    store.read_only_reason = _(why).format(file=shown_path(path))
    try:
        with store.errors_explained():
            database.connect(reuse_if_open=True)
            store.schema_version()
    except DatabaseError:
        raise error from None
    return database, store


def _file_mode(group: str | None) -> tuple[int, int | None]:
    """(mode, group id) for the database's files: 0600, or 0660 and the group named."""
    if not group:
        return PRIVATE_MODE, None
    import grp

    try:
        return GROUP_MODE, grp.getgrnam(group).gr_gid
    except KeyError:
        raise DatabaseError(_("The site config names the group {group} ([security] group), but "
                              "this computer has no such group. Make it, or leave the setting "
                              "out.").format(group=group)) from None


def _make_private_file(path: Path, mode: int, group: int | None) -> None:
    """Make the empty database file with `mode` before SQLite makes it with
    the umask's (SQLite gives its -wal and -shm the main file's mode)."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    except FileExistsError:
        return
    except OSError:
        return  # SQLite will say what is wrong, in its words
    os.close(descriptor)
    _make_private(path, mode, group)


def _make_private(path: Path, mode: int, group: int | None) -> None:
    """The database, -wal and -shm: `mode` and `group`, whatever the umask
    made them (files made by an older version were 0644)."""
    for name in (path.name, path.name + "-wal", path.name + "-shm"):
        file = path.with_name(name)
        try:
            if group is not None and file.stat().st_gid != group:
                os.chown(file, -1, group)
            if (file.stat().st_mode & 0o777) != mode:
                os.chmod(file, mode)
        except OSError:
            continue  # not there, or not ours to change (a read-only disk)


def _refuse_newer(version: int, where: str) -> None:
    if version > migrations.LATEST:
        raise DatabaseError(
            _("{file} was made by a newer version of Recovery Plan (schema {version}; "
              "this one knows up to {latest}). Please update Recovery Plan. "
              "Nothing was changed.").format(file=where, version=version,
                                             latest=migrations.LATEST)
        )


def _open_postgresql(url: str, *, existing_only: bool, migrate: bool,
                     site_key_path: str | os.PathLike[str] | None) -> Store:
    where = shown_url(url)
    if not site_key_path:
        raise DatabaseError(
            _("A PostgreSQL database needs the site key file named: set RECOVERY_PLAN_SITE_KEY "
              "or [security] site_key in the site config (the same key on every computer that "
              "uses this database; see docs/postgresql.md).")
        )
    key_path = expand_home(site_key_path)
    database = _postgresql_database(url)
    database.bind(ALL_MODELS)
    store = PostgresqlStore(where, database, None, key_path)
    try:
        with store.errors_explained():
            database.connect(reuse_if_open=True)
        version = _postgresql_schema_version(store)
        if existing_only and version == 0:
            raise DatabaseError(
                _("There is no plan database in {address} yet: it has no tables. Start the app "
                  "once, or make the demo plan, to make them.").format(address=where)
            )
        _refuse_newer(version, where)
        if migrate or version >= migrations.SEALED_FROM:
            store._site_key = crypto.load_site_key(key_path,
                                                   create=version < migrations.SEALED_FROM)
        if migrate and version < migrations.LATEST:
            store.write(lambda: migrations.upgrade(database, store.site_key))
        if store._site_key is not None and version >= migrations.SEALED_FROM:
            _check_site_key(store, store._site_key, key_path)
    except DatabaseError:
        store.close()
        raise
    return store


def _check_site_key(store: Store, site_key: bytes, key_path: Path) -> None:
    with store.errors_explained():
        row = SiteInfo.select().first()
    if row is None or row.key_check != crypto.key_check(site_key):
        raise DatabaseError(
            _("The site key file {file} does not belong to this database, so no plan "
              "could be opened. Check [security] site_key in the site config. Nothing was "
              "changed.").format(file=key_path)
        )
