"""Check-ins (each due step: done, not yet or changed, with an optional note,
kept with the date) and where the guided walkthrough stopped."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import peewee
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from tests.conftest import TEST_NOW, TEST_PIN, all_rows, open_test_store
from tui.content.guide import GUIDE_KEYS
from tui.demo import create_demo
from tui.store import (
    InputError, NotFoundError, clock, create_person, migrations, models as m, sign_in,
)
from tui.store.text import SHORT_LIMIT

TODAY = TEST_NOW.date()


def days(n: int) -> None:
    clock.set_now(TEST_NOW + timedelta(days=n))


@pytest.fixture
def due(plan):
    """A goal with two steps due on the test day or before, and one due later."""
    goal = plan.add_goal("Find a place to live")
    late = plan.add_step(goal.id, specific="Look at rentals", when="2026-11-20")
    today = plan.add_step(goal.id, specific="Call 3 places", when="2026-11-26")
    later = plan.add_step(goal.id, specific="Visit one", when="2026-12-10")
    return late, today, later


# -- which steps a check-in goes through ---------------------------------------


def test_the_steps_due_today_or_before_and_not_done_are_checked_soonest_first(plan, due):
    late, today, _ = due
    assert [s.id for _, s in plan.steps_to_check_in()] == [late.id, today.id]
    plan.complete_step(late.id)
    assert [s.id for _, s in plan.steps_to_check_in()] == [today.id]


def test_a_step_checked_today_is_not_asked_again_today_but_is_tomorrow(plan, due):
    late, today, _ = due
    plan.check_in_step(late.id, "not_yet")
    assert [s.id for _, s in plan.steps_to_check_in()] == [today.id]
    days(1)
    assert [s.id for _, s in plan.steps_to_check_in()] == [late.id, today.id]


def test_a_plan_with_nothing_due_has_nothing_to_check(plan):
    goal = plan.add_goal("Quit smoking")
    plan.add_step(goal.id, specific="Buy patches", when="in 3 days")
    plan.add_step(goal.id, specific="No date yet")
    assert plan.steps_to_check_in() == []


# -- keeping a check-in --------------------------------------------------------


def test_done_marks_the_step_done_today_and_not_yet_keeps_it_open_with_a_note(plan, due):
    late, today, _ = due
    first = plan.check_in_step(late.id, "done")
    assert first.held_on == TODAY
    kept = plan.check_in_step(today.id, "not_yet", "My phone was cut off", check_in_id=first.id)
    assert kept.id == first.id
    assert [(o.step_id, o.outcome, o.note) for o in kept.outcomes] == [
        (late.id, "done", ""), (today.id, "not_yet", "My phone was cut off")]
    assert kept.count("done") == 1 and kept.count("not_yet") == 1
    steps = {s.id: s for s in plan.steps(late.goal_id)}
    assert steps[late.id].done and steps[late.id].done_on == TODAY
    assert not steps[today.id].done


def test_a_step_moved_before_its_outcome_keeps_the_new_date(plan, due):
    _, today, _ = due
    plan.edit_step(today.id, when="2026-12-04")
    kept = plan.check_in_step(today.id, "changed")
    assert kept.outcomes[0].due_date == date(2026, 12, 4)
    assert plan.steps_to_check_in()[0][1].id != today.id


def test_checking_a_step_again_in_the_same_check_in_replaces_its_outcome(plan, due):
    late, _, _ = due
    first = plan.check_in_step(late.id, "done", "easy")
    again = plan.check_in_step(late.id, "not_yet", "I was wrong", check_in_id=first.id)
    assert [(o.outcome, o.note) for o in again.outcomes] == [("not_yet", "I was wrong")]
    assert not plan.steps(late.goal_id)[0].done  # no longer done


def test_each_check_in_is_kept_with_its_date_newest_first_a_history_that_grows(plan, due):
    late, today, _ = due
    plan.check_in_step(late.id, "not_yet")
    days(7)
    plan.check_in_step(late.id, "done")
    days(14)
    plan.check_in_step(today.id, "done")
    history = plan.check_ins()
    assert [c.held_on for c in history] == [TODAY + timedelta(days=14), TODAY + timedelta(days=7), TODAY]
    assert [c.outcomes[0].outcome for c in history] == ["done", "done", "not_yet"]
    assert [c.held_on for c in plan.check_ins(limit=1)] == [TODAY + timedelta(days=14)]
    assert plan.check_in(history[2].id) == history[2]


def test_the_words_stay_in_the_history_after_the_step_and_goal_are_gone(plan, due):
    late, today, _ = due
    kept = plan.check_in_step(late.id, "not_yet", "Too tired")
    plan.edit_step(late.id, specific="Look at rentals online")
    plan.delete_step(late.id)
    (outcome,) = plan.check_in(kept.id).outcomes
    assert (outcome.step_id, outcome.step_text, outcome.goal_text, outcome.note) == (
        None, "Look at rentals", "Find a place to live", "Too tired")
    plan.check_in_step(today.id, "done", check_in_id=kept.id)
    plan.delete_goal(today.goal_id)
    assert [o.step_id for o in plan.check_in(kept.id).outcomes] == [None, None]


def test_the_steps_done_since_a_check_in_leave_out_those_done_at_it(plan, due):
    late, today, later = due
    kept = plan.check_in_step(late.id, "done")
    assert plan.steps_done_since(kept) == []
    plan.complete_step(today.id)
    days(3)
    plan.complete_step(later.id)
    assert [s.id for _, s in plan.steps_done_since(kept)] == [today.id, later.id]


def test_wrong_outcomes_notes_and_other_peoples_steps_are_refused(store, plan, due):
    late, _, _ = due
    with pytest.raises(InputError):
        plan.check_in_step(late.id, "maybe")
    with pytest.raises(InputError):
        plan.check_in_step(late.id, "done", "x" * (SHORT_LIMIT + 1))
    other = create_person(store, "Alex", TEST_PIN)
    with pytest.raises(NotFoundError):
        other.check_in_step(late.id, "done")
    mine = plan.check_in_step(late.id, "done")
    goal = other.add_goal("Mine")
    step = other.add_step(goal.id, specific="x", when="today")
    with pytest.raises(NotFoundError):
        other.check_in_step(step.id, "done", check_in_id=mine.id)
    assert other.check_ins() == [] and len(plan.check_ins()) == 1
    assert plan.check_ins()[0].outcomes[0].outcome == "done"


def test_a_check_in_is_recorded_in_the_audit_trail_without_its_words(store, plan, due):
    plan.check_in_step(due[0].id, "not_yet", "Private words")
    events = [(e.event, e.detail) for e in m.AuditEvent.select().order_by(m.AuditEvent.id.desc()).limit(1)]
    assert events == [("changed", "check-in")]


def test_the_note_and_the_words_are_sealed_in_the_rows(store, plan, due):
    plan.check_in_step(due[0].id, "not_yet", "Zanzibarian landlord")
    plan.check_in_step(due[1].id, "done")
    stored = repr(all_rows(store.db))
    for words in ("Zanzibarian", "Look at rentals", "Find a place"):
        assert words not in stored


@pytest.mark.sqlite_only("a SQLite file's bytes")
def test_the_note_and_the_words_are_sealed_on_disk(store, plan, due):
    plan.check_in_step(due[0].id, "not_yet", "Zanzibarian landlord")
    plan.check_in_step(due[1].id, "done")
    store.db.execute_sql("PRAGMA wal_checkpoint(FULL)")
    data = store.path.read_bytes()
    for words in (b"Zanzibarian", b"Look at rentals", b"Find a place"):
        assert words not in data
    rows = m.CheckInOutcome.select()
    assert all(row.note and row.step_words and row.goal_words for row in rows)  # sealed, not blank


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(note=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=SHORT_LIMIT),
       specific=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=SHORT_LIMIT))
def test_any_note_comes_back_exactly_after_signing_in_again(databases, note, specific):
    clock.set_now(TEST_NOW)
    location = databases.new()
    store = open_test_store(location)
    try:
        plan = create_person(store, "Sam", TEST_PIN)
        step = plan.add_step(plan.add_goal("A goal").id, specific=specific, when="today")
        plan.check_in_step(step.id, "not_yet", note)
    finally:
        store.close()
    store = open_test_store(location)
    try:
        (outcome,) = sign_in(store, "Sam", TEST_PIN).check_ins()[0].outcomes
        assert (outcome.note, outcome.step_text) == (note, specific)
    finally:
        store.close()
        databases.drop(location)


def test_the_demo_plan_has_two_steps_due_a_week_on(store):
    plan = create_demo(store)
    clock.set_now(datetime(2026, 12, 3, 10, 0))
    assert [s.specific for _, s in plan.steps_to_check_in()] == [
        "Look for rentals online, Craigslist too", "List possible rentals and call about them"]


# -- where the walkthrough stopped ---------------------------------------------


def test_the_walkthrough_place_is_kept_per_person(store, plan):
    assert plan.guide_place() is None
    plan.keep_guide_place("dream")
    days(1)
    plan.keep_guide_place("rank")
    other = create_person(store, "Alex", TEST_PIN)
    assert other.guide_place() is None
    place = sign_in(store, "Sam", TEST_PIN).guide_place()
    assert (place.step, place.finished, place.updated_at) == ("rank", False, TEST_NOW + timedelta(days=1))
    plan.keep_guide_place("reminders", finished=True)
    assert plan.guide_place().finished


def test_the_walkthrough_place_is_one_of_its_steps(plan):
    assert len(GUIDE_KEYS) == 11  # the guide's parts, long-term goals and triggers included
    assert {"long_goals", "triggers"} <= set(GUIDE_KEYS)
    for key in GUIDE_KEYS:
        assert plan.keep_guide_place(key).step == key
    with pytest.raises(InputError):
        plan.keep_guide_place("nowhere")
    assert plan.guide_place().step == GUIDE_KEYS[-1]


def test_deleting_a_plan_removes_its_check_ins_and_walkthrough_place(store, plan, due):
    plan.check_in_step(due[0].id, "not_yet", "note")
    plan.keep_guide_place("goals")
    plan.delete(TEST_PIN)
    for model in (m.CheckIn, m.CheckInOutcome, m.GuideProgress):
        assert model.select().count() == 0


# -- the schema ------------------------------------------------------------------


def test_version_5_is_the_sql_peewee_would_write_for_the_new_models(tmp_path):
    database = peewee.SqliteDatabase(str(tmp_path / "x.sqlite3"))
    expected = []
    for model in (m.GuideProgress, m.CheckIn, m.CheckInOutcome):
        with database.bind_ctx([model], bind_refs=False, bind_backrefs=False):
            context = database.get_sql_context()
            expected.append(context.sql(model._schema._create_table(safe=False)).query()[0])
            for index in model._schema._create_indexes(safe=False):
                expected.append(database.get_sql_context().sql(index).query()[0])
    assert migrations._V5 == expected


def test_version_5_on_postgresql_is_the_sql_peewee_would_write_there():
    database = peewee.PostgresqlDatabase("plans")  # no connection: only SQL is written
    expected = []
    for model in (m.GuideProgress, m.CheckIn, m.CheckInOutcome):
        with database.bind_ctx([model], bind_refs=False, bind_backrefs=False):
            expected.append(database.get_sql_context().sql(
                model._schema._create_table(safe=False)).query()[0])
            for index in model._schema._create_indexes(safe=False):
                expected.append(database.get_sql_context().sql(index).query()[0])
    assert migrations._V5_PG == expected


def test_a_version_4_database_is_upgraded_with_its_plans_kept(db_location):
    store = open_test_store(db_location)
    plan = create_demo(store)
    store.db.execute_sql('DROP TABLE "sign_in_check"')  # version 6's, undone first
    store.db.execute_sql('ALTER TABLE "person" DROP COLUMN "language_sealed"')
    store.db.execute_sql('DROP TABLE "check_in_outcome"')
    store.db.execute_sql('DROP TABLE "check_in"')
    store.db.execute_sql('DROP TABLE "guide_progress"')
    store.db.execute_sql('UPDATE "schema_info" SET "version" = 4')
    store.close()

    store = open_test_store(db_location)
    try:
        assert store.schema_version() == migrations.LATEST >= 5
        assert store.check()[0]
        plan = sign_in(store, "Demo", "975310")
        clock.set_now(datetime(2026, 12, 3, 10, 0))
        (goal, step), _ = plan.steps_to_check_in()
        assert plan.check_in_step(step.id, "done").outcomes[0].goal_text == goal.text
    finally:
        store.close()
