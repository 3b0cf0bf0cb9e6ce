"""A person's own keys: recovery codes shown once, opening a plan with a code,
changing the PIN, and deleting the plan. The store does the work; these
screens ask, explain, and never show a PIN."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, Label, Static

from tui.i18n import N_, _, ngettext
from tui.store import InputError, Plan, StoreError
from tui.screens.app_messages import LockAsked, PlanOpened, sign_in_began
from tui.screens.base import NameFirst
from tui.screens.save import print_in_background
from tui.store.pins import PIN_MIN, check_new_pin
from tui.widgets.fields import TextInput
from tui.widgets.footer import Footer
from tui.widgets.person_text import person_text


def _pins_match(screen, first_id: str, again_id: str) -> str | None:
    """The new PIN when it can be one and both copies match; else clears them,
    says why, and returns None."""
    pin = screen.query_one(first_id, Input).value
    again = screen.query_one(again_id, Input).value
    try:
        check_new_pin(pin)
        if pin != again:
            raise InputError(_("The two PINs are not the same. Please type your new PIN again."))
    except InputError as error:
        for input_id in (first_id, again_id):
            screen.query_one(input_id, Input).value = ""
        screen.set_focus(screen.query_one(first_id, Input))
        screen.show_message(error.message)
        return None
    return pin


def new_pin_label() -> str:
    return _("Your new PIN ({n} or more characters)").format(n=PIN_MIN)


class _Form:
    def show_message(self, message: str) -> None:
        self.query_one(".message", Static).update(person_text(message))

    def _set_busy(self, busy: bool) -> None:
        for field in self.query(Input):
            field.disabled = busy

    def _refused(self, message: str, *clear: str) -> None:
        """The store said no: fields open again, `clear` emptied, the first of them focused."""
        self._set_busy(False)
        for field_id in clear:
            self.query_one(field_id, Input).value = ""
        self.set_focus(self.query_one(clear[0], Input))
        self.show_message(message)


# ----------------------------------------------------------------------------
# Recovery codes, shown once


def codes_text(codes: tuple[str, ...]) -> str:
    lines = "\n".join(f"  {number}. {code}" for number, code in enumerate(codes, start=1))
    return (
        _("MY RECOVERY CODES for Recovery Plan") + "\n\n"
        + _("If I forget my PIN, one of these opens my plan and lets me set a new PIN.") + "\n"
        + _("Each code works once. Keep them somewhere safe, apart from my name.") + "\n\n"
        + f"{lines}\n"
    )


class RecoveryCodesScreen(ModalScreen[None]):
    """The new recovery codes, with a key to print them. They are not kept
    anywhere readable: after this screen, nobody (staff included) can show them."""

    BINDINGS = [
        Binding("enter,escape", "done", N_("I have them"), id="codes_done"),
        Binding("p", "print_codes", N_("Print codes"), id="codes_print"),
    ]

    def __init__(self, codes: tuple[str, ...]):
        super().__init__()
        self.codes = codes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="codes-box"):
            yield Static(Text(_("Your recovery codes"), style="bold"))
            yield Static(Text(_(
                "If you ever forget your PIN, one of these codes opens your plan. Each works "
                "once. Write them down or print them now and keep them safe: they are shown "
                "only this once, and nobody, not even staff, can open your plan without "
                "your PIN or a code.")))
            yield Static(Text("\n".join(f"{n}. {code}" for n, code in enumerate(self.codes, 1)),
                              style="bold"), id="codes-list")
            yield Static("", classes="message")
            yield Static(Text(_("p: print    Enter: I have them")), classes="hint")
        yield Footer()

    def action_print_codes(self) -> None:
        def write(target: Path) -> None:
            target.write_text(codes_text(self.codes), encoding="utf-8")

        print_in_background(self, "recovery-codes.txt", write, group="print-codes",
                            sending=N_("Sending your codes to the printer..."),
                            done=N_("Your codes are at the printer."))

    def action_done(self) -> None:
        self.dismiss()


# ----------------------------------------------------------------------------
# Forgot my PIN: a recovery code opens the plan


class RecoverWithCodeScreen(_Form, NameFirst, Screen):
    """Name, one recovery code, a new PIN twice. Works even while sign-in is
    waiting after wrong tries."""

    BINDINGS = [Binding("escape", "back", N_("Back to sign in"), id="recover_back")]

    def compose(self) -> ComposeResult:
        with Vertical(id="recover-box", classes="form-box"):
            yield Static(_("Forgot your PIN?"), classes="title", markup=False)
            yield Static(
                _("Use one of the recovery codes you got when you made your plan. "
                  "Then choose a new PIN."), classes="subtitle", markup=False)
            yield Label(_("Your name (or nickname)"), markup=False)
            yield TextInput(id="name", advance_on_enter=True, required=True)
            yield Label(_("One recovery code (like ABCDE-12345-...)"), markup=False)
            yield TextInput(id="code", advance_on_enter=True)
            yield Label(new_pin_label(), markup=False)
            yield TextInput(id="pin", password=True, advance_on_enter=True)
            yield Label(_("Your new PIN again"), markup=False)
            yield TextInput(id="pin2", password=True)
            yield Static("", classes="message")
        yield Footer()

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#name", Input))

    @on(Input.Submitted, "#code")
    def _code_retyped(self) -> None:
        # After a wrong code only the code is cleared: Enter tries again with the new PIN kept.
        if self.query_one("#pin", Input).value and self.query_one("#pin2", Input).value:
            self._submit()

    @on(Input.Submitted, "#pin2")
    def _submit(self) -> None:
        pin = _pins_match(self, "#pin", "#pin2")
        if pin is None:
            return
        self.show_message(_("Opening your plan..."))
        self._set_busy(True)
        self._open(self.query_one("#name", Input).value, self.query_one("#code", Input).value, pin,
                   sign_in_began())

    @work(thread=True, exclusive=True, group="recover")
    def _open(self, name: str, code: str, pin: str, began: float) -> None:
        from tui.store import sign_in_with_code

        try:
            plan = sign_in_with_code(self.app.store, name, code, pin)
        except StoreError as error:
            self.app.call_from_thread(self._failed, error.message)
        else:
            self.app.call_from_thread(self._opened, plan, began)

    def _failed(self, message: str) -> None:
        self._refused(message, "#code")

    def _opened(self, plan: Plan, began: float) -> None:
        left = plan.recovery_codes_left()
        self.dismiss()
        self.app.post_message(PlanOpened(plan, began, notice=ngettext(
            "Your new PIN is set. You have {n} recovery code left.",
            "Your new PIN is set. You have {n} recovery codes left.", left).format(n=left)))

    def action_back(self) -> None:
        if not self.query_one("#name", Input).disabled:
            self.dismiss()


# ----------------------------------------------------------------------------
# Signed in: change my PIN, new codes, delete my plan


class ChangePinDialog(_Form, ModalScreen[None]):
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="change_pin_cancel")]

    def __init__(self, plan: Plan):
        super().__init__()
        self.plan = plan

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(_("Change my PIN"), style="bold"))
            yield Label(_("Your PIN now"), markup=False)
            yield TextInput(id="old", password=True, advance_on_enter=True)
            yield Label(new_pin_label(), markup=False)
            yield TextInput(id="pin", password=True, advance_on_enter=True)
            yield Label(_("Your new PIN again"), markup=False)
            yield TextInput(id="pin2", password=True)
            yield Static("", classes="message")
            yield Static(Text(_("Enter: next    Esc: cancel")), classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#old", Input))

    @on(Input.Submitted, "#pin2")
    def _submit(self) -> None:
        pin = _pins_match(self, "#pin", "#pin2")
        if pin is None:
            return
        self.show_message(_("Changing your PIN..."))
        self._set_busy(True)
        self._change(self.query_one("#old", Input).value, pin)

    @work(thread=True, exclusive=True, group="change-pin")
    def _change(self, old: str, new: str) -> None:
        try:
            self.plan.change_pin(old, new)
        except StoreError as error:
            self.app.call_from_thread(self._failed, error.message)
        else:
            self.app.call_from_thread(self._changed)

    def _failed(self, message: str) -> None:
        self._refused(message, "#old", "#pin", "#pin2")

    def _changed(self) -> None:
        self.dismiss()
        self.app.notify(_("Your PIN is changed. Use the new one next time."), markup=False)

    def action_cancel(self) -> None:
        if not self.query_one("#old", Input).disabled:
            self.dismiss()


class NewCodesDialog(_Form, ModalScreen[None]):
    """New recovery codes, after the PIN: in a session left open, new codes
    would be a way to take someone's plan over."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="new_codes_cancel")]

    def __init__(self, plan: Plan):
        super().__init__()
        self.plan = plan

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(_("Make new recovery codes"), style="bold"))
            yield Static(Text(_("You get 8 new codes. The codes you have now stop working.")))
            yield Label(_("Type your PIN to go on"), markup=False)
            yield TextInput(id="pin", password=True)
            yield Static("", classes="message")
            yield Static(Text(_("Enter: make the codes    Esc: cancel")), classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#pin", Input))

    @on(Input.Submitted, "#pin")
    def _submit(self, event: Input.Submitted) -> None:
        self.show_message(_("Making your codes..."))
        self._set_busy(True)
        self._make(event.value)

    @work(thread=True, exclusive=True, group="new-codes")
    def _make(self, pin: str) -> None:
        try:
            codes = self.plan.new_recovery_codes(pin)
        except StoreError as error:
            self.app.call_from_thread(self._failed, error.message)
        else:
            self.app.call_from_thread(self._made, codes)

    def _failed(self, message: str) -> None:
        self._refused(message, "#pin")

    def _made(self, codes: tuple[str, ...]) -> None:
        self.plan.recovery_codes = ()
        self.dismiss()
        self.app.push_screen(RecoveryCodesScreen(codes))

    def action_cancel(self) -> None:
        if not self.query_one("#pin", Input).disabled:
            self.dismiss()


class DeletePlanDialog(_Form, ModalScreen[None]):
    """The PIN, then a question that says it can't be undone; then the plan is
    gone and the sign-in screen shows."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="delete_plan_cancel")]

    def __init__(self, plan: Plan):
        super().__init__()
        self.plan = plan

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(_("Delete my whole plan"), style="bold"))
            yield Static(Text(_(
                "This removes everything in your plan: your goals, steps, crisis plan, "
                "contacts and notes. Nobody can bring it back, not even staff.")))
            yield Label(_("Type your PIN to go on"), markup=False)
            yield TextInput(id="pin", password=True)
            yield Static("", classes="message")
            yield Static(Text(_("Enter: next    Esc: keep my plan")), classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#pin", Input))

    @on(Input.Submitted, "#pin")
    def _pin_given(self, event: Input.Submitted) -> None:
        from tui.screens.dialogs import ConfirmDialog

        pin = event.value

        def answered(yes: bool | None) -> None:
            if yes:
                self.show_message(_("Deleting your plan..."))
                self._set_busy(True)
                self._delete(pin)
            else:
                self.dismiss()

        self.app.push_screen(ConfirmDialog(
            _("Delete your whole plan for good?"), _("Your recovery plan"),
            _("This can't be undone.")), answered)

    @work(thread=True, exclusive=True, group="delete-plan")
    def _delete(self, pin: str) -> None:
        try:
            self.plan.delete(pin)
        except StoreError as error:
            self.app.call_from_thread(self._failed, error.message)
        else:
            self.app.call_from_thread(self._deleted)

    def _failed(self, message: str) -> None:
        self._refused(message, "#pin")

    def _deleted(self) -> None:
        self.app.post_message(LockAsked(notice=_("Your plan is deleted.")))

    def action_cancel(self) -> None:
        if not self.query_one("#pin", Input).disabled:
            self.dismiss()
