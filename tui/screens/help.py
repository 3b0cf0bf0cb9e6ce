"""Help (F1): every key of the screen underneath, then the keys that work everywhere."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Static


def key_label(app, key: str) -> str:
    return ", ".join(app.get_key_display(Binding(k.strip(), "")) for k in key.split(","))


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,q", "close", "Close help", id="help_close")]

    def __init__(self, underneath: Screen):
        super().__init__()
        self.underneath = underneath

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog help"):
            yield Static(self._keys())
        yield Footer()

    def _keys(self) -> Text:
        text = Text("Keys on this screen\n", style="bold")
        for source in (self.underneath, self.app):
            if source is self.app:
                text.append("\nKeys that work everywhere\n", style="bold")
            for binding in getattr(source, "BINDINGS", []):
                if isinstance(binding, Binding) and binding.description:
                    words = binding.tooltip or binding.description
                    text.append(f"  {key_label(self.app, binding.key):<14} {words}\n")
        text.append(f"  {'Tab':<14} next part of the screen\n")
        text.append(f"  {'Ctrl+P':<14} command palette: find any action by name\n")
        return text

    def action_close(self) -> None:
        self.dismiss()
