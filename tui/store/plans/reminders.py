"""Reminders: short words that speak to the person, in their order."""

from __future__ import annotations

from tui.i18n import N_
from tui.store import clock, models as m
from tui.store.plans.base import PlanBase, _reads, _renumber_positions, _writes
from tui.store.plans.values import Reminder
from tui.store.text import SHORT_LIMIT, checked


class RemindersPart(PlanBase):
    """The reminders on the overview, in their order."""

    def _reminder_rows(self) -> list[m.Reminder]:
        return list(m.Reminder.select().where(m.Reminder.person == self.person_id)
                    .order_by(m.Reminder.position, m.Reminder.id))

    def _reminder_row(self, reminder_id: int) -> m.Reminder:
        return self._own_row(m.Reminder, reminder_id, N_("That reminder is no longer in the plan."))

    @_reads
    def reminders(self) -> list[Reminder]:
        return [self._reminder(row) for row in self._reminder_rows()]

    @_writes
    def add_reminder(self, text: str) -> Reminder:
        """Add a reminder at the end; the same words twice are kept once."""
        return self._added_reminder(text)

    @_writes
    def keep_reminders(self, ticked: list[str]) -> None:
        """Keep exactly the reminders `ticked` (the guide's reminder lists),
        in one write: the others go, those kept stay in their places, and new
        ones come at the end in the order ticked. A text refused changes nothing."""
        for row in self._reminder_rows():
            if self._open(row, "text") not in ticked:
                row.delete_instance()
        _renumber_positions(m.Reminder, self._reminder_rows())
        for text in ticked:
            self._added_reminder(text)

    def _added_reminder(self, text: str) -> Reminder:
        text = checked(text, limit=SHORT_LIMIT, what=N_("reminder"), required=True)
        rows = self._reminder_rows()
        for row in rows:
            if self._open(row, "text") == text:
                return Reminder(row.id, row.position, text)
        row = self._create(m.Reminder, {"text": text}, person=self.person_id,
                           position=len(rows) + 1, updated_at=clock.now())
        return Reminder(row.id, row.position, text)

    @_writes
    def delete_reminder(self, reminder_id: int) -> None:
        self._reminder_row(reminder_id).delete_instance()
        _renumber_positions(m.Reminder, self._reminder_rows())

    @_writes
    def move_reminder(self, reminder_id: int, by: int) -> None:
        row = self._reminder_row(reminder_id)
        self._move(m.Reminder, self._reminder_rows(), row.id, by)
