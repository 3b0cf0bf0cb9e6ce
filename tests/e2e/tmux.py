"""Driving the installed `recovery-plan` in a real terminal (tmux)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

from tui.content.demo import DEMO_NAME, DEMO_PIN

SCRIPT = Path(sys.executable).with_name("recovery-plan")


class Terminal:
    """One tmux session at a fixed size running one command."""

    def __init__(self, tmux: str, command: list[str], env: dict[str, str], size=(80, 24)):
        self.tmux = tmux
        self.name = f"rp-{uuid.uuid4().hex[:8]}"
        env_args = [arg for key, value in env.items() for arg in ("-e", f"{key}={value}")]
        new_session = [tmux, "new-session", "-d", "-s", self.name, "-x", str(size[0]),
                       "-y", str(size[1]), *env_args, *command]
        for _try in range(5):
            started = subprocess.run(new_session, capture_output=True, text=True)
            # Just after the last session closed, tmux's server may still be on its
            # way out ("server exited unexpectedly"): the next try starts a new one.
            if started.returncode == 0 or "server exited" not in started.stderr:
                break
            time.sleep(0.2)
        if started.returncode != 0:
            raise AssertionError(f"tmux new-session failed: {started.stderr}")

    def keys(self, *keys: str) -> None:
        subprocess.run([self.tmux, "send-keys", "-t", self.name, *keys], check=True)

    def type(self, text: str) -> None:
        subprocess.run([self.tmux, "send-keys", "-t", self.name, "-l", text], check=True)

    def screen(self) -> str:
        result = subprocess.run([self.tmux, "capture-pane", "-p", "-t", self.name],
                                capture_output=True, text=True)
        return result.stdout

    def alive(self) -> bool:
        return subprocess.run([self.tmux, "has-session", "-t", self.name],
                              capture_output=True).returncode == 0

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        """The screen once `text` is on it (words wrapped across lines count, also
        inside a framed box, as on the Linux console)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen or " ".join(text.split()) in flat(screen):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared. The screen shows:\n{self.screen()}")

    def wait_for_no(self, text: str, timeout: float = 20.0) -> str:
        """The screen once `text` is no longer on it (a message that went away)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text not in screen and " ".join(text.split()) not in " ".join(screen.split()):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} stayed. The screen shows:\n{self.screen()}")

    def wait_until_gone(self, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.alive():
                return
            time.sleep(0.1)
        raise AssertionError(f"the app did not exit. The screen shows:\n{self.screen()}")

    def close(self) -> None:
        subprocess.run([self.tmux, "kill-session", "-t", self.name], capture_output=True)


def app_env(tmp_path: Path) -> dict[str, str]:
    return {
        "TERM": "xterm-256color",
        "RECOVERY_PLAN_NOW": "2026-11-26T10:00",
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "PATH": os.environ.get("PATH", ""),
    }


def demo_database(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A database holding the demo plan, made with the installed command, and the env to use."""
    db = tmp_path / "plans.sqlite3"
    env = app_env(tmp_path)
    subprocess.run([str(SCRIPT), "--db", str(db), "demo"], check=True, capture_output=True, env=env)
    return db, env


def start_app(tmux: str, db: Path, env: dict[str, str], prefix: list[str] | None = None,
              size=(80, 24)) -> Terminal:
    """The installed app on `db` in a new terminal (80x24), at its sign-in screen."""
    term = Terminal(tmux, [*(prefix or []), str(SCRIPT), "--db", str(db)], env, size=size)
    term.wait_for("Sign in to your plan")
    return term


def with_term(term_name: str) -> list[str]:
    """A prefix for start_app that runs the app with TERM=`term_name` (tmux sets
    TERM for the pane itself, so the app is started through env)."""
    return ["env", f"TERM={term_name}"]


def sign_in(term: Terminal, name: str = DEMO_NAME, pin: str = DEMO_PIN, *, key: str = "Enter",
            opens: str | None = None, ready: str = "Sign in to your plan") -> str:
    """Sign in from the sign-in screen (once it shows `ready`) by keys, as a
    person does: the name, `key` (Enter; F5 or Ctrl+R open the crisis plan
    right after the PIN), the PIN, Enter. The screen once it shows `opens` (the
    plan's overview unless told), which never shows the PIN."""
    term.wait_for(ready)
    term.type(name)
    term.keys(key)
    term.type(pin)
    term.keys("Enter")
    screen = term.wait_for(opens or f"My plan: {name}")
    assert pin not in screen
    return screen


def sign_in_keys(name: str = DEMO_NAME, pin: str = DEMO_PIN, key: str = "Enter") -> list[str]:
    """The keys of a sign-in for one send-keys call (one burst, as over a slow
    link) or a walk's table: the name, `key`, the PIN, Enter."""
    return [name, key, pin, "Enter"]


def start_new_plan(term: Terminal, name: str, pin: str) -> str:
    """Make a new plan from the sign-in screen by keys (Ctrl+N, the name, the
    PIN twice), then say I have the recovery codes. The screen after: the
    offer to build the plan step by step."""
    term.wait_for("Sign in to your plan")
    term.keys("C-n")
    term.wait_for("Start your plan")
    for text in (name, pin, pin):
        term.type(text)
        term.keys("Enter")
    term.wait_for("Your recovery codes")
    term.keys("Enter")
    return term.wait_for("Build my plan step by step?")


def exported_plan(db: Path, env: dict[str, str], name: str, pin: str) -> dict:
    """The whole plan as the installed command exports it (JSON), the PIN given
    on standard input as a script would."""
    import json

    result = subprocess.run([str(SCRIPT), "--db", str(db), "export", name, "--format", "json",
                             "-o", "-", "--pin-stdin"], input=pin + "\n", capture_output=True,
                            text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["plan"]


def flat(screen: str) -> str:
    """A screen's words as one line of single spaces, field borders left out: a
    text wrapped onto several lines of one box reads as it was typed."""
    for border in "▊▎▔▁│":
        screen = screen.replace(border, " ")
    return " ".join(screen.split())


BEFORE_APP = "before-app"


class ShellTerminal(Terminal):
    """The app run from a shell in tmux, as a login would: when it ends, the shell
    prints "ended <exit code>" and the terminal's settings (stty -a), then waits.

    `console=True` makes tmux act as the Linux console does: no alternate screen
    (tmux ignores the switch), so what the app draws stays on the screen and can
    reach the scrollback. TERM is the console's, `linux`.

    Before the app starts, the shell fills the scrollback with lines saying
    BEFORE_APP, so a test can tell whether the app cleared it."""

    def __init__(self, tmux: str, db: Path, env: dict[str, str], *options: str, console: bool = True):
        script = ('i=0; while [ $i -lt 40 ]; do echo "before-app $i"; i=$((i+1)); done; '
                  'read go; env TERM=linux "$0" "$@"; echo "ended $?"; stty -a; sleep 600')
        super().__init__(tmux, ["sh", "-c", script, str(SCRIPT), "--db", str(db), *options], env)
        if console:
            subprocess.run([tmux, "set-option", "-w", "-t", self.name, "alternate-screen", "off"],
                           check=True)
        self.wait_for("before-app 39")
        self.keys("Enter")  # now the app starts
        self.wait_for("Sign in to your plan")

    def history(self) -> str:
        """The scrollback and the screen, all of it."""
        result = subprocess.run([self.tmux, "capture-pane", "-p", "-S", "-", "-t", self.name],
                                capture_output=True, text=True)
        return result.stdout

    def app_pid(self) -> int:
        shell = subprocess.run([self.tmux, "display-message", "-p", "-t", self.name, "#{pane_pid}"],
                               capture_output=True, text=True, check=True).stdout.strip()
        children = Path(f"/proc/{shell}/task/{shell}/children").read_text().split()
        assert len(children) == 1, children
        return int(children[0])

    def flag(self, name: str) -> str:
        """A tmux format value of the pane, like alternate_on or cursor_flag."""
        return subprocess.run([self.tmux, "display-message", "-p", "-t", self.name, f"#{{{name}}}"],
                              capture_output=True, text=True, check=True).stdout.strip()
