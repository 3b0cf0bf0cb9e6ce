"""The goal board (F3): my goals, ranked by importance and ordered into a
timeline, short term and long term apart, each with its next step."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from tui.console import done_mark
from tui.widgets.dates import WIDE_DAY, due_label, due_width, numeric_date
from tui.widgets.goal_order import move_among_shown, tie_with_goal_above
from tui.screens.app_messages import GoalChosen
from tui.screens.base import PlanScreen
from tui.screens.dialogs import ConfirmDialog, GoalDialog
from tui.i18n import N_, _, ngettext
from tui.store import Goal, Plan, StoreError, clock
from tui.widgets.cursor_table import CursorDataTable
from tui.widgets.footer import Footer
from tui.widgets.person_text import fill, person_line, wrapped
from tui.widgets.room import fit_rows

TERM_TITLES = {"short": N_("Short-term goals"), "long": N_("Long-term goals")}
SORTED_BY = {"importance": N_("sorted by importance"), "timeline": N_("sorted by timeline")}

EMPTY_BOARD = N_(
    "No goals yet, and that's fine. A goal is something you want, in your own words: "
    '"I want to find a place to live" or "I want to get back in touch with my brother".\n\n'
    "Press a to add your first goal. Later you can rank your goals by how much they "
    "matter, and put them in the order you will work on them."
)

def done_label(done_on: date | None) -> str:
    """A goal reached, with the day when it is known."""
    return _("done {date}").format(date=numeric_date(done_on)) if done_on else _("done")


def next_step_text(goal: Goal, today: date) -> Text:
    """The goal's next step whole, with its due date, or what is there instead."""
    if goal.done:
        reached = _("You reached this goal on {date}.").format(date=numeric_date(goal.done_on)) \
            if goal.done_on else _("You reached this goal.")
        return Text(reached, style="italic")
    step = goal.next_step
    if step is None:
        return Text(_("No next step yet. F4 opens this goal's steps."), style="italic")
    text = fill(_("Next: {step}"), step=person_line(step.specific or step.when_text))
    if step.due_date:
        text.append(" (")
        text.append_text(due_label(step.due_date, today))
        text.append(")")
    return text


class GoalTable(CursorDataTable):
    """One term's goals. Row keys are goal ids. A goal and its next step wrap
    onto a second line rather than being cut; the selected goal is shown whole
    under the tables (see GoalBoardScreen)."""

    DEFAULT_CSS = """
    GoalTable { height: auto; max-height: 100%; }
    """

    ROW_LINES = 2  # at most; longer words end in "…" and show whole below

    def __init__(self, term: str, **kwargs):
        super().__init__(cursor_type="row", zebra_stripes=False, **kwargs)
        self.term = term

    def show(self, goals: list[Goal], today: date, keep: int | None, widths: BoardWidths) -> None:
        self.clear(columns=True)
        self.add_column(_("Goal"), width=widths.goal, key="goal")
        self.add_column(widths.importance_heading, width=widths.importance, key="importance")
        self.add_column(widths.timeline_heading, width=widths.timeline, key="timeline")
        self.add_column(_("Next step"), width=widths.next, key="next")
        self.add_column(widths.when_heading, width=widths.when, key="when")
        for goal in goals:
            style = "dim" if goal.done else ""
            step = goal.next_step
            goal_cell = wrapped(goal_line(goal, style, done_mark(self.app)), widths.goal, self.ROW_LINES)
            step_cell = wrapped(person_line(step.specific or step.when_text, style), widths.next,
                                self.ROW_LINES) if step else Text("")
            if goal.done:
                when = Text(done_label(goal.done_on), style="dim")
            else:
                when = due_label(step.due_date, today) if step else Text("")
            self.add_row(
                goal_cell,
                Text(str(goal.importance), style=style),
                Text(str(goal.timeline), style=style),
                step_cell,
                when,
                key=str(goal.id),
                height=max(1, len(goal_cell.plain.split("\n")), len(step_cell.plain.split("\n"))),
            )
        if keep is not None:
            for index, goal in enumerate(goals):
                if goal.id == keep:
                    self.move_cursor(row=index, animate=False)
                    break

    def has_goal(self, goal_id: int) -> bool:
        return any(int(key.value) == goal_id for key in self.rows)

    def shown_ids(self) -> list[int]:
        """The goal ids in the order shown (hidden goals left out)."""
        return [int(row.key.value) for row in self.ordered_rows]

    def selected_goal_id(self) -> int | None:
        if self.row_count == 0:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        return int(key.value)


def goal_line(goal: Goal, style: str = "", mark: str | None = None) -> Text:
    """A goal on one line as the board lists it; a reached one is marked done
    (`mark`: tui.console.done_mark for the terminal in use)."""
    return person_line((f"{mark or done_mark()} " if goal.done else "") + goal.text, style)


class BoardWidths:
    """The board's column widths for a screen width, the same for both tables.

    Importance, timeline and when are as wide as their heading and their widest
    value in the language in effect. The goal and its next step share the rest:
    when both can't fit, the goal gets as much as it needs up to three fifths
    (more if the steps are short), and a goal or step longer than its column
    wraps (GoalTable); when they fit, the goal takes what is left over."""

    GOAL_MIN, NEXT_MIN = 16, 10
    PADDING = 1  # each side of each cell (DataTable's cell_padding)
    COLUMNS = 5

    def __init__(self, screen_width: int, goals: list[Goal]):
        self.importance_heading, self.timeline_heading = _("Imp"), _("Time")
        self.when_heading = _("When")
        self.importance = max(3, len(self.importance_heading))
        self.timeline = max(4, len(self.timeline_heading))
        self.when = max(len(self.when_heading), len(done_label(WIDE_DAY)), due_width(0))
        fixed = self.importance + self.timeline + self.when
        room = screen_width - fixed - 2 * self.PADDING * self.COLUMNS - 3  # margin and scrollbar
        room = max(room, self.GOAL_MIN + self.NEXT_MIN)
        goal_needs = max([goal_line(g).cell_len for g in goals] + [len(_("Goal"))])
        next_needs = max([person_line(g.next_step.specific or g.next_step.when_text).cell_len
                          for g in goals if g.next_step] + [len(_("Next step"))])
        if goal_needs + next_needs <= room:
            self.goal = room - next_needs  # the goal takes what is left over
        else:
            self.goal = max(self.GOAL_MIN, min(goal_needs, max(room * 3 // 5, room - next_needs)))
        self.next = max(self.NEXT_MIN, room - self.goal)


class GoalBoardScreen(PlanScreen):
    """All my goals. Sort by importance or timeline; move, add, edit, finish, delete."""

    BINDINGS = [
        Binding("a", "add", N_("Add"), id="goal_add", tooltip=N_("Add a goal")),
        Binding("e,enter", "edit", N_("Edit"), id="goal_edit", tooltip=N_("Change the selected goal")),
        Binding("u", "move(-1)", N_("Move up"), id="goal_up",
                tooltip=N_("Move the goal up in the order shown (the other order stays)")),
        Binding("d", "move(1)", N_("Move down"), id="goal_down",
                tooltip=N_("Move the goal down in the order shown (the other order stays)")),
        Binding("s", "sort", N_("Sort"), id="goal_sort", tooltip=N_("Sort by importance or by timeline")),
        Binding("equals_sign", "tie", N_("Same importance"), id="goal_tie", show=False,
                tooltip=N_("Give the goal the same importance as the goal above it (u or d undoes it)")),
        Binding("space", "toggle_done", N_("Done"), id="goal_done",
                tooltip=N_("Mark the goal reached, or not yet")),
        Binding("x,delete", "delete", N_("Delete"), id="goal_delete",
                tooltip=N_("Delete the goal (asks first)")),
        Binding("h", "toggle_done_shown", N_("Hide/show done"), id="goal_hide_done",
                tooltip=N_("Hide or show the goals you reached")),
        Binding("escape", "app.go('overview')", N_("Back"), id="goal_back", show=False,
                tooltip=N_("Back to the overview")),
    ]

    def __init__(self, plan: Plan, chosen: Callable[[], int | None] = lambda: None):
        """`chosen` says the goal the app has chosen (the one F4 opens): the board
        starts on it, and comes back to it."""
        super().__init__(plan)
        self._chosen = chosen
        self._just_saved: int | None = None  # a goal added or changed: shown next
        self.order = "importance"
        self.show_done = True
        self._built_width = 0  # the screen width the goal column was sized for
        self._goals: dict[int, Goal] = {}  # the goals shown, by id
        self._left = False  # suspended since the last load: reload on resume

    def compose(self) -> ComposeResult:
        yield Static(id="board-title", classes="screen-title")
        yield Static(_(EMPTY_BOARD), id="empty-board", markup=False)
        with Vertical(id="board"):
            for term in ("short", "long"):
                yield Static(id=f"{term}-title", classes="table-title")
                yield GoalTable(term, id=f"{term}-goals")
            yield Static(id="goal-detail")
        yield Footer()

    def on_mount(self) -> None:
        keep = self._chosen()
        self.reload(keep=keep)
        table = self.query_one("#short-goals", GoalTable)
        for other in self.query(GoalTable):
            if keep is not None and other.display and other.has_goal(keep):
                table = other
        table.focus()

    def on_screen_suspend(self) -> None:
        self._left = True

    def on_screen_resume(self) -> None:
        # Coming back from a dialog, the step editor or another screen: the plan may
        # have changed. The first showing is on_mount's (Textual may resume a new
        # screen twice; only a resume after leaving reloads).
        if self._left:
            self._left = False
            keep, self._just_saved = self._just_saved or self._chosen(), None
            self.reload(keep=keep)
            for table in self.query(GoalTable):
                if keep is not None and table.display and table.has_goal(keep):
                    table.focus()

    def on_resize(self) -> None:
        if self.app.size.width != self._built_width:
            self.reload(keep=self.selected_goal_id())

    # -- showing -------------------------------------------------------------

    def reload(self, keep: int | None = None) -> None:
        try:
            goals = self.plan.goals()
        except StoreError as error:
            self.notify(error.message, severity="error", markup=False)
            return
        today = clock.today()
        self._built_width = self.app.size.width
        self.query_one("#empty-board").display = not goals
        self.query_one("#board").display = bool(goals)
        hidden = sum(1 for g in goals if g.done) if not self.show_done else 0
        title = Text.assemble(
            (_("My goals"), "bold"), "  " + _(SORTED_BY[self.order]),
            "  " + ngettext("({n} done hidden: h shows them)", "({n} done hidden: h shows them)",
                            hidden).format(n=hidden) if hidden else "",
        )
        self.query_one("#board-title", Static).update(title)
        shown = {
            term: sorted((g for g in goals if g.term == term and (self.show_done or not g.done)),
                         key=lambda g: g.place(self.order))
            for term in ("short", "long")
        }
        widths = BoardWidths(self.app.size.width, shown["short"] + shown["long"])
        for term in ("short", "long"):
            count = sum(1 for g in goals if g.term == term)
            heading = _("{title} ({count})").format(title=_(TERM_TITLES[term]), count=count) \
                if count else _("{title}: none yet").format(title=_(TERM_TITLES[term]))
            self.query_one(f"#{term}-title", Static).update(Text(heading, style="bold"))
            table = self.query_one(f"#{term}-goals", GoalTable)
            table.show(shown[term], today, keep, widths)
            table.display = bool(shown[term])
        # The short-term table gets what the board has left once the long-term
        # table and the selected goal are shown.
        fit_rows(self.query_one("#short-goals", GoalTable))
        self._goals = {g.id: g for g in goals}
        self._note_selection()

    def _table(self) -> GoalTable | None:
        focused = self.focused
        if isinstance(focused, GoalTable) and focused.row_count:
            return focused
        for table in self.query(GoalTable):
            if table.row_count:
                return table
        return None

    def selected_goal_id(self) -> int | None:
        table = self._table()
        return table.selected_goal_id() if table else None

    def _note_selection(self) -> None:
        # The step editor (F4) opens for the goal selected here.
        goal_id = self.selected_goal_id()
        if goal_id is not None:
            self.app.post_message(GoalChosen(goal_id))
        self._show_detail(self._goals.get(goal_id) if goal_id is not None else None)

    def _show_detail(self, goal: Goal | None) -> None:
        """The selected goal whole, with its next step whole: the table may
        have had to shorten them."""
        detail = self.query_one("#goal-detail", Static)
        detail.display = goal is not None
        if goal is None:
            return
        text = goal_line(goal, "bold", done_mark(self.app))
        text.append("\n")
        text.append_text(next_step_text(goal, clock.today()))
        detail.update(text)

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self._note_selection()

    def on_descendant_focus(self) -> None:
        # Tab from one term's table to the other's selects a goal there.
        self._note_selection()

    @on(DataTable.RowSelected)
    def _selected(self) -> None:
        self.action_edit()

    # -- actions -------------------------------------------------------------

    def _save_goal(self, goal_id: int | None, values: dict) -> bool:
        """Add (goal_id None) or change a goal from the dialog; False with a message if not."""
        saved: list = []
        if goal_id is None:
            ok = self.run_store(lambda: saved.append(
                self.plan.add_goal(values["text"], values["term"], values["target_date"])))
        else:
            ok = self.run_store(lambda: saved.append(self.plan.edit_goal(goal_id, **values)))
        if ok:
            self._just_saved = saved[0].id
        return ok

    def action_add(self) -> None:
        self.app.push_screen(GoalDialog(_("Add a goal"), save=lambda v: self._save_goal(None, v)))

    def action_edit(self) -> None:
        goal_id = self.selected_goal_id()
        if goal_id is None:
            return
        try:
            goal = self.plan.goal(goal_id)
        except StoreError as error:
            self.notify(error.message, severity="error", markup=False)
            self.reload()
            return
        self.app.push_screen(GoalDialog(
            _("Change this goal"), goal.text, goal.term, goal.target_date,
            save=lambda v: self._save_goal(goal_id, v), draft_place=f"goal:{goal_id}"))

    def action_move(self, by: int) -> None:
        table = self._table()
        goal_id = self.selected_goal_id()
        if table is None or goal_id is None:
            return
        if self.run_store(lambda: move_among_shown(self.plan, self.order, table.shown_ids(), goal_id, by)):
            self.reload(keep=goal_id)

    def action_tie(self) -> None:
        goal_id = self.selected_goal_id()
        if tie_with_goal_above(self, self.plan, self.order, self._table(), goal_id):
            self.reload(keep=goal_id)

    def action_sort(self) -> None:
        self.order = "timeline" if self.order == "importance" else "importance"
        self.reload(keep=self.selected_goal_id())

    def action_toggle_done(self) -> None:
        goal_id = self.selected_goal_id()
        if goal_id is None:
            return
        table = self._table()
        row = table.cursor_row if table else 0
        try:
            goal = self.plan.goal(goal_id)
        except StoreError as error:
            self.notify(error.message, severity="error", markup=False)
            return
        if self.run_store(lambda: self.plan.complete_goal(goal_id, not goal.done)):
            if not goal.done:
                self.notify(_("Well done! You reached a goal."), markup=False)
            self.reload(keep=goal_id if self.show_done else None)
            if not self.show_done and table is not None and table.row_count:
                table.move_cursor(row=min(row, table.row_count - 1), animate=False)

    def action_toggle_done_shown(self) -> None:
        self.show_done = not self.show_done
        self.reload(keep=self.selected_goal_id())

    def action_delete(self) -> None:
        goal_id = self.selected_goal_id()
        if goal_id is None:
            return
        try:
            goal = self.plan.goal(goal_id)
            steps = len(self.plan.steps(goal_id))
        except StoreError as error:
            self.notify(error.message, severity="error", markup=False)
            return

        def answered(yes: bool | None) -> None:
            if yes and self.run_store(lambda: self.plan.delete_goal(goal_id)):
                self.reload()

        detail = ngettext("Its {n} step will be deleted too.", "Its {n} steps will be deleted too.",
                          steps).format(n=steps) if steps else ""
        self.app.push_screen(ConfirmDialog(_("Delete this goal?"), goal.text, detail), answered)
