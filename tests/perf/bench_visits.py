"""The first visit to each plan screen after sign-in (F2 to F7), beside a bare
Textual app pushing the same screen.

App side: the app on the demo plan (Pilot, 80x24), signed in with the keys (to
the overview; for F2, to the crisis plan with F5 first), then the key, timed
until the screen is drawn. Baseline: a bare Textual App with the app's
stylesheet and nothing else, on the same plan (signed in through the store),
showing the screen the app was on (pushed at start), then pushing the same
screen class, made the same way, on the same key: the same widgets and
content (its key bar shows the app's Quit, Lock, Help and Get help now too),
without the app's modes, footers, key handling or saving on the way out. So the ratio is the app's own overhead on a first visit.

In one process, fresh apps each time: the screens' modules are imported by
the first (unrecorded) run, as the app imports them while the name and PIN
are typed; on both sides alike.

    python tests/perf/bench_visits.py [--pairs 7]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import import_module
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from textual.app import App  # noqa: E402
from textual.binding import Binding  # noqa: E402
from textual.widgets import Static  # noqa: E402

from tests.perf.pairs import interleaved  # noqa: E402
from tui.app import RecoveryPlanApp  # noqa: E402
from tui.config import Config  # noqa: E402
from tui.store import open_store, sign_in  # noqa: E402

SCRIPT = Path(sys.executable).with_name("recovery-plan")
NAME, PIN = "Demo", "975310"
VISIT_BOUND = 1.3
# key: (module, screen class, what the screen is made with)
SCREENS = {
    "f2": ("tui.screens.overview", "OverviewScreen", "plan"),
    "f3": ("tui.screens.goals", "GoalBoardScreen", "plan"),
    "f4": ("tui.screens.steps", "StepEditorScreen", "plan and goal"),
    "f5": ("tui.screens.crisis", "CrisisScreen", "plan"),
    "f6": ("tui.screens.toolkit", "ToolkitScreen", "plan"),
    "f7": ("tui.screens.learn", "LearnScreen", "jurisdiction"),
}


def screen_class(key: str):
    module, name, _made_with = SCREENS[key]
    return getattr(import_module(module), name)


async def app_visit(db: Path, key: str) -> float:
    store = open_store(db)
    app = RecoveryPlanApp(store)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            # F2 from the crisis plan (the overview is where a sign-in lands)
            await pilot.press(*NAME, *(["f5"] if key == "f2" else ["enter"]), *PIN, "enter")
            await app.workers.wait_for_complete()
            return await visit(pilot, key)
    finally:
        store.close()


async def visit(pilot, key: str) -> float:
    """Seconds from `key` until its screen is drawn, once the app is still."""
    await pilot.pause()
    await pilot.pause()
    # The garbage of the runs before (one process, fresh apps each time) is
    # collected first, on both sides alike: otherwise a full collection falls
    # in whichever side's window the count happens to reach, run after run.
    gc.collect()
    start = time.perf_counter()
    await pilot.press(key)
    await pilot.pause()
    elapsed = time.perf_counter() - start
    assert isinstance(pilot.app.screen, screen_class(key)), (key, pilot.app.screen)
    return elapsed


class BareVisit(App):
    """A bare Textual app with the app's stylesheet; the plan signed in; one key
    pushes the screen. Its footer shows the keys the app's does on every plan
    screen (Quit, Lock, and Help and Get help now pinned at the right), bound to
    nothing: the same key bar, so the same content."""

    CSS_PATH = str(Path(sys.modules[RecoveryPlanApp.__module__].__file__).with_name(RecoveryPlanApp.CSS_PATH))
    BINDINGS = [
        Binding("ctrl+q", "stay", "Quit", priority=True),  # (one key per action in a footer)
        Binding("f12", "lock", "Lock", priority=True),
        Binding("f1", "help", "Help", priority=True),  # (pinned by its action's name)
        Binding("f9", "help_now", "Get help now", priority=True),
    ]

    def action_stay(self) -> None:
        pass

    action_lock = action_help = action_help_now = action_stay

    def __init__(self, plan, key: str):
        super().__init__()
        self.plan, self.key = plan, key
        self.config = Config()
        self.selected_goal_id = None  # the goal board reads it

    def compose(self):
        yield Static("My plan")

    def on_mount(self) -> None:
        # Where the app is when the key comes: the crisis plan for F2, else the overview.
        self.push_screen(self.screen_for("f5" if self.key == "f2" else "f2"))

    def on_key(self, event) -> None:
        if event.key == self.key:
            self.push_screen(self.screen_for(self.key))

    def screen_for(self, key: str):
        cls = screen_class(key)
        made_with = SCREENS[key][2]
        if made_with == "jurisdiction":
            return cls(self.config.jurisdiction)
        if made_with == "plan and goal":
            goals = sorted((g for g in self.plan.goals() if not g.done),
                           key=lambda g: (g.term != "short", g.importance))
            return cls(self.plan, goals[0].id)
        return cls(self.plan)


async def bare_visit(db: Path, key: str) -> float:
    store = open_store(db)
    try:
        plan = sign_in(store, NAME, PIN)
        app = BareVisit(plan, key)
        async with app.run_test(size=(80, 24)) as pilot:
            return await visit(pilot, key)
    finally:
        store.close()


def visit_times(pairs: int) -> dict[str, tuple[list[float], list[float]]]:
    """For each key F2 to F7: (app seconds, bare seconds), `pairs` interleaved pairs."""
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "plans.sqlite3"
        subprocess.run([str(SCRIPT), "--db", str(db), "demo"], check=True, capture_output=True)
        return {key: interleaved(lambda key=key: asyncio.run(app_visit(db, key)),
                                 lambda key=key: asyncio.run(bare_visit(db, key)), pairs)
                for key in SCREENS}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pairs", type=int, default=7)
    args = parser.parse_args()
    from tui.store import clock

    clock.set_now(None)
    for key, (app_runs, bare_runs) in visit_times(args.pairs).items():
        a, b = statistics.median(app_runs) * 1000, statistics.median(bare_runs) * 1000
        print(f"first visit to {key.upper()} after sign-in: app {a:.1f} ms, bare push {b:.1f} ms, "
              f"ratio {a / b:.2f} (bound {VISIT_BOUND}){'  FAIL' if a / b > VISIT_BOUND else ''}")


if __name__ == "__main__":
    main()
