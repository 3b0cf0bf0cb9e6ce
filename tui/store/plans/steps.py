"""Action steps: SMART parts, a due date read from the words, done or not,
in the goal's order."""

from __future__ import annotations

from datetime import date
from typing import Literal

from tui.i18n import N_, _
from tui.store import clock, models as m
from tui.store.dates import parse_due_date
from tui.store.errors import InputError, NotFoundError
from tui.store.plans.base import PlanBase, _checked_date, _reads, _renumber_positions, _writes
from tui.store.plans.values import Goal, Step
from tui.store.text import SHORT_LIMIT, checked


_STEP_PARTS = {
    "specific": N_("what I will do"),
    "measurable": N_("how much or how many"),
    "achievable": N_("why I can do it"),
    "bring": N_("what I will bring"),
}


def _step_values(*, keep_unread_when: bool = False, **parts: str) -> dict[str, object]:
    values: dict[str, object] = {}
    for name, value in parts.items():
        if name == "when":
            when = checked(value, limit=SHORT_LIMIT, what=N_("by when"))
            values["when_text"] = when
            try:
                values["due_date"] = parse_due_date(when, clock.today())
            except InputError:
                if not keep_unread_when:
                    raise
                values["due_date"] = None
        elif name in _STEP_PARTS:
            values[name] = checked(value, limit=SHORT_LIMIT, what=_STEP_PARTS[name])
        else:
            raise InputError(_("A step has no part called {name}.").format(name=repr(name)))
    return values


class StepsPart(PlanBase):
    """A goal's action steps."""

    def _step_row(self, step_id: int) -> m.Step:
        row = (
            m.Step.select().join(m.Goal)
            .where((m.Step.id == step_id) & (m.Goal.person == self.person_id))
            .first()
        )
        if row is None:
            raise NotFoundError(_("That step is no longer in the plan."))
        return row

    def _goal_steps(self, goal_id: int) -> list[m.Step]:
        return list(m.Step.select().where(m.Step.goal == goal_id).order_by(m.Step.position, m.Step.id))

    @_reads
    def steps(self, goal_id: int) -> list[Step]:
        self._goal_row(goal_id)
        return [self._step(row) for row in self._goal_steps(goal_id)]

    @_reads
    def steps_due(self, until: date) -> list[tuple[Goal, Step]]:
        """Steps not done and due on or before `until` (overdue ones included), soonest first."""
        rows = (
            m.Step.select(m.Step, m.Goal).join(m.Goal)
            .where(
                (m.Goal.person == self.person_id) & (m.Step.done == False)  # noqa: E712
                & (m.Step.due_date.is_null(False)) & (m.Step.due_date <= until)
            )
            .order_by(m.Step.due_date, m.Goal.importance, m.Step.position)
        )
        return [(self._goal(row.goal, None), self._step(row)) for row in rows]

    @_writes
    def add_step(
        self, goal_id: int, *, specific: str = "", measurable: str = "", achievable: str = "",
        when: str = "", bring: str = "", due_date: date | None | Literal["read"] = "read",
    ) -> Step:
        """Add a SMART step at the end of a goal's steps. `when` is read as a
        date ("2026-12-04", "next Friday", "in 3 days"); every part may be blank.
        A `due_date` given (an import) is kept as it is, beside `when` as typed."""
        self._goal_row(goal_id)
        values = _step_values(specific=specific, measurable=measurable, achievable=achievable,
                              when="" if due_date != "read" else when, bring=bring)
        if due_date != "read":
            values["when_text"] = checked(when, limit=SHORT_LIMIT, what=N_("by when"))
            values["due_date"] = _checked_date(due_date)
        now = clock.now()
        position = len(self._goal_steps(goal_id)) + 1
        texts = {"specific": "", "measurable": "", "achievable": "", "when_text": "", "bring": ""}
        texts.update((k, v) for k, v in values.items() if k in texts)
        row = self._create(m.Step, texts, goal=goal_id, position=position, created_at=now,
                           updated_at=now, due_date=values.get("due_date"))
        return self._step(row)

    @_writes
    def edit_step(self, step_id: int, *, keep_unread_when: bool = False, **parts: str) -> Step:
        """Change any of a step's parts: specific, measurable, achievable, when, bring.

        A `when` that can't be read as a date raises InputError; with
        `keep_unread_when` (a screen being left, a lock) it is kept as typed,
        with no due date, so the person's words are not lost."""
        row = self._step_row(step_id)
        values = _step_values(keep_unread_when=keep_unread_when, **parts)
        texts = {k: v for k, v in values.items() if k in m.SEALED_COLUMNS[m.Step]}
        other = {k: v for k, v in values.items() if k not in texts}
        self._save_texts(row, texts, updated_at=clock.now(), **other)
        return self._step(row)

    @_writes
    def complete_step(self, step_id: int, done: bool = True, on: date | None = None) -> Step:
        """Mark a step done (today by the app's clock, or `on`), or not yet."""
        row = self._step_row(step_id)
        row.done = done
        row.done_on = (_checked_date(on) or clock.today()) if done else None
        row.updated_at = clock.now()
        row.save()
        return self._step(row)

    @_writes
    def move_step(self, step_id: int, by: int) -> Step:
        row = self._step_row(step_id)
        self._move(m.Step, self._goal_steps(row.goal_id), row.id, by)
        return self._step(m.Step.get_by_id(row.id))

    @_writes
    def delete_step(self, step_id: int) -> None:
        row = self._step_row(step_id)
        row.delete_instance()
        _renumber_positions(m.Step, self._goal_steps(row.goal_id))
