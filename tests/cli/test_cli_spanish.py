"""The command line in Spanish: its help (argparse's own words too), its usage
errors, its messages and the store's, with `--lang es`."""

from __future__ import annotations

import json

import pytest

from tests.cli.test_cli import run


@pytest.fixture(autouse=True)
def private_home(tmp_path, monkeypatch):
    """Keep the default data and config folders inside the test's own folder."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "etc"))


SPANISH = {"LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": "C.UTF-8"}


def es(*args: str, **kwargs):
    return run("--lang", "es", *args, env_extra={**SPANISH, **kwargs.pop("env_extra", {})},
               **kwargs)


def test_help_is_spanish_argparse_words_included():
    result = es("--help")
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert text.startswith("uso: recovery-plan [-h] [--version] [--db RUTA]")
    assert "argumentos posicionales:" in text and "\nopciones:\n" in text
    assert "muestra esta ayuda y termina" in text
    assert "Haz y guarda tu propio plan de recuperación." in text
    assert "usage:" not in text and "show this help" not in text


def test_a_command_s_help_is_spanish():
    result = es("backup", "--help")
    assert result.returncode == 0, result.stderr
    assert "reemplaza ARCHIVO si ya existe" in result.stdout


def test_usage_errors_are_spanish():
    missing = es("export")
    assert missing.returncode == 2
    # (the name is asked for when left out: issue 17)
    assert "recovery-plan export: error: faltan estos argumentos: -o/--output" in missing.stderr
    unknown = es("frobnicate")
    assert unknown.returncode == 2
    assert "elección no válida: 'frobnicate'" in unknown.stderr
    number = es("--idle-lock", "2")
    assert "da un número entero de segundos, 5 o más, como 300" in number.stderr


def test_english_stays_english():
    result = run("export", env_extra=SPANISH)
    assert "the following arguments are required: -o/--output" in result.stderr
    assert run("--help", env_extra=SPANISH).stdout.startswith("usage: recovery-plan")


def test_messages_and_the_audit_trail_are_spanish(tmp_path):
    db = tmp_path / "plans.sqlite3"
    made = es("--db", str(db), "demo")
    assert made.returncode == 0, made.stderr
    assert made.stdout.splitlines() == [f"Se hizo el plan de práctica en {db}.",
                                        "Entra con el nombre Demo y el PIN 975310."]
    wrong = es("--db", str(db), "crisis", "Demo", "--pin-stdin", input="wrong-pin\n")
    assert wrong.returncode == 1
    assert wrong.stderr == ("recovery-plan: Ese nombre y ese PIN no abren ningún plan. Revisa los "
                            "dos y vuelve a intentarlo.\n")
    audit = es("--db", str(db), "audit")
    lines = audit.stdout.splitlines()
    assert lines[0].split() == ["cuándo", "plan", "terminal", "qué"]
    assert "nombre o PIN equivocado" in audit.stdout
    assert "plan cambiado (section crisis)" in audit.stdout  # the stored detail as it is


def test_a_broken_import_file_is_refused_in_spanish(tmp_path):
    broken = tmp_path / "plan.json"
    broken.write_text(json.dumps({"format": "recovery-plan"}))
    result = es("--db", str(tmp_path / "plans.sqlite3"), "import", str(broken), "--pin-stdin",
                input="a long new pin\n")
    assert result.returncode == 1
    assert result.stderr == 'recovery-plan: falta "format_version". No se cambió nada.\n'


def test_a_config_mistake_is_one_spanish_line(tmp_path):
    config = tmp_path / "site.toml"
    config.write_text("[kiosk]\nenabled = 3\n")
    # (No command: the app checks its settings before anything shows.)
    result = es("--config", str(config), "--db", str(tmp_path / "plans.sqlite3"))
    assert result.returncode == 1
    assert result.stderr == (f"recovery-plan: En {config}, kiosk.enabled tiene que ser true o "
                             "false.\n")
