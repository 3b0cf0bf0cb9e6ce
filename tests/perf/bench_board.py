"""Goal board benchmarks (issue: goal board and SMART step editor).

1. Opening the board (F3 to drawn) with 200 goals and 1,000 steps, beside
   opening it with 5 goals: ratio of medians over interleaved runs (aim < 1.5).
2. Bytes written to the terminal per cursor move on the board, beside a bare
   Textual DataTable with the same columns and rows (aim < 1.5x). Both run as
   real processes in a pseudo-terminal of 80x24.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from tests.perf.terminal import PtyApp  # noqa: E402
from tui.app import RecoveryPlanApp  # noqa: E402
from tui.screens.goals import GoalBoardScreen  # noqa: E402
from tui.store import clock, create_person, open_store, pins  # noqa: E402

SCRIPT = Path(sys.executable).with_name("recovery-plan")
PIN = "bench-pin-1"
DOWN = b"\x1b[B"


def make_plan(path: Path, goals: int, steps_per_goal: int) -> None:
    store = open_store(path)
    plan = create_person(store, "Bench", PIN)
    for g in range(goals):
        goal = plan.add_goal(f"Goal number {g + 1}: something I want", "short" if g % 4 else "long")
        for s in range(steps_per_goal):
            plan.add_step(goal.id, specific=f"Step {s + 1}", measurable="3 times", when="in 5 days")
    store.close()


async def time_board_open(path: Path) -> float:
    store = open_store(path)
    app = RecoveryPlanApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Bench", "enter", *PIN, "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        start = time.perf_counter()
        await pilot.press("f3")
        await pilot.pause()
        elapsed = time.perf_counter() - start
        assert isinstance(app.screen, GoalBoardScreen)
    store.close()
    return elapsed


def board_open_ratio(runs: int) -> tuple[float, float, float]:
    pins.KDF_COST = pins.Argon2Cost(memory_kib=8, passes=1, lanes=1)
    with tempfile.TemporaryDirectory() as folder:
        big, small = Path(folder) / "big.sqlite3", Path(folder) / "small.sqlite3"
        make_plan(big, 200, 5)
        make_plan(small, 5, 0)
        big_times, small_times = [], []
        asyncio.run(time_board_open(small))  # warm-up
        for _ in range(runs):
            big_times.append(asyncio.run(time_board_open(big)))
            small_times.append(asyncio.run(time_board_open(small)))
    big_m, small_m = statistics.median(big_times), statistics.median(small_times)
    return big_m, small_m, big_m / small_m


def bytes_per_move(argv: list[str], env: dict, before: list[tuple[bytes, bytes | None]], moves: int) -> float:
    app = PtyApp(argv, env)
    try:
        app.read_until_quiet(quiet=1.0)
        for keys, wait_text in before:
            app.send(keys)
            if wait_text:
                app.wait_for(wait_text)
            app.read_until_quiet(quiet=0.5)
        total = 0
        for index in range(moves):
            app.send(DOWN if index % 8 < 4 else b"\x1b[A")  # down 4, up 4, ...
            total += len(app.read_until_quiet(quiet=0.3))
        return total / moves
    finally:
        app.close()


def cursor_bytes(moves: int) -> tuple[float, float, float]:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "plans.sqlite3"
        env = {**os.environ, "TERM": "xterm-256color", "RECOVERY_PLAN_NOW": "2026-11-26T10:00",
               "XDG_DATA_HOME": folder}
        subprocess.run([str(SCRIPT), "--db", str(db), "demo"], check=True, capture_output=True, env=env)
        board = bytes_per_move(
            [str(SCRIPT), "--db", str(db)], env,
            [(b"Demo\r", None), (b"975310\r", b"My plan"), (b"\x1bOR", b"sorted by")], moves)
        bare = bytes_per_move([sys.executable, str(HERE / "bare_table.py")], env, [], moves)
    return board, bare, board / bare


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--moves", type=int, default=24)
    args = parser.parse_args()
    clock.set_now(None)
    big, small, ratio = board_open_ratio(args.runs)
    print(f"board open, 200 goals + 1000 steps: median {big * 1000:.1f} ms")
    print(f"board open, 5 goals:                median {small * 1000:.1f} ms")
    print(f"ratio {ratio:.2f} (aim under 1.5){'  FAIL' if ratio >= 1.5 else ''}")
    board, bare, ratio = cursor_bytes(args.moves)
    print(f"bytes per cursor move, goal board:  {board:.0f}")
    print(f"bytes per cursor move, bare table:  {bare:.0f}")
    print(f"ratio {ratio:.2f} (aim under 1.5){'  FAIL' if ratio >= 1.5 else ''}")


if __name__ == "__main__":
    main()
