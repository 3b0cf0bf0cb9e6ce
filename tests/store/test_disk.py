"""The plan database's files on disk (issue 17): private whatever the umask,
a file deleted under a running session noticed, never a new database beside
an old site key, and a full or read-only disk that blocks no crisis plan and
loses nothing.

The full and read-only disks are real: a small tmpfs mounted for the test
(root only; skipped where it can't be mounted, except in CI, which runs as
root and must mount it)."""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest

from tests.conftest import TEST_PIN
from tui.demo import create_demo
from tui.content.demo import DEMO_NAME, DEMO_PIN
from tui.store import DatabaseError, create_person, open_store, sign_in

pytestmark = pytest.mark.sqlite_only("about SQLite's files on disk")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_022():
    was = os.umask(0o022)
    yield
    os.umask(was)


def test_database_wal_shm_and_key_are_private_whatever_the_umask(tmp_path, umask_022):
    path = tmp_path / "plans.sqlite3"
    store = open_store(path)
    try:
        create_person(store, "Sam", TEST_PIN)
        files = [path, path.with_name("plans.sqlite3-wal"), path.with_name("plans.sqlite3-shm"),
                 path.with_name("plans.sqlite3.site-key")]
        assert {f.name: _mode(f) for f in files} == {f.name: 0o600 for f in files}
    finally:
        store.close()


def test_files_made_by_an_older_version_are_made_private_at_open(tmp_path, umask_022):
    path = tmp_path / "plans.sqlite3"
    open_store(path).close()
    os.chmod(path, 0o644)
    store = open_store(path)
    try:
        create_person(store, "Sam", TEST_PIN)
        assert _mode(path) == 0o600
        assert _mode(path.with_name("plans.sqlite3-wal")) == 0o600
    finally:
        store.close()


def test_a_group_named_in_the_site_config_may_read_and_write(tmp_path, umask_022):
    import grp

    group = grp.getgrgid(os.getgid()).gr_name
    path = tmp_path / "plans.sqlite3"
    store = open_store(path, file_group=group)
    try:
        create_person(store, "Sam", TEST_PIN)
        assert _mode(path) == _mode(path.with_name("plans.sqlite3-wal")) == 0o660
        assert _mode(path.with_name("plans.sqlite3.site-key")) == 0o660
    finally:
        store.close()
    with pytest.raises(DatabaseError, match="no such group"):
        open_store(path, file_group="no-such-group-17")


def test_a_database_deleted_under_a_running_session_is_noticed_before_a_write(tmp_path):
    path = tmp_path / "plans.sqlite3"
    store = open_store(path)
    try:
        plan = create_person(store, "Sam", TEST_PIN)
        plan.add_goal("Saved before")
        for name in ("plans.sqlite3", "plans.sqlite3-wal", "plans.sqlite3-shm"):
            path.with_name(name).unlink(missing_ok=True)
        with pytest.raises(DatabaseError, match="moved or deleted") as raised:
            plan.add_goal("Would be lost in a deleted file")
        assert "still on the screen" in str(raised.value)
    finally:
        store.close()
    key = path.with_name("plans.sqlite3.site-key").read_bytes()
    with pytest.raises(DatabaseError, match="site key .* is there"):
        open_store(path)  # never a new, empty database beside the old key
    assert not path.exists()
    assert path.with_name("plans.sqlite3.site-key").read_bytes() == key


def test_a_database_replaced_under_a_running_session_is_noticed(tmp_path):
    path = tmp_path / "plans.sqlite3"
    store = open_store(path)
    try:
        plan = create_person(store, "Sam", TEST_PIN)
        moved = tmp_path / "moved.sqlite3"
        path.rename(moved)
        path.write_bytes(moved.read_bytes())
        with pytest.raises(DatabaseError, match="moved or deleted"):
            plan.add_goal("Into which file?")
    finally:
        store.close()


# ----------------------------------------------------------------------------
# A full disk and a read-only disk, on a real small tmpfs


@pytest.fixture
def small_disk(tmp_path):
    """A 4 MiB tmpfs, unmounted after the test."""
    folder = tmp_path / "disk"
    folder.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m,mode=0700", "tmpfs",
                           str(folder)], capture_output=True, text=True)
    if done.returncode != 0:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must be able to mount a tmpfs: {done.stderr.strip()}")
        pytest.skip(f"can't mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def _fill(folder: Path) -> Path:
    """Fill the disk to the last byte; the file that did it."""
    filler = folder / "filler"
    descriptor = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for size in (65536, 4096, 1):
            try:
                while True:
                    os.write(descriptor, b"\0" * size)
            except OSError:
                pass
    finally:
        os.close(descriptor)
    return filler


def test_a_full_disk_still_opens_the_crisis_plan_and_loses_nothing(small_disk, monkeypatch):
    from tui.store.plans import pin_check as plans  # where the sign-in write deadline is

    monkeypatch.setattr(plans, "SIGN_IN_WRITE_SECONDS", 0.5)
    path = small_disk / "plans.sqlite3"
    store = open_store(path)
    try:
        create_demo(store)
        before = sign_in(store, DEMO_NAME, DEMO_PIN)
        crisis = before.section("crisis").fields
        filler = _fill(small_disk)

        opened = sign_in(store, DEMO_NAME, DEMO_PIN)  # its try can't be written
        assert opened.read_only_note and "open to read" in opened.read_only_note
        assert opened.section("crisis").fields == crisis
        with pytest.raises(DatabaseError) as raised:
            for n in range(200):  # until the pages SQLite had spare are used up
                opened.add_goal(f"A goal typed on a full disk, number {n} " + "x" * 400)
        message = str(raised.value)
        assert "disk is full" in message and "still on the screen" in message
        assert "rollback" not in message

        filler.unlink()
        opened.add_goal("Saved once there is room")
        assert "Saved once there is room" in [g.text for g in opened.goals()]
        assert opened.section("crisis").fields == crisis
        assert store.check()[0]
    finally:
        store.close()


def test_a_read_only_disk_opens_plans_to_read(small_disk):
    path = small_disk / "plans.sqlite3"
    store = open_store(path)
    try:
        create_demo(store)
        crisis = sign_in(store, DEMO_NAME, DEMO_PIN).section("crisis").fields
    finally:
        store.close()
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)

    store = open_store(path)
    try:
        assert store.read_only_reason and "read-only" in store.read_only_reason
        opened = sign_in(store, DEMO_NAME, DEMO_PIN)
        assert opened.read_only_note and "open to read" in opened.read_only_note
        assert opened.section("crisis").fields == crisis
        with pytest.raises(DatabaseError, match="read-only"):
            opened.add_goal("Can't be saved on a read-only disk")
    finally:
        store.close()


def _crisis(path: Path) -> subprocess.CompletedProcess:
    import sys

    script = Path(sys.executable).with_name("recovery-plan")
    env = {k: v for k, v in os.environ.items() if not k.startswith("RECOVERY_PLAN_")}
    return subprocess.run([str(script), "--db", str(path), "crisis", "--name-stdin",
                           "--pin-stdin"], input=f"{DEMO_NAME}\n{DEMO_PIN}\n",
                          capture_output=True, text=True, env=env, timeout=120)


@pytest.mark.parametrize("disk", ["full", "read-only"])
def test_a_new_session_on_a_full_or_read_only_disk_prints_the_crisis_plan(small_disk, disk):
    """A process started after the disk filled up (SQLite can't even make
    its -shm file) or went read-only still opens the plan, to read."""
    path = small_disk / "plans.sqlite3"
    store = open_store(path)
    try:
        create_demo(store)
    finally:
        store.close()
    if disk == "full":
        _fill(small_disk)
    else:
        subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    result = _crisis(path)
    assert result.returncode == 0, result.stderr
    assert "MY CRISIS PLAN" in result.stdout
    assert result.stderr.strip() == ("Your plan is open to read. Changes can't be saved right "
                                     "now; nothing was lost. Ask staff if this stays.")
