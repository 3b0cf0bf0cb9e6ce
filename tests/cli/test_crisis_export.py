"""`recovery-plan crisis` and `recovery-plan export`, run as a person or a script would."""

from __future__ import annotations

import stat

import pytest

from tests.cli.test_cli import private_home, run  # noqa: F401  (private_home is an autouse fixture)
from tests.conftest import open_test_store, site_key_env


@pytest.fixture
def demo_db(db_location):
    assert run("--db", str(db_location), "demo").returncode == 0
    return db_location


def test_crisis_prints_the_plan_with_the_right_pin(demo_db):
    result = run("--db", str(demo_db), "crisis", "Demo", "--pin-stdin", input="975310\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.index("MY CRISIS PLAN") < out.index("MY POCKET OVERDOSE PLAN") < out.index("CRAVINGS")
    assert "front pocket of my" in out and "backpack" in out
    assert "1. My warning signs" in out and "7. What matters most to me" in out
    assert "My sister (sister): 555-0142, texts OK" in out
    assert "975310" not in out


@pytest.mark.parametrize("name, pin", [("Demo", "000000"), ("Nobody", "975310"), ("Demo", "")])
def test_crisis_prints_nothing_of_the_plan_on_a_wrong_pin_or_name(demo_db, name, pin):
    result = run("--db", str(demo_db), "crisis", name, "--pin-stdin", input=pin + "\n")
    assert result.returncode == 1
    assert result.stdout == ""
    assert "Traceback" not in result.stderr


def test_wrong_pin_and_unknown_name_say_the_same(demo_db):
    wrong_pin = run("--db", str(demo_db), "crisis", "Demo", "--pin-stdin", input="000000\n")
    unknown = run("--db", str(demo_db), "crisis", "Nobody", "--pin-stdin", input="975310\n")
    assert wrong_pin.stderr == unknown.stderr


def test_crisis_wraps_to_a_40_column_terminal(demo_db):
    result = run("--db", str(demo_db), "crisis", "Demo", "--pin-stdin", input="975310\n",
                 env_extra={"COLUMNS": "40"})
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 40
    assert "backpack." in result.stdout


def test_crisis_without_a_terminal_or_pin_stdin_asks_for_one(demo_db):
    result = run("--db", str(demo_db), "crisis", "Demo", input="")
    assert result.returncode == 1
    assert "--pin-stdin" in result.stderr and result.stdout == ""


def test_escape_sequences_in_a_plan_never_reach_the_terminal(db_location):
    from tui.store import create_person

    db = db_location
    store = open_test_store(db)
    plan = create_person(store, "Sam", "pin-123456")
    plan.save_section("crisis", {"warning_signs": "\x1b]2;owned\x07 and \x1b[31mred\x1b[0m"})
    store.close()
    result = run("--db", str(db), "crisis", "Sam", "--pin-stdin", input="pin-123456\n")
    assert result.returncode == 0
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "\u241b]2;owned\u2407 and \u241b[31mred" in result.stdout


@pytest.mark.parametrize("fmt", ["txt", "md"])
def test_export_text_card(demo_db, tmp_path, fmt):
    out = tmp_path / f"card.{fmt}"
    result = run("--db", str(demo_db), "export", "Demo", "--format", fmt, "-o", str(out),
                 "--pin-stdin", input="975310\n")
    assert result.returncode == 0, result.stderr
    text = out.read_text()
    assert "front pocket of my backpack" in text.replace("\\", "")
    assert "555-0142" in text.replace("\\", "")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_export_pdf_is_a_wallet_card_with_the_plan(demo_db, tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "card.pdf"
    result = run("--db", str(demo_db), "export", "Demo", "--format", "pdf", "-o", str(out),
                 "--pin-stdin", input="975310\n")
    assert result.returncode == 0, result.stderr
    reader = PdfReader(out)
    assert len(reader.pages) == 2  # front and back
    width_mm = float(reader.pages[0].mediabox.width) / 72 * 25.4
    height_mm = float(reader.pages[0].mediabox.height) / 72 * 25.4
    assert (round(width_mm, 1), round(height_mm, 1)) == (85.6, 54.0)
    front = " ".join(reader.pages[0].extract_text().split())
    back = " ".join(reader.pages[1].extract_text().split())
    for words in ("Where I get and keep naloxone", "front pocket of my backpack",
                  "My roommate Jay", "Who I check in with if I use", "My sister, by text"):
        assert words in front
    assert "555-0142" in back and "988" in back and "800-484-3731" in back


def test_export_with_a_wrong_pin_writes_nothing(demo_db, tmp_path):
    out = tmp_path / "card.txt"
    result = run("--db", str(demo_db), "export", "Demo", "-o", str(out), "--pin-stdin", input="nope00\n")
    assert result.returncode == 1
    assert not out.exists()


def test_export_to_a_missing_folder_says_so(demo_db, tmp_path):
    result = run("--db", str(demo_db), "export", "Demo", "-o", str(tmp_path / "no" / "card.txt"),
                 "--pin-stdin", input="975310\n")
    assert result.returncode == 1
    assert "doesn't exist" in result.stderr and "Traceback" not in result.stderr


def test_check_warns_about_a_crisis_line_not_checked_for_six_months(demo_db, tmp_path):
    config = tmp_path / "site.toml"
    config.write_text(
        '[[help.lines]]\nname = "Local warmline"\nnumber = "555-0100"\n'
        'what_for = "Someone to talk to"\nchecked = 2026-01-05\n'
        '[[help.lines]]\nname = "988 Suicide & Crisis Lifeline"\nnumber = "988"\n'
        'what_for = "Any crisis"\nchecked = 2026-10-01\n'
    )
    result = run("--config", str(config), "--db", str(demo_db), "check")
    assert result.returncode == 0
    assert "Local warmline" in result.stderr and "over 6 months" in result.stderr
    assert "988" not in result.stderr


def test_a_broken_help_entry_in_the_config_is_named(demo_db, tmp_path):
    config = tmp_path / "site.toml"
    config.write_text('[[help.lines]]\nname = "Warmline"\nnumber = "555-0100"\nwhat_for = "Talk"\n')
    result = run("--config", str(config), "--db", str(demo_db), "check")
    assert result.returncode == 1
    assert "help entry 1" in result.stderr and "checked" in result.stderr


@pytest.mark.parametrize("command", [["crisis", "Demo"], ["export", "Demo", "-o", "-"]])
def test_crisis_and_export_never_load_the_ui_toolkit(demo_db, command):
    import os
    import subprocess
    import sys

    code = (
        "import sys; from tui.cli import main; code = main(sys.argv[1:]); "
        "print('textual' in sys.modules, file=sys.stderr); raise SystemExit(code)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, "--db", str(demo_db), *command, "--pin-stdin"],
        input="975310\n", capture_output=True, text=True, env={**os.environ, **site_key_env(demo_db)})
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().splitlines()[-1] == "False"
    assert "naloxone" in result.stdout


@pytest.mark.sqlite_only("on PostgreSQL the command loads psycopg, as it must")
def test_the_crisis_command_loads_no_other_database_driver(demo_db):
    """A SQLite site's `crisis` imports peewee without psycopg (most of peewee's
    import time, when the postgres extra is installed), and nothing of the app's
    screens; only what reading and opening the plan needs."""
    import os
    import subprocess
    import sys

    code = (
        "import sys; from tui.cli import main; code = main(sys.argv[1:]); "
        "print(' '.join(sorted(n for n, m in sys.modules.items() if m is not None)), file=sys.stderr); "
        "raise SystemExit(code)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, "--db", str(demo_db), "crisis", "Demo", "--pin-stdin"],
        input="975310\n", capture_output=True, text=True, env={**os.environ, **site_key_env(demo_db)})
    assert result.returncode == 0, result.stderr
    loaded = set(result.stderr.strip().splitlines()[-1].split())
    assert "peewee" in loaded and "tui.store.plans" in loaded  # it did read the plan
    assert not {name for name in loaded if name.split(".")[0] in (
        "psycopg", "psycopg2", "psycopg_binary", "pymysql", "MySQLdb", "textual", "rich")}
    assert not {name for name in loaded if name.startswith(("tui.screens", "tui.widgets", "tui.plain"))}
    assert "naloxone" in result.stdout
