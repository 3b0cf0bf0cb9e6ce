"""A step's SMART parts, one field each, with the date understood and the
SMART check under them: the step editor's check, reused where a step is set
or changed elsewhere (the guided walkthrough, a check-in). It guides and never
blocks saving."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Input, Label, Static, TextArea

from tui.content.plan_parts import STEP_PARTS
from tui.i18n import _, format_date
from tui.store import clock
from tui.store.dates import is_relative, parse_due_date
from tui.store.errors import InputError
from tui.store.smart import ALL_FIVE_PARTS, smart_check
from tui.widgets.fields import TextInput
from tui.widgets.textbox import AnswerBox

# (field id, label, placeholder); the id is the store's name for the part. The
# label and placeholder are shown through _().
PARTS = STEP_PARTS
PART_NAMES = tuple(part for part, _label, _placeholder in PARTS)


def step_value(step, part: str) -> str:
    """A step's part as the fields show it ("when" is the date as typed)."""
    return step.when_text if part == "when" else getattr(step, part)


def understood_text(when: str, today: date) -> Text:
    """The date read from "by when", in full, so the person can see it was understood."""
    try:
        due = parse_due_date(when, today)
    except InputError:
        return Text("  " + _("I can't read that date yet."), style="italic")
    return due_text(due)


def due_text(due: date | None) -> Text:
    return Text(f"  = {format_date(due, 'long')}" if due else "", style="italic")


def reread_due(step, today: date) -> date | None:
    """The step's "by when" words read again today when they count from the day
    ("next week" said a week ago is a week later now); the date it has when they
    name a day on the calendar ("12/4") or can't be read."""
    if not is_relative(step.when_text, today):
        return step.due_date
    return parse_due_date(step.when_text, today)


def smart_check_text(values: dict[str, str], today: date, done: bool = False) -> Text:
    """"SMART check:" and the parts still missing or vague, or a word of praise
    that names all five parts. `done`: the step is done (a past date is fine)."""
    hints = smart_check(specific=values["specific"], measurable=values["measurable"],
                        achievable=values["achievable"], when=values["when"], today=today,
                        done=done)
    check = Text(_("SMART check: "), style="bold")
    if hints:
        check.append(_("a few ideas (you can save it as it is)") + "\n")
        check.append("\n".join(f"- {hint}" for hint in hints))
    else:
        check.append(_(ALL_FIVE_PARTS))
    return check


class StepFields(Vertical):
    """The five parts of one step. Enter moves to the next part; the owner
    saves (it knows which step, and when)."""

    DEFAULT_CSS = """
    StepFields { height: auto; }
    """

    ROW_CLASSES = "field-row"

    def __init__(self, today: date, **kwargs):
        super().__init__(**kwargs)
        self.today = today

    def part_box(self, part: str, placeholder: str) -> Widget:
        """The box a part is typed in: one line; Enter moves to the next part."""
        return TextInput(id=part, placeholder=_(placeholder), classes="compact", advance_on_enter=True)

    def compose(self) -> ComposeResult:
        for part, label, placeholder in PARTS:
            with Horizontal(classes=self.ROW_CLASSES):
                yield Label(_(label), classes="field-label")
                yield self.part_box(part, placeholder)
            if part == "when":
                yield Static(id="understood", classes="understood")
        yield Static(id="smart-check")

    def on_mount(self) -> None:
        self.refresh_check()

    def field(self, part: str) -> Input | TextArea:
        return self.query_one(f"#{part}")  # type: ignore[return-value]  (one of the two)

    def values(self) -> dict[str, str]:
        return {part: self.field(part).value for part in PART_NAMES}

    _step = None  # the step loaded
    _reread = False  # its "by when" read again today, and kept so

    def load(self, step, reread_when: bool = False) -> None:
        """Show a step's parts (None: blank, for a new step). The date shown is the
        one kept: the step's own while its "by when" is not changed, or with
        `reread_when` (a step not done yet, set again) its words read today."""
        self._step, self._reread = step, reread_when
        for part in PART_NAMES:
            field = self.field(part)
            with field.prevent(Input.Changed, TextArea.Changed):
                field.value = step_value(step, part) if step is not None else ""
        self.refresh_check()

    def changed(self, step) -> dict[str, str]:
        """The parts that differ from `step` (from blank when None), and its "by
        when" when read again today it is another date."""
        changed = {part: value for part, value in self.values().items()
                   if value != (step_value(step, part) if step is not None else "")}
        if (step is not None and step is self._step and self._reread and "when" not in changed
                and reread_due(step, self.today) != step.due_date):
            changed["when"] = step.when_text
        return changed

    def refresh_check(self) -> None:
        values = self.values()
        step = self._step
        if step is not None and values["when"] == step.when_text and step.due_date is not None:
            # The date kept, not the words read again (unless they are, see load).
            due = reread_due(step, self.today) if self._reread else step.due_date
            understood = due_text(due)
        else:
            understood = understood_text(values["when"], self.today)
        self.query_one("#understood", Static).update(understood)
        self.query_one("#smart-check", Static).update(smart_check_text(values, self.today))

    @on(Input.Changed)
    def _typed(self) -> None:
        self.refresh_check()


class StepAnswers(StepFields):
    """The step editor's parts: boxes that wrap and grow, so a long step is read
    whole. The date understood is read from the words as they are now, and the
    SMART check knows a done step (a past date is fine then)."""

    ROW_CLASSES = "field-row answer-row"

    def part_box(self, part: str, placeholder: str) -> Widget:
        return AnswerBox(id=part, placeholder=_(placeholder))

    def refresh_check(self) -> None:
        values = self.values()
        today = clock.today()
        done = self._step is not None and self._step.done
        self.query_one("#understood", Static).update(understood_text(values["when"], today))
        self.query_one("#smart-check", Static).update(smart_check_text(values, today, done))

    @on(TextArea.Changed)
    def _answer_typed(self) -> None:
        self.refresh_check()


def save_step(plan, goal_id: int, step, changed: dict[str, str]):
    """Keep the parts typed: change `step`, or add a new step to the goal when
    `step` is None and something was typed. A date that can't be read is kept
    as typed, with no due date, so no words are lost. Returns the step saved,
    `step` itself when nothing changed, or None when nothing was typed."""
    if not changed:
        return step
    if step is not None:
        return plan.edit_step(step.id, keep_unread_when=True, **changed)
    if not any(value.strip() for value in changed.values()):
        return None
    parts = dict(changed)
    when = parts.pop("when", "")
    new = plan.add_step(goal_id, **parts)
    return plan.edit_step(new.id, keep_unread_when=True, when=when) if when else new
