"""Due dates typed in Spanish, read the same way as the English ones."""

from __future__ import annotations

from datetime import date

import pytest

from tui.store import InputError
from tui.store.dates import parse_due_date

THURSDAY = date(2026, 11, 26)


@pytest.mark.parametrize("text, expected", [
    ("hoy", date(2026, 11, 26)),
    ("mañana", date(2026, 11, 27)),
    ("manana", date(2026, 11, 27)),
    ("pasado mañana", date(2026, 11, 28)),
    ("el viernes", date(2026, 11, 27)),
    ("este viernes", date(2026, 11, 27)),
    ("el próximo viernes", date(2026, 12, 4)),  # like "next Friday" said on a Thursday
    ("el viernes que viene", date(2026, 12, 4)),
    ("para el lunes", date(2026, 11, 30)),
    ("el miércoles", date(2026, 12, 2)),
    ("SÁBADO", date(2026, 11, 28)),
    ("en 3 días", date(2026, 11, 29)),
    ("dentro de dos semanas", date(2026, 12, 10)),
    ("en un mes", date(2026, 12, 26)),
    ("la semana que viene", date(2026, 12, 3)),
    ("la próxima semana", date(2026, 12, 3)),
    ("el mes que viene", date(2026, 12, 26)),
    ("este fin de semana", date(2026, 11, 29)),
    ("4 de diciembre", date(2026, 12, 4)),
    ("el 4 de diciembre de 2027", date(2027, 12, 4)),
    ("2 de enero", date(2027, 1, 2)),  # the next one still to come
])
def test_spanish_phrases(text, expected):
    assert parse_due_date(text, THURSDAY) == expected


def test_numeric_dates_follow_the_persons_language():
    assert parse_due_date("4/12", THURSDAY) == date(2027, 4, 12)
    assert parse_due_date("4/12", THURSDAY, day_first=True) == date(2026, 12, 4)
    assert parse_due_date("2026-12-04", THURSDAY, day_first=True) == date(2026, 12, 4)


@pytest.mark.parametrize("text", ["algún día", "el viernes pasado", "31 de febrero de 2027", "en mil años"])
def test_spanish_words_that_are_not_a_date_are_refused(text):
    with pytest.raises(InputError):
        parse_due_date(text, THURSDAY)



def test_in_spanish_a_numeric_date_is_read_day_first():
    from tui import i18n

    i18n.set_language("es")

    assert parse_due_date("4/12", THURSDAY) == date(2026, 12, 4)
    assert parse_due_date("4/12", THURSDAY, day_first=False) == date(2027, 4, 12)
