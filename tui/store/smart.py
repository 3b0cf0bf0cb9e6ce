"""The SMART check: which part of an action step is still missing or vague.

It guides and never blocks saving: the messages are suggestions in plain words,
in the language in effect. Amounts and vague words are recognised in English
and in Spanish, whichever the person types.
"""

from __future__ import annotations

import re
from datetime import date

from tui.i18n import N_, _, format_date
from tui.store.dates import parse_due_date
from tui.store.errors import InputError

_NUMBER_WORDS = re.compile(
    r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
    r"forty|fifty|hundred|half|once|twice|a few|a couple|every|each|daily|weekly|"
    # Spanish
    r"una?|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|quince|veinte|treinta|"
    r"cuarenta|cincuenta|cien|media hora|medio día|medio dia|un par|unos cuantos|unas cuantas|"
    r"cada|diario|diaria|diariamente|semanal|semanalmente|todos los días|todos los dias|"
    r"todas las semanas|vez|veces)\b",
    re.IGNORECASE,
)
_VAGUE_DO = {"try", "stuff", "things", "something", "better", "more", "work on it", "do it",
             "intentar", "intentarlo", "tratar", "cosas", "algo", "mejor", "más", "mas",
             "trabajar en eso", "hacerlo", "echarle ganas"}


# Said when a step has all five parts (the full-screen check and plain mode).
ALL_FIVE_PARTS = N_("this step has all five parts. Nice work!\n"
                    "Specific, measurable, achievable, realistic, time-limited.")


def has_amount(text: str) -> bool:
    """True when `text` says how much or how many (a digit or a number word)."""
    return bool(re.search(r"\d", text) or _NUMBER_WORDS.search(text))


def smart_check(*, specific: str, measurable: str, achievable: str, when: str, today: date,
                done: bool = False) -> list[str]:
    """Plain-words hints for the parts still missing or vague; [] when the step is SMART.

    The guide's five parts: Specific, Measurable, Achievable and Realistic (one
    answer: why I can do it, with what I have now), Time-limited. A step already
    done met its date, so a date now past is no hint for it."""
    hints: list[str] = []
    words = specific.strip()
    if not words:
        hints.append(_("Specific: say what you will do, like \"call 3 landlords\"."))
    elif len(words.split()) < 2 or words.casefold() in _VAGUE_DO:
        hints.append(_("Specific: add a few words on exactly what you will do."))
    if not measurable.strip():
        hints.append(_("Measurable: how much or how many? Like \"for 1 hour\" or \"5 places\"."))
    elif not has_amount(measurable):
        hints.append(_("Measurable: add a number, so you will know when it's done."))
    if not achievable.strip():
        hints.append(_("Achievable and realistic: why can you do this, with what you have now? "
                       "What will help you?"))
    if not when.strip():
        hints.append(_("Time-limited: by when? Like \"next Friday\" or \"in 3 days\"."))
    else:
        try:
            due = parse_due_date(when, today)
        except InputError:
            hints.append(_("Time-limited: I can't read that date. Try \"next Friday\" or 12/4."))
        else:
            if due is not None and due < today and not done:
                hints.append(_("Time-limited: {date} has passed. Pick a day still to come.").format(
                    date=format_date(due, "day")))
    return hints
