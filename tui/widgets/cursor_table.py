"""A DataTable whose cursor row carries the terminal cursor (see cursor.py).

Apart from cursor.py, so the sign-in screen, whose tick boxes use the mixin,
never loads DataTable: it is the largest of Textual's widget modules."""

from __future__ import annotations

from textual.geometry import Region, Size
from textual.widgets import DataTable

from tui.widgets.cursor import CursorOnHighlight


class CursorDataTable(CursorOnHighlight, DataTable):
    """A DataTable whose cursor row carries the terminal cursor."""

    def _update_dimensions(self, new_rows) -> None:
        # DataTable measures every cell of the new rows to size columns that
        # fit their contents. Our columns are given their widths and our rows
        # their heights, so with no such column or row left, nothing measured
        # would be used: a goal board of 200 goals measured 1,000 cells for
        # nothing on its way to the screen. The table's size is all that's left.
        if (self.rows and not self._labelled_row_exists
                and not any(column.auto_width for column in self.columns.values())
                and not any(self.rows[key].auto_height for key in new_rows if key in self.rows)):
            header = self.header_height if self.show_header else 0
            self.virtual_size = Size(sum(column.get_render_width(self) for column in self.columns.values()),
                                     self._total_row_height + header)
            return
        super()._update_dimensions(new_rows)

    def highlighted_region(self) -> Region | None:
        if self.row_count == 0 or self.cursor_type == "none":
            return None
        row = self._get_row_region(self.cursor_row)
        return row if row.height else None
