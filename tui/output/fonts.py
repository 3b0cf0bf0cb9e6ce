"""The font of the PDFs (the pocket card, the check-in page), and a new PDF set
up with it.

A Unicode TrueType font: the site's choice (`[card] font`), else DejaVu Sans.
DejaVu Sans has every letter Spanish needs (á é í ó ú ü ñ ¿ ¡); so does the
built-in Helvetica used when no font is found, whose Latin-1 covers them (any
other character is printed as "?").
"""

from __future__ import annotations

from pathlib import Path

from tui.store.text import displayable

FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
)
BUILT_IN = "helvetica"


def find_font(configured: str | None = None) -> Path | None:
    """A Unicode TrueType font for the PDFs: the site's choice, else DejaVu Sans."""
    for candidate in ((configured,) if configured else ()) + FONT_CANDIDATES:
        path = Path(candidate)
        if path.is_file():
            return path
    return None


def new_pdf(page: str | tuple[float, float], margin_mm: float, title: str, font: Path | None,
            family: str):
    """An empty FPDF document in millimetres, with no automatic page breaks,
    and `font` (its -Bold file beside it for bold, when there is one) added as
    `family`. Returns the document and the family to set: `family`, or the
    built-in one when `font` is None."""
    from fpdf import FPDF  # imported here: it is slow to load and only the PDFs need it

    pdf = FPDF(unit="mm", format=page)
    pdf.set_auto_page_break(False)
    pdf.set_margins(margin_mm, margin_mm, margin_mm)
    pdf.set_title(title)
    if font is None:
        return pdf, BUILT_IN
    bold = font.with_name(font.stem + "-Bold" + font.suffix)
    pdf.add_font(family, "", str(font))
    pdf.add_font(family, "B", str(bold if bold.is_file() else font))
    return pdf, family


def pdf_text(value: str, font: Path | None) -> str:
    """Words made harmless for a PDF in `font`; the built-in font has Latin-1 only."""
    value = displayable(value)
    if font is None:
        value = value.encode("latin-1", "replace").decode("latin-1")
    return value
