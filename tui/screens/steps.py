"""The SMART step editor (F4): the selected goal's action steps, one field per
SMART part, and a live check that guides without blocking.

What is typed is saved when the field is left (Tab, Enter, another step, another
screen, a lock): there is no save key to forget.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from tui.console import done_mark
from tui.screens.app_messages import ModeWanted
from tui.screens.base import PlanScreen
from tui.screens.dialogs import ConfirmDialog
from tui.i18n import N_, _
from tui.store import InputError, Plan, Step, StoreError, clock
from tui.store.dates import parse_due_date
from tui.widgets.dates import due_label, due_width, numeric_date
from tui.widgets.textbox import AnswerBox
from tui.widgets.cursor_table import CursorDataTable
from tui.widgets.footer import Footer
from tui.widgets.person_text import fill, person_line, wrapped
from tui.widgets.room import fit_rows
from tui.widgets.spark import spark_text
from tui.widgets.step_fields import PART_NAMES, StepAnswers, step_value

NO_STEPS = N_(
    "No steps yet. Big goals get easier in small steps. Press a to add one: "
    "what you will do, how much, and by when."
)


class StepTable(CursorDataTable):
    """A goal's steps. What I will do takes the width the screen has and wraps
    onto a second line rather than being cut; the selected step is shown whole
    in the fields under the table."""

    DEFAULT_CSS = """
    StepTable { height: auto; }
    """

    ROW_LINES = 2

    def _widths(self, screen_width: int) -> tuple[int, int, int]:
        """(what I will do, due, done): Due and Done as wide as their labels in
        the language in effect, what I will do the rest."""
        due = max(due_width(10), len(_("Due")))
        done = max(10, len(_("Done")), len(_("not yet")))
        padding = 2 * self.cell_padding * 4
        return max(20, screen_width - 2 - due - done - padding - 3), due, done  # margin and scrollbar

    def show(self, steps: list[Step], today: date, keep: int | None, screen_width: int) -> None:
        self.clear(columns=True)
        specific_width, due_width_, done_width = self._widths(screen_width)
        self.add_column("#", width=2, key="position")
        self.add_column(_("What I will do"), width=specific_width, key="specific")
        self.add_column(_("Due"), width=due_width_, key="due")
        self.add_column(_("Done"), width=done_width, key="done")
        for step in steps:
            style = "dim" if step.done else ""
            mark = done_mark(self.app)
            done = Text(f"{mark} {numeric_date(step.done_on)}" if step.done_on else mark, style=style) \
                if step.done else Text(_("not yet"))
            # A step with no words yet is shown as (our) question, not as the person's words.
            specific = wrapped(person_line(step.specific, style), specific_width, self.ROW_LINES) \
                if step.specific else Text(_("(what will you do?)"), style=style)
            self.add_row(
                Text(str(step.position), style=style),
                specific,
                due_label(step.due_date, today) if not step.done else Text(""),
                done,
                key=str(step.id),
                height=len(specific.plain.split("\n")),
            )
        for index, step in enumerate(steps):
            if step.id == keep:
                self.move_cursor(row=index, animate=False)
        fit_rows(self)  # what the title and the fields under it leave

    def selected_step_id(self) -> int | None:
        if self.row_count == 0:
            return None
        return int(self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value)


class StepEditorScreen(PlanScreen):
    BINDINGS = [
        Binding("a", "add", N_("Add step"), id="step_add", tooltip=N_("Add a step to this goal")),
        Binding("enter", "edit", N_("Edit"), id="step_edit", show=False,
                tooltip=N_("Type in the selected step's parts (Tab moves between them)")),
        Binding("space", "toggle_done", N_("Done"), id="step_done",
                tooltip=N_("Mark the selected step done, or not yet")),
        Binding("u", "move(-1)", N_("Move up"), id="step_up", tooltip=N_("Move the step up")),
        Binding("d", "move(1)", N_("Move down"), id="step_down", tooltip=N_("Move the step down")),
        Binding("x,delete", "delete", N_("Delete"), id="step_delete",
                tooltip=N_("Delete the selected step (asks first)")),
        Binding("escape", "back", N_("Back to goals"), id="step_back",
                tooltip=N_("Back to the goal board; what you typed is kept")),
    ]

    def __init__(self, plan: Plan, goal_id: int):
        super().__init__(plan)
        self.goal_id = goal_id
        self.steps: list[Step] = []
        self.editing: Step | None = None  # the step the fields show

    def compose(self) -> ComposeResult:
        with Vertical(id="steps-body"):
            yield Static(id="steps-title", classes="screen-title")
            yield Static(_(NO_STEPS), id="no-steps", markup=False)
            yield StepTable(cursor_type="row", id="steps")
            yield StepAnswers(clock.today(), id="step-editor")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()
        self.query_one(StepTable).focus()

    def on_resize(self) -> None:
        # What I will do takes the width the screen has.
        if self.steps:
            table = self.query_one(StepTable)
            table.show(self.steps, clock.today(), table.selected_step_id(), self.app.size.width)

    # -- showing -------------------------------------------------------------

    def reload(self, keep: int | None = None) -> None:
        try:
            goal = self.plan.goal(self.goal_id)
            self.steps = self.plan.steps(self.goal_id)
        except StoreError as error:
            self.notify(error.message, severity="error", markup=False)
            return
        self.goal_text = goal.text
        title = fill(_("Steps toward: {goal}"), "bold", goal=person_line(goal.text))
        weeks = self.plan.steps_done_by_week(weeks=8, goal_id=self.goal_id)
        if any(weeks):
            title.append("\n" + _("Steps done each week: "))
            title.append_text(spark_text(weeks))
        self.query_one("#steps-title", Static).update(title)
        table = self.query_one(StepTable)
        if keep is None and self.editing is not None:
            keep = self.editing.id
        table.show(self.steps, clock.today(), keep, self.app.size.width)
        has_steps = bool(self.steps)
        self.query_one("#no-steps").display = not has_steps
        table.display = has_steps
        self.query_one("#step-editor").display = has_steps
        self._load_fields(self._selected_step())

    def _selected_step(self) -> Step | None:
        step_id = self.query_one(StepTable).selected_step_id()
        return next((s for s in self.steps if s.id == step_id), None)

    def _load_fields(self, step: Step | None) -> None:
        self.editing = step
        self.query_one(StepAnswers).load(step)

    # -- saving --------------------------------------------------------------

    def draft_values(self) -> list[tuple[str, str, dict[str, str]]]:
        """The step's parts typed here and not saved yet (see tui.screens.drafts)."""
        step = self.editing
        if step is None:
            return []
        changed = {part: self.query_one(f"#{part}", AnswerBox).value for part in PART_NAMES
                   if self.query_one(f"#{part}", AnswerBox).value != step_value(step, part)}
        if not changed:
            return []
        # It names the goal, so it can't be a catalog text: it is kept in the
        # language in effect (the drafts screen shows it as it is).
        label = _("A step toward: {goal}").format(goal=getattr(self, "goal_text", ""))
        return [(f"step:{step.id}", label, changed)]

    def save_pending(self, leaving: bool = True, left: str | None = None) -> bool:
        """Save what the fields hold for the step shown; False if something could not be saved.

        A "by when" that can't be read as a date is:
        - refused with a message when the person has just left that field
          (`left`) and stays on the step (the other parts are saved);
        - left for later when another field was left: it may still be being
          typed, and focus is never pulled back to it;
        - kept as typed, with no date, when the step or the screen is left, or
          the plan locks, so nothing is lost.
        """
        strict_when = not leaving and left == "when"
        step = self.editing
        if step is None:
            return True
        changed = {
            part: self.query_one(f"#{part}", AnswerBox).value
            for part in PART_NAMES
            if self.query_one(f"#{part}", AnswerBox).value != step_value(step, part)
        }
        if not leaving and not strict_when and "when" in changed:
            try:
                parse_due_date(changed["when"], clock.today())
            except InputError:
                del changed["when"]
        if not changed:
            return True
        try:
            try:
                self.editing = self.plan.edit_step(
                    step.id, keep_unread_when=not strict_when, **changed)
            except InputError:
                if "when" not in changed or len(changed) == 1:
                    raise
                # Keep the parts that can be saved; the date's message follows.
                self.editing = self.plan.edit_step(
                    step.id, **{k: v for k, v in changed.items() if k != "when"})
                self._show_saved(step.id)
                self.plan.edit_step(step.id, when=changed["when"])
        except StoreError as error:
            self.notify(error.message, severity="error", markup=False, timeout=8)
            return False
        self._show_saved(step.id)
        return True

    def _show_saved(self, step_id: int) -> None:
        self.steps = [self.editing if s.id == step_id else s for s in self.steps]
        self.query_one(StepTable).show(self.steps, clock.today(), step_id, self.app.size.width)

    def on_descendant_blur(self, event) -> None:
        if isinstance(event.widget, AnswerBox):
            self.save_pending(leaving=False, left=event.widget.id)

    @on(AnswerBox.Submitted)
    def _field_done(self, event: AnswerBox.Submitted) -> None:
        # Enter has already moved on; come back if what was typed can't be saved.
        if not self.save_pending(leaving=False, left=event.box.id):
            self.set_focus(event.box)

    def on_screen_suspend(self) -> None:
        self.save_pending()

    @on(DataTable.RowHighlighted)
    def _other_step(self) -> None:
        step = self._selected_step()
        if step is not None and (self.editing is None or step.id != self.editing.id):
            if not self.save_pending() and self.editing is not None:
                # Not saved (the message says why): stay on the step typed in, words and all.
                rows = [s.id for s in self.steps]
                if self.editing.id in rows:
                    self.query_one(StepTable).move_cursor(row=rows.index(self.editing.id),
                                                          animate=False)
                return
            self._load_fields(step)

    @on(DataTable.RowSelected)
    def action_edit(self) -> None:
        if self.editing is not None:
            self.set_focus(self.query_one("#specific", AnswerBox))

    # -- actions (on the list of steps) ----------------------------------------

    def action_add(self) -> None:
        if not self.save_pending():
            return
        created: list[Step] = []
        if self.run_store(lambda: created.append(self.plan.add_step(self.goal_id))):
            self.editing = None
            self.reload(keep=created[0].id)
            self.set_focus(self.query_one("#specific", AnswerBox))

    def action_toggle_done(self) -> None:
        step = self._selected_step()
        if step is not None and self.save_pending() and \
                self.run_store(lambda: self.plan.complete_step(step.id, not step.done)):
            if not step.done:
                self.notify(_("Step done. Nice work!"), markup=False)
            self.reload(keep=step.id)

    def action_move(self, by: int) -> None:
        step = self._selected_step()
        if step is not None and self.save_pending() and \
                self.run_store(lambda: self.plan.move_step(step.id, by)):
            self.reload(keep=step.id)

    def action_delete(self) -> None:
        step = self._selected_step()
        if step is None or not self.save_pending():
            return
        step = next(s for s in self.steps if s.id == step.id)

        def answered(yes: bool | None) -> None:
            if yes and self.run_store(lambda: self.plan.delete_step(step.id)):
                self.editing = None
                self.reload()

        self.app.push_screen(
            ConfirmDialog(_("Delete this step?"), step.specific or _("(a step with no words yet)")),
            answered)

    def action_back(self) -> None:
        if self.save_pending():
            self.app.post_message(ModeWanted("goals"))
