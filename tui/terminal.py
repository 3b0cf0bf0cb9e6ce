"""The terminal around the app: clearing what a plan left on it, and putting
it back the way it was after a crash.

Most terminals show a full-screen app on an "alternate screen" and bring back
what was there before when it ends. The Linux console has none: what the app
drew stays on the screen after it ends, and the console keeps lines in its
scrollback. So the app writes the clear sequences itself: on every lock, and
on the way out where the terminal has no alternate screen or on a kiosk.
"""

from __future__ import annotations

import os
import sys

from tui.i18n import N_, _

# Cursor home, clear the screen, clear the scrollback (the Linux console, xterm,
# tmux and most others know all three).
CLEAR = "\x1b[H\x1b[2J\x1b[3J"

# What Textual turns on, turned off again, for when it could not do so itself:
# the kitty keyboard protocol, mouse reports, focus reports, bracketed paste,
# the alternate screen; then line wrap and the cursor back on.
RESET = ("\x1b[<u"
         "\x1b[?1000l\x1b[?1003l\x1b[?1015l\x1b[?1006l\x1b[?1016l"
         "\x1b[?1004l\x1b[?2004l\x1b[?2048l"
         "\x1b[?1049l\x1b[?7h\x1b[?25h")

# Terminals known to have no alternate screen (the Linux console first).
NO_ALTERNATE_SCREEN = ("linux", "vt100", "vt102", "vt220", "cons25", "ansi", "dumb")

CRASH_MESSAGE = N_("Recovery Plan stopped because of a problem it did not expect. "
                   "What was saved is kept. Please tell staff, or start it again.")


def has_alternate_screen(term: str | None = None) -> bool:
    """Whether the terminal brings back its screen when a full-screen app ends
    (terminfo's smcup). Unknown terminals count as not having one."""
    term = os.environ.get("TERM", "") if term is None else term
    if not term or term in NO_ALTERNATE_SCREEN:
        return False
    try:
        import curses

        curses.setupterm(term, sys.__stderr__.fileno())
        return curses.tigetstr("smcup") is not None
    except Exception:  # no terminfo entry, no curses, no terminal: clear to be safe
        return False


def write_to_terminal(text: str) -> None:
    """Write straight to the terminal the app draws on (standard error, as Textual does);
    nothing happens if there is no terminal any more (after a hang-up)."""
    try:
        stream = sys.__stderr__
        if stream is not None and stream.isatty():
            os.write(stream.fileno(), text.encode())
    except (OSError, ValueError):
        pass


class TerminalGuard:
    """Around the app's run: after a crash, the terminal's modes and settings
    come back and a plain message replaces the traceback; the screen is cleared
    on the way out on a kiosk or where the terminal has no alternate screen."""

    def __init__(self, kiosk: bool = False):
        self.kiosk = kiosk
        self.crashed = False
        self._fd: int | None = None
        self._settings = None

    def __enter__(self) -> TerminalGuard:
        try:
            import termios

            stream = sys.__stdin__
            if stream is not None and stream.isatty():
                self._fd = stream.fileno()
                self._settings = termios.tcgetattr(self._fd)
        except (ImportError, OSError, ValueError):
            self._settings = None
        return self

    def __exit__(self, kind, error, trace) -> bool:
        """Swallows an error the app let out (after the plain message), so no
        traceback reaches the screen; `crashed` then says so."""
        escaped = kind is not None and not issubclass(kind, KeyboardInterrupt)
        self.crashed = self.crashed or escaped
        if self.crashed:
            self._restore_settings()
            write_to_terminal(RESET)
        if self.crashed or self.kiosk or not has_alternate_screen():
            write_to_terminal(CLEAR)
        if self.crashed:
            try:
                print(_(CRASH_MESSAGE), file=sys.stderr)
            except (OSError, ValueError):
                pass
        return escaped

    def _restore_settings(self) -> None:
        if self._settings is None:
            return
        import termios

        try:
            termios.tcsetattr(self._fd, termios.TCSANOW, self._settings)
        except (OSError, termios.error):
            pass
