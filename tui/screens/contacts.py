"""Contacts in my plan: the people and lines the crisis plan points to. One
contact can hold several roles (helps me, checks on me), so nobody is typed twice."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Input, Label, Static

from tui.output.cards import contact_line
from tui.i18n import N_, _
from tui.screens.base import PlanScreen
from tui.screens.dialogs import ConfirmDialog
from tui.store import CONTACT_ROLES, Contact, Plan, StoreError
from tui.widgets.fields import TextInput, Tick
from tui.widgets.cursor_table import CursorDataTable
from tui.widgets.footer import Footer
from tui.widgets.person_text import person_line, wrapped
from tui.widgets.room import fit_rows

TEXT_FIELDS = (
    ("name", N_("Name")),
    ("relationship", N_("Who they are to me")),
    ("phone", N_("Phone")),
    ("email", N_("Email")),
    ("reachable", N_("When to reach them")),
    ("notes", N_("Notes")),
)

NO_CONTACTS = N_(
    "No contacts yet. Who can you call or text when things get hard? Who takes your "
    "mind off things? Who checks on you? Press a to add someone."
)

# The words of the store's contact roles (tui.store.CONTACT_ROLES), marked here
# for the catalog: this screen shows them through _().
N_("takes my mind off things")
N_("I can ask for help")
N_("professional")
N_("crisis line")
N_("checks on me")


def role_words(role: str) -> str:
    """A contact role in words, in the language in effect."""
    return _(CONTACT_ROLES[role])


class ContactDialog(ModalScreen[dict | None]):
    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel"), id="contact_cancel"),
        Binding("enter", "save", N_("Save"), id="contact_save", show=False),
    ]

    def __init__(self, title: str, contact: Contact | None = None):
        super().__init__()
        self.title_text = title
        self.contact = contact

    def compose(self) -> ComposeResult:
        c = self.contact
        with Vertical(classes="dialog contact-dialog"):
            yield Static(Text(self.title_text, style="bold"))
            for field, label in TEXT_FIELDS:
                with Horizontal(classes="field-row"):
                    yield Label(_(label), classes="field-label")
                    yield TextInput(getattr(c, field) if c else "", id=f"contact-{field}",
                                    classes="compact", advance_on_enter=True)
            yield Tick(_("They can get texts"), c.can_text if c else False, id="contact-can_text")
            yield Label(Text(_("This person (Space to tick):"), style="bold"))
            for role in CONTACT_ROLES:
                yield Tick(role_words(role), role in c.roles if c else False, id=f"role-{role}")
            yield Button(_("Save"), id="contact-save", compact=True)
            yield Static(id="contact-message", classes="message")
            yield Static(Text(_("Tab: next   Space: tick   Enter on a tick or Save: save   Esc: cancel")),
                         classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#contact-name", Input))

    def action_save(self) -> None:
        values: dict[str, object] = {
            field: self.query_one(f"#contact-{field}", Input).value for field, _label in TEXT_FIELDS
        }
        if not str(values["name"]).strip():
            self.query_one("#contact-message", Static).update(
                Text(_("Please type a name first. A first name or nickname is fine.")))
            self.set_focus(self.query_one("#contact-name", Input))
            return
        values["can_text"] = self.query_one("#contact-can_text", Tick).value
        values["roles"] = [role for role in CONTACT_ROLES
                           if self.query_one(f"#role-{role}", Tick).value]
        self.dismiss(values)

    @on(Button.Pressed, "#contact-save")
    def _save_pressed(self) -> None:
        self.action_save()

    def action_cancel(self) -> None:
        self.dismiss(None)


class ContactsScreen(PlanScreen):
    BINDINGS = [
        Binding("a", "add", N_("Add"), id="contact_add", tooltip=N_("Add a contact")),
        Binding("e,enter", "edit", N_("Edit"), id="contact_edit",
                tooltip=N_("Change the selected contact")),
        Binding("u", "move(-1)", N_("Move up"), id="contact_up", tooltip=N_("Move the contact up")),
        Binding("d", "move(1)", N_("Move down"), id="contact_down",
                tooltip=N_("Move the contact down")),
        Binding("x,delete", "delete", N_("Delete"), id="contact_delete",
                tooltip=N_("Remove the contact (asks first)")),
        Binding("escape", "back", N_("Back"), id="contacts_back",
                tooltip=N_("Back to the crisis plan")),
    ]

    def __init__(self, plan: Plan):
        super().__init__(plan)
        self.contacts: list[Contact] = []

    ROW_LINES = 2  # a longer name ends in "…" and shows whole under the table

    def compose(self) -> ComposeResult:
        with Vertical(id="contacts-body"):
            yield Static(Text(_("People and lines in my plan"), style="bold"), classes="screen-title")
            yield Static(_(NO_CONTACTS), id="no-contacts", markup=False)
            yield CursorDataTable(cursor_type="row", id="contacts")
            yield Static(id="contact-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()
        self.query_one(DataTable).focus()

    def on_resize(self) -> None:
        self.reload(keep=self._selected().id if self._selected() else None)

    def _widths(self) -> list[tuple[str, int]]:
        """(heading, width) of each column: the name takes what the others leave."""
        fixed = [(_("Phone"), 14), (_("Text"), 4), (_("In my plan as"), 32)]
        fixed = [(label, max(width, len(label))) for label, width in fixed]
        padding = 2 * self.query_one(DataTable).cell_padding * (len(fixed) + 1)
        name = max(20, len(_("Name")),
                   self.app.size.width - sum(w for _l, w in fixed) - padding - 3)  # margin, scrollbar
        return [(_("Name"), name), *fixed]

    def reload(self, keep: int | None = None) -> None:
        try:
            self.contacts = self.plan.contacts()
        except StoreError as error:
            self.notify(error.message, severity="error", markup=False)
            return
        table = self.query_one(DataTable)
        table.clear(columns=True)
        widths = self._widths()
        for label, width in widths:
            table.add_column(label, width=width)
        for contact in self.contacts:
            roles = wrapped(Text(", ".join(role_words(r) for r in CONTACT_ROLES if r in contact.roles)),
                            widths[3][1], self.ROW_LINES)
            name = wrapped(person_line(contact.name), widths[0][1], self.ROW_LINES)
            phone = wrapped(person_line(contact.phone), widths[1][1], self.ROW_LINES)
            table.add_row(name, phone, Text(_("yes") if contact.can_text else ""), roles,
                          key=str(contact.id),
                          height=max(len(cell.plain.split("\n")) for cell in (name, phone, roles)))
        self.query_one("#no-contacts").display = not self.contacts
        table.display = bool(self.contacts)
        for index, contact in enumerate(self.contacts):
            if contact.id == keep:
                table.move_cursor(row=index, animate=False)
        fit_rows(table)  # what the title and the detail under it leave
        self._show_detail()

    def _show_detail(self) -> None:
        """The selected contact whole: the table may have had to shorten it."""
        contact = self._selected()
        detail = self.query_one("#contact-detail", Static)
        detail.display = contact is not None
        if contact is None:
            return
        text = person_line(contact_line(contact), "bold")
        if contact.notes.strip():
            text.append("\n")
            text.append_text(person_line(contact.notes))
        detail.update(text)

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self._show_detail()

    def _selected(self) -> Contact | None:
        table = self.query_one(DataTable)
        if not self.contacts:
            return None
        return self.contacts[min(table.cursor_row, len(self.contacts) - 1)]

    @on(DataTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_edit()

    def action_add(self) -> None:
        def added(values: dict | None) -> None:
            made: list[Contact] = []
            if values and self.run_store(lambda: made.append(self.plan.add_contact(**values))):
                self.reload(keep=made[0].id)

        self.app.push_screen(ContactDialog(_("Add a contact")), added)

    def action_edit(self) -> None:
        contact = self._selected()
        if contact is None:
            return

        def edited(values: dict | None) -> None:
            if values and self.run_store(lambda: self.plan.edit_contact(contact.id, **values)):
                self.reload(keep=contact.id)

        self.app.push_screen(ContactDialog(_("Change this contact"), contact), edited)

    def action_move(self, by: int) -> None:
        contact = self._selected()
        if contact is not None and self.run_store(lambda: self.plan.move_contact(contact.id, by)):
            self.reload(keep=contact.id)

    def action_delete(self) -> None:
        contact = self._selected()
        if contact is None:
            return

        def answered(yes: bool | None) -> None:
            if yes and self.run_store(lambda: self.plan.delete_contact(contact.id)):
                self.reload()

        self.app.push_screen(ConfirmDialog(_("Remove this contact from my plan?"), contact.name),
                             answered)

    def action_back(self) -> None:
        self.dismiss()

