"""The one way a person's words reach the screen: as plain Text, never markup,
with control characters and escape sequences shown as harmless symbols."""

from __future__ import annotations

from rich.text import Text

from tui.store.text import displayable, one_line


def person_text(text: str, style: str = "") -> Text:
    """A person's text (or a message quoting it) ready for a Static or Label."""
    return Text(displayable(text), style=style)


def person_line(text: str, style: str = "") -> Text:
    """Like person_text, on one line: for table cells, titles and lists."""
    return Text(one_line(text), style=style)
