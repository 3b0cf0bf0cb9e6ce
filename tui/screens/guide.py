"""Build my plan (guided): a walkthrough in the order the training guide
teaches, one short step per screen, each with why it matters and an example.

Every step can be skipped (PgDn with nothing typed). Each step writes through
the same store operations as the plan's own screens, so nothing is kept twice;
what is typed is kept when a step is left, when the walkthrough is left, and
when the plan locks. The step shown is remembered, so the next time the
walkthrough can pick up where it stopped.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Input, Label, Static, TextArea

from tui.content.guide import GUIDE_KEYS, GUIDE_STEPS, guide_step
from tui.content.plan_parts import SECTION_PARTS, SECTION_TITLES
from tui.content.reminders import REMINDERS, shown_reminder
from tui.content.toolkit import TOOLKIT
from tui.i18n import N_, _
from tui.screens.base import PlanScreen
from tui.screens.dialogs import ConfirmDialog
from tui.store import ConflictError, Goal, Plan, Section, StoreError, clock
from tui.widgets.fields import TextInput, Tick
from tui.widgets.cursor_table import CursorDataTable
from tui.widgets.dates import due_label
from tui.widgets.footer import Footer
from tui.widgets.goal_order import move_among_shown, tie_with_goal_above
from tui.widgets.person_text import person_line, person_text
from tui.widgets.step_fields import PART_NAMES, StepFields, save_step
from tui.widgets.textbox import AnswerBox, TextBox

HINT = N_("Every step can be skipped: PgDn goes on. What you type is kept.")
LAST_HINT = N_("PgDn finishes. What you type is kept.")


def first_goal(goals: list[Goal]) -> Goal | None:
    """The goal that comes first in time: the short-term goal not yet reached
    that is first in the timeline."""
    open_goals = sorted((g for g in goals if g.term == "short" and not g.done), key=lambda g: g.timeline)
    return open_goals[0] if open_goals else None


def save_section_kept(screen, plan: Plan, loaded: Section, changed: dict[str, str]) -> Section:
    """Save changed fields of a section. If another session saved it meanwhile,
    both its words and these are kept (nothing is lost silently)."""
    from tui.screens.conflict import both_texts

    try:
        return plan.save_section(loaded.name, changed, loaded.revision)
    except ConflictError:
        theirs = plan.section(loaded.name).fields
        both = {field: both_texts(theirs.get(field, ""), text) for field, text in changed.items()}
        screen.notify(_("This part was also changed in another session; both are kept."), markup=False)
        return plan.save_section(loaded.name, both)


class ListShown(Vertical):
    """A heading and a list of a person's words, each item whole: a long one
    wraps under itself, not under the margin."""

    DEFAULT_CSS = """
    ListShown { height: auto; }
    ListShown > .list-item { padding: 0 0 0 2; }
    ListShown > .list-note { padding: 0 0 0 2; text-style: italic; }
    """

    def show(self, heading: str, items: list[Text], note: str = "") -> None:
        self.remove_children()
        lines = [Static(Text(heading, style="bold"))]
        lines += [Static(item, classes="list-item") for item in items]
        if note:
            lines.append(Static(Text(note), classes="list-note"))
        self.mount(*lines)


class Page(Vertical):
    """One step of the walkthrough. `save` keeps what is typed (False if it could not)."""

    DEFAULT_CSS = """
    Page { height: auto; }
    """

    def __init__(self, plan: Plan):
        super().__init__()
        self.plan = plan

    def load(self) -> None:
        """Fill the fields from the plan (after mounting)."""

    def save(self) -> None:
        """Keep what is typed; raises StoreError when it can't."""

    def draft_values(self) -> list[tuple[str, str, dict[str, str]]]:
        return []

    def first(self) -> Widget | None:
        found = self.query("Input, TextArea, DataTable, Tick")
        return found.first() if found else None


class SectionPage(Page):
    """A page of one section's fields: kept through the section's saving rule
    (a change made meanwhile in another session is asked about), and kept as a
    draft under `heading` (a catalog text) while unsaved."""

    def __init__(self, plan: Plan, section: str, heading: str):
        super().__init__(plan)
        self.section, self.heading = section, heading
        self.loaded: Section | None = None

    def _changed(self) -> dict[str, str]:
        """The fields typed that differ from the section as loaded."""
        raise NotImplementedError

    def save(self) -> None:
        changed = self._changed()
        if changed:
            self.loaded = save_section_kept(self.screen, self.plan, self.loaded, changed)

    def draft_values(self):
        changed = self._changed()
        return [(f"section:{self.section}", self.heading, changed)] if changed else []


class TextPage(SectionPage):
    """One section field in a box: my dream, my strengths. `heading` and
    `placeholder` are catalog texts (N_), translated when shown."""

    def __init__(self, plan: Plan, section: str, heading: str, placeholder: str):
        super().__init__(plan, section, heading)
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        yield Label(Text(_(self.heading), style="bold"))
        yield TextBox(id=f"guide-{self.section}", classes="guide-box", soft_wrap=True,
                      tab_behavior="focus", placeholder=_(self.placeholder))

    def load(self) -> None:
        self.loaded = self.plan.section(self.section)
        self.query_one(TextArea).load_text(self.loaded.fields[self.section])

    def _changed(self) -> dict[str, str]:
        typed = self.query_one(TextArea).text
        if self.loaded is None or typed == self.loaded.fields[self.section]:
            return {}
        return {self.section: typed}


class ToolkitPage(Page):
    """What works for me: the toolkit's first questions."""

    QUESTIONS = TOOLKIT[0].questions

    def __init__(self, plan: Plan):
        super().__init__(plan)
        self.answers: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        for question in self.QUESTIONS:
            yield Label(_(question.prompt), markup=False, classes="question")
            yield AnswerBox(id=f"guide-{question.key.replace('.', '-')}", classes="guide-answer")

    def _field(self, key: str) -> AnswerBox:
        return self.query_one(f"#guide-{key.replace('.', '-')}", AnswerBox)

    def load(self) -> None:
        self.answers = self.plan.toolkit_answers()
        for question in self.QUESTIONS:
            self._field(question.key).value = self.answers.get(question.key, "")

    def _changed(self) -> dict[str, str]:
        return {q.key: self._field(q.key).value for q in self.QUESTIONS
                if self._field(q.key).value != self.answers.get(q.key, "")}

    def save(self) -> None:
        for key, answer in self._changed().items():
            self.plan.save_toolkit_answer(key, answer)
            self.answers[key] = answer

    def draft_values(self):
        prompts = {q.key: q.prompt for q in self.QUESTIONS}
        return [(f"toolkit:{key}", prompts[key], {"answer": answer})
                for key, answer in self._changed().items()]


class GoalsPage(Page):
    """My goals of one term: add a few, in my own words (Enter adds each one)."""

    HEADINGS = {"short": N_("My short-term goals so far"), "long": N_("My long-term goals so far")}

    def __init__(self, plan: Plan, term: str = "short"):
        super().__init__(plan)
        self.term = term

    def compose(self) -> ComposeResult:
        yield ListShown(id="guide-goal-list")
        yield Label(_("A goal, in my own words (Enter adds it; Enter on a blank line goes on)"))
        yield TextInput(id="guide-new-goal", classes="compact", placeholder=_("I want to ..."))

    def load(self) -> None:
        goals = sorted((g for g in self.plan.goals(self.term) if not g.done), key=lambda g: g.id)
        self.query_one(ListShown).show(
            _(self.HEADINGS[self.term]), [Text("* ").append_text(person_text(g.text)) for g in goals],
            "" if goals else _("None yet."))

    def add_typed(self) -> bool:
        """Add the goal typed, if any; True when one was added."""
        field = self.query_one("#guide-new-goal", Input)
        if not field.value.strip():
            return False
        self.plan.add_goal(field.value, self.term)
        field.value = ""
        self.load()
        return True

    def save(self) -> None:
        self.add_typed()

    def draft_values(self):
        text = self.query_one("#guide-new-goal", Input).value
        return [("goal:new", N_("A goal"), {"text": text, "term": self.term})] if text.strip() else []


class RankTable(CursorDataTable):
    DEFAULT_CSS = """
    RankTable { height: auto; max-height: 9; }
    """


class RankPage(Page):
    """Rank my goals by importance and order them into a timeline."""

    BINDINGS = [
        Binding("u", "move(-1)", N_("Move up"), id="guide_rank_up", tooltip=N_("Move the goal up")),
        Binding("d", "move(1)", N_("Move down"), id="guide_rank_down", tooltip=N_("Move the goal down")),
        Binding("s", "switch", N_("Importance/timeline"), id="guide_rank_switch",
                tooltip=N_("Switch between ranking by importance and ordering by time")),
        Binding("equals_sign", "tie", N_("Same importance"), id="guide_rank_tie", show=False,
                tooltip=N_("Give the goal the same importance as the goal above it (u or d undoes it)")),
    ]

    def __init__(self, plan: Plan):
        super().__init__(plan)
        self.order = "importance"

    def compose(self) -> ComposeResult:
        yield Static(id="guide-rank-title")
        yield Static(id="guide-no-goals")
        yield RankTable(cursor_type="row", id="guide-rank")

    def on_mount(self) -> None:
        table = self.query_one(RankTable)
        importance, time = _("Importance"), _("Time")
        table.add_column(_("Goal"), width=50, key="goal")
        table.add_column(importance, width=max(10, len(importance)), key="importance")
        table.add_column(time, width=max(5, len(time)), key="timeline")

    def load(self, keep: int | None = None) -> None:
        goals = sorted((g for g in self.plan.goals("short") if not g.done),
                       key=lambda g: g.place(self.order))
        words = (_("Now: by IMPORTANCE, 1 matters most. u / d moves the goal; = matches the one "
                   "above. s: order by time.")
                 if self.order == "importance" else
                 _("Now: by TIME, 1 comes first. u / d moves the goal. s: rank by importance."))
        self.query_one("#guide-rank-title", Static).update(Text(words, style="bold"))
        none = self.query_one("#guide-no-goals", Static)
        none.update(Text(_("No goals to rank yet. PgUp goes back to add some; PgDn skips this."),
                         style="italic"))
        none.display = not goals
        table = self.query_one(RankTable)
        table.display = bool(goals)
        table.clear()
        for goal in goals:
            table.add_row(person_line(goal.text), Text(str(goal.importance)), Text(str(goal.timeline)),
                          key=str(goal.id))
        for index, goal in enumerate(goals):
            if goal.id == keep:
                table.move_cursor(row=index, animate=False)

    def _selected(self) -> int | None:
        table = self.query_one(RankTable)
        if table.row_count == 0:
            return None
        return int(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def action_move(self, by: int) -> None:
        goal_id = self._selected()
        if goal_id is None:
            return
        table = self.query_one(RankTable)
        try:
            move_among_shown(self.plan, self.order, [int(row.key.value) for row in table.ordered_rows],
                             goal_id, by)
            self.load(keep=goal_id)
        except StoreError as error:
            self.notify(error.message, severity="error", markup=False)

    def action_tie(self) -> None:
        goal_id = self._selected()
        if tie_with_goal_above(self, self.plan, self.order, self.query_one(RankTable), goal_id):
            self.load(keep=goal_id)

    def action_switch(self) -> None:
        self.order = "timeline" if self.order == "importance" else "importance"
        try:
            self.load(keep=self._selected())
        except StoreError as error:
            self.notify(error.message, severity="error", markup=False)


class StepsPage(Page):
    """SMART steps for the goal that comes first, as many as the person wants:
    Enter on the last part adds the step and clears the parts for the next one;
    Enter there with nothing typed goes on. The steps kept so far are listed
    above, whole; they are changed on the goal board's steps (F4)."""

    def __init__(self, plan: Plan):
        super().__init__(plan)
        self.goal: Goal | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="guide-step-goal")
        yield ListShown(id="guide-step-list")
        yield StepFields(clock.today(), id="guide-step-fields")

    def load(self) -> None:
        self.goal = first_goal(self.plan.goals())
        title = self.query_one("#guide-step-goal", Static)
        fields = self.query_one(StepFields)
        fields.display = self.goal is not None
        self.query_one(ListShown).display = self.goal is not None
        if self.goal is None:
            title.update(Text(_("No goal yet. PgUp goes back to add one; PgDn skips this."),
                              style="italic"))
            return
        title.update(Text.assemble((_("Toward:") + " ", "bold"), person_text(self.goal.text)))
        fields.load(None)
        self._list_steps()

    def _list_steps(self) -> None:
        steps = [s for s in self.plan.steps(self.goal.id) if not s.done]
        items = []
        for number, step in enumerate(steps, 1):
            item = Text(f"{number}. ")
            words = [part for part in (step.specific, step.measurable) if part.strip()]
            item.append_text(person_text(" - ".join(words) or step.when_text))
            if step.due_date:
                item.append(" (")
                item.append_text(due_label(step.due_date, clock.today()))
                item.append(")")
            items.append(item)
        note = (_("Another step? Fill in the parts below. Enter on a blank last part goes on.")
                if steps else
                _("None yet. Fill in the parts below; Enter on the last one adds the step."))
        self.query_one(ListShown).show(_("My steps so far"), items, note)

    def add_typed(self) -> bool:
        """Keep the step typed as a new step, if any, and clear the parts for
        the next one; True when one was added."""
        if self.goal is None:
            return False
        fields = self.query_one(StepFields)
        added = save_step(self.plan, self.goal.id, None, fields.changed(None))
        if added is None:
            return False
        fields.load(None)
        self._list_steps()
        fields.field("specific").focus()
        return True

    def is_last_part(self, widget: Widget) -> bool:
        return widget is self.query_one(StepFields).field(PART_NAMES[-1])

    def save(self) -> None:
        self.add_typed()

    # No draft: a step not yet added has no place to keep one (as in the step editor).


class PartsPage(SectionPage):
    """A section part by part, one box each, that wraps and grows with a long
    answer: triggers and relief, the rainy-day plan, the pocket overdose plan."""

    def __init__(self, plan: Plan, section: str):
        super().__init__(plan, section, SECTION_TITLES[section])

    def compose(self) -> ComposeResult:
        labels = {part.field: _(part.short) for part in SECTION_PARTS[self.section]}
        # The labels' column is 20 wide; a translation that needs more widens it.
        width = max(len(label) for label in labels.values()) + 2
        for part in SECTION_PARTS[self.section]:
            with Horizontal(classes="field-row answer-row"):
                label = Label(labels[part.field], classes="field-label", markup=False)
                if width > 20:
                    label.styles.width = width
                yield label
                yield AnswerBox(id=f"guide-{part.field}")
        yield Static(id="guide-prompt", classes="prompt")

    def load(self) -> None:
        self.loaded = self.plan.section(self.section)
        for part in SECTION_PARTS[self.section]:
            self.query_one(f"#guide-{part.field}", AnswerBox).value = self.loaded.fields[part.field]

    def on_descendant_focus(self, event) -> None:
        field = (event.widget.id or "").removeprefix("guide-")
        part = next((p for p in SECTION_PARTS[self.section] if p.field == field), None)
        if part is not None:
            self.query_one("#guide-prompt", Static).update(
                Text.assemble((_(part.title) + ": ", "bold"), _(part.prompt)))

    def _changed(self) -> dict[str, str]:
        if self.loaded is None:
            return {}
        typed = {p.field: self.query_one(f"#guide-{p.field}", AnswerBox).value
                 for p in SECTION_PARTS[self.section]}
        return {k: v for k, v in typed.items() if v != self.loaded.fields[k]}


class ReminderTicks(Vertical):
    """The reminders to tick: one stop for Tab. Up and Down move between them,
    Space ticks; Tab goes on to my own reminder, and typing a letter here starts
    it there, so words typed on a tick are never lost."""

    BINDINGS = [
        Binding("tab", "own_reminder", N_("My own reminder"), id="guide_reminder_own", show=False),
    ]

    def own_box(self) -> Input:
        return self.screen.query_one("#guide-own-reminder", Input)

    def action_own_reminder(self) -> None:
        self.own_box().focus()

    def on_key(self, event) -> None:
        if event.character is None or not event.character.isprintable() or event.key == "space":
            return
        event.stop()
        event.prevent_default()
        box = self.own_box()
        box.focus()
        box.insert_text_at_cursor(event.character)


class RemindersPage(Page):
    """Reminders that speak to me: tick some (Space), or write my own."""

    BINDINGS = [
        Binding("down", "app.focus_next", N_("Next"), id="guide_reminder_next", show=False),
        Binding("up", "app.focus_previous", N_("Previous"), id="guide_reminder_previous", show=False),
    ]

    def __init__(self, plan: Plan):
        super().__init__(plan)
        self.texts: list[str] = []

    def compose(self) -> ComposeResult:
        try:
            chosen = [r.text for r in self.plan.reminders()]
        except StoreError as error:
            self.notify(error.message, severity="error", markup=False)
            chosen = []
        self.texts = list(REMINDERS) + [t for t in chosen if t not in REMINDERS]
        with ReminderTicks(id="guide-reminder-ticks"):
            for index, text in enumerate(self.texts):
                yield Tick(person_line(shown_reminder(text)), text in chosen,
                           id=f"guide-reminder-{index}")
        yield Label(_("My own reminder (Enter adds it)"))
        yield TextInput(id="guide-own-reminder", classes="compact", select_on_focus=False,
                        placeholder=_("like: One day at a time"))

    def ticked(self) -> list[str]:
        return [text for index, text in enumerate(self.texts)
                if self.query_one(f"#guide-reminder-{index}", Tick).value]

    def add_typed(self) -> bool:
        field = self.query_one("#guide-own-reminder", Input)
        text = field.value
        if not text.strip():
            return False
        self.plan.add_reminder(text)
        if text not in self.texts:
            self.texts.append(text)
            self.query_one("#guide-reminder-ticks").mount(
                Tick(person_line(text), True, id=f"guide-reminder-{len(self.texts) - 1}"))
        field.value = ""
        return True

    def save(self) -> None:
        self.add_typed()
        self.plan.keep_reminders(self.ticked())


def make_page(plan: Plan, key: str) -> Page:
    if key == "dream":
        return TextPage(plan, "vision", N_("My vision"),
                        N_("Who do I want to be? What life do I want to have?"))
    if key == "strengths":
        return TextPage(plan, "strengths", N_("My strengths and assets"),
                        N_("What do I have going for me? What am I good at? Who is in my corner?"))
    if key == "works":
        return ToolkitPage(plan)
    if key == "goals":
        return GoalsPage(plan, "short")
    if key == "long_goals":
        return GoalsPage(plan, "long")
    if key == "rank":
        return RankPage(plan)
    if key == "steps":
        return StepsPage(plan)
    if key == "triggers":
        return PartsPage(plan, "cravings")
    if key == "rainy":
        return PartsPage(plan, "crisis")
    if key == "overdose":
        return PartsPage(plan, "overdose")
    return RemindersPage(plan)


class GuideScreen(PlanScreen):
    """Build my plan, one short step at a time."""

    BINDINGS = [
        Binding("pagedown", "next", N_("Next"), id="guide_next", priority=True,
                tooltip=N_("Keep this step and go on (with nothing typed, it is skipped)")),
        Binding("pageup", "back", N_("Back"), id="guide_back", priority=True,
                tooltip=N_("Back to the step before")),
        Binding("escape", "leave", N_("Stop"), id="guide_leave",
                tooltip=N_("Back to my plan; what you typed is kept, and next time you can pick up here")),
    ]

    def __init__(self, plan: Plan, start: str | None = None):
        super().__init__(plan)
        self.index = GUIDE_KEYS.index(start) if start in GUIDE_KEYS else 0
        self.page: Page | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="guide-title", classes="screen-title")
        yield Static(id="guide-why", classes="guide-why")
        yield Static(id="guide-example", classes="guide-example")
        yield VerticalScroll(id="guide-body")
        yield Static(Text(_(HINT)), id="guide-hint", classes="guide-hint")
        yield Footer()

    async def on_mount(self) -> None:
        await self._show(self.index)

    @property
    def key(self) -> str:
        return GUIDE_KEYS[self.index]

    async def _show(self, index: int) -> None:
        self.index = index
        number, step = guide_step(self.key)
        self.query_one("#guide-title", Static).update(Text.assemble(
            (_("Build my plan"), "bold"),
            "   " + _("step {number} of {total}:").format(number=number, total=len(GUIDE_STEPS)) + " ",
            (_(step.title), "bold")))
        self.query_one("#guide-why", Static).update(Text(_(step.why)))
        self.query_one("#guide-example", Static).update(
            Text(_("For example: {example}").format(example=_(step.example)), style="italic"))
        body = self.query_one("#guide-body", VerticalScroll)
        await body.remove_children()
        self.page = make_page(self.plan, self.key)
        await body.mount(self.page)
        body.scroll_home(animate=False)
        try:
            self.page.load()
            self.plan.keep_guide_place(self.key)
        except StoreError as error:
            self.notify(error.message, severity="error", markup=False)
        first = self.page.first()
        if first is not None:
            self.set_focus(first)
        last = self.index == len(GUIDE_KEYS) - 1
        self.query_one("#guide-hint", Static).update(Text(_(LAST_HINT if last else HINT)))

    def save_pending(self) -> bool:
        """Keep what the step shown holds (a lock, quitting, another screen)."""
        if self.page is None:
            return True
        try:
            self.page.save()
        except StoreError as error:
            self.notify(error.message, severity="error", markup=False, timeout=8)
            return False
        return True

    def draft_values(self) -> list[tuple[str, str, dict[str, str]]]:
        return self.page.draft_values() if self.page is not None else []

    def on_screen_suspend(self) -> None:
        self.save_pending()

    async def action_next(self) -> None:
        if not self.save_pending():
            return
        if self.index + 1 < len(GUIDE_KEYS):
            await self._show(self.index + 1)
            return
        self.run_store(lambda: self.plan.keep_guide_place(self.key, finished=True))
        self.page = None
        self.dismiss()
        self.app.notify(_("Your plan is built. You can change any part of it any time."), markup=False)

    async def action_back(self) -> None:
        if self.index > 0 and self.save_pending():
            await self._show(self.index - 1)

    def action_leave(self) -> None:
        if not self.save_pending():
            return
        number, step = guide_step(self.key)
        self.page = None
        self.dismiss()
        self.app.notify(_("Kept. You stopped at step {number} of {total}: {title}. "
                          "Press b on the overview to pick up here.").format(
                            number=number, total=len(GUIDE_STEPS), title=_(step.title)), markup=False)

    @on(Input.Submitted)
    @on(AnswerBox.Submitted)
    async def _entered(self, event: Input.Submitted | AnswerBox.Submitted) -> None:
        """Enter adds a goal, a step or a reminder typed; on a blank line, or
        the last field of a page, goes on to the next step."""
        page, field = self.page, event.control
        try:
            if isinstance(page, (GoalsPage, RemindersPage)) and \
                    field.id in ("guide-new-goal", "guide-own-reminder") and page.add_typed():
                return
            if isinstance(page, StepsPage) and page.is_last_part(field) and page.add_typed():
                return
        except StoreError as error:
            self.notify(error.message, severity="error", markup=False)
            return
        fields = list(page.query("Input, AnswerBox")) if page is not None else []
        if fields and field is fields[-1]:
            await self.action_next()


class PickUpDialog(ConfirmDialog, inherit_bindings=False):
    """Pick up where the walkthrough stopped (y), start again at step 1 (n), or not now (Esc)."""

    BINDINGS = [
        Binding("y,enter", "answer(True)", N_("Pick up there"), id="pick_up"),
        Binding("n", "answer(False)", N_("Start at step 1"), id="start_again"),
        Binding("escape", "not_now", N_("Not now"), id="pick_up_not_now"),
    ]

    def action_not_now(self) -> None:
        self.dismiss(None)


def open_guide(app, plan: Plan) -> None:
    """Open the walkthrough; when it stopped part way last time, offer to pick up there."""
    if isinstance(app.screen, GuideScreen):
        return
    try:
        place = plan.guide_place()
    except StoreError as error:
        app.notify(error.message, severity="error", markup=False)
        return
    if place is None or place.finished or place.step == GUIDE_KEYS[0]:
        app.push_screen(GuideScreen(plan))
        return
    number, step = guide_step(place.step)

    def answered(pick_up: bool | None) -> None:
        if pick_up is not None:
            app.push_screen(GuideScreen(plan, place.step if pick_up else None))

    app.push_screen(PickUpDialog(
        _("Pick up where you stopped?"),
        _("Step {number} of {total}: {title}").format(number=number, total=len(GUIDE_STEPS),
                                                      title=_(step.title)),
        _("n: start again at step 1 (what you wrote is kept). Esc: not now.")), answered)


def offer_guide(app, plan: Plan) -> None:
    """For a new plan: ask once whether to build it step by step (no is fine)."""
    def answered(yes: bool | None) -> None:
        if yes:
            app.push_screen(GuideScreen(plan))

    app.push_screen(ConfirmDialog(
        _("Build my plan step by step?"),
        _("{n} short steps. Each one can be skipped.").format(n=len(GUIDE_STEPS)),
        _("y: start now    n: not now (b on the overview starts it any time)")), answered)
