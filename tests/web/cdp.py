"""A small Chrome DevTools Protocol client: Debian's headless Chromium, one tab
driven by real key events, the app's screen read from the page's terminal.

Only what the browser tests need: open a page, press keys (as key events the
browser would get from a keyboard, so the page's own key handling runs), read
the terminal's lines, take a screenshot, watch requests and downloads.
"""

from __future__ import annotations

import base64
import itertools
import json
import os
import subprocess
import time
from pathlib import Path

from websockets.sync.client import connect

# Launch flags that work in a container as root, with nothing fetched from outside.
CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--mute-audio", "--disable-dev-shm-usage",
    "--window-size=1280,800", "--remote-debugging-port=0", "--remote-allow-origins=*",
)

# Keys as a keyboard sends them: (key, code, Windows virtual key code).
SPECIAL_KEYS = {
    "Enter": ("Enter", "Enter", 13), "Tab": ("Tab", "Tab", 9), "Escape": ("Escape", "Escape", 27),
    "Backspace": ("Backspace", "Backspace", 8), "PageDown": ("PageDown", "PageDown", 34),
    "PageUp": ("PageUp", "PageUp", 33), "Up": ("ArrowUp", "ArrowUp", 38),
    "Down": ("ArrowDown", "ArrowDown", 40), "Space": (" ", "Space", 32),
    **{f"F{n}": (f"F{n}", f"F{n}", 111 + n) for n in range(1, 13)},
}
CTRL = 2
SCREEN_SCRIPT = """(() => {
  const t = window.recoveryPlanTerminal;
  if (!t) return null;
  const b = t.buffer.active, lines = [];
  for (let y = 0; y < t.rows; y++) {
    const line = b.getLine(b.viewportY + y);
    lines.push(line ? line.translateToString(true) : "");
  }
  return lines.join("\\n");
})()"""


class Browser:
    """Headless Chromium with a new empty profile under `folder`."""

    def __init__(self, chromium: str, folder: Path, *flags: str):
        self.folder = folder
        profile = folder / "profile"
        profile.mkdir(parents=True)
        self.log = (folder / "chromium.log").open("wb")
        self.process = subprocess.Popen(
            [chromium, *CHROMIUM_FLAGS, *flags, f"--user-data-dir={profile}", "about:blank"],
            stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 60
        while not (port_file.is_file() and len(port_file.read_text().splitlines()) >= 2):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError("Chromium did not start:\n"
                                     + (folder / "chromium.log").read_text(errors="replace"))
            time.sleep(0.05)
        port, path = port_file.read_text().splitlines()[:2]
        # Entered as a context (left in close): the way every websockets version takes.
        self.socket = connect(f"ws://127.0.0.1:{port}{path}", max_size=None,
                              open_timeout=30).__enter__()
        self._ids = itertools.count(1)
        self.events: list[dict] = []

    def send(self, method: str, params: dict | None = None, session: str | None = None,
             timeout: float = 30.0) -> dict:
        number = next(self._ids)
        message = {"id": number, "method": method, "params": params or {}}
        if session is not None:
            message["sessionId"] = session
        self.socket.send(json.dumps(message))
        deadline = time.monotonic() + timeout
        while True:
            reply = json.loads(self.socket.recv(timeout=max(0.01, deadline - time.monotonic())))
            if reply.get("id") == number:
                if "error" in reply:
                    raise AssertionError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def pump(self, seconds: float = 0.0) -> None:
        """Take in the events that have come, waiting up to `seconds` for more."""
        deadline = time.monotonic() + seconds
        while True:
            try:
                message = self.socket.recv(timeout=max(0.0, deadline - time.monotonic()))
            except TimeoutError:
                return
            self.events.append(json.loads(message))

    def wait_event(self, method: str, match=lambda params: True, timeout: float = 30.0) -> dict:
        deadline = time.monotonic() + timeout
        seen = 0
        while True:
            for event in self.events[seen:]:
                if event.get("method") == method and match(event.get("params", {})):
                    return event["params"]
            seen = len(self.events)
            if time.monotonic() > deadline:
                raise AssertionError(f"no {method} event came")
            self.pump(0.1)

    def new_tab(self, url: str = "about:blank") -> Tab:
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        tab = Tab(self, target, session)
        if url != "about:blank":
            tab.open(url)
        return tab

    def allow_downloads(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.send("Browser.setDownloadBehavior",
                  {"behavior": "allow", "downloadPath": str(folder), "eventsEnabled": True})

    def close(self) -> None:
        try:
            self.send("Browser.close", timeout=5)
        except Exception:
            pass
        try:
            self.socket.close()
        except Exception:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


class Tab:
    def __init__(self, browser: Browser, target: str, session: str):
        self.browser, self.target, self.session = browser, target, session
        self.send("Page.enable")
        self.send("Network.enable")
        self.send("Runtime.enable")

    def send(self, method: str, params: dict | None = None, timeout: float = 30.0) -> dict:
        return self.browser.send(method, params, self.session, timeout)

    def open(self, url: str) -> float:
        """Go to `url`; the time (monotonic) the navigation was asked for."""
        started = time.monotonic()
        self.send("Page.navigate", {"url": url})
        return started

    def evaluate(self, expression: str):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in result:
            raise AssertionError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screen(self) -> str:
        """The app's screen: the page terminal's lines ('' before it exists)."""
        return self.evaluate(SCREEN_SCRIPT) or ""

    def body_text(self) -> str:
        return self.evaluate("document.body ? document.body.innerText : ''") or ""

    def wait_for(self, text: str, timeout: float = 30.0, read=None) -> str:
        """The screen once `text` is on it (words wrapped across lines count)."""
        read = read or self.screen
        deadline = time.monotonic() + timeout
        shown = ""
        while time.monotonic() < deadline:
            shown = read()
            if text in shown or " ".join(text.split()) in " ".join(shown.split()):
                return shown
            self.browser.pump(0.1)
        raise AssertionError(f"{text!r} never appeared. The page shows:\n{shown}")

    def key(self, name: str, ctrl: bool = False) -> None:
        """Press and release one key, as a keyboard does."""
        if name in SPECIAL_KEYS:
            key, code, virtual = SPECIAL_KEYS[name]
        else:
            key, code, virtual = name, f"Key{name.upper()}", ord(name.upper())
        down = {"type": "keyDown" if not ctrl and name in ("Enter", "Space") else "rawKeyDown",
                "key": key, "code": code, "windowsVirtualKeyCode": virtual,
                "modifiers": CTRL if ctrl else 0}
        if name == "Enter" and not ctrl:
            down["text"] = "\r"
        if name == "Space" and not ctrl:
            down["text"] = " "
        self.send("Input.dispatchKeyEvent", down)
        self.send("Input.dispatchKeyEvent", {"type": "keyUp", "key": key, "code": code,
                                             "windowsVirtualKeyCode": virtual,
                                             "modifiers": CTRL if ctrl else 0})

    def type(self, text: str) -> None:
        """Type text one character at a time (key down with its text, key up)."""
        for char in text:
            code = f"Key{char.upper()}" if char.isalpha() else (f"Digit{char}" if char.isdigit() else "")
            virtual = ord(char.upper()) if char.isalnum() and char.isascii() else 0
            self.send("Input.dispatchKeyEvent", {"type": "keyDown", "key": char, "code": code,
                                                 "text": char, "unmodifiedText": char,
                                                 "windowsVirtualKeyCode": virtual})
            self.send("Input.dispatchKeyEvent", {"type": "keyUp", "key": char, "code": code,
                                                 "windowsVirtualKeyCode": virtual})

    def screenshot(self, path: Path) -> Path:
        data = self.send("Page.captureScreenshot", {"format": "png"})["data"]
        path.write_bytes(base64.b64decode(data))
        return path

    def requests(self) -> list[str]:
        """Every URL this tab asked for so far."""
        return [event["params"]["request"]["url"] for event in self.browser.events
                if event.get("method") == "Network.requestWillBeSent"
                and event.get("sessionId") == self.session]

    def close(self) -> None:
        """Close the tab as a person does (the page goes, its connections with it)."""
        self.browser.send("Target.closeTarget", {"targetId": self.target})


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        for folder in os.environ.get("PATH", "").split(os.pathsep):
            candidate = Path(folder) / name
            if candidate.is_file() and os.access(candidate, os.X_OK):
                return str(candidate)
    return None
