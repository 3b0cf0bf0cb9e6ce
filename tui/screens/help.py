"""Help (F1): every key of the screen underneath, then the keys that work everywhere."""

from __future__ import annotations

from rich.text import Text
from textual.actions import parse as parse_action
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from tui.i18n import N_, _
from tui.widgets.footer import Footer


def key_label(app, key: str) -> str:
    return ", ".join(app.get_key_display(Binding(k.strip(), "")) for k in key.split(","))


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,q", "close", N_("Close help"), id="help_close")]

    def __init__(self, underneath: Screen):
        super().__init__()
        self.underneath = underneath

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog help"):
            yield Static(self._keys())
        yield Footer()

    def _keys(self) -> Text:
        # Key descriptions are written in English at class definition and
        # translated here, in the language in effect when help opens.
        text = Text(_("Keys on this screen") + "\n", style="bold")
        for binding in getattr(self.underneath, "BINDINGS", []):
            if isinstance(binding, Binding) and binding.description:
                words = _(binding.tooltip or binding.description)
                text.append(f"  {key_label(self.app, self.app.keys_for(binding)):<22} {words}\n")
        text.append("\n" + _("Keys that work everywhere (the last one when no field has focus)") + "\n",
                    style="bold")
        app_bindings = [b for b in self.app.BINDINGS if isinstance(b, Binding)]
        plain = {b.id.removesuffix("_key"): self.app.keys_for(b)
                 for b in app_bindings if b.id and b.id.endswith("_key")}
        for binding in app_bindings:
            if binding.id and binding.id.endswith("_key"):
                continue
            if not self._listed(binding, app_bindings):
                continue
            keys = key_label(self.app, self.app.keys_for(binding))
            if binding.id in plain:
                keys += ", " + key_label(self.app, plain[binding.id])
            text.append(f"  {keys:<22} {_(binding.tooltip or binding.description)}\n")
        text.append(f"  {'Tab, Shift+Tab':<22} {_('next or previous part of the screen')}\n")
        text.append(f"  {'Esc':<22} {_('back, or cancel')}\n")
        text.append(f"  {'Ctrl+P':<22} {_('command palette: find any screen or action by name')}\n")
        return text

    def _listed(self, binding: Binding, app_bindings: list[Binding]) -> bool:
        """Of the app's keys bound twice (F12 locks, or before sign-in clears what was
        typed; Ctrl+Q quits, or on a kiosk signs out), the one that works now, if any."""
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
