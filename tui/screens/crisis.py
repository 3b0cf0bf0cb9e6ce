"""The crisis plan (F5): view first, in the order a safety plan is used, then
the pocket overdose plan and cravings. Edit a section, the contacts, save or
print the pocket card, each with one key. The app's words are in the language
in effect; the person's words are shown as they wrote them."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, Static, TextArea

from tui.output.cards import (
    NOT_WRITTEN,
    PlanSnapshot,
    PocketCard,
    completeness,
    completeness_line,
    contact_line,
    contacts_for,
)
from tui.content.plan_parts import SECTION_PARTS, SECTION_TITLES
from tui.i18n import N_, _
from tui.output.formats import CARD
from tui.screens.save import SaveFileDialog, SaveWords, pdf_writer, print_in_background
from tui.store import ConflictError, Plan, Section, StoreError
from tui.widgets.footer import Footer
from tui.widgets.textbox import TextBox
from tui.widgets.person_text import person_line, person_text


def section_view(snapshot: PlanSnapshot, section: str, numbered: bool = False) -> Text:
    """One section as the person reads it: each part's title, then their words."""
    text = Text()
    values = snapshot.sections[section]
    for index, part in enumerate(SECTION_PARTS[section], start=1):
        text.append(f"{index}. " if numbered else "", style="bold")
        text.append(_(part.title) + "\n", style="bold")
        words = values.get(part.field, "")
        people = contacts_for(part, snapshot.contacts)
        if words.strip():
            text.append_text(person_text(words))
            text.append("\n")
        for contact in people:
            text.append("  - ")
            text.append_text(person_line(contact_line(contact)))
            text.append("\n")
        if not words.strip() and not people:
            text.append(f"  {_(NOT_WRITTEN)}\n", style="italic dim")
        text.append("\n")
    return text


def pocket_card(app, plan: Plan) -> PocketCard:
    """The pocket card as it is now, with the site's crisis lines on its back."""
    return PocketCard(PlanSnapshot(plan), tuple(app.config.help_lines()))


class CardActions:
    """Saving and printing the pocket card, shared by the crisis and pocket plan screens."""

    def action_save_card(self) -> None:
        self.app.push_screen(SaveCardDialog(self.plan))

    def action_print_card(self) -> None:
        write = pdf_writer(CARD, lambda: pocket_card(self.app, self.plan), self.app.config.card_font)
        print_in_background(self, "pocket-card.pdf", write, group="print",
                            sending=N_("Sending your card to the printer..."),
                            done=N_("Your pocket card is at the printer."))


class CrisisScreen(CardActions, Screen):
    BINDINGS = [
        Binding("e", "edit('crisis')", N_("Edit plan"), id="crisis_edit",
                tooltip=N_("Change my crisis plan, part by part")),
        Binding("o", "pocket", N_("Overdose plan"), id="crisis_pocket",
                tooltip=N_("My pocket overdose plan on one screen")),
        Binding("c", "contacts", N_("Contacts"), id="crisis_contacts",
                tooltip=N_("The people and lines in my plan: add, change, remove, order")),
        Binding("p", "print_card", N_("Print card"), id="crisis_print",
                tooltip=N_("Print my pocket card (overdose plan and people to call)")),
        Binding("s", "save_card", N_("Save card"), id="crisis_save",
                tooltip=N_("Save my pocket card as a file (pdf, txt or md)")),
        Binding("h", "history('crisis')", N_("Past versions"), id="crisis_history",
                tooltip=N_("Earlier versions of my crisis plan; put one back")),
        Binding("escape", "app.go('overview')", N_("Back"), id="crisis_back", show=False,
                tooltip=N_("Back to the overview")),
    ]

    def __init__(self, plan: Plan):
        super().__init__()
        self.plan = plan

    def compose(self) -> ComposeResult:
        yield Static(id="crisis-title", classes="screen-title")
        yield Static(id="crisis-progress", classes="progress")
        yield Static(id="crisis-quick", classes="quick-facts")
        with VerticalScroll(id="crisis-view", classes="reading"):
            yield Static(id="crisis-text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#crisis-view").focus()

    def on_screen_resume(self) -> None:
        self.refresh_view()

    def refresh_view(self) -> None:
        try:
            snapshot = PlanSnapshot(self.plan)
        except StoreError as error:
            self.notify(error.message, severity="error", markup=False)
            return
        self.query_one("#crisis-title", Static).update(Text(_(SECTION_TITLES["crisis"]), style="bold"))
        progress = "   ".join(
            completeness_line(*completeness(snapshot, name), title)
            for name, title in (("crisis", _("Crisis plan")), ("overdose", _("Overdose plan"))))
        self.query_one("#crisis-progress", Static).update(Text(progress))
        # In an overdose, these two matter first: keep them above the fold.
        overdose = snapshot.sections["overdose"]
        quick = Text()
        for field, label in (("naloxone_where", _("Naloxone:")), ("check_in_how", _("How they check:"))):
            if overdose.get(field, "").strip():
                quick.append(label + " ", style="bold")
                quick.append_text(person_line(overdose[field]))
                quick.append("\n")
        quick.rstrip()
        quick_widget = self.query_one("#crisis-quick", Static)
        quick_widget.update(quick)
        quick_widget.display = bool(quick.plain)
        view = section_view(snapshot, "crisis", numbered=True)
        for name in ("overdose", "cravings"):
            view.append(_(SECTION_TITLES[name]).upper() + "\n", style="bold reverse")
            view.append_text(section_view(snapshot, name))
        self.query_one("#crisis-text", Static).update(view)

    def action_edit(self, section: str) -> None:
        self.app.push_screen(SectionEditScreen(self.plan, section))

    def action_pocket(self) -> None:
        self.app.push_screen(PocketPlanScreen(self.plan))

    def action_history(self, section: str) -> None:
        from tui.screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen(self.plan, section))

    def action_contacts(self) -> None:
        from tui.screens.contacts import ContactsScreen

        self.app.push_screen(ContactsScreen(self.plan))


class PocketPlanScreen(CardActions, Screen):
    """The pocket overdose plan alone: it fits one 80x24 screen."""

    BINDINGS = [
        Binding("e", "edit", N_("Edit"), id="pocket_edit", tooltip=N_("Change my pocket overdose plan")),
        Binding("p", "print_card", N_("Print card"), id="pocket_print",
                tooltip=N_("Print my pocket card")),
        Binding("s", "save_card", N_("Save card"), id="pocket_save",
                tooltip=N_("Save my pocket card as a file (pdf, txt or md)")),
        Binding("h", "history", N_("Past versions"), id="pocket_history",
                tooltip=N_("Earlier versions of my pocket overdose plan; put one back")),
        Binding("escape", "back", N_("Back"), id="pocket_back", tooltip=N_("Back to the crisis plan")),
    ]

    def __init__(self, plan: Plan):
        super().__init__()
        self.plan = plan

    def compose(self) -> ComposeResult:
        yield Static(id="pocket-title", classes="screen-title")
        with VerticalScroll(id="pocket-view", classes="reading"):
            yield Static(id="pocket-text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#pocket-view").focus()

    def on_screen_resume(self) -> None:
        try:
            snapshot = PlanSnapshot(self.plan)
        except StoreError as error:
            self.notify(error.message, severity="error", markup=False)
            return
        filled, total = completeness(snapshot, "overdose")
        self.query_one("#pocket-title", Static).update(Text.assemble(
            (_(SECTION_TITLES["overdose"]), "bold"), "   ",
            completeness_line(filled, total, _("Overdose plan"))))
        self.query_one("#pocket-text", Static).update(section_view(snapshot, "overdose"))

    def action_edit(self) -> None:
        self.app.push_screen(SectionEditScreen(self.plan, "overdose"))

    def action_history(self) -> None:
        from tui.screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen(self.plan, "overdose"))

    def action_back(self) -> None:
        self.dismiss()


class SectionEditScreen(Screen):
    """Edit one section, part by part. Every part can be left blank. What is
    typed is saved when a part is left, and when the screen is left."""

    BINDINGS = [
        Binding("escape", "back", N_("Done"), id="section_done",
                tooltip=N_("Back; what you typed is kept")),
    ]

    leaving = False  # set by the app while it closes this screen: no questions then

    def __init__(self, plan: Plan, section: str):
        super().__init__()
        self.plan = plan
        self.section_name = section
        self.loaded: Section | None = None

    def compose(self) -> ComposeResult:
        title = _("Change: {title}").format(title=_(SECTION_TITLES[self.section_name]))
        yield Static(Text(title, style="bold"), classes="screen-title")
        yield Static(
            Text(_("Type in any part you like; leave the rest blank. Tab moves on. "
                   "Esc when you are done. Everything is kept as you go.")),
            classes="progress")
        with VerticalScroll(id="section-parts"):
            for part in SECTION_PARTS[self.section_name]:
                yield Label(Text(_(part.title), style="bold"))
                yield Static(Text(_(part.prompt), style="italic"), classes="prompt")
                yield TextBox(id=f"part-{part.field}", classes="part-box", soft_wrap=True,
                              tab_behavior="focus")
        yield Footer()

    def on_mount(self) -> None:
        self._load()
        first = SECTION_PARTS[self.section_name][0].field
        # Not scrolled to it: the screen opens at its start, the first box's title showing.
        self.set_focus(self.query_one(f"#part-{first}", TextArea), scroll_visible=False)

    def _load(self) -> None:
        try:
            self.loaded = self.plan.section(self.section_name)
        except StoreError as error:
            self.notify(error.message, severity="error", markup=False)
            return
        for part in SECTION_PARTS[self.section_name]:
            self.query_one(f"#part-{part.field}", TextArea).load_text(
                self.loaded.fields.get(part.field, ""))

    def _typed(self) -> dict[str, str]:
        return {part.field: self.query_one(f"#part-{part.field}", TextArea).text
                for part in SECTION_PARTS[self.section_name]}

    def save_pending(self, keep_mine: bool = False) -> bool:
        if self.loaded is None:
            return True
        changed = {k: v for k, v in self._typed().items() if v != self.loaded.fields.get(k, "")}
        if not changed:
            return True
        try:
            self.loaded = self.plan.save_section(
                self.section_name, changed, None if keep_mine else self.loaded.revision)
            # Parts not typed in here show what is saved now (another session's words, after
            # "keep mine"), so a later save can't put stale words back.
            for field, text in self.loaded.fields.items():
                box = self.query_one(f"#part-{field}", TextArea)
                if field not in changed and box.text != text:
                    box.load_text(text)
        except ConflictError:
            self._ask_about_conflict()
            return False
        except StoreError as error:
            self.notify(error.message, severity="error", markup=False, timeout=8)
            return False
        return True

    def draft_values(self) -> list[tuple[str, str, dict[str, str]]]:
        """What is typed here and not saved yet (see tui.screens.drafts)."""
        if self.loaded is None:
            return []
        changed = {k: v for k, v in self._typed().items() if v != self.loaded.fields.get(k, "")}
        if not changed:
            return []
        return [(f"section:{self.section_name}", _(SECTION_TITLES[self.section_name]), changed)]

    def _ask_about_conflict(self) -> None:
        from tui.screens.conflict import ConflictDialog, both_texts

        if isinstance(self.app.screen, ConflictDialog):
            return
        if self.leaving or self.app.screen is not self:
            return  # locking or leaving: the words are kept as a draft, nobody is asked
        try:
            theirs = self.plan.section(self.section_name)
        except StoreError as error:
            self.notify(error.message, severity="error", markup=False)
            return
        loaded = self.loaded.fields if self.loaded else {}
        mine = {k: v for k, v in self._typed().items() if v != loaded.get(k, "")}  # my changes only
        titles = {part.field: _(part.title) for part in SECTION_PARTS[self.section_name]}

        def answered(choice: str | None) -> None:
            if choice == "mine":
                self.save_pending(keep_mine=True)
            elif choice == "theirs":
                self._load()
            elif choice == "both":
                for field, text in theirs.fields.items():
                    if field in mine:
                        text = both_texts(text, mine[field])
                    self.query_one(f"#part-{field}", TextArea).load_text(text)
                self.loaded = theirs
                self.save_pending()
            # None: decide later; the typed words stay on the screen

        self.app.push_screen(ConflictDialog(titles, mine, theirs.fields), answered)

    def on_descendant_blur(self, event) -> None:
        # Leaving a part keeps it.
        if isinstance(event.widget, TextArea):
            self.save_pending()

    def on_screen_suspend(self) -> None:
        self.save_pending()

    def action_back(self) -> None:
        if self.save_pending():
            self.dismiss()


class SaveCardDialog(SaveFileDialog):
    """Save the pocket card to a file (pdf, txt or md)."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="save_card_cancel")]
    DOCUMENT = CARD
    WORDS = SaveWords(
        title=N_("Save my pocket card"),
        label=N_("File name (ends in .pdf, .txt or .md)"),
        wrong_ending=N_("Please end the name with .pdf, .txt or .md"),
        saved=N_("Saved your pocket card to {path}."),
        downloading=N_("Your pocket card ({name}) is downloading to this computer."),
    )
    FIELD_ID, MESSAGE_ID = "card-path", "card-message"

    def __init__(self, plan: Plan):
        super().__init__()
        self.plan = plan

    def file_name(self) -> str:
        return "pocket-card.pdf"

    def value(self) -> PocketCard:
        return pocket_card(self.app, self.plan)
