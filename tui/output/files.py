"""Writing the pocket card to a file (txt, md or pdf), used by the command line
and by the crisis screen's export and print keys. The file is private to its
owner (mode 0600) and appears whole or not at all. Messages are in the language
in effect."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from tui.output.cards import PlanSnapshot, pocket_card_markdown, pocket_card_text
from tui.content.help_lines import HelpLine
from tui.i18n import _

FORMATS = ("txt", "md", "pdf")


class ExportError(Exception):
    """The file could not be written; the message says what to do."""


def write_privately(path: Path, write) -> None:
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


def export_card(snapshot: PlanSnapshot, fmt: str, path: Path, help_lines: list[HelpLine],
                font: Path | None = None) -> None:
    if fmt not in FORMATS:
        raise ExportError(_("The card can be saved as {formats}, not {format}.").format(
            formats=", ".join(FORMATS), format=fmt))
    if fmt == "pdf":
        from tui.output.card_pdf import write_pocket_card

        write_privately(path, lambda target: write_pocket_card(snapshot, help_lines, target, font))
        return
    text = pocket_card_text(snapshot) if fmt == "txt" else pocket_card_markdown(snapshot)
    write_privately(path, lambda target: target.write_text(text, encoding="utf-8"))
