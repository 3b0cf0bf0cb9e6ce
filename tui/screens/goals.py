"""The goal board (F3): my goals, ranked by importance and ordered into a
timeline, short term and long term apart, each with its next step."""

from __future__ import annotations

from datetime import date, timedelta

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from tui.console import done_mark
from tui.screens.base import PlanScreen
from tui.screens.dialogs import ConfirmDialog, GoalDialog
from tui.i18n import N_, _, format_date, ngettext
from tui.store import Goal, Plan, StoreError, clock
from tui.widgets.cursor import CursorDataTable
from tui.widgets.footer import Footer
from tui.widgets.person_text import person_line

TERM_TITLES = {"short": N_("Short-term goals"), "long": N_("Long-term goals")}
SORTED_BY = {"importance": N_("sorted by importance"), "timeline": N_("sorted by timeline")}

EMPTY_BOARD = N_(
    "No goals yet, and that's fine. A goal is something you want, in your own words: "
    '"I want to find a place to live" or "I want to get back in touch with my brother".\n\n'
    "Press a to add your first goal. Later you can rank your goals by how much they "
    "matter, and put them in the order you will work on them."
)

# A day late in December: its labels are as wide as any (two-digit month and day).
_WIDE_DAY = date(2026, 12, 28)


def numeric_date(day: date, with_year: bool = False) -> str:
    """A short date in numbers, in the order of the language in effect:
    "11/26" or "12/3/26" in English, "26/11" or "3/12/26" in Spanish."""
    if with_year:
        return _("{month}/{day}/{year}").format(month=day.month, day=day.day,
                                                year=f"{day.year % 100:02d}")
    return _("{month}/{day}").format(month=day.month, day=day.day)


def due_label(due: date | None, today: date) -> Text:
    """A step's due date, short; overdue says LATE in words, not only in colour."""
    if due is None:
        return Text("")
    if due < today:
        return Text(_("LATE {date}").format(date=numeric_date(due)), style="bold red")
    if due <= today + timedelta(days=6):
        return Text(format_date(due, "numeric"), style="bold")
    return Text(numeric_date(due, with_year=True))


def due_width(at_least: int) -> int:
    """A column wide enough for any due label in the language in effect."""
    labels = (due_label(_WIDE_DAY, _WIDE_DAY + timedelta(days=1)),
              due_label(_WIDE_DAY, _WIDE_DAY), due_label(_WIDE_DAY, _WIDE_DAY - timedelta(days=7)))
    return max(at_least, *(label.cell_len for label in labels))


def done_label(done_on: date | None) -> str:
    """A goal reached, with the day when it is known."""
    return _("done {date}").format(date=numeric_date(done_on)) if done_on else _("done")


def move_among_shown(plan: Plan, order: str, shown: list[int], goal_id: int, by: int) -> None:
    """u / d: move a goal past the goal shown next to it (-1 above, 1 below),
    stepping over goals hidden between. At either end, a goal that shares its
    importance leaves the tie that way; otherwise nothing moves."""
    index = shown.index(goal_id)
    if 0 <= index + by < len(shown):
        plan.move_goal_past(goal_id, order, shown[index + by])
    elif order == "importance":
        plan.untie_goal(goal_id, up=by < 0)


def tie_with_goal_above(screen, plan: Plan, order: str, table: DataTable | None,
                        goal_id: int | None) -> bool:
    """"=": the goal shown just above the selected one and it matter the same.
    Only importance has ties; the timeline is one goal to a place. True when tied."""
    if table is None or goal_id is None:
        return False
    if order != "importance":
        screen.notify(_("Only importance can be shared. Press s to sort by importance first."),
                      markup=False)
        return False
    shown = [int(row.key.value) for row in table.ordered_rows]
    index = shown.index(goal_id)
    if index == 0:
        screen.notify(_("This goal is at the top: there is no goal above it to match."), markup=False)
        return False
    try:
        plan.tie_goal(goal_id, shown[index - 1])
    except StoreError as error:
        screen.notify(error.message, severity="error", markup=False)
        return False
    return True


class GoalTable(CursorDataTable):
    """One term's goals. Row keys are goal ids."""

    DEFAULT_CSS = """
    GoalTable { height: auto; max-height: 100%; }
    """

    def __init__(self, term: str, **kwargs):
        super().__init__(cursor_type="row", zebra_stripes=False, **kwargs)
        self.term = term

    # Every column but the goal has a fixed width (at least this, and as wide as
    # its heading and its longest value in the language in effect); the goal
    # takes the rest.
    FIXED = ((N_("Imp"), 3, "importance"), (N_("Time"), 4, "timeline"), (N_("Status"), 8, "status"),
             (N_("Next step"), 16, "next"), (N_("Due"), 9, "due"))
    GOAL_MIN = 20

    def _fixed_columns(self) -> list[tuple[str, int, str]]:
        """(heading, width, key) of each fixed column, in the language in effect."""
        widest = {"status": max(len(_("active")), len(done_label(_WIDE_DAY))),
                  "due": due_width(0)}
        return [(_(label), max(width, len(_(label)), widest.get(key, 0)), key)
                for label, width, key in self.FIXED]

    def _goal_width(self, screen_width: int, fixed_columns: list[tuple[str, int, str]]) -> int:
        fixed = sum(width for _label, width, _key in fixed_columns)
        padding = 2 * self.cell_padding * (len(fixed_columns) + 1)
        return max(self.GOAL_MIN, screen_width - fixed - padding - 3)  # margin and scrollbar

    def show(self, goals: list[Goal], today: date, keep: int | None, screen_width: int) -> None:
        self.clear(columns=True)
        fixed_columns = self._fixed_columns()
        self.add_column(_("Goal"), width=self._goal_width(screen_width, fixed_columns), key="goal")
        for label, width, key in fixed_columns:
            self.add_column(label, width=width, key=key)
        for goal in goals:
            style = "dim" if goal.done else ""
            status = Text(done_label(goal.done_on), style="dim") if goal.done else Text(_("active"))
            step = goal.next_step
            self.add_row(
                person_line((f"{done_mark(self.app)} " if goal.done else "") + goal.text, style),
                Text(str(goal.importance), style=style),
                Text(str(goal.timeline), style=style),
                status,
                person_line(step.specific or step.when_text, style) if step else Text(""),
                due_label(step.due_date, today) if step and not goal.done else Text(""),
                key=str(goal.id),
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

    def __init__(self, plan: Plan):
        super().__init__(plan)
        self.order = "importance"
        self.show_done = True
        self._built_width = 0  # the screen width the goal column was sized for
        self._left = False  # suspended since the last load: reload on resume

    def compose(self) -> ComposeResult:
        yield Static(id="board-title", classes="screen-title")
        yield Static(_(EMPTY_BOARD), id="empty-board", markup=False)
        with Vertical(id="board"):
            for term in ("short", "long"):
                yield Static(id=f"{term}-title", classes="table-title")
                yield GoalTable(term, id=f"{term}-goals")
        yield Footer()

    def on_mount(self) -> None:
        keep = self.app.selected_goal_id
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
            keep = self.app.selected_goal_id
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
        for term in ("short", "long"):
            shown = sorted(
                (g for g in goals if g.term == term and (self.show_done or not g.done)),
                key=lambda g: g.place(self.order),
            )
            count = sum(1 for g in goals if g.term == term)
            heading = _("{title} ({count})").format(title=_(TERM_TITLES[term]), count=count) \
                if count else _("{title}: none yet").format(title=_(TERM_TITLES[term]))
            self.query_one(f"#{term}-title", Static).update(Text(heading, style="bold"))
            table = self.query_one(f"#{term}-goals", GoalTable)
            table.show(shown, today, keep, self.app.size.width)
            table.display = bool(shown)
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
            self.app.selected_goal_id = goal_id

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
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
            self.app.selected_goal_id = saved[0].id
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
