"""The baseline for the goal board: a bare Textual DataTable with the board's
columns and the demo's five short-term goals, nothing else."""

from textual.app import App
from textual.widgets import DataTable, Footer

ROWS = [
    ("I want to get back in touch with my brother", "1", "3", "active", "", ""),
    ("I want to find a place to live", "2", "1", "active", "Look for rentals online, Craigslist too", "Sat 11/28"),
    ("I want to go to a naloxone training", "3", "2", "active", "", ""),
    ("I want to quit smoking", "4", "5", "active", "", ""),
    ("I want to get a better job", "5", "4", "active", "", ""),
]


class BareTable(App):
    def compose(self):
        yield DataTable(cursor_type="row")
        yield Footer()

    def on_mount(self):
        table = self.query_one(DataTable)
        for label, width in (("Goal", 25), ("Imp", 3), ("Time", 4), ("Status", 8), ("Next step", 16), ("Due", 9)):
            table.add_column(label, width=width)
        table.add_rows(ROWS)
        table.focus()


if __name__ == "__main__":
    BareTable().run()
