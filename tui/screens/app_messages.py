"""What a screen tells the app; the app decides what to do about it.

Screens never set the app's state or call its methods: they post one of these
to the app (`self.app.post_message(...)`: the screen may be closing as it
says it, and a message sent to a closed screen is lost). The app handles each
in tui/plan_session.py.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from tui.store import Plan


class PlanOpened(Message):
    """A person signed in (or made a plan, or opened it with a recovery code).

    `began` is when the PIN check started (time.monotonic()): a sign-in begun
    before a lock never opens the plan after it."""

    def __init__(self, plan: Plan, began: float, first: str = "overview", new: bool = False,
                 notice: str | None = None):
        super().__init__()
        self.plan, self.began, self.first, self.new, self.notice = plan, began, first, new, notice


def sign_in_began() -> float:
    """The moment a PIN check starts, for PlanOpened."""
    return time.monotonic()


class GoalChosen(Message):
    """The goal selected on the board (F4 opens its steps)."""

    def __init__(self, goal_id: int):
        super().__init__()
        self.goal_id = goal_id


class ModeWanted(Message):
    """Go to a plan screen (a mode: "overview", "goals"...), as its F-key does."""

    def __init__(self, mode: str):
        super().__init__()
        self.mode = mode


class GuideWanted(Message):
    """Open the walkthrough (or offer to pick up where it stopped)."""


class CheckInWanted(Message):
    """Start a check-in on the steps that are due."""


class LockAsked(Message):
    """Lock the plan now (it was deleted); then say `notice` to the next screen."""

    def __init__(self, notice: str | None = None):
        super().__init__()
        self.notice = notice
