"""What each screen looks like at 80x24 (pytest-textual-snapshot).

Update after an intended change with: pytest tests/ui --snapshot-update
"""

from __future__ import annotations

from tui.app import RecoveryPlanApp
from tui.demo import create_demo


def test_sign_in_screen(snap_compare, store):
    assert snap_compare(RecoveryPlanApp(store), terminal_size=(80, 24))


def test_new_plan_screen(snap_compare, store):
    assert snap_compare(RecoveryPlanApp(store), press=["ctrl+n"], terminal_size=(80, 24))


def test_demo_plan_overview(snap_compare, store):
    create_demo(store)

    async def sign_in(pilot):
        await pilot.press(*"Demo", "enter", *"975310", "enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(RecoveryPlanApp(store), terminal_size=(80, 24), run_before=sign_in)


def test_wrong_pin_message(snap_compare, store):
    async def wrong(pilot):
        await pilot.press(*"Nobody", "enter", *"123456", "enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(RecoveryPlanApp(store), terminal_size=(80, 24), run_before=wrong)
