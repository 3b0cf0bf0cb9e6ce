"""Help (F1): every key of the screen underneath, then the keys that work everywhere.

Laid out to be read at 80x24 without scrolling: each key in a column of its
own, its words wrapped beside it (never back under the key), and the keys that
work everywhere in two columns where there is room."""

from __future__ import annotations

import textwrap

from rich.text import Text
from textual.actions import parse as parse_action
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from tui.i18n import N_, _
from tui.widgets.footer import Footer

TWO_COLUMNS_FROM = 64  # columns of text; narrower, the keys that work everywhere are one list


def key_label(app, key: str) -> str:
    return ", ".join(app.get_key_display(Binding(k.strip(), "")) for k in key.split(","))


def key_rows(rows: list[tuple[str, str]], width: int) -> Text:
    """Keys and what they do, the words wrapped beside the keys."""
    column = min(max((len(keys) for keys, _words in rows), default=0), 16) + 2
    text = Text()
    for keys, words in rows:
        lines = textwrap.wrap(words, max(width - column - 2, 20)) or [""]
        text.append(f"  {keys:<{column}}", style="bold")
        text.append(lines[0] + "\n")
        for line in lines[1:]:
            text.append(" " * (column + 2) + line + "\n")
    return text


def key_grid(rows: list[tuple[str, str]], width: int) -> Text:
    """Short keys in two columns, read down the first then the second; words too
    long for their column wrap inside it."""
    if width < TWO_COLUMNS_FROM:
        return key_rows(rows, width)
    column = max(len(keys) for keys, _words in rows) + 1
    half = width // 2
    words_width = half - column - 2
    left, right = rows[:(len(rows) + 1) // 2], rows[(len(rows) + 1) // 2:]
    text = Text()
    for index, (keys, words) in enumerate(left):
        cells = [(keys, textwrap.wrap(words, words_width) or [""])]
        if index < len(right):
            cells.append((right[index][0], textwrap.wrap(right[index][1], words_width) or [""]))
        for line in range(max(len(lines) for _keys, lines in cells)):
            for cell, (keys, lines) in enumerate(cells):
                text.append(f"  {keys if line == 0 else '':<{column}}", style="bold")
                words = lines[line] if line < len(lines) else ""
                text.append(f"{words:<{words_width}}" if cell == 0 else words)
            text.append("\n")
    return text


class KeysText(Static):
    """The help's words, laid out for the width it has."""

    def __init__(self, screen_keys: list[tuple[str, str]], everywhere: list[tuple[str, str]]):
        super().__init__()
        self.screen_keys, self.everywhere = screen_keys, everywhere

    def render(self) -> Text:
        width = self.content_size.width or 72
        text = Text(_("Keys on this screen") + "\n", style="bold")
        text.append_text(key_rows(self.screen_keys, width))
        text.append("\n" + _("Keys that work everywhere (the last one when no field has focus)") + "\n",
                    style="bold")
        text.append_text(key_grid(self.everywhere, width))
        text.rstrip()
        return text


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,q", "close", N_("Close help"), id="help_close")]

    def __init__(self, underneath: Screen):
        super().__init__()
        self.underneath = underneath

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="keys-help", classes="dialog help"):
            yield KeysText(self._screen_keys(), self._everywhere())
        yield Footer()

    def _screen_keys(self) -> list[tuple[str, str]]:
        # Key descriptions are written in English at class definition and
        # translated here, in the language in effect when help opens.
        return [(key_label(self.app, self.app.keys_for(binding)), _(binding.tooltip or binding.description))
                for binding in getattr(self.underneath, "BINDINGS", [])
                if isinstance(binding, Binding) and binding.description]

    def _everywhere(self) -> list[tuple[str, str]]:
        """The app's keys by their short names (as in the key bar), then moving about."""
        app_bindings = [b for b in self.app.BINDINGS if isinstance(b, Binding)]
        plain = {b.id.removesuffix("_key"): self.app.keys_for(b)
                 for b in app_bindings if b.id and b.id.endswith("_key")}
        rows = []
        for binding in app_bindings:
            if binding.id and binding.id.endswith("_key"):
                continue
            if not self._listed(binding, app_bindings):
                continue
            keys = key_label(self.app, self.app.keys_for(binding))
            if binding.id in plain:
                keys += ", " + key_label(self.app, plain[binding.id])
            rows.append((keys, _(binding.description)))
        rows.append((_("Tab, Shift+Tab"), _("Move between parts")))
        rows.append(("esc", _("Back, or cancel")))
        rows.append(("^p", _("Find any action")))
        return rows

    def _listed(self, binding: Binding, app_bindings: list[Binding]) -> bool:
        """Of the app's keys bound twice (F12 locks, or before sign-in clears what was
        typed; Ctrl+Q quits, or on a kiosk signs out; F10 to the other language),
        the one that works now, if any."""
        twins = [b for b in app_bindings
                 if self.app.keys_for(b) == self.app.keys_for(binding) and not (b.id or "").endswith("_key")]
        if len(twins) == 1:
            return True
        working = [b for b in twins if self._works(b)]
        return bool(working) and binding is working[0]

    def _works(self, binding: Binding) -> bool:
        _, action, parameters = parse_action(binding.action)
        return bool(self.app.check_action(action, parameters))

    def action_close(self) -> None:
        self.dismiss()
