"""Dates as the plan's screens show them: short, in numbers, in the order of
the language in effect; a step's due date says LATE in words."""

from __future__ import annotations

from datetime import date, timedelta

from rich.text import Text

from tui.i18n import _, format_date

# A day late in December: its labels are as wide as any (two-digit month and day).
WIDE_DAY = date(2026, 12, 28)


def numeric_date(day: date, with_year: bool = False) -> str:
    """A short date in numbers, in the order of the language in effect:
    "11/26" or "12/3/26" in English, "26/11" or "3/12/26" in Spanish."""
    if with_year:
        return _("{month}/{day}/{year}").format(month=day.month, day=day.day,
                                                year=f"{day.year % 100:02d}")
    return _("{month}/{day}").format(month=day.month, day=day.day)


def due_label(due: date | None, today: date) -> Text:
    """A step's due date, short; overdue says LATE in words, not only in colour."""
    if due is None:
        return Text("")
    if due < today:
        return Text(_("LATE {date}").format(date=numeric_date(due)), style="bold red")
    if due <= today + timedelta(days=6):
        return Text(format_date(due, "numeric"), style="bold")
    return Text(numeric_date(due, with_year=True))


def due_width(at_least: int) -> int:
    """A column wide enough for any due label in the language in effect."""
    labels = (due_label(WIDE_DAY, WIDE_DAY + timedelta(days=1)),
              due_label(WIDE_DAY, WIDE_DAY), due_label(WIDE_DAY, WIDE_DAY - timedelta(days=7)))
    return max(at_least, *(label.cell_len for label in labels))
