"""Issue 17 at the command line: `unlock`, names from standard input, `check
FILE` without the key, the site key from systemd's credentials folder, and
paths made harmless in every message."""

from __future__ import annotations

import shutil

import pytest

from tests.cli.test_cli import private_home, run  # noqa: F401  (private_home is an autouse fixture)

DEMO_PIN = "975310"


@pytest.fixture
def demo_db(db_location):
    assert run("--db", str(db_location), "demo").returncode == 0
    return db_location


def crisis(db, pin: str, name: str = "Demo"):
    return run("--db", str(db), "crisis", "--name-stdin", "--pin-stdin", input=f"{name}\n{pin}\n")


def test_the_name_and_pin_from_standard_input_open_the_crisis_plan(demo_db):
    result = crisis(demo_db, DEMO_PIN)
    assert result.returncode == 0, result.stderr
    assert "naloxone" in result.stdout.lower()


def test_a_name_left_out_with_no_terminal_to_ask_at_is_refused_plainly(demo_db):
    result = run("--db", str(demo_db), "crisis", "--pin-stdin", input=f"{DEMO_PIN}\n")
    assert result.returncode == 1
    assert "No name was given" in result.stderr and "--name-stdin" in result.stderr
    both = run("--db", str(demo_db), "crisis", "Demo", "--name-stdin", input="Demo\n")
    assert both.returncode == 1 and "not both" in both.stderr


def test_export_delete_and_audit_take_the_name_from_standard_input_too(demo_db, tmp_path):
    card = tmp_path / "card.txt"
    exported = run("--db", str(demo_db), "export", "--name-stdin", "--pin-stdin", "-o",
                   str(card), input=f"Demo\n{DEMO_PIN}\n")
    assert exported.returncode == 0, exported.stderr and card.exists()
    audit = run("--db", str(demo_db), "audit", "--name-stdin", input="Demo\n")
    assert audit.returncode == 0 and "plan exported" in audit.stdout
    deleted = run("--db", str(demo_db), "delete", "--name-stdin", "--yes", input="Demo\n")
    assert deleted.returncode == 0, deleted.stderr
    assert crisis(demo_db, DEMO_PIN).returncode == 1


def test_staff_unlock_ends_a_wait_after_wrong_pins(demo_db):
    for _ in range(5):
        crisis(demo_db, "not-the-pin-1")
    waiting = crisis(demo_db, DEMO_PIN)
    assert waiting.returncode == 1 and "wait" in waiting.stderr
    refused = run("--db", str(demo_db), "unlock", "--name-stdin", input="Demo\n")
    assert refused.returncode == 1 and "--yes" in refused.stderr  # no terminal to confirm at
    unlocked = run("--db", str(demo_db), "unlock", "--name-stdin", "--yes", input="Demo\n")
    assert unlocked.returncode == 0, unlocked.stderr
    assert "wait for that name is over" in unlocked.stdout
    assert crisis(demo_db, DEMO_PIN).returncode == 0
    audit = run("--db", str(demo_db), "audit")
    assert "cleared by staff" in audit.stdout


def test_twenty_wrong_codes_never_keep_the_right_pin_out(demo_db):
    """The attack of issue 17, as the store sees it from another process each time."""
    import os
    import subprocess
    import sys

    from tests.conftest import site_key_env

    script = (
        "import sys\n"
        "from tui.store import open_store, sign_in_with_code, SignInError\n"
        "store = open_store(sys.argv[1], site_key_path=sys.argv[2] or None)\n"
        "for n in range(20):\n"
        "    try:\n"
        "        sign_in_with_code(store, 'Demo', 'AAAAA-BBBBB-CCCCC-DDDDD', 'a new pin 2026')\n"
        "    except SignInError:\n"
        "        pass\n"
    )
    env = {**os.environ, "RECOVERY_PLAN_NOW": "2026-11-26T10:00", **site_key_env(demo_db)}
    done = subprocess.run([sys.executable, "-c", script, str(demo_db),
                           env.get("RECOVERY_PLAN_SITE_KEY", "")], env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    opened = crisis(demo_db, DEMO_PIN)
    assert opened.returncode == 0, opened.stderr


@pytest.mark.sqlite_only("a backup is a SQLite file")
def test_check_of_a_backup_needs_no_site_key(demo_db, tmp_path):
    backup = tmp_path / "copy" / "backup.sqlite3"
    backup.parent.mkdir()
    assert run("--db", str(demo_db), "backup", str(backup)).returncode == 0
    assert not list(backup.parent.glob("*site-key*"))
    checked = run("check", str(backup))
    assert checked.returncode == 0, checked.stderr
    assert "OK" in checked.stdout and "needed only to open plans" in checked.stdout
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"not a database at all" * 100)
    assert run("check", str(broken)).returncode == 1


@pytest.mark.sqlite_only("the site key beside a SQLite file, then in a credentials folder")
def test_the_app_starts_with_the_site_key_only_in_a_credentials_folder(tmp_path):
    db = tmp_path / "data" / "plans.sqlite3"
    db.parent.mkdir()
    assert run("--db", str(db), "demo").returncode == 0
    credentials = tmp_path / "credentials"
    credentials.mkdir(mode=0o700)
    key = db.with_name("plans.sqlite3.site-key")
    shutil.move(key, credentials / "recovery-plan-site-key")
    env = {"CREDENTIALS_DIRECTORY": str(credentials)}
    opened = run("--db", str(db), "crisis", "--name-stdin", "--pin-stdin",
                 input=f"Demo\n{DEMO_PIN}\n", env_extra=env)
    assert opened.returncode == 0, opened.stderr
    assert "naloxone" in opened.stdout.lower()
    assert not key.exists()  # no key made beside the database meanwhile
    without = run("--db", str(db), "crisis", "--name-stdin", "--pin-stdin",
                  input=f"Demo\n{DEMO_PIN}\n")
    assert without.returncode == 1 and "site key" in without.stderr


@pytest.mark.sqlite_only("a SQLite file's folder")
def test_a_path_with_escape_sequences_is_shown_harmless(tmp_path):
    folder = tmp_path / "\x1b]0;owned\x07\x1b[2J"
    result = run("--db", str(folder / "missing" / "plans.sqlite3"), "check")
    assert result.returncode == 1
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "\u241b" in result.stderr  # shown as a symbol instead
    folder.mkdir()
    made = run("--db", str(folder / "plans.sqlite3"), "demo")
    assert made.returncode == 0 and "\x1b" not in made.stdout


@pytest.mark.sqlite_only("a database file and its site key kept apart")
@pytest.mark.parametrize("way", ["config", "credential"])
def test_a_database_gone_with_its_site_key_kept_apart_is_not_made_again(tmp_path, way):
    """The kiosk setup (docs/deploy-kiosk.md): the key named in the config, or
    handed over by systemd. A deleted database is refused, not made again empty;
    an empty file put there on purpose starts a new one."""
    (tmp_path / "data").mkdir()
    (tmp_path / "key").mkdir()
    db = tmp_path / "data" / "plans.sqlite3"
    key = tmp_path / "key" / ("site.key" if way == "config" else "recovery-plan-site-key")
    config = tmp_path / "config.toml"
    config.write_text(f'[database]\npath = "{db}"\n'
                      + (f'[security]\nsite_key = "{key}"\n' if way == "config" else ""))
    env = {} if way == "config" else {"CREDENTIALS_DIRECTORY": str(key.parent)}
    # Made with the database; a credential is made from that key (systemd-creds).
    assert run("--config", str(config), "demo",
               env_extra={"RECOVERY_PLAN_SITE_KEY": str(key)}).returncode == 0
    assert key.is_file() and not (db.parent / "plans.sqlite3.site-key").exists()
    for name in ("plans.sqlite3", "plans.sqlite3-wal", "plans.sqlite3-shm"):
        (db.parent / name).unlink(missing_ok=True)
    kept = key.read_bytes()
    result = run("--config", str(config), "demo", env_extra=env)
    assert result.returncode == 1 and "moved or deleted" in result.stderr
    assert "restore a backup" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not db.exists() and key.read_bytes() == kept
    db.touch()  # what the message says to do for a new, empty database
    assert run("--config", str(config), "demo", env_extra=env).returncode == 0
    assert key.read_bytes() == kept


@pytest.mark.sqlite_only("the database file beside its site key")
def test_a_database_gone_from_beside_its_key_is_not_made_again(tmp_path):
    db = tmp_path / "plans.sqlite3"
    assert run("--db", str(db), "demo").returncode == 0
    db.unlink()
    result = run("--db", str(db), "demo")
    assert result.returncode == 1 and "moved or deleted" in result.stderr
    assert not db.exists()
