"""Reminders on the overview: picked from the guide's lists or written by the person."""

from __future__ import annotations

import pytest

from tui.content.reminders import REMINDERS
from tui.store import InputError, NotFoundError, create_person


def test_add_move_delete_keep_a_dense_order(plan):
    first = REMINDERS[0]
    plan.add_reminder(first)
    mine = plan.add_reminder("One day at a time, [and] \x1b[31m kept as typed")
    plan.add_reminder("Call my sister")
    plan.move_reminder(mine.id, -5)
    assert [(r.position, r.text) for r in plan.reminders()] == [
        (1, "One day at a time, [and] \x1b[31m kept as typed"), (2, first), (3, "Call my sister")]
    plan.delete_reminder(mine.id)
    assert [(r.position, r.text) for r in plan.reminders()] == [(1, first), (2, "Call my sister")]


def test_the_same_reminder_twice_is_kept_once(plan):
    a = plan.add_reminder("Breaking the cycle")
    b = plan.add_reminder("Breaking the cycle")
    assert a.id == b.id and len(plan.reminders()) == 1


def test_empty_and_foreign_reminders_are_refused(store, plan):
    with pytest.raises(InputError):
        plan.add_reminder("   ")
    other = create_person(store, "Ana", "pin-654321").add_reminder("Mine")
    with pytest.raises(NotFoundError):
        plan.delete_reminder(other.id)
