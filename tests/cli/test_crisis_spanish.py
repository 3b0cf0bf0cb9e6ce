"""`recovery-plan crisis` and `export` in Spanish, run as the installed command:
the language comes from LANGUAGE or --lang; the person's words stay as written."""

from __future__ import annotations

import pytest

from tests.cli import test_cli
from tests.cli.test_cli import run

private_home = test_cli.private_home  # autouse: data and config folders stay in the test's folder


@pytest.fixture
def demo_db(db_location):
    assert run("--db", str(db_location), "demo").returncode == 0
    return db_location


SPANISH_PLAN = ("MI PLAN DE CRISIS", "MI PLAN DE BOLSILLO CONTRA SOBREDOSIS", "GANAS DE CONSUMIR")


def _assert_spanish_plan(out: str) -> None:
    assert out.index(SPANISH_PLAN[0]) < out.index(SPANISH_PLAN[1]) < out.index(SPANISH_PLAN[2])
    assert "1. Mis señales de alerta" in out and "7. Lo que más me importa" in out
    assert "Dónde consigo y guardo la naloxona" in out
    assert "My sister (sister): 555-0142, acepta textos" in out  # their words, our "texts OK"
    assert "front pocket of my" in out and "backpack" in out  # the person's words as written
    assert "MY CRISIS PLAN" not in out and "MY POCKET OVERDOSE PLAN" not in out
    assert "975310" not in out


def test_crisis_in_spanish_from_the_language_environment(demo_db):
    result = run("--db", str(demo_db), "crisis", "Demo", "--pin-stdin", input="975310\n",
                 env_extra={"LANGUAGE": "es", "LC_ALL": "", "LANG": "C.UTF-8"})
    assert result.returncode == 0, result.stderr
    _assert_spanish_plan(result.stdout)


def test_crisis_in_spanish_with_lang_es_over_the_environment(demo_db):
    result = run("--lang", "es", "--db", str(demo_db), "crisis", "Demo", "--pin-stdin",
                 input="975310\n", env_extra={"LANGUAGE": "en", "LC_ALL": "", "LANG": "en_US.UTF-8"})
    assert result.returncode == 0, result.stderr
    _assert_spanish_plan(result.stdout)


def test_crisis_stays_english_without_a_spanish_choice(demo_db):
    result = run("--db", str(demo_db), "crisis", "Demo", "--pin-stdin", input="975310\n",
                 env_extra={"LANGUAGE": "", "LC_ALL": "", "LANG": "C"})
    assert result.returncode == 0, result.stderr
    assert "MY CRISIS PLAN" in result.stdout and "MI PLAN" not in result.stdout


def test_crisis_in_spanish_wraps_to_a_40_column_terminal(demo_db):
    result = run("--lang", "es", "--db", str(demo_db), "crisis", "Demo", "--pin-stdin",
                 input="975310\n", env_extra={"COLUMNS": "40"})
    assert result.returncode == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= 40
    assert "MI PLAN DE BOLSILLO CONTRA SOBREDOSIS" in result.stdout


def test_export_txt_card_in_spanish(demo_db, tmp_path):
    out = tmp_path / "tarjeta.txt"
    result = run("--lang", "es", "--db", str(demo_db), "export", "Demo", "--format", "txt",
                 "-o", str(out), "--pin-stdin", input="975310\n")
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("MI PLAN DE BOLSILLO CONTRA SOBREDOSIS\n")
    assert "Dónde consigo y guardo la naloxona" in text and "A QUIÉN LLAMAR" in text
    assert "front pocket of my backpack" in text and "555-0142, acepta textos" in text
    assert "PEOPLE TO CALL" not in text


def test_export_md_card_in_spanish_to_standard_output(demo_db):
    result = run("--db", str(demo_db), "export", "Demo", "--format", "md", "-o", "-",
                 "--pin-stdin", input="975310\n", env_extra={"LANGUAGE": "es"})
    assert result.returncode == 0, result.stderr
    md = result.stdout
    assert md.startswith("# Mi plan de bolsillo contra sobredosis\n")
    assert "**Dónde consigo y guardo la naloxona:**" in md and "## A quién llamar" in md
    assert "front pocket of my backpack" in md.replace("\\", "")


def test_export_pdf_card_in_spanish(demo_db, tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "tarjeta.pdf"
    result = run("--lang", "es", "--db", str(demo_db), "export", "Demo", "--format", "pdf",
                 "-o", str(out), "--pin-stdin", input="975310\n")
    assert result.returncode == 0, result.stderr
    reader = PdfReader(out)
    assert len(reader.pages) == 2
    front = " ".join(reader.pages[0].extract_text().split())
    back = " ".join(reader.pages[1].extract_text().split())
    for words in ("Mi plan de bolsillo contra sobredosis", "Dónde consigo y guardo la naloxona:",
                  "front pocket of my backpack", "A quién le aviso si consumo:",
                  "Cómo deben asegurarse de que estoy bien:"):
        assert words in front
    for words in ("Pide ayuda", "A quién llamar:", "555-0142, acepta textos", "Líneas de crisis:",
                  "988 (marca 2, o texto AYUDA)", "800-484-3731"):
        assert words in back
    assert "Where I get and keep naloxone" not in front
