"""Get help now (F9): crisis lines and local resources, large and plain.

Open from every screen, signed in or not. It shows nothing of anyone's plan.
Over SSH nothing can dial, so numbers are shown big enough to read and copy
onto a phone.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from tui.content.help_lines import HelpLine


def help_text(lines: list[HelpLine], staff_note: str | None) -> Text:
    text = Text()
    text.append("Get help now\n", style="bold reverse")
    if staff_note:
        text.append(f"\n{staff_note}\n", style="bold")
    text.append("\nIf someone may be overdosing: call 911, give naloxone, stay with them.\n",
                style="bold")
    for kind, heading in (("line", "Crisis lines"), ("place", "Near here")):
        entries = [line for line in lines if line.kind == kind]
        if not entries:
            continue
        text.append(f"\n{heading}\n", style="bold underline")
        for entry in entries:
            text.append(f"{entry.number}", style="bold")
            text.append(f"  {entry.name}\n")
            text.append(f"  {entry.what_for}\n", style="italic")
            text.append(f"  (checked {entry.checked:%b %-d, %Y})\n", style="dim")
    return text


class GetHelpNowScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f9,q", "close", "Close", id="help_now_close")]

    def __init__(self, lines: list[HelpLine], staff_note: str | None = None):
        super().__init__()
        self.lines, self.staff_note = lines, staff_note

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-now", classes="dialog help"):
            # Site config text, not a person's: still never parsed as markup.
            yield Static(help_text(self.lines, self.staff_note))
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#help-now").focus()

    def action_close(self) -> None:
        self.dismiss()
