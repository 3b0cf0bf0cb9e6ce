"""The SMART check: which part of an action step is still missing or vague.

It guides and never blocks saving: the messages are suggestions in plain words.
"""

from __future__ import annotations

import re
from datetime import date

from tui.store.dates import parse_due_date
from tui.store.errors import InputError

_NUMBER_WORDS = re.compile(
    r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
    r"forty|fifty|hundred|half|once|twice|a few|a couple|every|each|daily|weekly)\b",
    re.IGNORECASE,
)
_VAGUE_DO = {"try", "stuff", "things", "something", "better", "more", "work on it", "do it"}


def has_amount(text: str) -> bool:
    """True when `text` says how much or how many (a digit or a number word)."""
    return bool(re.search(r"\d", text) or _NUMBER_WORDS.search(text))


def smart_check(*, specific: str, measurable: str, achievable: str, when: str, today: date) -> list[str]:
    """Plain-words hints for the parts still missing or vague; [] when the step is SMART."""
    hints: list[str] = []
    words = specific.strip()
    if not words:
        hints.append("Specific: say what you will do, like \"call 3 landlords\".")
    elif len(words.split()) < 2 or words.casefold() in _VAGUE_DO:
        hints.append("Specific: add a few words on exactly what you will do.")
    if not measurable.strip():
        hints.append("Measurable: how much or how many? Like \"for 1 hour\" or \"5 places\".")
    elif not has_amount(measurable):
        hints.append("Measurable: add a number, so you will know when it's done.")
    if not achievable.strip():
        hints.append("Achievable: why can you do this? What will help you?")
    if not when.strip():
        hints.append("Time-limited: by when? Like \"next Friday\" or \"in 3 days\".")
    else:
        try:
            due = parse_due_date(when, today)
        except InputError:
            hints.append("Time-limited: I can't read that date. Try \"next Friday\" or 12/4.")
        else:
            if due is not None and due < today:
                hints.append(f"Time-limited: {due:%b %-d} has passed. Pick a day still to come.")
    return hints
