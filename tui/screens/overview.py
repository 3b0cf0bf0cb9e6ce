"""The plan overview (F2), the first screen after sign-in: my vision and
strengths (edited in place), the goals that matter most with their next steps,
steps due this week or overdue, how ready the crisis plan is, and reminders."""

from __future__ import annotations

from datetime import timedelta

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, Label, Static, TextArea

from tui.output.cards import PlanSnapshot, completeness
from tui.content.reminders import REMINDERS, shown_reminder
from tui.i18n import N_, _, format_date, ngettext
from tui.screens.app_messages import CheckInWanted, GuideWanted
from tui.store import OUTCOMES, ConflictError, Plan, Section, StoreError, clock
from tui.store.text import one_line
from tui.widgets.fields import TextInput, Tick
from tui.widgets.dates import due_label
from tui.widgets.footer import Footer
from tui.widgets.textbox import TextBox
from tui.widgets.person_text import fill, person_line
from tui.widgets.spark import spark_text

TOP_GOALS = 5
OUTCOME_LABELS = {"done": N_("DONE"), "not_yet": N_("NOT YET"), "changed": N_("CHANGED")}
GROWTH_NAMES = {"vision": N_("my vision"), "strengths": N_("my strengths"),
                "crisis": N_("my crisis plan"), "overdose": N_("my overdose plan"),
                "cravings": N_("cravings")}

WHERE_TO_BEGIN = N_(
    "Where to begin? One small part at a time, in any order:\n"
    "  1. Dare to dream: write your vision in the box below (Tab).\n"
    "  2. Add a goal you want (F3).\n"
    "  3. Plan for a rainy day: your crisis plan (F5).\n"
    "  4. What works for you: your toolkit (F6).\n"
    "Or press b to build your plan step by step, with a guide.\n"
    "Every question can be skipped. Your words are kept as you write them."
)

# (section, field, heading, placeholder); heading and placeholder shown through _().
IN_PLACE = (
    ("vision", "vision", N_("My vision"),
     N_("Dare to dream: who do I want to be? What life do I want to have?")),
    ("strengths", "strengths", N_("My strengths and assets"),
     N_("What do I have going for me? What am I good at? Who is in my corner?")),
)


def goal_lines(goal, today) -> Text:
    """A goal on the overview, with its importance and its next step."""
    text = Text(f"\n  {goal.importance}. ")
    text.append_text(person_line(goal.text))
    step = goal.next_step
    if step is not None:
        text.append("\n     ")
        text.append_text(fill(_("Next: {step}"), step=person_line(step.specific or step.when_text)))
        if step.due_date:
            text.append(" (")
            text.append_text(due_label(step.due_date, today))
            text.append(")")
    return text


def outcome_count(outcome: str, count: int) -> str:
    """How many steps came to an outcome at one check-in: "2 done", "1 not yet"."""
    if outcome == "done":
        return ngettext("{n} done", "{n} done", count).format(n=count)
    if outcome == "not_yet":
        return ngettext("{n} not yet", "{n} not yet", count).format(n=count)
    return ngettext("{n} changed", "{n} changed", count).format(n=count)


class OverviewScreen(Screen):
    """My plan at a glance."""

    BINDINGS = [
        Binding("g", "app.go('goals')", N_("Goals"), id="overview_goals", tooltip=N_("My goals (F3)")),
        Binding("c", "app.go('crisis')", N_("Crisis plan"), id="overview_crisis",
                tooltip=N_("My crisis plan (F5)")),
        Binding("o", "pocket", N_("Overdose plan"), id="overview_pocket",
                tooltip=N_("My pocket overdose plan on one screen")),
        Binding("r", "reminders", N_("Reminders"), id="overview_reminders",
                tooltip=N_("Choose reminders that speak to me, or write my own")),
        Binding("v", "edit_vision", N_("Vision"), id="overview_vision",
                tooltip=N_("Write or change my vision and strengths")),
        Binding("b", "guide", N_("Build my plan (guided)"), id="overview_guide", show=False,
                tooltip=N_("Build my plan step by step, with a guide; every step can be skipped")),
        Binding("k", "check_in", N_("Check-in"), id="overview_check_in", show=False,
                tooltip=N_("Check in on the steps that are due: done, not yet, or change it")),
    ]

    def __init__(self, plan: Plan):
        super().__init__()
        self.plan = plan
        self.loaded: dict[str, Section] = {}

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="overview"):
            yield Static(id="heading", classes="title")
            yield Static(id="offers", classes="part offers")
            yield Static(_(WHERE_TO_BEGIN), id="where-to-begin", markup=False, classes="part")
            for section, _field, heading, placeholder in IN_PLACE:
                yield Label(Text(_(heading), style="bold"))
                yield TextBox(id=f"in-place-{section}", classes="in-place", soft_wrap=True,
                              tab_behavior="focus", placeholder=_(placeholder))
            yield Static(id="goals", classes="part")
            yield Static(id="due", classes="part")
            yield Static(id="check-ins", classes="part")
            yield Static(id="lately", classes="part")
            yield Static(id="readiness", classes="part")
            yield Static(id="reminders", classes="part")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_plan()
        self.query_one("#overview").focus()

    def on_screen_resume(self) -> None:
        self.refresh_plan()

    def refresh_plan(self) -> None:
        try:
            self._show()
        except StoreError as error:
            self.notify(error.message, severity="error", markup=False)

    def _show(self) -> None:
        plan, today = self.plan, clock.today()
        self.query_one("#heading", Static).update(
            fill(_("My plan: {name}"), name=person_line(plan.name)))
        for section, field, _heading, _placeholder in IN_PLACE:
            loaded = plan.section(section)
            self.loaded[section] = loaded
            box = self.query_one(f"#in-place-{section}", TextArea)
            if not box.has_focus:
                box.load_text(loaded.fields[field])

        goals = plan.goals()
        snapshot = PlanSnapshot(plan)
        crisis_filled, crisis_total = completeness(snapshot, "crisis")
        overdose_filled, overdose_total = completeness(snapshot, "overdose")
        is_new = not goals and not crisis_filled and not overdose_filled \
            and not any(self.loaded[s].fields[f].strip() for s, f, _h, _p in IN_PLACE)
        self.query_one("#where-to-begin").display = is_new

        open_goals = sorted((g for g in goals if g.term == "short" and not g.done),
                            key=lambda g: g.place("importance"))
        long_goals = [g for g in goals if g.term == "long" and not g.done]  # by importance
        goals_text = Text(_("Goals that matter most to me"), style="bold")
        if not open_goals and not long_goals:
            goals_text.append("\n  " + _("No goals yet. A goal can be small: one thing you want. (F3)"),
                              style="italic")
        for goal in open_goals[:TOP_GOALS]:
            goals_text.append_text(goal_lines(goal, today))
        if long_goals:
            goals_text.append("\n" + _("My long-term goals"), style="bold")
            for goal in long_goals[:TOP_GOALS]:
                goals_text.append_text(goal_lines(goal, today))
        self.query_one("#goals", Static).update(goals_text)

        due = plan.steps_due(today + timedelta(days=6))
        due_widget = self.query_one("#due", Static)
        due_widget.display = bool(due)
        if due:
            due_text = Text(_("Steps due this week"), style="bold")
            for goal, step in due:
                due_text.append("\n  ")
                due_text.append_text(due_label(step.due_date, today))
                due_text.append("  ")
                due_text.append_text(person_line(step.specific or goal.text))
            due_widget.update(due_text)

        self._show_offers(plan)
        self._show_check_ins(plan, today)
        self._show_growth(plan, today)

        readiness = Text(_("Ready for a rainy day"), style="bold")
        readiness.append("\n  " + _("Crisis plan: {filled} of {total} parts filled (c or F5)").format(
            filled=crisis_filled, total=crisis_total))
        readiness.append("\n  " + _("Pocket overdose plan: {filled} of {total} parts filled (o)").format(
            filled=overdose_filled, total=overdose_total))
        self.query_one("#readiness", Static).update(readiness)

        reminders = plan.reminders()
        text = Text(_("Reminders that speak to me"), style="bold")
        if not reminders:
            text.append("\n  " + _("Press r to pick some from the guide, or write your own."),
                        style="italic")
        for reminder in reminders:
            text.append("\n  * ")
            text.append_text(person_line(shown_reminder(reminder.text)))
        self.query_one("#reminders", Static).update(text)

    def _show_growth(self, plan: Plan, today) -> None:
        """What the person did lately: a short history that grows, never a
        count that starts again at zero."""
        month = plan.changes_since(today.replace(day=1))
        weeks = plan.steps_done_by_week(weeks=8)
        lately = self.query_one("#lately", Static)
        lately.display = bool(month.goals_done or month.steps_done or month.sections or any(weeks))
        text = Text(_("How I am growing"), style="bold")
        done = []
        if month.goals_done:
            done.append(ngettext("{n} goal reached", "{n} goals reached",
                                 month.goals_done).format(n=month.goals_done))
        if month.steps_done:
            done.append(ngettext("{n} step done", "{n} steps done",
                                 month.steps_done).format(n=month.steps_done))
        if month.sections:
            done.append(_("updated {parts}").format(
                parts=", ".join(_(GROWTH_NAMES[s]) if s in GROWTH_NAMES else s
                                for s in month.sections)))
        if done:
            text.append("\n  " + _("This month: {done}.").format(done="; ".join(done)))
        text.append("\n  " + _("Steps done each week: "))
        text.append_text(spark_text(weeks))
        lately.update(text)

    def _show_offers(self, plan: Plan) -> None:
        """A check-in when steps are due, and the walkthrough where it stopped:
        offered, never forced."""
        from tui.content.guide import GUIDE_STEPS, guide_step

        lines = []
        due = plan.steps_to_check_in()
        if due:
            lines.append(ngettext(
                "{n} step is due. Press k to check in on it (you can skip it).",
                "{n} steps are due. Press k to check in on them (you can skip it).",
                len(due)).format(n=len(due)))
        place = plan.guide_place()
        if place is not None and not place.finished:
            number, step = guide_step(place.step)
            lines.append(_("You stopped building your plan at step {number} of {total}: "
                           "{title}. Press b to pick up there.").format(
                number=number, total=len(GUIDE_STEPS), title=_(step.title)))
        offers = self.query_one("#offers", Static)
        offers.display = bool(lines)
        offers.update(Text("\n".join(f"> {line}" for line in lines), style="bold"))

    def _show_check_ins(self, plan: Plan, today) -> None:
        """The last check-in, each step's outcome, the steps done since, and the
        check-ins before it: a history that grows."""
        history = plan.check_ins()
        widget = self.query_one("#check-ins", Static)
        widget.display = bool(history)
        if not history:
            return
        last = history[0]
        text = Text(_("My check-ins"), style="bold")
        text.append("\n  " + _("Last: {date}").format(date=format_date(last.held_on, "weekday")))
        # The outcome labels line up: as wide as the widest in the language in effect.
        width = max(9, *(len(_(label)) + 2 for label in OUTCOME_LABELS.values()))
        for outcome in last.outcomes:
            text.append(f"\n    {_(OUTCOME_LABELS[outcome.outcome]):<{width}}", style="bold")
            if outcome.step_text:
                text.append_text(person_line(outcome.step_text))
            else:
                text.append(_("(a step with no words yet)"))
            if outcome.outcome != "done" and outcome.due_date:
                text.append(" ")
                text.append_text(fill(_("(due {date})"), date=due_label(outcome.due_date, today)))
        since = plan.steps_done_since(last)
        if since:
            text.append("\n  " + ngettext("Done since: {n} step: ", "Done since: {n} steps: ",
                                           len(since)).format(n=len(since)))
            text.append_text(person_line("; ".join(step.specific or _("(no words)")
                                                   for _goal, step in since)))
        if len(history) > 1:
            earlier = "; ".join(
                _("{date}: {outcomes}").format(
                    date=format_date(c.held_on, "day"),
                    outcomes=", ".join(outcome_count(o, c.count(o)) for o in OUTCOMES if c.count(o)))
                for c in history[1:4])
            if len(history) > 4:
                text.append("\n  " + _("Before: {list}; and {n} more").format(
                    list=earlier, n=len(history) - 4))
            else:
                text.append("\n  " + _("Before: {list}").format(list=earlier))
        widget.update(text)

    # -- editing in place ------------------------------------------------------

    def save_pending(self) -> bool:
        ok = True
        for section, field, _heading, _placeholder in IN_PLACE:
            loaded = self.loaded.get(section)
            if loaded is None:
                continue
            typed = self.query_one(f"#in-place-{section}", TextArea).text
            if typed == loaded.fields[field]:
                continue
            try:
                self.loaded[section] = self.plan.save_section(section, {field: typed}, loaded.revision)
            except ConflictError:
                # Changed in another session meanwhile: keep both rather than lose either.
                current = self.plan.section(section).fields[field]
                both = f"{current}\n\n{typed}" if current.strip() else typed
                self.loaded[section] = self.plan.save_section(section, {field: both})
                self.query_one(f"#in-place-{section}", TextArea).load_text(both)
                self.notify(_("Your vision was also changed in another session; both are kept."),
                            markup=False)
            except StoreError as error:
                self.notify(error.message, severity="error", markup=False, timeout=8)
                ok = False
        return ok

    def draft_values(self) -> list[tuple[str, str, dict[str, str]]]:
        """The vision or strengths typed here and not saved yet (see tui.screens.drafts)."""
        drafts = []
        for section, field, heading, _placeholder in IN_PLACE:
            loaded = self.loaded.get(section)
            typed = self.query_one(f"#in-place-{section}", TextArea).text
            if loaded is not None and typed != loaded.fields[field]:
                # The label is the catalog's English, translated where drafts are shown.
                drafts.append((f"section:{section}", heading, {field: typed}))
        return drafts

    def on_descendant_blur(self, event) -> None:
        if isinstance(event.widget, TextArea):
            self.save_pending()

    def on_screen_suspend(self) -> None:
        self.save_pending()

    def action_edit_vision(self) -> None:
        self.set_focus(self.query_one("#in-place-vision", TextArea))

    def action_pocket(self) -> None:
        from tui.screens.crisis import PocketPlanScreen

        self.app.push_screen(PocketPlanScreen(self.plan))

    def action_reminders(self) -> None:
        self.app.push_screen(ReminderDialog(self.plan))

    def action_guide(self) -> None:
        self.app.post_message(GuideWanted())

    def action_check_in(self) -> None:
        self.app.post_message(CheckInWanted())


class ReminderDialog(ModalScreen[None]):
    """Pick reminders from the guide's lists (Space), or write one of my own."""

    BINDINGS = [
        Binding("escape,enter", "done", N_("Done"), id="reminders_done",
                tooltip=N_("Keep what is ticked")),
        Binding("down", "app.focus_next", N_("Next"), id="reminders_next", show=False),
        Binding("up", "app.focus_previous", N_("Previous"), id="reminders_previous", show=False),
    ]

    def __init__(self, plan: Plan):
        super().__init__()
        self.plan = plan
        self.texts: list[str] = []  # one per Tick, in order

    def compose(self) -> ComposeResult:
        chosen = [r.text for r in self.plan.reminders()]
        self.texts = list(REMINDERS) + [t for t in chosen if t not in REMINDERS]
        with Vertical(classes="dialog reminder-dialog"):
            yield Static(Text(_("Reminders that speak to me"), style="bold"))
            yield Static(Text(_("Space: tick or untick.  Tab: next.  Esc: done.")), classes="hint")
            with VerticalScroll(id="reminder-ticks"):
                for index, text in enumerate(self.texts):
                    yield Tick(person_line(shown_reminder(text)), text in chosen,
                               id=f"reminder-{index}")
            yield Label(_("My own reminder (Enter adds it)"))
            yield TextInput(id="own-reminder", placeholder=_("like: One day at a time"))
            yield Static(id="reminder-message", classes="message")
        yield Footer()

    # The dialog's usual width (app.tcss .dialog) and the room a reminder has in it.
    DIALOG_WIDTH, REMINDER_ROOM = 64, 53

    def on_mount(self) -> None:
        # Reminders run longer in some languages (and a person's own may be long):
        # the dialog grows to show the longest whole, as far as the screen allows.
        longest = max((len(one_line(shown_reminder(text))) for text in self.texts), default=0)
        if longest > self.REMINDER_ROOM:
            self.query_one(".reminder-dialog").styles.width = \
                self.DIALOG_WIDTH + longest - self.REMINDER_ROOM
        self.set_focus(self.query_one("#reminder-0", Tick))

    @on(Input.Submitted, "#own-reminder")
    def _add_own(self, event: Input.Submitted) -> None:
        text = event.value
        try:
            self.plan.add_reminder(text)
        except StoreError as error:
            self.query_one("#reminder-message", Static).update(Text(error.message))
            return
        if text not in self.texts:
            self.texts.append(text)
            self.query_one("#reminder-ticks").mount(
                Tick(person_line(text), True, id=f"reminder-{len(self.texts) - 1}"))
        event.input.value = ""
        self.query_one("#reminder-message", Static).update(Text(_("Added. Add another, or Esc.")))

    def save_pending(self) -> None:
        """Keep exactly the reminders ticked."""
        ticked = [text for index, text in enumerate(self.texts)
                  if self.query_one(f"#reminder-{index}", Tick).value]
        try:
            self.plan.keep_reminders(ticked)
        except StoreError as error:
            self.notify(error.message, severity="error", markup=False)

    def action_done(self) -> None:
        self.save_pending()
        self.dismiss()
