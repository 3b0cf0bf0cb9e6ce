"""The baseline for the goal board: a bare Textual DataTable with what the
board shows of the demo's short-term goals (the goal and its next step,
each on up to two lines, importance, time order and due day), and under it
the highlighted goal and its next step whole, as the board shows them; nothing
else. So the bytes per cursor move beside it are the board's own overhead."""

from rich.text import Text
from textual.app import App
from textual.widgets import DataTable, Footer, Static

# goal, importance, time order, next step, due (as the demo's board has them)
GOALS = [
    ("I want to get back in touch with my brother", "1", "3", "", ""),
    ("I want to find a place to live", "2", "1", "Look for rentals online, Craigslist too", "Sat 11/28"),
    ("I want to go to a naloxone training", "3", "2", "", ""),
    ("I want to quit smoking", "4", "4", "", ""),
    ("I want to get a better job", "4", "5", "", ""),
]
NO_STEP = "No next step yet. F4 opens this goal's steps."


class BareTable(App):
    CSS = """
    DataTable { height: auto; max-height: 12; }
    #detail { height: auto; padding: 0 1; border-top: solid $primary; }
    """

    def compose(self):
        yield DataTable(cursor_type="row")
        yield Static(id="detail")
        yield Footer()

    def on_mount(self):
        table = self.query_one(DataTable)
        for label, width in (("Goal", 30), ("Imp", 3), ("Time", 4), ("Next step", 20), ("Due", 10)):
            table.add_column(label, width=width)
        for goal, importance, time_order, step, due in GOALS:
            table.add_row(Text(goal), importance, time_order, Text(step), due, height=2)
        table.focus()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        goal, _importance, _time, step, due = GOALS[event.cursor_row]
        text = Text(goal, style="bold")
        text.append("\n" + (f"Next step: {step} (by {due})" if step else NO_STEP))
        self.query_one("#detail", Static).update(text)


if __name__ == "__main__":
    BareTable().run()
