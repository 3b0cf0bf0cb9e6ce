"""Text fields with a steady cursor: a blinking one redraws twice a second,
which is wasted bytes over a slow SSH link and motion on a kiosk screen."""

from __future__ import annotations

from textual.reactive import reactive
from textual.widgets import Input


class TextInput(Input):
    cursor_blink = reactive(False, init=False)
