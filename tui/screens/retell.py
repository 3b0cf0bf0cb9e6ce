"""Build a screen again in the language now in effect, keeping what was typed.

Screens write the app's words when they are composed; after a language switch
the screens that stay open (sign-in, and what is open over it) are composed
again. Typed values and the focused field are carried across by widget id.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Input, TextArea


async def retell(screen: Screen) -> None:
    typed = {}
    for widget in screen.query("Input, TextArea"):
        if widget.id:
            typed[widget.id] = widget.value if isinstance(widget, Input) else widget.text
    focused = screen.focused.id if screen.focused is not None else None
    await screen.recompose()
    for widget_id, value in typed.items():
        for widget in screen.query(f"#{widget_id}"):
            if isinstance(widget, Input):
                widget.value = value
            elif isinstance(widget, TextArea):
                widget.text = value
    if focused:
        found = screen.query(f"#{focused}")
        if found:
            screen.set_focus(found.first())
