"""Which database drivers a process loads.

peewee imports every database driver it can find when it is first imported.
With psycopg installed (the `postgres` extra) that is most of peewee's import
time, and a few MiB in every session, even where the database is SQLite. A
process that will open SQLite only says so first (`sqlite_only`), and peewee
then finds no PostgreSQL or MySQL driver.

No peewee here: this is decided before peewee is imported.
"""

from __future__ import annotations

import os
import sys

POSTGRESQL_SCHEMES = ("postgresql", "postgres")
# The drivers peewee tries to import, other than SQLite's own.
OTHER_DRIVERS = ("psycopg", "psycopg2", "psycopg2cffi", "pymysql", "MySQLdb")


def is_postgresql(location: str | os.PathLike[str] | None) -> bool:
    """True when `location` is a postgresql:// (or postgres://) URL."""
    if location is None:
        return False
    scheme, found, _rest = os.fspath(location).partition("://")
    return bool(found) and scheme.lower() in POSTGRESQL_SCHEMES


def sqlite_only() -> bool:
    """This process opens SQLite databases only: when peewee is first imported,
    it finds no other driver (each is marked as missing, which `import` takes for
    not installed). Too late once peewee is imported: False then."""
    if "peewee" in sys.modules:
        return False
    for name in OTHER_DRIVERS:
        sys.modules.setdefault(name, None)
    return True


def postgresql_left_out() -> bool:
    """True when `sqlite_only` kept psycopg from this process."""
    return "psycopg" in sys.modules and sys.modules["psycopg"] is None
