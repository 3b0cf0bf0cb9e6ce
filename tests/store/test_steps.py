"""SMART steps: adding, editing, completing, ordering, due dates."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.conftest import TEST_NOW
from tui.store import InputError, NotFoundError, Step

TODAY = TEST_NOW.date()  # Thursday 2026-11-26


@pytest.fixture
def goal(plan):
    return plan.add_goal("Find a place to live")


def specifics(plan, goal_id):
    return [s.specific for s in plan.steps(goal_id)]


def test_add_step_keeps_every_part(plan, goal):
    step = plan.add_step(goal.id, specific="Look for rentals", measurable="1 hour",
                         achievable="Computer at the drop-in", when="tomorrow", bring="My list")
    (saved,) = plan.steps(goal.id)
    assert saved == step
    assert (saved.specific, saved.measurable, saved.achievable, saved.when_text, saved.bring) == (
        "Look for rentals", "1 hour", "Computer at the drop-in", "tomorrow", "My list")
    assert saved.due_date == TODAY + timedelta(days=1)
    assert saved.position == 1 and not saved.done and saved.done_on is None


def test_blank_step_is_allowed(plan, goal):
    step = plan.add_step(goal.id)
    assert step.specific == "" and step.when_text == "" and step.due_date is None


def test_edit_step_changes_only_given_parts(plan, goal):
    step = plan.add_step(goal.id, specific="Call", measurable="3 calls", when="friday")
    edited = plan.edit_step(step.id, measurable="5 calls", when="in 3 days")
    assert edited.specific == "Call"
    assert edited.measurable == "5 calls"
    assert edited.due_date == date(2026, 11, 29)
    assert plan.steps(goal.id) == [edited]
    assert plan.edit_step(step.id, when="").due_date is None


def test_unknown_step_part_is_refused(plan, goal):
    step = plan.add_step(goal.id, specific="Call")
    with pytest.raises(InputError):
        plan.edit_step(step.id, colour="red")
    assert specifics(plan, goal.id) == ["Call"]


@pytest.mark.parametrize(
    ("when", "due"),
    [
        ("next Friday", date(2026, 12, 4)),
        ("Friday", date(2026, 11, 27)),
        ("in 3 days", date(2026, 11, 29)),
        ("2026-12-04", date(2026, 12, 4)),
        ("by this time next week", date(2026, 12, 3)),
        ("", None),
    ],
)
def test_when_is_read_as_a_due_date(plan, goal, when, due):
    step = plan.add_step(goal.id, specific="Call", when=when)
    assert step.when_text == when
    assert step.due_date == due
    assert plan.steps(goal.id)[0].due_date == due


def test_unreadable_when_saves_nothing(plan, goal):
    with pytest.raises(InputError, match="isn't a date"):
        plan.add_step(goal.id, specific="Call", when="someday soon")
    assert plan.steps(goal.id) == []
    step = plan.add_step(goal.id, specific="Call", when="tomorrow")
    with pytest.raises(InputError):
        plan.edit_step(step.id, specific="Changed", when="whenever")
    (kept,) = plan.steps(goal.id)
    assert (kept.specific, kept.when_text, kept.due_date) == ("Call", "tomorrow", TODAY + timedelta(days=1))


def test_complete_and_uncomplete_step(plan, goal):
    step = plan.add_step(goal.id, specific="Call")
    done = plan.complete_step(step.id)
    assert done.done and done.done_on == TODAY
    assert plan.steps(goal.id)[0].done_on == TODAY
    undone = plan.complete_step(step.id, done=False)
    assert not undone.done and undone.done_on is None
    assert plan.steps(goal.id)[0] == undone


def test_move_step_keeps_positions_dense_and_clamps(plan, goal):
    a, b, c = (plan.add_step(goal.id, specific=s) for s in "abc")
    assert [s.position for s in (a, b, c)] == [1, 2, 3]
    assert plan.move_step(c.id, -1).position == 2
    assert specifics(plan, goal.id) == ["a", "c", "b"]
    assert plan.move_step(a.id, 10).position == 3
    assert plan.move_step(b.id, -10).position == 1
    assert specifics(plan, goal.id) == ["b", "c", "a"]
    assert [s.position for s in plan.steps(goal.id)] == [1, 2, 3]


def test_delete_step_closes_the_gap(plan, goal):
    a, b, c = (plan.add_step(goal.id, specific=s) for s in "abc")
    plan.delete_step(a.id)
    assert [(s.specific, s.position) for s in plan.steps(goal.id)] == [("b", 1), ("c", 2)]
    with pytest.raises(NotFoundError):
        plan.complete_step(a.id)
    assert plan.add_step(goal.id, specific="d").position == 3


def test_steps_of_two_goals_are_numbered_apart(plan, goal):
    other = plan.add_goal("Get a job")
    plan.add_step(goal.id, specific="a")
    assert plan.add_step(other.id, specific="x").position == 1
    plan.delete_step(plan.steps(goal.id)[0].id)
    assert specifics(plan, other.id) == ["x"]


def test_next_step_is_the_first_not_done(plan, goal):
    assert plan.goal(goal.id).next_step is None
    a, b, c = (plan.add_step(goal.id, specific=s) for s in "abc")
    assert plan.goal(goal.id).next_step.id == a.id
    plan.complete_step(a.id)
    assert plan.goal(goal.id).next_step.id == b.id
    plan.move_step(c.id, -5)
    assert plan.goal(goal.id).next_step.id == c.id
    assert plan.goals()[0].next_step.id == c.id
    for step in (b, c):
        plan.complete_step(step.id)
    assert plan.goal(goal.id).next_step is None


def test_steps_due_soonest_first_without_done_ones(plan, goal):
    other = plan.add_goal("Get a job")
    overdue = plan.add_step(goal.id, specific="overdue", when="2026-11-20")
    later = plan.add_step(goal.id, specific="in 5 days", when="in 5 days")
    today = plan.add_step(other.id, specific="today", when="today")
    plan.add_step(other.id, specific="too late", when="in 30 days")
    plan.add_step(other.id, specific="no date")
    finished = plan.add_step(goal.id, specific="done", when="tomorrow")
    plan.complete_step(finished.id)

    due = plan.steps_due(TODAY + timedelta(days=7))
    assert [step.specific for _, step in due] == ["overdue", "today", "in 5 days"]
    assert [goal_.text for goal_, _ in due] == ["Find a place to live", "Get a job",
                                                 "Find a place to live"]
    assert [step.id for _, step in due] == [overdue.id, today.id, later.id]
    assert [s.specific for _, s in plan.steps_due(TODAY)] == ["overdue", "today"]
    assert [s.specific for _, s in plan.steps_due(TODAY + timedelta(days=5))] == [
        "overdue", "today", "in 5 days"]


def test_is_overdue():
    def step(due, done=False):
        return Step(id=1, goal_id=1, position=1, specific="", measurable="", achievable="",
                    when_text="", due_date=due, bring="", done=done, done_on=None)

    assert step(TODAY - timedelta(days=1)).is_overdue(TODAY)
    assert not step(TODAY).is_overdue(TODAY)
    assert not step(TODAY + timedelta(days=1)).is_overdue(TODAY)
    assert not step(None).is_overdue(TODAY)
    assert not step(TODAY - timedelta(days=1), done=True).is_overdue(TODAY)


def test_saved_step_overdue_by_the_clock(plan, goal):
    step = plan.add_step(goal.id, specific="Call", when="2026-11-25")
    assert plan.steps(goal.id)[0].is_overdue(TODAY)
    assert not plan.complete_step(step.id).is_overdue(TODAY)


def test_an_unreadable_when_is_refused_unless_kept_on_leaving(plan):
    goal = plan.add_goal("Find a place")
    step = plan.add_step(goal.id, specific="Call", when="2026-12-01")
    with pytest.raises(InputError):
        plan.edit_step(step.id, when="after payday", measurable="3 calls")
    assert plan.steps(goal.id)[0].measurable == ""  # nothing of that save was kept
    kept = plan.edit_step(step.id, keep_unread_when=True, when="after payday", measurable="3 calls")
    assert (kept.when_text, kept.due_date, kept.measurable) == ("after payday", None, "3 calls")
