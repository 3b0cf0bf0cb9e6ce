"""Section history (a burst of saves is one version; restoring keeps the
present as a version too), drafts, and what changed lately."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.conftest import TEST_NOW, TEST_PIN
from tui.store import InputError, NotFoundError, clock, sign_in


def at(minutes: float) -> None:
    clock.set_now(TEST_NOW + timedelta(minutes=minutes))


def test_each_save_apart_keeps_a_version_newest_first(plan):
    plan.save_section("crisis", {"warning_signs": "Not sleeping"})
    at(10)
    plan.save_section("crisis", {"on_my_own": "Walk the dog"})
    at(20)
    plan.save_section("crisis", {"warning_signs": "Not sleeping, skipping meals"})
    history = plan.section_history("crisis")
    assert [r.changed for r in history] == [("warning_signs",), ("on_my_own",), ("warning_signs",)]
    assert history[0].fields["warning_signs"] == "Not sleeping, skipping meals"
    assert history[2].fields == {**history[2].fields, "warning_signs": "Not sleeping", "on_my_own": ""}
    assert history[0].saved_at == TEST_NOW + timedelta(minutes=20)


def test_a_burst_of_saves_is_one_version(plan):
    for minute, words in enumerate(["I", "I want", "I want a home", "I want a home."]):
        at(minute)
        plan.save_section("vision", {"vision": words})
    at(3.5)
    plan.save_section("strengths", {"strengths": "Stubborn"})  # another section: its own history
    (only,) = plan.section_history("vision")
    assert only.fields["vision"] == "I want a home." and only.changed == ("vision",)
    at(20)
    plan.save_section("vision", {"vision": "A home, and my brother back"})
    assert len(plan.section_history("vision")) == 2


def test_saving_the_same_words_keeps_no_new_version(plan):
    plan.save_section("vision", {"vision": "Same"})
    at(30)
    plan.save_section("vision", {"vision": "Same"})
    assert len(plan.section_history("vision")) == 1


def test_restoring_a_version_keeps_the_present_one_too(store, plan):
    plan.save_section("crisis", {"warning_signs": "First words"})
    at(10)
    plan.save_section("crisis", {"warning_signs": "Second words"})
    first = plan.section_history("crisis")[-1]
    at(20)
    restored = plan.restore_revision(first.id)
    assert restored.fields["warning_signs"] == "First words"
    texts = [r.fields["warning_signs"] for r in plan.section_history("crisis")]
    assert texts == ["First words", "Second words", "First words"]
    plan.restore_revision(plan.section_history("crisis")[1].id)  # right after: still its own version
    assert [r.fields["warning_signs"] for r in plan.section_history("crisis")][:2] == [
        "Second words", "First words"]
    other = sign_in(store, "Sam", TEST_PIN)
    with pytest.raises(NotFoundError):
        other.restore_revision(10_000)


def test_history_is_sealed_like_the_rest(store, plan):
    plan.save_section("crisis", {"warning_signs": "Pacing at midnight"})
    at(10)
    plan.save_section("crisis", {"warning_signs": "Something else"})
    rows = store.db.execute_sql("SELECT fields_sealed FROM section_revision").fetchall()
    assert len(rows) == 2 and all("Pacing" not in row[0] for row in rows)


def test_a_section_saved_before_history_gets_its_old_words_as_a_version(store, plan):
    plan.save_section("vision", {"vision": "Old words"})
    store.db.execute_sql("DELETE FROM section_revision")  # as if saved before schema 4
    at(60)
    plan.save_section("vision", {"vision": "New words"})
    assert [r.fields["vision"] for r in plan.section_history("vision")] == ["New words", "Old words"]


# ----------------------------------------------------------------------------
# Drafts


def test_a_draft_is_kept_replaced_and_applied_where_it_was_typed(store, plan):
    goal = plan.add_goal("Find work")
    step = plan.add_step(goal.id, specific="Call")
    plan.save_draft("section:crisis", "Crisis plan: warning signs", {"warning_signs": "Half a tho"})
    plan.save_draft("section:crisis", "Crisis plan: warning signs", {"warning_signs": "Half a thought"})
    plan.save_draft(f"step:{step.id}", "A step", {"specific": "Call the center", "when": "Frday"})
    plan.save_draft("goal:new", "A new goal", {"text": "Learn to swim", "term": "long"})
    again = sign_in(store, "Sam", TEST_PIN)
    drafts = again.drafts()
    assert [d.place for d in drafts] == ["section:crisis", f"step:{step.id}", "goal:new"]
    assert drafts[0].values == {"warning_signs": "Half a thought"}
    for draft in drafts:
        again.apply_draft(draft)
    assert again.drafts() == []
    assert again.section("crisis").fields["warning_signs"] == "Half a thought"
    (kept,) = again.steps(goal.id)
    assert kept.specific == "Call the center" and kept.when_text == "Frday" and kept.due_date is None
    assert [g.text for g in again.goals("long")] == ["Learn to swim"]


def test_drafts_are_sealed_and_are_not_revisions_or_audit_events(store, plan):
    plan.save_draft("section:vision", "My vision", {"vision": "Secret dream"})
    assert "Secret" not in repr(store.db.execute_sql("SELECT * FROM draft").fetchall())
    assert plan.section_history("vision") == []
    events = store.db.execute_sql("SELECT event FROM audit_event").fetchall()
    assert events == [("plan_created",)]
    plan.discard_draft("section:vision")
    assert plan.drafts() == []


@pytest.mark.parametrize("place", ["", "nowhere:1", "section:", "x" * 300])
def test_a_draft_needs_a_known_place(plan, place):
    with pytest.raises(InputError):
        plan.save_draft(place, "label", {"a": "b"})


# ----------------------------------------------------------------------------
# What changed lately


def test_changes_since_counts_what_the_person_did(plan):
    goal = plan.add_goal("Find work")
    steps = [plan.add_step(goal.id, specific=f"Step {n}") for n in range(3)]
    plan.complete_step(steps[0].id)
    at(60 * 24 * 10)
    plan.complete_step(steps[1].id)
    plan.complete_goal(goal.id)
    plan.save_section("crisis", {"warning_signs": "Words"})
    plan.save_section("vision", {"vision": "Words"})
    since = (TEST_NOW + timedelta(days=5)).date()
    changes = plan.changes_since(since)
    assert (changes.goals_done, changes.steps_done) == (1, 1)
    assert changes.sections == ("vision", "crisis")
    assert plan.changes_since(TEST_NOW.date()).steps_done == 2


def test_steps_done_by_week_oldest_first(plan):
    goal = plan.add_goal("Find work")
    for days_ago in (0, 1, 8, 8, 50, 60):
        clock.set_now(TEST_NOW - timedelta(days=days_ago))
        plan.complete_step(plan.add_step(goal.id, specific="x").id)
    clock.set_now(TEST_NOW)
    assert plan.steps_done_by_week(weeks=8) == [1, 0, 0, 0, 0, 0, 2, 2]  # 60 days ago is out
    assert plan.steps_done_by_week(weeks=8, goal_id=goal.id + 99) == [0] * 8


def test_a_step_done_on_a_later_day_than_today_counts_this_week(plan):
    """The clock set back (or a file from a machine whose clock ran ahead) must
    not break the overview's chart."""
    goal = plan.add_goal("Find work")
    clock.set_now(TEST_NOW + timedelta(days=3))
    plan.complete_step(plan.add_step(goal.id, specific="x").id)
    clock.set_now(TEST_NOW)

    assert plan.steps_done_by_week(weeks=4) == [0, 0, 0, 1]
