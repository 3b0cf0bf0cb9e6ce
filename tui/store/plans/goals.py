"""Goals: the person's own words, short or long term, in two orders of
their own (importance, where goals may tie, and timeline)."""

from __future__ import annotations

from datetime import date
from typing import Literal

import peewee

from tui.i18n import N_, _
from tui.store import clock, models as m
from tui.store.errors import InputError
from tui.store.plans.base import PlanBase, _checked_date, _reads, _writes
from tui.store.plans.values import ORDERS, TERMS, Goal, Order, Step, Term
from tui.store.text import SHORT_LIMIT, checked


def _checked_term(term: str) -> Term:
    if term not in TERMS:
        raise InputError(_("A goal is either short term or long term."))
    return term  # type: ignore[return-value]


def _checked_order(order: str) -> Order:
    if order not in ORDERS:
        raise InputError(_("Goals can be ordered by importance or by timeline."))
    return order  # type: ignore[return-value]


class GoalsPart(PlanBase):
    """Goals in their two orders; moving a goal passes a tie whole."""

    def _goal_row(self, goal_id: int) -> m.Goal:
        return self._own_row(m.Goal, goal_id, N_("That goal is no longer in the plan."))

    def _term_goals(self, term: str, order: Order) -> list[m.Goal]:
        """A term's goals in one order (as Goal.place sorts them)."""
        column = getattr(m.Goal, order)
        other = m.Goal.timeline if order == "importance" else m.Goal.importance
        return list(
            m.Goal.select()
            .where((m.Goal.person == self.person_id) & (m.Goal.term == term))
            .order_by(column, other, m.Goal.id)
        )

    @staticmethod
    def _levels(rows: list[m.Goal], order: Order) -> list[list[int]]:
        """The goal ids of `rows` (in order) grouped by equal numbers: one level
        per number. Importance may have ties; the timeline never does."""
        levels: list[list[int]] = []
        last = None
        for row in rows:
            number = getattr(row, order)
            if levels and number == last:
                levels[-1].append(row.id)
            else:
                levels.append([row.id])
            last = number
        return levels

    def _write_levels(self, levels: list[list[int]], order: Order, rows: list[m.Goal]) -> None:
        """Number the levels 1..n (goals of one level share a number), touching
        only rows whose number changes."""
        current = {row.id: getattr(row, order) for row in rows}
        for number, level in enumerate((level for level in levels if level), start=1):
            for goal_id in level:
                if current.get(goal_id) != number:
                    m.Goal.update({order: number}).where(m.Goal.id == goal_id).execute()

    def _renumber(self, rows: list[m.Goal], order: Order) -> None:
        """Close gaps in one order, keeping its ties (after a goal left it)."""
        self._write_levels(self._levels(rows, order), order, rows)

    def _next_number(self, term: str) -> dict[str, int]:
        """The numbers a goal added at the end of a term's orders gets."""
        rows = self._term_goals(term, "importance")
        return {"importance": len(self._levels(rows, "importance")) + 1, "timeline": len(rows) + 1}

    @_reads
    def goals(self, term: Term | None = None) -> list[Goal]:
        """The goals (of one term, or all), by term then importance, each with its next step."""
        query = m.Goal.select().where(m.Goal.person == self.person_id)
        if term is not None:
            query = query.where(m.Goal.term == _checked_term(term))
        rows = list(query.order_by(m.Goal.term.desc(), m.Goal.importance, m.Goal.timeline,
                                   m.Goal.id))  # short before long
        next_steps = self._next_steps([row.id for row in rows])
        return [self._goal(row, next_steps.get(row.id)) for row in rows]

    @_reads
    def goal(self, goal_id: int) -> Goal:
        row = self._goal_row(goal_id)
        return self._goal(row, self._next_steps([row.id]).get(row.id))

    def _next_steps(self, goal_ids: list[int]) -> dict[int, Step]:
        """The first step not yet done of each goal in `goal_ids`, in one query."""
        if not goal_ids:
            return {}
        first = (
            m.Step.select(m.Step.goal, peewee.fn.MIN(m.Step.position).alias("position"))
            .join(m.Goal)
            .where((m.Goal.person == self.person_id) & (m.Step.done == False))  # noqa: E712
            .group_by(m.Step.goal)
            .alias("first")
        )
        rows = m.Step.select().join(
            first, on=(m.Step.goal == first.c.goal_id) & (m.Step.position == first.c.position))
        if len(goal_ids) < 50:
            rows = rows.where(m.Step.goal.in_(goal_ids))
        wanted = set(goal_ids)
        return {row.goal_id: self._step(row) for row in rows if row.goal_id in wanted}

    @_writes
    def add_goal(self, text: str, term: Term = "short", target_date: date | None = None) -> Goal:
        """Add a goal at the end of both orders of its term."""
        text = checked(text, limit=SHORT_LIMIT, what=N_("goal"), required=True)
        term = _checked_term(term)
        at_end = self._next_number(term)
        now = clock.now()
        row = self._create(
            m.Goal, {"text": text}, person=self.person_id, term=term, importance=at_end["importance"],
            timeline=at_end["timeline"], target_date=_checked_date(target_date),
            created_at=now, updated_at=now,
        )
        return self._goal(row, None)

    @_writes
    def edit_goal(
        self, goal_id: int, *, text: str | None = None, term: Term | None = None,
        target_date: date | None | Literal["keep"] = "keep",
    ) -> Goal:
        """Change a goal's words, term or target date. A goal moved to the
        other term goes to the end of both of that term's orders."""
        row = self._goal_row(goal_id)
        if text is not None:
            self._seal(row, "text", checked(text, limit=SHORT_LIMIT, what=N_("goal"), required=True))
        if target_date != "keep":
            row.target_date = _checked_date(target_date)
        if term is not None and _checked_term(term) != row.term:
            old_term = row.term
            at_end = self._next_number(term)
            row.term, row.importance, row.timeline = term, at_end["importance"], at_end["timeline"]
            row.updated_at = clock.now()
            row.save()
            for order in ORDERS:
                self._renumber(self._term_goals(old_term, order), order)
        else:
            row.updated_at = clock.now()
            row.save()
        return self._goal(row, self._next_steps([row.id]).get(row.id))

    @_writes
    def delete_goal(self, goal_id: int) -> None:
        """Delete a goal and its steps; the other goals close the gap."""
        row = self._goal_row(goal_id)
        row.delete_instance(recursive=True)
        for order in ORDERS:
            self._renumber(self._term_goals(row.term, order), order)

    @_writes
    def complete_goal(self, goal_id: int, done: bool = True, on: date | None = None) -> Goal:
        """Mark a goal reached (today by the app's clock, or `on`), or not yet."""
        row = self._goal_row(goal_id)
        row.status = "done" if done else "active"
        row.done_on = (_checked_date(on) or clock.today()) if done else None
        row.updated_at = clock.now()
        row.save()
        return self._goal(row, self._next_steps([row.id]).get(row.id))

    @_writes
    def move_goal(self, goal_id: int, order: Order, by: int) -> Goal:
        """Move a goal `by` places in one order (negative: toward 1), one goal
        passed at a time (see move_goal_past); it stops at either end. The
        other order is left exactly as it was."""
        order = _checked_order(order)
        row = self._goal_row(goal_id)
        step = -1 if by < 0 else 1
        for _passed in range(abs(by)):
            rows = self._term_goals(row.term, order)
            index = next(i for i, r in enumerate(rows) if r.id == row.id)
            if 0 <= index + step < len(rows):
                self._move_past(rows, row.id, rows[index + step].id, order, up=step < 0)
            elif not self._leave_tie(rows, row.id, order, up=step < 0):
                break
        return self._goal(m.Goal.get_by_id(row.id), self._next_steps([row.id]).get(row.id))

    @_writes
    def move_goal_past(self, goal_id: int, order: Order, other_id: int) -> Goal:
        """Move a goal just past another of its term, up or down, whatever lies
        between (the goal board steps over the goals it hides this way)."""
        order = _checked_order(order)
        row, other = self._goal_row(goal_id), self._goal_row(other_id)
        if other.term != row.term:
            raise InputError(_("A goal can only move among the goals of its own term."))
        if other.id != row.id:
            rows = self._term_goals(row.term, order)
            ids = [r.id for r in rows]
            self._move_past(rows, row.id, other.id, order, up=ids.index(other.id) < ids.index(row.id))
        return self._goal(m.Goal.get_by_id(row.id), self._next_steps([row.id]).get(row.id))

    @_writes
    def untie_goal(self, goal_id: int, up: bool) -> Goal:
        """A goal tied with others gets an importance of its own, just above
        them (`up`) or just below; nothing changes for a goal not tied."""
        row = self._goal_row(goal_id)
        self._leave_tie(self._term_goals(row.term, "importance"), row.id, "importance", up=up)
        return self._goal(m.Goal.get_by_id(row.id), self._next_steps([row.id]).get(row.id))

    def _leave_tie(self, rows: list[m.Goal], goal_id: int, order: Order, *, up: bool) -> bool:
        """The goal leaves its tie, above or below the goals it shared a number with; False if not tied."""
        number = next(getattr(r, order) for r in rows if r.id == goal_id)
        tied = [r.id for r in rows if r.id != goal_id and getattr(r, order) == number]
        if tied:
            self._move_past(rows, goal_id, tied[0], order, up=up)
        return bool(tied)

    def _move_past(self, rows: list[m.Goal], goal_id: int, other_id: int, order: Order, *,
                   up: bool) -> None:
        """The one rule of moving in an order: the goal leaves its place (and a
        tie it was in) and gets a number of its own just beyond the other goal's,
        above it (`up`) or below. Goals tied with the other stay tied, so a goal
        passes a tie whole."""
        levels = self._levels(rows, order)
        for level in levels:
            if goal_id in level:
                level.remove(goal_id)
        levels = [level for level in levels if level]
        at = next(i for i, level in enumerate(levels) if other_id in level)
        levels.insert(at if up else at + 1, [goal_id])
        self._write_levels(levels, order, rows)

    @_writes
    def arrange_goals(self, term: Term, places: dict[int, tuple[int, int]]) -> None:
        """Set both orders of a term's goals at once, from (importance, timeline)
        numbers as a plan file or the demo gives them: equal importance numbers
        make a tie; timeline numbers are one to a goal. Gaps are closed."""
        term = _checked_term(term)
        rows = self._term_goals(term, "importance")
        if set(places) != {row.id for row in rows}:
            raise ValueError("arrange_goals needs the places of every goal of the term")
        timeline = [place[1] for place in places.values()]
        if len(set(timeline)) != len(timeline):
            raise InputError(_("Each goal needs its own place in the timeline."))
        levels: dict[int, list[int]] = {}
        for goal_id, (importance, _time) in sorted(places.items(), key=lambda item: item[1]):
            levels.setdefault(importance, []).append(goal_id)
        self._write_levels([levels[number] for number in sorted(levels)], "importance", rows)
        self._write_levels([[goal_id] for goal_id, _place in sorted(places.items(), key=lambda i: i[1][1])],
                           "timeline", rows)

    @_writes
    def tie_goal(self, goal_id: int, other_id: int) -> Goal:
        """Give a goal the same importance as another of its term (the guide's
        own table ranks two goals 4). Moving it up or down later unties it."""
        row, other = self._goal_row(goal_id), self._goal_row(other_id)
        if other.term != row.term:
            raise InputError(_("A goal can only share its importance with a goal of its own term."))
        rows = self._term_goals(row.term, "importance")
        levels = self._levels(rows, "importance")
        for level in levels:
            if goal_id in level and other_id not in level:
                level.remove(goal_id)
                next(lv for lv in levels if other_id in lv).append(goal_id)
        self._write_levels(levels, "importance", rows)
        return self._goal(m.Goal.get_by_id(row.id), self._next_steps([row.id]).get(row.id))
