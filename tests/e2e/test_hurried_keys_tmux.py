"""The kiosk path tried with keys the way people really press them, on the installed
command in tmux at 80x24, as a terminal emulator and as the Linux console (TERM=linux):
F5 before the name, Enter and PgDn only through a check-in, the key bar on every
screen, and what the next person at the kiosk sees."""

from __future__ import annotations

import time

import pytest

from tests.conftest import require_tool
from tests.e2e.tmux import demo_database, sign_in, start_app
from tui.content.demo import DEMO_NAME, DEMO_PIN

TERMS = pytest.mark.parametrize("term_name", ["xterm-256color", "linux"])


def started(tmp_path, term_name: str, now: str | None = None):
    tmux = require_tool("tmux")
    db, env = demo_database(tmp_path)
    env["TERM"] = term_name
    if now:
        env["RECOVERY_PLAN_NOW"] = now
    return db, env, start_app(tmux, db, env)


def colours(term) -> str:
    """The screen with its colours (tmux's escape sequences for them)."""
    import subprocess

    return subprocess.run([term.tmux, "capture-pane", "-p", "-e", "-t", term.name],
                          capture_output=True, text=True).stdout


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


def exported_steps(db, env) -> list[dict]:
    """The housing goal's steps, as the installed command exports them."""
    import json
    import subprocess

    from tests.e2e.tmux import SCRIPT

    result = subprocess.run([str(SCRIPT), "--db", str(db), "export", DEMO_NAME, "--format", "json",
                             "-o", "-", "--pin-stdin"], input=DEMO_PIN + "\n", capture_output=True,
                            text=True, env=env, check=True, timeout=60)
    plan = json.loads(result.stdout)["plan"]
    (housing,) = [goal for goal in plan["goals"] if goal["text"] == "I want to find a place to live"]
    return housing["steps"]


@TERMS
def test_a_check_in_with_d_enter_a_note_and_pgdn_keeps_every_step_as_it_was(tmp_path, term_name):
    db, env, term = started(tmp_path, term_name, now="2026-12-03T10:00")
    try:
        steps_before = exported_steps(db, env)
        sign_in(term)
        term.keys("k")
        term.wait_for("step 1 of 2")
        term.keys("d")
        term.wait_for("Anything to remember about it?")
        term.keys("Enter")  # as if to say "yes"
        term.type("Found two places")
        term.wait_for("Found two places")
        term.keys("PageDown")
        term.wait_for("step 2 of 2")
        term.keys("PageDown")
        term.wait_for("Check-in kept")
        term.wait_for("Found two places")  # the note, kept with the step done
        term.keys("Escape")
        term.wait_for("My plan: Demo")
        term.keys("F12")
        term.wait_for("Sign in to your plan")
    finally:
        term.close()
    steps_after = exported_steps(db, env)
    assert steps_after[0]["done"] is True
    for before, after in zip(steps_before, steps_after, strict=True):
        for part in ("specific", "measurable", "achievable", "when_text", "bring"):
            assert after[part] == before[part], (part, before[part], after[part])


@TERMS
def test_f9_is_in_the_key_bar_of_every_screen_at_80_columns(tmp_path, term_name):
    _db, _env, term = started(tmp_path, term_name)
    try:
        assert "f9 Get help now" in term.screen().splitlines()[-1]
        sign_in(term)
        for key, shows in (("F3", "Short-term goals"), ("F4", "Steps toward"),
                           ("F5", "My crisis plan"), ("o", "e Edit  p Print card"),
                           ("F6", "My resilience toolkit"), ("F2", "My plan: Demo"),
                           ("F3", "Short-term goals"), ("a", "Add a goal")):
            term.keys(key)
            screen = term.wait_for(shows)
            time.sleep(0.3)  # the key bar is laid out after the screen's first paint
            screen = term.screen()
            bar = screen.rstrip("\n").splitlines()[-1]
            assert "f9 Get help now" in bar and "f1 Help" in bar, (key, bar)
            assert not bar.rstrip().endswith(("▏", "^q")), bar
    finally:
        term.close()


@TERMS
def test_a_message_waits_while_the_crisis_lines_show(tmp_path, term_name):
    _db, _env, term = started(tmp_path, term_name)
    try:
        sign_in(term)
        term.keys("b")
        term.wait_for("Build my plan   step 1 of")
        term.keys("Escape")
        term.wait_for("You stopped at step")
        term.keys("F9")  # while the message shows
        screen = term.wait_for("Never Use Alone")
        time.sleep(0.5)
        screen = term.screen()
        assert "stopped" not in screen and "Kept." not in screen, screen
        lines = screen.splitlines()
        line = next(i for i, text in enumerate(lines) if "Never Use Alone" in text)
        assert "help if you stop answering" in " ".join(lines[line:line + 3]), screen
        term.keys("Escape")
        term.wait_for("You stopped at step")  # shown once the lines are closed
    finally:
        term.close()


@TERMS
def test_the_next_person_gets_the_sites_theme_and_no_messages(tmp_path, term_name):
    db, env, term = started(tmp_path, term_name)
    term.close()
    from tests.e2e.tmux import SCRIPT, Terminal

    term = Terminal(require_tool("tmux"), [str(SCRIPT), "--db", str(db), "--kiosk"], env)
    try:
        term.wait_for("Sign in to your plan")
        time.sleep(0.5)
        first_look = colours(term)
        sign_in(term)
        term.keys("C-p")
        term.wait_for("Search for commands")
        term.type("theme")
        term.wait_for("Change the current theme")
        term.keys("Enter")
        term.type("textual-light")
        term.keys("Enter")
        term.wait_for_no("textual-light")  # the palette closed (a key sent before went into it)
        time.sleep(0.5)  # and the new theme is drawn: a key in that instant can be lost (Textual)
        term.keys("b")
        term.wait_for("Build my plan   step 1 of")
        term.keys("Escape")
        term.wait_for("You stopped at step")
        term.keys("C-q")  # a kiosk's sign-out
        term.wait_for("Sign in to your plan")
        time.sleep(0.5)
        assert "You stopped at step" not in term.screen()
        assert colours(term) == first_look  # the site's theme, as the first person had it
    finally:
        term.close()


@TERMS
def test_down_and_f4_sent_together_open_the_steps_of_the_goal_moved_to(tmp_path, term_name):
    """The demo board starts on its first goal; Down then F4 in one burst opens
    the second goal's steps (the housing goal), not the first's."""
    _db, _env, term = started(tmp_path, term_name)
    try:
        sign_in(term)
        term.keys("F3")
        term.wait_for("Short-term goals")
        time.sleep(0.5)
        term.keys("Down", "F4")  # one tmux command: the terminal gets both at once
        screen = term.wait_for("Steps toward")
        assert "Steps toward: I want to find a place to live" in screen, screen
        term.keys("Escape")
        screen = term.wait_for("Short-term goals")
        detail = screen.split("──────────")[-1]  # the selected goal, whole, under the tables
        assert "I want to find a place to live" in detail, screen
    finally:
        term.close()


@TERMS
def test_name_tab_and_pin_sent_together_open_the_plan_and_the_pin_never_shows(tmp_path, term_name):
    _db, _env, term = started(tmp_path, term_name)
    try:
        term.type(DEMO_NAME)
        term.keys("Tab")
        term.type(DEMO_PIN)
        assert DEMO_PIN not in term.screen()
        term.keys("Enter")
        screen = term.wait_for("My plan: Demo")
        assert DEMO_PIN not in screen
    finally:
        term.close()
