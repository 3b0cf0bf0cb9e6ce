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



def wrapped(text: Text, width: int, max_lines: int) -> Text:
    """`text` (one line) wrapped at words to `width` columns, on at most
    `max_lines` lines: for a table cell that must not cut a person's words
    short. Words beyond the last line are left out and the line ends in "…";
    the screen shows them whole elsewhere (the selected row in full)."""
    plain = text.plain
    if text.cell_len <= width and "\n" not in plain and plain == plain.rstrip():
        return text  # fits as it is: most cells do, and wrapping costs more than the rest of a row
    lines = list(text.wrap(_measuring_console(), max(width, 1), justify="left", overflow="fold"))
    for line in lines:
        line.rstrip()
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        if last.cell_len > width - 1:
            last.truncate(width - 1)
            last.rstrip()
        last.append("…", style=last.style)
    return Text("\n").join(lines) if lines else Text("")


_console = None


def _measuring_console():
    """A console only for measuring and wrapping (never printed to)."""
    global _console
    if _console is None:
        from rich.console import Console

        # A height too, or rich asks the terminal for its size at every wrap.
        _console = Console(width=80, height=25, legacy_windows=False, color_system=None)
    return _console
