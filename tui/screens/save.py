"""Saving and printing what a person keeps (the pocket card, a check-in
summary, recovery codes): one save dialog and one print helper, for every
screen that saves or prints.

At a terminal a file is saved where the person says, its format picked by the
name's ending (tui.output.formats); in a browser the server's disk is out of
their reach, so it is made in a private temporary folder and handed to the
browser as a download (tui.output.delivery).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, Label, Static

from tui.i18n import _
from tui.store import StoreError
from tui.store.paths import expand_home
from tui.widgets.fields import TextInput
from tui.widgets.footer import Footer
from tui.widgets.person_text import person_text


@dataclass(frozen=True)
class SaveWords:
    """What a save dialog says (msgids, marked N_ where they are written)."""

    title: str  # "Save my pocket card"
    label: str  # which endings the name may have
    wrong_ending: str  # asked again when the name has another ending
    saved: str  # at a terminal, with {path}
    downloading: str  # in a browser, with {name}


class SaveFileDialog(ModalScreen[None]):
    """Save a file; the format follows the name's ending. Each kind of file is
    a subclass that names its document (tui.output.formats), words, field ids,
    default file name and Esc binding id, and reads what is saved."""

    DOCUMENT: str
    WORDS: SaveWords
    FIELD_ID: str  # the file name box
    MESSAGE_ID: str  # where a problem is said

    def file_name(self) -> str:
        """The name offered first (in the home folder, at a terminal)."""
        raise NotImplementedError

    def value(self):
        """What is saved, read when the file is made (it may raise StoreError)."""
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(_(self.WORDS.title), style="bold"))
            yield Label(Text(_(self.WORDS.label)))
            browser = self.app.in_browser  # a download: a name only, no folder on the server
            name = self.file_name()
            yield TextInput(name if browser else str(Path.home() / name), id=self.FIELD_ID,
                            select_on_focus=True)
            yield Static(id=self.MESSAGE_ID, classes="message")
            yield Static(Text(_("Enter: download to this computer    Esc: cancel") if browser
                              else _("Enter: save    Esc: cancel")), classes="hint")
        yield Footer()

    @on(Input.Submitted)
    def _save(self, event: Input.Submitted) -> None:
        from tui.output.delivery import deliver_download, download_name
        from tui.output.files import ExportError
        from tui.output.fonts import find_font
        from tui.output.formats import for_file_name, save

        browser = self.app.in_browser
        # A browser's name is a name only (download_name).
        path = (Path(download_name(event.value, self.file_name())) if browser
                else expand_home(event.value.strip()))
        message = self.query_one(f"#{self.MESSAGE_ID}", Static)
        fmt = for_file_name(self.DOCUMENT, path)
        if fmt is None:
            message.update(Text(_(self.WORDS.wrong_ending)))
            return

        def write(target: Path) -> None:
            save(self.DOCUMENT, fmt.name, self.value(), target, find_font(self.app.config.card_font))

        try:
            if browser:
                deliver_download(self.app, path.name, write)
            else:
                write(path)
        except (StoreError, ExportError) as error:
            message.update(person_text(str(error)))
            return
        if browser:
            self.app.notify(_(self.WORDS.downloading).format(name=path.name), markup=False)
        else:
            self.app.notify(_(self.WORDS.saved).format(path=path), markup=False)
        self.dismiss()

    def action_cancel(self) -> None:
        self.dismiss()


def print_in_background(screen: Screen, file_name: str, write: Callable[[Path], None], *,
                        sending: str, done: str, group: str) -> None:
    """Say the file is on its way, then make it with `write(path)` and print it
    on the site's printer in a thread (a slow printer never holds up the keys);
    say how it went. `sending` and `done` are msgids (marked N_)."""
    from tui.output.files import ExportError
    from tui.output.printing import PrintError, print_made

    screen.notify(_(sending), markup=False)

    def send() -> None:
        try:
            print_made(screen.app.config.printer_command, file_name, write)
        except (StoreError, ExportError, PrintError) as error:
            screen.app.call_from_thread(screen.notify, str(error), severity="error", markup=False)
        else:
            screen.app.call_from_thread(screen.notify, _(done), markup=False)

    screen.run_worker(send, thread=True, exclusive=True, group=group)


def pdf_writer(document: str, value: Callable[[], object], font_setting: str | None
               ) -> Callable[[Path], None]:
    """`write(path)` for print_in_background: the document as a PDF, `value()`
    read when it is made."""
    from tui.output.fonts import find_font
    from tui.output.formats import find, make

    def write(target: Path) -> None:
        make(find(document, "pdf"), value(), target, find_font(font_setting))

    return write
