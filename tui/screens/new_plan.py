"""Start a new plan: a name, a PIN, the PIN again."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, Label, Static

from tui.i18n import N_, _
from tui.store import InputError, Plan, StoreError, create_person
from tui.screens.app_messages import PlanOpened, sign_in_began
from tui.screens.base import NameFirst
from tui.store.pins import PIN_MIN, check_new_pin
from tui.widgets.fields import TextInput
from tui.widgets.footer import Footer
from tui.widgets.person_text import person_text


class NewPlanScreen(NameFirst, Screen):
    BINDINGS = [
        Binding("escape", "back", N_("Back to sign in"), id="back"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="new-plan-box", classes="form-box"):
            yield Static(_("Start your plan"), classes="title", markup=False)
            yield Static(
                _("Your plan is yours. Pick a name or nickname you will remember, "
                  "and a PIN of at least {n} characters that only you know.").format(n=PIN_MIN),
                classes="subtitle", markup=False,
            )
            yield Label(_("Your name (or nickname)"))
            yield TextInput(id="name", advance_on_enter=True, required=True)
            yield Label(_("Your PIN ({n} or more characters)").format(n=PIN_MIN))
            yield TextInput(id="pin", password=True, advance_on_enter=True, required=True)
            yield Label(_("Your PIN again"))
            yield TextInput(id="pin2", password=True)
            yield Static("", id="message", classes="message")
        yield Footer()

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#name", Input))

    def show_message(self, message: str) -> None:
        self.query_one("#message", Static).update(person_text(message))

    @on(Input.Submitted, "#pin2")
    def _create(self) -> None:
        name = self.query_one("#name", Input).value
        pin = self.query_one("#pin", Input).value
        again = self.query_one("#pin2", Input).value
        try:
            check_new_pin(pin)
        except InputError as error:
            self._retype_pin(error.message)
            return
        if pin != again:
            self._retype_pin(_("The two PINs are not the same. Please type your PIN again."))
            return
        self.show_message(_("Making your plan..."))
        for widget in self.query(Input):
            widget.disabled = True
        self._make(name, pin, sign_in_began())

    @work(thread=True, exclusive=True, group="new-plan")
    def _make(self, name: str, pin: str, began: float) -> None:
        try:
            plan = create_person(self.app.store, name, pin)
        except StoreError as error:
            self.app.call_from_thread(self._failed, error.message)
        else:
            self.app.call_from_thread(self._made, plan, began)

    def _retype_pin(self, message: str) -> None:
        for input_id in ("#pin", "#pin2"):
            self.query_one(input_id, Input).value = ""
        self.set_focus(self.query_one("#pin", Input))
        self.show_message(message)

    def _failed(self, message: str) -> None:
        # The PIN was checked before; what is left is the name or the database.
        for widget in self.query(Input):
            widget.disabled = False
        self.set_focus(self.query_one("#name", Input))
        self.show_message(message)

    def _made(self, plan: Plan, began: float) -> None:
        self.dismiss()
        self.app.post_message(PlanOpened(plan, began, new=True))

    def action_back(self) -> None:
        if not self.query_one("#name", Input).disabled:  # not while the plan is being made
            self.dismiss()
