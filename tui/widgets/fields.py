"""Text fields for a slow link and a shared screen.

- A steady cursor: a blinking one redraws twice a second, which is wasted bytes
  over SSH and motion on a kiosk screen.
- Enter can move on to the next field at once. Keys typed ahead (a fast typist,
  or keys arriving in one burst over SSH) were already sent to this field before
  the focus moved; they are passed on to the field that now has focus, so a PIN
  typed right after a name never lands, visible, in the name field.
"""

from __future__ import annotations

from textual import events
from textual.reactive import reactive
from textual.widgets import Input


class TextInput(Input):
    cursor_blink = reactive(False, init=False)

    def __init__(self, *args, advance_on_enter: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.advance_on_enter = advance_on_enter

    async def _on_key(self, event: events.Key) -> None:
        focused = self.screen.focused
        if focused is not None and focused is not self:
            event.stop()
            event.prevent_default()
            focused.post_message(events.Key(event.key, event.character))
            return
        if event.key == "enter" and self.advance_on_enter:
            event.stop()
            event.prevent_default()
            self.screen.focus_next()
            self.post_message(self.Submitted(self, self.value))
            return
        await super()._on_key(event)
