"""A list that takes the room the widgets around it leave."""

from __future__ import annotations

from textual.widgets import DataTable


def fit_rows(table: DataTable, at_least: int = 4) -> None:
    """Let `table` (styled `height: 1fr` in its column) be as tall as its rows
    and header, up to the room the column's other widgets leave: a long list
    scrolls inside itself and never pushes what comes after it off the
    screen, and a short one leaves no gap (1fr alone would fill the room).
    Call it whenever the rows change. The room is found by the layout itself,
    in the same pass that places the rest (measuring it after one layout
    made the screen lay out and draw twice)."""
    rows = sum(row.height for row in table.rows.values())
    if table.show_header:
        rows += table.header_height
    table.styles.max_height = rows
    table.styles.min_height = min(at_least, rows)
