"""Nothing lost with many sessions: 16 processes save at once to one
database, each to its own plan, and all of them to one shared plan's goals.

No save is lost, none is made twice, and no "database is locked" reaches a
caller: the store waits for the write lock and retries, and only after that
would it raise DatabaseBusyError, which this test counts and expects none of.

It runs for 10 seconds, or 60 with RECOVERY_PLAN_LONG_TESTS=1 or CI=true.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from tests.conftest import TEST_PIN, open_test_store, worker_env
from tui.store import create_person, sign_in

WORKER = Path(__file__).with_name("save_worker.py")
LONG = os.environ.get("RECOVERY_PLAN_LONG_TESTS") == "1" or os.environ.get("CI") == "true"
SECONDS = 60.0 if LONG else 10.0
WRITERS = 16
# Writers save in a tight loop, with no rest between saves (harder than any
# person): the store's short, repeated waits for the lock keep every writer
# within its deadline. RECOVERY_PLAN_WRITER_PAUSE adds a rest, in seconds.
PAUSE = float(os.environ.get("RECOVERY_PLAN_WRITER_PAUSE", "0"))
SHARED = "Shared"


def wait_until_ready(outputs: list[Path], children: list[subprocess.Popen]) -> None:
    """Every child has opened the database and signed in (no time limit on
    a slow machine, but a child that died is reported at once)."""
    waiting = set(range(len(outputs)))
    while waiting:
        for index in list(waiting):
            if outputs[index].read_text().startswith("ready\n"):
                waiting.discard(index)
            elif children[index].poll() is not None:
                raise AssertionError(f"writer {index} ended before it was ready: "
                                     f"{children[index].stderr.read().decode()}")
        time.sleep(0.05)


def run_writers(db, folder: Path, seconds: float) -> list[list[list[str]]]:
    """Each writer's lines, split at tabs; the last is ["done", its slowest save]."""
    go = folder / "go"
    outputs = [folder / f"writer-{index}.out" for index in range(WRITERS)]
    children = []
    try:
        for index, output in enumerate(outputs):
            with output.open("w") as stdout:
                children.append(subprocess.Popen(
                    [sys.executable, str(WORKER), "load", str(db), f"Writer {index}", SHARED,
                     TEST_PIN, str(seconds), str(PAUSE), str(go)],
                    stdout=stdout, stderr=subprocess.PIPE, env=worker_env(db),
                ))
        wait_until_ready(outputs, children)
        go.touch()
        for index, child in enumerate(children):
            errors = child.communicate(timeout=seconds + 120)[1].decode()
            assert child.returncode == 0, f"writer {index} failed:\n{errors}"
            assert "locked" not in errors and "Traceback" not in errors, errors
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
                child.wait()
    results = []
    for output in outputs:
        lines = output.read_text().split("\n")
        assert lines[0] == "ready" and lines[-2].startswith("done\t") and lines[-1] == "", (
            "a writer stopped early")
        results.append([line.split("\t") for line in lines[1:-1]])
    return results


def test_sixteen_writers_lose_nothing(db_location, tmp_path):
    store = open_test_store(db_location)
    for index in range(WRITERS):
        create_person(store, f"Writer {index}", TEST_PIN)
    create_person(store, SHARED, TEST_PIN)
    store.close()

    started = time.monotonic()
    results = run_writers(db_location, tmp_path, SECONDS)
    took = time.monotonic() - started

    slowest = max(float(lines[-1][1]) for lines in results)
    results = [lines[:-1] for lines in results]
    counts = Counter(line[0] for lines in results for line in lines)
    busy = [line for lines in results for line in lines if line[0] == "busy"]
    store = open_test_store(db_location)
    try:
        assert store.check()[0]
        lost = 0
        for index, lines in enumerate(results):
            plan = sign_in(store, f"Writer {index}", TEST_PIN)
            saved = Counter(goal.text for goal in plan.goals())
            reported = Counter(line[1] for line in lines if line[0] == "goal")
            lost += sum((reported - saved).values())
            assert saved == reported, f"writer {index}: goals lost or made twice"
            visions = [line[1] for line in lines if line[0] == "vision"]
            section = plan.section("vision")
            assert section.fields["vision"] == (visions[-1] if visions else "")
            assert section.revision == len(visions)
        shared = Counter(goal.text for goal in sign_in(store, SHARED, TEST_PIN).goals())
        reported = Counter(line[1] for lines in results for line in lines if line[0] == "shared")
        lost += sum((reported - shared).values())
        assert shared == reported, "shared goals lost or made twice"
        goals = sign_in(store, SHARED, TEST_PIN).goals()
        assert sorted(goal.importance for goal in goals) == list(range(1, len(goals) + 1))
    finally:
        store.close()

    saves = counts["goal"] + counts["vision"] + counts["shared"]
    print(f"\nconcurrency test ({store.kind}): {WRITERS} writers for {SECONDS:.0f} s ({took:.1f} s in all): "
          f"{saves} saves ({counts['shared']} to the shared plan), {lost} lost, "
          f"{len(busy)} busy errors, slowest save {slowest:.2f} s")
    assert lost == 0
    assert busy == [], f"{len(busy)} saves gave up as busy, first: {busy[0]}"
    assert counts["shared"] >= WRITERS  # every writer reached the shared plan
