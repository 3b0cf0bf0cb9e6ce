"""Check-in: for each step due or overdue, how it went (done, not yet, or
change it), a note on what got in the way if the person wants one, then the
next step set or adjusted with the step editor's SMART check.

Each step is kept as soon as it is finished (PgDn, or Enter on the last
field), so a check-in left half way keeps what was done. A step with no
choice made is skipped. At the end: what was kept, and a one-page summary to
save (s) or print (p) for a meeting.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Input, Label, Static

from tui.i18n import N_, _, format_date
from tui.output.formats import SUMMARY
from tui.screens.base import PlanScreen
from tui.screens.save import SaveFileDialog, SaveWords, pdf_writer, print_in_background
from tui.store import Goal, Plan, Step, StoreError, clock
from tui.widgets.dates import due_label
from tui.widgets.fields import TextInput
from tui.widgets.footer import Footer
from tui.widgets.person_text import person_line, person_text
from tui.widgets.step_fields import StepFields, save_step

# The values are stored; the words (N_) are translated where they are shown.
CHOICES = (("done", "d", N_("Done")), ("not_yet", "n", N_("Not yet")), ("changed", "c", N_("Change it")))
NEXT_TITLES = {
    "done": N_("My next step toward this goal (you can skip this)"),
    "not_yet": N_("Set a new date, or change the step (you can skip this)"),
    "changed": N_("Change the step (you can skip this)"),
}
NOTE_LABELS = {
    "done": N_("Anything to remember about it? (you can skip this)"),
    "not_yet": N_("What got in the way? (you can skip this)"),
    "changed": N_("What got in the way? (you can skip this)"),
}
HINT = N_("d, n, c: how it went   Enter: next field   PgDn: next step or skip   Esc: stop")
NOTHING_DUE = N_("No steps are due now. A check-in comes up on the overview when a step's "
                 "date arrives.")


def day_without_year(value: date) -> str:
    """"Thursday, November 26" | "jueves, 26 de noviembre": the long date, its year left off."""
    year = str(value.year)
    return format_date(value, "long").removesuffix(f", {year}").removesuffix(f" de {year}")


class OutcomeChoice(Static, can_focus=True):
    """Done, not yet, or change it: d, n or c. The choice is marked [X], not
    shown by colour alone."""

    DEFAULT_CSS = """
    OutcomeChoice { height: 1; padding: 0 1; }
    OutcomeChoice:focus { text-style: bold; background: $boost; }
    """
    BINDINGS = [
        Binding("d", "choose('done')", N_("Done"), id="outcome_done", show=False),
        Binding("n", "choose('not_yet')", N_("Not yet"), id="outcome_not_yet", show=False),
        Binding("c", "choose('changed')", N_("Change it"), id="outcome_changed", show=False),
    ]

    value: reactive[str | None] = reactive(None)

    class Chosen(Message):
        def __init__(self, value: str):
            super().__init__()
            self.value = value

    def render(self) -> Text:
        text = Text(_("How did it go?") + "  ", style="bold")
        for value, key, words in CHOICES:
            text.append(f"[{'X' if self.value == value else ' '}] {key}: {_(words)}   ",
                        style="bold" if self.value == value else "")
        return text

    async def on_key(self, event: events.Key) -> None:
        """d, n or c taken in this widget's own turn (its bindings, as a site's
        keymap has them), not once the key has gone back up to the app: by
        then a PgDn pressed right after had already gone on to the next step."""
        active = self.screen.active_bindings.get(event.key)
        if active is not None and active.node is self and active.enabled:
            event.stop()
            event.prevent_default()
            await self.run_action(active.binding.action)

    def action_choose(self, value: str) -> None:
        self.value = value
        self.post_message(self.Chosen(value))


class CheckInScreen(PlanScreen):
    BINDINGS = [
        Binding("pagedown", "next", N_("Next step"), id="checkin_next", priority=True,
                tooltip=N_("Keep this step and go on (with no choice made, it is skipped)")),
        Binding("s", "save_summary", N_("Save summary"), id="checkin_save",
                tooltip=N_("Save a one-page summary to bring to a meeting (pdf or txt)")),
        Binding("p", "print_summary", N_("Print summary"), id="checkin_print",
                tooltip=N_("Print a one-page summary to bring to a meeting")),
        Binding("escape", "leave", N_("Back"), id="checkin_leave",
                tooltip=N_("Back to my plan; the steps you finished are kept")),
    ]

    def __init__(self, plan: Plan):
        super().__init__(plan)
        self.items: list[tuple[Goal, Step]] = []
        self.index = 0
        self.check_in_id: int | None = None
        self.outcome: str | None = None
        self.shown_step: Step | None = None  # the step in the fields (this one, the next, or None)
        self.finished = False  # the summary is showing
        self.summary = None  # the summary shown at the end (tui.output.checkin_page.CheckInSummary)
        self._kept_as: tuple | None = None  # what was kept of the step shown, to keep it once

    def compose(self) -> ComposeResult:
        yield Static(id="checkin-title", classes="screen-title")
        with VerticalScroll(id="checkin-body"):
            with Vertical(id="checkin-page"):
                yield Static(id="checkin-step")
                yield OutcomeChoice(id="outcome")
                with Vertical(id="checkin-after"):
                    yield Label(id="note-label")
                    yield TextInput(id="note", classes="compact",
                                    placeholder=_("like: my phone was cut off"))
                    yield Static(id="next-title", classes="table-title")
                    yield StepFields(clock.today(), id="checkin-fields")
            yield Static(id="checkin-summary")
        yield Static(Text(_(HINT)), id="checkin-hint", classes="guide-hint")
        yield Footer()

    def on_mount(self) -> None:
        try:
            self.items = self.plan.steps_to_check_in()
        except StoreError as error:
            self.notify(error.message, severity="error", markup=False)
        if self.items:
            self._show_step(0)
        else:
            self._show_summary()

    def check_action(self, action: str, parameters) -> bool | None:
        if action in ("save_summary", "print_summary"):
            return self.finished and self.summary is not None
        if action == "next":
            return not self.finished
        return True

    # -- one due step at a time -------------------------------------------------

    def _show_step(self, index: int) -> None:
        self.index, self.outcome, self.shown_step, self._kept_as = index, None, None, None
        goal, step = self.items[index]
        today = clock.today()
        self.query_one("#checkin-title", Static).update(Text.assemble(
            (_("Check-in"), "bold"), f"   {day_without_year(today)}   ",
            (_("step {number} of {total}").format(number=index + 1, total=len(self.items)), "bold")))
        about = Text.assemble((_("Toward:") + " ", "bold"), person_line(goal.text), "\n",
                              (_("Step:") + " ", "bold"),
                              person_line(step.specific or _("(a step with no words yet)")))
        if step.due_date:
            about.append("  (")
            about.append_text(due_label(step.due_date, today))
            about.append(")")
        self.query_one("#checkin-step", Static).update(about)
        choice = self.query_one(OutcomeChoice)
        choice.value = None
        self.query_one("#note", Input).value = ""
        self.query_one("#checkin-after").display = False
        self.query_one("#checkin-body").scroll_home(animate=False)
        self.set_focus(choice)

    @on(OutcomeChoice.Chosen)
    def _chosen(self, _event: OutcomeChoice.Chosen) -> None:
        self._take_choice()

    def _take_choice(self) -> None:
        """Act on the choice made on the step shown, once. PgDn right after d
        takes it first (the message from the choice comes after PgDn), and a
        message that comes once the next step shows belongs to no step."""
        value = self.query_one(OutcomeChoice).value
        if self.finished or value is None or value == self.outcome:
            return
        goal, step = self.items[self.index]
        self.outcome = value
        try:
            if value == "done":
                later = [s for s in self.plan.steps(goal.id) if not s.done and s.id != step.id]
                self.shown_step = later[0] if later else None
            else:
                self.shown_step = next(s for s in self.plan.steps(goal.id) if s.id == step.id)
        except (StoreError, StopIteration):
            self.notify(_("That step is no longer in the plan."), severity="error", markup=False)
            self.shown_step = None
        self.query_one("#note-label", Label).update(Text(_(NOTE_LABELS[value])))
        title = _(NEXT_TITLES[value])
        if value == "done" and self.shown_step is None:
            title = _("A new step toward this goal (you can skip this)")
        self.query_one("#next-title", Static).update(Text(title, style="bold"))
        self.query_one("#checkin-after").display = True
        # Not yet: the step's date is set again, "next week" from today.
        self.query_one(StepFields).load(self.shown_step, reread_when=value == "not_yet")
        self.set_focus(self.query_one("#note", Input))

    def _keep(self) -> bool:
        """Keep the step shown: its outcome and note, and the step set or changed.
        Kept again only when something changed since (a dialog opened over the
        screen keeps it too, and the person may go on typing after)."""
        if self.finished or not self.items or self.outcome is None:
            return True
        goal, step = self.items[self.index]
        note = self.query_one("#note", Input).value
        fields = self.query_one(StepFields)
        state = (self.outcome, note, tuple(fields.values().items()))
        if state == self._kept_as:
            return True
        try:
            if self.outcome == "done":
                kept = self.plan.check_in_step(step.id, "done", note, self.check_in_id)
                self.shown_step = save_step(self.plan, goal.id, self.shown_step,
                                            fields.changed(self.shown_step))
            else:
                # The step is changed first, so the check-in keeps its new date.
                if self.shown_step is not None:
                    self.shown_step = save_step(self.plan, goal.id, self.shown_step,
                                                fields.changed(self.shown_step))
                kept = self.plan.check_in_step(step.id, self.outcome, note, self.check_in_id)
        except StoreError as error:
            self.notify(error.message, severity="error", markup=False, timeout=8)
            return False
        self.check_in_id = kept.id
        self._kept_as = state
        return True

    def save_pending(self) -> bool:
        """A lock, quitting or another screen keeps the step being checked."""
        return self._keep()

    def draft_values(self) -> list[tuple[str, str, dict[str, str]]]:
        if self.outcome is None or self.shown_step is None:
            return []
        changed = self.query_one(StepFields).changed(self.shown_step)
        return [(f"step:{self.shown_step.id}", N_("A step at a check-in"), changed)] if changed else []

    def on_screen_suspend(self) -> None:
        self._keep()

    def action_next(self) -> None:
        self._take_choice()
        if self.finished or not self._keep():
            return
        if self.index + 1 < len(self.items):
            self._show_step(self.index + 1)
        else:
            self._show_summary()

    @on(Input.Submitted, "#note")
    def _note_done(self) -> None:
        """Enter in the note goes on to the step below, but never into another
        step's saved words: after "done" the fields show the goal's next step,
        which Tab reaches on purpose (PgDn goes on)."""
        if self.outcome == "done" and self.shown_step is not None:
            return
        # Not yet: the date is what most often needs changing.
        self.set_focus(self.query_one("#when" if self.outcome == "not_yet" else "#specific", Input))

    @on(Input.Submitted, "#bring")
    def _last_field(self) -> None:
        self.action_next()

    # -- the end: what was kept, and the summary ---------------------------------

    def _show_summary(self) -> None:
        from tui.output.checkin_page import CheckInSummary, summary_text

        self.finished = True
        self.query_one("#checkin-page").display = False
        try:
            self.summary = summary = CheckInSummary.read(self.plan, self.check_in_id)
        except StoreError as error:
            self.notify(error.message, severity="error", markup=False)
            self.summary = summary = None
        if self.check_in_id is not None:
            title = _("Check-in kept")
        elif summary is not None:
            title = _("My last check-in")
        else:
            title = _("Check-in")
        self.query_one("#checkin-title", Static).update(Text(title, style="bold"))
        text = Text()
        if not self.items:
            text.append(_(NOTHING_DUE) + "\n\n", style="italic")
        elif self.check_in_id is None:
            text.append(_("Every step was skipped, and that's OK. Nothing was changed.") + "\n\n",
                        style="italic")
        if summary is not None:
            text.append_text(person_text(summary_text(summary, width=74)))
        self.query_one("#checkin-summary", Static).update(text)
        self.query_one("#checkin-hint", Static).update(Text(
            _("s: save this summary   p: print it   Esc: back to my plan") if summary is not None
            else _("Esc: back to my plan")))
        self.query_one("#checkin-body").scroll_home(animate=False)
        self.set_focus(self.query_one("#checkin-body"))
        self.refresh_bindings()

    def action_leave(self) -> None:
        if not self._keep():
            return
        kept = self.check_in_id is not None and not self.finished
        self.dismiss()
        if kept:
            self.app.notify(_("Your check-in is kept, with the steps you went through."), markup=False)

    def action_save_summary(self) -> None:
        if self.summary is not None:
            self.app.push_screen(SaveSummaryDialog(self.summary))

    def action_print_summary(self) -> None:
        summary = self.summary
        if summary is not None:
            write = pdf_writer(SUMMARY, lambda: summary, self.app.config.card_font)
            print_in_background(self, "check-in.pdf", write, group="print-checkin",
                                sending=N_("Sending your check-in summary to the printer..."),
                                done=N_("Your check-in summary is at the printer."))


class SaveSummaryDialog(SaveFileDialog):
    """Save the check-in summary to a file (pdf or txt)."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="save_summary_cancel")]
    DOCUMENT = SUMMARY
    WORDS = SaveWords(
        title=N_("Save my check-in summary"),
        label=N_("File name (ends in .pdf or .txt)"),
        wrong_ending=N_("Please end the name with .pdf or .txt"),
        saved=N_("Saved your check-in summary to {path}."),
        downloading=N_("Your check-in summary ({name}) is downloading to this computer."),
    )
    FIELD_ID, MESSAGE_ID = "summary-path", "summary-message"

    def __init__(self, summary):
        super().__init__()
        self.summary = summary

    def file_name(self) -> str:
        return f"check-in-{self.summary.check_in.held_on.isoformat()}.pdf"

    def value(self):
        return self.summary


def open_check_in(app, plan: Plan) -> None:
    if not isinstance(app.screen, CheckInScreen):
        app.push_screen(CheckInScreen(plan))
