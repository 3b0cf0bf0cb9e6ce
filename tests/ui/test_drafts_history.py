"""Drafts kept while typing and offered back after a session ends too soon;
past versions of a part of the plan, put back with keys; what changed lately."""

from __future__ import annotations

from datetime import timedelta

from tests.conftest import TEST_NOW, TEST_PIN
from tests.ui.helpers import screen_text, settle, signed_in
from tui.screens.crisis import CrisisScreen, SectionEditScreen
from tui.screens.dialogs import ConfirmDialog
from tui.screens.drafts import DraftsScreen
from tui.screens.history import HistoryScreen
from tui.screens.overview import OverviewScreen
from tui.store import clock, create_person, sign_in as store_sign_in


async def test_typing_is_kept_as_a_draft_and_offered_at_the_next_sign_in(store):
    plan = create_person(store, "Sam", TEST_PIN)
    goal = plan.add_goal("Find work")
    plan.add_step(goal.id, specific="Call")
    async with signed_in(store, "Sam", TEST_PIN) as (app, pilot):
        await pilot.press("f5", "e")
        await pilot.pause()
        assert isinstance(app.screen, SectionEditScreen)
        await pilot.press(*"I stop answering the phone")
        app.keep_drafts()  # what the timer does every few seconds
        # The session ends here without saving (power cut, kill -9): nothing else runs.
    (draft,) = store_sign_in(store, "Sam", TEST_PIN).drafts()
    assert draft.place.startswith("section:crisis@")  # this session's own mark
    assert draft.values == {"warning_signs": "I stop answering the phone"}

    async with signed_in(store, "Sam", TEST_PIN) as (app, pilot):
        assert isinstance(app.screen, DraftsScreen)
        option = app.screen.query_one("#drafts").get_option_at_index(0)
        assert str(option.prompt).startswith("My crisis plan (Nov 26, 10:00)")
        assert "I stop answering the phone" in screen_text(app)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
    again = store_sign_in(store, "Sam", TEST_PIN)
    assert again.section("crisis").fields["warning_signs"] == "I stop answering the phone"
    assert again.drafts() == []


async def test_a_draft_is_forgotten_once_its_words_are_saved(store):
    create_person(store, "Sam", TEST_PIN)
    async with signed_in(store, "Sam", TEST_PIN) as (app, pilot):
        await pilot.press("tab")  # into "My vision", edited in place
        await pilot.press(*"A home of my own")
        app.keep_drafts()
        assert [d.place.partition("@")[0] for d in app.plan.drafts()] == ["section:vision"]
        await pilot.press("tab")  # leaving the box saves it
        await pilot.pause()
        app.keep_drafts()
        assert app.plan.drafts() == []
        await pilot.press("ctrl+l")
        await pilot.pause()
    plan = store_sign_in(store, "Sam", TEST_PIN)
    assert plan.section("vision").fields["vision"] == "A home of my own" and plan.drafts() == []


async def test_past_versions_are_listed_and_one_is_put_back(store):
    plan = create_person(store, "Sam", TEST_PIN)
    plan.save_section("crisis", {"warning_signs": "Old signs"})
    clock.set_now(TEST_NOW + timedelta(hours=1))
    plan.save_section("crisis", {"warning_signs": "New signs"})
    async with signed_in(store, "Sam", TEST_PIN) as (app, pilot):
        await pilot.press("f5", "h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        versions = app.screen.query_one("#versions")
        assert "(now)" in str(versions.get_option_at_index(0).prompt)
        assert versions.option_count == 2 and "New signs" in screen_text(app)
        await pilot.press("down")
        await pilot.pause()
        assert "Old signs" in screen_text(app)
        await pilot.press("r")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CrisisScreen) and "Old signs" in screen_text(app)
    assert len(plan.section_history("crisis")) == 3


async def test_the_overview_shows_growth(store):
    plan = create_person(store, "Sam", TEST_PIN)
    goal = plan.add_goal("Find work")
    for _ in range(2):
        plan.complete_step(plan.add_step(goal.id, specific="x").id)
    plan.complete_goal(goal.id)
    async with signed_in(store, "Sam", TEST_PIN) as (app, pilot):
        await settle(pilot)
        text = screen_text(app)
        assert "How I am growing" in text
        assert "This month: 1 goal reached; 2 steps done." in text
        assert "0 0 0 0 0 0 0 2" in text


async def test_a_lock_during_a_conflict_asks_nothing_and_keeps_the_words(store):
    plan = create_person(store, "Sam", TEST_PIN)
    async with signed_in(store, "Sam", TEST_PIN) as (app, pilot):
        await pilot.press("f5", "e")
        await pilot.pause()
        plan.save_section("crisis", {"warning_signs": "Saved at the kiosk"})  # another session
        await pilot.press(*"Typed over SSH")
        await pilot.press("f12")
        await pilot.pause()
        await pilot.pause()
        assert app.plan is None
        assert [type(s).__name__ for s in app.screen_stack] == ["SignInScreen"]
        assert "Typed over SSH" not in screen_text(app) and "Saved at the kiosk" not in screen_text(app)
    again = store_sign_in(store, "Sam", TEST_PIN)
    assert again.section("crisis").fields["warning_signs"] == "Saved at the kiosk"
    (draft,) = again.drafts()
    assert draft.values == {"warning_signs": "Typed over SSH"}


async def test_leaving_a_screen_that_could_not_save_keeps_a_draft(store):
    plan = create_person(store, "Sam", TEST_PIN)
    async with signed_in(store, "Sam", TEST_PIN) as (app, pilot):
        await pilot.press("f5", "e")
        await pilot.pause()
        plan.save_section("crisis", {"warning_signs": "Saved at the kiosk"})
        await pilot.press(*"Typed over SSH")
        await pilot.press("f2")  # straight to the overview: no time to answer a question
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        app.keep_drafts()
        assert [d.values for d in app.plan.drafts()] == [{"warning_signs": "Typed over SSH"}]


async def test_a_draft_left_by_an_earlier_session_is_never_overwritten(store):
    plan = create_person(store, "Sam", TEST_PIN)
    plan.save_draft("section:crisis", "My crisis plan", {"warning_signs": "From the crashed session"})
    async with signed_in(store, "Sam", TEST_PIN) as (app, pilot):
        assert isinstance(app.screen, DraftsScreen)
        await pilot.press("escape")  # decide later
        await pilot.press("f5", "e")
        await pilot.pause()
        await pilot.press(*"New words")
        app.keep_drafts()
        await pilot.press("escape")  # saved
        await pilot.pause()
        app.keep_drafts()
    drafts = store_sign_in(store, "Sam", TEST_PIN).drafts()
    assert [d.values for d in drafts] == [{"warning_signs": "From the crashed session"}]
