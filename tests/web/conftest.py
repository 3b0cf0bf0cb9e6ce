"""The installed `recovery-plan serve` on loopback, and Debian's headless Chromium."""

from __future__ import annotations

import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import require_tool
from tests.e2e.tmux import SCRIPT, demo_database
from tests.web.cdp import Browser


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Served:
    """`recovery-plan --db DB serve` in its own process, with its own HOME."""

    def __init__(self, folder: Path, db: Path, env: dict[str, str], *options: str):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.db, self.env = db, {**env, "HOME": str(folder / "home")}
        (folder / "home").mkdir(exist_ok=True)
        self.log = folder / "serve.log"
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [str(SCRIPT), "--db", str(db), "serve", "--port", str(self.port), *options],
                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=self.env)
        deadline = time.monotonic() + 30
        while True:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    break
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"the server did not start:\n{self.log.read_text()}")
            time.sleep(0.05)

    def app_processes(self) -> list[int]:
        """The app processes the server runs now (one per browser connection)."""
        pids: list[int] = []
        for task in Path(f"/proc/{self.process.pid}/task").glob("*"):
            try:
                pids += [int(pid) for pid in (task / "children").read_text().split()]
            except OSError:
                continue  # a thread that just ended
        return pids

    def wait_for_app_processes(self, count: int, timeout: float = 30.0) -> list[int]:
        deadline = time.monotonic() + timeout
        while len(running := self.app_processes()) != count:
            if time.monotonic() > deadline:
                raise AssertionError(f"{len(running)} app processes, not {count}")
            time.sleep(0.1)
        return running

    def command(self, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
        return subprocess.run([str(SCRIPT), "--db", str(self.db), *args], input=stdin,
                              capture_output=True, text=True, env=self.env, timeout=60)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@pytest.fixture
def chromium() -> str:
    return require_tool("chromium")


@pytest.fixture
def browser(chromium, tmp_path):
    opened = Browser(chromium, tmp_path / "browser")
    yield opened
    opened.close()


@pytest.fixture
def serve(tmp_path):
    """serve(*options): the demo database served with those options."""
    started: list[Served] = []
    db, env = demo_database(tmp_path)

    def start(*options: str) -> Served:
        served = Served(tmp_path, db, env, *options)
        started.append(served)
        return served

    yield start
    for served in started:
        served.stop()


@pytest.fixture
def screenshots(tmp_path) -> Path:
    """Where a test keeps its screenshots, to look at (and keep as CI artifacts)."""
    folder = tmp_path / "screenshots"
    folder.mkdir()
    return folder


def sign_in_to_crisis(tab, name: str = "Demo", pin: str = "975310") -> str:
    """Name, F5, PIN, Enter: the crisis plan, as a person in a hurry gets it."""
    tab.wait_for("Sign in to your plan")
    tab.type(name)
    tab.key("F5")
    tab.type(pin)
    tab.key("Enter")
    return tab.wait_for("My crisis plan")

