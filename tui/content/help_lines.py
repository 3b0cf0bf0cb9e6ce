"""Crisis lines and local resources shown on "Get help now" (F9) when the site
config names none. Each has the date someone last checked it: numbers change,
and a stale number in a crisis is worse than none. `recovery-plan check` warns
when an entry was checked more than six months ago.

These defaults are the app's words: `shown()` gives one in the language in
effect. A site's own lines (from its config) are shown in the site's words."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from tui.i18n import N_, _


class HelpLine(NamedTuple):
    name: str
    number: str  # what to dial or text
    what_for: str  # one line, plain words
    checked: date  # when someone last made sure it is right
    kind: str = "line"  # "line" (a crisis line) or "place" (a local resource)


DEFAULT_LINES: tuple[HelpLine, ...] = (
    HelpLine(N_("Emergency"), "911", N_("Call for an overdose or any emergency. Say where you are."),
             date(2026, 11, 26)),
    HelpLine(N_("988 Suicide & Crisis Lifeline"), N_("988 (call or text)"),
             N_("Talk or text with someone any time, day or night, about any crisis. Free."),
             date(2026, 11, 26)),
    HelpLine(N_("Never Use Alone"), "800-484-3731",
             N_("If you are going to use alone, call. They stay on the line and send help "
                "if you stop answering."), date(2026, 11, 26)),
)

STALE_AFTER_DAYS = 183  # about six months


def shown(line: HelpLine) -> HelpLine:
    """A line as it is shown: one of the defaults in the language in effect, a
    site's own line in its own words."""
    if line not in DEFAULT_LINES:
        return line
    return line._replace(name=_(line.name), number=_(line.number), what_for=_(line.what_for))
