"""When the same part of a plan was saved in another session (the kiosk and an
SSH session at once) while this one was typing: show both, and let the person
choose. Nothing is lost silently."""

from __future__ import annotations

from typing import Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.i18n import N_, _
from tui.widgets.footer import Footer
from tui.widgets.person_text import person_text

Choice = Literal["mine", "theirs", "both"]


def both_texts(theirs: str, mine: str) -> str:
    """The other session's words, then these, each kept whole."""
    if not theirs.strip():
        return mine
    if not mine.strip() or mine == theirs:
        return theirs
    return f"{theirs}\n\n{mine}"


class ConflictDialog(ModalScreen[Choice | None]):
    """Both versions of each part that differs; m keeps mine, t takes the
    other, b keeps both (one after the other, to tidy up). Esc decides later:
    what was typed stays on the screen."""

    BINDINGS = [
        Binding("m", "choose('mine')", N_("Keep mine"), id="conflict_mine"),
        Binding("t", "choose('theirs')", N_("Take the other"), id="conflict_theirs"),
        Binding("b", "choose('both')", N_("Keep both"), id="conflict_both"),
        Binding("escape", "choose(None)", N_("Decide later"), id="conflict_later"),
    ]

    def __init__(self, titles: dict[str, str], mine: dict[str, str], theirs: dict[str, str]):
        super().__init__()
        self.titles, self.mine, self.theirs = titles, mine, theirs

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="conflict-box"):
            yield Static(Text(_("This part was also changed in another session"), style="bold"))
            with VerticalScroll(id="conflict-texts"):
                for field, title in self.titles.items():
                    mine, theirs = self.mine.get(field), self.theirs.get(field, "")
                    if mine is None or mine == theirs:
                        continue
                    yield Static(Text(_(title), style="bold underline"))
                    yield Static(Text(_("Saved in the other session:"), style="italic"))
                    yield Static(person_text(theirs or _("(blank)")))
                    yield Static(Text(_("What you typed here:"), style="italic"))
                    yield Static(person_text(mine or _("(blank)")))
            yield Static(Text(_("m: keep mine   t: take the other   b: keep both   Esc: later")),
                         classes="hint")
        yield Footer()

    def action_choose(self, choice: Choice | None) -> None:
        self.dismiss(choice)
