"""Reading due dates the way people type them, counted from Thursday 2026-11-26."""

from __future__ import annotations

from datetime import date

import pytest

from tui.store import InputError
from tui.store.dates import parse_due_date

TODAY = date(2026, 11, 26)  # a Thursday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", date(2026, 11, 26)),
        ("Tonight", date(2026, 11, 26)),
        ("tomorrow", date(2026, 11, 27)),
        ("by tomorrow.", date(2026, 11, 27)),
        # Weekday names: the next one to come, never today.
        ("friday", date(2026, 11, 27)),
        ("Fri", date(2026, 11, 27)),
        ("this friday", date(2026, 11, 27)),
        ("thursday", date(2026, 12, 3)),
        ("monday", date(2026, 11, 30)),
        ("on Wednesday", date(2026, 12, 2)),
        # "next" skips the rest of this week when the day is still to come in it.
        ("next friday", date(2026, 12, 4)),
        ("Next Saturday", date(2026, 12, 5)),
        ("next monday", date(2026, 11, 30)),
        ("next thursday", date(2026, 12, 3)),
        ("in 3 days", date(2026, 11, 29)),
        ("in 1 day", date(2026, 11, 27)),
        ("in 2 weeks", date(2026, 12, 10)),
        ("in a week", date(2026, 12, 3)),
        ("in two weeks", date(2026, 12, 10)),
        ("in a couple of days", date(2026, 11, 28)),
        ("next week", date(2026, 12, 3)),
        ("by this time next week", date(2026, 12, 3)),
        ("in 1 month", date(2026, 12, 26)),
        ("2026-12-04", date(2026, 12, 4)),
        ("2027-1-5", date(2027, 1, 5)),
        ("12/4", date(2026, 12, 4)),
        ("12/4/2027", date(2027, 12, 4)),
        ("12/4/27", date(2027, 12, 4)),
        ("Dec 4", date(2026, 12, 4)),
        ("December 4th", date(2026, 12, 4)),
        ("dec. 4, 2027", date(2027, 12, 4)),
        ("4th of December", date(2026, 12, 4)),
        ("4 dec", date(2026, 12, 4)),
        ("11/26", date(2026, 11, 26)),  # today's own date stays this year
    ],
)
def test_parse_due_date(text, expected):
    assert parse_due_date(text, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3/1", date(2027, 3, 1)),
        ("Jan 5", date(2027, 1, 5)),
        ("5th of January", date(2027, 1, 5)),
        ("11/25", date(2027, 11, 25)),  # yesterday's date means next year's
    ],
)
def test_past_month_and_day_without_a_year_rolls_into_next_year(text, expected):
    assert parse_due_date(text, TODAY) == expected


def test_past_date_with_a_year_is_kept():
    assert parse_due_date("2026-03-01", TODAY) == date(2026, 3, 1)
    assert parse_due_date("3/1/2026", TODAY) == date(2026, 3, 1)


def test_end_of_the_month_rollover():
    assert parse_due_date("in 1 month", date(2027, 1, 31)) == date(2027, 2, 28)
    assert parse_due_date("next month", date(2026, 12, 15)) == date(2027, 1, 15)
    assert parse_due_date("tomorrow", date(2026, 12, 31)) == date(2027, 1, 1)


@pytest.mark.parametrize("text", ["2/30", "2027-02-30", "Feb 30", "30th of February", "13/1", "4/31/2027"])
def test_days_not_on_the_calendar_are_refused(text):
    with pytest.raises(InputError, match="doesn't exist on the calendar"):
        parse_due_date(text, TODAY)


@pytest.mark.parametrize("text", ["", "   ", "\n\t", " \r\n "])
def test_blank_means_no_date(text):
    assert parse_due_date(text, TODAY) is None


@pytest.mark.parametrize("text", ["someday", "asap!!", "next blursday", "in many weeks", "12/4/1",
                                  "Smarch 4", "in 99999 days"])
def test_garbage_is_refused_with_an_example(text):
    with pytest.raises(InputError) as raised:
        parse_due_date(text, TODAY)
    message = raised.value.message
    assert "isn't a date I can read" in message
    assert "2026-12-04" in message and "next Friday" in message


def test_garbage_message_shows_control_characters_harmlessly():
    with pytest.raises(InputError) as raised:
        parse_due_date("\x1b[2Jsoon", TODAY)
    assert "\x1b" not in raised.value.message


def test_feb_29_without_a_year_looks_ahead_to_the_next_leap_year():
    assert parse_due_date("2/29", date(2026, 11, 26)) == date(2028, 2, 29)
    assert parse_due_date("feb 29", date(2028, 3, 1)) == date(2032, 2, 29)


def test_four_digit_years_mean_themselves_and_two_digit_years_this_century():
    assert parse_due_date("0099-01-01", date(2026, 11, 26)) == date(99, 1, 1)
    assert parse_due_date("12/4/27", date(2026, 11, 26)) == date(2027, 12, 4)


def test_the_message_never_quotes_what_was_typed():
    with pytest.raises(InputError) as raised:
        parse_due_date("when I see my son Joey", date(2026, 11, 26))
    assert "Joey" not in raised.value.message


@pytest.mark.parametrize("text", ["next week", "by this time next week", "in 3 days", "tomorrow",
                                  "Friday", "next month", "en 3 días", "el viernes que viene"])
def test_words_counted_from_today_are_relative(text):
    from tui.store.dates import is_relative

    assert is_relative(text, date(2026, 12, 11))


@pytest.mark.parametrize("text", ["12/4", "December 4", "4 Dec 2026", "2026-12-04",
                                  "el 4 de diciembre", "", "soon-ish", "by 12/4"])
def test_calendar_dates_blank_and_unreadable_words_are_not_relative(text):
    from tui.store.dates import is_relative

    assert not is_relative(text, date(2026, 12, 11))
