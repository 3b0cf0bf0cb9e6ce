"""A person's text is kept exactly as typed and made harmless to show."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from tests.conftest import TEST_PIN, open_test_store
from tui.store import InputError, create_person, displayable, one_line, sign_in
from tui.store.text import _INVISIBLE_TRICKS, LONG_LIMIT, SHORT_LIMIT

any_char = st.characters(blacklist_categories=("Cs",))  # everything but lone surrogates
any_text = st.text(alphabet=any_char)


def required(limit):
    return st.text(alphabet=any_char, min_size=1, max_size=limit).filter(lambda s: s.strip())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(goal=required(SHORT_LIMIT), part=st.text(alphabet=any_char, max_size=SHORT_LIMIT),
       field=st.text(alphabet=any_char, max_size=LONG_LIMIT), name=required(SHORT_LIMIT))
def test_any_text_comes_back_exactly_after_reopening(databases, goal, part, field, name):
    location = databases.new()
    store = open_test_store(location)
    try:
        plan = create_person(store, "Sam", TEST_PIN)
        goal_id = plan.add_goal(goal).id
        plan.add_step(goal_id, specific=part, measurable=part, bring=part)
        plan.save_section("crisis", {"warning_signs": field})
        plan.add_contact(name, notes=part)
    finally:
        store.close()

    store = open_test_store(location)
    try:
        plan = sign_in(store, "sam", TEST_PIN)
        assert plan.goal(goal_id).text == goal
        (step,) = plan.steps(goal_id)
        assert step.specific == part and step.measurable == part and step.bring == part
        assert plan.section("crisis").fields["warning_signs"] == field
        (contact,) = plan.contacts()
        assert contact.name == name and contact.notes == part
    finally:
        store.close()
        databases.drop(location)


def test_control_characters_and_nul_survive(plan):
    text = "a\x00b\x1b[31mred\x07\r\n\x9b2J\u202eevil\u2028end"
    goal = plan.add_goal(text)
    assert plan.goal(goal.id).text == text


def is_unsafe(char: str) -> bool:
    return (unicodedata.category(char) == "Cc" and char not in "\n\t") or char in _INVISIBLE_TRICKS


@given(any_text)
def test_displayable_never_shows_control_characters(text):
    shown = displayable(text)
    assert not any(is_unsafe(char) for char in shown)
    assert "\x1b" not in shown
    assert shown.count("\n") == text.count("\n") and shown.count("\t") == text.count("\t")
    assert "\n" not in one_line(text)


@given(st.text(alphabet=any_char).filter(lambda s: not any(is_unsafe(c) for c in s)))
def test_displayable_leaves_safe_text_alone(text):
    assert displayable(text) == text


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("\x1b[2J", "\u241b[2J"),
        ("bell\x07", "bell\u2407"),
        ("del\x7f", "del\u2421"),
        ("c1\x9b", "c1\ufffd"),
        ("a\u202eb", "a\ufffdb"),
        ("line\none\ttab", "line\none\ttab"),
        ("I'm okay \U0001F600 café", "I'm okay \U0001F600 café"),
    ],
)
def test_displayable_examples(text, shown):
    assert displayable(text) == shown


@pytest.mark.parametrize("text", ["[/]", "[@click=app.quit]", "[b]bold[/b]", "[red]x[/red] \\[", "$var {x}"])
def test_markup_looking_text_is_stored_unchanged(plan, text):
    goal = plan.add_goal(text)
    step = plan.add_step(goal.id, specific=text)
    plan.save_section("vision", {"vision": text})
    contact = plan.add_contact(text, notes=text)
    assert plan.goal(goal.id).text == text
    assert plan.steps(goal.id)[0].specific == step.specific == text
    assert plan.section("vision").fields["vision"] == text
    assert plan.contacts()[0].name == contact.name == text
    assert displayable(text) == text


@pytest.mark.parametrize("surrogate", ["\ud800", "\udfff", "ok\udc80ok"])
def test_lone_surrogates_are_refused(plan, surrogate):
    with pytest.raises(InputError, match="broken character"):
        plan.add_goal(surrogate)
    goal = plan.add_goal("fine")
    with pytest.raises(InputError):
        plan.add_step(goal.id, specific=surrogate)
    with pytest.raises(InputError):
        plan.save_section("vision", {"vision": surrogate})
    with pytest.raises(InputError):
        plan.add_contact(surrogate)
    with pytest.raises(InputError):
        plan.save_toolkit_answer("works.laugh", surrogate)
    assert [g.text for g in plan.goals()] == ["fine"]
    assert plan.steps(goal.id) == []
    assert plan.section("vision").revision == 0
    assert plan.contacts() == [] and plan.toolkit_answers() == {}
