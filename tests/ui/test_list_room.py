"""A long list (goals, steps, contacts) scrolls inside itself and leaves what
comes after it on the screen, whole; a short one leaves no gap under it. The
room is found in the same layout as the rest, so a long list is sized and
drawn once."""

from __future__ import annotations


from tests.conftest import TEST_PIN
from tests.ui.helpers import settle, signed_in
from tui.screens.goals import GoalTable
from tui.widgets.footer import Footer


def on_screen(app) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def above_the_keys(app, selector: str) -> bool:
    """The widget is shown whole between the top of the screen and the key bar."""
    region = app.screen.query_one(selector).region
    return region.height > 0 and region.y >= 0 and region.bottom <= app.screen.query_one(Footer).region.y


async def test_a_long_goal_list_leaves_the_long_term_goals_and_the_detail_on_screen(store, plan):
    for number in range(1, 41):
        plan.add_goal(f"Short goal {number}", "short")
    for number in range(1, 4):
        plan.add_goal(f"Long goal {number}", "long")
    async with signed_in(store, "Sam", TEST_PIN) as (app, pilot):
        await pilot.press("f3")
        await settle(pilot)
        short = app.screen.query_one("#short-goals")
        assert above_the_keys(app, "#short-goals") and short.max_scroll_y > 0  # the rest scrolls
        assert above_the_keys(app, "#long-goals") and above_the_keys(app, "#goal-detail")
        assert app.screen.query_one("#long-goals").region.height == 1 + 3  # header and its rows
        assert "Long goal 3" in on_screen(app)
        assert short.region.height >= 4


async def test_a_short_goal_list_leaves_no_gap(store, plan):
    plan.add_goal("Short goal 1", "short")
    plan.add_goal("Short goal 2", "short")
    plan.add_goal("Long goal 1", "long")
    async with signed_in(store, "Sam", TEST_PIN) as (app, pilot):
        await pilot.press("f3")
        await settle(pilot)
        short = app.screen.query_one("#short-goals")
        assert short.region.height == 1 + 2 and short.max_scroll_y == 0
        long_title = app.screen.query_one("#long-title")
        assert long_title.region.y == short.region.bottom + long_title.styles.margin.top


async def test_a_long_list_of_steps_leaves_the_step_fields_on_screen(store, plan):
    goal = plan.add_goal("A goal with many steps", "short")
    for number in range(1, 31):
        plan.add_step(goal.id, specific=f"Step {number}", when="in 5 days")
    async with signed_in(store, "Sam", TEST_PIN) as (app, pilot):
        await pilot.press("f3", "f4")
        await settle(pilot)
        assert above_the_keys(app, "#steps") and app.screen.query_one("#steps").max_scroll_y > 0
        assert above_the_keys(app, "#step-editor")


async def test_a_long_list_of_contacts_leaves_the_detail_on_screen(store, plan):
    for number in range(1, 31):
        plan.add_contact(f"Person {number}", phone=f"555-01{number:02d}")
    async with signed_in(store, "Sam", TEST_PIN) as (app, pilot):
        await pilot.press("f5", "c")
        await settle(pilot)
        assert above_the_keys(app, "#contacts") and app.screen.query_one("#contacts").max_scroll_y > 0
        assert above_the_keys(app, "#contact-detail")
        assert "Person 1" in on_screen(app)


async def sizes_on_first_visit(store, monkeypatch, goals: int) -> list:
    """The sizes the short-term goals' table is given from F3 until the board is still."""
    from tui.store import create_person

    plan = create_person(store, f"Person with {goals} goals", TEST_PIN)
    for number in range(1, goals + 1):
        plan.add_goal(f"Goal {number}", "long" if number % 4 == 0 else "short")
    sizes = []
    original = GoalTable._size_updated  # (a DataTable's own, as a scrolling view)

    def size_updated(widget, size, *args, **kwargs):
        if widget.id == "short-goals" and widget._size != size:
            sizes.append(tuple(size))
        return original(widget, size, *args, **kwargs)

    async with signed_in(store, f"Person with {goals} goals", TEST_PIN) as (app, pilot):
        monkeypatch.setattr(GoalTable, "_size_updated", size_updated)
        await pilot.press("f3")
        await settle(pilot)
        await pilot.pause()
        monkeypatch.setattr(GoalTable, "_size_updated", original)
    return sizes


async def test_the_goal_lists_get_their_room_in_the_first_layout(store, monkeypatch):
    """Sized once: measured after a first layout instead, a long list was laid
    out over the whole board, drawn, then shrunk, and all under it drawn again."""
    assert len(await sizes_on_first_visit(store, monkeypatch, 60)) == 1
    assert len(await sizes_on_first_visit(store, monkeypatch, 2)) == 1
