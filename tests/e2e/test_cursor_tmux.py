"""The terminal cursor follows the highlighted row, as console screen readers
(speakup, Fenrir) and braille displays (brltty) need: at TERM=linux, after each
Down, the pane's cursor is on the row the app highlights."""

from __future__ import annotations

import subprocess
import time

from tests.conftest import require_tool
from tests.e2e.tmux import SCRIPT, Terminal, demo_database, sign_in
from tui.content import demo
from tui.content.reminders import REMINDERS


def start_on_the_console(tmux: str, tmp_path) -> Terminal:
    db, env = demo_database(tmp_path)
    env["TERM"] = "linux"
    term = Terminal(tmux, [str(SCRIPT), "--db", str(db)], env)
    sign_in(term)
    return term


def cursor_line(term: Terminal) -> tuple[int, str]:
    y = int(subprocess.run([term.tmux, "display-message", "-p", "-t", term.name, "#{cursor_y}"],
                           capture_output=True, text=True, check=True).stdout)
    return y, term.screen().splitlines()[y] if y < len(term.screen().splitlines()) else ""


def cursor_comes_to(term: Terminal, words: str, timeout: float = 15.0) -> int:
    """The cursor's row once the line under it starts with `words` (the row's
    first cell; in a dialog, inside its border); fails if it never does."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        y, line = cursor_line(term)
        if line.split("│", 1)[-1].strip().startswith(words):
            return y
        time.sleep(0.1)
    y, line = cursor_line(term)
    raise AssertionError(f"the cursor stayed on row {y}: {line!r}, not on {words!r}.\n"
                         f"{term.screen()}")


def walk_down(term: Terminal, rows: list[str]) -> list[int]:
    """Down through `rows` (the first is highlighted now): the cursor's row at each."""
    seen = [cursor_comes_to(term, rows[0])]
    for row in rows[1:]:
        term.keys("Down")
        seen.append(cursor_comes_to(term, row))
    return seen


def test_the_cursor_follows_the_goal_board_and_the_steps_list(tmp_path):
    term = start_on_the_console(require_tool("tmux"), tmp_path)
    try:
        term.keys("F3")
        term.wait_for("sorted by importance")
        by_importance = [text for text, _importance, _timeline in
                         sorted(demo.SHORT_TERM_GOALS, key=lambda goal: (goal[1], goal[2]))]
        # (a tie in importance is shown in timeline order)
        rows = walk_down(term, [text[:20] for text in by_importance])
        assert rows == sorted(set(rows))  # down each time (a long goal wraps to two lines)
        # The steps of the goal highlighted: the housing goal, second by importance.
        term.keys("Up", "Up", "Up")
        cursor_comes_to(term, "I want to find a place")
        term.keys("F4")
        term.wait_for("Steps toward: I want to find a place to live")
        steps = [f"{number}   {specific[:20]}"
                 for number, (specific, *_rest) in enumerate(demo.HOUSING_STEPS, start=1)]
        rows = walk_down(term, steps)
        assert rows == sorted(set(rows))
    finally:
        term.close()


def test_the_cursor_follows_the_contacts(tmp_path):
    term = start_on_the_console(require_tool("tmux"), tmp_path)
    try:
        term.keys("F5")
        term.wait_for("My warning signs")
        term.keys("c")
        term.wait_for("People and lines in my plan")
        rows = walk_down(term, [contact["name"][:15] for contact in demo.CONTACTS])
        assert rows == list(range(rows[0], rows[0] + len(rows)))
    finally:
        term.close()


def test_the_cursor_follows_the_reminders(tmp_path):
    term = start_on_the_console(require_tool("tmux"), tmp_path)
    try:
        term.keys("r")
        term.wait_for("Reminders that speak to me")
        ticks = [f"▐{'X' if text in demo.REMINDERS else ' '}▌ {text[:30]}"
                 for text in REMINDERS[:5]]
        rows = walk_down(term, ticks)
        assert rows == list(range(rows[0], rows[0] + len(rows)))
    finally:
        term.close()
