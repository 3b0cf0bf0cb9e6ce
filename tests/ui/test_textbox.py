"""Text boxes drawn after they were removed (a walkthrough page left in a burst
of keys): Textual may draw a removed box once more before the next layout."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.geometry import Region

from tui.widgets.textbox import AnswerBox, TextBox


class OneBox(App):
    def __init__(self, box: TextBox):
        super().__init__()
        self.box = box

    def compose(self) -> ComposeResult:
        yield self.box


async def test_a_removed_answer_box_draws_blank_instead_of_failing():
    box = AnswerBox("Deep breaths and a cup of tea.", id="calm")
    async with OneBox(box).run_test(size=(40, 6)) as pilot:
        await pilot.pause()
        assert "Deep breaths" in "".join(s.text for s in box.render_lines(Region(0, 0, 40, 1)))
        await box.remove()
        lines = box.render_lines(Region(0, 0, 40, 2))  # raised KeyError before
        assert [strip.text for strip in lines] == [" " * 40, " " * 40]
