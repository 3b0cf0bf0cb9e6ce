"""Small dialogs: confirm something by name, add or edit a goal."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from tui.i18n import N_, _
from tui.store import InputError, clock
from tui.store.dates import parse_due_date
from tui.widgets.fields import TextInput, Tick
from tui.widgets.footer import Footer
from tui.widgets.person_text import person_text


class ConfirmDialog(ModalScreen[bool]):
    """Asks "Delete <the thing, named>?"; y or Enter says yes, n or Esc says no."""

    BINDINGS = [
        Binding("y,enter", "answer(True)", N_("Yes"), id="yes"),
        Binding("n,escape", "answer(False)", N_("No"), id="no"),
    ]

    def __init__(self, question: str, subject: str, detail: str = ""):
        super().__init__()
        self.question, self.subject, self.detail = question, subject, detail

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.question, style="bold"))
            yield Static(person_text(self.subject), classes="subject")
            if self.detail:
                yield Static(Text(self.detail))
            yield Static(Text(_("y: yes    n: no")), classes="hint")
        yield Footer()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class GoalDialog(ModalScreen[bool]):
    """Add or edit a goal: its words, short or long term, an optional target date.

    `save` keeps the values (and says False, with a message, if it could not).
    Leaving by another key, a lock or quitting keeps typed words too."""

    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel"), id="cancel"),
        Binding("enter", "save", N_("Save"), id="goal_save", show=False),
    ]

    def __init__(self, title: str, text: str = "", term: str = "short", target: date | None = None,
                 *, save: Callable[[dict], bool], draft_place: str = "goal:new"):
        super().__init__()
        self.title_text, self.text, self.term, self.target = title, text, term, target
        self.save = save
        self.draft_place = draft_place  # "goal:new" or "goal:<id>" (see tui.screens.drafts)
        self.saved = False
        self.original = (text, term, target)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.title_text, style="bold"))
            yield Label(_("My goal, in my own words"))
            yield TextInput(self.text, id="goal-text", placeholder=_("I want to ..."),
                            advance_on_enter=True)
            yield Label(_("Target date (you can leave this blank)"))
            yield TextInput(self.target.isoformat() if self.target else "", id="goal-target",
                            placeholder=_("like 2027-03-01, or \"in 2 months\""))
            yield Tick(_("A long-term goal (a year or more)"), self.term == "long", id="goal-long")
            yield Static(id="dialog-message", classes="message")
            yield Static(Text(_("Enter: save    Tab: next    Space: tick    Esc: cancel")),
                         classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#goal-text", Input))

    @on(Tick.Changed, "#goal-long")
    def _term_changed(self, event: Tick.Changed) -> None:
        self.term = "long" if event.value else "short"

    def _values(self, strict: bool) -> dict | None:
        text = self.query_one("#goal-text", Input).value
        target_text = self.query_one("#goal-target", Input).value
        message = self.query_one("#dialog-message", Static)
        if not text.strip():
            if strict:
                message.update(Text(_("Please type your goal first. It can be short.")))
                self.set_focus(self.query_one("#goal-text", Input))
            return None
        try:
            target = parse_due_date(target_text, clock.today())
        except InputError as error:
            if strict:
                message.update(person_text(error.message))
                return None
            target = None  # leaving in a hurry: keep the goal, drop the unread date
        if self.original[0] and (text, self.term, target) == self.original:
            return {}  # an edit that changed nothing
        return {"text": text, "term": self.term, "target_date": target}

    @on(Input.Submitted, "#goal-target")
    def action_save(self) -> None:
        values = self._values(strict=True)
        if values is None:
            return
        if values == {} or self.save(values):
            self.saved = True
            self.dismiss(True)

    def draft_values(self) -> list[tuple[str, str, dict[str, str]]]:
        text = self.query_one("#goal-text", Input).value
        if self.saved or not text.strip() or text == self.original[0]:
            return []
        # The label is the catalog's English, translated where drafts are shown.
        return [(self.draft_place, N_("A goal"), {"text": text, "term": self.term})]

    def save_pending(self) -> None:
        """Called when the plan locks, the app quits or another screen is chosen."""
        if not self.saved:
            values = self._values(strict=False)
            if values:
                self.saved = self.save(values)

    def action_cancel(self) -> None:
        self.saved = True  # cancelled on purpose: nothing to keep
        self.dismiss(False)
