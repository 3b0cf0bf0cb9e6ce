"""Every screen opens at its start: its title and its first question on the
screen, nothing scrolled away above the top (issue 15, item 8)."""

from __future__ import annotations

from datetime import datetime

import pytest
from textual.widgets import Input

from tests.ui.helpers import settle
from tui.app import RecoveryPlanApp
from tui.demo import create_demo
from tui.store import clock

A_WEEK_ON = datetime(2026, 12, 3, 10, 0)  # the demo's first two steps are due

# (keys after signing in as Demo, the words at the start of the screen)
SCREENS = {
    "overview": ([], ["My plan: Demo", "My vision"]),
    "goal board": (["f3"], ["My goals", "Short-term goals (5)"]),
    "steps": (["f3", "down", "f4"], ["Steps toward: I want to find a place to live"]),
    "crisis plan": (["f5"], ["My crisis plan", "1. My warning signs"]),
    "pocket plan": (["f5", "o"], ["My pocket overdose plan", "Emergency numbers"]),
    "contacts": (["f5", "c"], ["People and lines in my plan"]),
    "contact dialog": (["f5", "c", "e"], ["My sister"]),
    "crisis editor": (["f5", "e"], ["Change: My crisis plan", "My warning signs",
                                    "What thoughts, feelings or actions"]),
    "overdose editor": (["f5", "o", "e"], ["Change: My pocket overdose plan", "Emergency numbers",
                                           "Which numbers do I call in an overdose?"]),
    "toolkit": (["f6"], ["My resilience toolkit", "What helps me stay well?", "What works for me"]),
    "reminders": (["r"], ["Reminders that speak to me"]),
    "check-in": (["k"], ["Check-in"]),
    "walkthrough": (["b"], ["Build my plan"]),
    "learn": (["f7"], ["Learn: staying safer"]),
    "help": (["f1"], ["Keys"]),
    "get help now": (["f9"], ["Get help now", "Crisis lines"]),
}


def scrolled(app) -> list[str]:
    """Every widget on the screen (dialogs included) scrolled away from its start."""
    return [f"{widget!r} at {widget.scroll_offset}" for widget in app.screen.query("*")
            if widget.scroll_offset.y or widget.scroll_offset.x]


def on_screen(app) -> str:
    """What the terminal shows, line by line."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("screen", list(SCREENS))
async def test_every_screen_opens_at_its_start(store, screen, size):
    keys, words = SCREENS[screen]
    create_demo(store)
    clock.set_now(A_WEEK_ON)  # a check-in is offered
    app = RecoveryPlanApp(store)
    async with app.run_test(size=size) as pilot:
        for _ in range(100):
            if isinstance(app.screen.focused, Input):
                break
            await pilot.pause(0.02)
        await pilot.press(*"Demo", "enter", *"975310", "enter")
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        await pilot.pause()
        assert scrolled(app) == []
        shown = on_screen(app)
        for word in words:
            assert word in shown, f"{word!r} is not on the {screen}:\n{shown}"
