"""The app over a real SSH connection, set up as docs/deploy-ssh.md says.

A real OpenSSH server (Debian's openssh-server) listens on 127.0.0.1 at a free
unprivileged port, with its own sshd_config and host key in a temp folder. Its
`Match` block and the forced command's wrapper script are the blocks marked
"tested" in docs/deploy-ssh.md, with only their paths and the user name put in
for this machine. The client is OpenSSH's `ssh`, inside tmux.

Who logs in: the account running the tests, which stands for the service
account (the docs' shared login): sshd can only log a non-root user into its
own account, and in CI the tests run as root, so the test's own config allows
root logins by key (`PermitRootLogin prohibit-password`; loopback only, a key
made for this run). That account owns the database and site key, as the
service account does.

`UsePAM no` and `StrictModes no` are for the temp folder only (PAM wants a
full login setup; StrictModes refuses keys under the world-writable /tmp).
Run as root, sshd needs its privilege separation folder, /run/sshd, which a
system without systemd may lack: the test makes it, as the ssh service does.
"""

from __future__ import annotations

import getpass
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import require_tool
from tests.e2e.tmux import SCRIPT, Terminal, app_env, sign_in_keys
from tests.e2e.tmux import sign_in as sign_in_by_keys
from tui.content.demo import DEMO_NAME, DEMO_PIN
from tui.screens.drafts import DRAFT_SECONDS
from tui.store import open_store, sign_in

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "deploy-ssh.md"


def doc_block(marker: str) -> str:
    """The code block after `<!-- tested: marker -->` in docs/deploy-ssh.md."""
    found = re.search(rf"<!-- tested: {marker} -->\n```[a-z]*\n(.*?)\n```", DOC.read_text(), re.S)
    assert found, f"docs/deploy-ssh.md has no block marked 'tested: {marker}'"
    return found.group(1) + "\n"


def find_sshd() -> str:
    # sshd lives in /usr/sbin, which is not on every user's PATH.
    for folder in ("/usr/sbin", "/usr/local/sbin"):
        if os.access(f"{folder}/sshd", os.X_OK):
            return f"{folder}/sshd"
    return require_tool("sshd")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SshServer:
    def __init__(self, folder: Path):
        self.folder = folder
        self.user = getpass.getuser()
        self.config_file = folder / "config.toml"
        self.db = folder / "data" / "plans.sqlite3"
        self.site_key = folder / "key" / "site.key"
        self.client_key = folder / "client_key"
        self.process: subprocess.Popen | None = None
        self.port = 0

    def prepare(self) -> None:
        folder = self.folder
        for sub in ("data", "key"):
            (folder / sub).mkdir(mode=0o700)
        self.config_file.write_text(
            f'[database]\npath = "{self.db}"\n\n[security]\nsite_key = "{self.site_key}"\n')
        # As the docs make it: umask 077, so the database and key are the account's alone.
        subprocess.run([str(SCRIPT), "--config", str(self.config_file), "demo"], check=True,
                       capture_output=True, env=app_env(folder), preexec_fn=lambda: os.umask(0o077))
        keygen = require_tool("ssh-keygen")
        for key in (folder / "host_key", self.client_key):
            subprocess.run([keygen, "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
        shutil.copy(f"{self.client_key}.pub", folder / "authorized_keys")
        wrapper = folder / "recovery-plan-ssh"
        wrapper.write_text(doc_block("wrapper")
                           .replace("/etc/recovery-plan/config.toml", str(self.config_file))
                           .replace("/opt/recovery-plan/venv/bin/recovery-plan", str(SCRIPT)))
        wrapper.chmod(0o755)
        match = (doc_block("sshd")
                 .replace("Match User recovery-plan", f"Match User {self.user}")
                 .replace("/usr/local/bin/recovery-plan-ssh", str(wrapper))
                 .replace("/etc/recovery-plan/authorized_keys", str(folder / "authorized_keys")))
        assert f"ForceCommand {wrapper}" in match and f"Match User {self.user}" in match
        self.match_block = match

    def write_config(self) -> Path:
        config = self.folder / "sshd_config"
        config.write_text(
            "ListenAddress 127.0.0.1\n"
            f"Port {self.port}\n"
            f"HostKey {self.folder / 'host_key'}\n"
            "PidFile none\n"
            "UsePAM no\n"
            "StrictModes no\n"
            "PermitRootLogin prohibit-password\n"
            "PasswordAuthentication no\n"
            "KbdInteractiveAuthentication no\n"
            "AuthorizedKeysFile none\n"  # only the Match block's file lets anyone in
            # Debian's own line: ForceCommand must win over it.
            "Subsystem sftp internal-sftp\n"
            + self.match_block)
        return config

    def start(self) -> None:
        sshd = find_sshd()
        if os.geteuid() == 0:
            os.makedirs("/run/sshd", mode=0o755, exist_ok=True)
        for _ in range(5):  # a free port may be taken between the probe and the bind
            self.port = free_port()
            config = self.write_config()
            check = subprocess.run([sshd, "-t", "-f", str(config)], capture_output=True, text=True)
            assert check.returncode == 0, f"sshd refused the config:\n{check.stderr}"
            log = self.folder / "sshd.log"
            with open(log, "w") as log_file:
                self.process = subprocess.Popen([sshd, "-D", "-e", "-f", str(config)],
                                                stdout=log_file, stderr=subprocess.STDOUT)
            deadline = time.monotonic() + 15
            while time.monotonic() < deadline and self.process.poll() is None:
                if "Server listening" in log.read_text():
                    return
                time.sleep(0.05)
            self.stop()
            if "Address already in use" not in log.read_text():
                break
        raise AssertionError(f"sshd did not start:\n{self.log()}")

    def log(self) -> str:
        return (self.folder / "sshd.log").read_text()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def ssh_args(self, *extra: str) -> list[str]:
        return [require_tool("ssh"), "-F", "/dev/null", "-i", str(self.client_key),
                "-p", str(self.port), "-o", "StrictHostKeyChecking=no",
                "-o", "UserKnownHostsFile=/dev/null", "-o", "IdentitiesOnly=yes",
                "-o", "BatchMode=yes", "-o", "LogLevel=ERROR", "-e", "none",
                *extra, f"{self.user}@127.0.0.1"]

    def connect(self, tmux: str, *command: str) -> Terminal:
        """`ssh -t` in a new 80x24 tmux terminal, at the app's sign-in screen."""
        term = Terminal(tmux, [*self.ssh_args("-t"), *command], app_env(self.folder))
        try:
            term.wait_for("Sign in to your plan")
        except AssertionError as error:
            term.close()
            raise AssertionError(f"{error}\nsshd's log:\n{self.log()}") from None
        return term

    def app_processes(self) -> list[int]:
        """The app processes this server started (their environment names our config)."""
        mark = f"RECOVERY_PLAN_CONFIG={self.config_file}".encode()
        found = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                if mark in (entry / "environ").read_bytes().split(b"\0"):
                    found.append(int(entry.name))
            except OSError:
                continue
        return found


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    require_tool("tmux"), require_tool("ssh")
    find_sshd()
    running = SshServer(tmp_path_factory.mktemp("ssh"))
    running.prepare()
    running.start()
    yield running
    running.stop()


def test_sign_in_over_ssh_and_f5_opens_the_crisis_plan(server):
    tmux = require_tool("tmux")
    term = server.connect(tmux)
    try:
        term.keys(*sign_in_keys(DEMO_NAME, DEMO_PIN, key="F5"))
        screen = term.wait_for("front pocket of my backpack")
        assert "My crisis plan" in screen
        assert DEMO_PIN not in screen
        term.keys("C-q")
        term.wait_until_gone()
    finally:
        term.close()
    audit = subprocess.run([str(SCRIPT), "--config", str(server.config_file), "audit"],
                           capture_output=True, text=True, check=True, env=app_env(server.folder))
    assert "ssh 127.0.0.1" in audit.stdout  # the sign-in is put down to the SSH client


def test_a_requested_command_is_ignored_and_the_app_starts(server):
    tmux = require_tool("tmux")
    term = server.connect(tmux, "cat", "/etc/passwd")
    try:
        screen = term.screen()
        assert "root:" not in screen and "/bin/" not in screen
        term.keys("C-q")
        term.wait_until_gone()
    finally:
        term.close()
    # Without a terminal the wrapper says so, and still runs nothing asked for.
    result = subprocess.run([*server.ssh_args(), "cat", "/etc/passwd"], capture_output=True,
                            text=True, timeout=30, stdin=subprocess.DEVNULL)
    assert result.returncode != 0
    assert "root:" not in result.stdout + result.stderr
    assert "Recovery Plan needs a terminal" in result.stderr


def test_no_file_copying_and_no_forwarding(server):
    copy = server.folder / "copied.sqlite3"
    sftp = subprocess.run(
        [require_tool("sftp"), "-F", "/dev/null", "-i", str(server.client_key),
         "-P", str(server.port), "-o", "StrictHostKeyChecking=no",
         "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes", "-o", "LogLevel=ERROR",
         "-b", "-", f"{server.user}@127.0.0.1"],
        input=f"get {server.db} {copy}\n", capture_output=True, text=True, timeout=30)
    assert sftp.returncode != 0 and not copy.exists()
    # stdio forwarding to the server's own sshd port: refused like any forwarding.
    forward = subprocess.run([*server.ssh_args("-W", f"127.0.0.1:{server.port}")],
                             capture_output=True, timeout=30, stdin=subprocess.DEVNULL)
    assert forward.returncode != 0
    assert b"SSH-2.0" not in forward.stdout
    # Nothing the sessions made (the write-ahead log too) is open to other accounts.
    files = [*server.db.parent.iterdir(), server.site_key]
    assert {path.name: oct(path.stat().st_mode & 0o777) for path in files} == {
        path.name: "0o600" for path in files}


def test_a_dropped_connection_keeps_what_was_being_typed(server):
    tmux = require_tool("tmux")
    words = "sshdrop4711 keep these words"
    term = server.connect(tmux)
    try:
        # Ctrl+R: F5's alias.
        sign_in_by_keys(term, key="C-r", opens="front pocket of my backpack")
        term.keys("e")
        term.wait_for("Change: My crisis plan")
        term.type(words)
        term.wait_for(words)
        typed_at = time.monotonic()
        # A draft is kept every DRAFT_SECONDS: wait for it, and for one interval past
        # the words showing, so the draft holds all of them.
        deadline = typed_at + 30
        while not drafts_kept(server.db) and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(max(0.0, typed_at + DRAFT_SECONDS + 1.0 - time.monotonic()))
        assert server.app_processes(), "the app is not running on the server"
        # Drop the connection: kill the ssh client (and the pane's shell) at once.
        pane = subprocess.run([tmux, "display-message", "-p", "-t", term.name, "#{pane_pid}"],
                              capture_output=True, text=True, check=True).stdout.strip()
        os.killpg(int(pane), signal.SIGKILL)
    finally:
        term.close()
    # sshd hangs up the session and the app ends.
    deadline = time.monotonic() + 20
    while server.app_processes() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not server.app_processes(), "the app kept running after the connection dropped"

    store = open_store(server.db, site_key_path=server.site_key)
    try:
        plan = sign_in(store, DEMO_NAME, DEMO_PIN)
        saved = plan.section("crisis").fields.values()
        kept = [value for draft in plan.drafts() for value in draft.values.values()]
        assert any(words in text for text in [*saved, *kept]), (saved, kept)
    finally:
        store.close()


def drafts_kept(db: Path) -> bool:
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        return connection.execute("SELECT COUNT(*) FROM draft").fetchone()[0] > 0
    except sqlite3.OperationalError:  # busy for a moment
        return False
    finally:
        connection.close()
