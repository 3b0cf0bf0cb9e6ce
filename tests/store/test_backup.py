"""A backup made while another process keeps saving is one consistent moment:
every save done before the backup started is in it, and it passes SQLite's
integrity check. (The command itself is tested in tests/cli/test_backup.py.)"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import TEST_PIN
from tui.store import create_person, open_store, sign_in
from tui.store.backup import BackupError, backup, wal_size
from tui.store.db import default_site_key_path

WORKER = Path(__file__).with_name("save_worker.py")

# PostgreSQL is backed up with pg_dump (see docs/postgresql.md).
pytestmark = pytest.mark.sqlite_only("recovery-plan backup copies SQLite files")


def reported(output: Path) -> list[list[str]]:
    lines = output.read_text().split("\n")[:-1]  # a line still being written does not count
    return [line.split("\t") for line in lines if line != "ready"]


def test_backups_while_saving_hold_every_save_made_before_them(db_path, tmp_path):
    store = open_store(db_path)
    create_person(store, "Sam", TEST_PIN)
    store.close()
    output = tmp_path / "worker.out"
    env = {k: v for k, v in os.environ.items() if not k.startswith("RECOVERY_PLAN_")}
    with output.open("w") as stdout:
        child = subprocess.Popen([sys.executable, str(WORKER), "crash", str(db_path), "Sam",
                                  TEST_PIN, "b"], stdout=stdout, stderr=subprocess.PIPE, env=env)
    try:
        while not output.read_text().startswith("ready\n"):
            assert child.poll() is None, child.stderr.read().decode()
            time.sleep(0.02)
        checked = 0
        for number in range(5):
            while len(reported(output)) < 20 * (number + 1):  # some saves between backups
                assert child.poll() is None, child.stderr.read().decode()
                time.sleep(0.02)
            before = reported(output)
            copy = tmp_path / f"copy-{number}.sqlite3"
            done = backup(db_path, str(copy))
            assert done.target == str(copy) and done.facts.plans == 1
            assert wal_size(copy) == 0 and copy.read_bytes()[18:20] == b"\x01\x01"
            opened = open_store(copy, site_key_path=default_site_key_path(db_path))
            try:
                assert opened.check()[0]
                plan = sign_in(opened, "Sam", TEST_PIN)
                texts = {goal.text for goal in plan.goals()}
                for line in before:
                    if line[0] == "goal":
                        assert line[1] in texts, f"{line[1]} was saved before backup {number}"
                        checked += 1
            finally:
                opened.close()
        assert child.poll() is None, "the saving went on all through the backups"
    finally:
        child.kill()
        child.wait()
    assert checked >= 5 * 20 // 3


def test_backup_refuses_a_database_with_no_plans(tmp_path):
    empty = tmp_path / "empty.sqlite3"
    empty.touch()
    with pytest.raises(BackupError, match="no plan database"):
        backup(empty, str(tmp_path / "copy.sqlite3"))
    assert not (tmp_path / "copy.sqlite3").exists()


def test_backup_to_a_stream(db_path, tmp_path):
    store = open_store(db_path)
    create_person(store, "Sam", TEST_PIN).add_goal("Walk every morning")
    store.close()
    copy = tmp_path / "streamed.sqlite3"
    with copy.open("wb") as stream:
        done = backup(db_path, "-", stdout=stream)
    assert done.target == "-"
    assert not [p for p in db_path.parent.iterdir() if p.name.startswith(".")]
    opened = open_store(copy, site_key_path=default_site_key_path(db_path))
    try:
        assert [g.text for g in sign_in(opened, "Sam", TEST_PIN).goals()] == ["Walk every morning"]
    finally:
        opened.close()
