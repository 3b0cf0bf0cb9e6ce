"""A one-page check-in summary to bring to a meeting: how each step went,
what was done since the check-in before, and the next steps with what to
bring. Plain text or a one-page PDF (Letter); saved and printed as every file
is (tui.output.formats). No UI toolkit here.

Every word a person wrote passes through `displayable()`. The page is in the
language in effect when it is made (its words through `_()`, dates through
`format_date`).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tui.i18n import N_, _, format_date
from tui.output.fonts import new_pdf, pdf_text
from tui.store import CheckIn, Goal, Plan, Step
from tui.store.text import displayable, one_line

NO_WORDS = N_("(a step with no words yet)")
OUTCOME_WORDS = {"done": N_("Done."), "not_yet": N_("Not yet."), "changed": N_("Changed.")}


def day(value: date) -> str:
    """Thursday, November 26, 2026 | jueves, 26 de noviembre de 2026"""
    return format_date(value, "long")


def short_day(value: date) -> str:
    """Thu 11/26 | jue 26/11"""
    return format_date(value, "numeric")


@dataclass(frozen=True)
class CheckInSummary:
    """What the page shows, read once from the store."""

    check_in: CheckIn
    before: CheckIn | None  # the check-in before this one
    done_since: tuple[tuple[Goal, Step], ...]  # since the one before, this one's included
    next_steps: tuple[tuple[Goal, Step], ...]  # each open goal's next step, soonest first

    @classmethod
    def read(cls, plan: Plan, check_in_id: int | None = None) -> CheckInSummary | None:
        """The summary of a check-in (the latest when None); None when there is none."""
        history = plan.check_ins()
        index = 0 if check_in_id is None else next(
            (i for i, c in enumerate(history) if c.id == check_in_id), None)
        if not history or index is None:
            return None
        check_in = history[index]
        before = history[index + 1] if index + 1 < len(history) else None
        done_since = tuple(plan.steps_done_since(before)) if before else ()
        goals = [g for g in plan.goals() if not g.done and g.next_step is not None]
        steps = sorted(((g, g.next_step) for g in goals),
                       key=lambda pair: (pair[1].due_date or date.max, pair[0].term != "short",
                                         pair[0].importance))
        return cls(check_in, before, done_since, tuple(steps))


def blocks(summary: CheckInSummary) -> list[tuple[str, str]]:
    """The page as (kind, text) blocks: "title", "heading", "item" or "detail"."""
    check_in = summary.check_in
    no_words = _(NO_WORDS)
    out: list[tuple[str, str]] = [
        ("title", _("My check-in, {date}").format(date=day(check_in.held_on)))]
    out.append(("heading", _("How my steps went")))
    if not check_in.outcomes:
        out.append(("item", _("No steps were checked.")))
    for outcome in check_in.outcomes:
        out.append(("item", one_line(outcome.step_text) or no_words))
        out.append(("detail", _("Goal: {goal}").format(goal=one_line(outcome.goal_text))))
        result = _(OUTCOME_WORDS[outcome.outcome])
        if outcome.outcome != "done" and outcome.due_date:
            result += " " + _("Due {date}.").format(date=day(outcome.due_date))
        out.append(("detail", result))
        if outcome.note.strip():
            # The note answers the question the check-in asked for this outcome.
            said = (_("To remember: {note}") if outcome.outcome == "done"
                    else _("What got in the way: {note}"))
            out.append(("detail", said.format(note=one_line(outcome.note))))
    if summary.before is not None:
        out.append(("heading", _("Done since my check-in on {date}").format(
            date=day(summary.before.held_on))))
        if not summary.done_since:
            out.append(("item", _("Nothing marked done in between.")))
        for _goal, step in summary.done_since:
            words = one_line(step.specific) or no_words
            out.append(("item", f"{words} ({short_day(step.done_on)})" if step.done_on else words))
    out.append(("heading", _("My next steps")))
    if not summary.next_steps:
        out.append(("item", _("No next steps yet.")))
    for goal, step in summary.next_steps:
        words = one_line(step.specific) or no_words
        out.append(("item", _("{step} (by {date})").format(step=words, date=short_day(step.due_date))
                    if step.due_date else words))
        out.append(("detail", _("Goal: {goal}").format(goal=one_line(goal.text))))
        if step.bring.strip():
            out.append(("detail", _("I will bring: {things}").format(things=one_line(step.bring))))
    return out


def summary_text(summary: CheckInSummary, width: int = 72) -> str:
    width = max(width, 30)
    lines: list[str] = []
    for kind, words in blocks(summary):
        words = displayable(words)
        if kind == "title":
            lines += [words.upper(), "=" * min(width, len(words))]
        elif kind == "heading":
            lines += ["", words.upper(), "-" * min(width, len(words))]
        elif kind == "item":
            lines += textwrap.wrap(words, width, initial_indent="- ", subsequent_indent="  ") or ["-"]
        else:
            lines += textwrap.wrap(words, width, initial_indent="  ", subsequent_indent="    ")
    return "\n".join(lines) + "\n"


PAGE = "Letter"
PAGE_MM = (215.9, 279.4)
MARGIN_MM = 18.0
SIZES = (11.0, 10.0, 9.0, 8.0)  # points; the largest that fits one page
MORE = N_("The rest is in your plan.")


def write_summary_pdf(summary: CheckInSummary, path: Path, font: Path | None = None) -> None:
    """One page; the text shrinks to fit, and what still does not fit is left
    off with a line that says so."""
    pdf, family = new_pdf(PAGE, MARGIN_MM, _("My check-in"), font, family="page")

    def text(value: str) -> str:
        return pdf_text(value, font)

    styles = {"title": ("B", 1.4), "heading": ("B", 1.1), "item": ("", 1.0), "detail": ("", 0.95)}
    indents = {"title": 0.0, "heading": 0.0, "item": 0.0, "detail": 6.0}
    width = PAGE_MM[0] - 2 * MARGIN_MM
    room = PAGE_MM[1] - 2 * MARGIN_MM
    content = [(kind, text(("- " if kind == "item" else "") + words)) for kind, words in blocks(summary)]
    more = text(_(MORE))

    def height(items, size: float) -> float:
        total = 0.0
        for kind, words in items:
            style, scale = styles[kind]
            pdf.set_font(family, style, size * scale)
            line = size * scale * 0.3528 * 1.35
            lines = pdf.multi_cell(width - indents[kind], line, words, dry_run=True, output="LINES")
            total += len(lines) * line + (line * 0.6 if kind == "heading" else 0)
        return total

    pdf.add_page()
    size = next((s for s in SIZES if height(content, s) <= room), SIZES[-1])
    while height(content, size) > room and len(content) > 2:
        if content[-1][1] == more:
            content.pop(-2)  # leave off the last block before the note
        else:
            content[-1] = ("heading", more)
    for kind, words in content:
        style, scale = styles[kind]
        line = size * scale * 0.3528 * 1.35
        if kind == "heading":
            pdf.ln(line * 0.6)
        pdf.set_font(family, style, size * scale)
        pdf.set_x(MARGIN_MM + indents[kind])
        pdf.multi_cell(width - indents[kind], line, words, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))


def export_summary(summary: CheckInSummary, fmt: str, path: Path, font: Path | None = None) -> None:
    """Write the summary to `path` (mode 0600, whole or not at all)."""
    from tui.output.formats import SUMMARY, save

    save(SUMMARY, fmt, summary, path, font=font)
