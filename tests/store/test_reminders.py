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


def test_keep_reminders_keeps_exactly_those_ticked(plan):
    """Ticked and kept stay in their places, unticked go, new ones come at the
    end in the order ticked; the same words twice are kept once."""
    for text in ("Breaking the cycle", "One day at a time", "Call my sister"):
        plan.add_reminder(text)
    plan.keep_reminders(["Call my sister", "Mine, [kept] as typed", "Breaking the cycle",
                         "Mine, [kept] as typed"])
    assert [(r.position, r.text) for r in plan.reminders()] == [
        (1, "Breaking the cycle"), (2, "Call my sister"), (3, "Mine, [kept] as typed")]
    plan.keep_reminders([])
    assert plan.reminders() == []


def test_keep_reminders_is_one_write_and_one_audit_event(store, plan, monkeypatch):
    from tui.store import models as m

    plan.add_reminder("Breaking the cycle")
    plan.add_reminder("One day at a time")
    writes = []
    real_write = type(store).write
    monkeypatch.setattr(type(store), "write",
                        lambda self, *a, **k: writes.append(1) or real_write(self, *a, **k))
    before = m.AuditEvent.select().count()
    plan.keep_reminders(["One day at a time", "Call my sister", "Go to a meeting"])
    assert len(writes) == 1
    assert [(e.event, e.detail) for e in m.AuditEvent.select().order_by(m.AuditEvent.id)][before:] == [
        ("changed", "keep_reminders")]


def test_keep_reminders_changes_nothing_when_one_is_refused(plan):
    plan.add_reminder("Breaking the cycle")
    plan.add_reminder("One day at a time")
    with pytest.raises(InputError):
        plan.keep_reminders(["Call my sister", "   "])
    assert [r.text for r in plan.reminders()] == ["Breaking the cycle", "One day at a time"]
