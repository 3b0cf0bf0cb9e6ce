"""Putting goals in order by hand (u, d and "="), the same on the goal board
and in the walkthrough's ranking step."""

from __future__ import annotations

from textual.widgets import DataTable

from tui.i18n import _
from tui.store import Plan, StoreError

def move_among_shown(plan: Plan, order: str, shown: list[int], goal_id: int, by: int) -> None:
    """u / d: move a goal past the goal shown next to it (-1 above, 1 below),
    stepping over goals hidden between. At either end, a goal that shares its
    importance leaves the tie that way; otherwise nothing moves."""
    index = shown.index(goal_id)
    if 0 <= index + by < len(shown):
        plan.move_goal_past(goal_id, order, shown[index + by])
    elif order == "importance":
        plan.untie_goal(goal_id, up=by < 0)


def tie_with_goal_above(screen, plan: Plan, order: str, table: DataTable | None,
                        goal_id: int | None) -> bool:
    """"=": the goal shown just above the selected one and it matter the same.
    Only importance has ties; the timeline is one goal to a place. True when tied."""
    if table is None or goal_id is None:
        return False
    if order != "importance":
        screen.notify(_("Only importance can be shared. Press s to sort by importance first."),
                      markup=False)
        return False
    shown = [int(row.key.value) for row in table.ordered_rows]
    index = shown.index(goal_id)
    if index == 0:
        screen.notify(_("This goal is at the top: there is no goal above it to match."), markup=False)
        return False
    try:
        plan.tie_goal(goal_id, shown[index - 1])
    except StoreError as error:
        screen.notify(error.message, severity="error", markup=False)
        return False
    return True
