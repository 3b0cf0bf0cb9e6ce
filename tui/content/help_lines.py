"""Crisis lines and local resources shown on "Get help now" (F9) when the site
config names none. Each has the date someone last checked it: numbers change,
and a stale number in a crisis is worse than none. `recovery-plan check` warns
when an entry was checked more than six months ago."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple


class HelpLine(NamedTuple):
    name: str
    number: str  # what to dial or text
    what_for: str  # one line, plain words
    checked: date  # when someone last made sure it is right
    kind: str = "line"  # "line" (a crisis line) or "place" (a local resource)


DEFAULT_LINES: tuple[HelpLine, ...] = (
    HelpLine("Emergency", "911", "Call for an overdose or any emergency. Say where you are.",
             date(2026, 11, 26)),
    HelpLine("988 Suicide & Crisis Lifeline", "988 (call or text)",
             "Talk or text with someone any time, day or night, about any crisis. Free.",
             date(2026, 11, 26)),
    HelpLine("Never Use Alone", "800-484-3731",
             "If you are going to use alone, call. They stay on the line and send help "
             "if you stop answering.", date(2026, 11, 26)),
)

STALE_AFTER_DAYS = 183  # about six months
