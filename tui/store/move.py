"""Moving every plan from one database to another: a center's SQLite file into
a shared PostgreSQL database (or back, or between two of either).

Every row of every table is copied as it is: sealed text stays sealed, ids
stay the same (each seal names its row), and the audit trail comes along.
So both databases must use the same site key. The target must be empty (a
new database, or one with the plan tables and no rows), and both are at the
same schema version once opened. The copy is one transaction on the target:
all of it or nothing. Then every table's rows are counted in both; any
difference undoes the copy.

The source is read as one moment (a read transaction), so people may keep
working while it runs, but what they save after that moment stays behind:
ask everyone to quit first.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tui.i18n import _, ngettext
from tui.store import crypto
from tui.store.db import Store, default_site_key_path, is_postgresql, open_store, sqlite_path
from tui.store.errors import DatabaseError
from tui.store.models import ALL_MODELS, SchemaInfo, SiteInfo
from tui.store.paths import expand_home

BATCH = 500  # rows per INSERT
_KEPT = (SchemaInfo, SiteInfo)  # made by opening the target; compared, not copied


@dataclass(frozen=True)
class Moved:
    source: str  # where, as shown (no password)
    target: str
    counts: dict[str, int]  # rows in each table, the same in both
    key_copied_to: Path | None  # the site key file written for the target, if one was


def _key_path_for(location: str, given: str | os.PathLike[str] | None,
                  otherwise: str | os.PathLike[str] | None = None) -> Path | None:
    """`given`, else beside a SQLite file, else `otherwise` (None: open_store says what to set)."""
    if given:
        return expand_home(given)
    if not is_postgresql(location):
        return default_site_key_path(sqlite_path(location))
    return expand_home(otherwise) if otherwise else None


def _same_place(source: str, target: str) -> bool:
    if is_postgresql(source) or is_postgresql(target):
        return source.rstrip("/") == target.rstrip("/")
    first, second = sqlite_path(source), sqlite_path(target)
    try:
        return first.resolve() == second.resolve()
    except OSError:
        return False


def _counts(store: Store) -> dict[str, int]:
    with store.db.bind_ctx(ALL_MODELS):
        return {model._meta.table_name: model.select().count() for model in ALL_MODELS}


@contextmanager
def _one_moment(store: Store) -> Iterator[None]:
    """Reads inside see the source as it was at one moment."""
    if store.kind == "postgresql":
        with store.db.atomic():
            store.db.execute_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
    else:
        with store.db.transaction(lock_type="DEFERRED"):
            yield


def move_plans(source: str, target: str, *,
               source_key: str | os.PathLike[str] | None = None,
               site_key: str | os.PathLike[str] | None = None) -> Moved:
    """Copy every plan in `source` into the empty database `target`.

    The source's site key file is `source_key`, else the one beside a SQLite
    file, else `site_key` (the site config's). The target's is `site_key`,
    else the one beside a SQLite file; it must hold the same key, or is made
    as a copy of the source's when missing. Raises DatabaseError with a plain
    line."""
    source, target = os.fspath(source), os.fspath(target)
    if _same_place(source, target):
        raise DatabaseError(_("--from and --to name the same database. Give another for --to."))
    source_store = open_store(source, existing_only=True,
                              site_key_path=_key_path_for(source, source_key, site_key))
    try:
        key = source_store.site_key
        key_path = _key_path_for(target, site_key)
        copied_to = _put_key(key, key_path, source_store.site_key_path)
        try:
            target_store = open_store(target, site_key_path=key_path, new_beside_key=True)
        except DatabaseError:
            if copied_to is not None:
                copied_to.unlink(missing_ok=True)
            raise
        try:
            counts = _copy(source_store, target_store)
        finally:
            target_store.close()
        return Moved(source_store.where, target_store.where, counts, copied_to)
    finally:
        source_store.close()


def _put_key(key: bytes, key_path: Path | None, source_key_path: Path | None) -> Path | None:
    """Check that the target's key file holds `key`, or write it there when
    missing; the path written, if any."""
    if key_path is None:
        return None  # a PostgreSQL target with no key named: open_store says what to set
    try:
        present = crypto.load_site_key(key_path, create=False)
    except DatabaseError:
        if key_path.exists():
            raise
        if crypto.write_site_key(key_path, key) != key:  # made meanwhile by someone else
            raise DatabaseError(_("The site key {file} appeared while moving, with another "
                                  "key. Nothing was changed.").format(file=key_path))
        return key_path
    if present != key:
        raise DatabaseError(
            _("The site key {file} is not the one the plans were sealed with "
              "({source_key}). Both databases must use the same key: name it with "
              "RECOVERY_PLAN_SITE_KEY or [security] site_key. Nothing was changed.").format(
                  file=key_path, source_key=source_key_path))
    return None


def _copy(source: Store, target: Store) -> dict[str, int]:
    with source.errors_explained(), target.errors_explained():
        if source.schema_version() != target.schema_version():  # pragma: no cover - both upgraded
            raise DatabaseError(_("The two databases are at different schema versions. "
                                  "Nothing was changed."))
        held = {table: count for table, count in _counts(target).items()
                if count and table not in {model._meta.table_name for model in _KEPT}}
        if held:
            table, count = next(iter(held.items()))
            raise DatabaseError(
                ngettext("{where} already holds plans ({n} row in {table}). Give an empty "
                         "database to move the plans into. Nothing was changed.",
                         "{where} already holds plans ({n} rows in {table}). Give an empty "
                         "database to move the plans into. Nothing was changed.", count).format(
                             where=target.where, n=count, table=table))
        with source.db.bind_ctx([SiteInfo]):
            source_check = [row.key_check for row in SiteInfo.select()]
        with target.db.bind_ctx([SiteInfo]):
            target_check = [row.key_check for row in SiteInfo.select()]
        if source_check != target_check:
            raise DatabaseError(_("The two databases were made with different site keys. "
                                  "Nothing was changed."))

    def copy() -> dict[str, int]:
        with _one_moment(source):
            wanted = _counts(source)
            for model in ALL_MODELS:
                if model in _KEPT:
                    continue
                with source.db.bind_ctx(ALL_MODELS):
                    rows = list(model.select().order_by(model.id).dicts())
                with target.db.bind_ctx(ALL_MODELS):
                    for start in range(0, len(rows), BATCH):
                        model.insert_many(rows[start:start + BATCH]).execute()
                    if rows and target.kind == "postgresql":
                        _move_sequence_on(target, model._meta.table_name)
        got = _counts(target)
        if got != wanted:
            different = [t for t in wanted if got.get(t) != wanted[t]]
            raise DatabaseError(
                _("After copying, {table} has {got} rows in {target} but {wanted} in {source}, "
                  "so the copy was undone. Nothing was changed.").format(
                      table=different[0], got=got.get(different[0]), target=target.where,
                      wanted=wanted[different[0]], source=source.where))
        return got

    return target.write(copy)


def _move_sequence_on(store: Store, table: str) -> None:
    """Rows came with their ids: the next id PostgreSQL gives must come after them."""
    store.db.execute_sql(
        f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), MAX(\"id\")) FROM \"{table}\"")
