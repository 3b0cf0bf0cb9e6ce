"""Moving every plan into another database (tui.store.move): all of it or
nothing, and the counts of each table checked in both."""

from __future__ import annotations

import pytest

from tests.conftest import TEST_PIN, open_test_store, site_key_of
from tui.store import DatabaseError, create_person, move, sign_in


@pytest.fixture
def center(tmp_path):
    """A center's SQLite file with two plans."""
    path = tmp_path / "center.sqlite3"
    store = open_test_store(path)
    sam = create_person(store, "Sam", TEST_PIN)
    goal = sam.add_goal("Find a place to live")
    sam.add_step(goal.id, specific="Call the housing office", when="tomorrow")
    sam.save_section("crisis", {"warning_signs": "I stop sleeping"})
    create_person(store, "Alex", TEST_PIN).add_reminder("One day at a time")
    store.close()
    return path


def test_a_count_that_differs_undoes_the_whole_copy(center, db_location, monkeypatch):
    counted = move._counts

    def miscounted(store):
        counts = counted(store)
        if store.where != str(center) and counts["goal"]:  # the target, once copied into
            counts["goal"] += 1  # as if a row went astray on the way
        return counts

    monkeypatch.setattr(move, "_counts", miscounted)
    with pytest.raises(DatabaseError, match="the copy was undone"):
        move.move_plans(str(center), str(db_location), site_key=site_key_of(db_location))
    monkeypatch.undo()
    target = open_test_store(db_location, site_key_path=site_key_of(db_location)
                             or center.with_name(center.name + ".site-key"))
    try:
        assert target.db.execute_sql("SELECT COUNT(*) FROM person").fetchone()[0] == 0
    finally:
        target.close()


def test_a_failure_half_way_leaves_the_target_empty_and_a_second_try_works(center, db_location,
                                                                          monkeypatch):
    from tui.store.models import Reminder

    original = Reminder.insert_many

    def broken(*args, **kwargs):
        raise DatabaseError("The disk is full (a test).")

    monkeypatch.setattr(Reminder, "insert_many", broken)
    with pytest.raises(DatabaseError, match="disk is full"):
        move.move_plans(str(center), str(db_location), site_key=site_key_of(db_location))
    monkeypatch.setattr(Reminder, "insert_many", original)
    moved = move.move_plans(str(center), str(db_location), site_key=site_key_of(db_location))
    assert moved.counts["person"] == 2 and moved.counts["reminder"] == 1
    target = open_test_store(db_location, site_key_path=site_key_of(db_location)
                             or center.with_name(center.name + ".site-key"))
    try:
        plan = sign_in(target, "Sam", TEST_PIN)
        (goal,) = plan.goals()
        assert goal.text == "Find a place to live"
        assert plan.goal(goal.id).next_step.specific == "Call the housing office"
        assert plan.section("crisis").fields["warning_signs"] == "I stop sleeping"
        assert [r.text for r in sign_in(target, "Alex", TEST_PIN).reminders()] == ["One day at a time"]
        assert create_person(target, "Kim", TEST_PIN).person_id == 3  # no number used twice
    finally:
        target.close()
