"""The line-by-line conversation of plain mode: plain lines out, one answer in.

Nothing here writes an escape sequence: no colour, no cursor movement, no
clearing. A screen reader speaks each line as it comes, and a braille display
shows it. Every word a person wrote passes through `displayable()` first, so
nothing they typed or imported can reach the terminal as a control code.

- Long text is wrapped at the terminal's width and paged: after a screenful,
  a "more" question. Enter goes on, a reads all the rest without stopping,
  s stops (back to the menu).
- Answers are whole lines. Reading waits with a deadline: while a plan is open
  the idle lock applies (a warning first, then the lock ends the session).
- A PIN is read with the terminal's echo off, as getpass does, through the
  same reader (so the idle lock and typed-ahead lines work the same).
"""

from __future__ import annotations

import os
import select
import shutil
import sys
import textwrap
import time

from tui.i18n import N_, _, ngettext
from tui.store.text import displayable

WARN_SECONDS = 30  # the full-screen app's warning time (tui.screens.idle)
MORE = N_("More follows. Enter: go on. a: read all the rest. s: stop.")


class Leave(Exception):
    """Standard input ended (Ctrl+D, or the terminal closed)."""


class Back(Exception):
    """Ctrl+C: stop this question, back to the menu."""


class Stop(Exception):
    """s at a "more" question: stop reading, back to the menu."""


class IdleTimeout(Exception):
    """No answer in the time allowed; whatever was half typed is gone."""


def seconds_words(seconds: float) -> str:
    if seconds >= 60 and seconds % 60 == 0:
        minutes = int(seconds // 60)
        return ngettext("{n} minute", "{n} minutes", minutes).format(n=minutes)
    whole = max(1, int(seconds + 0.999))
    return ngettext("{n} second", "{n} seconds", whole).format(n=whole)


class Talk:
    """Says lines and asks questions on a terminal (or any pair of files)."""

    def __init__(self, stdin=None, stdout=None):
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout
        self.fd = self.stdin.fileno()
        self.is_tty = os.isatty(self.fd)
        self._pending = b""  # bytes read past the end of the last line
        self._ended = False
        self.idle_seconds: float | None = None  # None: no idle limit
        self.warning = ""  # said when the idle limit is near; "{time}" is filled in
        self._said = 0  # lines said since the last question (for "more")
        self._no_more = False  # a: read on without stopping, until the next question
        self.measure()

    def measure(self) -> None:
        """The terminal's size now (a window may be resized between questions)."""
        columns, rows = shutil.get_terminal_size(fallback=(80, 24))
        # One column short: a line that fills the last column makes some
        # terminals wrap, and a reader would speak an empty line.
        self.width = max(20, min(columns, 101) - 1)
        self.rows = rows

    # -- saying -----------------------------------------------------------

    def _write(self, text: str) -> None:
        self.stdout.write(text)
        self.stdout.flush()

    def _write_prompt(self, prompt: str) -> None:
        # A question may quote a person's words ("Enter keeps {when}"): made harmless.
        self._write("\n".join(self.wrap(displayable(prompt))) + "\n")

    def say(self, text: str = "", indent: str = "") -> None:
        """The app's words, wrapped; paged when a screenful has gone by."""
        # A screenful: the lines said and the "more" question under them.
        page = max(3, self.rows - len(self.wrap(_(MORE))))
        for line in self.wrap(text, indent):
            if self._said >= page and not self._no_more:
                self._more()
            self._write(line + "\n")
            self._said += 1

    def person(self, text: str, indent: str = "") -> None:
        """A person's words: made harmless, then said like the app's."""
        self.say(displayable(text), indent)

    def wrap(self, text: str, indent: str = "") -> list[str]:
        lines: list[str] = []
        for paragraph in text.split("\n"):
            lines += textwrap.wrap(paragraph, width=self.width, initial_indent=indent,
                                   subsequent_indent=indent, break_on_hyphens=False,
                                   break_long_words=True) or [""]
        return lines

    def _more(self) -> None:
        answer = self.ask(_(MORE)).strip().casefold()
        if answer == "s":
            raise Stop
        if answer == "a":
            self._no_more = True

    # -- asking -----------------------------------------------------------

    def ask(self, prompt: str, blank_ok: bool = True) -> str:
        """One line typed by the person (without its newline). The prompt ends
        its own line, so a screen reader says it whole before the answer."""
        while True:
            self._write_prompt(prompt)
            self._said, self._no_more = 0, False
            answer, warned = self._read_line()
            self.measure()
            if warned and not answer.strip():
                continue  # Enter after the idle warning says "still here": ask again
            if answer.strip() or blank_ok:
                return answer

    def ask_secret(self, prompt: str) -> str:
        """A line typed without echo (a PIN), as getpass does. The echo goes off
        before the prompt is written, so a PIN typed the moment the prompt is
        heard is never shown; lines typed ahead are kept (no flush)."""
        self._said, self._no_more = 0, False
        if not self.is_tty:
            self._write_prompt(prompt)
            return self._read_line()[0]
        import termios

        saved = termios.tcgetattr(self.fd)
        quiet = list(saved)
        quiet[3] &= ~(termios.ECHO | termios.ECHONL)
        termios.tcsetattr(self.fd, termios.TCSADRAIN, quiet)
        try:
            self._write_prompt(prompt)
            return self._read_line()[0]
        finally:
            termios.tcsetattr(self.fd, termios.TCSADRAIN, saved)
            self._write("\n")  # the person's Enter was not echoed

    def _read_line(self) -> tuple[str, bool]:
        """The next line, and whether the idle warning was given while waiting."""
        deadline = None if self.idle_seconds is None else time.monotonic() + self.idle_seconds
        warned = False
        while b"\n" not in self._pending:
            if self._ended:
                if self._pending:
                    break
                raise Leave
            wait = None
            if deadline is not None:
                left = deadline - time.monotonic()
                warn_for = min(WARN_SECONDS, self.idle_seconds / 2)
                if left <= 0:
                    self.forget_typing()
                    raise IdleTimeout
                if not warned and left <= warn_for:
                    warned = True
                    if self.warning:
                        self._write(self.warning.format(time=seconds_words(left)) + "\n")
                    continue
                wait = left - warn_for if not warned else left
            try:
                ready, _w, _x = select.select([self.fd], [], [], wait)
            except KeyboardInterrupt:
                self.forget_typing()
                self._write("\n")
                raise Back from None
            if ready:
                chunk = os.read(self.fd, 4096)
                if chunk:
                    self._pending += chunk
                else:
                    self._ended = True
        line, _nl, self._pending = self._pending.partition(b"\n")
        return line.decode("utf-8", errors="replace").rstrip("\r"), warned

    def forget_typing(self) -> None:
        """Drop what was typed and not yet answered (after a lock, so the next
        person finds nothing of it)."""
        self._pending = b""
        if self.is_tty:
            import termios

            termios.tcflush(self.fd, termios.TCIFLUSH)
