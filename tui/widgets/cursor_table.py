"""A DataTable whose cursor row carries the terminal cursor (see cursor.py).

Apart from cursor.py, so the sign-in screen, whose tick boxes use the mixin,
never loads DataTable: it is the largest of Textual's widget modules."""

from __future__ import annotations

from textual.geometry import Region
from textual.widgets import DataTable

from tui.widgets.cursor import CursorOnHighlight


class CursorDataTable(CursorOnHighlight, DataTable):
    """A DataTable whose cursor row carries the terminal cursor."""

    def highlighted_region(self) -> Region | None:
        if self.row_count == 0 or self.cursor_type == "none":
            return None
        row = self._get_row_region(self.cursor_row)
        return row if row.height else None
