"""Sign in: type your name, Enter, your PIN, Enter. Names are never listed."""

from __future__ import annotations

import asyncio

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, Label, Static

from tui.i18n import LANGUAGE_NAMES, N_, _, language
from tui.screens.app_messages import PlanOpened, sign_in_began
from tui.screens.base import NameFirst
from tui.store.errors import StoreError
from tui.widgets.fields import TextInput
from tui.widgets.footer import Footer
from tui.widgets.person_text import person_text


# The other language offered in its own words, so a person who reads it finds it.
OTHER_LANGUAGE_OFFER = {
    "en": f"{LANGUAGE_NAMES['es']}: pulsa F10 o Ctrl+F.",
    "es": f"{LANGUAGE_NAMES['en']}: press F10 or Ctrl+F.",
}


class SignInScreen(NameFirst, Screen):
    """The first screen. It shows no names and nothing of anyone's plan."""

    BINDINGS = [
        # F2 first: a browser keeps Ctrl+N for itself (a new window).
        Binding("f2,ctrl+n", "new_plan", N_("New plan"), id="new_plan", priority=True,
                tooltip=N_("Start a new plan")),
        Binding("f8,ctrl+y", "recover", N_("Forgot PIN"), id="forgot_pin", priority=True,
                tooltip=N_("Open your plan with a recovery code and choose a new PIN")),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="signin-box", classes="form-box"):
            yield Static(_("Recovery Plan"), classes="title")
            yield Static(_("Sign in to your plan."), classes="subtitle")
            yield Label(_("Your name (or nickname)"))
            yield TextInput(id="name", advance_on_enter=True, required=True,
                            placeholder=_("Type your name, then press Enter"))
            yield Label(_("Your PIN"))
            yield TextInput(id="pin", password=True, placeholder=_("Type your PIN, then press Enter"))
            yield Static(self._message, id="message", classes="message")
            yield Static(
                _("Need your crisis plan now? Type your name, press F5, then your PIN.\n"
                  "New here? Press F2 to start your own plan. F9: get help now.\n"
                  "Forgot your PIN? Press F8 or Ctrl+Y to use a recovery code.") + "\n"
                + OTHER_LANGUAGE_OFFER[language()],
                id="signin-hint", classes="hint", markup=False,
            )
        yield Footer()

    def on_screen_resume(self) -> None:
        # Also runs when the screen first shows: one focus change, one Footer build.
        self.set_focus(self.query_one("#name", Input))

    first_screen = "overview"  # where the plan opens after the PIN

    def clear_form(self) -> None:
        """Forget what was typed (after sign-in, and when the plan locks)."""
        for input_id in ("#name", "#pin"):
            self.query_one(input_id, Input).value = ""
        self.first_screen = "overview"
        self.show_message("")
        self._set_busy(False)

    def open_next(self, where: str) -> None:
        """Open `where` (the crisis plan) right after the PIN is right."""
        self.first_screen = where
        self.show_message(_("After your PIN, your crisis plan opens."))
        # Keys typed before F5 may still be on their way to the name field; the
        # move to the PIN waits in the same queue, so the name is complete first.
        # With no name yet, F5 is remembered and the focus stays on the name.
        name = self.query_one("#name", Input)
        name.call_later(self._to_pin_once_named)

    def _to_pin_once_named(self) -> None:
        name = self.query_one("#name", Input)
        self.set_focus(self.query_one("#pin", Input) if name.value.strip() else name)

    _message = ""

    def show_message(self, message: str) -> None:
        self._message = person_text(message)
        self.query_one("#message", Static).update(self._message)

    def _set_busy(self, busy: bool) -> None:
        for input_id in ("#name", "#pin"):
            self.query_one(input_id, Input).disabled = busy

    @on(Input.Submitted, "#pin")
    def _pin_done(self) -> None:
        name = self.query_one("#name", Input).value
        pin = self.query_one("#pin", Input).value
        if not name.strip():
            self.show_message(_("Please type your name first."))
            self.set_focus(self.query_one("#name", Input))
            return
        # The PIN check is slow on purpose, so it runs in a thread, started here
        # rather than by a worker's task: that would start it only after this
        # screen has painted the message below, and the paint can run while
        # the key derivation does.
        began = sign_in_began()
        checking = asyncio.get_running_loop().run_in_executor(None, self._check, name, pin)
        self._opening(checking, began)
        self.show_message(_("Opening your plan..."))
        self._set_busy(True)

    def _check(self, name: str, pin: str):
        """In a thread: the plan of `name` opened with `pin`, or the StoreError."""
        from tui.store.plans import sign_in  # loaded after the screen is up

        try:
            return sign_in(self.app.store, name, pin)
        except StoreError as error:
            return error

    @work(exclusive=True, group="sign-in")
    async def _opening(self, checking: asyncio.Future, began: float) -> None:
        """Waits for the check (a worker, so tests and the app can wait for it)."""
        outcome = await checking
        if isinstance(outcome, StoreError):
            self._failed(outcome.message)
        else:
            self._opened(outcome, began)

    def _failed(self, message: str) -> None:
        self._set_busy(False)
        pin = self.query_one("#pin", Input)
        pin.value = ""
        pin.focus()
        self.show_message(message)

    def _opened(self, plan, began: float) -> None:
        self.app.post_message(PlanOpened(plan, began, self.first_screen))
        # Forgotten once the plan is on screen (the app takes the two in turn):
        # cleared first, this screen was restyled and painted again on the way
        # to the crisis plan.
        self.app.call_after_refresh(self.clear_form)

    def action_recover(self) -> None:
        from tui.screens.account import RecoverWithCodeScreen

        self.app.push_screen(RecoverWithCodeScreen())

    def action_new_plan(self) -> None:
        from tui.screens.new_plan import NewPlanScreen

        self.app.push_screen(NewPlanScreen())
