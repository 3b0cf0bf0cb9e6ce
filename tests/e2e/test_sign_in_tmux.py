"""The installed app in a real terminal: sign in as Demo, see the plan, lock, quit."""

from __future__ import annotations

from tests.conftest import require_tool
from tests.e2e.tmux import demo_database, sign_in, sign_in_keys, start_app


def test_sign_in_as_demo_lock_and_quit(tmp_path):
    tmux = require_tool("tmux")
    db, env = demo_database(tmp_path)
    term = start_app(tmux, db, env)
    try:
        screen = sign_in(term, "Demo", "975310")
        assert "975310" not in screen
        assert "I want to find a place to live" in screen
        assert "I want a safe place of my own" in screen  # the vision, first

        term.keys("F12")
        screen = term.wait_for("Sign in to your plan")
        assert "find a place to live" not in screen
        assert "Demo" not in screen

        term.keys("C-q")
        term.wait_until_gone()
    finally:
        term.close()


def test_wrong_pin_in_a_real_terminal(tmp_path):
    tmux = require_tool("tmux")
    db, env = demo_database(tmp_path)
    term = start_app(tmux, db, env)
    try:
        screen = sign_in(term, "Demo", "000000", opens="don't open a plan")
        assert "My plan" not in screen
    finally:
        term.close()


def test_keys_typed_ahead_follow_the_focus_and_the_pin_never_shows(tmp_path):
    # Over a slow SSH link, "name Enter PIN Enter" can arrive in one burst.
    tmux = require_tool("tmux")
    db, env = demo_database(tmp_path)
    term = start_app(tmux, db, env)
    try:
        term.keys(*sign_in_keys("Demo", "975310"))  # one send-keys call: one burst
        screen = term.wait_for("My plan: Demo")
        assert "975310" not in screen
    finally:
        term.close()
