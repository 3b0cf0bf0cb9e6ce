"""The walkthrough's later steps, tried with keys the way people press them:
long answers that stay readable, a reminder typed after a tick, several SMART
steps for the first goal, long-term goals, triggers and relief."""

from __future__ import annotations

from textual.widgets import Input

from tests.conftest import TEST_PIN
from tests.ui.helpers import burst, screen_text, settle, sign_in
from tui.app import RecoveryPlanApp
from tui.content.guide import GUIDE_KEYS
from tui.content.reminders import REMINDERS
from tui.screens.guide import GuideScreen
from tui.screens.overview import OverviewScreen
from tui.store import create_person
from tui.store import sign_in as store_sign_in
from tui.widgets.textbox import AnswerBox

LONG_SIGN = ("I stop answering my phone, I skip meals and stay in bed all day, "
             "and I start thinking about old friends I used with.")


async def open_at(pilot, key: str) -> None:
    """Sign in as Sam and open the walkthrough at the step `key` (PgDn skips the rest)."""
    await sign_in(pilot, "Sam", TEST_PIN)
    await pilot.press("b", *["pagedown"] * GUIDE_KEYS.index(key))
    await settle(pilot)
    assert isinstance(pilot.app.screen, GuideScreen) and pilot.app.screen.key == key


def fully_visible(box: AnswerBox) -> bool:
    """Every wrapped line of the box is on screen: none scrolled away, none cut by the screen."""
    body = box.screen.query_one("#guide-body")
    return (box.wrapped_document.height <= box.content_size.height
            and box.scroll_offset.y == 0 and box.scroll_offset.x == 0
            and body.region.contains_region(box.region.intersection(body.region))
            and box.region.bottom <= body.region.bottom)


async def test_a_long_rainy_day_answer_wraps_and_can_be_read_whole(store):
    create_person(store, "Sam", TEST_PIN)
    app = RecoveryPlanApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_at(pilot, "rainy")
        box = app.screen.query_one("#guide-warning_signs", AnswerBox)
        assert box.has_focus
        await pilot.press(*LONG_SIGN)
        await pilot.pause()
        assert box.content_size.height >= 2  # it grew
        assert fully_visible(box)
        await pilot.press("enter")  # Enter goes on to the next box, as before
        assert app.screen.query_one("#guide-on_my_own", AnswerBox).has_focus
        assert box.text == LONG_SIGN  # no newline slipped in
        await pilot.press("pagedown")  # kept on leaving the step, and shown whole on return
        await settle(pilot)
        await pilot.press("pageup")
        await settle(pilot)
        box = app.screen.query_one("#guide-warning_signs", AnswerBox)
        assert box.text == LONG_SIGN and fully_visible(box)
    assert store_sign_in(store, "Sam", TEST_PIN).section("crisis").fields["warning_signs"] == LONG_SIGN


async def test_a_long_overdose_answer_wraps_and_the_last_box_goes_on(store):
    create_person(store, "Sam", TEST_PIN)
    where = "I get it free at the drop-in center and keep it in the front pocket of my backpack."
    app = RecoveryPlanApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_at(pilot, "overdose")
        await pilot.press(*"911", "enter", *where)
        box = app.screen.query_one("#guide-naloxone_where", AnswerBox)
        await pilot.pause()
        assert box.content_size.height >= 2 and fully_visible(box)
        for _part in range(4):
            await pilot.press("enter")
        await pilot.press(*"Never use alone", "enter")  # Enter on the last box goes on
        await settle(pilot)
        assert app.screen.key == "reminders"
    overdose = store_sign_in(store, "Sam", TEST_PIN).section("overdose").fields
    assert (overdose["emergency_numbers"], overdose["naloxone_where"], overdose["other_steps"]) == (
        "911", where, "Never use alone")


async def test_a_reminder_typed_after_tab_from_a_tick_is_kept(store):
    """Tick one, Tab, type my own, Enter: the text is added, no other reminder gets ticked."""
    create_person(store, "Sam", TEST_PIN)
    app = RecoveryPlanApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_at(pilot, "reminders")
        await pilot.press("space", "tab", *"One day at a time", "enter")
        await settle(pilot)
        assert app.screen.query_one("#guide-own-reminder", Input).value == ""
        assert "One day at a time" in screen_text(app) or app.screen.query_one(
            f"#guide-reminder-{len(REMINDERS)}").label.plain == "One day at a time"
        await pilot.press("pagedown")
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
    texts = [r.text for r in store_sign_in(store, "Sam", TEST_PIN).reminders()]
    assert sorted(texts) == sorted([REMINDERS[0], "One day at a time"])


async def test_typing_on_a_tick_goes_into_my_own_reminder(store):
    """Forgetting Tab: letters typed on a tick start my own reminder; Space in it stays a space."""
    create_person(store, "Sam", TEST_PIN)
    app = RecoveryPlanApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_at(pilot, "reminders")
        await pilot.press("down", "space", *"Keep going 2 day")
        own = app.screen.query_one("#guide-own-reminder", Input)
        assert own.has_focus and own.value == "Keep going 2 day"
        await pilot.press("shift+tab", "space")  # back to a tick: Space still ticks there
        await pilot.press("tab")
        assert own.has_focus and own.value == "Keep going 2 day"
        await pilot.press("enter", "pagedown")
        await settle(pilot)
    texts = [r.text for r in store_sign_in(store, "Sam", TEST_PIN).reminders()]
    assert set(texts) == {REMINDERS[1], REMINDERS[-1], "Keep going 2 day"}


async def test_several_smart_steps_for_the_first_goal_then_enter_goes_on(store):
    """The guide's housing example has three steps for one goal."""
    plan = create_person(store, "Sam", TEST_PIN)
    plan.add_goal("I want to find a place to live")
    app = RecoveryPlanApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_at(pilot, "steps")
        assert "None yet" in screen_text(app)
        for what, much in (("Look online for rentals", "no more than 1 hour"),
                           ("List rentals and call", "5 listed, 3 called"),
                           ("Bring my notes", "")):
            await pilot.press(*what, "enter", *much, "enter", *"next week", "enter", "enter",
                              "enter")
            await settle(pilot)
            assert app.screen.key == "steps"
            assert app.screen.query_one("#specific", Input).has_focus
            assert app.screen.query_one("#specific", Input).value == ""
            assert what in screen_text(app)
        await pilot.press(*["enter"] * 5)  # a blank step: Enter on the last part goes on
        await settle(pilot)
        assert app.screen.key == "triggers"
    (goal,) = store_sign_in(store, "Sam", TEST_PIN).goals()
    steps = store_sign_in(store, "Sam", TEST_PIN).steps(goal.id)
    assert [(s.specific, s.measurable) for s in steps] == [
        ("Look online for rentals", "no more than 1 hour"), ("List rentals and call", "5 listed, 3 called"),
        ("Bring my notes", "")]
    assert all(s.due_date is not None for s in steps)


async def test_a_step_half_typed_is_kept_on_pgdn_and_listed_on_return(store):
    plan = create_person(store, "Sam", TEST_PIN)
    plan.add_goal("I want to find a place to live")
    app = RecoveryPlanApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_at(pilot, "steps")
        await pilot.press(*"Call the housing office")
        await pilot.press("pagedown")
        await settle(pilot)
        await pilot.press("pageup")
        await settle(pilot)
        assert "1. Call the housing office" in screen_text(app)
        assert app.screen.query_one("#specific", Input).value == ""
    (goal,) = store_sign_in(store, "Sam", TEST_PIN).goals()
    assert [s.specific for s in store_sign_in(store, "Sam", TEST_PIN).steps(goal.id)] == [
        "Call the housing office"]


async def test_long_term_goals_and_triggers_in_the_walkthrough_end_on_an_overview_of_both_terms(store):
    create_person(store, "Sam", TEST_PIN)
    app = RecoveryPlanApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_at(pilot, "goals")
        assert "My short-term goals" in screen_text(app)
        await pilot.press(*"Find a place to live", "enter", "enter")
        await settle(pilot)
        assert app.screen.key == "long_goals"
        assert "My long-term goals" in screen_text(app)
        await pilot.press(*"Finish my GED", "enter")
        assert "Finish my GED" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.key == "rank"
        assert "Finish my GED" not in screen_text(app)  # ranked with the other long-term goals
        await pilot.press("pagedown", "pagedown")
        await settle(pilot)
        assert app.screen.key == "triggers"
        await pilot.press(*"Payday", "enter", *"Calling my sister", "enter")
        await settle(pilot)
        assert app.screen.key == "rainy"
        await pilot.press(*["pagedown"] * 3)
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
        text = screen_text(app)
        assert "Find a place to live" in text
        assert "My long-term goals" in text and "Finish my GED" in text
    plan = store_sign_in(store, "Sam", TEST_PIN)
    assert [(g.text, g.term) for g in plan.goals()] == [("Find a place to live", "short"),
                                                        ("Finish my GED", "long")]
    assert plan.section("cravings").fields == {"triggers": "Payday", "relief": "Calling my sister"}


async def test_the_last_words_before_pgdn_in_one_burst_are_kept(store):
    """"Other steps" typed and PgDn at once: PgDn (which the walkthrough acts
    on itself) keeps the words whole, every letter reaching the box first."""
    create_person(store, "Sam", TEST_PIN)
    app = RecoveryPlanApp(store)
    other = "Never use alone. Start with a small amount."
    async with app.run_test(size=(80, 24)) as pilot:
        await open_at(pilot, "overdose")
        for _ in range(5):
            await pilot.press("enter")
        assert app.screen.query_one("#guide-other_steps", AnswerBox).has_focus
        burst(app, *other, "pagedown")
        await settle(pilot)
        assert app.screen.key == GUIDE_KEYS[GUIDE_KEYS.index("overdose") + 1]
    overdose = store_sign_in(store, "Sam", TEST_PIN).section("overdose").fields
    assert overdose["other_steps"] == other


async def test_enter_then_words_then_enter_in_one_burst_keep_each_word_in_its_box(store):
    """Enter, the next answer and Enter on the last box in one burst: the words
    land whole in the last box (none passed by the Enter after them, none on the
    next step) and Enter goes on."""
    create_person(store, "Sam", TEST_PIN)
    app = RecoveryPlanApp(store)
    calm = "Deep breaths and a cup of tea."
    async with app.run_test(size=(80, 24)) as pilot:
        await open_at(pilot, "works")
        burst(app, *"A walk.", "enter", "enter", *calm, "enter")
        await settle(pilot)
        assert app.screen.key == GUIDE_KEYS[GUIDE_KEYS.index("works") + 1]
        assert not [f.value for f in app.screen.query("Input") if f.value]  # nothing spilled over
    answers = store_sign_in(store, "Sam", TEST_PIN).toolkit_answers()
    assert (answers.get("works.better"), answers.get("works.laugh"), answers.get("works.calm")) == (
        "A walk.", None, calm)
