"""`recovery-plan backup`, `restore` and `check`, run as staff would, on real files.

A full disk is /dev/full (every write fails with "no space left", even for
root); a folder nobody may write in is /sys (root too). A folder made
read-only with chmod is tried as well, except as root, where chmod can't
stop a write.
"""

from __future__ import annotations

import fcntl
import os
import random
import signal
import sqlite3
import stat
import subprocess
import time
from collections import Counter
from pathlib import Path

import pytest

from tests.cli.test_cli import SCRIPT, private_home, run  # noqa: F401  (private_home is autouse)
from tests.conftest import TEST_PIN
from tui.store import create_person, migrations, open_store, sign_in

# PostgreSQL is backed up with pg_dump (see docs/postgresql.md and tests/cli/test_migrate.py).
pytestmark = pytest.mark.sqlite_only("recovery-plan backup and restore copy SQLite files")

GOAL = "I want to find a place to live"


def command_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RECOVERY_PLAN_")}
    env["RECOVERY_PLAN_NOW"] = "2026-11-26T10:00"
    return env


def run_into(output, *args: str) -> subprocess.CompletedProcess:
    """The command with its standard output sent to the open file `output`."""
    return subprocess.run([str(SCRIPT), *args], stdout=output, stderr=subprocess.PIPE, text=True,
                          env=command_env(), timeout=60, check=False)


# The person's name, with a space: no sealed value (base64) holds one, so no
# random bytes of a file can hold it by chance (a bare "Sam" could).
NAME = "Sam Ortiz"


def make_plans(db: Path, *goals: str) -> None:
    store = open_store(db)
    try:
        plan = create_person(store, NAME, TEST_PIN)
        for goal in goals:
            plan.add_goal(goal)
        plan.save_section("vision", {"vision": "A home and my kids on weekends"})
    finally:
        store.close()


def add_goal(db: Path, goal: str) -> None:
    store = open_store(db)
    try:
        sign_in(store, NAME, TEST_PIN).add_goal(goal)
    finally:
        store.close()


def goals(db: Path, key: Path | None = None) -> set[str]:
    store = open_store(db, site_key_path=key)
    try:
        return {goal.text for goal in sign_in(store, NAME, TEST_PIN).goals()}
    finally:
        store.close()


def integrity(path: Path) -> list[str]:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return [row[0] for row in connection.execute("PRAGMA integrity_check")]
    finally:
        connection.close()


def one_line_failure(result: subprocess.CompletedProcess, *words: str) -> str:
    """The one error line, after checking it is one plain line with `words` in it."""
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("recovery-plan: ")
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "site" / "plans.sqlite3"
    path.parent.mkdir()
    make_plans(path, GOAL)
    return path


@pytest.fixture
def saved(db, tmp_path):
    """A backup of `db`, made before a second goal was added to it."""
    copy = tmp_path / "backup.sqlite3"
    result = run("--db", str(db), "backup", str(copy))
    assert result.returncode == 0, result.stderr
    add_goal(db, "Call my sister on Sundays")
    return copy


# ----------------------------------------------------------------------------
# backup


def test_backup_then_restore_brings_the_plans_back(db, saved):
    assert goals(db) == {GOAL, "Call my sister on Sundays"}
    restored = run("--db", str(db), "restore", str(saved), "--yes")
    assert restored.returncode == 0, restored.stderr
    assert "Restored" in restored.stdout
    assert goals(db) == {GOAL}
    kept = db.with_name("plans.sqlite3.before-restore-20261126-100000")
    assert kept.name in restored.stdout
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert goals(kept, key=db.with_name("plans.sqlite3.site-key")) == {
        GOAL, "Call my sister on Sundays"}
    checked = run("--db", str(db), "check")
    assert checked.returncode == 0 and checked.stdout.startswith("OK"), checked.stderr


def test_the_backup_is_one_private_sealed_file(db, saved):
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert sorted(p.name for p in saved.parent.glob("backup*")) == ["backup.sqlite3"]
    assert not list(saved.parent.glob(".backup*"))  # no temporary file left
    data = saved.read_bytes()
    assert data.startswith(b"SQLite format 3\x00") and data[18:20] == b"\x01\x01"  # not WAL
    assert integrity(saved) == ["ok"]
    assert GOAL.encode() not in data and b"my kids" not in data and NAME.encode() not in data
    assert not list(saved.parent.glob("*.site-key"))
    # It opens with the site key, and only with it.
    assert goals(saved, key=db.with_name("plans.sqlite3.site-key")) == {GOAL}


def test_backup_says_what_it_saved(db, tmp_path):
    result = run("--db", str(db), "backup", str(tmp_path / "copy.sqlite3"))
    assert result.returncode == 0
    assert result.stdout.startswith("Saved a copy of the plan database (1 plan, ")
    assert result.stdout.strip().endswith(f"to {tmp_path / 'copy.sqlite3'}.")


def test_backup_refuses_to_replace_a_file_unless_forced(db, saved):
    before = saved.read_bytes()
    refused = run("--db", str(db), "backup", str(saved))
    one_line_failure(refused, "already exists", "--force", "Nothing was changed")
    assert saved.read_bytes() == before
    forced = run("--db", str(db), "backup", str(saved), "--force")
    assert forced.returncode == 0, forced.stderr
    assert goals(saved, key=db.with_name("plans.sqlite3.site-key")) == {
        GOAL, "Call my sister on Sundays"}
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600


def test_backup_into_a_folder_gets_a_dated_name(db, tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    for _ in range(2):
        assert run("--db", str(db), "backup", str(folder)).returncode == 0
    assert sorted(p.name for p in folder.iterdir()) == [
        "plans-backup-20261126-100000-2.sqlite3", "plans-backup-20261126-100000.sqlite3"]


def test_backup_to_standard_output(db, tmp_path):
    copy = tmp_path / "piped.sqlite3"
    with copy.open("wb") as output:
        result = run_into(output, "--db", str(db), "backup", "-")
    assert result.returncode == 0, result.stderr
    assert "standard output" in result.stderr
    assert integrity(copy) == ["ok"]
    assert goals(copy, key=db.with_name("plans.sqlite3.site-key")) == {GOAL}


def test_backup_to_a_program_that_stops_reading(db):
    """The program reading the copy quits after a few bytes: a failure, not "Saved"."""
    read_end, write_end = os.pipe()
    if hasattr(fcntl, "F_SETPIPE_SZ"):
        fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, 65536)
    assert db.stat().st_size > 2 * 65536  # more than the pipe holds
    child = subprocess.Popen([str(SCRIPT), "--db", str(db), "backup", "-"], stdout=write_end,
                             stderr=subprocess.PIPE, text=True, env=command_env())
    os.close(write_end)
    try:
        assert len(os.read(read_end, 10)) == 10
    finally:
        os.close(read_end)
    errors = child.communicate(timeout=60)[1]
    one_line_failure(subprocess.CompletedProcess(child.args, child.returncode, "", errors),
                     "stopped", "not complete")


def test_backup_refuses_the_database_itself(db):
    before = goals(db)
    one_line_failure(run("--db", str(db), "backup", str(db), "--force"), "the plan database itself")
    key = db.with_name("plans.sqlite3.site-key")
    key_bytes = key.read_bytes()
    for part in (f"{db}-wal", f"{db}-journal", str(key)):
        one_line_failure(run("--db", str(db), "backup", part, "--force"), "itself")
    assert key.read_bytes() == key_bytes
    assert not db.with_name("plans.sqlite3-journal").exists()
    assert goals(db) == before and integrity(db) == ["ok"]


def test_backup_of_a_missing_database(tmp_path):
    result = run("--db", str(tmp_path / "none.sqlite3"), "backup", str(tmp_path / "copy.sqlite3"))
    one_line_failure(result, "There is no plan database at")
    assert not (tmp_path / "none.sqlite3").exists() and not (tmp_path / "copy.sqlite3").exists()


def test_backup_of_a_file_that_is_not_a_database(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database\n" * 200)
    result = run("--db", str(notes), "backup", str(tmp_path / "copy.sqlite3"))
    one_line_failure(result, "not a plan database")
    assert not (tmp_path / "copy.sqlite3").exists()


def test_backup_on_a_full_disk(db, tmp_path):
    one_line_failure(run("--db", str(db), "backup", "/dev/full"), "disk is full")
    with open("/dev/full", "wb") as full:
        result = run_into(full, "--db", str(db), "backup", "-")
    one_line_failure(result, "disk is full", "not complete")
    assert not [p for p in db.parent.iterdir() if p.name.startswith(".")]  # no temporary file left


def test_backup_into_a_folder_nobody_may_write_in(db):
    # /sys refuses new files even to root.
    one_line_failure(run("--db", str(db), "backup", "/sys/plans-backup.sqlite3"),
                     "Can't write in the folder /sys")


def test_backup_into_a_read_only_folder(db, tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    if os.geteuid() == 0:
        # Root may write in any folder it can't write in by its mode: a
        # read-only tmpfs stops even root (CI runs as root and can mount).
        subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(folder)], check=True)
        unlock = ["umount", "-l", str(folder)]
    else:
        folder.chmod(0o500)
        unlock = ["chmod", "700", str(folder)]
    try:
        one_line_failure(run("--db", str(db), "backup", str(folder / "copy.sqlite3")),
                         "Can't write in the folder")
        assert list(folder.iterdir()) == []
    finally:
        subprocess.run(unlock, check=True)


def test_backup_under_a_file(db, tmp_path):
    plain = tmp_path / "plain.txt"
    plain.write_text("a file, not a folder\n")
    one_line_failure(run("--db", str(db), "backup", str(plain / "copy.sqlite3")), "is not a folder")
    one_line_failure(run("--db", str(db), "backup", str(tmp_path / "no" / "copy.sqlite3")),
                     "doesn't exist")


# ----------------------------------------------------------------------------
# restore: the file is checked first


def test_restore_of_a_missing_file(db):
    before = db.read_bytes()
    one_line_failure(run("--db", str(db), "restore", str(db.parent / "nope.sqlite3"), "--yes"),
                     "There is no file at", "Nothing was changed")
    one_line_failure(run("--db", str(db), "restore", str(db.parent), "--yes"), "is a folder")
    assert db.read_bytes() == before


def test_restore_of_a_file_that_is_not_a_database(db, tmp_path):
    before = goals(db)
    notes = tmp_path / "notes.txt"
    notes.write_text("my plan\n" * 100)
    one_line_failure(run("--db", str(db), "restore", str(notes), "--yes"),
                     "not a plan database backup", "Nothing was changed")
    empty = tmp_path / "empty.sqlite3"
    empty.touch()
    one_line_failure(run("--db", str(db), "restore", str(empty), "--yes"), "not a plan database")
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE shopping (item TEXT)")
    connection.close()
    one_line_failure(run("--db", str(db), "restore", str(other), "--yes"),
                     "a database, but not a plan database")
    assert goals(db) == before
    assert not list(db.parent.glob("*before-restore*"))


def test_restore_of_a_damaged_backup(db, saved):
    data = bytearray(saved.read_bytes())
    page = 4096
    assert len(data) > 4 * page
    for start in range(page, len(data), page):  # every page but the first: its header is garbled
        data[start:start + 12] = b"\xff" * 12
    saved.write_bytes(bytes(data))
    before = goals(db)
    line = one_line_failure(run("--db", str(db), "restore", str(saved), "--yes"),
                            "Nothing was changed")
    assert "damaged" in line
    assert goals(db) == before


def test_restore_of_a_backup_from_a_newer_version(db, saved):
    with sqlite3.connect(saved) as connection:
        connection.execute("UPDATE schema_info SET version = ?", (migrations.LATEST + 1,))
    connection.close()
    one_line_failure(run("--db", str(db), "restore", str(saved), "--yes"),
                     "newer version", "Update Recovery Plan first", "Nothing was changed")
    assert goals(db) == {GOAL, "Call my sister on Sundays"}


def test_restore_of_a_backup_sealed_with_another_site_key(db, tmp_path):
    elsewhere = tmp_path / "elsewhere" / "plans.sqlite3"
    elsewhere.parent.mkdir()
    make_plans(elsewhere, "Another site's goal")
    copy = tmp_path / "elsewhere.sqlite3"
    assert run("--db", str(elsewhere), "backup", str(copy)).returncode == 0
    one_line_failure(run("--db", str(db), "restore", str(copy), "--yes"),
                     "another site key", "Nothing was changed")
    assert goals(db) == {GOAL}


def test_restore_asks_first(db, saved):
    # No terminal to ask at and no --yes: nothing happens.
    refused = run("--db", str(db), "restore", str(saved), input="yes\n")
    one_line_failure(refused, "Nothing was changed", "--yes")
    assert goals(db) == {GOAL, "Call my sister on Sundays"}
    assert not list(db.parent.glob("*before-restore*"))


def test_restore_refuses_the_database_itself(db):
    before = db.read_bytes()
    one_line_failure(run("--db", str(db), "restore", str(db), "--yes"), "the plan database itself")
    assert db.read_bytes() == before


# ----------------------------------------------------------------------------
# restore: putting it in place


def test_restore_refuses_while_someone_has_the_database_open(db, saved):
    session = open_store(db)  # another process, as far as the command can tell
    try:
        plan = sign_in(session, NAME, TEST_PIN)
        refused = run("--db", str(db), "restore", str(saved), "--yes")
        one_line_failure(refused, "Someone is still using", "quit Recovery Plan", "Nothing was changed")
        assert {goal.text for goal in plan.goals()} == {GOAL, "Call my sister on Sundays"}
    finally:
        session.close()
    assert not list(db.parent.glob("*before-restore*"))
    assert run("--db", str(db), "restore", str(saved), "--yes").returncode == 0
    assert goals(db) == {GOAL}


def test_restore_overwrites_in_place(db, saved):
    """The database keeps its file (owner, mode, inode): the account that runs
    Recovery Plan can still open it when staff restored it as root."""
    db.chmod(0o640)
    inode = db.stat().st_ino
    assert run("--db", str(db), "restore", str(saved), "--yes").returncode == 0
    assert db.stat().st_ino == inode
    assert stat.S_IMODE(db.stat().st_mode) == 0o640
    assert not db.with_name(db.name + "-journal").exists()
    assert goals(db) == {GOAL}


def test_restore_twice_keeps_both_old_databases(db, saved):
    for _ in range(2):
        assert run("--db", str(db), "restore", str(saved), "--yes").returncode == 0
    kept = sorted(p.name for p in db.parent.glob("*before-restore*"))
    assert kept == ["plans.sqlite3.before-restore-20261126-100000",
                    "plans.sqlite3.before-restore-20261126-100000-2"]


def test_restore_where_there_is_no_database_yet(db, saved, tmp_path):
    new = tmp_path / "new" / "plans.sqlite3"
    new.parent.mkdir()
    key = db.with_name("plans.sqlite3.site-key")
    missing_key = run("--db", str(new), "restore", str(saved), "--yes")
    one_line_failure(missing_key, "site key file")
    assert not new.exists()
    new.with_name(key.name).write_bytes(key.read_bytes())  # staff put the key in place first
    result = run("--db", str(new), "restore", str(saved), "--yes")
    assert result.returncode == 0, result.stderr
    assert "kept as" not in result.stdout
    assert stat.S_IMODE(new.stat().st_mode) == 0o600
    assert goals(new) == {GOAL}


def test_restore_into_a_folder_nobody_may_write_in(saved):
    one_line_failure(run("--db", "/sys/plans.sqlite3", "restore", str(saved), "--yes"),
                     "Can't write in the folder /sys")


def test_restore_over_a_file_sqlite_cannot_open(db, saved):
    """A database wrecked beyond SQLite's reach is kept aside, then replaced."""
    db.write_bytes(b"this was a plan database once\n" * 1000)
    result = run("--db", str(db), "restore", str(saved), "--yes")
    assert result.returncode == 0, result.stderr
    assert goals(db) == {GOAL}
    kept = db.with_name("plans.sqlite3.before-restore-20261126-100000")
    assert kept.read_bytes().startswith(b"this was a plan database once")


def test_a_killed_restore_leaves_the_old_database_or_the_new(db, saved):
    """Killed at random moments, a restore leaves the old plans or the
    restored ones, whole, never a mix and never a damaged file."""
    # Some ballast in the backup, so the restore spends a while writing and
    # the kills land there too, not only while the command starts.
    with sqlite3.connect(saved) as connection:
        connection.execute("CREATE TABLE ballast (data BLOB)")
        connection.executemany("INSERT INTO ballast VALUES (?)",
                               [(os.urandom(64 * 1024),) for _ in range(128)])
    connection.close()
    old, new = {GOAL, "Call my sister on Sundays"}, {GOAL}
    rng = random.Random()
    outcomes = []
    env = command_env()
    command = [str(SCRIPT), "--db", str(db), "restore", str(saved), "--yes"]
    started = time.monotonic()
    subprocess.run(command, check=True, capture_output=True, env=env)
    whole = time.monotonic() - started  # to aim the kills, not to judge speed
    for _ in range(12):
        if goals(db) == new:  # start each round from the old plans
            add_goal(db, "Call my sister on Sundays")
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                 env=env)
        time.sleep(rng.uniform(0.4 * whole, 1.1 * whole))  # the writing comes last
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
        log = db.with_name(db.name + "-wal")
        hot = log.exists() and log.stat().st_size > 0
        kept = list(db.parent.glob("*before-restore*"))
        found = goals(db)  # opened as the app would, first
        assert found in (old, new), found
        assert integrity(db) == ["ok"]
        outcomes.append("finished" if found == new else
                        "while replacing" if hot else "after keeping the old" if kept else "early")
        for temp in {*db.parent.glob(".*"), *kept}:
            temp.unlink()  # a killed command can't tidy up; the next one ignores them
    print(f"\nkilled restores: {Counter(outcomes)}")


# ----------------------------------------------------------------------------
# check


def test_check_names_the_write_ahead_log(db):
    session = open_store(db)  # a session keeps the log beside the database
    try:
        sign_in(session, NAME, TEST_PIN).add_goal("Go to a meeting on Tuesday")
        result = run("--db", str(db), "check")
    finally:
        session.close()
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("OK")
    assert "write-ahead log" in lines[0] and "KB" in lines[0]


@pytest.mark.parametrize("kind", ["missing", "not a database", "damaged"])
def test_check_says_what_is_wrong_in_one_line(tmp_path, kind, db):
    target = tmp_path / "target.sqlite3"
    if kind == "not a database":
        target.write_text("hello\n" * 1000)
    elif kind == "damaged":
        data = bytearray(db.read_bytes())
        for start in range(4096, len(data), 4096):
            data[start:start + 12] = b"\xff" * 12
        target.write_bytes(bytes(data))
        target.with_name(target.name + ".site-key").write_bytes(
            db.with_name(db.name + ".site-key").read_bytes())
    result = run("--db", str(target), "check")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    text = (result.stdout + result.stderr).strip()
    assert len(text.splitlines()) == 1, text
    expected = {"missing": "There is no plan database", "not a database": "not a plan database",
                "damaged": "amaged"}[kind]
    assert expected in text


def test_checking_a_backup_leaves_it_exactly_as_it_was(tmp_path, db):
    """A check must not change what it checks: not a byte, not its time, not who
    may read it, and no -wal or -shm left beside it (a backup made read-only by
    staff, or kept on a shared drive, stays as it was)."""
    import hashlib

    copy = tmp_path / "backups" / "plans-monday.sqlite3"
    copy.parent.mkdir()
    assert run("--db", str(db), "backup", str(copy)).returncode == 0
    os.chmod(copy, 0o644)
    old = os.stat(copy).st_mtime_ns - 10**9
    os.utime(copy, ns=(old, old))
    before = (hashlib.sha256(copy.read_bytes()).hexdigest(), os.stat(copy).st_mtime_ns,
              stat.S_IMODE(os.stat(copy).st_mode))
    result = run("check", str(copy))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK")
    after = (hashlib.sha256(copy.read_bytes()).hexdigest(), os.stat(copy).st_mtime_ns,
             stat.S_IMODE(os.stat(copy).st_mode))
    assert after == before
    assert sorted(p.name for p in copy.parent.iterdir()) == ["plans-monday.sqlite3"]
