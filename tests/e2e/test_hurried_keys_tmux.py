"""The kiosk path tried with keys the way people really press them, on the installed
command in tmux at 80x24, as a terminal emulator and as the Linux console (TERM=linux):
F5 before the name, Enter and PgDn only through a check-in, the key bar on every
screen, and what the next person at the kiosk sees."""

from __future__ import annotations

import pytest

from tests.conftest import require_tool
from tests.e2e.tmux import demo_database, start_app
from tui.content.demo import DEMO_NAME, DEMO_PIN

TERMS = pytest.mark.parametrize("term_name", ["xterm-256color", "linux"])


def started(tmp_path, term_name: str, now: str | None = None):
    tmux = require_tool("tmux")
    db, env = demo_database(tmp_path)
    env["TERM"] = term_name
    if now:
        env["RECOVERY_PLAN_NOW"] = now
    return db, env, start_app(tmux, db, env)


def sign_in(term) -> None:
    term.type(DEMO_NAME)
    term.keys("Enter")
    term.type(DEMO_PIN)
    term.keys("Enter")
    term.wait_for("My plan: Demo")


@TERMS
def test_f5_before_the_name_opens_the_crisis_plan_and_the_pin_never_shows(tmp_path, term_name):
    _db, _env, term = started(tmp_path, term_name)
    try:
        term.keys("F5")
        term.wait_for("After your PIN, your crisis plan opens.")
        term.type(DEMO_NAME)
        term.wait_for(f"{DEMO_NAME} ")  # in the name box, where it shows
        term.keys("Enter")
        term.type(DEMO_PIN)
        screen = term.wait_for("\u2022" * len(DEMO_PIN))  # in the PIN box, masked
        assert DEMO_PIN not in screen, screen
        term.keys("Enter")
        screen = term.wait_for("My crisis plan")
        assert DEMO_PIN not in screen
    finally:
        term.close()
