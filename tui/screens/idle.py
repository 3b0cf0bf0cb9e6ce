"""The idle lock: after some minutes with no key, the plan locks itself.

In the last 30 seconds (the last half, when the wait is under a minute) a
warning covers the whole plan; any key takes it away and the wait starts again.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Static

from tui.i18n import _, ngettext

WARN_SECONDS = 30  # how long before the lock the warning shows


class IdleClock:
    """How long since the last key, against the time allowed. `now` can be
    replaced (tests move time on by hand)."""

    def __init__(self, seconds: float, now: Callable[[], float] = time.monotonic):
        self.seconds = seconds
        self.now = now
        self.last_key = now()

    @property
    def warn_for(self) -> float:
        return WARN_SECONDS if self.seconds >= 2 * WARN_SECONDS else self.seconds / 2

    def key_pressed(self) -> None:
        self.last_key = self.now()

    def left(self) -> float:
        """Seconds until the lock (0 or less: lock now)."""
        return self.seconds - (self.now() - self.last_key)

    def warning_due(self) -> bool:
        return 0 < self.left() <= self.warn_for


def seconds_words(left: float) -> str:
    seconds = max(1, math.ceil(left))
    return ngettext("{n} second", "{n} seconds", seconds).format(n=seconds)


class IdleWarningScreen(Screen[None]):
    """Covers the plan (a whole screen, not a see-through dialog) until a key is pressed.
    The app takes any key as "still here" and closes this screen (see RecoveryPlanApp)."""

    DEFAULT_CSS = """
    IdleWarningScreen {
        align: center middle;
    }
    IdleWarningScreen #idle-box {
        width: 60;
        max-width: 100%;
        height: auto;
        padding: 1 2;
        border: heavy $warning;
    }
    IdleWarningScreen #idle-title {
        text-style: bold;
        margin-bottom: 1;
    }
    """

    def __init__(self, left: float, has_plan: bool):
        super().__init__()
        self.left = left
        self.has_plan = has_plan

    def compose(self) -> ComposeResult:
        with Vertical(id="idle-box"):
            yield Static(Text(_("Are you still here?")), id="idle-title")
            yield Static(self._countdown(self.left), id="idle-countdown")
            yield Static(Text(_("Press any key to keep going.")), classes="hint")

    def _countdown(self, left: float) -> Text:
        if self.has_plan:
            return Text(_("Your plan locks in {time}, so no one else sees it. "
                          "What you typed is kept.").format(time=seconds_words(left)))
        return Text(_("What you typed here is cleared in {time}, "
                      "so no one else sees it.").format(time=seconds_words(left)))

    def show_left(self, left: float) -> None:
        self.left = left
        self.query_one("#idle-countdown", Static).update(self._countdown(left))
