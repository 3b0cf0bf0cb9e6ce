"""Saving and printing what a person keeps, on the installed command in tmux at
80x24, as a terminal emulator and as the Linux console: the pocket card and a
check-in summary saved by keys (a wrong ending first, Esc halfway, Enter twice),
and both sent to a site's printer (a stand-in that keeps what it was given)."""

from __future__ import annotations

import stat
import sys
import time

import pytest

from tests.conftest import require_tool
from tests.e2e.tmux import demo_database, sign_in, start_app, with_term
from tui.content.demo import DEMO_NAME, DEMO_PIN

TERMS = pytest.mark.parametrize("term_name", ["xterm-256color", "linux"])


def started(tmp_path, term_name: str, now: str | None = None):
    """The demo plan open at the overview, with a printer that copies the file it
    is given to tmp_path/printed."""
    tmux = require_tool("tmux")
    db, env = demo_database(tmp_path)
    stand_in = tmp_path / "fake_lp.py"
    stand_in.write_text("import shutil, sys\nshutil.copy(sys.argv[-1], sys.argv[1])\n")
    config = tmp_path / "config.toml"
    config.write_text(f'[printer]\ncommand = "{sys.executable} {stand_in} {tmp_path / "printed"}"\n')
    env["RECOVERY_PLAN_CONFIG"] = str(config)
    if now:
        env["RECOVERY_PLAN_NOW"] = now
    term = start_app(tmux, db, env, prefix=with_term(term_name))
    sign_in(term, DEMO_NAME, DEMO_PIN)
    return term


def clear_the_name(term, offered: str, timeout: float = 20.0) -> None:
    """Ctrl+U in a save dialog's name box until the name in it is gone, before
    typing on. Keys that arrive after the dialog is drawn but before its box
    has the focus reach no box, and letters typed in the same burst as Ctrl+U
    can be put in before Ctrl+U's action runs (it waits for the key to pass up
    through the screen): a person types slower than either."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        term.keys("C-u")
        try:
            term.wait_for_no(offered, timeout=1.0)
            return
        except AssertionError:
            continue
    raise AssertionError(f"{offered!r} stayed in the box. The screen shows:\n{term.screen()}")


@TERMS
def test_the_pocket_card_is_saved_by_keys_and_printed(tmp_path, term_name):
    saved = tmp_path / "card.txt"
    term = started(tmp_path, term_name)
    try:
        term.keys("F5")
        term.wait_for("My crisis plan")
        term.keys("s")
        screen = term.wait_for("Save my pocket card")
        assert "File name (ends in .pdf, .txt or .md)" in screen and "pocket-card.pdf" in screen
        assert "Enter: save    Esc: cancel" in screen
        clear_the_name(term, "pocket-card.pdf")
        term.type("card.doc")
        term.keys("Enter")
        term.wait_for("Please end the name with .pdf, .txt or .md")
        clear_the_name(term, "card.doc")
        term.type(str(saved))
        term.keys("Enter", "Enter")  # Enter twice: the second one lands on the crisis plan
        term.wait_for("Saved your pocket card to")
        term.wait_for_no("Save my pocket card")
        text = saved.read_text(encoding="utf-8")
        assert text.startswith("MY POCKET OVERDOSE PLAN\n") and "front pocket of my backpack" in text
        assert stat.S_IMODE(saved.stat().st_mode) == 0o600
        term.keys("p")
        term.wait_for("Your pocket card is at the printer.")
        assert (tmp_path / "printed").read_bytes().startswith(b"%PDF-")
        assert term.alive()
    finally:
        term.close()


@TERMS
def test_a_check_in_summary_is_saved_after_esc_halfway_and_printed(tmp_path, term_name):
    saved = tmp_path / "check-in.pdf"
    term = started(tmp_path, term_name, now="2026-12-03T10:00")  # two steps due
    try:
        term.keys("k")
        term.wait_for("step 1 of 2")
        term.keys("d")
        term.wait_for("Anything to remember about it?")
        term.keys("PageDown")
        term.wait_for("step 2 of 2")
        term.keys("n")
        term.wait_for("What got in the way?")
        term.keys("PageDown")
        term.wait_for("s: save this summary")
        term.keys("s")
        screen = term.wait_for("Save my check-in summary")
        assert "check-in-2026-12-03.pdf" in screen and "File name (ends in .pdf or .txt)" in screen
        term.type("half a name")  # replaces the name offered, then Esc: nothing is saved
        term.keys("Escape")
        term.wait_for_no("Save my check-in summary")
        term.keys("s")
        term.wait_for("Save my check-in summary")
        clear_the_name(term, "check-in-2026-12-03.pdf")
        term.type(str(saved))
        term.keys("Enter")
        term.wait_for("Saved your check-in summary to")
        assert saved.read_bytes().startswith(b"%PDF-")
        assert stat.S_IMODE(saved.stat().st_mode) == 0o600
        assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".pdf") == ["check-in.pdf"]
        term.keys("p")
        term.wait_for("Your check-in summary is at the")  # the message is wrapped in its box
        assert (tmp_path / "printed").read_bytes().startswith(b"%PDF-")
    finally:
        term.close()
