"""The baseline for sign-in to the crisis plan: a bare Textual app that does
what any sign-in to that screen must. The same keys work the same way (name,
F5, PIN, Enter), the PIN goes through the same key derivation (Argon2id at
the app's cost, in a thread, as the app does), then a new screen shows the
same crisis plan text: its title, the plan in a scrolling Static, a Footer.

Like the app, it loads a database layer at the first key, in a thread (peewee
on the SQLite file named by BARE_DB, without PostgreSQL drivers, and
AES-GCM), and after the key derivation reads one row and decrypts the plan
text; its screen shows what the app's crisis plan screen shows of the demo
plan (title, the lines above the plan, the plan, the same keys in the
Footer), read from the JSON file named by BARE_CRISIS_TEXT. That is the least a sign-in to an encrypted plan
must do, and the libraries it must load: the time and memory beside the
app's are the app's own overhead (its modes, screens, store and plan)."""

import json
import os
import sys
import threading
from pathlib import Path

from argon2.low_level import Type, hash_secret_raw
from rich.text import Text
from textual import events, work
from textual.app import App
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tui.store.pins import KDF_COST  # noqa: E402  (only the cost: no database layer)


class PlanScreen(Screen):
    """The crisis plan as the app's screen shows it: its title, the lines above
    the plan, the plan in a scrolling Static, a Footer with the same keys."""

    def __init__(self, shown: dict, text: str):
        super().__init__()
        self.shown, self.text = shown, text
        for key, description in shown["keys"]:
            self._bindings.bind(key, f"nothing('{key}')", description)

    def compose(self):
        yield Static(Text(self.shown["title"], style="bold"))
        yield Static(Text(self.shown["progress"]))
        yield Static(Text(self.shown["quick"]))
        with VerticalScroll():
            yield Static(Text(self.text))
        yield Footer()

    def action_nothing(self, key: str):
        pass


class BareSignIn(App):
    BINDINGS = [Binding("f5", "crisis_next", "Crisis plan", priority=True)]

    def __init__(self):
        super().__init__()
        self.shown = json.loads(Path(os.environ["BARE_CRISIS_TEXT"]).read_text(encoding="utf-8"))
        self.text = self.shown["text"]
        self.database = None
        self.loaded = threading.Event()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and self.database is None and not self.loaded.is_set():
            self.database = "loading"
            self.load_database()
        await super().on_event(event)

    @work(thread=True)
    def load_database(self):
        for driver in ("psycopg", "psycopg2", "psycopg2cffi", "pymysql", "MySQLdb"):
            sys.modules.setdefault(driver, None)
        import peewee
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        self.database = peewee.SqliteDatabase(os.environ["BARE_DB"])
        self.database.connect()
        self.key = AESGCM.generate_key(bit_length=256)
        self.sealed = AESGCM(self.key).encrypt(b"\0" * 12, self.text.encode(), None)
        self.loaded.set()

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
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        self.loaded.wait()
        hash_secret_raw(pin.encode(), b"sixteen byte salt", time_cost=KDF_COST.passes,
                        memory_cost=KDF_COST.memory_kib, parallelism=KDF_COST.lanes,
                        hash_len=32, type=Type.ID)
        self.database.execute_sql("SELECT naloxone_where FROM overdose_plan LIMIT 1").fetchone()
        text = AESGCM(self.key).decrypt(b"\0" * 12, self.sealed, None).decode()
        self.call_from_thread(self.push_screen, PlanScreen(self.shown, text))


if __name__ == "__main__":
    BareSignIn().run()
