"""Every box a person can type in can be seen: on the Linux console (16 colours,
its own fonts) and with NO_COLOR, where a field told apart only by a background
colour is a blank line with nothing that looks typeable.

A field counts as seen when the screen draws a frame around it (characters on
its top and bottom edges), a line under it, or underlines its whole line:
none needs colour. The Linux console shows underlining as a colour, which a
blank can't show: there the line must be drawn (low lines after the words).
Each field is checked focused (after the person moves into it) and not.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from textual.widgets import Input, TextArea

from tests.ui.helpers import settle, shown
from tui.app import RecoveryPlanApp
from tui.config import Config
from tui.demo import create_demo
from tui.store import clock

A_WEEK_ON = datetime(2026, 12, 3, 10, 0)  # the demo's first steps are due: a check-in

# name, whether to sign in first, keys
PLACES = [
    ("sign-in", False, []),
    ("new plan", False, ["ctrl+n"]),
    ("forgot PIN", False, ["f8"]),
    ("vision and strengths", True, ["v"]),
    ("add a goal", True, ["f3", "a"]),
    ("step editor", True, ["f3", "down", "f4"]),
    ("crisis editor", True, ["f5", "e"]),
    ("pocket plan editor", True, ["f5", "o", "e"]),
    ("add a contact", True, ["f5", "c", "a"]),
    ("save the card", True, ["f5", "s"]),
    ("toolkit", True, ["f6"]),
    ("reminders", True, ["r"]),
    # Every step of the walkthrough but the 6th (ranking, no fields).
    *((f"walkthrough step {n}", True, ["b", *["pagedown"] * (n - 1)])
      for n in (1, 2, 3, 4, 5, 7, 8, 9, 10, 11)),
    ("check-in, done", True, ["k", "d"]),
    ("check-in, not yet", True, ["k", "n"]),
]

TERMINALS = {
    "linux-console": ({"TERM": "linux"}, {}),
    "no-color": ({"TERM": "xterm-256color", "NO_COLOR": "1"}, {}),
    "console-underlines": ({"TERM": "linux"}, {"display": {"fields": "underlines"}}),
}


def screen_cells(app) -> list[list[tuple[str, object]]]:
    """The screen as drawn: a row of (character, style) for each line."""
    rows = []
    for strip in app.screen._compositor.render_strips():
        row = []
        for segment in strip:
            row.extend((character, segment.style) for character in segment.text)
        rows.append(row)
    return rows


def marked(line, x: int, on_console: bool) -> bool:
    """Whether the cell at x shows: a character, the cursor, or an underlined blank.
    The Linux console shows underlining as a colour, so there an underlined blank
    counts only between words."""
    character, style = line[x]
    if character != " " or (style is not None and style.reverse):
        return True
    if style is None or not style.underline:
        return False
    if not on_console:
        return True
    text = "".join(ch for ch, _ in line)
    if x in (0, len(text) - 1):  # a gap between words at the edge of a scrolled line
        return len(text) > 1 and text[1 if x == 0 else -2] != " "
    return bool(text[:x].strip()) and bool(text[x:].strip())


def seen(app, field, on_console: bool) -> str | None:
    """None when the field has a frame or an underlined line; else what is wrong."""
    region, clip = app.screen._compositor.visible_widgets[field]
    cells = screen_cells(app)

    def drawn(y: int) -> bool:
        return any(ch != " " for ch, _ in cells[y][region.x:region.right])

    if region.height >= 3 and drawn(region.y) and drawn(region.bottom - 1):
        return None
    if region.height >= 2 and drawn(region.bottom - 1) and field.styles.border_bottom[0]:
        return None  # a line under the box
    content = field.content_region
    line = cells[content.y][content.x:content.right]
    if line and all(marked(line, x, on_console) for x in range(len(line))):
        return None
    return (f"{field!r} at {region} has no frame and no underline: "
            f"{''.join(ch for ch, _ in cells[region.y][region.x:region.right])!r}")


def fully_shown(app, field) -> bool:
    found = app.screen._compositor.visible_widgets.get(field)
    return found is not None and found[1].contains_region(found[0])


@pytest.mark.parametrize("terminal", TERMINALS)
@pytest.mark.parametrize("place, sign_in_first, keys", PLACES, ids=[p[0] for p in PLACES])
async def test_every_field_can_be_seen(store, monkeypatch, terminal, place, sign_in_first, keys):
    environment, raw = TERMINALS[terminal]
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    if "NO_COLOR" not in environment:
        monkeypatch.delenv("NO_COLOR", raising=False)
    create_demo(store)
    clock.set_now(A_WEEK_ON)
    app = RecoveryPlanApp(store, Config(raw=raw))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        if sign_in_first:
            await pilot.press(*"Demo", "enter", *"975310", "enter")
            await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)
        fields = [field for field in app.screen.query("Input, TextArea") if shown(field)]
        assert fields, f"no field on the {place} screen"
        console = environment["TERM"] == "linux"
        problems = [seen(app, field, console) for field in fields if fully_shown(app, field)]
        for name in app.screen.query("Input#name"):
            name.value = name.value or "Demo"  # the boxes after a name take keys once it is typed
        for field in fields:
            field.focus()
            field.scroll_visible(animate=False)
            await settle(pilot)
            assert app.screen.focused is field
            problems.append(seen(app, field, console))
        problems = [problem for problem in problems if problem]
        assert not problems, "\n".join(problems)
