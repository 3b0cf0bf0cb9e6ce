"""Reading a due date the way people say it: "2026-12-04", "12/4", "next Friday",
"in 3 days", "by this time next week". English here; other languages add tables.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from tui.store.errors import InputError

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WEEKDAY_ALIASES = {
    **{name: i for i, name in enumerate(WEEKDAYS)},
    **{name[:3]: i for i, name in enumerate(WEEKDAYS)},
    "tues": 1, "weds": 2, "thur": 3, "thurs": 3,
}
MONTHS = ["january", "february", "march", "april", "may", "june", "july",
          "august", "september", "october", "november", "december"]
_MONTH_ALIASES = {
    **{name: i + 1 for i, name in enumerate(MONTHS)},
    **{name[:3]: i + 1 for i, name in enumerate(MONTHS)},
    "sept": 9,
}
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
                 "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "a couple of": 2,
                 "a couple": 2, "couple of": 2}
_UNIT_DAYS = {"day": 1, "days": 1, "week": 7, "weeks": 7}

DATE_HELP = 'Try a date like 2026-12-04 or 12/4, or words like "next Friday" or "in 3 days".'


def _next_weekday(today: date, weekday: int, *, skip_this_week: bool) -> date:
    ahead = (weekday - today.weekday()) % 7
    if ahead == 0:
        ahead = 7
    if skip_this_week and ahead < 7 and today.weekday() < weekday:
        # "next Friday" said on a Monday means the Friday after this one.
        ahead += 7
    return today + timedelta(days=ahead)


def _add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _calendar_date(year: int | None, month: int, day: int, today: date) -> date:
    """The date with this month and day; with no year, the next one still to come
    (so "12/4" said in late December, or "2/29" in a common year, looks ahead)."""
    if year is not None:
        try:
            return date(year, month, day)
        except ValueError:
            raise InputError(f"That date doesn't exist on the calendar. {DATE_HELP}") from None
    for ahead in range(9):  # Feb 29 comes back within 8 years
        try:
            result = date(today.year + ahead, month, day)
        except ValueError:
            continue
        if result >= today:
            return result
    raise InputError(f"That date doesn't exist on the calendar. {DATE_HELP}")


def _year(text: str | None) -> int | None:
    """A typed year: "27" means 2027; four digits mean themselves."""
    if text is None:
        return None
    return int(text) + 2000 if len(text) == 2 else int(text)


def parse_due_date(text: str, today: date) -> date | None:
    """The date `text` means, counted from `today`; None when `text` is blank.

    Raises InputError with a hint when the words can't be read as a date.
    """
    phrase = " ".join(text.casefold().replace(",", " ").split())
    phrase = re.sub(r"^(by|on|due|before)\s+", "", phrase).rstrip(".!")
    if not phrase:
        return None

    if phrase in ("today", "tonight", "now"):
        return today
    if phrase == "tomorrow":
        return today + timedelta(days=1)
    if phrase in ("this time next week", "next week", "a week from today", "one week from today"):
        return today + timedelta(days=7)
    if phrase in ("next month", "this time next month"):
        return _add_months(today, 1)
    if phrase in ("end of the week", "the end of the week", "end of this week", "this weekend"):
        return today + timedelta(days=6 - today.weekday())

    match = re.fullmatch(r"(this |next |coming |this coming )?([a-z]+)", phrase)
    if match and match.group(2) in _WEEKDAY_ALIASES:
        return _next_weekday(today, _WEEKDAY_ALIASES[match.group(2)],
                             skip_this_week=(match.group(1) or "").strip() == "next")

    match = re.fullmatch(r"in (\d+|[a-z ]+?) (days?|weeks?|months?)", phrase)
    if match:
        amount_text, unit = match.groups()
        amount = int(amount_text) if amount_text.isdigit() else _NUMBER_WORDS.get(amount_text)
        if amount is not None and amount <= 3660:
            if unit.startswith("month"):
                return _add_months(today, amount)
            return today + timedelta(days=amount * _UNIT_DAYS[unit])

    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", phrase)
    if match:
        year, month, day = map(int, match.groups())
        return _calendar_date(year, month, day, today)

    match = re.fullmatch(r"(\d{1,2})/(\d{1,2})(?:/(\d{2}|\d{4}))?", phrase)
    if match:
        month, day = int(match.group(1)), int(match.group(2))
        return _calendar_date(_year(match.group(3)), month, day, today)

    match = re.fullmatch(r"([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?(?: (\d{4}))?", phrase) or \
        re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)? (?:of )?([a-z]+)\.?(?: (\d{4}))?", phrase)
    if match:
        first, second, year_text = match.groups()
        month_name, day_text = (first, second) if not first.isdigit() else (second, first)
        if month_name in _MONTH_ALIASES:
            return _calendar_date(_year(year_text), _MONTH_ALIASES[month_name], int(day_text), today)

    raise InputError(f"That isn't a date I can read. {DATE_HELP}")
