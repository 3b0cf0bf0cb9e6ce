"""Backing up and restoring the plan database.

A backup is a consistent snapshot made with SQLite's online backup API, so
people can keep working while it is made. It is written to a hidden file
beside the target, checked, and then renamed into place: a half-written
backup never has the target's name. The copy is one self-contained file
(no -wal beside it), readable by its owner only (mode 0600). Plans in it stay
sealed: it can be opened only with the site key, which is not in the copy.

A restore first copies the backup into the database's folder and checks that
copy: it is a SQLite file, SQLite's integrity check passes, it is a plan
database with a schema this version can open, and its plans were sealed with
this site's key. Only then, and only when no session has the database open,
is the database overwritten in place (SQLite's backup API again, in one
transaction through the write-ahead log: a crash half way leaves the old
database). The database it
replaced is first kept beside it as `<name>.before-restore-<date>-<time>`.

Every problem is a BackupError with one plain line that says what to do.
"""

from __future__ import annotations

import errno
import functools
import os
import sqlite3
import stat
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from tui.i18n import _, ngettext
from tui.store import clock
from tui.store.errors import DatabaseError
from tui.store.paths import expand_home

SQLITE_HEADER = b"SQLite format 3\x00"
# How long a restore waits for other sessions to let go of the database
# before it says someone is still using it.
IN_USE_WAIT_S = 2.0
# `check` warns when the write-ahead log is bigger than this: a session that
# never finishes reading keeps SQLite from folding the log back into the file.
WAL_WARN_BYTES = 64 * 1024 * 1024
_SIDE_FILES = ("-wal", "-shm", "-journal")


class BackupError(DatabaseError):
    """A backup or restore can't be done; the message says why and what to do."""


class NotConfirmed(BackupError):
    """The restore was not confirmed, so nothing was changed."""


@dataclass(frozen=True)
class Facts:
    """What a look inside a plan database found."""

    schema_version: int
    plans: int | None  # None when the plans table can't be counted
    size: int  # bytes


@dataclass(frozen=True)
class BackupDone:
    target: str  # the file written, or "-" for standard output
    facts: Facts


@dataclass(frozen=True)
class RestorePlan:
    """What a restore is about to do, for the question asked before it."""

    source: Path
    database: Path
    kept_as: Path | None  # where the database it replaces will be kept; None if there is none
    facts: Facts
    changed: datetime  # when the backup file was last changed


# ----------------------------------------------------------------------------
# Plain words for what went wrong


def plans_text(facts: Facts) -> str:
    """"1 plan, 172 KB", or just the size when plans can't be counted."""
    if facts.plans is None:
        return size_text(facts.size)
    return ngettext("{n} plan, {size}", "{n} plans, {size}", facts.plans).format(
        n=facts.plans, size=size_text(facts.size))


def size_text(size: int) -> str:
    if size < 1024:
        return _("{count} bytes").format(count=size)
    if size < 1024 * 1024:
        return _("{count:.0f} KB").format(count=size / 1024)
    return _("{count:.1f} MB").format(count=size / (1024 * 1024))


def _disk_full(where: Path) -> BackupError:
    return BackupError(_("The disk is full, so nothing could be written to {where}. "
                         "Free some space or pick another place. Nothing was changed.").format(
                             where=where))


def _os_problem(error: OSError, folder: Path) -> BackupError:
    """A plain line for an error while writing in `folder`."""
    if error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return _disk_full(folder)
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOENT):
        return BackupError(_("Can't write in the folder {folder}. Pick a folder you can write "
                             "to, or ask whoever runs the computer. Nothing was changed.").format(
                                 folder=folder))
    if error.errno == errno.ENOTDIR:
        return BackupError(_("{folder} is not a folder. Check the path. Nothing was changed.")
                           .format(folder=folder))
    return BackupError(_("Writing in {folder} failed: {error}. Nothing was changed.").format(
        folder=folder, error=error.strerror or error))


def _sqlite_problem(error: sqlite3.Error, path: Path, *, writing: bool) -> BackupError:
    text = str(error).lower()
    if "disk is full" in text:
        return _disk_full(path.parent)
    if "readonly" in text or "read-only" in text or ("unable to open" in text and writing):
        return _os_problem(OSError(errno.EACCES, "read-only"), path.parent)
    if "not a database" in text or "malformed" in text or "encrypted" in text:
        return BackupError(_("{file} is not a plan database, or it is damaged. Nothing was "
                             "changed.").format(file=path))
    if "locked" in text or "busy" in text:
        return BackupError(_("{file} is busy. Try again in a moment. Nothing was changed.")
                           .format(file=path))
    return BackupError(_("{file} gave an error: {error}. Nothing was changed.").format(
        file=path, error=error))


# ----------------------------------------------------------------------------
# Small file helpers


def wal_path(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def wal_size(path: Path) -> int:
    """The size of the write-ahead log beside `path` (0 when there is none)."""
    try:
        return wal_path(path).stat().st_size
    except OSError:
        return 0


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _fsync_folder(folder: Path) -> None:
    with suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _fsync_file(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


@contextmanager
def _temp_file(folder: Path, name: str) -> Iterator[Path]:
    """A new empty file (mode 0600) in `folder`, removed unless it was renamed away."""
    try:
        descriptor, temp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
    except OSError as error:
        raise _os_problem(error, folder) from None
    os.close(descriptor)
    path = Path(temp)
    try:
        yield path
    finally:
        for leftover in (path, *(path.with_name(path.name + end) for end in _SIDE_FILES)):
            with suppress(FileNotFoundError):
                leftover.unlink()


def _match_owner(path: Path, like: Path) -> None:
    """Run as root (staff often are), give `path` the owner of `like`, so the
    account that runs Recovery Plan can still open it."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        with suppress(OSError):
            info = like.stat()
            os.chown(path, info.st_uid, info.st_gid)


def _dated_name(folder: Path, stem: str, suffix: str = "") -> Path:
    """`stem-YYYYMMDD-HHMMSS` (+suffix) in `folder`, with -2, -3... if taken."""
    moment = clock.now().strftime("%Y%m%d-%H%M%S")
    candidate = folder / f"{stem}-{moment}{suffix}"
    number = 2
    while os.path.lexists(candidate):
        candidate = folder / f"{stem}-{moment}-{number}{suffix}"
        number += 1
    return candidate


# ----------------------------------------------------------------------------
# Looking inside a database file


def _facts(connection: sqlite3.Connection, path: Path) -> Facts:
    from tui.store.models import Person, SchemaInfo

    tables = {row[0] for row in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")}
    if SchemaInfo._meta.table_name not in tables:
        raise BackupError(_("{file} is a database, but not a plan database. Nothing was "
                            "changed.").format(file=path))
    try:
        version = int(connection.execute(
            f'SELECT MAX(version) FROM "{SchemaInfo._meta.table_name}"').fetchone()[0] or 0)
    except (TypeError, ValueError):
        raise BackupError(_("{file} is a database, but not a plan database. Nothing was "
                            "changed.").format(file=path)) from None
    plans = None
    if Person._meta.table_name in tables:
        plans = connection.execute(f'SELECT COUNT(*) FROM "{Person._meta.table_name}"').fetchone()[0]
    size = path.stat().st_size
    return Facts(version, plans, size)


def _connect_source(path: Path, *, live: bool) -> sqlite3.Connection:
    """A connection that reads `path` and never makes it. The live database is
    opened read-write when we may (so SQLite tidies its -wal away on close);
    a backup file is only read, and with no -wal beside it, read as it is, so
    not even an empty -wal is left beside it."""
    uri = path.resolve().as_uri()
    if live:
        try:
            return sqlite3.connect(f"{uri}?mode=rw", uri=True, timeout=IN_USE_WAIT_S)
        except sqlite3.OperationalError:
            pass
    elif not wal_path(path).exists():
        return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True)
    return sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=IN_USE_WAIT_S)


def _snapshot(source: Path, target: Path, *, live: bool) -> Facts:
    """Copy the database `source` into the empty file `target` as one
    consistent snapshot, as one file (no -wal), checked."""
    try:
        reader = _connect_source(source, live=live)
    except sqlite3.Error as error:
        raise _sqlite_problem(error, source, writing=False) from None
    try:
        try:
            writer = sqlite3.connect(target)
        except sqlite3.Error as error:
            raise _sqlite_problem(error, target, writing=True) from None
        try:
            try:
                reader.backup(writer)  # all pages in one step: one read transaction
            except sqlite3.Error as error:
                if "disk is full" in str(error).lower():
                    raise _disk_full(target.parent) from None
                raise _sqlite_problem(error, source, writing=False) from None
            try:
                writer.execute("PRAGMA journal_mode=DELETE").fetchone()
                result = [row[0] for row in writer.execute("PRAGMA integrity_check")]
            except sqlite3.Error as error:
                raise _sqlite_problem(error, target, writing=True) from None
            if result != ["ok"]:
                raise BackupError(_("{file} is damaged: SQLite's check says: {result}. "
                                    "Nothing was changed.").format(file=source, result=result[0]))
            return _facts(writer, target)
        finally:
            writer.close()
    finally:
        reader.close()


def _has_sqlite_header(path: Path) -> bool:
    with open(path, "rb") as file:
        return file.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def live_path(location: str | os.PathLike[str] | None) -> tuple[Path, bool]:
    """(the database file `location` names, whether its folder may be made)."""
    from tui.store.db import default_path, is_postgresql, sqlite_path

    if location is None:
        return default_path(), True
    if is_postgresql(location):
        raise BackupError(_("A PostgreSQL database is backed up with pg_dump and put back with "
                            "pg_restore, not with this command (see docs/postgresql.md)."))
    return sqlite_path(location), False


# ----------------------------------------------------------------------------
# backup


def _is_stream(target: Path) -> bool:
    """A device or pipe: written into as it is, not replaced by a new file."""
    try:
        mode = target.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _plainly(operation):
    """Any error not foreseen still ends as one plain line, never a traceback."""

    @functools.wraps(operation)
    def wrapper(*args, **kwargs):
        try:
            return operation(*args, **kwargs)
        except DatabaseError:
            raise
        except sqlite3.Error as error:
            raise BackupError(_("SQLite gave an error: {error}. Check the files and try "
                                "again.").format(error=error)) from None
        except OSError as error:
            if error.filename:
                raise BackupError(_("The system gave an error ({file}): {error}. Check the files "
                                    "and try again.").format(file=error.filename,
                                                             error=error.strerror or error)
                                  ) from None
            raise BackupError(_("The system gave an error: {error}. Check the files and try "
                                "again.").format(error=error.strerror or error)) from None

    return wrapper


def _is_part_of_database(path: Path, source: Path, site_key_path: Path) -> bool:
    """True for the database, its -wal, -shm and -journal (which may not exist
    yet) and its site key file: a copy written there would wreck it."""
    parts = [source, *(source.with_name(source.name + end) for end in _SIDE_FILES), site_key_path]
    where = path.resolve()
    return any(where == part.resolve() or _same_file(path, part) for part in parts)


@_plainly
def backup(location: str | os.PathLike[str] | None, target: str, *, force: bool = False,
           stdout: BinaryIO | None = None,
           site_key_path: str | os.PathLike[str] | None = None) -> BackupDone:
    """Copy the plan database at `location` to `target`: a file (refused if it
    exists, unless `force`), a folder (a dated name is chosen in it), a device
    or pipe, or "-" for `stdout`. The site key file is never copied."""
    from tui.store.db import default_site_key_path, read_schema_version

    source, _may_make = live_path(location)
    key_path = (expand_home(site_key_path) if site_key_path
                else default_site_key_path(source))
    if not source.is_file() or source.stat().st_size == 0:
        raise BackupError(_("There is no plan database at {file} yet, so there is nothing to "
                            "back up. Check the --db path.").format(file=source))
    if read_schema_version(source) == 0:
        raise BackupError(_("{file} holds no plans yet, so there is nothing to back up.").format(
            file=source))

    if target == "-":
        if stdout is None:
            raise BackupError(_("There is no standard output to write to. Give a file name."))
        return _backup_to_stream(source, stdout, STANDARD_OUTPUT)
    path = expand_home(target)
    if path.is_dir():
        path = _dated_name(path, f"{source.stem}-backup", source.suffix or ".sqlite3")
    if _is_stream(path):
        try:
            stream = open(path, "wb")  # noqa: SIM115 - errors opening and writing differ
        except OSError as error:
            raise BackupError(_("Can't write to {file}: {error}.").format(
                file=path, error=error.strerror)) from None
        with stream:
            return _backup_to_stream(source, stream, str(path))
    if _is_part_of_database(path, source, key_path):
        raise BackupError(_("{file} is the plan database itself, or a file it needs. "
                            "Give another name for the copy. Nothing was changed.").format(
                                file=path))
    if os.path.lexists(path) and not force:
        raise BackupError(_("{file} already exists. Give a new name, or add --force to replace "
                            "it. Nothing was changed.").format(file=path))
    folder = path.parent
    if not folder.exists():
        raise BackupError(_("The folder {folder} doesn't exist. Make it first, or pick "
                            "another.").format(folder=folder))
    if not folder.is_dir():
        raise BackupError(_("{folder} is not a folder. Check the path. Nothing was changed.")
                          .format(folder=folder))

    with _temp_file(folder, path.name) as temp:
        facts = _snapshot(source, temp, live=True)
        try:
            _fsync_file(temp)
            os.replace(temp, path)
        except OSError as error:
            raise _os_problem(error, folder) from None
    _fsync_folder(folder)
    return BackupDone(str(path), facts)


def _write_all(stream: BinaryIO, data: bytes) -> None:
    """Write all of `data`. A buffered write can return short (a pipe whose
    reader quit half way); the next write then raises the error."""
    view = memoryview(data)
    while view:
        written = stream.write(view)
        if not written:
            raise OSError(errno.EIO, "nothing could be written")
        view = view[written:]


STANDARD_OUTPUT = "standard output"  # a name for "-" (shown in the language in effect)


def _backup_to_stream(source: Path, stream: BinaryIO, name: str) -> BackupDone:
    # The snapshot is made beside the database (a folder only its owner
    # uses), never in a shared temporary folder, then copied out.
    with _temp_file(source.parent, source.name + ".backup") as temp:
        facts = _snapshot(source, temp, live=True)
        try:
            with open(temp, "rb") as copy:
                while chunk := copy.read(1024 * 1024):
                    _write_all(stream, chunk)
            stream.flush()
        except OSError as error:
            shown = _("standard output") if name == STANDARD_OUTPUT else name
            if error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
                raise BackupError(_("The disk is full, so the backup written to {where} is not "
                                    "complete. Free some space, then make it again.").format(
                                        where=shown)) from None
            if error.errno == errno.EPIPE:
                raise BackupError(_("The program reading {where} stopped, so the backup is not "
                                    "complete. Make it again.").format(where=shown)) from None
            raise BackupError(_("Writing the backup to {where} failed: {error}. Make it again.")
                              .format(where=shown, error=error.strerror or error)) from None
    return BackupDone("-" if name == STANDARD_OUTPUT else name, facts)


# ----------------------------------------------------------------------------
# restore


def _check_site_key(connection: sqlite3.Connection, facts: Facts, source: Path,
                    site_key_path: Path) -> None:
    """A sealed backup must have been sealed with this site's key, or no plan in it could open."""
    from tui.store import crypto, migrations
    from tui.store.models import SiteInfo

    if facts.schema_version < migrations.SEALED_FROM:
        return  # plans not sealed yet: they are sealed with this site's key when first opened
    site_key = crypto.load_site_key(site_key_path, create=False)
    try:
        row = connection.execute(
            f'SELECT key_check FROM "{SiteInfo._meta.table_name}" LIMIT 1').fetchone()
    except sqlite3.Error:
        row = None
    if row is None or row[0] != crypto.key_check(site_key):
        raise BackupError(_("The plans in {file} were sealed with another site key than "
                            "{key}, so none could be opened here. Put that site's key file in "
                            "place first. Nothing was changed.").format(file=source,
                                                                        key=site_key_path))


def _check_copy(copy: Path, source: Path, site_key_path: Path, facts: Facts) -> None:
    from tui.store import migrations

    if facts.schema_version == 0:
        raise BackupError(_("{file} holds no plan database. Nothing was changed.").format(
            file=source))
    if facts.schema_version > migrations.LATEST:
        raise BackupError(
            _("{file} was made by a newer version of Recovery Plan (schema {version}; this one "
              "knows up to {latest}). Update Recovery Plan first. Nothing was changed.").format(
                  file=source, version=facts.schema_version, latest=migrations.LATEST))
    connection = sqlite3.connect(f"{copy.resolve().as_uri()}?mode=ro", uri=True)
    try:
        if facts.schema_version == migrations.LATEST:
            import peewee

            database = peewee.SqliteDatabase(str(copy), pragmas={"query_only": 1})
            try:
                missing = migrations.schema_differences(database)
            finally:
                database.close()
            if missing:
                raise BackupError(_("{file} is not a whole plan database ({problem}). "
                                    "Nothing was changed.").format(file=source,
                                                                   problem=missing[0]))
        _check_site_key(connection, facts, source, site_key_path)
    finally:
        connection.close()


@_plainly
def restore(location: str | os.PathLike[str] | None, source: str | os.PathLike[str], *,
            confirm: Callable[[RestorePlan], bool],
            site_key_path: str | os.PathLike[str] | None = None) -> RestorePlan:
    """Put the backup `source` in place of the plan database at `location`,
    once `confirm` says yes. Returns what was done."""
    from tui.store.db import default_site_key_path

    live, may_make_folder = live_path(location)
    key_path = (expand_home(site_key_path) if site_key_path
                else default_site_key_path(live))
    source = expand_home(source)
    if not source.exists():
        raise BackupError(_("There is no file at {file}. Check the name. Nothing was "
                            "changed.").format(file=source))
    if source.is_dir():
        raise BackupError(_("{file} is a folder. Give the backup file in it. Nothing was "
                            "changed.").format(file=source))
    try:
        if not _has_sqlite_header(source):
            raise BackupError(_("{file} is not a plan database backup, or it is damaged. "
                                "Nothing was changed.").format(file=source))
    except OSError as error:
        raise BackupError(_("Can't read {file}: {error}. Nothing was changed.").format(
            file=source, error=error.strerror)) from None
    if _same_file(source, live):
        raise BackupError(_("{file} is the plan database itself. Give a backup file. "
                            "Nothing was changed.").format(file=source))
    folder = live.parent
    if not folder.is_dir():
        if not may_make_folder:
            raise BackupError(_("The folder {folder} doesn't exist. Check the --db path. "
                                "Nothing was changed.").format(folder=folder))
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise _os_problem(error, folder) from None

    with _temp_file(folder, live.name + ".restore") as copy:
        facts = _snapshot(source, copy, live=False)
        _check_copy(copy, source, key_path, facts)
        present = live.exists() and live.stat().st_size > 0
        kept_as = _dated_name(folder, f"{live.name}.before-restore") if present else None
        plan = RestorePlan(source, live, kept_as, facts,
                           datetime.fromtimestamp(source.stat().st_mtime))
        if not confirm(plan):
            raise NotConfirmed(_("Nothing was changed."))
        if not present:
            _put_in_place(copy, live, None)
        else:
            _restore_in_place(copy, live, kept_as)
    _fsync_folder(folder)
    return plan


def _put_in_place(copy: Path, live: Path, kept_as: Path | None) -> None:
    """Rename `copy` to `live`, after moving aside what is at `live` (a file
    SQLite can't open, or leftovers of one): a stale -wal or -journal must
    never be played into the restored file."""
    try:
        if kept_as is not None and live.exists():
            os.link(live, kept_as)  # the old file keeps its name until the new one takes it
        for end in _SIDE_FILES:
            side = live.with_name(live.name + end)
            if side.exists():
                if kept_as is None:
                    side.unlink()
                else:
                    os.replace(side, kept_as.with_name(kept_as.name + end))
        if live.exists():
            _match_owner(copy, live)
        else:
            _match_owner(copy, live.parent)
        _fsync_file(copy)
        os.replace(copy, live)
    except OSError as error:
        raise _os_problem(error, live.parent) from None


def _restore_in_place(copy: Path, live: Path, kept_as: Path) -> None:
    """Overwrite the database at `live` with `copy` through SQLite, holding
    the database alone for the whole time; keep the old one as `kept_as`.

    Once this process holds SQLite's lock on `live`, no file of it may be
    opened and closed here outside SQLite: closing any descriptor of a file
    drops every lock this process holds on it.
    """
    in_use = BackupError(
        _("Someone is still using the plan database at {file}. Ask everyone to quit Recovery "
          "Plan (every kiosk and SSH session), then try again. Nothing was changed.").format(
              file=live))
    try:
        database = sqlite3.connect(live, timeout=IN_USE_WAIT_S, isolation_level=None)
    except sqlite3.Error as error:
        raise _sqlite_problem(error, live, writing=True) from None
    try:
        try:
            database.execute("PRAGMA locking_mode=EXCLUSIVE")
            # Leaving WAL mode needs every other connection closed: it fails
            # while any session has the database open, even an idle one.
            mode = database.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
            if mode != "delete":
                raise in_use
            database.execute("BEGIN EXCLUSIVE")  # held until the connection closes
            database.execute("COMMIT")
        except sqlite3.DatabaseError as error:
            text = str(error).lower()
            if "locked" in text or "busy" in text:
                raise in_use from None
            if "not a database" in text or "malformed" in text:
                database.close()
                _put_in_place(copy, live, kept_as)  # SQLite can't open it: nobody can be using it
                return
            raise _sqlite_problem(error, live, writing=True) from None

        with _temp_file(live.parent, kept_as.name) as aside:
            try:
                writer = sqlite3.connect(aside)
                try:
                    database.backup(writer)
                    writer.execute("PRAGMA journal_mode=DELETE").fetchone()
                finally:
                    writer.close()
                _match_owner(aside, live)
                _fsync_file(aside)
                os.replace(aside, kept_as)
            except sqlite3.Error as error:
                raise _sqlite_problem(error, kept_as, writing=True) from None
            except OSError as error:
                raise _os_problem(error, live.parent) from None
        _fsync_folder(live.parent)

        reader = sqlite3.connect(f"{copy.resolve().as_uri()}?mode=ro", uri=True)
        try:
            database.execute("PRAGMA synchronous=FULL")
            # Written through the WAL, as the store writes: a crash before the
            # end leaves frames that are never played, and the file as it was.
            # (SQLite can't copy into a WAL database of another page size.)
            page_sizes = {connection.execute("PRAGMA page_size").fetchone()[0]
                          for connection in (reader, database)}
            if len(page_sizes) == 1:
                database.execute("PRAGMA journal_mode=WAL").fetchone()
            reader.backup(database)  # one transaction
            result = [row[0] for row in database.execute("PRAGMA integrity_check")]
            if result != ["ok"]:
                raise BackupError(_("The restored database failed SQLite's check ({result}). "
                                    "The old one is kept as {kept}.").format(result=result[0],
                                                                            kept=kept_as))
            database.execute("PRAGMA journal_mode=WAL").fetchone()
        except sqlite3.Error as error:  # rolled back: the database is as it was
            problem = _sqlite_problem(error, live, writing=True)
            raise BackupError(_("{problem} A copy of it is also kept as {kept}.").format(
                problem=problem, kept=kept_as)) from None
        finally:
            reader.close()
    finally:
        database.close()
