"""Reading a due date the way people say it: "2026-12-04", "12/4", "next Friday",
"in 3 days", "by this time next week", and in Spanish "el próximo viernes",
"en 3 días", "la semana que viene", "4 de diciembre". Both languages are read
always (a person may type either); only "4/12" depends on the person's
language: month first in English, day first in Spanish.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta

from tui.i18n import N_, _, language
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

# Spanish, written without accents: typed text has its accents taken off first.
_SPANISH_WEEKDAYS = ["lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo"]
_SPANISH_MONTHS = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
                   "septiembre", "octubre", "noviembre", "diciembre"]
_WEEKDAY_ALIASES.update({name: i for i, name in enumerate(_SPANISH_WEEKDAYS)})
_MONTH_ALIASES.update({name: i + 1 for i, name in enumerate(_SPANISH_MONTHS)})
_MONTH_ALIASES.update({name[:3]: i + 1 for i, name in enumerate(_SPANISH_MONTHS)
                       if name[:3] not in _MONTH_ALIASES})
_MONTH_ALIASES["setiembre"] = 9
_NUMBER_WORDS.update({"un": 1, "una": 1, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5,
                      "seis": 6, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "un par de": 2,
                      "quince": 15})
_UNIT_DAYS.update({"dia": 1, "dias": 1, "semana": 7, "semanas": 7})
_SPANISH_PHRASES = {
    "hoy": 0, "esta noche": 0, "ahora": 0, "hoy mismo": 0,
    "manana": 1, "pasado manana": 2,
    "la semana que viene": 7, "semana que viene": 7, "la proxima semana": 7,
    "proxima semana": 7, "la semana proxima": 7, "de hoy en ocho": 7,
    "dentro de una semana": 7, "en una semana": 7,
}
_SPANISH_END_OF_WEEK = ("fin de semana", "este fin de semana", "el fin de semana",
                        "fin de la semana", "el fin de la semana", "final de la semana")
_SPANISH_NEXT_MONTH = ("el mes que viene", "mes que viene", "el proximo mes", "proximo mes",
                       "el mes proximo")

DATE_HELP = N_('Try a date like 2026-12-04 or 12/4, or words like "next Friday" or "in 3 days".')


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
            raise InputError(_("That date doesn't exist on the calendar. {hint}").format(
                hint=_(DATE_HELP))) from None
    for ahead in range(9):  # Feb 29 comes back within 8 years
        try:
            result = date(today.year + ahead, month, day)
        except ValueError:
            continue
        if result >= today:
            return result
    raise InputError(_("That date doesn't exist on the calendar. {hint}").format(
        hint=_(DATE_HELP)))


def _year(text: str | None) -> int | None:
    """A typed year: "27" means 2027; four digits mean themselves."""
    if text is None:
        return None
    return int(text) + 2000 if len(text) == 2 else int(text)


def _without_accents(text: str) -> str:
    """"próximo" as "proximo", "mañana" as "manana"."""
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))


def _spanish(phrase: str, today: date) -> tuple[date, bool] | None:
    """The date a Spanish phrase means and whether it is counted from today (see
    `_read`), or None when it is not one of them."""
    phrase = re.sub(r"^(para|antes del?|el dia|hasta el|hasta)\s+", "", phrase)
    if phrase in _SPANISH_PHRASES:
        return today + timedelta(days=_SPANISH_PHRASES[phrase]), True
    if phrase in _SPANISH_END_OF_WEEK:
        return today + timedelta(days=6 - today.weekday()), True
    if phrase in _SPANISH_NEXT_MONTH:
        return _add_months(today, 1), True
    # el viernes, este viernes, el proximo viernes, el viernes que viene
    match = re.fullmatch(r"(?:el |este |esta )?(proximo |proxima )?([a-z]+)( que viene| proximo)?", phrase)
    if match and match.group(2) in _SPANISH_WEEKDAYS:
        return _next_weekday(today, _SPANISH_WEEKDAYS.index(match.group(2)),
                             skip_this_week=bool(match.group(1) or match.group(3))), True
    # en 3 dias, dentro de dos semanas, en un mes
    match = re.fullmatch(r"(?:en|dentro de) (\d+|[a-z ]+?) (dias?|semanas?|mes|meses)", phrase)
    if match:
        amount_text, unit = match.groups()
        amount = int(amount_text) if amount_text.isdigit() else _NUMBER_WORDS.get(amount_text)
        if amount is not None and amount <= 3660:
            if unit.startswith("mes"):
                return _add_months(today, amount), True
            return today + timedelta(days=amount * _UNIT_DAYS[unit]), True
    # 4 de diciembre, el 4 de diciembre de 2026
    match = re.fullmatch(r"(?:el )?(\d{1,2}) de ([a-z]+)(?: de(?:l)? (\d{4}))?", phrase)
    if match and match.group(2) in _MONTH_ALIASES:
        return _calendar_date(_year(match.group(3)), _MONTH_ALIASES[match.group(2)],
                              int(match.group(1)), today), False
    return None


def parse_due_date(text: str, today: date, *, day_first: bool | None = None) -> date | None:
    """The date `text` means, counted from `today`; None when `text` is blank.
    `day_first`: "4/12" is the 4th of December (Spanish), not April 12; by
    default, day first when the language in effect is Spanish.

    Raises InputError with a hint when the words can't be read as a date.
    """
    return _read(text, today, day_first)[0]


def is_relative(text: str, today: date) -> bool:
    """Whether "by when" words are counted from the day they are read ("next
    week", "in 3 days", "friday"), so a step set again later reads them again;
    False for a calendar date ("12/4", "December 4", "2026-12-04"), for blank
    words and for words that can't be read as a date."""
    try:
        return _read(text, today, None)[1]
    except InputError:
        return False


def _read(text: str, today: date, day_first: bool | None) -> tuple[date | None, bool]:
    """The date `text` means, and whether it is counted from `today` (True) or
    names a day on the calendar (False)."""
    if day_first is None:
        day_first = language() == "es"
    phrase = " ".join(_without_accents(text.casefold()).replace(",", " ").split())
    phrase = re.sub(r"^(by|on|due|before)\s+", "", phrase).rstrip(".!")
    if not phrase:
        return None, False
    spanish = _spanish(phrase, today)
    if spanish is not None:
        return spanish

    if phrase in ("today", "tonight", "now"):
        return today, True
    if phrase == "tomorrow":
        return today + timedelta(days=1), True
    if phrase in ("this time next week", "next week", "a week from today", "one week from today"):
        return today + timedelta(days=7), True
    if phrase in ("next month", "this time next month"):
        return _add_months(today, 1), True
    if phrase in ("end of the week", "the end of the week", "end of this week", "this weekend"):
        return today + timedelta(days=6 - today.weekday()), True

    match = re.fullmatch(r"(this |next |coming |this coming )?([a-z]+)", phrase)
    if match and match.group(2) in _WEEKDAY_ALIASES:
        return _next_weekday(today, _WEEKDAY_ALIASES[match.group(2)],
                             skip_this_week=(match.group(1) or "").strip() == "next"), True

    match = re.fullmatch(r"in (\d+|[a-z ]+?) (days?|weeks?|months?)", phrase)
    if match:
        amount_text, unit = match.groups()
        amount = int(amount_text) if amount_text.isdigit() else _NUMBER_WORDS.get(amount_text)
        if amount is not None and amount <= 3660:
            if unit.startswith("month"):
                return _add_months(today, amount), True
            return today + timedelta(days=amount * _UNIT_DAYS[unit]), True

    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", phrase)
    if match:
        year, month, day = map(int, match.groups())
        return _calendar_date(year, month, day, today), False

    match = re.fullmatch(r"(\d{1,2})/(\d{1,2})(?:/(\d{2}|\d{4}))?", phrase)
    if match:
        month, day = int(match.group(1)), int(match.group(2))
        if day_first:
            month, day = day, month
        return _calendar_date(_year(match.group(3)), month, day, today), False

    match = re.fullmatch(r"([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?(?: (\d{4}))?", phrase) or \
        re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)? (?:of )?([a-z]+)\.?(?: (\d{4}))?", phrase)
    if match:
        first, second, year_text = match.groups()
        month_name, day_text = (first, second) if not first.isdigit() else (second, first)
        if month_name in _MONTH_ALIASES:
            return _calendar_date(_year(year_text), _MONTH_ALIASES[month_name], int(day_text),
                                  today), False

    raise InputError(_("That isn't a date I can read. {hint}").format(hint=_(DATE_HELP)))
