"""A person's own words are never cut off on a screen without a way to read
them whole on that screen (issue 15, item 4): the goal board and the list of
steps at 80x24 and 120x40, with the demo plan and with long words."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from tests.ui.helpers import row_text, settle
from tui.app import RecoveryPlanApp
from tui.demo import create_demo
from tui.screens.goals import GoalTable
from tui.screens.steps import StepTable
from tui.store import sign_in as store_sign_in

LONG_GOAL = ("I want to get my driving licence back so that I can visit my daughter on weekends "
             "and take the early shift at the warehouse without asking anyone for a ride")
LONG_STEP = ("Call the licence office on Monday morning and ask which papers they need from the court, "
             "then write the list down and put it on the fridge")


def on_screen(app) -> str:
    """What the terminal shows, line by line."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def readable(app) -> str:
    """The screen's words as one line of single spaces: a text wrapped onto
    several lines of one box reads as it was typed."""
    text = on_screen(app)
    for border in "▊▎▔▁│":
        text = text.replace(border, " ")
    return " ".join(text.split())


async def signed_in(pilot) -> None:
    for _ in range(100):
        if isinstance(pilot.app.screen.focused, Input):
            break
        await pilot.pause(0.02)
    await pilot.press(*"Demo", "enter", *"975310", "enter")
    await settle(pilot)


def with_long_words(store) -> None:
    """The demo plan and one more goal, longer than any column, with a long step."""
    create_demo(store)
    plan = store_sign_in(store, "Demo", "975310")
    goal = plan.add_goal(LONG_GOAL, "short", None)
    step = plan.add_step(goal.id)
    plan.edit_step(step.id, specific=LONG_STEP, measurable="One call", when="12/4")


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_every_goal_and_next_step_can_be_read_whole_on_the_board(store, size):
    with_long_words(store)
    plan = store_sign_in(store, "Demo", "975310")
    goals = {g.id: g for g in plan.goals()}
    app = RecoveryPlanApp(store)
    async with app.run_test(size=size) as pilot:
        await signed_in(pilot)
        await pilot.press("f3")
        await settle(pilot)
        seen = set()
        for table_id in ("#short-goals", "#long-goals"):
            table = app.screen.query_one(table_id, GoalTable)
            table.focus()
            table.move_cursor(row=0)
            await pilot.pause()
            for row in range(table.row_count):
                goal = goals[table.selected_goal_id()]
                seen.add(goal.id)
                shown = readable(app)
                # The selected goal and its next step, whole, under the tables.
                assert goal.text in shown, f"{goal.text!r} is not whole on the board:\n{on_screen(app)}"
                if goal.next_step:
                    assert goal.next_step.specific in shown, on_screen(app)
                # In its row: whole, or shortened with "…" (never silently cut).
                cell = row_text(table, row)[0]
                assert cell == goal.text or (cell.endswith("…") and goal.text.startswith(cell[:-1]))
                await pilot.press("down")
                await pilot.pause()
        assert seen == set(goals)


async def test_the_demo_goals_are_whole_in_their_rows_at_80_columns(store):
    """Every goal starts "I want to": rows cut at 22 characters could not be told apart."""
    create_demo(store)
    plan = store_sign_in(store, "Demo", "975310")
    app = RecoveryPlanApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await signed_in(pilot)
        await pilot.press("f3")
        await settle(pilot)
        shown = {}
        for table in app.screen.query(GoalTable):
            for row in range(table.row_count):
                cells = row_text(table, row)
                shown[cells[0]] = cells[3]
        assert set(shown) == {g.text for g in plan.goals()}
        assert shown["I want to find a place to live"] == "Look for rentals online, Craigslist too" \
            or shown["I want to find a place to live"].endswith("…")
        # ... and the screen shows it: each line of each goal's wrapped cell is on it.
        screen = on_screen(app)
        for table in app.screen.query(GoalTable):
            for row in range(table.row_count):
                for line in str(table.get_row_at(row)[0]).split("\n"):
                    assert line in screen


async def test_at_120_columns_the_goals_and_next_steps_take_the_room(store):
    create_demo(store)
    plan = store_sign_in(store, "Demo", "975310")
    app = RecoveryPlanApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await signed_in(pilot)
        await pilot.press("f3")
        await settle(pilot)
        screen = on_screen(app).split("\n")
        for goal in plan.goals():
            # Each goal and its next step on one line of the screen, side by side.
            line = next((line for line in screen if goal.text in line), None)
            assert line is not None, f"{goal.text!r} is not on one line:\n{on_screen(app)}"
            if goal.next_step:
                assert goal.next_step.specific in line
        table = app.screen.query_one("#short-goals", GoalTable)
        widths = [column.width for column in table.ordered_columns]
        assert widths[0] + widths[3] >= 80  # goal and next step share what the fixed columns leave


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_every_step_can_be_read_whole_in_the_list_of_steps(store, size):
    with_long_words(store)
    plan = store_sign_in(store, "Demo", "975310")
    app = RecoveryPlanApp(store)
    async with app.run_test(size=size) as pilot:
        await signed_in(pilot)
        await pilot.press("f3", *["down"] * 5, "f4")  # the long goal: the last short-term one
        await settle(pilot)
        table = app.screen.query_one(StepTable)
        step = plan.steps(app.screen.goal_id)[0]
        assert step.specific == LONG_STEP
        # Wrapped in its row rather than cut: whole, or "…" and whole in its field.
        cell = row_text(table, 0)[1]
        assert cell == LONG_STEP or cell.endswith("…")
        for line in str(table.get_row_at(0)[1]).split("\n"):
            assert line in on_screen(app)
        assert LONG_STEP in readable(app), on_screen(app)


LONG_ANSWER = ("A long walk with my dog along the river in the morning, before the streets get busy, "
               "and then a cup of tea with my sister at her kitchen table")


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_a_long_toolkit_answer_is_read_whole(store, size):
    """The toolkit's answers wrap and grow instead of running off a one-line box."""
    create_demo(store)
    store_sign_in(store, "Demo", "975310").save_toolkit_answer("works.better", LONG_ANSWER)
    app = RecoveryPlanApp(store)
    async with app.run_test(size=size) as pilot:
        await signed_in(pilot)
        await pilot.press("f6")
        await settle(pilot)
        assert LONG_ANSWER in readable(app), on_screen(app)
        await pilot.press(*" and a nap", "tab")  # typed at the end of it, kept whole
        await pilot.pause()
    answers = store_sign_in(store, "Demo", "975310").toolkit_answers()
    assert answers["works.better"] == LONG_ANSWER + " and a nap"
