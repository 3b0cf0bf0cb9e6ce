"""The one-page check-in summary in Spanish: its words and its dates (no screen needed)."""

from __future__ import annotations

from pypdf import PdfReader

from tests.test_checkin_page import summary
from tui import i18n
from tui.output.checkin_page import export_summary, summary_text


def test_the_page_is_in_spanish_with_spanish_dates_and_the_persons_words_as_written():
    i18n.set_language("es")
    text = summary_text(summary(1, "My phone was cut off"))
    assert text.splitlines()[:2] == ["MI REVISIÓN DEL JUEVES, 3 DE DICIEMBRE DE 2026", "=" * 46]
    assert "CÓMO ME FUE CON MIS PASOS" in text
    assert "  Meta: Find a place to live" in text
    assert "  Todavía no. Para el jueves, 10 de diciembre de 2026." in text
    assert "  Lo que me lo impidió: My phone was cut off" in text
    assert "- Call 3 places (para el vie 4/12)\n  Meta: Find a place to live\n  Voy a llevar: My notes" in text


def test_english_is_back_after_spanish():
    i18n.set_language("es")
    summary_text(summary(1, "Rain"))
    i18n.set_language("en")
    assert summary_text(summary(1, "Rain")).startswith("MY CHECK-IN, THURSDAY, DECEMBER 3, 2026\n")


def test_the_spanish_pdf_keeps_its_accents_with_the_built_in_font(tmp_path):
    i18n.set_language("es")
    path = tmp_path / "revision.pdf"
    export_summary(summary(1, "Lluvia"), "pdf", path)  # Helvetica: Latin-1, which Spanish fits in
    text = " ".join(PdfReader(path).pages[0].extract_text().split())
    assert "Mi revisión del jueves, 3 de diciembre de 2026" in text
    assert "Cómo me fue con mis pasos" in text and "Lo que me lo impidió: Lluvia" in text
