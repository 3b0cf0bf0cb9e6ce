"""The SMART step editor (F4), with keys only; each test checks the store afterwards."""

from __future__ import annotations

from datetime import date, datetime

from tests.ui.helpers import all_screens, demo_app, row_text, screen_text, sign_in, signed_in
from tui.app import RecoveryPlanApp
from tui.demo import create_demo
from tui.screens.dialogs import ConfirmDialog
from tui.widgets.textbox import AnswerBox
from tui.screens.goals import GoalBoardScreen
from tui.screens.steps import StepEditorScreen, StepTable
from tui.store import clock
from tui.store import sign_in as store_sign_in

HOUSING = "I want to find a place to live"


def housing_steps(store):
    plan = store_sign_in(store, "Demo", "975310")
    goal = next(g for g in plan.goals() if g.text == HOUSING)
    return plan.steps(goal.id)


async def open_housing_steps(pilot):
    await sign_in(pilot, "Demo", "975310")
    await pilot.press("f3", "down", "f4")  # the board's 2nd goal by importance is housing
    await pilot.pause()
    assert isinstance(pilot.app.screen, StepEditorScreen)


def field(app, part: str) -> AnswerBox:
    return app.screen.query_one(f"#{part}", AnswerBox)


async def test_f4_opens_the_selected_goals_steps(store):
    async with demo_app(store) as (app, pilot):
        await open_housing_steps(pilot)
        text = screen_text(app)
        assert "Steps toward: I want to find a place to live" in text
        assert "Look for rentals online, Craigslist too" in text
        assert field(app, "measurable").value == "No more than 1 hour"
        assert "Saturday, November 28, 2026" in text


async def test_add_a_step_with_next_friday(store):
    async with demo_app(store) as (app, pilot):
        await open_housing_steps(pilot)
        await pilot.press("a")
        assert field(app, "specific").has_focus
        assert "Specific: say what you will do" in screen_text(app)
        await pilot.press(*"Visit the housing office", "enter")
        await pilot.press(*"once, for 30 minutes", "enter")
        await pilot.press(*"next Friday")
        assert "Friday, December 4, 2026" in screen_text(app)
        await pilot.press("enter", *"The bus pass I have", "enter")
        await pilot.press(*"The list of places")
        assert "this step has all five parts" in screen_text(app)
        await pilot.press("escape")  # leaving the screen keeps what was typed
        await pilot.pause()
        assert isinstance(app.screen, GoalBoardScreen)
    added = housing_steps(store)[-1]
    assert added.position == 4
    assert added.specific == "Visit the housing office"
    assert added.measurable == "once, for 30 minutes"
    assert added.when_text == "next Friday" and added.due_date == date(2026, 12, 4)
    assert added.achievable == "The bus pass I have"
    assert added.bring == "The list of places"


async def test_smart_check_guides_but_never_blocks(store):
    async with demo_app(store) as (app, pilot):
        await open_housing_steps(pilot)
        await pilot.press("a", *"Call", "enter", *"some", "enter", *"2026-11-01")
        text = screen_text(app)
        assert "Specific: add a few words" in text
        assert "Measurable: add a number" in text
        assert "Time-limited: Nov 1 has passed" in text
        assert "Achievable and realistic: why can you do this" in text
        await pilot.press("enter")
        await pilot.pause()
    added = housing_steps(store)[-1]
    assert (added.specific, added.measurable, added.due_date) == ("Call", "some", date(2026, 11, 1))


async def test_the_smart_check_names_all_five_parts_and_a_done_step_has_no_passed_date(store):
    """The guide: Specific, Measurable, Achievable, Realistic and Time-limited."""
    create_demo(store)
    clock.set_now(datetime(2026, 12, 3, 10, 0))  # the first housing step's date has passed
    app = RecoveryPlanApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_housing_steps(pilot)
        assert "Time-limited: Nov 28 has passed" in screen_text(app)
        await pilot.press("space")  # done
        await pilot.pause()
        assert housing_steps(store)[0].done
        text = screen_text(app)
        assert "has passed" not in text
        assert ("SMART check: this step has all five parts. Nice work!\n"
                "Specific, measurable, achievable, realistic, time-limited.") in text
        await pilot.press("space")  # not done after all: the date is past again
        await pilot.pause()
        assert "Time-limited: Nov 28 has passed" in screen_text(app)


async def test_a_date_that_does_not_parse_keeps_the_text_and_says_why(store):
    async with demo_app(store) as (app, pilot):
        await open_housing_steps(pilot)
        await pilot.press("enter", "tab", "tab", "ctrl+u", *"when pigs fly")
        assert "I can't read that date yet" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert field(app, "when").value == "when pigs fly"
        assert field(app, "when").has_focus  # not moved on: the date was not saved
    first = housing_steps(store)[0]
    assert first.due_date == date(2026, 11, 28)


async def test_done_reorder_and_delete_steps(store):
    async with demo_app(store) as (app, pilot):
        await open_housing_steps(pilot)
        await pilot.press("space")
        await pilot.pause()
        await pilot.press("down", "u")
        await pilot.pause()
        assert app.screen.query_one(StepTable).cursor_row == 0
        await pilot.press("down", "down", "x")
        assert isinstance(app.screen, ConfirmDialog)
        assert "Bring the notes from the calls to go over" in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
    steps = housing_steps(store)
    assert [s.specific for s in steps] == [
        "List possible rentals and call about them",
        "Look for rentals online, Craigslist too",
    ]
    assert [s.position for s in steps] == [1, 2]
    assert steps[1].done and steps[1].done_on == date(2026, 11, 26)


async def test_overdue_steps_say_late_in_words(store):
    create_demo(store)
    clock.set_now(date(2026, 12, 1))
    app = RecoveryPlanApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_housing_steps(pilot)
        row = row_text(app.screen.query_one(StepTable), 0)
        assert row[2] == "LATE 11/28"


async def test_lock_while_typing_keeps_the_text(store):
    async with demo_app(store) as (app, pilot):
        await open_housing_steps(pilot)
        await pilot.press("enter", "end", *" and Zillow")
        await pilot.press("f12")
        await pilot.pause()
        assert app.plan is None
        assert not any(isinstance(s, StepEditorScreen) for s in all_screens(app))
    assert housing_steps(store)[0].specific == "Look for rentals online, Craigslist too and Zillow"


async def test_f4_without_goals_says_to_add_one(store):
    from tui.store import create_person

    create_person(store, "Sam", "pin-123456")
    async with signed_in(store, "Sam", "pin-123456") as (app, pilot):
        await pilot.press("f4")
        await pilot.pause()
        assert not isinstance(app.screen, StepEditorScreen)
        assert any("Add a goal first" in str(n.message) for n in app._notifications)


async def test_quit_while_typing_keeps_the_text(store):
    async with demo_app(store) as (app, pilot):
        await open_housing_steps(pilot)
        await pilot.press("enter", "tab", "ctrl+u", *"Two hours at most")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert housing_steps(store)[0].measurable == "Two hours at most"


async def test_an_unreadable_date_keeps_the_other_parts_and_is_kept_on_leaving(store):
    async with demo_app(store) as (app, pilot):
        await open_housing_steps(pilot)
        # Tab never selects saved words (typing would replace them): ctrl+u clears them.
        await pilot.press("enter", "tab", "tab", "ctrl+u", *"after payday", "tab", "ctrl+u",
                          *"I have a phone", "tab")
        await pilot.pause()
        first = housing_steps(store)[0]
        assert first.achievable == "I have a phone"  # saved although the date was not
        assert first.when_text == "2026-11-28"
        await pilot.press("shift+tab", "shift+tab", "shift+tab", "shift+tab", "shift+tab")
        await pilot.press("down")  # another step: the words typed are kept, with no date
        await pilot.pause()
    first = housing_steps(store)[0]
    assert (first.when_text, first.due_date) == ("after payday", None)


async def test_lock_leaves_no_message_that_quotes_the_plan(store):
    async with demo_app(store) as (app, pilot):
        await open_housing_steps(pilot)
        await pilot.press("enter", "tab", "tab", "ctrl+u", *"when I see my son Joey", "enter")
        await pilot.pause()
        assert app._notifications
        await pilot.press("f12")
        await pilot.pause()
        assert not app._notifications
        assert "Joey" not in screen_text(app)
    assert housing_steps(store)[0].when_text == "when I see my son Joey"


async def test_f1_opens_and_closes_help(store):
    async with demo_app(store) as (app, pilot):
        await open_housing_steps(pilot)
        await pilot.press("f1")
        assert "Keys on this screen" in screen_text(app)
        assert "Mark the selected step done" in screen_text(app)
        await pilot.press("f1")
        assert isinstance(app.screen, StepEditorScreen)


async def test_words_that_could_not_be_saved_stay_when_another_step_is_chosen(store):
    """Too long to save (500 characters at most): moving to the next step in the
    list used to load its words over the ones typed, and they were lost."""
    create_demo(store)
    app = RecoveryPlanApp(store)
    long_words = "Call the housing office and ask about every list " * 11  # 539 characters
    async with app.run_test(size=(80, 24)) as pilot:
        await open_housing_steps(pilot)
        await pilot.press("enter", "ctrl+u", *long_words)
        await pilot.press("shift+tab")  # back to the list of steps
        await pilot.pause()
        await pilot.press("down")
        await pilot.pause()
        assert field(app, "specific").value == long_words
        assert app.screen.query_one(StepTable).selected_step_id() == housing_steps(store)[0].id
        assert "500" in " ".join(str(n.message) for n in app._notifications)  # why, still shown
    first = housing_steps(store)[0]
    assert first.specific == "Look for rentals online, Craigslist too"
