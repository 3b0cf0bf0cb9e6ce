"""Every kind of file the app makes, in one table: what it is (the pocket card,
a check-in summary, the whole plan), the format's name (as typed after
`--format`), its file name's ending, its media type (for a browser download),
and how it is made: a text file from a function that returns its words, a PDF
from a function that draws it at a path.

The command line's options, the save dialogs, printing and browser downloads
all read this table. Every file is saved through `save`: private to its owner
(mode 0600) and whole or not at all (tui.output.files).

Nothing slow is imported here (the command line builds its options from the
table): each format's maker imports what it needs when a file is made.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tui.i18n import _

CARD, SUMMARY, PLAN = "card", "summary", "plan"


class Format:
    """One row of the table. (A plain class: dataclasses would cost the command
    line's start-up more than all of this module.)"""

    __slots__ = ("document", "name", "extension", "media_type", "text", "draw")

    def __init__(self, document: str, name: str, extension: str, media_type: str, *,
                 text: Callable[[object], str] | None = None,
                 draw: Callable[[object, Path, Path | None], None] | None = None):
        self.document = document  # CARD (a PocketCard), SUMMARY (a CheckInSummary), PLAN (an export)
        self.name = name  # as typed after --format
        self.extension = extension  # the file name's ending
        self.media_type = media_type  # for a browser download
        self.text = text  # a text file (UTF-8): its words; it may go to standard output
        self.draw = draw  # a PDF: drawn at the path, in the font (tui.output.fonts)


def _card_text(card) -> str:
    from tui.output.cards import pocket_card_text

    return pocket_card_text(card.snapshot)


def _card_markdown(card) -> str:
    from tui.output.cards import pocket_card_markdown

    return pocket_card_markdown(card.snapshot)


def _card_pdf(card, path: Path, font: Path | None) -> None:
    from tui.output.card_pdf import write_pocket_card

    write_pocket_card(card.snapshot, list(card.help_lines), path, font)


def _summary_text(summary) -> str:
    from tui.output.checkin_page import summary_text

    return summary_text(summary)


def _summary_pdf(summary, path: Path, font: Path | None) -> None:
    from tui.output.checkin_page import write_summary_pdf

    write_summary_pdf(summary, path, font)


def _plan_json(document: dict) -> str:
    from tui.store.transfer import dumps

    return dumps(document)


FORMATS = (
    Format(CARD, "txt", ".txt", "text/plain", text=_card_text),
    Format(CARD, "md", ".md", "text/markdown", text=_card_markdown),
    Format(CARD, "pdf", ".pdf", "application/pdf", draw=_card_pdf),
    Format(SUMMARY, "txt", ".txt", "text/plain", text=_summary_text),
    Format(SUMMARY, "pdf", ".pdf", "application/pdf", draw=_summary_pdf),
    Format(PLAN, "json", ".json", "application/json", text=_plan_json),
)


def names(document: str) -> tuple[str, ...]:
    """The formats a document can be saved in, in the table's order."""
    return tuple(f.name for f in FORMATS if f.document == document)


def _refusal(document: str, name: str) -> str:
    """What to say when a document is asked for in a format it has not."""
    known = names(document)
    if document == SUMMARY:
        return _("The check-in summary can be saved as {first} or {second}, not {fmt}.").format(
            first=known[0], second=known[1], fmt=name)
    return _("The card can be saved as {formats}, not {format}.").format(
        formats=", ".join(known), format=name)


def find(document: str, name: str) -> Format:
    """The format `name` of a document; ExportError (it says which there are) if it has none."""
    from tui.output.files import ExportError

    for candidate in FORMATS:
        if candidate.document == document and candidate.name == name:
            return candidate
    raise ExportError(_refusal(document, name))


def for_file_name(document: str, file_name: str | Path) -> Format | None:
    """The format a file name's ending picks (any case: CARD.PDF too), or None."""
    ending = Path(file_name).suffix.lower()
    return next((f for f in FORMATS if f.document == document and f.extension == ending), None)


def media_type(file_name: str | Path) -> str:
    """The media type a browser is told for a file, by its name's ending."""
    ending = Path(file_name).suffix.lower()
    return next((f.media_type for f in FORMATS if f.extension == ending), "application/octet-stream")


def make(fmt: Format, value, target: Path, font: Path | None = None) -> None:
    """Write `value` (the format's document) as a file at `target`, as it is (see `save`)."""
    if fmt.draw is not None:
        fmt.draw(value, target, font)
    else:
        target.write_text(fmt.text(value), encoding="utf-8")


def save(document: str, name: str, value, path: Path, font: Path | None = None) -> None:
    """Save `value` in format `name` at `path`: mode 0600, whole or not at all.
    ExportError says what went wrong and what to do."""
    from tui.output.files import write_privately

    fmt = find(document, name)
    write_privately(path, lambda target: make(fmt, value, target, font))


def export_card(snapshot, fmt: str, path: Path, help_lines, font: Path | None = None) -> None:
    """Save the pocket card (a PlanSnapshot, and the crisis lines for its back) as txt, md or pdf."""
    from tui.output.cards import PocketCard

    save(CARD, fmt, PocketCard(snapshot, tuple(help_lines)), path, font)
