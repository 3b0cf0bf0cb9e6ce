"""What each screen looks like at 80x24 (pytest-textual-snapshot).

Update after an intended change with: pytest tests/ui --snapshot-update
"""

from __future__ import annotations

import pytest

from tui.app import RecoveryPlanApp
from tui.config import Config
from tui.demo import create_demo

_theme = ["textual-dark"]  # set for each test by the fixture below


@pytest.fixture(params=["textual-dark", "ansi-dark"], autouse=True)
def theme(request):
    """Every screen in the default theme and in the 16-colour theme of the Linux console."""
    _theme[0] = request.param
    return request.param


def themed_app(store) -> RecoveryPlanApp:
    return RecoveryPlanApp(store, Config(raw={"display": {"theme": _theme[0]}}))


def test_sign_in_screen(snap_compare, store):
    assert snap_compare(themed_app(store), terminal_size=(80, 24))


def test_new_plan_screen(snap_compare, store):
    assert snap_compare(themed_app(store), press=["ctrl+n"], terminal_size=(80, 24))


def test_demo_plan_overview(snap_compare, store):
    create_demo(store)

    async def sign_in(pilot):
        await pilot.press(*"Demo", "enter", *"975310", "enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(themed_app(store), terminal_size=(80, 24), run_before=sign_in)


def test_wrong_pin_message(snap_compare, store):
    async def wrong(pilot):
        await pilot.press(*"Nobody", "enter", *"123456", "enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(themed_app(store), terminal_size=(80, 24), run_before=wrong)


async def _demo_signed_in(pilot, *keys):
    await pilot.press(*"Demo", "enter", *"975310", "enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press(*keys)
    await pilot.pause()


def test_goal_board_by_importance(snap_compare, store):
    create_demo(store)

    async def run(pilot):
        await _demo_signed_in(pilot, "f3")

    assert snap_compare(themed_app(store), terminal_size=(80, 24), run_before=run)


def test_goal_board_by_timeline_with_a_goal_done(snap_compare, store):
    create_demo(store)

    async def run(pilot):
        await _demo_signed_in(pilot, "f3", "space", "s")

    assert snap_compare(themed_app(store), terminal_size=(80, 24), run_before=run)


def test_empty_goal_board(snap_compare, store):
    from tui.store import create_person

    create_person(store, "Sam", "pin-123456")

    async def run(pilot):
        await pilot.press(*"Sam", "enter", *"pin-123456", "enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()

    assert snap_compare(themed_app(store), terminal_size=(80, 24), run_before=run)


def test_step_editor_with_the_demo_steps(snap_compare, store):
    create_demo(store)

    async def run(pilot):
        await _demo_signed_in(pilot, "f3", "down", "f4")

    assert snap_compare(themed_app(store), terminal_size=(80, 24), run_before=run)


def test_step_editor_smart_check_messages(snap_compare, store):
    create_demo(store)

    async def run(pilot):
        await _demo_signed_in(pilot, "f3", "down", "f4", "a", *"Call", "enter", *"some",
                              "enter", *"2026-11-01")

    assert snap_compare(themed_app(store), terminal_size=(80, 24), run_before=run)


def test_delete_goal_confirmation(snap_compare, store):
    create_demo(store)

    async def run(pilot):
        await _demo_signed_in(pilot, "f3", "down", "x")

    assert snap_compare(themed_app(store), terminal_size=(80, 24), run_before=run)


def test_help_on_the_goal_board(snap_compare, store):
    create_demo(store)

    async def run(pilot):
        await _demo_signed_in(pilot, "f3", "f1")

    assert snap_compare(themed_app(store), terminal_size=(80, 24), run_before=run)


def test_get_help_now_before_sign_in(snap_compare, store):
    assert snap_compare(themed_app(store), press=["f9"], terminal_size=(80, 24))


def test_crisis_plan_filled(snap_compare, store):
    create_demo(store)

    async def run(pilot):
        await _demo_signed_in(pilot, "f5")

    assert snap_compare(themed_app(store), terminal_size=(80, 24), run_before=run)


def test_crisis_plan_empty(snap_compare, store):
    from tui.store import create_person

    create_person(store, "Sam", "pin-123456")

    async def run(pilot):
        await pilot.press(*"Sam", "enter", *"pin-123456", "enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("f5")
        await pilot.pause()

    assert snap_compare(themed_app(store), terminal_size=(80, 24), run_before=run)


def test_pocket_overdose_plan_on_one_screen(snap_compare, store):
    create_demo(store)

    async def run(pilot):
        await _demo_signed_in(pilot, "f5", "o")

    assert snap_compare(themed_app(store), terminal_size=(80, 24), run_before=run)


def test_crisis_section_editor(snap_compare, store):
    create_demo(store)

    async def run(pilot):
        await _demo_signed_in(pilot, "f5", "e")

    assert snap_compare(themed_app(store), terminal_size=(80, 24), run_before=run)


def test_contacts(snap_compare, store):
    create_demo(store)

    async def run(pilot):
        await _demo_signed_in(pilot, "f5", "c")

    assert snap_compare(themed_app(store), terminal_size=(80, 24), run_before=run)


def test_contact_dialog(snap_compare, store):
    create_demo(store)

    async def run(pilot):
        await _demo_signed_in(pilot, "f5", "c", "e")

    assert snap_compare(themed_app(store), terminal_size=(80, 24), run_before=run)


def test_toolkit_filled(snap_compare, store):
    create_demo(store)

    async def run(pilot):
        await _demo_signed_in(pilot, "f6")

    assert snap_compare(themed_app(store), terminal_size=(80, 24), run_before=run)


def test_toolkit_empty(snap_compare, store):
    from tui.store import create_person

    create_person(store, "Sam", "pin-123456")

    async def run(pilot):
        await pilot.press(*"Sam", "enter", *"pin-123456", "enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("f6")
        await pilot.pause()

    assert snap_compare(themed_app(store), terminal_size=(80, 24), run_before=run)


def test_overview_of_a_new_plan(snap_compare, store):
    from tui.store import create_person

    create_person(store, "Sam", "pin-123456")

    async def run(pilot):
        await pilot.press(*"Sam", "enter", *"pin-123456", "enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(themed_app(store), terminal_size=(80, 24), run_before=run)


def test_reminders_dialog(snap_compare, store):
    create_demo(store)

    async def run(pilot):
        await _demo_signed_in(pilot, "r")

    assert snap_compare(themed_app(store), terminal_size=(80, 24), run_before=run)


def test_learn(snap_compare, store):
    assert snap_compare(themed_app(store), press=["f7"], terminal_size=(80, 24))


def test_add_goal_dialog(snap_compare, store):
    create_demo(store)

    async def run(pilot):
        await _demo_signed_in(pilot, "f3", "a", *"See my kids")

    assert snap_compare(themed_app(store), terminal_size=(80, 24), run_before=run)
