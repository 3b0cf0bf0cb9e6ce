"""Check-ins: what came of each step due, kept with the words as they were
then; and what the person did lately."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from tui.i18n import N_, _
from tui.store import clock, models as m
from tui.store.errors import InputError
from tui.store.plans.base import PlanBase, _as_date, _reads, _writes
from tui.store.plans.values import (
    OUTCOMES, SECTION_FIELDS, Changes, CheckIn, Goal, Outcome, Step, StepOutcome,
)
from tui.store.text import SHORT_LIMIT, checked


class CheckInsPart(PlanBase):
    """Check-ins, and what the person did lately."""

    def _check_in(self, row: m.CheckIn) -> CheckIn:
        rows = (m.CheckInOutcome.select().where(m.CheckInOutcome.check_in == row.id)
                .order_by(m.CheckInOutcome.id))
        outcomes = tuple(
            StepOutcome(step_id=o.step_id, goal_text=self._open(o, "goal_words"),
                        step_text=self._open(o, "step_words"), outcome=o.outcome,
                        note=self._open(o, "note"), due_date=_as_date(o.due_date))
            for o in rows)
        return CheckIn(row.id, _as_date(row.held_on), outcomes)

    def _check_in_row(self, check_in_id: int) -> m.CheckIn:
        return self._own_row(m.CheckIn, check_in_id, N_("That check-in is no longer in the plan."))

    @_reads
    def steps_to_check_in(self) -> list[tuple[Goal, Step]]:
        """The steps a check-in goes through: due today or before, not done,
        and not checked already today. Soonest first."""
        today = clock.today()
        checked_today = {
            row.step_id for row in m.CheckInOutcome.select(m.CheckInOutcome.step).join(m.CheckIn)
            .where((m.CheckIn.person == self.person_id) & (m.CheckIn.held_on == today))}
        return [(goal, step) for goal, step in self.steps_due(today) if step.id not in checked_today]

    @_writes(detail=lambda *args, **kwargs: "check-in")
    def check_in_step(self, step_id: int, outcome: Outcome, note: str = "",
                      check_in_id: int | None = None) -> CheckIn:
        """Keep what came of a step at a check-in: "done" (the step is marked
        done today), "not_yet" or "changed" (it stays open), and an optional
        note on what got in the way. The first call makes the check-in, dated
        today; pass its id for the other steps. A step checked again in the
        same check-in gets its new outcome. Change the step itself with
        edit_step first, so the check-in keeps its new date."""
        if outcome not in OUTCOMES:
            raise InputError(_("A step at a check-in is done, not yet, or changed."))
        note = checked(note, limit=SHORT_LIMIT, what=N_("note"))
        step = self._step_row(step_id)
        if check_in_id is None:
            check_in = m.CheckIn.create(person=self.person_id, held_on=clock.today(),
                                        created_at=clock.now())
        else:
            check_in = self._check_in_row(check_in_id)
        done = outcome == "done"
        if bool(step.done) != done:
            step.done = done
            step.done_on = clock.today() if done else None
            step.updated_at = clock.now()
            step.save()
        texts = {"goal_words": self._open(step.goal, "text"),
                 "step_words": self._open(step, "specific"), "note": note}
        row = m.CheckInOutcome.get_or_none((m.CheckInOutcome.check_in == check_in.id)
                                           & (m.CheckInOutcome.step == step.id))
        if row is None:
            self._create(m.CheckInOutcome, texts, check_in=check_in.id, step=step.id,
                         outcome=outcome, due_date=step.due_date)
        else:
            self._save_texts(row, texts, outcome=outcome, due_date=step.due_date)
        return self._check_in(check_in)

    @_reads
    def check_ins(self, limit: int | None = None) -> list[CheckIn]:
        """The person's check-ins, newest first."""
        rows = (m.CheckIn.select().where(m.CheckIn.person == self.person_id)
                .order_by(m.CheckIn.held_on.desc(), m.CheckIn.id.desc()))
        if limit is not None:
            rows = rows.limit(limit)
        return [self._check_in(row) for row in rows]

    @_reads
    def check_in(self, check_in_id: int) -> CheckIn:
        return self._check_in(self._check_in_row(check_in_id))

    @_reads
    def steps_done_since(self, check_in: CheckIn) -> list[tuple[Goal, Step]]:
        """Steps done on or after a check-in's day, but not at it: what the
        person did since. Oldest first."""
        at_it = {o.step_id for o in check_in.outcomes}
        rows = (m.Step.select(m.Step, m.Goal).join(m.Goal)
                .where((m.Goal.person == self.person_id) & (m.Step.done == True)  # noqa: E712
                       & (m.Step.done_on >= check_in.held_on))
                .order_by(m.Step.done_on, m.Step.id))
        return [(self._goal(row.goal, None), self._step(row)) for row in rows if row.id not in at_it]

    # -- what changed lately -------------------------------------------------

    @_reads
    def changes_since(self, since: date) -> Changes:
        """What the person did from `since` on: goals reached, steps done, parts rewritten."""
        goals = m.Goal.select().where((m.Goal.person == self.person_id) & (m.Goal.done_on >= since)).count()
        steps = (m.Step.select().join(m.Goal)
                 .where((m.Goal.person == self.person_id) & (m.Step.done_on >= since)).count())
        sections = [row.section for row in m.SectionRevision.select(m.SectionRevision.section).distinct()
                    .where((m.SectionRevision.person == self.person_id)
                           & (m.SectionRevision.saved_at >= datetime.combine(since, datetime.min.time())))]
        order = list(SECTION_FIELDS)
        return Changes(goals, steps, tuple(sorted(sections, key=order.index)))

    @_reads
    def steps_done_by_week(self, weeks: int = 8, goal_id: int | None = None) -> list[int]:
        """Steps done in each of the last `weeks` weeks (oldest first; this week last)."""
        today = clock.today()
        start = today - timedelta(days=7 * weeks - 1)
        query = (m.Step.select(m.Step.done_on).join(m.Goal)
                 .where((m.Goal.person == self.person_id) & (m.Step.done_on >= start)))
        if goal_id is not None:
            query = query.where(m.Step.goal == goal_id)
        counts = [0] * weeks
        for row in query:
            done = _as_date(row.done_on)
            # A step marked done on a later day than today (a clock set back, a
            # file from a machine whose clock ran ahead) counts in this week.
            counts[weeks - 1 - max(0, (today - done).days) // 7] += 1
        return counts
