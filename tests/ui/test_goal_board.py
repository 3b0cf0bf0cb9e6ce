"""The goal board (F3), with keys only; each test checks the store afterwards."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

from tests.conftest import TEST_PIN
from tests.ui.helpers import (
    all_screens,
    burst,
    demo_app,
    demo_signed_in,
    row_text,
    screen_text,
    settle,
    sign_in,
    signed_in,
)
from tui.app import RecoveryPlanApp
from tui.demo import create_demo
from tui.screens.dialogs import ConfirmDialog, GoalDialog
from tui.screens.goals import GoalBoardScreen, GoalTable
from tui.store import create_person
from tui.store import sign_in as store_sign_in


def orders(store, term="short"):
    """{goal text: (importance, timeline)} as the store has them."""
    plan = store_sign_in(store, "Demo", "975310")
    return {g.text: (g.importance, g.timeline) for g in plan.goals(term)}


async def open_board(pilot, name="Demo", pin="975310"):
    await sign_in(pilot, name, pin)
    await pilot.press("f3")
    await pilot.pause()
    assert isinstance(pilot.app.screen, GoalBoardScreen)


def selected_text(app) -> str:
    table = app.screen.focused
    assert isinstance(table, GoalTable)
    return app.plan.goal(table.selected_goal_id()).text


async def test_board_shows_both_orders_of_the_guide_example(store):
    async with demo_app(store) as (app, pilot):
        await open_board(pilot)
        table = app.screen.query_one("#short-goals", GoalTable)
        first = row_text(table, 0)
        assert first[:3] == ["I want to get back in touch with my brother", "1", "3"]
        await pilot.press("s")  # sort by timeline
        first = row_text(table, 0)
        assert first[:3] == ["I want to find a place to live", "2", "1"]
        assert "Look for rentals online" in first[3]
        assert "sorted by timeline" in screen_text(app)


async def test_move_up_in_timeline_leaves_importance_alone(store):
    create_demo(store)
    before = orders(store)
    app = RecoveryPlanApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_board(pilot)
        await pilot.press("s")  # timeline order; the cursor stays on the same goal
        assert selected_text(app) == "I want to get back in touch with my brother"
        await pilot.press("u", "u")
        await pilot.pause()
        assert selected_text(app) == "I want to get back in touch with my brother"
        table = app.screen.query_one("#short-goals", GoalTable)
        assert table.cursor_row == 0
    after = orders(store)
    assert after["I want to get back in touch with my brother"] == (1, 1)
    assert after["I want to find a place to live"] == (2, 2)
    assert after["I want to go to a naloxone training"] == (3, 3)
    assert {t: imp for t, (imp, _) in after.items()} == {t: imp for t, (imp, _) in before.items()}


async def test_move_down_in_importance_leaves_timeline_alone(store):
    create_demo(store)
    before = orders(store)
    app = RecoveryPlanApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_board(pilot)
        await pilot.press("d")
        await pilot.pause()
    after = orders(store)
    assert after["I want to get back in touch with my brother"] == (2, 3)
    assert after["I want to find a place to live"] == (1, 1)
    assert {t: tl for t, (_, tl) in after.items()} == {t: tl for t, (_, tl) in before.items()}


async def test_add_a_goal_with_keys(store):
    create_person(store, "Sam", TEST_PIN)
    app = RecoveryPlanApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_board(pilot, "Sam", TEST_PIN)
        assert "No goals yet" in screen_text(app)
        await pilot.press("a")
        assert isinstance(app.screen, GoalDialog)
        await pilot.press(*"I want to see my kids", "enter")
        await pilot.press(*"in 2 months", "enter")
        await pilot.pause()
        await pilot.press("a", *"Get my GED", "tab", "tab", "space", "enter")
        await pilot.pause()
        assert isinstance(app.screen, GoalBoardScreen)
        assert "No goals yet" not in screen_text(app)
    plan = store_sign_in(store, "Sam", TEST_PIN)
    short, long = plan.goals("short"), plan.goals("long")
    assert [(g.text, g.importance, g.timeline) for g in short] == [("I want to see my kids", 1, 1)]
    assert short[0].target_date is not None and short[0].target_date.month == 1
    assert [g.text for g in long] == ["Get my GED"]


async def test_empty_goal_and_bad_date_say_what_to_do(store):
    create_person(store, "Sam", TEST_PIN)
    app = RecoveryPlanApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_board(pilot, "Sam", TEST_PIN)
        await pilot.press("a", "enter", "enter")
        assert "Please type your goal" in screen_text(app)
        await pilot.press(*"Walk daily", "enter", *"someday soon", "enter")
        assert isinstance(app.screen, GoalDialog)
        assert "isn't a date I can read" in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, GoalBoardScreen)
    assert store_sign_in(store, "Sam", TEST_PIN).goals() == []


async def test_edit_a_goal_in_a_dialog(store):
    async with demo_app(store) as (app, pilot):
        await open_board(pilot)
        await pilot.press("e")
        assert isinstance(app.screen, GoalDialog)
        await pilot.press("end", *" Tomas", "enter", "enter")
        await pilot.pause()
    assert "I want to get back in touch with my brother Tomas" in orders(store)


async def test_delete_asks_naming_the_goal(store):
    async with demo_app(store) as (app, pilot):
        await open_board(pilot)
        await pilot.press("down", "x")
        assert isinstance(app.screen, ConfirmDialog)
        text = screen_text(app)
        assert "I want to find a place to live" in text and "3 steps" in text
        await pilot.press("n")
        assert "I want to find a place to live" in orders(store)
        await pilot.press("x", "y")
        await pilot.pause()
    after = orders(store)
    assert "I want to find a place to live" not in after
    assert sorted(imp for imp, _ in after.values()) == [1, 2, 3, 3]  # the gap closed, the tie (4 and 4) kept
    assert sorted(tl for _, tl in after.values()) == [1, 2, 3, 4]


async def test_done_goals_stay_as_wins_and_can_be_hidden(store):
    async with demo_app(store) as (app, pilot):
        await open_board(pilot)
        await pilot.press("space")
        await pilot.pause()
        table = app.screen.query_one("#short-goals", GoalTable)
        row = row_text(table, 0)
        assert row[0].startswith("✓ ") and row[4] == "done 11/26"
        await pilot.press("h")
        assert table.row_count == 4
        assert "1 done hidden" in screen_text(app)
        await pilot.press("h")
        assert table.row_count == 5
    plan = store_sign_in(store, "Demo", "975310")
    done = [g for g in plan.goals() if g.done]
    assert [g.text for g in done] == ["I want to get back in touch with my brother"]
    assert str(done[0].done_on) == "2026-11-26"


async def test_f_keys_work_while_typing_in_a_field(store):
    async with demo_app(store) as (app, pilot):
        await open_board(pilot)
        await pilot.press("a", *"half typed")
        assert isinstance(app.screen, GoalDialog)
        await pilot.press("f12")
        await pilot.pause()
        assert app.plan is None
        assert not any(isinstance(s, (GoalBoardScreen, GoalDialog)) for s in all_screens(app))
        await pilot.press("f3")  # plan keys do nothing after a lock
        assert not isinstance(app.screen, GoalBoardScreen)
        await settle(pilot)
    # What was being typed in the dialog was kept, at the end of both orders
    # (importance 5: after the demo's tie at 4).
    assert orders(store)["half typed"] == (5, 6)


async def test_moves_step_over_goals_hidden_with_h(store):
    async with demo_app(store) as (app, pilot):
        await open_board(pilot)
        await pilot.press("down", "space", "h")  # housing reached and hidden
        await pilot.pause()
        await pilot.press("down", "u")  # naloxone (3) moves above the hidden housing goal
        await pilot.pause()
        table = app.screen.query_one("#short-goals", GoalTable)
        shown = [row_text(table, i)[0] for i in range(table.row_count)]
        assert shown[:2] == ["I want to go to a naloxone training",
                             "I want to get back in touch with my brother"]
    after = orders(store)
    assert after["I want to go to a naloxone training"][0] == 1


async def test_f4_from_the_overview_keeps_to_one_goal(store):
    create_demo(store)
    app = RecoveryPlanApp(store)
    plan = store_sign_in(store, "Demo", "975310")
    brother = next(g for g in plan.goals() if g.importance == 1 and g.term == "short")
    plan.complete_goal(brother.id)  # the top open goal is now housing
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot, "Demo", "975310")
        await pilot.press("f4")  # straight from the overview: the top open goal
        await pilot.pause()
        first = app.screen.goal_id
        await pilot.press("escape", "f4")
        await pilot.pause()
        assert app.screen.goal_id == first
        assert plan.goal(first).text == "I want to find a place to live"


async def test_the_board_loads_once_when_opened_and_again_after_a_dialog(store, monkeypatch):
    from tui.screens.goals import GoalBoardScreen

    create_demo(store)
    loads = []
    real = GoalBoardScreen.reload
    monkeypatch.setattr(GoalBoardScreen, "reload", lambda self, keep=None: loads.append(1) or real(self, keep))
    async with signed_in(store, "Demo", "975310") as (app, pilot):
        await pilot.press("f3")
        await pilot.pause()
        await pilot.pause()
        assert len(loads) == 1
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert len(loads) == 2  # back from the dialog: the plan may have changed


async def test_the_guides_tie_shows_and_can_be_undone_and_made_again_with_keys(store):
    """The guide ranks quitting smoking and a better job both 4."""
    async with demo_app(store) as (app, pilot):
        await open_board(pilot)
        table = app.screen.query_one("#short-goals", GoalTable)
        rows = [[str(c) for c in table.get_row_at(i)][:3] for i in range(table.row_count)]
        assert rows[3:] == [["I want to get a better job", "4", "4"], ["I want to quit smoking", "4", "5"]]
        await pilot.press("down", "down", "down", "down")
        assert selected_text(app) == "I want to quit smoking"
        await pilot.press("u")  # smoking now matters more than the job
        await pilot.pause()
        assert selected_text(app) == "I want to quit smoking" and table.cursor_row == 3
        assert orders(store)["I want to quit smoking"][0] == 4
        assert orders(store)["I want to get a better job"][0] == 5
        await pilot.press("down", "equals_sign")  # the job: the same as the goal above
        await pilot.pause()
        assert selected_text(app) == "I want to get a better job"
        assert orders(store)["I want to get a better job"] == (4, 4)
        assert orders(store)["I want to quit smoking"] == (4, 5)
        await pilot.press("equals_sign")  # again: nothing changes
        await pilot.press("d")  # the last goal, tied: it leaves the tie, below
        await pilot.pause()
        assert orders(store)["I want to get a better job"] == (5, 4)
        await pilot.press("s", "equals_sign")  # the timeline has no ties
        await pilot.pause()
        assert "Only importance can be shared" in " ".join(
            str(n.message) for n in app._notifications)
        assert sorted(tl for _imp, tl in orders(store).values()) == [1, 2, 3, 4, 5]


async def test_the_overview_and_the_walkthrough_show_the_tie(store):
    async with demo_signed_in(store, size=(80, 40)) as (app, pilot):
        text = screen_text(app)
        assert "4. I want to get a better job" in text and "4. I want to quit smoking" in text
        assert text.index("4. I want to get a better job") < text.index("4. I want to quit smoking")
        await pilot.press("b", *["pagedown"] * 5)  # Build my plan: rank and order my goals
        await settle(pilot)
        table = app.screen.query_one("#guide-rank", DataTable)
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        assert rows[3:] == [["I want to get a better job", "4", "4"], ["I want to quit smoking", "4", "5"]]
        await pilot.press("down", "down", "down", "down", "u")  # smoking above the job...
        await pilot.pause()
        assert orders(store)["I want to quit smoking"] == (4, 5)
        assert orders(store)["I want to get a better job"] == (5, 4)
        await pilot.press("down", "equals_sign")  # ...then the job the same again
        await pilot.pause()
        assert orders(store)["I want to get a better job"] == (4, 4)
        assert "= matches the one above" in screen_text(app)


@pytest.mark.parametrize("downs", [1, 2])
async def test_down_then_f4_in_one_burst_opens_the_goal_moved_to(store, downs):
    """Keys sent at once (SSH, tmux, a fast typist): F4 right after Down opens
    the steps of the goal Down moved to, not the one selected before (the
    board's word to the app about its new goal was still on the way)."""
    from tui.screens.steps import StepEditorScreen

    async with demo_signed_in(store) as (app, pilot):
        await pilot.press("f3")
        await settle(pilot)
        table = app.screen.query_one("#short-goals", GoalTable)
        wanted = table.shown_ids()[table.cursor_row + downs]
        burst(app, *["down"] * downs, "f4")
        await settle(pilot)
        await pilot.pause()
        assert isinstance(app.screen, StepEditorScreen)
        assert app.screen.goal_id == wanted
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, GoalBoardScreen) and app.screen.selected_goal_id() == wanted
