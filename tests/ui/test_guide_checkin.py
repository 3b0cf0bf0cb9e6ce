"""Build my plan (guided) and check-ins, with keys only."""

from __future__ import annotations

import stat
from contextlib import asynccontextmanager
from datetime import date, datetime

import pytest
from textual.widgets import Input, TextArea

from tests.conftest import TEST_PIN
from tests.ui.helpers import burst, screen_text, settle, sign_in, signed_in
from tui.app import RecoveryPlanApp
from tui.demo import create_demo
from tui.screens.account import RecoveryCodesScreen
from tui.screens.checkin import CheckInScreen, SaveSummaryDialog
from tui.screens.guide import GuideScreen, PickUpDialog
from tui.screens.overview import OverviewScreen
from tui.screens.signin import SignInScreen
from tui.store import clock, create_person
from tui.store import sign_in as store_sign_in
from tui.widgets.textbox import AnswerBox

A_WEEK_ON = datetime(2026, 12, 3, 10, 0)  # the demo's first two steps are due (one late)


async def enter(pilot, text: str) -> None:
    await pilot.press(*text, "enter")


async def next_step(pilot) -> None:
    await pilot.press("pagedown")
    await settle(pilot)


def step_shown(app) -> str:
    return str(app.screen.query_one("#guide-title").render())


@asynccontextmanager
async def demo_a_week_on(store, config=None):
    """The demo plan a week on (two steps due), signed in at 80x24: (app, pilot)."""
    create_demo(store)
    clock.set_now(A_WEEK_ON)
    app = RecoveryPlanApp(store, config)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot, "Demo", "975310")
        yield app, pilot


async def open_check_in(pilot) -> None:
    await pilot.press("k")
    await settle(pilot)


async def palette(pilot, command: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*command)
    await pilot.pause(0.3)
    await pilot.press("enter")
    await settle(pilot)


# -- the walkthrough -------------------------------------------------------------


async def test_a_new_plan_is_walked_from_the_first_step_to_the_last_skipping_two(store):
    app = RecoveryPlanApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+n")
        for text in ("Rosa", "sunrise-42", "sunrise-42"):
            await enter(pilot, text)
        await settle(pilot)
        assert isinstance(app.screen, RecoveryCodesScreen)
        await pilot.press("enter")
        assert "Build my plan step by step?" in screen_text(app)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, GuideScreen)

        assert "step 1 of 11: My dream" in step_shown(app)
        await pilot.press(*"A home of my own")
        await next_step(pilot)
        assert "step 2 of 11: My strengths" in step_shown(app)
        await next_step(pilot)  # skipped
        assert "step 3 of 11: What works for me" in step_shown(app)
        await pilot.press(*"A long walk", "enter", "enter", *"Deep breaths")
        await next_step(pilot)
        assert "step 4 of 11: My short-term goals" in step_shown(app)
        await enter(pilot, "Find a place to live")
        await enter(pilot, "Call my brother")
        assert "Call my brother" in screen_text(app)
        await pilot.press("enter")  # Enter on a blank line goes on
        await settle(pilot)
        assert "step 5 of 11: My long-term goals" in step_shown(app)
        await enter(pilot, "Finish my GED")
        await pilot.press("enter")
        await settle(pilot)
        assert "step 6 of 11: Rank and order my goals" in step_shown(app)
        await pilot.press("down", "u")  # my brother matters most...
        await pilot.press("s")  # ...and the home still comes first in time
        assert "Now: by TIME" in screen_text(app)
        await next_step(pilot)
        assert "step 7 of 11: Steps for my first goal" in step_shown(app)
        assert "Toward: Find a place to live" in screen_text(app)
        await enter(pilot, "Look for rentals online")
        await enter(pilot, "1 hour")
        await pilot.press(*"next Friday")
        assert "= Friday, December 4, 2026" in screen_text(app)
        await next_step(pilot)
        assert "step 8 of 11: My triggers and what helps" in step_shown(app)
        await next_step(pilot)  # skipped
        assert "step 9 of 11: My rainy-day plan" in step_shown(app)
        await next_step(pilot)  # skipped
        assert "step 10 of 11: My pocket overdose plan" in step_shown(app)
        await pilot.press(*"911", "enter", *"In my backpack")
        await next_step(pilot)
        assert "step 11 of 11: Reminders that speak to me" in step_shown(app)
        await pilot.press("space", "down", "down", "space")
        await next_step(pilot)
        assert isinstance(app.screen, OverviewScreen)
        assert "You stopped building your plan" not in screen_text(app)
        assert "Finish my GED" in screen_text(app)

    plan = store_sign_in(store, "Rosa", "sunrise-42")
    assert plan.section("vision").fields["vision"] == "A home of my own"
    assert plan.section("strengths").fields["strengths"] == ""
    answers = plan.toolkit_answers()
    assert answers == {"works.better": "A long walk", "works.calm": "Deep breaths"}
    goals = {g.text: g for g in plan.goals()}
    home, brother = goals["Find a place to live"], goals["Call my brother"]
    assert (home.importance, home.timeline) == (2, 1)
    assert (brother.importance, brother.timeline) == (1, 2)
    assert goals["Finish my GED"].term == "long"
    (step,) = plan.steps(home.id)
    assert (step.specific, step.measurable, step.due_date) == ("Look for rentals online", "1 hour",
                                                               date(2026, 12, 4))
    assert not any(plan.section("crisis").fields.values())
    overdose = plan.section("overdose").fields
    assert (overdose["emergency_numbers"], overdose["naloxone_where"]) == ("911", "In my backpack")
    assert [r.text for r in plan.reminders()] == ["Recovery means getting something back.",
                                                  "Recovery means breaking the cycle."]
    assert plan.guide_place().finished


async def test_stopping_half_way_then_a_lock_keeps_it_and_the_next_time_picks_up_there(store):
    create_person(store, "Sam", TEST_PIN)
    async with signed_in(store, "Sam", TEST_PIN) as (app, pilot):
        await pilot.press("b")
        await settle(pilot)
        assert isinstance(app.screen, GuideScreen)  # never started: no question first
        await pilot.press(*"A job I like")
        await next_step(pilot)
        await next_step(pilot)
        assert "step 3 of 11" in step_shown(app)
        await pilot.press(*"My dog")  # typed, not yet saved
        await pilot.press("f12")
        await settle(pilot)
        assert isinstance(app.screen, SignInScreen)

        await sign_in(pilot, "Sam", TEST_PIN)
        assert isinstance(app.screen, OverviewScreen)
        assert ("You stopped building your plan at step 3 of 11: What works for me. "
                "Press b to pick up there.") in screen_text(app)
        await pilot.press("b")
        assert isinstance(app.screen, PickUpDialog)
        assert "Step 3 of 11: What works for me" in screen_text(app)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, GuideScreen)
        assert "step 3 of 11: What works for me" in step_shown(app)
        assert app.screen.query_one("#guide-works-better", AnswerBox).value == "My dog"
        await pilot.press("pageup", "pageup")
        await settle(pilot)
        assert app.screen.query_one(TextArea).text == "A job I like"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
        assert "at step 1 of 11: My dream" in screen_text(app)
    plan = store_sign_in(store, "Sam", TEST_PIN)
    assert plan.toolkit_answers() == {"works.better": "My dog"}
    assert plan.guide_place().step == "dream" and not plan.guide_place().finished


async def test_the_offer_to_pick_up_can_start_again_or_wait(store):
    plan = create_person(store, "Sam", TEST_PIN)
    plan.keep_guide_place("rank")
    async with signed_in(store, "Sam", TEST_PIN) as (app, pilot):
        await pilot.press("b", "escape")
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)  # not now
        await pilot.press("b", "n")
        await settle(pilot)
        assert "step 1 of 11" in step_shown(app)


async def test_a_new_plan_can_say_no_and_find_the_walkthrough_in_the_palette(store):
    app = RecoveryPlanApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+n")
        for text in ("Rosa", "sunrise-42", "sunrise-42"):
            await enter(pilot, text)
        await settle(pilot)
        await pilot.press("enter", "n")
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
        await pilot.press("f3")
        await palette(pilot, "Build my plan")
        assert isinstance(app.screen, GuideScreen)
        assert "step 1 of 11" in step_shown(app)


async def test_the_steps_page_without_goals_says_so_and_can_be_skipped(store):
    create_person(store, "Sam", TEST_PIN)
    async with signed_in(store, "Sam", TEST_PIN) as (app, pilot):
        await pilot.press("b", *["pagedown"] * 5)
        await settle(pilot)
        assert "No goals to rank yet" in screen_text(app)
        await next_step(pilot)
        assert "No goal yet" in screen_text(app)
        await next_step(pilot)
        assert "step 8 of 11" in step_shown(app)
    assert store_sign_in(store, "Sam", TEST_PIN).goals() == []


# -- check-ins ---------------------------------------------------------------------


async def test_a_check_in_marks_one_step_done_and_moves_the_other(store):
    async with demo_a_week_on(store) as (app, pilot):
        assert isinstance(app.screen, OverviewScreen)  # offered, never forced
        assert "2 steps are due. Press k to check in on them" in screen_text(app)
        await pilot.press("k")
        await settle(pilot)
        assert isinstance(app.screen, CheckInScreen)
        text = screen_text(app)
        assert "step 1 of 2" in text and "Look for rentals online" in text and "LATE 11/28" in text
        await pilot.press("d")
        assert "List possible rentals" in app.screen.query_one("#specific", Input).value
        await next_step(pilot)
        assert "step 2 of 2" in screen_text(app)
        await pilot.press("n", *"My phone was cut off", "enter")
        assert app.screen.query_one("#when", Input).has_focus  # not yet: the date first
        await pilot.press("ctrl+u", *"next Thursday")
        assert "= Thursday, December 10, 2026" in screen_text(app)
        await next_step(pilot)
        text = screen_text(app)
        assert "Check-in kept" in text and "What got in the way: My phone was cut off" in text
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
        text = screen_text(app)
        assert "steps are due" not in text
        assert "Last: Thu Dec 3" in text
        assert "DONE     Look for rentals online, Craigslist too" in text
        assert "NOT YET  List possible rentals and call about them (due 12/10/26)" in text

    plan = store_sign_in(store, "Demo", "975310")
    (check_in,) = plan.check_ins()
    assert check_in.held_on == date(2026, 12, 3)
    assert [(o.outcome, o.note) for o in check_in.outcomes] == [
        ("done", ""), ("not_yet", "My phone was cut off")]
    first, second, _ = plan.steps(plan.goals()[1].id)
    assert first.done and first.done_on == date(2026, 12, 3)
    assert not second.done and second.due_date == date(2026, 12, 10)


async def test_a_check_in_left_half_way_keeps_the_step_finished_and_a_lock_the_one_begun(store):
    async with demo_a_week_on(store) as (app, pilot):
        await pilot.press("k", "pagedown")  # the first skipped
        await settle(pilot)
        await pilot.press("c", "tab", "ctrl+u", *"Call 3 landlords")
        await pilot.press("f12")
        await settle(pilot)
        assert isinstance(app.screen, SignInScreen)
    plan = store_sign_in(store, "Demo", "975310")
    (check_in,) = plan.check_ins()
    assert [(o.outcome, o.step_text) for o in check_in.outcomes] == [("changed", "Call 3 landlords")]
    assert [s.specific for _, s in plan.steps_to_check_in()] == ["Look for rentals online, Craigslist too"]


async def test_with_nothing_due_the_palette_check_in_shows_the_last_one(store):
    plan = create_demo(store)
    clock.set_now(A_WEEK_ON)
    _, step = plan.steps_to_check_in()[0]
    plan.check_in_step(step.id, "not_yet", "[bold]Sick[/bold] all week")
    plan.complete_step(plan.steps_to_check_in()[0][1].id)
    async with signed_in(store, "Demo", "975310") as (app, pilot):
        assert "Press k" not in screen_text(app)
        await pilot.press("f3")
        await palette(pilot, "Check-in")
        assert isinstance(app.screen, CheckInScreen)
        text = screen_text(app)
        assert "No steps are due now" in text and "My last check-in" in text
        assert "What got in the way: [bold]Sick[/bold] all week" in text  # shown as typed


async def test_the_summary_is_saved_as_txt_and_pdf_for_its_owner_only(store, tmp_path):
    async with demo_a_week_on(store) as (app, pilot):
        await pilot.press("k", "d", "pagedown")
        await settle(pilot)
        await pilot.press("n", *"Too tired", "pagedown")
        await settle(pilot)
        for name in ("check-in.txt", "check-in.pdf"):
            await pilot.press("s")
            assert isinstance(app.screen, SaveSummaryDialog)
            await pilot.press("ctrl+u", *str(tmp_path / name), "enter")
            await settle(pilot)
            assert isinstance(app.screen, CheckInScreen)
    text = (tmp_path / "check-in.txt").read_text(encoding="utf-8")
    assert text.startswith("MY CHECK-IN, THURSDAY, DECEMBER 3, 2026\n")
    assert "Not yet. Due Thursday, December 3, 2026." in text
    assert "What got in the way: Too tired" in text
    pdf = (tmp_path / "check-in.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page\n") == 1
    for name in ("check-in.txt", "check-in.pdf"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600


async def test_the_overview_keeps_a_history_of_check_ins_that_grows(store):
    plan = create_demo(store)
    first, second, third = plan.steps(plan.goals()[1].id)
    clock.set_now(A_WEEK_ON)
    plan.check_in_step(first.id, "not_yet", "Sick")
    kept = plan.check_in_step(second.id, "changed", check_in_id=plan.check_ins()[0].id)
    clock.set_now(datetime(2026, 12, 10, 10, 0))
    plan.check_in_step(first.id, "done")
    clock.set_now(datetime(2026, 12, 11, 10, 0))
    plan.complete_step(third.id)
    async with signed_in(store, "Demo", "975310", size=(80, 60)) as (app, pilot):
        text = screen_text(app)
        assert "Last: Thu Dec 10" in text
        assert "DONE     Look for rentals online, Craigslist too" in text
        assert "Done since: 1 step: Bring the notes from the calls to go over" in text
        assert "Before: Dec 3: 1 not yet, 1 changed" in text
    assert kept.count("changed") == 1


async def test_a_step_kept_before_help_opens_is_kept_again_with_what_is_typed_after(store):
    async with demo_a_week_on(store) as (app, pilot):
        await pilot.press("k", "n", *"Rain")
        await pilot.press("f1")  # the help opens over the check-in: the step is kept so far
        await pilot.pause()
        await pilot.press("escape", *" all week")
        await next_step(pilot)
        await pilot.press("escape")
        await settle(pilot)
    plan = store_sign_in(store, "Demo", "975310")
    (check_in,) = plan.check_ins()
    assert [(o.outcome, o.note) for o in check_in.outcomes] == [("not_yet", "Rain all week")]


async def test_print_sends_a_one_page_summary_to_the_sites_printer(store, tmp_path):
    import sys

    from pypdf import PdfReader

    from tui.config import Config

    printed = tmp_path / "printed"
    stand_in = tmp_path / "fake_lp.py"
    stand_in.write_text("import shutil, sys\nshutil.copy(sys.argv[-1], sys.argv[1])\n")
    config = Config(raw={"printer": {"command": f"{sys.executable} {stand_in} {printed}"}})
    async with demo_a_week_on(store, config) as (app, pilot):
        await pilot.press("k", "n", *"Rain all week", "pagedown")
        await settle(pilot)
        await pilot.press("pagedown", "p")
        await settle(pilot)
        assert "at the printer" in " ".join(str(n.message) for n in app._notifications)
    pages = PdfReader(printed).pages
    text = " ".join(pages[0].extract_text().split())
    assert len(pages) == 1 and "What got in the way: Rain all week" in text


def focused_selection_is_empty(app) -> None:
    field = app.focused
    if isinstance(field, Input) and field.value:
        assert field.selection.is_empty, f"#{field.id}'s saved words are selected: {field.value!r}"


async def test_enter_after_done_never_moves_into_the_next_steps_words(store):
    # d, Enter (as if to say "yes"), then the note: it must not land in the next step.
    async with demo_a_week_on(store) as (app, pilot):
        await open_check_in(pilot)
        await pilot.press("d", "enter")
        await pilot.pause()
        focused_selection_is_empty(app)
        assert app.focused is app.screen.query_one("#note", Input)
        await pilot.press(*"Found two places", "enter", "enter")
        await pilot.pause()
        assert app.focused is app.screen.query_one("#note", Input)
        await next_step(pilot)
        await next_step(pilot)
        assert "Check-in kept" in screen_text(app)
    plan = store_sign_in(store, "Demo", "975310")
    first, second, third = plan.steps(plan.goals()[1].id)
    assert first.done and first.specific == "Look for rentals online, Craigslist too"
    assert second.specific == "List possible rentals and call about them"  # untouched
    (check_in,) = plan.check_ins()
    assert [(o.outcome, o.note) for o in check_in.outcomes] == [("done", "Found two places")]


async def test_d_and_pgdn_in_one_burst_mark_the_step_shown_done_and_no_other(store):
    """d then PgDn as one burst (a quick typist, SSH): "done" belongs to the
    step it was pressed on. It reached the screen after PgDn had gone on, so
    the first step was skipped and the second shown as done already."""
    async with demo_a_week_on(store) as (app, pilot):
        await open_check_in(pilot)
        assert "step 1 of 2" in screen_text(app)
        burst(app, "d", "pagedown")
        await settle(pilot)
        await pilot.pause()
        assert "step 2 of 2" in screen_text(app)
        assert app.screen.query_one("#outcome").value is None  # nothing chosen yet here
        await next_step(pilot)  # skipped
        assert "Check-in kept" in screen_text(app)
    plan = store_sign_in(store, "Demo", "975310")
    (check_in,) = plan.check_ins()
    assert [o.outcome for o in check_in.outcomes] == ["done"]
    first, second, _third = plan.steps(plan.goals()[1].id)
    assert first.done and not second.done


async def test_a_check_in_with_only_enter_and_pgdn_loses_nothing(store):
    create_demo(store)
    clock.set_now(A_WEEK_ON)
    before = store_sign_in(store, "Demo", "975310")
    steps_before = before.steps(before.goals()[1].id)
    async with signed_in(store, "Demo", "975310") as (app, pilot):
        await pilot.press("k")
        await settle(pilot)
        for choice in ("d", "n"):
            await pilot.press(choice)
            for _ in range(8):  # Enter through every field there is, and more
                await pilot.press("enter")
                await pilot.pause()
                focused_selection_is_empty(app)
            await next_step(pilot)
        assert "Check-in kept" in screen_text(app)
    plan = store_sign_in(store, "Demo", "975310")
    after = plan.steps(plan.goals()[1].id)
    for old, new in zip(steps_before, after):
        for part in ("specific", "measurable", "achievable", "when_text", "bring"):
            assert getattr(new, part) == getattr(old, part), part
    assert [o.outcome for o in plan.check_ins()[0].outcomes] == ["done", "not_yet"]


@pytest.mark.parametrize("choice", ["d", "n", "c"])
async def test_no_key_moves_the_focus_into_saved_words_with_them_selected(store, choice):
    async with demo_a_week_on(store) as (app, pilot):
        await open_check_in(pilot)
        await pilot.press(choice)
        for key in ("enter", "tab", "tab", "shift+tab", "enter", "tab", "enter", "tab", "tab"):
            await pilot.press(key)
            await pilot.pause()
            focused_selection_is_empty(app)


async def test_not_yet_keeps_the_new_date_it_shows_in_the_store_and_the_summary(store):
    plan = create_person(store, "Sam", TEST_PIN)
    goal = plan.add_goal("I want to find a place to live")
    step = plan.add_step(goal.id, specific="Call 3 landlords")
    plan.edit_step(step.id, when="by this time next week")  # said on Thursday, November 26
    clock.set_now(datetime(2026, 12, 12, 10, 0))  # a Saturday, the step 9 days late
    async with signed_in(store, "Sam", TEST_PIN) as (app, pilot):
        await palette(pilot, "Check-in")
        await pilot.press("n")
        await pilot.pause()
        assert "= Saturday, December 19, 2026" in screen_text(app)  # what it shows...
        await next_step(pilot)
        text = screen_text(app)
        assert "Not yet. Due Saturday, December 19, 2026." in text  # ...the summary says
        assert "Call 3 landlords (by Sat 12/19)" in text
    (kept,) = store_sign_in(store, "Sam", TEST_PIN).steps(goal.id)
    assert kept.due_date == date(2026, 12, 19) and kept.when_text == "by this time next week"


async def test_not_yet_keeps_a_calendar_date_as_it_is(store):
    # "12/4" is a day on the calendar: read again on December 11 it would be next
    # year's, and the step would drop out of every list of steps due.
    plan = create_person(store, "Sam", TEST_PIN)
    goal = plan.add_goal("I want to find a place to live")
    step = plan.add_step(goal.id, specific="Call 3 landlords", when="12/4")  # on November 26
    assert step.due_date == date(2026, 12, 4)
    clock.set_now(datetime(2026, 12, 11, 10, 0))
    app = RecoveryPlanApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot, "Sam", TEST_PIN)
        await palette(pilot, "Check-in")
        await pilot.press("n")
        await pilot.pause()
        text = screen_text(app)
        assert "= Friday, December 4, 2026" in text and "2027" not in text
        await next_step(pilot)
        assert "2027" not in screen_text(app)
    (kept,) = store_sign_in(store, "Sam", TEST_PIN).steps(goal.id)
    assert kept.due_date == date(2026, 12, 4) and kept.when_text == "12/4"


async def test_a_step_shown_but_not_reset_shows_the_date_it_keeps(store):
    # Done: the goal's next step shows below with the date it has, not its words read today.
    plan = create_person(store, "Sam", TEST_PIN)
    goal = plan.add_goal("I want to find a place to live")
    first = plan.add_step(goal.id, specific="Look online", when="tomorrow")
    second = plan.add_step(goal.id, specific="Call 3 landlords", when="in 3 days")
    clock.set_now(datetime(2026, 12, 1, 10, 0))
    async with signed_in(store, "Sam", TEST_PIN) as (app, pilot):
        await palette(pilot, "Check-in")
        await pilot.press("d")
        await pilot.pause()
        text = screen_text(app)
        assert "= Sunday, November 29, 2026" in text and "December 4" not in text
        await next_step(pilot)
    kept = store_sign_in(store, "Sam", TEST_PIN).steps(goal.id)
    assert [s.id for s in kept] == [first.id, second.id]
    assert kept[0].done and kept[1].due_date == date(2026, 11, 29)


async def test_a_done_steps_note_is_not_what_got_in_the_way(store):
    async with demo_a_week_on(store) as (app, pilot):
        await open_check_in(pilot)
        await pilot.press("d", *"Found two places")
        await next_step(pilot)
        await next_step(pilot)
        text = screen_text(app)
        assert "What got in the way" not in text
        assert "To remember: Found two places" in text
