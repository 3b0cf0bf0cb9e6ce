"""The baseline for sign-in to the crisis plan: a bare Textual app that does
what any sign-in to that screen must. The same keys work the same way (name,
F5, PIN, Enter), the PIN goes through the same key derivation (Argon2id at
the app's cost, in a thread, as the app does), then a new screen shows the
same crisis plan text: its title, the plan in a scrolling Static, a Footer.

The text is the demo plan's, as `recovery-plan crisis` prints it, read from
the file named by BARE_CRISIS_TEXT before the first screen (the app opens its
database then too). No database, no decryption, no modes: so the time beside
the app's is only the app's own overhead."""

import os
import sys
from pathlib import Path

from argon2.low_level import Type, hash_secret_raw
from rich.text import Text
from textual import work
from textual.app import App
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tui.store.pins import KDF_COST  # noqa: E402  (only the cost: no database layer)


class PlanScreen(Screen):
    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def compose(self):
        yield Static("My crisis plan")
        with VerticalScroll():
            yield Static(Text(self.text))
        yield Footer()


class BareSignIn(App):
    BINDINGS = [Binding("f5", "crisis_next", "Crisis plan", priority=True)]

    def __init__(self):
        super().__init__()
        self.text = Path(os.environ["BARE_CRISIS_TEXT"]).read_text(encoding="utf-8")

    def compose(self):
        yield Static("Sign in to your plan")
        yield Input(id="name")
        yield Input(id="pin", password=True)
        yield Footer()

    def action_crisis_next(self):
        self.query_one("#name").call_later(self.set_focus, self.query_one("#pin"))

    def on_input_submitted(self, event: Input.Submitted):
        if event.input.id == "name":
            self.set_focus(self.query_one("#pin"))
        else:
            self.derive(event.value)

    @work(thread=True)
    def derive(self, pin: str):
        hash_secret_raw(pin.encode(), b"sixteen byte salt", time_cost=KDF_COST.passes,
                        memory_cost=KDF_COST.memory_kib, parallelism=KDF_COST.lanes,
                        hash_len=32, type=Type.ID)
        self.call_from_thread(self.push_screen, PlanScreen(self.text))


if __name__ == "__main__":
    BareSignIn().run()
