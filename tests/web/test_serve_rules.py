"""The rules of `recovery-plan serve` without a browser: who the door lets in, the
keys the app uses in a browser, what a browser app process is started with, and
files delivered as downloads."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path
from types import SimpleNamespace

from textual.binding import Binding
from textual.dom import DOMNode

import tui
from tui.app import RecoveryPlanApp
from tui.config import Config
from tui.demo import create_demo
from tui.screens.crisis import CrisisScreen, SaveCardDialog
from tui.screens.help import HelpScreen
from tui.screens.signin import SignInScreen
from tui.web.keys import BROWSER_KEEPS, browser_keymap, split_keys
from tui.web.server import PER_ADDRESS_WINDOW, Door, app_command, origin_of

from tests.ui.helpers import screen_text, sign_in


def test_origins_are_compared_by_scheme_host_and_port():
    assert origin_of("HTTPS://Plans.Example.org:443/") == "https://plans.example.org"
    assert origin_of("http://127.0.0.1:8000/ws") == "http://127.0.0.1:8000"
    assert origin_of("http://[::1]:8000") == "http://[::1]:8000"
    door = Door(["https://plans.example.org"], max_sessions=2, per_address=5)
    assert door.origin_allowed("https://plans.example.org")
    assert not door.origin_allowed("http://plans.example.org")  # not the TLS page
    assert not door.origin_allowed("https://plans.example.org.evil.example")
    assert not door.origin_allowed("https://plans.example.org:8443")
    assert not door.origin_allowed(None)  # no Origin: not a page of ours
    assert not door.origin_allowed("null")


def test_the_cap_counts_sessions_until_they_end():
    door = Door([], max_sessions=2, per_address=10)
    door.started("10.0.0.5")
    assert not door.full()
    door.started("10.0.0.6")
    assert door.full()
    door.ended("10.0.0.5")
    assert not door.full()


def test_new_sessions_from_one_address_are_limited_for_a_minute():
    door = Door([], max_sessions=100, per_address=3)
    for second in range(3):
        assert not door.too_many_from("10.0.0.5", now=1000.0 + second)
        door.started("10.0.0.5", now=1000.0 + second)
    assert door.too_many_from("10.0.0.5", now=1003.0)
    assert not door.too_many_from("10.0.0.6", now=1003.0)  # another computer
    assert not door.too_many_from("10.0.0.5", now=1000.0 + PER_ADDRESS_WINDOW + 0.5)


def test_a_browser_keymap_drops_the_keys_a_browser_keeps():
    bindings = [Binding("f3,ctrl+n", "go('goals')", id="goals"),
                Binding("f6,ctrl+t", "go('toolkit')", id="toolkit"),
                Binding("f2,ctrl+o", "go('overview')", id="overview")]
    # Where one binding of a class changes, all of its bindings are given, in order.
    assert browser_keymap([bindings], {}) == {"goals": "f3", "toolkit": "f6", "overview": "f2,ctrl+o"}
    assert browser_keymap([bindings[2:]], {}) == {}
    # A site's own keys too; a site that left only a browser key gets the app's others.
    assert browser_keymap([bindings], {"goals": "ctrl+n", "overview": "f2,ctrl+w"}) == {
        "goals": "f3", "toolkit": "f6", "overview": "f2"}


def _bindings_everywhere():
    for module in pkgutil.walk_packages(tui.__path__, "tui."):
        if module.name != "tui.__main__" and not module.name.startswith("tui.store"):
            importlib.import_module(module.name)
    seen = set()
    stack = [DOMNode]
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if cls.__module__.startswith("tui.") and cls not in seen:
            seen.add(cls)
            for binding in cls.__dict__.get("BINDINGS", []):
                if isinstance(binding, Binding):
                    yield cls, binding


def test_every_key_a_browser_keeps_has_another_key_and_is_in_the_browser_keymap():
    covered = {binding.id for binding in [*RecoveryPlanApp.BINDINGS, *SignInScreen.BINDINGS]}
    for cls, binding in _bindings_everywhere():
        keys = split_keys(binding.key)
        if BROWSER_KEEPS & set(keys):
            assert set(keys) - BROWSER_KEEPS, f"{cls.__name__}: {binding.action} has only {keys}"
            assert binding.id in covered, f"{cls.__name__}: {binding.id} is not in the browser keymap"


def test_the_app_for_a_browser_is_a_kiosk_and_gets_the_database_in_its_environment(tmp_path):
    config = Config(database="postgresql://plans:secret@db.example/plans")
    config.language_option, config.idle_lock_option = "es", 120
    argv, environment = app_command(config)
    assert argv[1:] == ["-m", "tui", "--kiosk", "--lang", "es", "--idle-lock", "120"]
    assert not any("secret" in part for part in argv)
    assert environment["RECOVERY_PLAN_DB"] == "postgresql://plans:secret@db.example/plans"
    relative = Config(database="plans.sqlite3")
    assert app_command(relative)[1]["RECOVERY_PLAN_DB"].startswith("/")


class BrowserApp(RecoveryPlanApp):
    in_browser = True  # as under textual-serve's web driver
    CSS_PATH = Path(tui.__file__).with_name("app.tcss")


def footer(app) -> list[tuple[str, str]]:
    """(action, first key) of each key the footer shows, in order."""
    shown: dict[str, str] = {}
    for _, binding, enabled, _ in app.screen.active_bindings.values():
        if binding.show and enabled:
            shown.setdefault(binding.action, binding.key)
    return list(shown.items())


async def test_in_a_browser_the_keys_shown_are_keys_a_browser_lets_through(store):
    terminal_app = RecoveryPlanApp(store)
    async with terminal_app.run_test(size=(80, 24)):
        at_a_terminal = footer(terminal_app)
    app = BrowserApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        shown = footer(app)
        assert ("new_plan", "f2") in shown
        assert not any(key in ("ctrl+n", "ctrl+t", "ctrl+w") for _, key in shown)
        assert shown == at_a_terminal  # the same keys, in the same order
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        help_text = screen_text(app)
        assert "f2 " in help_text  # keys as the footer names them: f2, ^r
        assert "^n" not in help_text and "^t" not in help_text
        assert "f3, 3 " in help_text and "f6, 6 " in help_text
        await pilot.press("escape", "f2")
        assert "Start your plan" in screen_text(app)
        # The keys bound twice (F10 to either language, F12, Ctrl+Q) still work.
        await pilot.press("escape", *"Sam", "f12")
        assert app.screen.query_one("#name").value == ""
        await pilot.press("f10")
        assert "Entra a tu plan" in screen_text(app)
        await pilot.press("f10")
        assert "Sign in to your plan" in screen_text(app)


async def test_at_a_terminal_help_names_both_keys_for_a_new_plan(store):
    app = RecoveryPlanApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        help_text = screen_text(app)
        assert "f2, ^n " in help_text and "f3, ^n, 3 " in help_text
        await pilot.press("escape", "ctrl+n")
        assert "Start your plan" in screen_text(app)


async def test_in_a_browser_the_card_is_delivered_and_not_written_on_the_server(
        store, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    create_demo(store)
    delivered = []
    app = BrowserApp(store)

    def deliver_binary(file, **options):
        delivered.append((file.read(), options))
        return "key"

    app.deliver_binary = deliver_binary
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot, "Demo", "975310")
        await pilot.press("f5", "s")
        assert isinstance(app.screen, SaveCardDialog)
        assert app.screen.query_one("#card-path").value == "pocket-card.pdf"
        # A folder typed in front of the name is not a place on the server.
        await pilot.press("ctrl+u", *"/etc/card.txt", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CrisisScreen)
    [(data, options)] = delivered
    assert options["save_filename"] == "card.txt"
    assert options["mime_type"] == "text/plain"
    assert "front pocket of my backpack" in data.decode("utf-8")
    assert list(tmp_path.rglob("card*")) == []


def test_a_refusal_page_is_plain_and_says_why():
    from tui.web.server import GuardedServer

    server = GuardedServer(["true"], {}, host="127.0.0.1", port=8000, public_url=None,
                           max_sessions=1, per_address=5)
    server.door.started("10.0.0.5")
    request = SimpleNamespace(remote="10.0.0.9", headers={})
    status, title, words = server.refusal(request)
    assert status == 503 and "All places are in use" == title and "988" in words
    page = server.plain_page(status, title, "<script>")
    assert page.status == 503 and "&lt;script&gt;" in page.text and "<script" not in page.text


async def test_help_names_the_keys_a_site_chose(store):
    config = Config(raw={"keys": {"goals": "f3,ctrl+b"}})
    app = RecoveryPlanApp(store, config=config)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        help_text = screen_text(app)
        assert "f3, ^b, 3 " in help_text and "f3, ^n" not in help_text


async def test_in_a_browser_the_check_in_summary_is_delivered_as_a_pdf(store, tmp_path, monkeypatch):
    from datetime import datetime

    from tests.ui.helpers import settle
    from tui.screens.checkin import CheckInScreen, SaveSummaryDialog
    from tui.store import clock

    monkeypatch.setenv("HOME", str(tmp_path))
    create_demo(store)
    clock.set_now(datetime(2026, 12, 3, 10, 0))  # a week on: the demo's steps are due
    delivered = []
    app = BrowserApp(store)
    app.deliver_binary = lambda file, **options: delivered.append((file.read(), options))
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot, "Demo", "975310")
        await pilot.press("k", "d", "pagedown")
        await settle(pilot)
        await pilot.press("n", "pagedown")
        await settle(pilot)
        await pilot.press("s")
        assert isinstance(app.screen, SaveSummaryDialog)
        assert app.screen.query_one("#summary-path").value == "check-in-2026-12-03.pdf"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CheckInScreen)
    [(data, options)] = delivered
    assert data.startswith(b"%PDF") and options["mime_type"] == "application/pdf"
    assert options["save_filename"] == "check-in-2026-12-03.pdf"
    assert list(tmp_path.rglob("*.pdf")) == []
