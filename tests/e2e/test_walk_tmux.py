"""Every screen with keys only, on the Linux console's TERM and with NO_COLOR."""

from __future__ import annotations

import time

import pytest

from tests.conftest import require_tool
from tests.e2e.tmux import demo_database, sign_in_keys, start_app


@pytest.mark.parametrize("extra_env", [{"TERM": "linux"}, {"NO_COLOR": "1"}],
                         ids=["linux-console", "no-color"])
def test_walk_every_screen(tmp_path, extra_env):
    tmux = require_tool("tmux")
    db, env = demo_database(tmp_path)
    # tmux sets TERM for the pane itself, so the app is started through env.
    term = start_app(tmux, db, env, prefix=["env", *(f"{k}={v}" for k, v in extra_env.items())])
    try:
        for keys, expected in [
            (["F9"], "988 (call or text)"),
            (["Escape", "F7"], "Your tolerance drops after a break"),
            (["Escape", "F1"], "Keys that work everywhere"),
            (["Escape"], "Sign in to your plan"),
            (sign_in_keys("Demo", "975310"), "My plan: Demo"),
            (["F3"], "sorted by importance"),
            (["s"], "sorted by timeline"),
            (["F4"], "Steps toward: I want to get back in touch with my brother"),
            (["F5"], "My crisis plan"),
            (["o"], "Where I get and keep naloxone"),
            (["Escape", "c"], "People and lines in my plan"),
            (["Escape", "e"], "Change: My crisis plan"),
            (["Escape", "F6"], "My resilience toolkit"),
            (["F2", "r"], "Reminders that speak to me"),
            (["Escape", "F7"], "Learn: staying safer"),
            (["Escape", "F12"], "Sign in to your plan"),
        ]:
            for key in keys:
                term.keys(key)
                # Esc then another key at once reads as one Alt key to any terminal app.
                time.sleep(0.3 if key == "Escape" else 0.05)
            screen = term.wait_for(expected)
            assert "Traceback" not in screen
        assert "front pocket" not in term.screen()
        term.keys("C-q")
        term.wait_until_gone()
    finally:
        term.close()
