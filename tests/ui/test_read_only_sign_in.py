"""A sign-in whose try can't be written (another session holds the database)
still opens the plan, to read, and says so in one calm line (issue 17)."""

from __future__ import annotations

from tests.store.test_lockout import write_lock_held
from tests.ui.helpers import screen_text, settle
from tui.app import RecoveryPlanApp
from tui.demo import create_demo
from tui.screens.crisis import CrisisScreen
from tui.screens.overview import OverviewScreen
from tui.store import plans


def noted(app) -> list[str]:
    """Every notification the app shows from now on (kept here: on a busy
    machine one may time out before the test looks)."""
    shown = []
    real = app.notify

    def notify(message, *args, **kwargs):
        shown.append(str(message))
        return real(message, *args, **kwargs)

    app.notify = notify
    return shown


async def test_sign_in_while_the_database_is_held_opens_the_plan_to_read(store, monkeypatch):
    monkeypatch.setattr(plans, "SIGN_IN_WRITE_SECONDS", 0.3)
    create_demo(store)
    app = RecoveryPlanApp(store)
    shown = noted(app)
    async with app.run_test(size=(80, 24)) as pilot:
        with write_lock_held(store):
            await pilot.press(*"Demo", "enter")
            await pilot.press(*"975310", "enter")
            await settle(pilot)
            assert isinstance(app.screen, OverviewScreen)
            assert [line for line in shown if "open to read" in line] == [
                "Your plan is open to read. Changes can't be saved right now; nothing was lost. "
                "Ask staff if this stays."]  # one calm line, once
            await pilot.press("f5")
            await settle(pilot)
            assert isinstance(app.screen, CrisisScreen)
            assert "Naloxone" in screen_text(app) or "naloxone" in screen_text(app)
