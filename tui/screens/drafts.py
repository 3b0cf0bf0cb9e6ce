"""Drafts: words typed but not yet saved are kept every few seconds, so a
kiosk switched off at the wall or a dropped SSH connection loses nothing; at
the next sign-in they are offered back.

A screen that holds typing offers `draft_values()`: a list of (place, label,
values) for what differs from what is saved. The label is kept as the English
catalog text (marked N_) and translated when the draft is shown, so a draft
kept in one language reads right in the next session's. `DraftKeeper` asks the screens of
the current mode, keeps what changed, and forgets a draft once its screen has
nothing unsaved any more (its words were saved).
"""

from __future__ import annotations

import secrets

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.i18n import N_, _, format_date
from tui.store import Draft, Plan, StoreError
from tui.widgets.cursor import CursorOptionList
from tui.widgets.footer import Footer
from tui.widgets.person_text import person_line, person_text

DRAFT_SECONDS = 5.0  # how often typing is kept


class DraftKeeper:
    """Keeps one session's drafts. Each is stored under its place plus this
    session's own mark, so two sessions (or a session and the drafts a crashed
    one left) never overwrite or forget each other's words."""

    def __init__(self, plan: Plan):
        self.plan = plan
        self.mark = secrets.token_hex(4)
        self.kept: dict[str, dict[str, str]] = {}  # stored place -> the values kept last
        self.owner: dict[str, int] = {}  # stored place -> id() of the screen it came from
        self.held: set[int] = set()  # screens closed with words not saved: keep their drafts

    def hold(self, screens) -> None:
        """These screens close with words they could not save: keep their drafts
        for the next sign-in."""
        self.held.update(id(screen) for screen in screens)

    def tick(self, screens) -> None:
        """Keep what the screens hold unsaved; forget drafts whose words were saved."""
        now: dict[str, tuple[str, dict[str, str], int]] = {}
        for screen in screens:
            offer = getattr(screen, "draft_values", None)
            if offer is None:
                continue
            try:
                for place, label, values in offer():
                    now[f"{place}@{self.mark}"] = (label, values, id(screen))
            except Exception:  # a screen mid-teardown: its words are kept by save_pending
                continue
        try:
            for place, (label, values, owner) in now.items():
                self.owner[place] = owner
                if self.kept.get(place) != values:
                    self.plan.save_draft(place, label, values)
                    self.kept[place] = values
            for place in [p for p in self.kept if p not in now]:
                if self.owner.get(place) not in self.held:
                    self.plan.discard_draft(place)
                del self.kept[place]
        except StoreError:
            pass  # the next tick tries again; the words are still on the screen


class DraftsScreen(ModalScreen[None]):
    """Words from a session that ended before they were saved."""

    BINDINGS = [
        Binding("s", "save", N_("Save it into my plan"), id="draft_save"),
        Binding("x", "discard", N_("Throw it away"), id="draft_discard"),
        Binding("escape", "later", N_("Decide later"), id="draft_later"),
    ]

    def __init__(self, plan: Plan, drafts: list[Draft]):
        super().__init__()
        self.plan = plan
        self.drafts = list(drafts)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="drafts-box"):
            yield Static(Text(_("You were typing when your last session ended"), style="bold"))
            yield Static(Text(_("These words were not saved yet. s saves one into your plan, "
                                "x throws it away, Esc asks again next time.")))
            yield CursorOptionList(id="drafts")
            with VerticalScroll(id="draft-words"):
                yield Static(id="draft-text")
            yield Static(Text(_("s: save   x: throw away   Esc: later")), classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self._fill()

    def _fill(self) -> None:
        options = self.query_one("#drafts", OptionList)
        options.clear_options()
        for draft in self.drafts:
            when = f"{format_date(draft.saved_at, 'day')}, {draft.saved_at:%H:%M}"
            options.add_option(Option(person_line(f"{_(draft.label)} ({when})"), id=str(draft.id)))
        if self.drafts:
            options.highlighted = 0
            options.focus()

    @on(OptionList.OptionHighlighted, "#drafts")
    def _show(self, event: OptionList.OptionHighlighted) -> None:
        draft = self.drafts[event.option_index]
        words = "\n\n".join(value for value in draft.values.values() if value.strip())
        self.query_one("#draft-text", Static).update(person_text(words or _("(blank)")))

    def _current(self) -> Draft | None:
        index = self.query_one("#drafts", OptionList).highlighted
        return self.drafts[index] if index is not None and self.drafts else None

    def _done_with(self, draft: Draft) -> None:
        self.drafts.remove(draft)
        if not self.drafts:
            self.dismiss()
        else:
            self._fill()

    def action_save(self) -> None:
        draft = self._current()
        if draft is None:
            return
        try:
            self.plan.apply_draft(draft)
        except StoreError as error:
            self.notify(error.message, severity="error", markup=False)
            return
        self.notify(_("Saved into your plan."), markup=False)
        self._done_with(draft)

    def action_discard(self) -> None:
        draft = self._current()
        if draft is None:
            return
        try:
            self.plan.discard_draft(draft.place)
        except StoreError as error:
            self.notify(error.message, severity="error", markup=False)
            return
        self._done_with(draft)

    def action_later(self) -> None:
        self.dismiss()
