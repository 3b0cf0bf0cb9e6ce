"""Writing a file the app makes (a pocket card, a check-in summary, the whole
plan, recovery codes to print): private to its owner (mode 0600), and whole or
not at all. Messages are in the language in effect and say what to do."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from tui.i18n import _


class ExportError(Exception):
    """The file could not be written; the message says what to do."""


def write_privately(path: Path, write) -> None:
    """`write(target)` makes the file at a temporary path beside `path` (mode
    0600 before a byte is in it), which then replaces `path` in one step."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(_("The folder {folder} doesn't exist. Choose another place to save.").format(
            folder=folder))
    try:
        handle, temporary = tempfile.mkstemp(prefix=".card-", dir=folder)
    except PermissionError:
        raise ExportError(_("Can't save in {folder}: no permission. Choose another place.").format(
            folder=folder)) from None
    except OSError as error:
        raise ExportError(_("Can't save in {folder}: {reason}.").format(
            folder=folder, reason=error.strerror)) from None
    try:
        os.close(handle)
        os.chmod(temporary, 0o600)
        write(Path(temporary))
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        if error.errno == 28:
            raise ExportError(_("The disk is full. Ask staff to free some space.")) from None
        raise ExportError(_("Can't save {path}: {reason}.").format(
            path=path, reason=error.strerror)) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
