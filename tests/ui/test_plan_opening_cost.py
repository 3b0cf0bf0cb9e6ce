"""What opening the plan's screens costs, counted rather than timed (timings
live in tests/perf): from the PIN's Enter to the crisis plan, and on the first
visit to each plan screen, Textual must not parse the whole stylesheet again,
restyle the footer's keys one by one, resume a screen twice (each resume
restyles the screen and reads what it shows again), or rebuild the footer of
a screen that was left, nor hold every paint for 50 ms as a plan mode is
switched to (Textual's switch_mode does, to hide a half-built screen; ours
are painted once built). Each of these once made the crisis plan come 3 to 4
times slower than a bare Textual app showing the same text."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from textual.app import App
from textual.css.stylesheet import Stylesheet
from textual.screen import Screen
from textual.widgets._footer import FooterKey

from tests.ui.helpers import demo_app, settle
from tui.screens.crisis import CrisisScreen
from tui.screens.goals import GoalBoardScreen
from tui.screens.overview import OverviewScreen
from tui.screens.signin import SignInScreen
from tui.screens.steps import StepEditorScreen
from tui.screens.toolkit import ToolkitScreen
from tui.widgets.footer import Footer


@pytest.fixture
def counted(monkeypatch):
    """Counts, while `counts["on"]` is set: whole-stylesheet parses, footer keys
    restyled on their own, footers built (by screen), resumes (by screen)."""
    counts: Counter = Counter()

    def count(cls, name, key):
        original = getattr(cls, name)

        def wrapper(self, *args, **kwargs):
            if counts["on"]:
                counts[key(self) if callable(key) else key] += 1
            return original(self, *args, **kwargs)
        monkeypatch.setattr(cls, name, wrapper)

    count(Stylesheet, "reparse", "reparse")
    count(FooterKey, "update_node_styles", "footer key restyled")
    count(Footer, "compose", lambda footer: ("footer built", type(footer.screen).__name__))
    count(Screen, "_on_screen_resume", lambda screen: ("resumed", type(screen).__name__))
    original_set_timer = App.set_timer

    def set_timer(self, delay, callback=None, *args, name=None, **kwargs):
        if counts["on"] and name == "delay_update":
            counts["paints held"] += 1
        return original_set_timer(self, delay, callback, *args, name=name, **kwargs)
    monkeypatch.setattr(App, "set_timer", set_timer)
    return counts


async def test_the_crisis_plan_opens_without_styling_or_reading_twice(store, counted):
    async with demo_app(store) as (app, pilot):
        await pilot.pause()
        sign_in_keys = footer_keys(app)
        await pilot.press(*"Demo", "f5", *"975310")
        await pilot.pause()
        counted["on"] = 1
        await pilot.press("enter")
        await settle(pilot)
        await pilot.pause()
        counted["on"] = 0
        assert isinstance(app.screen, CrisisScreen)
        assert "naloxone" in str(app.screen.query_one("#crisis-text").render()).lower()
        assert counted["reparse"] == 0
        assert counted["footer key restyled"] == 0
        assert counted[("resumed", "CrisisScreen")] == 1
        assert counted[("footer built", "CrisisScreen")] == 1
        assert counted[("footer built", "SignInScreen")] == 0  # left behind: not rebuilt
        assert counted["paints held"] == 0

        crisis_keys = footer_keys(app)
        # Back at sign-in (the plan locked), its footer shows the sign-in keys.
        await pilot.press("f12")
        await settle(pilot)
        await pilot.pause()
        assert isinstance(app.screen, SignInScreen)
        assert footer_keys(app) == sign_in_keys != crisis_keys


def footer_keys(app) -> list[str]:
    return [key.key for key in app.screen.query(FooterKey)]


async def test_the_footer_keys_look_as_textuals(store):
    """Styled once as they mount, the keys still end as Textual's would: bound to
    the footer's `compact`, the palette key compact."""
    async with demo_app(store) as (app, pilot):
        await pilot.pause()
        keys = list(app.screen.query(FooterKey))
        palette = [key for key in keys if key.has_class("-command-palette")]
        assert palette and all(key.has_class("-compact") and key.compact for key in palette)
        others = [key for key in keys if key not in palette]
        assert others and not any(key.has_class("-compact") or key.compact for key in others)


@pytest.mark.parametrize("key, screen_type", [
    ("f2", OverviewScreen), ("f3", GoalBoardScreen), ("f4", StepEditorScreen),
    ("f5", CrisisScreen), ("f6", ToolkitScreen),
])
async def test_a_first_visit_parses_no_css_and_resumes_once(store, counted, key, screen_type):
    async with demo_app(store) as (app, pilot):
        # F2 from the crisis plan: a sign-in lands on the overview.
        await pilot.press(*"Demo", *(["f5"] if key == "f2" else ["enter"]), *"975310", "enter")
        await settle(pilot)
        counted["on"] = 1
        await pilot.press(key)
        await settle(pilot)
        await pilot.pause()
        counted["on"] = 0
        assert isinstance(app.screen, screen_type)
        assert counted["reparse"] == 0
        assert counted["footer key restyled"] == 0
        assert counted[("resumed", screen_type.__name__)] == 1
        assert counted["paints held"] == 0


async def test_a_new_theme_still_restyles_a_plan_screen_made_before_it(store):
    """A plan screen counts as styled by the CSS in effect when it is made; a
    theme chosen later still reaches it when it is shown again."""
    async with demo_app(store) as (app, pilot):
        await pilot.press(*"Demo", "enter", *"975310", "enter")
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        before = app.screen.styles.background
        await pilot.press("f2")
        await settle(pilot)
        app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
        await pilot.pause()
        await pilot.press("f5")
        await settle(pilot)
        assert isinstance(app.screen, CrisisScreen)
        assert app.screen.styles.background != before


def test_the_sign_in_screen_loads_no_plan_screen_or_table(tmp_path):
    """Every session waiting at sign-in holds only what sign-in needs: no plan
    screen and no DataTable (Textual's largest widget module), which come as
    the name is typed. Many sessions wait there at once on a shared server."""
    code = (
        "import asyncio, sys\n"
        "from tui.app import RecoveryPlanApp\n"
        "from tui.store import open_store\n"
        "async def main():\n"
        f"    store = open_store({str(tmp_path / 'plans.sqlite3')!r}, "
        f"site_key_path={str(tmp_path / 'site.key')!r})\n"
        "    app = RecoveryPlanApp(store)\n"
        "    async with app.run_test(size=(80, 24)) as pilot:\n"
        "        await pilot.pause()\n"
        "        print(type(app.screen).__name__)\n"
        "        print(' '.join(name for name, module in sys.modules.items() if module))\n"
        "asyncio.run(main())\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=Path(__file__).parents[2], timeout=120)
    assert result.returncode == 0, result.stderr
    screen, modules = result.stdout.splitlines()[-2:]
    assert screen == "SignInScreen"
    loaded = set(modules.split())
    assert "tui.screens.signin" in loaded  # it did list what was loaded
    assert "textual.widgets._data_table" not in loaded
    assert not {name for name in loaded if name.startswith("tui.screens.")} - {
        "tui.screens.signin", "tui.screens.base", "tui.screens.idle", "tui.screens.app_messages"}


async def test_the_goal_board_measures_no_cell(store, monkeypatch):
    """Its columns are given widths and its rows heights: DataTable's measuring
    of every cell (to fit columns to their contents) is never needed, and on a
    board of 200 goals it was 1,000 cells measured on the way to the screen."""
    import textual.widgets._data_table as data_table

    measured = []
    original = data_table.measure
    monkeypatch.setattr(data_table, "measure", lambda *args, **kwargs: measured.append(args[1])
                        or original(*args, **kwargs))
    async with demo_app(store) as (app, pilot):
        await pilot.press(*"Demo", "enter", *"975310", "enter")
        await settle(pilot)
        measured.clear()
        await pilot.press("f3")
        await settle(pilot)
        await pilot.pause()
        assert isinstance(app.screen, GoalBoardScreen)
        table = app.screen.query_one("#short-goals")
        assert table.row_count == 5 and table.virtual_size.height == 1 + sum(
            row.height for row in table.rows.values())
        headings = {str(column.label) for board_table in app.screen.query("GoalTable")
                    for column in board_table.columns.values()}
        assert {str(renderable) for renderable in measured} <= headings  # (added with each column)
        assert "I want to find a place to live" not in {str(renderable) for renderable in measured}
