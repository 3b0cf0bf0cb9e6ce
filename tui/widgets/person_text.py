"""The one way a person's words reach the screen: as plain Text, never markup,
with control characters and escape sequences shown as harmless symbols."""

from __future__ import annotations

import re

from rich.text import Text

from tui.store.text import displayable, one_line


def person_text(text: str, style: str = "") -> Text:
    """A person's text (or a message quoting it) ready for a Static or Label."""
    return Text(displayable(text), style=style)


def person_line(text: str, style: str = "") -> Text:
    """Like person_text, on one line: for table cells, titles and lists."""
    return Text(one_line(text), style=style)


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def fill(template: str, style: str = "", **parts: Text | str) -> Text:
    """An app text (already translated) with Texts put in its {placeholders}:
    a person's words (from person_line or person_text) or a styled piece such
    as a due date. The template's own words take `style`; each part keeps its own.

        fill(_("Steps toward: {goal}"), "bold", goal=person_line(goal.text))
    """
    text = Text()
    position = 0
    for match in _PLACEHOLDER.finditer(template):
        if match.start() > position:
            text.append(template[position:match.start()], style=style)
        part = parts[match.group(1)]
        if isinstance(part, Text):
            text.append_text(part)
        else:
            text.append(part, style=style)
        position = match.end()
    if position < len(template):
        text.append(template[position:], style=style)
    return text
