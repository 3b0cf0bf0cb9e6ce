"""A file for the person to keep (the pocket card, a check-in summary). At a
terminal it is saved where they say; in a browser (recovery-plan serve) the
server's disk is out of their reach, so the file is made in a private temporary
folder and handed to the browser as a download, and nothing of it stays behind."""

from __future__ import annotations

import io
import tempfile
from collections.abc import Callable
from pathlib import Path

from tui.output.formats import media_type


def download_name(typed: str, default: str) -> str:
    """The file name a browser saves under: the last part of what was typed."""
    return Path(typed.strip()).name or default


def deliver_download(app, file_name: str, write: Callable[[Path], None]) -> None:
    """Make the file with `write(path)` (it may raise ExportError), then send it to
    the browser as a download named `file_name`."""
    with tempfile.TemporaryDirectory(prefix="recovery-plan-") as folder:
        path = Path(folder) / file_name
        write(path)
        data = path.read_bytes()
    app.deliver_binary(io.BytesIO(data), save_filename=file_name, mime_type=media_type(file_name),
                       name=file_name)
