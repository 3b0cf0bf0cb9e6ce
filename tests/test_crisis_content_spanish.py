"""The crisis plan, pocket card, help lines, Learn, toolkit and reminders in
Spanish, without the UI toolkit: the texts, the facts they carry, and what is
never translated (a person's words, a site's own lines)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from tui import i18n
from tui.output.cards import PlanSnapshot, completeness_line, crisis_plan_text, pocket_card_markdown, \
    pocket_card_text
from tui.content import help_lines, learn, plan_parts, reminders, toolkit
from tui.content.help_lines import DEFAULT_LINES, HelpLine, shown
from tui.content.reminders import REMINDERS, shown_reminder


def _translated(message: str) -> str:
    i18n.set_language("es")
    return i18n._(message)


def content_texts() -> list[str]:
    """Every text the content modules of the crisis area mark for the catalog."""
    texts: list[str] = []
    for topic in learn.TOPICS:
        texts += [topic.title, *topic.paragraphs]
    for law in learn.GOOD_SAMARITAN.values():
        texts += [law.jurisdiction, *law.summary]
    for parts in plan_parts.SECTION_PARTS.values():
        for part in parts:
            texts += [part.title, part.prompt]
    texts += list(plan_parts.SECTION_TITLES.values())
    for question_set in toolkit.TOOLKIT:
        texts += [question_set.title, *(q.prompt for q in question_set.questions)]
    texts += list(reminders.REMINDERS)
    for line in help_lines.DEFAULT_LINES:
        texts += [line.name, line.what_for]
    return texts


@pytest.mark.parametrize("text", content_texts())
def test_every_content_text_has_spanish(text):
    spanish = _translated(text)
    if text in ("California",):  # the same word in both languages
        assert spanish == text
    else:
        assert spanish != text, f"no Spanish for: {text!r}"


def _facts(text: str) -> list[str]:
    return sorted(re.findall(r"\d+(?:[.-]\d+)*", text))


@pytest.mark.parametrize("paragraph", [p for t in learn.TOPICS for p in t.paragraphs]
                         + [p for law in learn.GOOD_SAMARITAN.values() for p in law.summary])
def test_learn_in_spanish_keeps_every_number_and_every_bullet(paragraph):
    """Facts stay as the English says them: the same numbers (911, 30 to 90
    minutes, 11376.5, the Never Use Alone line), the same list of bullets."""
    spanish = _translated(paragraph)
    assert _facts(spanish) == _facts(paragraph)
    bullets = [line for line in paragraph.split("\n") if line.startswith("- ")]
    assert len([line for line in spanish.split("\n") if line.startswith("- ")]) == len(bullets)


def test_spanish_988_says_it_answers_in_spanish():
    i18n.set_language("es")
    line = shown(next(line for line in DEFAULT_LINES if line.number.startswith("988")))
    assert "Atiende en español: llama al 988 y marca 2, o manda AYUDA por texto al 988." in line.what_for
    assert "marca 2" in line.number and "AYUDA" in line.number  # on the pocket card too
    assert line.name == "988 Línea de Prevención del Suicidio y Crisis"


def test_a_sites_own_lines_are_shown_in_the_sites_words():
    i18n.set_language("es")
    site = HelpLine("Emergency", "911", "Call for an overdose or any emergency. Say where you are.",
                    date(2026, 10, 1))
    assert shown(site) == site  # a site's entry, even with the defaults' words, is its own
    assert shown(DEFAULT_LINES[0]).name == "Emergencias"
    i18n.set_language("en")
    assert shown(DEFAULT_LINES[0]) == DEFAULT_LINES[0]


def test_reminders_picked_from_ours_are_shown_in_spanish_and_a_persons_own_as_written():
    i18n.set_language("es")
    assert shown_reminder(REMINDERS[2]) == "Recuperación significa romper el ciclo."
    assert shown_reminder("One day at a time") == "One day at a time"


def test_toolkit_keys_are_never_translated():
    i18n.set_language("es")
    assert toolkit.QUESTION_KEYS == frozenset(
        {"works.better", "works.laugh", "works.calm", "selfcare.sleep", "selfcare.exercise",
         "selfcare.eating", "enjoy.long_time", "enjoy.always_wanted", "enjoy.in_my_corner",
         "coping.stopped", "coping.places", "coping.ten_minutes", "coping.for_others",
         "coping.cut_stress"})


def test_completeness_lines_in_spanish():
    i18n.set_language("es")
    assert completeness_line(7, 7, "Plan de crisis") == "Plan de crisis: las 7 partes están llenas. ¡Muy bien!"
    assert completeness_line(0, 6, "X") == "X: todavía sin empezar. Una sola parte ya ayuda."
    assert completeness_line(3, 6, "X") == "X: 3 de 6 partes llenas. Agrega más cuando quieras."


@pytest.fixture
def filled_plan(plan):
    plan.save_section("crisis", {"warning_signs": "No contesto el teléfono. ¿Por qué? ¡No sé!"})
    plan.save_section("overdose", {"naloxone_where": "En la mochila, bolsillo pequeño"})
    plan.add_contact("Mi hermana", relationship="hermana", roles=frozenset({"helps"}),
                     phone="555-0142", can_text=True)
    return plan


def test_crisis_plan_text_in_spanish_keeps_the_persons_words(filled_plan):
    i18n.set_language("es")
    text = crisis_plan_text(PlanSnapshot(filled_plan))
    assert text.index("MI PLAN DE CRISIS") < text.index("MI PLAN DE BOLSILLO CONTRA SOBREDOSIS") \
        < text.index("GANAS DE CONSUMIR")
    assert "1. Mis señales de alerta\n   No contesto el teléfono. ¿Por qué? ¡No sé!" in text
    assert "- Mi hermana (hermana): 555-0142, acepta textos" in text
    assert "(todavía sin escribir)" in text
    assert "MY CRISIS PLAN" not in text and "not written yet" not in text


def test_pocket_card_txt_and_md_in_spanish(filled_plan):
    i18n.set_language("es")
    snapshot = PlanSnapshot(filled_plan)
    txt = pocket_card_text(snapshot)
    assert txt.startswith("MI PLAN DE BOLSILLO CONTRA SOBREDOSIS\n")
    assert "Dónde consigo y guardo la naloxona\n   En la mochila, bolsillo pequeño" in txt
    assert "\nA QUIÉN LLAMAR\n" in txt and "- Mi hermana (hermana): 555-0142, acepta textos" in txt
    md = pocket_card_markdown(snapshot)
    assert md.startswith("# Mi plan de bolsillo contra sobredosis\n")
    assert "**Dónde consigo y guardo la naloxona:** En la mochila, bolsillo pequeño" in md
    assert "**Números de emergencia:** (todavía sin escribir)" in md
    assert "## A quién llamar" in md


FONTS = [None] + [Path(p) for p in ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                                    "/usr/share/fonts/TTF/DejaVuSans.ttf",
                                    "/usr/share/fonts/dejavu/DejaVuSans.ttf") if Path(p).is_file()][:1]


@pytest.mark.parametrize("font", FONTS, ids=lambda f: "built-in Helvetica" if f is None else f.stem)
def test_pdf_pocket_card_in_spanish_keeps_accents_and_marks(filled_plan, tmp_path, font):
    """á é í ó ú ñ ¿ ¡ come out of the PDF as they went in, with DejaVu Sans and
    with the built-in font used when none is found (its Latin-1 has them)."""
    from pypdf import PdfReader

    from tui.output.card_pdf import write_pocket_card

    i18n.set_language("es")
    filled_plan.save_section("overdose", {"other_steps": "¿Mañana? ¡Nunca a solas! Niño, corazón, sí."})
    out = tmp_path / "tarjeta.pdf"
    write_pocket_card(PlanSnapshot(filled_plan), list(DEFAULT_LINES), out, font)
    reader = PdfReader(out)
    front = " ".join(reader.pages[0].extract_text().split())
    back = " ".join(reader.pages[1].extract_text().split())
    for words in ("Mi plan de bolsillo contra sobredosis", "Números de emergencia:",
                  "Dónde consigo y guardo la naloxona:", "Quién cerca de mí tiene naloxona",
                  "A quién le aviso si consumo:", "¿Mañana? ¡Nunca a solas! Niño, corazón, sí."):
        assert words in front
    for words in ("Pide ayuda", "A quién llamar:", "Mi hermana (hermana): 555-0142, acepta textos",
                  "Líneas de crisis:", "911 Emergencias", "988 (marca 2, o texto AYUDA)",
                  "Línea de Prevención del Suicidio y Crisis"):
        assert words in back
    assert reader.metadata.title == "Plan de bolsillo contra sobredosis"
    assert "?" not in front.replace("¿Mañana?", "")  # nothing replaced by "?"


def test_export_and_print_messages_in_spanish(filled_plan, tmp_path):
    from tui.output.files import ExportError
    from tui.output.formats import export_card
    from tui.output.printing import PrintError, print_file

    i18n.set_language("es")
    with pytest.raises(ExportError, match="La carpeta .* no existe. Escoge otro lugar para guardar."):
        export_card(PlanSnapshot(filled_plan), "txt", tmp_path / "no" / "t.txt", [])
    with pytest.raises(ExportError, match="La tarjeta se puede guardar como txt, md, pdf, no como doc."):
        export_card(PlanSnapshot(filled_plan), "doc", tmp_path / "t.doc", [])
    with pytest.raises(PrintError, match="Aquí no hay una impresora lista"):
        print_file(None, tmp_path / "t.pdf")
    with pytest.raises(PrintError, match="El comando para imprimir 'no-such-lp' no está instalado"):
        print_file("no-such-lp", tmp_path / "t.pdf")
