"""Locking in a real terminal that acts like the Linux console (no alternate
screen, TERM=linux): F12 and the idle lock leave nothing of the plan on the
screen or in the scrollback, and no plan key brings it back; a hang-up while
typing keeps the words and puts the terminal back; on a kiosk no key ends the
app; quitting leaves nothing of the plan behind."""

from __future__ import annotations

import os
import signal
import time

from tests.conftest import require_tool
from tests.e2e.tmux import BEFORE_APP, ShellTerminal, demo_database
from tests.e2e.tmux import sign_in as sign_in_by_keys
from tui.content.demo import DEMO_NAME, DEMO_PIN
from tui.store import open_store, sign_in

# Words of the demo plan that the sign-in screen never shows.
PLAN_WORDS = ("My plan: Demo", "find a place to live", "my brother", "Craigslist",
              "front pocket", "Short-term goals")
# Every key that opens part of a plan once signed in: F-keys, their Ctrl aliases, digits.
PLAN_KEYS = ("F2", "F3", "F4", "F5", "F6", "F7", "C-o", "C-n", "C-s", "C-r", "C-t", "C-]",
             "2", "3", "4", "5", "6", "7")


def assert_no_plan_anywhere(term: ShellTerminal, after: str) -> None:
    screen, history = term.screen(), term.history()
    for words in PLAN_WORDS:
        assert words not in screen, f"{words!r} on the screen after {after}:\n{screen}"
        assert words not in history, f"{words!r} in the scrollback after {after}:\n{history}"
    # The lines the shell wrote before the app are gone too: the scrollback was cleared.
    assert BEFORE_APP not in history, f"the scrollback was not cleared after {after}:\n{history}"


def test_f12_clears_the_screen_and_scrollback_and_no_plan_key_brings_the_plan_back(tmp_path):
    tmux = require_tool("tmux")
    db, env = demo_database(tmp_path)
    term = ShellTerminal(tmux, db, env)
    try:
        sign_in_by_keys(term)
        term.keys("F3")
        term.wait_for("Short-term goals")
        term.keys("F5")
        term.wait_for("front pocket")
        term.keys("F12")
        term.wait_for("Sign in to your plan")
        assert_no_plan_anywhere(term, "F12")
        for key in PLAN_KEYS:
            term.keys(key)
            time.sleep(0.3)
            assert_no_plan_anywhere(term, key)
            term.keys("Escape")  # out of Learn or a new plan, if the key opened one
            time.sleep(0.3)
        term.wait_for("Sign in to your plan")
        assert_no_plan_anywhere(term, "every plan key")
    finally:
        term.close()


def test_the_idle_lock_warns_then_clears_the_plan(tmp_path):
    tmux = require_tool("tmux")
    db, env = demo_database(tmp_path)
    term = ShellTerminal(tmux, db, env, "--idle-lock", "6")
    try:
        sign_in_by_keys(term)
        screen = term.wait_for("Are you still here?")  # 3 seconds before the lock
        assert "Your plan locks in" in screen
        assert "find a place to live" not in screen  # the warning covers the plan
        term.wait_for("Sign in to your plan")
        assert_no_plan_anywhere(term, "the idle lock")
        for key in ("F2", "C-o", "2"):
            term.keys(key)
            time.sleep(0.3)
            assert_no_plan_anywhere(term, key)
    finally:
        term.close()


def test_a_hang_up_while_typing_keeps_the_words_and_puts_the_terminal_back(tmp_path):
    tmux = require_tool("tmux")
    db, env = demo_database(tmp_path)
    words = "hangup4711 keep these words"
    term = ShellTerminal(tmux, db, env, console=False)  # with an alternate screen to leave
    try:
        # Ctrl+R: the crisis plan right after the PIN.
        sign_in_by_keys(term, key="C-r", opens="front pocket")
        term.keys("e")
        term.wait_for("Change: My crisis plan")
        term.type(words)
        term.wait_for(words)
        assert term.flag("alternate_on") == "1"
        os.kill(term.app_pid(), signal.SIGHUP)  # sooner than a draft is kept
        screen = term.wait_for(f"ended {128 + signal.SIGHUP}")
        assert words not in screen
        settings = " ".join(screen.split())
        for setting in ("icanon", "echo", "isig", "icrnl", "ixon"):
            assert f"-{setting} " not in settings, settings
        assert (term.flag("alternate_on"), term.flag("cursor_flag"), term.flag("mouse_any_flag"),
                term.flag("mouse_sgr_flag")) == ("0", "1", "0", "0")
    finally:
        term.close()
    store = open_store(db)
    try:
        saved = sign_in(store, DEMO_NAME, DEMO_PIN).section("crisis").fields["warning_signs"]
        # Typed after the saved words (the cursor goes to their end), both kept.
        assert saved.startswith("I stop answering my phone.") and saved.endswith(words)
    finally:
        store.close()


def test_on_a_kiosk_ctrl_q_ctrl_c_and_ctrl_z_never_end_the_app(tmp_path):
    tmux = require_tool("tmux")
    db, env = demo_database(tmp_path)
    term = ShellTerminal(tmux, db, env, "--kiosk")
    try:
        for key in ("C-q", "C-c", "C-z"):
            term.keys(key)
            time.sleep(0.5)
            assert "ended" not in term.screen()
        term.wait_for("Sign in to your plan")
        sign_in_by_keys(term)
        for key in ("C-c", "C-z"):
            term.keys(key)
            time.sleep(0.5)
            assert "ended" not in term.screen()
        term.wait_for("My plan: Demo")
        term.keys("C-q")  # signs out: back to sign-in, the app stays
        term.wait_for("Sign in to your plan")
        time.sleep(0.5)
        assert "ended" not in term.screen()
        assert_no_plan_anywhere(term, "Ctrl+Q on a kiosk")
    finally:
        term.close()


def test_quitting_on_the_console_leaves_nothing_of_the_plan(tmp_path):
    tmux = require_tool("tmux")
    db, env = demo_database(tmp_path)
    term = ShellTerminal(tmux, db, env)
    try:
        sign_in_by_keys(term)
        term.keys("C-q")
        term.wait_for("ended 0")
        assert_no_plan_anywhere(term, "quitting")
    finally:
        term.close()
