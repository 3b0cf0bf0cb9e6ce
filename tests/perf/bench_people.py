"""A database of 10,000 people.

1. Sign-in (name lookup, the PIN's key derivation, opening the plan) of one
   plan in a database of 10,000 people, beside the same plan in a database of
   10 people: `sign_in` in this process, interleaved pairs, ratio of medians
   (aim under 1.1: finding a name must not grow with the number of people).
2. Opening the goal board of a 200-goal plan (1,000 steps) in the big
   database, beside a 5-goal plan in the same database (aim under 1.5).

Every person is made through the store (`create_person`). The 10,000 others
are made in a separate process with a cheap key derivation (its
`pins.KDF_COST` lowered), so making them takes a minute, not an hour; the
plans that are measured are made at the real cost, and this process never
changes the cost.

    python tests/perf/bench_people.py [--people 10000] [--runs 15]
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.perf.pairs import interleaved  # noqa: E402

PIN = "bench-pin-1"
BIG_PLAN, SMALL_PLAN = "Bench", "Small"
SIGN_IN_BOUND = 1.1


def make_databases(folder: str, people: int, few: int) -> None:
    """big.sqlite3: `people` others, BIG_PLAN (200 goals, 1,000 steps) and SMALL_PLAN
    (5 goals); few.sqlite3: `few` others and the same BIG_PLAN. Run in its own process."""
    from tests.perf.bench_board import make_plan
    from tui.store import create_person, open_store, pins

    real_cost = pins.KDF_COST
    for name, count in (("big.sqlite3", people), ("few.sqlite3", few)):
        path = Path(folder) / name
        pins.KDF_COST = pins.Argon2Cost(memory_kib=8, passes=1, lanes=1)
        store = open_store(path)
        for number in range(count):
            create_person(store, f"Person {number:05d}", PIN)
        store.close()
        pins.KDF_COST = real_cost  # the measured plans: the real cost
        make_plan(path, 200, 5, name=BIG_PLAN, pin=PIN)
        if name == "big.sqlite3":
            make_plan(path, 5, 0, name=SMALL_PLAN, pin=PIN)


def prepare(folder: str, people: int, few: int = 10) -> tuple[Path, Path]:
    """The two databases, made in a fresh process (see make_databases)."""
    process = multiprocessing.get_context("spawn").Process(
        target=make_databases, args=(folder, people, few))
    process.start()
    process.join()
    if process.exitcode != 0:
        raise RuntimeError(f"making the databases failed (exit {process.exitcode})")
    return Path(folder) / "big.sqlite3", Path(folder) / "few.sqlite3"


def sign_in_times(big: Path, few: Path, pairs: int) -> tuple[list[float], list[float]]:
    """Seconds for `sign_in(BIG_PLAN)` in the big database and in the small one.
    A store binds the models to its database, so one is open at a time: each
    sign-in gets a freshly opened store (the opening is not timed)."""
    from tui.store import open_store, sign_in

    def timed(path: Path):
        def once() -> float:
            store = open_store(path)
            try:
                start = time.perf_counter()
                sign_in(store, BIG_PLAN, PIN)
                return time.perf_counter() - start
            finally:
                store.close()
        return once

    return interleaved(timed(big), timed(few), pairs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=15, help="interleaved pairs of sign-ins")
    parser.add_argument("--board-runs", type=int, default=7, help="interleaved pairs of board openings")
    args = parser.parse_args()
    from tests.perf.bench_board import OPEN_BOUND, board_open_times
    from tui.store import clock

    clock.set_now(None)
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        big, few = prepare(folder, args.people)
        print(f"made {args.people} people and the plans in {time.perf_counter() - started:.0f} s")
        big_runs, few_runs = sign_in_times(big, few, args.runs)
        b, f = statistics.median(big_runs) * 1000, statistics.median(few_runs) * 1000
        print(f"sign-in among {args.people} people: {b:.1f} ms; among 10: {f:.1f} ms; "
              f"ratio {b / f:.2f} (aim under {SIGN_IN_BOUND}){'  FAIL' if b / f > SIGN_IN_BOUND else ''}")
        big_runs, small_runs = board_open_times((big, BIG_PLAN), (big, SMALL_PLAN), args.board_runs)
        b, s = statistics.median(big_runs) * 1000, statistics.median(small_runs) * 1000
        print(f"goal board, 200 goals: {b:.1f} ms; 5 goals: {s:.1f} ms; "
              f"ratio {b / s:.2f} (aim under {OPEN_BOUND}){'  FAIL' if b / s > OPEN_BOUND else ''}")


if __name__ == "__main__":
    main()
