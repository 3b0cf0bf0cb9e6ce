"""The overview (F2) and Learn (F7), with keys only."""

from __future__ import annotations

from textual.widgets import TextArea

from tests.conftest import TEST_PIN
from tests.ui.helpers import demo_signed_in, screen_text, signed_in
from tui.app import RecoveryPlanApp
from tui.config import Config
from tui.screens.learn import LearnScreen
from tui.screens.overview import OverviewScreen, ReminderDialog
from tui.store import create_person
from tui.store import sign_in as store_sign_in


async def test_a_new_plan_shows_where_to_begin(store):
    create_person(store, "Sam", TEST_PIN)
    async with signed_in(store, "Sam", TEST_PIN) as (app, pilot):
        text = screen_text(app)
        assert "Where to begin?" in text and "Dare to dream" in text
        assert "No goals yet" in text


async def test_the_demo_overview_shows_goals_due_steps_readiness_and_reminders(store):
    async with demo_signed_in(store, size=(80, 60)) as (app, pilot):
        text = screen_text(app)
        assert "Where to begin?" not in text
        assert "1. I want to get back in touch with my brother" in text
        assert "Next: Look for rentals online, Craigslist too (Sat 11/28)" in text
        assert "Steps due this week" in text and "Sat 11/28  Look for rentals" in text
        assert "Crisis plan: 7 of 7 parts filled" in text
        assert "* Recovery means getting something back." in text
        vision = app.screen.query_one("#in-place-vision", TextArea)
        assert vision.text.startswith("I want a safe place of my own")


async def test_vision_is_edited_in_place_and_kept_on_leaving(store):
    create_person(store, "Sam", TEST_PIN)
    async with signed_in(store, "Sam", TEST_PIN) as (app, pilot):
        await pilot.press("v", *"A home with a garden", "tab", *"I keep going")
        await pilot.press("f3")  # leaving keeps both
        await pilot.pause()
    plan = store_sign_in(store, "Sam", TEST_PIN)
    assert plan.section("vision").fields["vision"] == "A home with a garden"
    assert plan.section("strengths").fields["strengths"] == "I keep going"


async def test_reminders_from_the_guide_and_my_own(store):
    create_person(store, "Sam", TEST_PIN)
    async with signed_in(store, "Sam", TEST_PIN) as (app, pilot):
        await pilot.press("r")
        assert isinstance(app.screen, ReminderDialog)
        await pilot.press("space", "down", "down", "space")  # first and third
        await pilot.press(*["tab"] * 9, *"One day at a time", "enter")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        assert "* One day at a time" in screen_text(app)
    texts = [r.text for r in store_sign_in(store, "Sam", TEST_PIN).reminders()]
    assert texts == ["One day at a time", "Recovery means getting something back.",
                     "Recovery means breaking the cycle."]


async def test_learn_opens_before_sign_in_and_names_the_sites_law(store):
    app = RecoveryPlanApp(store, Config(raw={"learn": {"jurisdiction": "general"}}))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f7")
        assert isinstance(app.screen, LearnScreen)
        text = screen_text(app)
        for words in ("tolerance", "naloxone", "Good Samaritan"):
            assert words.lower() in text.lower()
        assert "The Good Samaritan law in your area" in text
        view = app.screen.query_one("#learn")
        await pilot.press("pagedown")
        await pilot.pause()
        assert view.scroll_y > 0
        await pilot.press("escape")
        assert not isinstance(app.screen, LearnScreen)


async def test_learn_defaults_to_californias_law(store):
    app = RecoveryPlanApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f7")
        assert "The Good Samaritan law in California" in screen_text(app)
