"""The baseline for sign-in to the crisis plan: the least any sign-in to a
screen can do. The same keys work the same way (name, F5, PIN, Enter), and the
PIN goes through the same key derivation (Argon2id at the app's cost, in a
thread, as the app does), then a new screen shows one line, "My crisis plan".
No database, no decryption, no plan to lay out."""

import sys
from pathlib import Path

from argon2.low_level import Type, hash_secret_raw
from textual import work
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tui.store.pins import KDF_COST  # noqa: E402  (only the cost: no database layer)


class PlanScreen(Screen):
    def compose(self):
        yield Header()
        yield Static("My crisis plan")
        yield Footer()


class BareSignIn(App):
    BINDINGS = [Binding("f5", "crisis_next", "Crisis plan", priority=True)]

    def compose(self):
        yield Header()
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
        self.call_from_thread(self.push_screen, PlanScreen())


if __name__ == "__main__":
    BareSignIn().run()
