"""Giving one widget of a column the room the others leave."""

from __future__ import annotations

from textual import events
from textual.containers import Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static


def fit_to_room(flexible: Widget, column: Widget, at_least: int = 4) -> None:
    """Cap `flexible`'s height at what `column` has left once its other shown
    children have theirs, so a long list scrolls inside itself and never pushes
    what comes after it off the screen. (A height of 1fr would fill the room
    even when the list is short, leaving a gap on a tall screen.) Call it once
    the other children have their sizes: after a refresh, and when one of them
    changes size (SizeChanged)."""
    others = sum(child.outer_size.height + child.styles.margin.height
                 for child in column.children if child is not flexible and child.display)
    room = max(at_least, column.content_size.height - others - flexible.styles.margin.height)
    current = flexible.styles.max_height
    if current is None or current.value != room:
        flexible.styles.max_height = room


class SizeChanged(Message):
    """A widget beside a list changed its size: the list's room may change."""


class ReportsSize:
    """Mixed into a widget: it says when its size changes (SizeChanged)."""

    def on_resize(self, event: events.Resize) -> None:
        self.post_message(SizeChanged())


class SizedStatic(ReportsSize, Static):
    """A Static that says when its size changes (it grows with its text)."""


class SizedVertical(ReportsSize, Vertical):
    """A Vertical that says when its size changes."""
