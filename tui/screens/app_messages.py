"""The app as its screens see it: what they may read from it (AppServices),
and what they tell it (the messages below); the app decides what to do.

Screens never set the app's state or call its own methods: they post one of
these to the app (`self.app.post_message(...)`: the screen may be closing as
it says it, and a message sent to a closed screen is lost). The app handles
each in tui/plan_session.py. Besides these, screens use Textual's own App
(push_screen, notify, call_from_thread, size...).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Protocol

from textual.binding import Binding
from textual.message import Message

if TYPE_CHECKING:
    from tui.config import Config
    from tui.store import Plan, Store


class AppServices(Protocol):
    """What a screen may read from the app (RecoveryPlanApp gives it:
    tests/ui/test_app_parts.py checks, and that screens read nothing else)."""

    config: Config  # the site's settings (printer, card font...)
    BINDINGS: list  # the app's keys, for the help screen

    @property
    def store(self) -> Store:
        """The plan database, opened on first use (sign-in workers)."""

    @property
    def in_browser(self) -> bool:
        """Served to a web browser: a file saved is a download."""

    def keys_for(self, binding: Binding) -> str:
        """The keys that work for a binding here (a site's key map first)."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Whether an app key works now (the help screen lists those that do)."""


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
