"""The installed `recovery-plan` command, run as a person or a script would."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import all_rows, raw_database, site_key_env
from tui import __version__
from tui.store import migrations
from tui.store.db import is_postgresql

SCRIPT = Path(sys.executable).with_name("recovery-plan")


@pytest.fixture(autouse=True)
def private_home(tmp_path, monkeypatch):
    """Keep the default data and config folders inside the test's own folder."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "etc"))


def run(*args: str, env_extra: dict | None = None, **kwargs) -> subprocess.CompletedProcess:
    """The command, as a site would run it: a PostgreSQL test database's site key
    is named in RECOVERY_PLAN_SITE_KEY (unless env_extra says otherwise)."""
    assert SCRIPT.exists(), f"the console script should be installed beside {sys.executable}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("RECOVERY_PLAN_")}
    for option, value in zip(args, args[1:]):
        if option in ("--db", "--from", "--to"):
            env.update(site_key_env(value))
    env.update(RECOVERY_PLAN_NOW="2026-11-26T10:00", **(env_extra or {}))
    return subprocess.run([str(SCRIPT), *args], capture_output=True, text=True, env=env,
                          timeout=60, **kwargs)


def test_version():
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"recovery-plan {__version__}"


def test_python_dash_m_is_the_same_command():
    result = subprocess.run([sys.executable, "-m", "tui", "--version"], capture_output=True, text=True)
    assert result.stdout.strip() == f"recovery-plan {__version__}"


def rows(location) -> dict[str, list] | None:
    """Every row of every table at `location` (None: no SQLite file there)."""
    if not is_postgresql(location) and not Path(location).exists():
        return None
    database = raw_database(location)
    try:
        return all_rows(database)
    finally:
        database.close()


def test_demo_then_check(db_location):
    db = db_location
    made = run("--db", str(db), "demo")
    assert made.returncode == 0, made.stderr
    assert "Demo" in made.stdout and "975310" in made.stdout
    checked = run("--db", str(db), "check")
    assert checked.returncode == 0, checked.stderr
    assert len(checked.stdout.strip().splitlines()) == 1
    assert checked.stdout.startswith("OK")


def test_demo_refuses_when_demo_exists(db_location):
    db = db_location
    assert run("--db", str(db), "demo").returncode == 0
    before = rows(db)
    again = run("--db", str(db), "demo")
    assert again.returncode == 1
    assert "already exists" in again.stderr
    assert "Traceback" not in again.stderr
    assert rows(db) == before


def plans_in(location) -> int:
    found = rows(location)
    return len(found["person"]) if found else 0


def test_db_from_environment_and_config(new_db, tmp_path):
    by_env = new_db()
    assert run("demo", env_extra={"RECOVERY_PLAN_DB": str(by_env), **site_key_env(by_env)}
               ).returncode == 0
    assert plans_in(by_env) == 1

    by_config = new_db()
    config = tmp_path / "site.toml"
    config.write_text(f'[database]\npath = "{by_config}"\n')
    assert run("--config", str(config), "demo", env_extra=site_key_env(by_config)).returncode == 0
    assert plans_in(by_config) == 1

    # The option wins over the environment.
    by_option = new_db()
    assert run("--db", str(by_option), "demo", env_extra={"RECOVERY_PLAN_DB": str(by_env)}
               ).returncode == 0
    assert plans_in(by_option) == 1 and plans_in(by_env) == 1


def test_broken_config_is_a_clear_message(tmp_path):
    config = tmp_path / "site.toml"
    config.write_text("[database\npath = 1\n")
    result = run("--config", str(config), "check")
    assert result.returncode == 1
    assert "mistake" in result.stderr and "Traceback" not in result.stderr
    missing = run("--config", str(tmp_path / "nope.toml"), "check")
    assert missing.returncode == 1 and "doesn't exist" in missing.stderr


@pytest.mark.sqlite_only("a missing SQLite file")
def test_check_on_a_missing_file_creates_nothing(tmp_path):
    db = tmp_path / "missing.sqlite3"
    result = run("--db", str(db), "check")
    assert result.returncode == 1
    assert "no plan database" in result.stderr
    assert not db.exists()


@pytest.mark.sqlite_only("a file that is not a SQLite database")
@pytest.mark.parametrize("content", [b"this is not a database\n" * 100, os.urandom(8192)])
def test_check_on_a_file_that_is_not_a_database(tmp_path, content):
    db = tmp_path / "junk.sqlite3"
    db.write_bytes(content)
    result = run("--db", str(db), "check")
    assert result.returncode == 1
    assert "not a plan database" in result.stderr
    assert "Traceback" not in result.stderr
    assert db.read_bytes() == content


def test_newer_schema_is_refused_and_left_as_it_was(db_location):
    db = db_location
    assert run("--db", str(db), "demo").returncode == 0
    database = raw_database(db)
    database.execute_sql(f"UPDATE schema_info SET version = {migrations.LATEST + 1}")
    database.close()
    before = rows(db)
    for command in (["check"], ["demo"]):
        result = run("--db", str(db), *command)
        assert result.returncode == 1
        assert "newer version" in result.stderr
        assert rows(db) == before


@pytest.mark.sqlite_only("a SQLite file's bytes")
def test_a_newer_schema_leaves_the_file_byte_for_byte(tmp_path):
    db = tmp_path / "plans.sqlite3"
    assert run("--db", str(db), "demo").returncode == 0
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE schema_info SET version = ?", (migrations.LATEST + 1,))
    connection.close()
    before = db.read_bytes()
    for command in (["check"], ["demo"]):
        assert run("--db", str(db), *command).returncode == 1
        assert db.read_bytes() == before


def test_check_reports_damage(db_location):
    db = db_location
    assert run("--db", str(db), "demo").returncode == 0
    database = raw_database(db)
    database.execute_sql("DROP TABLE contact")
    database.close()
    result = run("--db", str(db), "check")
    assert result.returncode == 1
    assert "contact" in result.stdout


@pytest.mark.sqlite_only("the SQLite file's folder")
def test_missing_folder_is_a_clear_message(tmp_path):
    result = run("--db", str(tmp_path / "no" / "such" / "plans.sqlite3"), "demo")
    assert result.returncode == 1
    assert "doesn't exist" in result.stderr


@pytest.mark.sqlite_only("the default SQLite file")
def test_default_database_lives_in_the_user_data_folder(tmp_path):
    result = run("demo")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "data" / "recovery-plan" / "plans.sqlite3").is_file()


def test_unknown_command_is_a_usage_error():
    result = run("frobnicate")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr


def test_with_no_terminal_the_app_says_so_and_exits_2(tmp_path):
    # A script, a cron job or a misconfigured kiosk: no keyboard, output to a file.
    # The full-screen app must not start (escape codes in the file, a hang).
    out = tmp_path / "out.txt"
    with open(out, "wb") as stdout:
        result = subprocess.run(
            [str(SCRIPT), "--db", str(tmp_path / "plans.sqlite3")], stdin=subprocess.DEVNULL,
            stdout=stdout, stderr=subprocess.PIPE, text=True, timeout=20,
            env={**{k: v for k, v in os.environ.items()
                    if not k.startswith(("RECOVERY_PLAN_", "TEXTUAL"))}, "TERM": "xterm-256color"})
    assert result.returncode == 2
    assert "terminal" in result.stderr
    assert "Traceback" not in result.stderr and "\x1b" not in result.stderr
    assert out.read_bytes() == b""
    assert not (tmp_path / "plans.sqlite3").exists()  # nothing was opened either


def test_commands_still_work_without_a_terminal(db_location, tmp_path):
    assert run("--db", str(db_location), "demo", stdin=subprocess.DEVNULL).returncode == 0
    assert run("--db", str(db_location), "check", stdin=subprocess.DEVNULL).returncode == 0
    crisis = run("--db", str(db_location), "crisis", "Demo", "--pin-stdin", input="975310\n")
    assert crisis.returncode == 0 and "warning signs" in crisis.stdout.lower()
    exported = run("--db", str(db_location), "export", "Demo", "--format", "json", "-o", "-",
                   "--pin-stdin", input="975310\n")
    assert exported.returncode == 0 and '"goals"' in exported.stdout


@pytest.mark.parametrize("args, words", [
    (("--db", "~nobody-here/plans.sqlite3", "check"), "The folder ~nobody-here doesn't exist"),
    (("--config", "~nobody-here/site.toml", "check"), "The config file ~nobody-here/site.toml doesn't exist"),
    (("backup", "~nobody-here/copy.sqlite3"), "recovery-plan: "),
], ids=["db", "config", "backup-target"])
def test_a_path_under_a_home_folder_that_isnt_there_is_one_plain_line(tmp_path, args, words):
    """"~user/..." for a user who doesn't exist: pathlib raised and a traceback
    showed; the path is kept as typed and the usual plain line says what's wrong."""
    if args[0] == "backup":
        args = ("--db", str(tmp_path / "plans.sqlite3"), *args)
    result = run(*args, cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert words in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr
