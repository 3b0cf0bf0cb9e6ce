"""Plain mode (`recovery-plan --plain`, or `[display] plain = true`): the app
as a line-by-line conversation on standard input and output, for people who
use a screen reader or a braille display. Never imports textual: no
full-screen drawing, no colours, no escape sequences at all.
See docs/accessibility.md."""

from __future__ import annotations

import signal
import sys


def run_plain(config) -> int:
    from tui.plain.session import PlainSession

    def end(signum, _frame):
        sys.exit(128 + signum)  # through every `finally`: the terminal's echo comes back

    for signum in (signal.SIGHUP, signal.SIGTERM):
        signal.signal(signum, end)
    if config.kiosk:
        # A shared kiosk never leaves to a shell (as in the full-screen app).
        for signum in (signal.SIGINT, signal.SIGQUIT, signal.SIGTSTP):
            signal.signal(signum, signal.SIG_IGN)
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="replace")
    return PlainSession(config).run()
