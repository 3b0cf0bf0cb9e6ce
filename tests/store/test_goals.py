"""Goals: adding, editing, ordering (importance and timeline), completing, deleting."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from tests.conftest import TEST_NOW, TEST_PIN, open_test_store
from tui.store import InputError, NotFoundError, create_person
from tui.store.text import SHORT_LIMIT


def orders(plan, term="short"):
    """{goal id: (importance, timeline)} for one term."""
    return {g.id: (g.importance, g.timeline) for g in plan.goals(term)}


def ids_by(plan, term, order):
    return [g.id for g in sorted(plan.goals(term), key=lambda g: getattr(g, order))]


def assert_dense(plan):
    for term in ("short", "long"):
        goals = plan.goals(term)
        n = len(goals)
        assert sorted(g.importance for g in goals) == list(range(1, n + 1))
        assert sorted(g.timeline for g in goals) == list(range(1, n + 1))


def add_goals(plan, *texts, term="short"):
    return [plan.add_goal(text, term) for text in texts]


def test_add_goal_goes_to_the_end_of_both_orders(plan):
    a, b, c = add_goals(plan, "Find a place", "Get a job", "Call my brother")
    assert (a.importance, a.timeline) == (1, 1)
    assert (c.importance, c.timeline) == (3, 3)
    assert [g.text for g in plan.goals("short")] == ["Find a place", "Get a job", "Call my brother"]
    assert plan.goal(b.id).text == "Get a job"
    assert plan.goal(b.id).status == "active" and not plan.goal(b.id).done


def test_terms_are_numbered_separately(plan):
    add_goals(plan, "a", "b")
    (long_goal,) = add_goals(plan, "GED", term="long")
    assert (long_goal.importance, long_goal.timeline) == (1, 1)
    assert [g.term for g in plan.goals()] == ["short", "short", "long"]
    assert [g.text for g in plan.goals("long")] == ["GED"]


def test_edit_goal_text_and_target_date(plan):
    (goal,) = add_goals(plan, "Find a place")
    plan.edit_goal(goal.id, text="Find a safe place", target_date=date(2027, 3, 1))
    assert plan.goal(goal.id).text == "Find a safe place"
    assert plan.goal(goal.id).target_date == date(2027, 3, 1)
    plan.edit_goal(goal.id, text="Find a safe place!")  # target date kept
    assert plan.goal(goal.id).target_date == date(2027, 3, 1)
    plan.edit_goal(goal.id, target_date=None)
    assert plan.goal(goal.id).target_date is None
    assert plan.goal(goal.id).text == "Find a safe place!"


def test_move_in_one_order_leaves_the_other(plan):
    a, b, c = add_goals(plan, "a", "b", "c")
    plan.move_goal(c.id, "importance", -2)
    assert ids_by(plan, "short", "importance") == [c.id, a.id, b.id]
    assert ids_by(plan, "short", "timeline") == [a.id, b.id, c.id]
    plan.move_goal(a.id, "timeline", 1)
    assert ids_by(plan, "short", "timeline") == [b.id, a.id, c.id]
    assert ids_by(plan, "short", "importance") == [c.id, a.id, b.id]
    assert_dense(plan)


def test_move_clamps_at_the_ends(plan):
    a, b, c = add_goals(plan, "a", "b", "c")
    moved = plan.move_goal(b.id, "importance", -10)
    assert moved.importance == 1
    moved = plan.move_goal(b.id, "importance", 99)
    assert moved.importance == 3
    assert ids_by(plan, "short", "importance") == [a.id, c.id, b.id]
    assert plan.move_goal(b.id, "importance", 1).importance == 3  # already last
    assert_dense(plan)


def test_move_by_an_unknown_order_is_refused(plan):
    (a,) = add_goals(plan, "a")
    with pytest.raises(InputError):
        plan.move_goal(a.id, "alphabet", 1)


def test_changing_term_moves_to_the_end_and_closes_the_gap(plan):
    a, b, c = add_goals(plan, "a", "b", "c")
    (x,) = add_goals(plan, "x", term="long")
    plan.move_goal(c.id, "timeline", -2)  # short timeline: c a b
    moved = plan.edit_goal(a.id, term="long")
    assert moved.term == "long"
    assert (moved.importance, moved.timeline) == (2, 2)
    assert ids_by(plan, "long", "importance") == [x.id, a.id]
    assert ids_by(plan, "short", "importance") == [b.id, c.id]
    assert ids_by(plan, "short", "timeline") == [c.id, b.id]
    assert_dense(plan)


def test_edit_with_the_same_term_keeps_positions(plan):
    a, b = add_goals(plan, "a", "b")
    plan.edit_goal(a.id, term="short")
    assert orders(plan) == {a.id: (1, 1), b.id: (2, 2)}


def test_unknown_term_is_refused(plan):
    with pytest.raises(InputError):
        plan.add_goal("a", "medium")
    (a,) = add_goals(plan, "a")
    with pytest.raises(InputError):
        plan.edit_goal(a.id, term="medium")
    assert plan.goal(a.id).term == "short"


def test_delete_closes_gaps_and_removes_steps(plan):
    a, b, c = add_goals(plan, "a", "b", "c")
    plan.move_goal(a.id, "timeline", 2)  # timeline: b c a
    step = plan.add_step(b.id, specific="Call about rentals")
    plan.delete_goal(b.id)
    assert orders(plan) == {a.id: (1, 2), c.id: (2, 1)}
    with pytest.raises(NotFoundError):
        plan.goal(b.id)
    with pytest.raises(NotFoundError):
        plan.edit_step(step.id, specific="gone")
    assert plan.steps_due(date(2100, 1, 1)) == []
    with pytest.raises(NotFoundError):
        plan.delete_goal(b.id)


def test_complete_sets_today_and_uncomplete_clears(plan):
    (a,) = add_goals(plan, "a")
    done = plan.complete_goal(a.id)
    assert done.done and done.status == "done"
    assert done.done_on == TEST_NOW.date()
    assert plan.goal(a.id).done_on == TEST_NOW.date()
    undone = plan.complete_goal(a.id, done=False)
    assert not undone.done and undone.done_on is None
    assert plan.goal(a.id).done_on is None


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "x" * (SHORT_LIMIT + 1)])
def test_bad_goal_text_is_refused_and_nothing_changes(plan, text):
    (a,) = add_goals(plan, "keep me")
    with pytest.raises(InputError):
        plan.add_goal(text)
    with pytest.raises(InputError):
        plan.edit_goal(a.id, text=text, term="long")
    assert [(g.text, g.term, g.importance, g.timeline) for g in plan.goals()] == [
        ("keep me", "short", 1, 1)]


def test_goal_at_the_limit_is_kept(plan):
    goal = plan.add_goal("x" * SHORT_LIMIT)
    assert plan.goal(goal.id).text == "x" * SHORT_LIMIT


def test_another_persons_goal_is_not_found(store, plan):
    other = create_person(store, "Alex", TEST_PIN)
    (theirs,) = add_goals(other, "their goal")
    (mine,) = add_goals(plan, "my goal")
    for call in (
        lambda: plan.goal(theirs.id),
        lambda: plan.edit_goal(theirs.id, text="mine now"),
        lambda: plan.move_goal(theirs.id, "importance", 1),
        lambda: plan.complete_goal(theirs.id),
        lambda: plan.delete_goal(theirs.id),
        lambda: plan.add_step(theirs.id, specific="sneak"),
        lambda: plan.steps(theirs.id),
    ):
        with pytest.raises(NotFoundError):
            call()
    assert [g.text for g in plan.goals()] == ["my goal"]
    assert [(g.text, g.status) for g in other.goals()] == [("their goal", "active")]
    assert other.steps(theirs.id) == []
    assert plan.goal(mine.id).text == "my goal"


# ----------------------------------------------------------------------------
# Any sequence of changes keeps both orders dense and independent.

operations = st.lists(
    st.one_of(
        st.tuples(st.just("add"), st.sampled_from(["short", "long"])),
        st.tuples(st.just("move"), st.integers(0, 20), st.sampled_from(["importance", "timeline"]),
                  st.integers(-6, 6)),
        st.tuples(st.just("delete"), st.integers(0, 20)),
        st.tuples(st.just("term"), st.integers(0, 20)),
    ),
    min_size=4,
    max_size=30,
)


def positions(plan, order):
    return {g.id: getattr(g, order) for g in plan.goals()}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=operations)
def test_random_changes_keep_orders_dense(databases, ops):
    location = databases.new()
    store = open_test_store(location)
    try:
        plan = create_person(store, "Sam", TEST_PIN)
        # The expected orders: term -> order -> goal ids, first to last.
        model = {t: {"importance": [], "timeline": []} for t in ("short", "long")}
        term_of: dict[int, str] = {}
        for op in ops:
            ids = sorted(term_of)
            if op[0] == "add":
                goal = plan.add_goal(f"goal {len(ids)}", op[1])
                term_of[goal.id] = op[1]
                for order in model[op[1]].values():
                    order.append(goal.id)
            elif not ids:
                continue
            elif op[0] == "move":
                _, index, order, by = op
                goal_id = ids[index % len(ids)]
                other = "timeline" if order == "importance" else "importance"
                before = positions(plan, other)
                plan.move_goal(goal_id, order, by)
                assert positions(plan, other) == before
                line = model[term_of[goal_id]][order]
                at = line.index(goal_id)
                line.insert(min(max(at + by, 0), len(line) - 1), line.pop(at))
            elif op[0] == "delete":
                goal_id = ids[op[1] % len(ids)]
                plan.delete_goal(goal_id)
                for line in model[term_of.pop(goal_id)].values():
                    line.remove(goal_id)
            else:
                goal_id = ids[op[1] % len(ids)]
                new_term = "long" if term_of[goal_id] == "short" else "short"
                plan.edit_goal(goal_id, term=new_term)
                for line in model[term_of[goal_id]].values():
                    line.remove(goal_id)
                for line in model[new_term].values():
                    line.append(goal_id)
                term_of[goal_id] = new_term
            assert_dense(plan)
            for term in ("short", "long"):
                for order in ("importance", "timeline"):
                    assert ids_by(plan, term, order) == model[term][order]
    finally:
        store.close()
        databases.drop(location)


# ----------------------------------------------------------------------------
# Ties in importance: the guide's own table ranks quitting smoking and a better
# job both 4. The timeline stays one goal to a place.


def importance_of(plan, *goals):
    now = {g.id: g.importance for g in plan.goals()}
    return [now[g.id] for g in goals]


def test_two_goals_can_share_an_importance(plan):
    a, b, c, d = add_goals(plan, "a", "b", "c", "d")
    plan.tie_goal(d.id, c.id)
    assert importance_of(plan, a, b, c, d) == [1, 2, 3, 3]
    assert [g.timeline for g in plan.goals()] == [1, 2, 3, 4]  # the timeline is untouched
    added = plan.add_goal("e")
    assert (added.importance, added.timeline) == (4, 5)  # after the tie, no gap
    assert [g.text for g in sorted(plan.goals(), key=lambda g: g.place("importance"))] == [
        "a", "b", "c", "d", "e"]  # a tie comes in timeline order


def test_moving_passes_a_tie_whole_and_a_tied_goal_moved_leaves_its_tie(plan):
    a, b, c, d = add_goals(plan, "a", "b", "c", "d")
    plan.tie_goal(c.id, b.id)  # a 1, b c 2, d 3
    plan.move_goal(d.id, "importance", -1)  # d passes the tie b c whole
    assert importance_of(plan, a, b, c, d) == [1, 3, 3, 2]
    plan.move_goal(c.id, "importance", -1)  # c was shown after b: it passes b and leaves the tie
    assert importance_of(plan, a, b, c, d) == [1, 4, 3, 2]
    plan.tie_goal(b.id, c.id)
    plan.move_goal(b.id, "importance", 1)  # b, last of the tie b c by time, goes below c: no gap
    assert importance_of(plan, a, b, c, d) == [1, 4, 3, 2]


def test_a_tie_moved_down_from_first_place_and_the_ends(plan):
    a, b, c = add_goals(plan, "a", "b", "c")
    plan.tie_goal(b.id, a.id)  # a b 1, c 2
    plan.move_goal(a.id, "importance", 1)  # a passes b: b 1, a 2, c 3
    assert importance_of(plan, a, b, c) == [2, 1, 3]
    plan.tie_goal(c.id, a.id)  # b 1, a c 2
    plan.move_goal(c.id, "importance", 5)  # last already, so it leaves its tie: below a
    assert importance_of(plan, a, b, c) == [2, 1, 3]
    plan.tie_goal(a.id, b.id)  # a b 1, c 2
    plan.move_goal(a.id, "importance", -1)  # first already: a leaves its tie, above b
    assert importance_of(plan, a, b, c) == [1, 2, 3]
    assert plan.move_goal(b.id, "importance", -3).importance == 1  # already first


def test_deleting_or_moving_a_goal_out_of_its_term_keeps_the_other_ties(plan):
    a, b, c, d = add_goals(plan, "a", "b", "c", "d")
    plan.tie_goal(d.id, c.id)
    plan.delete_goal(a.id)
    assert importance_of(plan, b, c, d) == [1, 2, 2]
    plan.edit_goal(b.id, term="long")
    assert importance_of(plan, c, d) == [1, 1]
    assert plan.goal(b.id).importance == 1 and plan.goal(b.id).term == "long"


def test_a_tie_or_a_move_past_is_only_within_a_term(plan):
    (a,) = add_goals(plan, "a")
    (b,) = add_goals(plan, "b", term="long")
    with pytest.raises(InputError):
        plan.tie_goal(a.id, b.id)
    with pytest.raises(InputError):
        plan.move_goal_past(a.id, "importance", b.id)
    assert (plan.goal(a.id).importance, plan.goal(b.id).importance) == (1, 1)


def test_move_past_steps_over_the_goals_between(plan):
    a, b, c, d = add_goals(plan, "a", "b", "c", "d")
    plan.move_goal_past(a.id, "timeline", c.id)
    assert [g.text for g in sorted(plan.goals(), key=lambda g: g.place("timeline"))] == [
        "b", "c", "a", "d"]
    plan.tie_goal(c.id, b.id)  # b c 2
    plan.move_goal_past(d.id, "importance", a.id)  # d past b c and a, to the top: b c still tied
    assert importance_of(plan, a, b, c, d) == [2, 3, 3, 1]


tie_operations = st.lists(
    st.one_of(
        st.tuples(st.just("add"), st.just(0)),
        st.tuples(st.just("move"), st.integers(0, 20), st.integers(-4, 4)),
        st.tuples(st.just("tie"), st.integers(0, 20), st.integers(0, 20)),
        st.tuples(st.just("delete"), st.integers(0, 20)),
    ),
    min_size=4,
    max_size=25,
)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=tie_operations)
def test_random_changes_with_ties_keep_importance_dense_and_the_timeline_whole(databases, ops):
    """Against a model: importance as levels (lists of goals that share a number)."""
    location = databases.new()
    store = open_test_store(location)
    try:
        plan = create_person(store, "Sam", TEST_PIN)
        levels: list[list[int]] = []
        timeline: list[int] = []

        def shown() -> list[int]:  # importance order, a tie in timeline order
            return [g for level in levels for g in sorted(level, key=timeline.index)]

        for op in ops:
            if op[0] == "add":
                goal = plan.add_goal(f"goal {len(timeline)}")
                levels.append([goal.id])
                timeline.append(goal.id)
            elif not timeline:
                continue
            elif op[0] == "move":
                goal_id = sorted(timeline)[op[1] % len(timeline)]
                before = {g.id: g.timeline for g in plan.goals()}
                plan.move_goal(goal_id, "importance", op[2])
                assert {g.id: g.timeline for g in plan.goals()} == before
                step = -1 if op[2] < 0 else 1
                for _passed in range(abs(op[2])):
                    line = shown()
                    at = line.index(goal_id)
                    if 0 <= at + step < len(line):
                        other = line[at + step]
                    else:  # at the end: leave a tie that way, if in one
                        tied = [g for level in levels if goal_id in level for g in level if g != goal_id]
                        if not tied:
                            break
                        other = tied[0]
                    for level in levels:
                        if goal_id in level:
                            level.remove(goal_id)
                    levels[:] = [level for level in levels if level]
                    where = next(i for i, level in enumerate(levels) if other in level)
                    levels.insert(where if step < 0 else where + 1, [goal_id])
            elif op[0] == "tie":
                ids = sorted(timeline)
                goal_id, other = ids[op[1] % len(ids)], ids[op[2] % len(ids)]
                plan.tie_goal(goal_id, other)
                if not any(goal_id in level and other in level for level in levels):
                    for level in levels:
                        if goal_id in level:
                            level.remove(goal_id)
                    next(level for level in levels if other in level).append(goal_id)
                    levels[:] = [level for level in levels if level]
            else:
                goal_id = sorted(timeline)[op[1] % len(timeline)]
                plan.delete_goal(goal_id)
                timeline.remove(goal_id)
                for level in levels:
                    if goal_id in level:
                        level.remove(goal_id)
                levels[:] = [level for level in levels if level]
            goals = plan.goals("short")
            assert {g.id: g.importance for g in goals} == {
                goal_id: number for number, level in enumerate(levels, 1) for goal_id in level}
            assert sorted(g.timeline for g in goals) == list(range(1, len(goals) + 1))
            assert [g.id for g in sorted(goals, key=lambda g: g.timeline)] == timeline
            assert [g.id for g in sorted(goals, key=lambda g: g.place("importance"))] == shown()
    finally:
        store.close()
        databases.drop(location)
