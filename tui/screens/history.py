"""Past versions of one part of the plan: when each was saved and what changed,
the words of the one selected, and a key to put it back (after asking)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.content.plan_parts import SECTION_PARTS, SECTION_TITLES
from tui.i18n import N_, _, format_moment
from tui.store import Plan, Revision, StoreError
from tui.widgets.cursor import CursorOptionList
from tui.widgets.footer import Footer
from tui.widgets.person_text import person_text

# Sections edited outside the crisis screen, by field.
OTHER_TITLES = {"vision": N_("My vision"), "strengths": N_("My strengths and assets")}


def section_title(section: str) -> str:
    """The part's title, in the language in effect."""
    return _(SECTION_TITLES.get(section) or OTHER_TITLES.get(section, section))


def field_titles(section: str) -> dict[str, str]:
    """Each field's title, in the language in effect."""
    parts = SECTION_PARTS.get(section)
    if parts:
        return {part.field: _(part.title) for part in parts}
    return {section: _(OTHER_TITLES.get(section, section))}


def when_saved(revision: Revision) -> str:
    """Nov 26, 2026 14:05 | 26 nov 2026 14:05"""
    return format_moment(revision.saved_at)


class HistoryScreen(Screen):
    BINDINGS = [
        Binding("r", "restore", N_("Put this version back"), id="history_restore"),
        Binding("escape", "back", N_("Back"), id="history_back"),
    ]

    def __init__(self, plan: Plan, section: str):
        super().__init__()
        self.plan = plan
        self.section_name = section
        self.revisions: list[Revision] = []

    def compose(self) -> ComposeResult:
        yield Static(Text(_("Past versions: {title}").format(title=section_title(self.section_name)),
                          style="bold"), classes="screen-title")
        yield Static(Text(_("Up and down pick a version; its words show below. "
                            "r puts it back (what you have now is kept as a version too).")),
                     classes="progress")
        yield CursorOptionList(id="versions")
        with VerticalScroll(id="version-words"):
            yield Static(id="version-text")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        try:
            self.revisions = self.plan.section_history(self.section_name)
        except StoreError as error:
            self.notify(error.message, severity="error", markup=False)
            return
        titles = field_titles(self.section_name)
        versions = self.query_one("#versions", OptionList)
        versions.clear_options()
        for index, revision in enumerate(self.revisions):
            changed = ", ".join(titles.get(f, f).lower() for f in revision.changed) or _("saved")
            now = "  " + _("(now)") if index == 0 else ""
            versions.add_option(Option(Text(f"{when_saved(revision)}  {changed}{now}"), id=str(revision.id)))
        if self.revisions:
            versions.highlighted = 0
            versions.focus()
        else:
            self.query_one("#version-text", Static).update(
                Text(_("No versions yet. Each time you save this part, a version is kept here.")))

    @on(OptionList.OptionHighlighted, "#versions")
    def _show(self, event: OptionList.OptionHighlighted) -> None:
        revision = self.revisions[event.option_index]
        words = Text()
        for field, title in field_titles(self.section_name).items():
            words.append(f"{title}\n", style="bold")
            words.append_text(person_text(revision.fields.get(field, "").strip() or _("(blank)")))
            words.append("\n\n")
        self.query_one("#version-text", Static).update(words)

    @on(OptionList.OptionSelected, "#versions")
    def _selected(self) -> None:
        self.action_restore()

    def action_restore(self) -> None:
        from tui.screens.dialogs import ConfirmDialog

        index = self.query_one("#versions", OptionList).highlighted
        if index is None or not self.revisions:
            return
        if index == 0:
            self.notify(_("This is the version in your plan now."), markup=False)
            return
        revision = self.revisions[index]

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.plan.restore_revision(revision.id)
            except StoreError as error:
                self.notify(error.message, severity="error", markup=False)
                return
            self.notify(_("The version from {when} is back in your plan.").format(
                when=when_saved(revision)), markup=False)
            self.reload()

        self.app.push_screen(ConfirmDialog(
            _("Put this version back?"), f"{section_title(self.section_name)}, {when_saved(revision)}",
            _("What you have now is kept as a past version.")), answered)

    def action_back(self) -> None:
        self.dismiss()
