"""Text fields for a slow link and a shared screen.

- A person's words are kept exactly as typed, but shown harmlessly: a control
  character or escape sequence in a value is drawn as a symbol (␛), never sent
  to the terminal, where it could change the screen or the window title.

- The focus never selects a field's words, so a key typed next adds to them
  rather than replacing them.
- A steady cursor: a blinking one redraws twice a second, which is wasted bytes
  over SSH and motion on a kiosk screen.
- Enter can move on to the next field at once. Keys typed ahead (a fast typist,
  or keys arriving in one burst over SSH) were already sent to this field before
  the focus moved; they are passed on to the field that now has focus, so a PIN
  typed right after a name never lands, visible, in the name field.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.reactive import reactive
from textual.binding import Binding
from textual.content import Content
from textual.strip import Strip
from textual.style import Style
from textual.widgets import Checkbox, Input

from tui.console import on_console
from tui.i18n import N_
from tui.widgets.cursor import CursorOnHighlight
from tui.store.text import displayable


def _trailing_blanks(strip: Strip) -> int:
    """How many blank cells end the line (the cursor, drawn reversed, is not blank)."""
    blanks = 0
    for segment in reversed(list(strip)):
        if segment.style is not None and segment.style.reverse:
            break
        words = segment.text.rstrip(" ")
        blanks += len(segment.text) - len(words)
        if words:
            break
    return blanks


class TextInput(Input):
    cursor_blink = reactive(False, init=False)

    def __init__(self, *args, advance_on_enter: bool = False, required: bool = False, **kwargs):
        """`advance_on_enter`: Enter moves on to the next field (and still submits);
        a `required` field moves on only once something is typed in it."""
        # Saved words are never selected when the focus comes to them: a key typed
        # next would replace them all. (A suggested file name may ask for it.)
        kwargs.setdefault("select_on_focus", False)
        super().__init__(*args, **kwargs)
        self.advance_on_enter = advance_on_enter
        self.required = required

    # Tab and Shift+Tab move on here, in the field's own turn. As Textual's app
    # keys they ran only once the key had gone back up to the app, behind the
    # letters sent with it: a name, Tab and a PIN in one burst put the PIN in
    # the name box, where it shows.
    def key_tab(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        self.screen.focus_next()

    def key_shift_tab(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        self.screen.focus_previous()

    @property
    def _value(self) -> Text:
        if self.password:
            return super()._value
        # One symbol for each control character, so the cursor stays in step.
        shown = displayable(self.value).replace("\n", "\u23ce")
        return Text(shown, no_wrap=True, overflow="ignore", end="")

    def render_line(self, y: int) -> Strip:
        """An underlined field is underlined to its end, not only under its words:
        an empty field is still a line that can be seen. The Linux console shows
        underlining as a colour, which a blank does not show: there the rest of the
        line is drawn with low lines (_)."""
        strip = super().render_line(y)
        width = self.scrollable_content_region.width
        if y != 0 or not self.styles.text_style.underline:
            return strip
        if not on_console(self.app):
            return strip.extend_cell_length(width, self.rich_style)
        used = strip.cell_length - _trailing_blanks(strip)
        if used >= width:
            return strip
        return Strip([*strip.crop(0, used), Segment("_" * (width - used), self.rich_style)], width)

    async def _on_key(self, event: events.Key) -> None:
        focused = self.screen.focused
        if focused is not None and focused is not self:
            event.stop()
            event.prevent_default()
            # Only into another field of this same, active screen: a key typed
            # for a field must not act on a list or a dialog opened meanwhile.
            # Never out of a masked field into a visible one: that would show a PIN.
            if (isinstance(focused, Input) and self.screen is self.app.screen
                    and (focused.password or not self.password)):
                focused.post_message(events.Key(event.key, event.character))
            return
        if event.key == "enter" and self.advance_on_enter:
            event.stop()
            event.prevent_default()
            # Decided here, with the value as typed so far: keys typed after Enter
            # are already on their way and follow the focus.
            if self.value.strip() or not self.required:
                self.screen.focus_next()
            self.post_message(self.Submitted(self, self.value))
            return
        await super()._on_key(event)


class Tick(CursorOnHighlight, Checkbox, inherit_bindings=False):
    """A checkbox whose mark is an X when ticked and blank when not, so its state
    never rests on colour alone (16-colour consoles, NO_COLOR). Space ticks;
    Enter is left to the dialog (it saves), as in every form of the app."""

    BINDINGS = [Binding("space", "toggle_button", N_("Tick"), id="tick", show=False)]

    @property
    def _button(self) -> Content:
        button_style = self.get_visual_style("toggle--button")
        side_style = Style(foreground=button_style.background, background=self.background_colors[1])
        # Half blocks, or brackets where the console's fonts have no half blocks.
        left, right = ("[", "]") if on_console(self.app) else (self.BUTTON_LEFT, self.BUTTON_RIGHT)
        return Content.assemble(
            (left, side_style),
            ("X" if self.value else " ", button_style),
            (right, side_style),
        )


KEYS_TAKEN_WAIT = 2.0  # seconds at most: a field that stopped never holds the keyboard up


async def typed_keys_taken(screen) -> None:
    """Wait until the screen's fields have taken every key already sent to them.

    The app hands each key to the focused field's own queue and goes on. A key
    the app acts on itself (PgDn in the walkthrough, F12, an F-key that changes
    screen) would then act before the letters typed just before it had reached
    the field, and keep the words without them; Enter, sent straight to the
    field that has the focus now, could pass letters still being passed on to
    it from the field before. On a slow machine, or with keys in one burst (SSH,
    a paste, tmux), that happens: so the app lets the fields catch up first."""
    import asyncio

    for _round in range(8):  # letters passed on from one field to the next: a few rounds
        # The fields, and whatever else has the focus (the check-in's choice of
        # d, n or c: PgDn right after d must find it made), and the containers
        # a key it doesn't take goes up through on its way back to the app,
        # where Textual runs the bindings of a list or table (Down).
        focused = screen.focused
        path = [*focused.ancestors_with_self] if focused is not None else []
        busy = [node for node in {*screen.query("Input, TextArea"), *path}
                if node is not screen.app and not node._message_queue.empty()]  # noqa: SLF001
        if not busy:
            return
        loop = asyncio.get_running_loop()
        waits = []
        for node in busy:
            taken = loop.create_future()
            if node.call_later(lambda taken=taken: taken.done() or taken.set_result(None)):
                waits.append(taken)
        if not waits:
            return
        done, pending = await asyncio.wait(waits, timeout=KEYS_TAKEN_WAIT)
        if pending:
            return
