"""What each screen looks like at 80x24 (pytest-textual-snapshot), in English
in two themes and in Spanish.

Update after an intended change with: pytest tests/ui --snapshot-update
"""

from __future__ import annotations

from datetime import datetime

import pytest
from textual.widgets import Input

from tui import i18n
from tui.app import RecoveryPlanApp
from tui.config import Config
from tui.content.guide import GUIDE_STEPS
from tui.demo import create_demo
from tui.store import clock

_display = [{"theme": "textual-dark"}]  # set for each test by the fixture below


@pytest.fixture(params=["textual-dark", "ansi-dark", "es", "console"], autouse=True)
def theme(request):
    """Every screen in the default theme and in the 16-colour theme of the Linux
    console, in Spanish (the default theme): its longer words must fit 80x24, and
    as drawn on a Linux console (its 16 colours, only what its fonts have)."""
    if request.param == "es":
        i18n.set_language("es")  # put back to English after the test (tests/conftest.py)
        _display[0] = {"theme": "textual-dark"}
    elif request.param == "console":
        _display[0] = {"theme": "ansi-dark", "console": True}
    else:
        _display[0] = {"theme": request.param}
    return request.param


def themed_app(store) -> RecoveryPlanApp:
    return RecoveryPlanApp(store, Config(raw={"display": dict(_display[0])}))


def test_sign_in_screen(snap_compare, store):
    assert snap_compare(themed_app(store), terminal_size=(80, 24))


def test_new_plan_screen(snap_compare, store):
    assert snap_compare(themed_app(store), press=["ctrl+n"], terminal_size=(80, 24))


def test_demo_plan_overview(snap_compare, store):
    create_demo(store)

    assert snap_compare(themed_app(store), terminal_size=(80, 24), run_before=signed_in())


def test_wrong_pin_message(snap_compare, store):
    assert snap_compare(themed_app(store), terminal_size=(80, 24),
                        run_before=signed_in(name="Nobody", pin="123456"))


def signed_in(*keys: str, name: str = "Demo", pin: str = "975310"):
    """What to do before the snapshot: sign in with keys, then press `keys`."""

    async def run(pilot) -> None:
        # A key pressed before the name field has focus is lost (and the sign-in
        # with it): wait for the focus first.
        for _ in range(100):
            if isinstance(pilot.app.screen.focused, Input):
                break
            await pilot.pause(0.02)
        await pilot.press(*name, "enter", *pin, "enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if keys:
            await pilot.press(*keys)
            await pilot.pause()

    return run


def test_goal_board_by_importance(snap_compare, store):
    create_demo(store)

    assert snap_compare(themed_app(store), terminal_size=(80, 24), run_before=signed_in("f3"))


def test_goal_board_by_timeline_with_a_goal_done(snap_compare, store):
    create_demo(store)

    assert snap_compare(themed_app(store), terminal_size=(80, 24), run_before=signed_in("f3", "space", "s"))


def test_empty_goal_board(snap_compare, store):
    from tui.store import create_person

    create_person(store, "Sam", "pin-123456")

    assert snap_compare(themed_app(store), terminal_size=(80, 24),
                        run_before=signed_in("f3", name="Sam", pin="pin-123456"))


def test_step_editor_with_the_demo_steps(snap_compare, store):
    create_demo(store)

    assert snap_compare(themed_app(store), terminal_size=(80, 24), run_before=signed_in("f3", "down", "f4"))


def test_step_editor_smart_check_messages(snap_compare, store):
    create_demo(store)

    assert snap_compare(themed_app(store), terminal_size=(80, 24), run_before=signed_in("f3", "down", "f4", "a", *"Call", "enter", *"some",
                              "enter", *"2026-11-01"))


def test_delete_goal_confirmation(snap_compare, store):
    create_demo(store)

    assert snap_compare(themed_app(store), terminal_size=(80, 24), run_before=signed_in("f3", "down", "x"))


def test_help_on_the_goal_board(snap_compare, store):
    create_demo(store)

    assert snap_compare(themed_app(store), terminal_size=(80, 24), run_before=signed_in("f3", "f1"))


def test_get_help_now_before_sign_in(snap_compare, store):
    assert snap_compare(themed_app(store), press=["f9"], terminal_size=(80, 24))


def test_crisis_plan_filled(snap_compare, store):
    create_demo(store)

    assert snap_compare(themed_app(store), terminal_size=(80, 24), run_before=signed_in("f5"))


def test_crisis_plan_empty(snap_compare, store):
    from tui.store import create_person

    create_person(store, "Sam", "pin-123456")

    assert snap_compare(themed_app(store), terminal_size=(80, 24),
                        run_before=signed_in("f5", name="Sam", pin="pin-123456"))


def test_pocket_overdose_plan_on_one_screen(snap_compare, store):
    create_demo(store)

    assert snap_compare(themed_app(store), terminal_size=(80, 24), run_before=signed_in("f5", "o"))


def test_crisis_section_editor(snap_compare, store):
    create_demo(store)

    assert snap_compare(themed_app(store), terminal_size=(80, 24), run_before=signed_in("f5", "e"))


def test_contacts(snap_compare, store):
    create_demo(store)

    assert snap_compare(themed_app(store), terminal_size=(80, 24), run_before=signed_in("f5", "c"))


def test_contact_dialog(snap_compare, store):
    create_demo(store)

    assert snap_compare(themed_app(store), terminal_size=(80, 24), run_before=signed_in("f5", "c", "e"))


def test_toolkit_filled(snap_compare, store):
    create_demo(store)

    assert snap_compare(themed_app(store), terminal_size=(80, 24), run_before=signed_in("f6"))


def test_toolkit_empty(snap_compare, store):
    from tui.store import create_person

    create_person(store, "Sam", "pin-123456")

    assert snap_compare(themed_app(store), terminal_size=(80, 24),
                        run_before=signed_in("f6", name="Sam", pin="pin-123456"))


def test_overview_of_a_new_plan(snap_compare, store):
    from tui.store import create_person

    create_person(store, "Sam", "pin-123456")

    assert snap_compare(themed_app(store), terminal_size=(80, 24),
                        run_before=signed_in(name="Sam", pin="pin-123456"))


def test_reminders_dialog(snap_compare, store):
    create_demo(store)

    assert snap_compare(themed_app(store), terminal_size=(80, 24), run_before=signed_in("r"))


def test_learn(snap_compare, store):
    assert snap_compare(themed_app(store), press=["f7"], terminal_size=(80, 24))


def test_add_goal_dialog(snap_compare, store):
    create_demo(store)

    assert snap_compare(themed_app(store), terminal_size=(80, 24), run_before=signed_in("f3", "a", *"See my kids"))


A_WEEK_ON = datetime(2026, 12, 3, 10, 0)  # the demo's first two steps are due (one late)


@pytest.mark.parametrize("step", range(1, len(GUIDE_STEPS) + 1))
def test_build_my_plan_step(snap_compare, store, step):
    """Each step of the guided walkthrough, on the demo plan (b, then PgDn to the step)."""
    create_demo(store)

    assert snap_compare(themed_app(store), terminal_size=(80, 24),
                        run_before=signed_in("b", *["pagedown"] * (step - 1)))


def test_check_in_offered_on_the_overview(snap_compare, store):
    create_demo(store)
    clock.set_now(A_WEEK_ON)

    assert snap_compare(themed_app(store), terminal_size=(80, 24), run_before=signed_in())


def test_check_in_a_step_not_yet_done(snap_compare, store):
    create_demo(store)
    clock.set_now(A_WEEK_ON)

    assert snap_compare(themed_app(store), terminal_size=(80, 24),
                        run_before=signed_in("k", "d", "pagedown", "n", *"My phone was cut off"))


def test_check_in_summary(snap_compare, store):
    create_demo(store)
    clock.set_now(A_WEEK_ON)

    assert snap_compare(themed_app(store), terminal_size=(80, 24),
                        run_before=signed_in("k", "d", "pagedown", "n", *"Too tired", "pagedown"))


# The screens of accounts, versions, drafts, conflicts and the idle lock.

def pushed(make_screen, *keys: str, sign_in_first: bool = True):
    """Sign in (or not), then push the screen `make_screen(app)` returns, then press `keys`."""

    async def run(pilot) -> None:
        if sign_in_first:
            await signed_in()(pilot)
        pilot.app.push_screen(make_screen(pilot.app))
        await pilot.pause()
        if keys:
            await pilot.press(*keys)
            await pilot.pause()

    return run


CODES = tuple(f"ABCD{i}-EFGH{i}-JKMN{i}-PQRS{i}" for i in range(8))


def test_forgot_pin_screen(snap_compare, store):
    assert snap_compare(themed_app(store), press=["f8"], terminal_size=(80, 24))


def test_recovery_codes_of_a_new_plan(snap_compare, store):
    from tui.screens.account import RecoveryCodesScreen

    assert snap_compare(themed_app(store), terminal_size=(80, 24),
                        run_before=pushed(lambda app: RecoveryCodesScreen(CODES), sign_in_first=False))


def test_change_pin_dialog(snap_compare, store):
    from tui.screens.account import ChangePinDialog

    create_demo(store)

    assert snap_compare(themed_app(store), terminal_size=(80, 24),
                        run_before=pushed(lambda app: ChangePinDialog(app.plan)))


def test_delete_plan_dialog(snap_compare, store):
    from tui.screens.account import DeletePlanDialog

    create_demo(store)

    assert snap_compare(themed_app(store), terminal_size=(80, 24),
                        run_before=pushed(lambda app: DeletePlanDialog(app.plan)))


def test_past_versions_of_the_crisis_plan(snap_compare, store):
    create_demo(store)

    assert snap_compare(themed_app(store), terminal_size=(80, 24), run_before=signed_in("f5", "h"))


def test_words_kept_from_a_session_that_ended(snap_compare, store):
    from tui.store import sign_in

    create_demo(store)
    sign_in(store, "Demo", "975310").save_draft(
        "section:crisis", "My crisis plan", {"warning_signs": "From the session that dropped"})

    assert snap_compare(themed_app(store), terminal_size=(80, 24), run_before=signed_in())


def test_a_part_changed_in_two_sessions(snap_compare, store):
    from tui.screens.conflict import ConflictDialog

    create_demo(store)
    titles = {"warning_signs": "Warning signs"}
    assert snap_compare(themed_app(store), terminal_size=(80, 24), run_before=pushed(
        lambda app: ConflictDialog(titles, {"warning_signs": "Mine: can't sleep"},
                                   {"warning_signs": "Theirs: skipping meals"})))


def test_idle_lock_warning(snap_compare, store):
    from tui.screens.idle import IdleWarningScreen

    create_demo(store)

    assert snap_compare(themed_app(store), terminal_size=(80, 24),
                        run_before=pushed(lambda app: IdleWarningScreen(25, has_plan=True)))
