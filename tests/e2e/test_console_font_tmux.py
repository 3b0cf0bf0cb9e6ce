"""On the Linux console, every character the app draws is one its fonts have.

The kernel draws from a font of 256 or 512 glyphs; a character the font lacks
comes out as a replacement glyph. tmux draws with a full desktop font, so it
would never show this: the test instead checks each character against the
Unicode tables of Debian's console fonts (console-setup-linux, installed by
.ci/run), read with the same code as `recovery-plan check-font`.

Two views of what the app draws: each screen as tmux holds it (capture-pane,
to say which screen), and every byte the app wrote, escape sequences stripped
(pipe-pane), so nothing shown for a moment between two screens is missed and
no character set switching (which tmux would translate) goes unseen.
"""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import require_tool
from tests.e2e.tmux import SCRIPT, Terminal, demo_database, sign_in_keys
from tui.console_font import describe, font_characters, missing
from tui.i18n import _, language, set_language

FONT_DIR = Path("/usr/share/consolefonts")
FONTS = ("Lat15-Fixed16", "Uni2-VGA16")  # Debian's default for English; the VGA font

# Escape sequences: CSI (colours, cursor), OSC (titles, clipboard: up to BEL or ST),
# and two-character ones (like ESC 7, ESC =). A character set switch (ESC ( 0) is
# caught separately.
ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[ -/]*[0-~]")
CHARSET_SWITCH = re.compile(r"\x1b[()*+][0-9A-Za-z<>=]|[\x0e\x0f]")


def console_fonts() -> dict[str, set[str]]:
    found = {name: FONT_DIR / f"{name}.psf.gz" for name in FONTS}
    lacking = [str(path) for path in found.values() if not path.exists()]
    if lacking:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{lacking} are required in CI (Debian's console-setup-linux)")
        pytest.skip("the console fonts are not installed (Debian's console-setup-linux)")
    return {name: font_characters(path) for name, path in found.items()}


@contextlib.contextmanager
def in_language(code: str):
    before = language()
    set_language(code)
    try:
        yield
    finally:
        set_language(before)


class ConsoleWalk:
    """The installed app at TERM=linux in an 80x24 tmux pane, everything it writes
    kept in a file, each screen it shows collected by name."""

    def __init__(self, tmux: str, tmp_path: Path, code: str):
        db, env = demo_database(tmp_path)
        env["RECOVERY_PLAN_NOW"] = "2026-12-04T10:00"  # a week on: steps are due for a check-in
        self.written = tmp_path / "written.bin"
        self.term = Terminal(tmux, ["env", "TERM=linux", str(SCRIPT), "--db", str(db),
                                    "--lang", code], env)
        subprocess.run([tmux, "pipe-pane", "-O", "-t", self.term.name, f"cat >> '{self.written}'"],
                       check=True)
        self.code = code
        self.screens: dict[str, str] = {}
        self.expect(_("Sign in to your plan."), "sign-in")

    def settled(self, before: str | None = None, timeout: float = 20.0) -> str:
        """The screen once it has stopped changing (and has changed from `before`,
        unless the key changed nothing in 3 seconds)."""
        start = time.monotonic()
        last = None
        while time.monotonic() < start + timeout:
            screen = self.term.screen()
            if screen == last and (screen != before or time.monotonic() > start + 3):
                return screen
            last = screen
            time.sleep(0.4)
        raise AssertionError(f"the screen did not settle. It shows:\n{self.term.screen()}")

    def press(self, *keys: str) -> str:
        before = self.term.screen()
        for key in keys:
            self.term.keys(key)
            # Esc then another key at once reads as one Alt key to any terminal app.
            time.sleep(0.3 if key == "Escape" else 0.05)
        return before

    def type(self, text: str) -> None:
        self.term.type(text)

    def expect(self, text: str, name: str) -> None:
        self.term.wait_for(text)
        self.keep(name, self.settled())

    def visit(self, name: str, *keys: str, expect: str | None = None) -> None:
        before = self.press(*keys)
        if expect is not None:
            self.term.wait_for(expect)
        self.keep(name, self.settled(None if expect else before))

    def keep(self, name: str, screen: str) -> None:
        assert "Traceback" not in screen, screen
        self.screens[f"{name} ({self.code})"] = screen

    def everything_written(self) -> str:
        return self.written.read_bytes().decode("utf-8", "replace")


def walk_every_screen(walk: ConsoleWalk) -> None:
    """Every screen and dialog, as a person reaches them by keys."""
    walk.visit("get help now", "F9", expect="988")
    walk.visit("learn", "Escape", "F7", expect=_("Learn: staying safer"))
    walk.visit("help", "Escape", "F1")
    walk.visit("forgot PIN", "Escape", "F8", expect=_("Forgot your PIN?"))
    walk.visit("new plan", "Escape", "C-n", expect=_("Start your plan"))
    walk.visit("sign-in again", "Escape", expect=_("Sign in to your plan."))
    walk.press(*sign_in_keys("Demo", "975310"))
    walk.expect(_("My plan: {name}").format(name="Demo"), "overview")
    walk.visit("overview, last line", "End")
    walk.visit("reminders", "r", expect=_("Reminders that speak to me"))
    walk.visit("reminder ticked", "Space")
    walk.visit("goal board", "Escape", "F3", expect=_("My goals"))
    walk.visit("goal board, other order", "s")
    walk.visit("add a goal", "a", expect=_("Add a goal"))
    walk.visit("steps", "Escape", "F4", expect=_("Steps toward: {goal}").split("{")[0].strip())
    walk.visit("step editor", "a")
    walk.visit("crisis plan", "F5", expect=_("My crisis plan"))
    walk.visit("crisis plan, scrolled", "End")
    walk.visit("pocket plan", "o", expect=_("Where I get and keep naloxone"))
    walk.visit("contacts", "Escape", "c", expect=_("People and lines in my plan"))
    walk.visit("add a contact", "a")
    walk.type("Sam")
    walk.visit("add a contact, typed", "Tab")
    walk.visit("crisis editor", "Escape", "Escape", "e")
    walk.visit("toolkit", "Escape", "F6", expect=_("My resilience toolkit"))
    walk.visit("toolkit, scrolled", "PageDown")
    walk.visit("overview again", "F2", "Home")
    walk.visit("check-in", "k")
    walk.visit("check-in, done", "d")
    walk.visit("check-in left", "Escape")
    walk.visit("walkthrough, step 1", "F2", "b")
    for number in range(2, 11):
        walk.visit(f"walkthrough, step {number}", "PageDown")
    walk.visit("overview after the walkthrough", "F2")
    for command, dialog in ((_("Change my PIN"), "change my PIN"),
                            (_("Make new recovery codes"), "make new recovery codes"),
                            (_("Delete my plan"), "delete my plan")):
        walk.visit(f"command palette for {dialog}", "C-p", expect=_("Search for commands…"))
        walk.type(command)
        walk.visit(f"command palette, {command!r} typed", "End")
        walk.visit(dialog, "Enter")
        walk.press("Escape")
    walk.visit("locked", "Escape", "F12", expect=_("Sign in to your plan."))


@pytest.mark.parametrize("code", ["en", "es"])
def test_every_character_on_every_screen_is_in_the_console_fonts(tmp_path, code):
    tmux = require_tool("tmux")
    fonts = console_fonts()
    with in_language(code):
        walk = ConsoleWalk(tmux, tmp_path, code)
        try:
            walk_every_screen(walk)
        finally:
            walk.term.close()
    written = walk.everything_written()

    problems = []
    for font, characters in fonts.items():
        for name, screen in walk.screens.items():
            lacking = missing(screen, characters)
            if lacking:
                problems.append(f"{name} shows what {font} lacks:\n{describe(lacking)}\n{screen}")
        drawn = "".join(c for c in ESCAPES.sub("", written) if c >= " ")  # not BEL, BS...
        lacking = missing(drawn, characters)
        if lacking:
            problems.append(f"the app wrote what {font} lacks:\n{describe(lacking)}")
    assert not problems, "\n\n".join(problems)
    assert not CHARSET_SWITCH.search(written), "the app switched character sets"
    assert len(walk.screens) >= 40, sorted(walk.screens)
