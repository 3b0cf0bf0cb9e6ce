"""Nothing lost: a process saving through the store is killed (SIGKILL, as a
power cut or an out-of-memory kill would) at random moments. After each kill
the database passes its check (and SQLite's integrity check), and every save
the process said was done is there when the database is opened again. On
PostgreSQL the server outlives the killed process and rolls back what it
had not committed.

The saving process prints one line per save, only after the store call
returned; a line cut off by the kill does not count. A save that was done but
not yet printed may be there too; that is allowed.

Set RECOVERY_PLAN_CRASH_SEED to repeat one run's kill times.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import ON_POSTGRESQL, TEST_PIN, open_test_store, worker_env
from tui.store import create_person, sign_in

WORKER = Path(__file__).with_name("save_worker.py")
ROUNDS = 200 if os.environ.get("RECOVERY_PLAN_LONG_TESTS") == "1" else 60


def integrity(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return [row[0] for row in connection.execute("PRAGMA integrity_check")]
    finally:
        connection.close()


def reported_saves(output: str) -> list[list[str]]:
    """The saves the child said were done: whole lines only."""
    lines = output.split("\n")[:-1]  # the last piece has no newline: cut off, or empty
    return [line.split("\t") for line in lines if line != "ready"]


def run_and_kill(db, name: str, tag: str, rng: random.Random) -> tuple[list[list[str]], str]:
    """Start a saving child, kill it at a random moment; (its reported saves, when it was killed)."""
    child = subprocess.Popen(
        [sys.executable, str(WORKER), "crash", str(db), name, TEST_PIN, tag],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=worker_env(db),
    )
    try:
        if rng.random() < 0.2:
            # While starting: opening the database, signing in.
            when = "starting"
            time.sleep(rng.uniform(0.0, 0.4))
        else:
            when = "saving"
            first = child.stdout.readline()
            assert first == b"ready\n", f"the child did not start: {child.stderr.read().decode()}"
            time.sleep(rng.uniform(0.0, 0.25))
        child.send_signal(signal.SIGKILL)
        output, errors = child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL, (
        f"the child ended on its own ({child.returncode}) before the kill: {errors.decode()}")
    return reported_saves(output.decode()), when


def check_round(db, name: str, tag: str, saves: list[list[str]], seed: int) -> None:
    where = f"(seed {seed}, {tag})"
    if not ON_POSTGRESQL:
        assert integrity(db) == ["ok"], f"integrity check failed after the kill {where}"
    store = open_test_store(db)
    try:
        assert store.check()[0], f"check failed after the kill {where}"
        plan = sign_in(store, name, TEST_PIN)
        goals = {goal.text: goal for goal in plan.goals()}
        for save in saves:
            if save[0] == "goal":
                assert save[1] in goals, f"reported goal {save[1]!r} is lost {where}"
            elif save[0] == "step":
                steps = [step.specific for step in plan.steps(goals[save[1]].id)]
                assert save[2] in steps, f"reported step {save[2]!r} is lost {where}"
        texts = [save[1] for save in saves if save[0] == "goal"]
        assert len(texts) == len(set(texts))
        visions = [save[1] for save in saves if save[0] == "vision"]
        if visions:
            # The last reported vision, or one saved after it but not yet reported.
            section = plan.section("vision")
            stored = section.fields["vision"]
            last = int(visions[-1].rsplit(" ", 1)[1])
            assert stored.startswith(f"{tag} vision "), f"vision lost: {stored!r} {where}"
            assert int(stored.rsplit(" ", 1)[1]) >= last, (
                f"vision went back from {visions[-1]!r} to {stored!r} {where}")
            assert section.revision >= len(visions)
    finally:
        store.close()


def test_killed_while_saving_loses_no_reported_save(db_location):
    seed = int(os.environ.get("RECOVERY_PLAN_CRASH_SEED", random.randrange(2**32)))
    rng = random.Random(seed)
    store = open_test_store(db_location)
    for number in range(ROUNDS):
        create_person(store, f"Round {number}", TEST_PIN)
    store.close()

    reported = killed_saving = 0
    started = time.monotonic()
    for number in range(ROUNDS):
        name, tag = f"Round {number}", f"r{number}"
        saves, when = run_and_kill(db_location, name, tag, rng)
        check_round(db_location, name, tag, saves, seed)
        reported += len(saves)
        killed_saving += when == "saving"
    took = time.monotonic() - started
    print(f"\ncrash test: {ROUNDS} kills ({killed_saving} while saving), {reported} reported "
          f"saves, none lost, {took:.1f} s, seed {seed}")
    # The kills must really land among saves, or the test proves little.
    assert killed_saving >= ROUNDS // 2
    assert reported >= ROUNDS
