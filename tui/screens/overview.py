"""The first screen of a signed-in plan: the vision, the goals that matter
most with their next steps, and how ready the crisis plan is."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from tui.store import SECTION_FIELDS, Plan, StoreError, clock
from tui.widgets.person_text import person_line, person_text

TOP_GOALS = 5


def _due(step_due, today) -> str:
    if step_due is None:
        return ""
    if step_due < today:
        return f" (OVERDUE: was due {step_due:%b %-d})"
    return f" (due {step_due:%a %b %-d})"


class OverviewScreen(Screen):
    """My plan at a glance."""

    BINDINGS = [
        Binding("g", "app.go('goals')", "Goals", id="overview_goals"),
    ]

    def __init__(self, plan: Plan):
        super().__init__()
        self.plan = plan

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="overview"):
            yield Static(id="heading", classes="title")
            yield Static(id="vision", classes="part")
            yield Static(id="goals", classes="part")
            yield Static(id="readiness", classes="part")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_plan()

    def refresh_plan(self) -> None:
        try:
            self._show()
        except StoreError as error:
            self.notify(error.message, severity="error", markup=False)

    def _show(self) -> None:
        plan, today = self.plan, clock.today()
        self.query_one("#heading", Static).update(
            Text.assemble("My plan: ", person_line(plan.name)))

        vision = plan.section("vision").fields["vision"]
        vision_text = Text("My vision\n", style="bold")
        if vision.strip():
            vision_text.append_text(person_text(vision))
        else:
            vision_text.append("Not written yet. What life do you want? Dare to dream.", style="italic")
        self.query_one("#vision", Static).update(vision_text)

        goals = [g for g in plan.goals("short") if not g.done]
        goals.sort(key=lambda g: g.importance)
        goals_text = Text("Goals that matter most to me\n", style="bold")
        if not goals:
            goals_text.append("No goals yet. A goal can be small: one thing you want.", style="italic")
        for goal in goals[:TOP_GOALS]:
            goals_text.append(f"{goal.importance}. ")
            goals_text.append_text(person_line(goal.text))
            goals_text.append("\n")
            if goal.next_step is not None:
                goals_text.append("   Next: ")
                goals_text.append_text(person_line(goal.next_step.specific or goal.next_step.when_text))
                goals_text.append(_due(goal.next_step.due_date, today))
                goals_text.append("\n")
        goals_text.rstrip()
        self.query_one("#goals", Static).update(goals_text)

        readiness = Text("Ready for a rainy day\n", style="bold")
        for name, label in (("crisis", "Crisis plan"), ("overdose", "Pocket overdose plan")):
            section = plan.section(name)
            readiness.append(f"{label}: {section.filled} of {len(SECTION_FIELDS[name])} parts filled\n")
        self.query_one("#readiness", Static).update(readiness)
