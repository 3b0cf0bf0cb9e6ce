"""Escape sequences saved in a plan never drive the terminal, in fields or tables."""

from __future__ import annotations

import subprocess

from tests.conftest import require_tool
from tests.e2e.tmux import SCRIPT, Terminal, app_env, sign_in
from tui.store import create_person, open_store

NASTY = "\x1b]2;PWNED\x07 and \x1b[31mRED\x1b[0m"


def test_escape_sequences_in_goals_and_steps_are_shown_as_symbols(tmp_path):
    tmux = require_tool("tmux")
    db = tmp_path / "plans.sqlite3"
    store = open_store(db)
    plan = create_person(store, "Sam", "pin-123456")
    goal = plan.add_goal("goal " + NASTY)
    plan.add_step(goal.id, specific="step " + NASTY)
    store.close()

    term = Terminal(tmux, [str(SCRIPT), "--db", str(db)], app_env(tmp_path))
    try:
        sign_in(term, "Sam", "pin-123456")
        term.keys("F3")
        term.wait_for("sorted by importance")
        term.keys("F4")
        screen = term.wait_for("Steps toward:")
        assert "\u241b]2;PWNED\u2407 and \u241b[31mRED" in screen
        title = subprocess.run([tmux, "display", "-p", "-t", term.name, "#{pane_title}"],
                               capture_output=True, text=True).stdout
        assert "PWNED" not in title
        styled = subprocess.run([tmux, "capture-pane", "-p", "-e", "-t", term.name],
                                capture_output=True, text=True).stdout
        assert "\x1b[31mRED" not in styled
    finally:
        term.close()
