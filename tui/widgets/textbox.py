"""Multi-line fields (their own module: TextArea is slow to import, and the
sign-in screen does not need it)."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.widgets import Input, TextArea

from tui.store.text import displayable


class TextBox(TextArea):
    """A multi-line field that shows control characters as harmless symbols."""

    def get_line(self, line_index: int) -> Text:
        return Text(displayable(self.document.get_line(line_index)), end="", no_wrap=True)

    def render_lines(self, crop: Region) -> list[Strip]:
        # Textual can draw a box once more after it was removed (before the
        # screen's next layout), when its styles are already gone, and TextArea
        # then fails (Textual #6528): a page of the walkthrough left in a burst
        # of keys. A removed box is drawn blank.
        if not self.is_attached:
            return [Strip.blank(crop.width)] * crop.height
        return super().render_lines(crop)

    def on_focus(self) -> None:
        # As in a one-line field: the cursor after what is there, ready to add to
        # it; words typed into a box that holds saved words never land before them.
        self.move_cursor(self.document.end)


class AnswerBox(TextBox):
    """An answer that wraps and grows with what is typed (up to a few lines,
    then it scrolls), so a long answer can be read back whole. Enter goes on
    to the next box, as in a one-line field, and says so (Submitted); Tab too.
    Keys typed ahead after the focus moved on follow it, as in TextInput."""

    DEFAULT_CSS = """
    AnswerBox {
        height: auto;
        min-height: 1;
        max-height: 6;
        width: 1fr;
        border: none;
        padding: 0 1;
    }
    AnswerBox:focus {
        border: none;
        background: $boost;
    }
    """

    class Submitted(Message):
        def __init__(self, box: AnswerBox):
            super().__init__()
            self.box = box

        @property
        def control(self) -> AnswerBox:
            return self.box

    def __init__(self, text: str = "", **kwargs):
        kwargs.setdefault("soft_wrap", True)
        kwargs.setdefault("tab_behavior", "focus")
        kwargs.setdefault("compact", True)
        super().__init__(text, **kwargs)

    def render_line(self, y: int):
        """An underlined box (a part in a row of fields) is underlined to its end
        even while it shows its placeholder, so an empty box can be seen without
        colour (Textual draws the placeholder only as long as its words)."""
        strip = super().render_line(y)
        if y == 0 and not self.text and self.rich_style.underline:
            from rich.style import Style

            strip = strip.extend_cell_length(self.size.width, self.rich_style + Style(underline=True))
        return strip

    @property
    def value(self) -> str:
        return self.text

    @value.setter
    def value(self, text: str) -> None:
        self.load_text(text)

    async def _on_key(self, event: events.Key) -> None:
        focused = self.screen.focused
        if focused is not None and focused is not self:
            event.stop()
            event.prevent_default()
            if isinstance(focused, (Input, TextArea)) and self.screen is self.app.screen:
                focused.post_message(events.Key(event.key, event.character))
            return
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.screen.focus_next()
            self.post_message(self.Submitted(self))
            return
        await super()._on_key(event)
