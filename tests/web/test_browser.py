"""`recovery-plan serve` in a real headless Chromium (Debian's), driven over the
DevTools protocol with key events as a keyboard sends them.

Screenshots of the sign-in and crisis screens are kept in the test's temporary
folder (screenshots/), to be looked at."""

from __future__ import annotations

import json

import pytest
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

from tests.web.conftest import sign_in_to_crisis

DEMO_PIN = "975310"


def test_sign_in_by_keys_and_f5_opens_the_crisis_plan_without_reloading(serve, browser, screenshots):
    served = serve()
    tab = browser.new_tab(served.url)
    tab.wait_for("Sign in to your plan")
    tab.screenshot(screenshots / "sign-in.png")
    tab.evaluate("window.stayed = 'yes'")  # gone if F5 reloads the page
    tab.type("Demo")
    tab.key("F5")
    tab.wait_for("After your PIN, your crisis plan opens.")
    tab.type(DEMO_PIN)
    tab.key("Enter")
    screen = tab.wait_for("front pocket of my backpack")
    assert "My crisis plan" in screen
    assert DEMO_PIN not in screen
    assert tab.evaluate("window.stayed") == "yes"
    tab.screenshot(screenshots / "crisis.png")
    # Ctrl+R, the other reload key, is the crisis key's alias: it stays in the app too.
    tab.key("F12")
    tab.wait_for("Sign in to your plan")
    tab.type("Demo")
    tab.key("r", ctrl=True)
    tab.type(DEMO_PIN)
    tab.key("Enter")
    tab.wait_for("front pocket of my backpack")
    assert tab.evaluate("window.stayed") == "yes"
    # A kiosk: Ctrl+Q signs out, and the session stays for the next person.
    tab.key("q", ctrl=True)
    screen = tab.wait_for("Sign in to your plan")
    assert "front pocket" not in screen
    assert len(served.app_processes()) == 1
    # Nothing was asked of any other server: fonts, scripts and styles are the app's own.
    asked = set(tab.requests())
    assert asked and all(url.startswith(served.url) for url in asked), asked


def test_a_new_plan_made_with_keys_a_browser_lets_through(serve, browser):
    served = serve()
    tab = browser.new_tab(served.url)
    screen = tab.wait_for("Sign in to your plan")
    assert "f2 New plan" in screen
    assert "^n" not in screen.splitlines()[-1]  # the footer names no key the browser keeps
    tab.key("F2")
    tab.wait_for("Start your plan")
    tab.type("Rosa B")
    tab.key("Enter")
    tab.type("tide7lamp")
    tab.key("Enter")
    tab.type("tide7lamp")
    tab.key("Enter")
    tab.wait_for("Your recovery codes", timeout=60)
    tab.key("Enter")
    tab.wait_for("Build my plan step by step?")
    tab.type("n")
    tab.key("F3")
    tab.wait_for("My goals")
    tab.type("a")
    tab.wait_for("My goal, in my own words")
    tab.type("Find a room of my own")
    tab.key("Enter")
    tab.wait_for("Find a room of my own")
    tab.key("F1")  # help names the keys that work here
    help_text = tab.wait_for("Keys that work everywhere")
    assert "^n" not in help_text and "^t" not in help_text  # Ctrl+N, Ctrl+T
    assert "f3, 3 " in help_text
    tab.key("Escape")
    tab.key("F12")
    tab.wait_for("Sign in to your plan")
    exported = served.command("export", "Rosa B", "--format", "json", "-o", "-", "--pin-stdin",
                              stdin="tide7lamp\n")
    assert exported.returncode == 0, exported.stderr
    goals = [goal["text"] for goal in json.loads(exported.stdout)["plan"]["goals"]]
    assert goals == ["Find a room of my own"]


def test_the_pocket_card_downloads_as_a_pdf_and_nothing_stays_on_the_server(
        serve, browser, tmp_path):
    from pypdf import PdfReader

    served = serve()
    downloads = tmp_path / "downloads"
    browser.allow_downloads(downloads)
    tab = browser.new_tab(served.url)
    sign_in_to_crisis(tab)
    tab.type("s")
    tab.wait_for("Enter: download to this computer")
    tab.key("Enter")
    tab.wait_for("Your pocket card (pocket-card.pdf) is downloading")
    done = browser.wait_event("Browser.downloadProgress",
                              lambda event: event.get("state") in ("completed", "canceled"))
    assert done["state"] == "completed"
    card = downloads / "pocket-card.pdf"
    assert card.read_bytes().startswith(b"%PDF-")
    words = " ".join(page.extract_text() for page in PdfReader(card).pages)
    assert "front pocket of my backpack" in " ".join(words.split())
    assert list((tmp_path / "home").rglob("*.pdf")) == []
    assert tab.evaluate("location.pathname") == "/"  # still in the app, not on a new page


def typing_in_the_crisis_plan(served, browser, words: str):
    """A tab signed in, its first crisis plan part being typed in (not left, not saved)."""
    tab = browser.new_tab(served.url)
    sign_in_to_crisis(tab)
    tab.type("e")
    tab.wait_for("Change: My crisis plan")
    tab.type(words)
    tab.wait_for(" ".join(words.split()[:2]))  # (the box wraps the rest inside its frame)
    return tab


def crisis_plan_saved(served) -> str:
    shown = served.command("crisis", "Demo", "--pin-stdin", stdin=DEMO_PIN + "\n")
    assert shown.returncode == 0, shown.stderr
    return " ".join(shown.stdout.split())


def test_closing_the_tab_while_typing_keeps_the_words(serve, browser):
    served = serve()
    tab = typing_in_the_crisis_plan(served, browser, " Call Ana at noon.")
    assert len(served.app_processes()) == 1
    tab.close()  # no Esc, no Tab out of the box: the words are only on the screen
    served.wait_for_app_processes(0)
    # Typed after the part's saved words (the cursor comes to their end): both kept.
    assert "I used with. Call Ana at noon." in crisis_plan_saved(served)


def _connect(served, origin: str):
    return connect(served.url.replace("http:", "ws:") + "ws?width=80&height=24",
                   origin=origin, open_timeout=20)


def test_a_websocket_from_another_origin_is_refused(serve):
    served = serve()
    with pytest.raises(InvalidStatus) as refused:
        _connect(served, "https://evil.example")
    assert refused.value.response.status_code == 403
    assert b"not Recovery Plan's own page" in refused.value.response.body
    assert served.app_processes() == []
    # The page's own origin gets the app.
    with _connect(served, served.url.rstrip("/")) as websocket:
        assert b"Recovery Plan" in _received_until(websocket, b"Sign in")


def _received_until(websocket, text: bytes) -> bytes:
    received = b""
    while text not in received:
        message = websocket.recv(timeout=30)
        received += message if isinstance(message, bytes) else message.encode()
    return received


def test_one_session_past_the_cap_is_refused_with_a_page_that_says_why(serve, browser):
    served = serve("--max-sessions", "1")
    first = browser.new_tab(served.url)
    first.wait_for("Sign in to your plan")
    second = browser.new_tab(served.url)
    page = second.wait_for("All places are in use", read=second.body_text)
    assert "tries again by itself" in page
    with pytest.raises(InvalidStatus) as refused:
        _connect(served, served.url.rstrip("/"))
    assert refused.value.response.status_code == 503
    assert len(served.app_processes()) == 1
    first.close()
    served.wait_for_app_processes(0)
    second.open(served.url)  # the place is free again
    second.wait_for("Sign in to your plan")


def test_too_many_new_sessions_from_one_address_are_refused(serve):
    served = serve("--per-address", "2")
    origin = served.url.rstrip("/")
    for _ in range(2):
        with _connect(served, origin) as websocket:
            _received_until(websocket, b"Sign in")
    with pytest.raises(InvalidStatus) as refused:
        _connect(served, origin)
    assert refused.value.response.status_code == 429


def test_stopping_the_server_keeps_what_an_open_session_typed(serve, browser):
    served = serve()
    tab = typing_in_the_crisis_plan(served, browser, " Text Ana first.")
    served.stop()  # SIGTERM, as systemd stops a service
    assert served.process.returncode == 0
    assert tab.wait_for("What you typed is kept", read=tab.body_text)
    assert "I used with. Text Ana first." in crisis_plan_saved(served)


def test_one_address_can_hold_only_so_many_sessions_open_at_once(serve):
    """New sessions a minute are not enough: sessions kept open (an Origin header
    is easy to forge outside a browser) would hold every place."""
    served = serve("--open-per-address", "2")
    origin = served.url.rstrip("/")
    with _connect(served, origin) as first, _connect(served, origin) as second:
        for websocket in (first, second):
            _received_until(websocket, b"Sign in")
        with pytest.raises(InvalidStatus) as refused:
            _connect(served, origin)
        assert refused.value.response.status_code == 429
        assert b"open at once" in refused.value.response.body
        assert len(served.app_processes()) == 2
    served.wait_for_app_processes(0)
    with _connect(served, origin) as again:  # the places are free again
        _received_until(again, b"Sign in")


def test_a_session_left_unused_at_sign_in_ends_and_the_page_says_how_to_start_again(
        serve, browser):
    served = serve("--end-unused", "6")
    tab = browser.new_tab(served.url)
    tab.wait_for("Sign in to your plan")
    served.wait_for_app_processes(1)
    page = tab.wait_for("Press Enter to start again", timeout=60, read=tab.body_text)
    assert "not used for a while" in page
    served.wait_for_app_processes(0)
    tab.key("Enter")
    tab.wait_for("Sign in to your plan")


def test_each_browser_connection_is_its_own_terminal_for_wrong_tries(serve):
    """Wrong recovery codes are counted per terminal: every browser session used to
    be the same one ("no terminal"), so one person's wrong codes made everyone wait."""
    import time

    from tui.store import audit, open_store

    served = serve()
    origin = served.url.rstrip("/")
    with _connect(served, origin) as first, _connect(served, origin) as second:
        for websocket in (first, second):
            _received_until(websocket, b"Sign in")
            websocket.send(json.dumps(["stdin", "Demo\r"]))
            websocket.send(json.dumps(["stdin", "000000\r"]))  # a wrong PIN
        deadline = time.monotonic() + 60
        while True:
            store = open_store(served.db, existing_only=True)
            try:
                terminals = [e.terminal for e in audit.events(store)
                             if e.event == "sign_in_failed"]
            finally:
                store.close()
            if len(terminals) >= 2 or time.monotonic() > deadline:
                break
            time.sleep(0.2)
    assert len(terminals) == 2
    assert len(set(terminals)) == 2, terminals
    assert all(t.startswith("browser ") and t.endswith(" 127.0.0.1") for t in terminals)
