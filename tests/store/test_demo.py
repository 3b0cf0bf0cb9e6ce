"""The demo plan: the guide's own example, made through the store's operations."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.conftest import TEST_NOW
from tui.content import demo as content
from tui.demo import create_demo
from tui.store import NameTakenError, sign_in

TODAY = TEST_NOW.date()


@pytest.fixture
def demo_plan(store):
    create_demo(store)
    return sign_in(store, "Demo", "975310")


def test_demo_signs_in_with_its_pin(store, demo_plan):
    assert (content.DEMO_NAME, content.DEMO_PIN) == ("Demo", "975310")
    assert demo_plan.name == "Demo"


def test_short_term_goals_have_the_guides_orders(demo_plan):
    short = demo_plan.goals("short")
    assert len(short) == 5
    got = {g.text: (g.importance, g.timeline) for g in short}
    assert got == {text: (importance, timeline) for text, importance, timeline in content.SHORT_TERM_GOALS}
    assert got["I want to find a place to live"] == (2, 1)
    assert got["I want to get a better job"] == got["I want to quit smoking"][:1] + (4,) == (4, 4)
    assert sorted(g.importance for g in short) == [1, 2, 3, 4, 4]  # the guide's own tie
    assert sorted(g.timeline for g in short) == [1, 2, 3, 4, 5]


def test_one_long_term_goal(demo_plan):
    assert [(g.text, g.importance, g.timeline) for g in demo_plan.goals("long")] == [
        ("I want to finish my GED", 1, 1)]


def test_housing_steps_with_one_due_this_week(demo_plan):
    (housing,) = [g for g in demo_plan.goals("short") if g.text == content.HOUSING_GOAL]
    steps = demo_plan.steps(housing.id)
    assert len(steps) == 3
    assert [s.position for s in steps] == [1, 2, 3]
    assert all(s.due_date is not None and s.due_date >= TODAY and not s.done for s in steps)
    assert any(s.due_date <= TODAY + timedelta(days=7) for s in steps)
    assert housing.next_step == steps[0]
    due = demo_plan.steps_due(TODAY + timedelta(days=7))
    assert due and all(goal.id == housing.id for goal, _ in due)


def test_overdose_plan_and_sections(demo_plan):
    overdose = demo_plan.section("overdose").fields
    assert "front pocket of my backpack" in overdose["naloxone_where"]
    assert "sister" in overdose["check_in_how"] and "text" in overdose["check_in_how"]
    for name in ("vision", "strengths", "crisis", "overdose", "cravings"):
        section = demo_plan.section(name)
        assert section.revision == 1 and section.filled == len(section.fields)
    assert demo_plan.toolkit_answers() == content.TOOLKIT_ANSWERS


def test_sister_is_a_contact_in_two_roles(demo_plan):
    (sister,) = [c for c in demo_plan.contacts() if c.relationship == "sister"]
    assert {"helps", "checks_on_me"} <= sister.roles
    assert sister.can_text
    assert sister.id in {c.id for c in demo_plan.contacts("helps")}
    assert [c.id for c in demo_plan.contacts("checks_on_me")] == [sister.id]
    assert len(demo_plan.contacts()) == len(content.CONTACTS)


def test_creating_the_demo_twice_is_refused(store, demo_plan):
    with pytest.raises(NameTakenError):
        create_demo(store)
    assert len(demo_plan.goals()) == 6
