"""A process that opens SQLite only imports peewee without psycopg (see
tui.store.drivers): checked in fresh interpreters, since this one has peewee."""

from __future__ import annotations

import subprocess
import sys


def run(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)


def test_sqlite_only_keeps_other_drivers_out_and_sqlite_works(tmp_path):
    result = run(
        "import sys\n"
        "from tui.store.drivers import sqlite_only\n"
        "assert sqlite_only()\n"
        "from tui.store import create_person, open_store, sign_in\n"
        f"store = open_store({str(tmp_path / 'plans.sqlite3')!r})\n"
        "create_person(store, 'Sam', 'long-pin-2026')\n"
        "print(sign_in(store, 'Sam', 'long-pin-2026').name)\n"
        "print(sorted(n for n, m in sys.modules.items() if m is not None and n.split('.')[0] in "
        "('psycopg', 'psycopg2', 'psycopg_binary', 'pymysql', 'MySQLdb')))\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["Sam", "[]"]


def test_too_late_once_peewee_is_imported():
    result = run("import peewee\nfrom tui.store.drivers import sqlite_only\nprint(sqlite_only())")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_a_postgresql_address_after_sqlite_only_is_refused_plainly_as_a_mistake():
    result = run(
        "from tui.store.drivers import sqlite_only\n"
        "sqlite_only()\n"
        "from tui.store.db import _postgresql_database\n"
        "try:\n"
        "    _postgresql_database('postgresql://nobody@127.0.0.1:9/plans')\n"
        "except RuntimeError as error:\n"
        "    print('refused:', error)\n")
    assert result.returncode == 0, result.stderr
    assert "refused: this process was started for SQLite only" in result.stdout
