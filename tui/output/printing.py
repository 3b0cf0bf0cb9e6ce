"""Printing at a kiosk, where a person can't fetch a file: the pocket card,
a check-in summary, recovery codes.

The site config names a command (`[printer] command = "lp -d frontdesk"`); the
file's path is added as its last argument. No shell is involved. Messages are
in the language in effect.
"""

from __future__ import annotations

import shlex
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from tui.i18n import _

PRINT_TIMEOUT_SECONDS = 30


class PrintError(Exception):
    """Printing did not work; the message says what to do."""


def print_file(command: str | None, path: Path) -> None:
    if not command:
        raise PrintError(_("No printer is set up here. Ask staff, or save the card to a file instead."))
    try:
        argv = shlex.split(command) + [str(path)]
    except ValueError:
        raise PrintError(_("The printer setting has a mistake in it. Please ask staff to fix it.")) from None
    try:
        result = subprocess.run(argv, capture_output=True, timeout=PRINT_TIMEOUT_SECONDS,
                                stdin=subprocess.DEVNULL)
    except FileNotFoundError:
        raise PrintError(_("The print command {command} isn't installed. Please ask staff.").format(
            command=repr(argv[0]))) from None
    except subprocess.TimeoutExpired:
        raise PrintError(_("The printer did not answer. Please ask staff to check it.")) from None
    except OSError as error:
        raise PrintError(_("Printing could not start ({reason}). Please ask staff.").format(
            reason=error.strerror)) from None
    if result.returncode != 0:
        raise PrintError(_("The printer said no. Please ask staff to check it."))


def print_made(command: str | None, file_name: str, write: Callable[[Path], None]) -> None:
    """Make a file with `write(path)` in a private temporary folder (mode 0600),
    print it, and leave nothing behind. Raises ExportError or PrintError."""
    from tui.output.files import write_privately

    with tempfile.TemporaryDirectory(prefix="recovery-plan-") as folder:
        page = Path(folder) / file_name
        write_privately(page, write)
        print_file(command, page)
