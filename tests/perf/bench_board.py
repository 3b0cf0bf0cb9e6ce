"""Goal board benchmarks (issue: goal board and SMART step editor).

1. Opening the board (F3 to drawn) with 200 goals and 1,000 steps, beside
   opening it with 5 goals: ratio of medians over interleaved pairs (aim < 1.3).
2. Bytes written to the terminal per cursor move on the board, beside a bare
   Textual DataTable with the same cells and the selected goal whole under it
   (aim < 1.5x), as bare_table.py shows them. Both run at
   once as real processes in pseudo-terminals of 80x24; rounds of 8 moves
   (down 4, up 4) alternate between them; the median round of each.

tests/perf/run.py runs the same measurements on a database of 10,000 people.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from tests.perf.pairs import interleaved  # noqa: E402
from tests.perf.terminal import PtyApp  # noqa: E402
from tui.app import RecoveryPlanApp  # noqa: E402
from tui.screens.goals import GoalBoardScreen  # noqa: E402
from tui.store import clock, create_person, open_store, pins  # noqa: E402

SCRIPT = Path(sys.executable).with_name("recovery-plan")
PIN = "bench-pin-1"
DOWN, UP = b"\x1b[B", b"\x1b[A"
OPEN_BOUND, BYTES_BOUND = 1.3, 1.5
QUIET = 0.3  # seconds of no output that end one move's output


def make_plan(path: Path, goals: int, steps_per_goal: int, name: str = "Bench", pin: str = PIN) -> None:
    """A plan of `goals` goals (every fourth long-term), each with `steps_per_goal` steps,
    in the database at `path` (made if missing)."""
    store = open_store(path)
    plan = create_person(store, name, pin)
    for g in range(goals):
        goal = plan.add_goal(f"Goal number {g + 1}: something I want", "short" if g % 4 else "long")
        for s in range(steps_per_goal):
            plan.add_step(goal.id, specific=f"Step {s + 1}", measurable="3 times", when="in 5 days")
    store.close()


async def time_board_open(path: Path, name: str = "Bench", pin: str = PIN) -> float:
    """Seconds from F3 to the goal board shown, signed in as `name` (Pilot, 80x24)."""
    store = open_store(path)
    app = RecoveryPlanApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*name, "enter", *pin, "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        # The garbage of the sessions before (this process opens many) is
        # collected now, not in whichever timed opening happens to come next.
        gc.collect()
        start = time.perf_counter()
        await pilot.press("f3")
        await pilot.pause()
        elapsed = time.perf_counter() - start
        assert isinstance(app.screen, GoalBoardScreen)
    store.close()
    return elapsed


def board_open_times(big: tuple[Path, str], small: tuple[Path, str], pairs: int
                     ) -> tuple[list[float], list[float]]:
    """Board opening times for the plans `big` and `small` (each a database and a
    name, PIN `PIN`), `pairs` interleaved pairs."""
    return interleaved(lambda: asyncio.run(time_board_open(*big)),
                       lambda: asyncio.run(time_board_open(*small)), pairs)


def board_open_ratio(runs: int) -> tuple[float, float, float]:
    pins.KDF_COST = pins.Argon2Cost(memory_kib=8, passes=1, lanes=1)  # this process only
    with tempfile.TemporaryDirectory() as folder:
        big, small = Path(folder) / "big.sqlite3", Path(folder) / "small.sqlite3"
        make_plan(big, 200, 5)
        make_plan(small, 5, 0)
        big_times, small_times = board_open_times((big, "Bench"), (small, "Bench"), runs)
    big_m, small_m = statistics.median(big_times), statistics.median(small_times)
    return big_m, small_m, big_m / small_m


class MovingCursor:
    """A process in a pseudo-terminal, brought to a table; each `move()` sends one
    cursor key (down 4, up 4, ...) and returns the bytes written in reply."""

    def __init__(self, argv: list[str], env: dict, before: list[tuple[bytes, bytes | None]]):
        self.app = PtyApp(argv, env)
        self.moves = 0
        self.app.read_until_quiet(quiet=1.0)
        for keys, wait_text in before:
            self.app.send(keys)
            if wait_text:
                self.app.wait_for(wait_text)
            self.app.read_until_quiet(quiet=0.5)

    def move(self) -> int:
        self.app.send(DOWN if self.moves % 8 < 4 else UP)
        self.moves += 1
        return len(self.app.read_until_quiet(quiet=QUIET))

    def round(self) -> float:
        """Bytes per move over one round of 8 moves (down 4, up 4)."""
        return sum(self.move() for _ in range(8)) / 8

    def close(self) -> None:
        self.app.close()


def cursor_bytes_rounds(rounds: int) -> tuple[list[float], list[float]]:
    """Bytes per cursor move on the demo's goal board and on the bare table
    (bare_table.py), both running at once: `rounds` interleaved pairs of rounds of
    8 moves each."""
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "plans.sqlite3"
        env = {**os.environ, "TERM": "xterm-256color", "RECOVERY_PLAN_NOW": "2026-11-26T10:00",
               "XDG_DATA_HOME": folder}
        subprocess.run([str(SCRIPT), "--db", str(db), "demo"], check=True, capture_output=True, env=env)
        board = MovingCursor([str(SCRIPT), "--db", str(db)], env,
                             [(b"Demo\r", None), (b"975310\r", b"My plan"), (b"\x1bOR", b"sorted by")])
        try:
            bare = MovingCursor([sys.executable, str(HERE / "bare_table.py")], env, [])
            try:
                return interleaved(board.round, bare.round, rounds)
            finally:
                bare.close()
        finally:
            board.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7, help="interleaved pairs of board openings")
    parser.add_argument("--rounds", type=int, default=7,
                        help="interleaved pairs of rounds of 8 cursor moves")
    args = parser.parse_args()
    clock.set_now(None)
    big, small, ratio = board_open_ratio(args.runs)
    print(f"board open, 200 goals + 1000 steps: median {big * 1000:.1f} ms")
    print(f"board open, 5 goals:                median {small * 1000:.1f} ms")
    print(f"ratio {ratio:.2f} (aim under {OPEN_BOUND}){'  FAIL' if ratio > OPEN_BOUND else ''}")
    board_rounds, bare_rounds = cursor_bytes_rounds(args.rounds)
    board, bare = statistics.median(board_rounds), statistics.median(bare_rounds)
    print(f"bytes per cursor move, goal board:  {board:.0f}")
    print(f"bytes per cursor move, bare table:  {bare:.0f}")
    ratio = board / bare
    print(f"ratio {ratio:.2f} (aim under {BYTES_BOUND}){'  FAIL' if ratio > BYTES_BOUND else ''}")


if __name__ == "__main__":
    main()
