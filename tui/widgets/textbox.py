"""A multi-line field (its own module: TextArea is slow to import, and the
sign-in screen does not need it)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import TextArea

from tui.store.text import displayable


class TextBox(TextArea):
    """A multi-line field that shows control characters as harmless symbols."""

    def get_line(self, line_index: int) -> Text:
        return Text(displayable(self.document.get_line(line_index)), end="", no_wrap=True)
