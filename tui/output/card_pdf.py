"""The pocket card as a PDF: wallet size (85.6 x 54 mm, like a bank card),
page 1 the front (the pocket overdose plan), page 2 the back (people to call
and crisis lines). Text shrinks to fit down to a size still readable on a card;
what still does not fit is cut with "..." and the card says where the rest is.

The card is in the language in effect, in the font tui.output.fonts finds.
"""

from __future__ import annotations

from pathlib import Path

from tui.content.help_lines import HelpLine, shown
from tui.content.plan_parts import OVERDOSE_PARTS, SECTION_TITLES
from tui.i18n import N_, _
from tui.output.cards import PlanSnapshot, card_contacts, contact_line
from tui.output.fonts import new_pdf, pdf_text
from tui.store.text import one_line

CARD_SIZE_MM = (85.6, 54.0)
MARGIN_MM = 3.0
FONT_SIZES = (7.0, 6.5, 6.0, 5.5)  # points; 5.5 pt is the smallest still readable
MORE = N_("The rest is in your full plan.")


class _Card:
    def __init__(self, font: Path | None):
        self.font = font
        self.pdf, self.family = new_pdf(CARD_SIZE_MM, MARGIN_MM, _("Pocket overdose plan"), font,
                                        family="card")

    def text(self, value: str) -> str:
        return pdf_text(value, self.font)

    def _height(self, blocks: list[tuple[str, str]], size: float) -> float:
        line = size * 0.3528 * 1.25  # points to mm, with line spacing
        width = CARD_SIZE_MM[0] - 2 * MARGIN_MM
        total = 0.0
        for style, words in blocks:
            self.pdf.set_font(self.family, style, size)
            lines = self.pdf.multi_cell(width, line, words, align="L", dry_run=True, output="LINES")
            total += len(lines) * line
        return total

    def page(self, title: str, blocks: list[tuple[str, str]]) -> None:
        """One side of the card: a title, then (style, text) blocks, shrunk or cut to fit."""
        self.pdf.add_page()
        room = CARD_SIZE_MM[1] - 2 * MARGIN_MM - 4.5
        blocks = [(style, self.text(words)) for style, words in blocks]
        more = self.text(_(MORE))
        size = next((s for s in FONT_SIZES if self._height(blocks, s) <= room), FONT_SIZES[-1])
        while self._height(blocks, size) > room and len(blocks) > 1:
            # Cut the longest block until the side fits, and say so.
            longest = max(range(len(blocks)), key=lambda i: len(blocks[i][1]))
            style, words = blocks[longest]
            blocks[longest] = (style, words[: max(10, int(len(words) * 0.8))].rstrip() + "...")
            if blocks[-1][1] != more:
                blocks.append(("B", more))
        self.pdf.set_font(self.family, "B", 8.5)
        self.pdf.cell(0, 4.5, self.text(title), new_x="LMARGIN", new_y="NEXT")
        line = size * 0.3528 * 1.25
        for style, words in blocks:
            self.pdf.set_font(self.family, style, size)
            self.pdf.multi_cell(0, line, words, align="L", new_x="LMARGIN", new_y="NEXT")

    def save(self, path: Path) -> None:
        self.pdf.output(str(path))


def write_pocket_card(snapshot: PlanSnapshot, help_lines: list[HelpLine], path: Path,
                      font: Path | None = None) -> None:
    card = _Card(font)
    front: list[tuple[str, str]] = []
    for part in OVERDOSE_PARTS:
        value = snapshot.sections["overdose"].get(part.field, "").strip()
        front.append(("B", _(part.title) + ":"))
        front.append(("", value or "-"))
    card.page(_(SECTION_TITLES["overdose"]), front)

    back: list[tuple[str, str]] = []
    people = card_contacts(snapshot)
    if people:
        back.append(("B", _("People to call") + ":"))
        back += [("", contact_line(c)) for c in people]
    lines = [shown(line) for line in help_lines if line.kind == "line"]
    if lines:
        back.append(("B", _("Crisis lines") + ":"))
        back += [("", f"{one_line(line.number)}  {one_line(line.name)}") for line in lines]
    card.page(_("Call for help"), back or [("", "-")])
    card.save(path)
