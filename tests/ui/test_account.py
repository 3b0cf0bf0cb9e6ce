"""A person's own keys with keys only: forgot PIN (a recovery code), waits
after wrong tries, changing the PIN, new codes, deleting the plan."""

from __future__ import annotations

from textual.widgets import Input

from tests.conftest import TEST_PIN
from tests.ui.helpers import screen_text, settle, signed_in
from tui.app import RecoveryPlanApp
from tui.screens.account import (
    ChangePinDialog, DeletePlanDialog, NewCodesDialog, RecoverWithCodeScreen, RecoveryCodesScreen,
)
from tui.screens.dialogs import ConfirmDialog
from tui.screens.overview import OverviewScreen
from tui.screens.signin import SignInScreen
from tui.store import SignInError, create_person, sign_in


async def enter(pilot, text: str) -> None:
    await pilot.press(*text, "enter")


async def palette(pilot, command: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*command)
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause()


async def test_forgot_pin_opens_the_plan_with_a_code_even_while_waiting(store):
    plan = create_person(store, "Sam", TEST_PIN)
    plan.add_goal("Still mine")
    app = RecoveryPlanApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await enter(pilot, "Sam")
        for _ in range(5):
            await enter(pilot, "wrong-pin")
            await settle(pilot)
        assert "Please wait 5 seconds" in screen_text(app)
        await pilot.press("f8")
        assert isinstance(app.screen, RecoverWithCodeScreen)
        await enter(pilot, "sam")
        await enter(pilot, "nope-nope")
        await enter(pilot, "brand-new-pin-4")
        await enter(pilot, "brand-new-pin-4")
        await settle(pilot)
        assert "don't open a plan" in screen_text(app)
        assert app.screen.query_one("#code", Input).has_focus
        await enter(pilot, plan.recovery_codes[0].lower())
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
        assert "Still mine" in screen_text(app)
    assert sign_in(store, "Sam", "brand-new-pin-4").goals()[0].text == "Still mine"


async def test_ctrl_y_is_the_forgot_pin_key_too(store):
    app = RecoveryPlanApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+y")
        assert isinstance(app.screen, RecoverWithCodeScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, SignInScreen)


async def test_change_pin_from_the_palette(store):
    create_person(store, "Sam", TEST_PIN)
    async with signed_in(store, "Sam", TEST_PIN) as (app, pilot):
        await palette(pilot, "Change my PIN")
        assert isinstance(app.screen, ChangePinDialog)
        await enter(pilot, "not-my-pin")
        await enter(pilot, "a-better-pin-8")
        await enter(pilot, "a-better-pin-8")
        await settle(pilot)
        assert "not your current PIN" in screen_text(app)
        await enter(pilot, TEST_PIN)
        await enter(pilot, "a-better-pin-8")
        await enter(pilot, "a-better-pin-8")
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
    assert sign_in(store, "Sam", "a-better-pin-8").name == "Sam"


async def test_new_recovery_codes_from_the_palette(store):
    old = create_person(store, "Sam", TEST_PIN).recovery_codes
    async with signed_in(store, "Sam", TEST_PIN) as (app, pilot):
        await palette(pilot, "Make new recovery codes")
        assert isinstance(app.screen, NewCodesDialog)
        await enter(pilot, "not-my-pin")
        await settle(pilot)
        assert "not your PIN" in screen_text(app)
        await enter(pilot, TEST_PIN)
        await settle(pilot)
        assert isinstance(app.screen, RecoveryCodesScreen)
        new = app.screen.codes
        assert set(new).isdisjoint(old) and new[0] in screen_text(app)
        await pilot.press("enter")
        assert isinstance(app.screen, OverviewScreen)


async def test_delete_my_plan_asks_the_pin_then_says_it_cannot_be_undone(store):
    create_person(store, "Sam", TEST_PIN).add_goal("Gone soon")
    async with signed_in(store, "Sam", TEST_PIN) as (app, pilot):
        await palette(pilot, "Delete my plan")
        assert isinstance(app.screen, DeletePlanDialog)
        await enter(pilot, TEST_PIN)
        assert isinstance(app.screen, ConfirmDialog) and "can't be undone" in screen_text(app)
        await pilot.press("n")
        assert isinstance(app.screen, OverviewScreen)  # kept
        await palette(pilot, "Delete my plan")
        await enter(pilot, TEST_PIN)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, SignInScreen) and app.plan is None
    try:
        sign_in(store, "Sam", TEST_PIN)
    except SignInError:
        pass
    else:
        raise AssertionError("the deleted plan still opens")
