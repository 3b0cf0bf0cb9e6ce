"""The one-page check-in summary, as text and PDF (no screen needed)."""

from __future__ import annotations

from datetime import date

from pypdf import PdfReader

from tui.output.checkin_page import MORE, CheckInSummary, export_summary, summary_text
from tui.output.fonts import find_font
from tui.store import CheckIn, Goal, Step, StepOutcome


def step(number: int, words: str, due: date | None = None, bring: str = "") -> Step:
    return Step(id=number, goal_id=1, position=number, specific=words, measurable="", achievable="",
                when_text="", due_date=due, bring=bring, done=False, done_on=None)


GOAL = Goal(id=1, text="Find a place to live", term="short", importance=1, timeline=1, status="active",
            target_date=None, done_on=None)


def summary(outcomes: int, note: str) -> CheckInSummary:
    check_in = CheckIn(7, date(2026, 12, 3), tuple(
        StepOutcome(n, GOAL.text, f"Step number {n}", "not_yet", note, date(2026, 12, 10))
        for n in range(outcomes)))
    return CheckInSummary(check_in, None, (), ((GOAL, step(1, "Call 3 places", date(2026, 12, 4),
                                                            "My notes")),))


def test_the_text_says_how_each_step_went_and_what_comes_next():
    text = summary_text(summary(1, "My phone was cut off \x1b[2J"))
    assert text.splitlines()[:2] == ["MY CHECK-IN, THURSDAY, DECEMBER 3, 2026", "=" * 39]
    assert "  Not yet. Due Thursday, December 10, 2026." in text
    assert "What got in the way: My phone was cut off ␛[2J" in text  # harmless
    assert "- Call 3 places (by Fri 12/4)\n  Goal: Find a place to live\n  I will bring: My notes" in text


def test_a_long_check_in_still_prints_on_one_page_and_says_the_rest_is_in_the_plan(tmp_path):
    path = tmp_path / "long.pdf"
    export_summary(summary(40, "A long note about what got in the way. " * 8), "pdf", path, find_font())
    pages = PdfReader(path).pages
    assert len(pages) == 1
    assert MORE in " ".join(pages[0].extract_text().split())


def test_a_short_check_in_is_whole_on_its_page(tmp_path):
    path = tmp_path / "short.pdf"
    export_summary(summary(2, "Rain"), "pdf", path)  # the built-in font too
    text = " ".join(PdfReader(path).pages[0].extract_text().split())
    assert "Step number 1" in text and "I will bring: My notes" in text and MORE not in text
