"""Get help now (F9): crisis lines and local resources, large and plain.

Open from every screen, signed in or not. It shows nothing of anyone's plan.
Over SSH nothing can dial, so numbers are shown big enough to read and copy
onto a phone.

The app's own lines (the defaults) are in the language in effect; a site's own
lines and staff note are the site's words, shown as written.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.content.help_lines import HelpLine, shown
from tui.i18n import N_, _, format_date
from tui.widgets.footer import Footer


def help_widgets(lines: list[HelpLine], staff_note: str | None) -> list[Static]:
    """The screen's lines. Site config text, not a person's, but never parsed as markup."""
    widgets = [Static(Text(_("Get help now"), style="bold reverse"))]
    if staff_note:
        widgets.append(Static(Text(staff_note, style="bold"), classes="help-gap"))
    widgets.append(Static(Text(
        _("If someone may be overdosing: call 911, give naloxone, stay with them."), style="bold"),
        classes="help-gap"))
    for kind, heading in (("line", _("Crisis lines")), ("place", _("Near here"))):
        entries = [shown(line) for line in lines if line.kind == kind]
        if entries:
            widgets.append(Static(Text(heading, style="bold underline"), classes="help-gap"))
        for entry in entries:
            widgets.append(Static(Text.assemble((entry.number, "bold"), "  ", entry.name)))
            widgets.append(Static(Text.assemble(
                (entry.what_for, "italic"),
                (" " + _("(checked {date})").format(date=format_date(entry.checked, "medium")), "dim")),
                classes="help-detail"))
    return widgets


class GetHelpNowScreen(ModalScreen[None]):
    HOLDS_MESSAGES = True  # no message covers a line: they wait until this closes (see the App)
    BINDINGS = [Binding("escape,f9,q", "close", N_("Close"), id="help_now_close")]

    def __init__(self, lines: list[HelpLine], staff_note: str | None = None):
        super().__init__()
        self.lines, self.staff_note = lines, staff_note

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-now", classes="dialog help"):
            yield from help_widgets(self.lines, self.staff_note)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#help-now").focus()

    def action_close(self) -> None:
        self.dismiss()  # the app shows the messages held while this was open
