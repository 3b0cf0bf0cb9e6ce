"""The goal board and step editor in a real terminal: changes survive a restart."""

from __future__ import annotations

from tests.conftest import require_tool
from tests.e2e.tmux import demo_database, start_app
from tests.e2e.tmux import sign_in as sign_in_by_keys
from tui.store import open_store, sign_in


def start_signed_in(tmux, db, env):
    term = start_app(tmux, db, env)
    sign_in_by_keys(term)
    return term


def test_move_a_goal_and_add_a_step_then_find_both_after_a_restart(tmp_path):
    tmux = require_tool("tmux")
    db, env = demo_database(tmp_path)

    term = start_signed_in(tmux, db, env)
    try:
        term.keys("F3")
        term.wait_for("sorted by importance")
        term.keys("Down")  # housing, importance 2
        term.keys("u")  # now importance 1, still timeline 1
        screen = term.wait_for("I want to find a place to live  1    1")  # whole, not cut
        rows = [line for line in screen.splitlines() if line.startswith(" I want")]
        assert rows[0].startswith(" I want to find a place ")
        term.keys("F4")
        term.wait_for("Steps toward: I want to find a place to live")
        term.keys("a")
        term.wait_for("Specific: say what you will do")
        term.type("Ask the housing office about waitlists")
        term.keys("Enter")
        # One burst, as from a fast typist or a slow SSH link: nothing may land
        # in the wrong field.
        term.keys("2 offices", "Enter", "next Friday")
        term.wait_for("Friday, December 4, 2026")
        term.keys("Enter")
        term.keys("C-q")
        term.wait_until_gone()
    finally:
        term.close()

    term = start_signed_in(tmux, db, env)
    try:
        screen = term.wait_for("Goals that matter most to me")
        lines = screen.splitlines()
        first = next(i for i, line in enumerate(lines) if "1. " in line)
        assert "I want to find a place to live" in lines[first]
        term.keys("F3")
        term.wait_for("sorted by importance")
        term.keys("F4")
        screen = term.wait_for("Ask the housing office about waitlists")
        assert "12/4" in screen
        term.keys("C-q")
        term.wait_until_gone()
    finally:
        term.close()

    store = open_store(db)
    try:
        plan = sign_in(store, "Demo", "975310")
        housing = next(g for g in plan.goals() if g.text == "I want to find a place to live")
        assert (housing.importance, housing.timeline) == (1, 1)
        added = plan.steps(housing.id)[-1]
        assert added.specific == "Ask the housing office about waitlists"
        assert added.measurable == "2 offices"
        assert str(added.due_date) == "2026-12-04" and added.when_text == "next Friday"
    finally:
        store.close()
