"""The cost of keeping history: a year of weekly edits, simulated.

One plan, 52 weeks: each week the person rewrites one part of their crisis
plan, adds to their vision, changes one overdose-plan part, adds two steps and
marks one done (the clock moves a week each time, so every save is a version
of its own). Prints the database size with the history kept, and the same
database with the history rows removed and the file rebuilt (VACUUM), as a
ratio. Also the number of versions kept.

    python tests/perf/bench_history.py
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tui.store import clock, create_person, open_store  # noqa: E402

START = datetime(2026, 1, 5, 18, 0)
WORDS = ("I notice I stop calling people back and I sleep in late. "
         "When that happens I go for a walk and call my sister. ")


def simulate(path: Path) -> int:
    store = open_store(path)
    clock.set_now(START)
    plan = create_person(store, "Year Long", "a-year-of-weeks")
    goal = plan.add_goal("I want to find a place to live")
    for week in range(52):
        clock.set_now(START + timedelta(weeks=week))
        plan.save_section("crisis", {"warning_signs": WORDS * (1 + week % 3) + f"Week {week}."})
        vision = plan.section("vision").fields["vision"]
        plan.save_section("vision", {"vision": (vision + f" Week {week}: one more hope.")[-2000:]})
        plan.save_section("overdose", {"check_in_how": f"Text me by 9 pm, week {week}."})
        first = plan.add_step(goal.id, specific=f"Call two landlords, week {week}", when="in 3 days")
        plan.add_step(goal.id, specific=f"Visit the housing office, week {week}")
        plan.complete_step(first.id)
    versions = store.db.execute_sql("SELECT COUNT(*) FROM section_revision").fetchone()[0]
    store.wipe_free_space()
    store.close()
    clock.set_now(None)
    return versions


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plans.sqlite3"
        versions = simulate(path)
        with_history = path.stat().st_size
        connection = sqlite3.connect(path)
        connection.execute("DELETE FROM section_revision")
        connection.commit()
        connection.execute("VACUUM")
        connection.close()
        without = path.stat().st_size
    print(f"a year of weekly edits: {versions} versions kept; database {with_history / 1024:.0f} KiB "
          f"with history, {without / 1024:.0f} KiB without; ratio {with_history / without:.2f}; "
          f"history costs {(with_history - without) / 1024:.0f} KiB per plan per year")


if __name__ == "__main__":
    main()
