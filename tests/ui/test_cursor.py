"""The terminal cursor rides on the highlighted row of a list or table, also
after the list scrolls, and comes back to it when the list gets focus again."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Input

from tui.widgets.cursor import CursorOptionList
from tui.widgets.cursor_table import CursorDataTable


class Lists(App):
    CSS = "CursorOptionList, CursorDataTable { height: 8; }"

    def compose(self) -> ComposeResult:
        yield Input(id="field")
        yield CursorOptionList(*[f"option {n}" for n in range(30)], id="options")
        yield CursorDataTable(cursor_type="row", id="table")

    def on_mount(self) -> None:
        table = self.query_one(CursorDataTable)
        table.add_column("row")
        for n in range(30):
            table.add_row(f"row {n}")


def row_on_screen(app, y: int) -> str:
    """The words drawn on the screen's line `y`."""
    return "".join(segment.text for segment in app.screen._compositor.render_strips()[y])


async def test_the_cursor_follows_an_option_list_as_it_scrolls():
    app = Lists()
    async with app.run_test(size=(40, 30)) as pilot:
        await pilot.press("tab")  # from the field to the option list
        assert app.focused.id == "options"
        await pilot.pause()
        for n in range(12):
            await pilot.pause()
            assert f"option {n} " in row_on_screen(app, app.cursor_position.y) + " "
            await pilot.press("down")


async def test_the_cursor_follows_a_table_and_comes_back_with_the_focus():
    app = Lists()
    async with app.run_test(size=(40, 30)) as pilot:
        await pilot.press("tab", "tab")
        assert app.focused.id == "table"
        for _ in range(10):
            await pilot.press("down")
        await pilot.pause()
        assert "row 10 " in row_on_screen(app, app.cursor_position.y) + " "
        await pilot.press("tab", "tab")  # to the field, then the options
        await pilot.pause()
        assert "option 0" in row_on_screen(app, app.cursor_position.y)
        await pilot.press("tab")
        await pilot.pause()
        assert "row 10 " in row_on_screen(app, app.cursor_position.y) + " "
