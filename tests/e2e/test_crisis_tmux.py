"""Reaching help in a real terminal: F9 before signing in, then F5 straight to the plan."""

from __future__ import annotations

from tests.conftest import require_tool
from tests.e2e.tmux import demo_database, sign_in_keys, start_app


def test_f9_before_sign_in_then_name_f5_pin_opens_the_crisis_plan(tmp_path):
    tmux = require_tool("tmux")
    db, env = demo_database(tmp_path)
    term = start_app(tmux, db, env)
    try:
        term.keys("F9")
        screen = term.wait_for("988 (call or text)")
        assert "Demo" not in screen
        term.keys("Escape")
        term.wait_for("Sign in to your plan")
        # Name, the key, PIN, Enter.
        term.keys(*sign_in_keys("Demo", "975310", key="F5"))
        screen = term.wait_for("front pocket of my backpack")
        assert "My crisis plan" in screen
        assert "975310" not in screen
    finally:
        term.close()
