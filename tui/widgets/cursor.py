"""The terminal's cursor follows the highlighted row of a list or table.

Console screen readers (espeakup/speakup, Fenrir) and braille displays
(brltty) read the line where the terminal's cursor is. Textual moves the
cursor only for text fields; on a list it stays where the last field left it,
so a reader would speak a stale line while Down moves the highlight.

`CursorOnHighlight` is mixed into each focusable list, table and tick box: while
it has focus, every time it is drawn (a new highlight, a scroll, a resize) it
puts `app.cursor_position` at the start of the highlighted row. Textual sends
that position to the terminal at the end of the same frame.
"""

from __future__ import annotations

from textual.geometry import Offset, Region
from textual.strip import Strip
from textual.widgets import OptionList


class CursorOnHighlight:
    """Mix in before the widget class: `class CursorOptionList(CursorOnHighlight, OptionList)`."""

    def highlighted_region(self) -> Region | None:
        """The highlighted row in the widget's own scrolled content; None: nothing is.
        By default the whole widget is one row (a tick box, a choice)."""
        return Region(0, 0, self.size.width, 1)

    def place_terminal_cursor(self) -> None:
        if not self.has_focus or not self.is_mounted or self.screen is not self.app.screen:
            return  # (a screen under a dialog is drawn too, but the dialog has the cursor)
        row = self.highlighted_region()
        if row is None:
            return
        area = self.scrollable_content_region
        y = area.y + row.y - round(self.scroll_y)
        if not area.y <= y < area.bottom:  # scrolled out of sight: the next frame has it
            return
        self.app.cursor_position = Offset(area.x, y)

    def render_lines(self, crop: Region) -> list[Strip]:
        lines = super().render_lines(crop)
        self.place_terminal_cursor()
        return lines

    def on_focus(self) -> None:
        self.refresh()  # drawn again, so the cursor comes here in the next frame


class CursorOptionList(CursorOnHighlight, OptionList):
    """An OptionList whose highlighted option carries the terminal cursor."""

    def highlighted_region(self) -> Region | None:
        if self.highlighted is None:
            return None
        self._update_lines()
        line = self._index_to_line.get(self.highlighted)
        return None if line is None else Region(0, line, self.size.width, 1)
