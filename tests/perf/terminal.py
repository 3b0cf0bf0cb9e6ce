"""Run a command in a pseudo-terminal of a fixed size and count what it writes."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import termios
import time


class PtyApp:
    def __init__(self, argv: list[str], env: dict[str, str], size=(80, 24)):
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        self.process = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True,
        )
        os.close(slave)
        self.received = bytearray()

    def read_until_quiet(self, quiet: float = 0.5, limit: float = 30.0) -> bytes:
        """Read until nothing arrives for `quiet` seconds; return what arrived."""
        chunk = bytearray()
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.master], [], [], quiet)
            if not ready:
                break
            try:
                data = os.read(self.master, 65536)
            except OSError:
                break
            chunk += data
        self.received += chunk
        return bytes(chunk)

    def drain(self, seconds: float) -> None:
        """Read whatever arrives for `seconds` (a blinking cursor never goes quiet)."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            ready, _, _ = select.select([self.master], [], [], left)
            if ready:
                try:
                    self.received += os.read(self.master, 65536)
                except OSError:
                    return

    def wait_for(self, text: bytes, limit: float = 30.0) -> None:
        deadline = time.monotonic() + limit
        while text not in self.received and time.monotonic() < deadline:
            self.read_until_quiet(quiet=0.2, limit=1.0)
        if text not in self.received:
            raise RuntimeError(f"{text!r} never appeared; the last output:\n{self.tail()}")

    def tail(self, size: int = 1500) -> str:
        """The end of the output so far, escape sequences removed (for error messages)."""
        import re

        text = re.sub(rb"\x1b\[[0-9;?]*[A-Za-z]", b" ", bytes(self.received[-size * 4:]))
        return " ".join(text.decode("utf-8", "replace").split())[-size:]

    def time_until(self, texts: list[bytes], start: float, limit: float = 30.0) -> list[float]:
        """Seconds from `start` (a time.perf_counter() value) until each of `texts`
        first appeared in the output, read as it arrives (no waiting for quiet)."""
        found: dict[bytes, float] = {}
        deadline = time.monotonic() + limit
        while len(found) < len(texts) and time.monotonic() < deadline:
            ready, _, _ = select.select([self.master], [], [], 0.5)
            if not ready:
                continue
            try:
                data = os.read(self.master, 65536)
            except OSError:
                break
            now = time.perf_counter()
            self.received += data
            for text in texts:
                if text not in found and text in self.received:
                    found[text] = now - start
        missing = [text for text in texts if text not in found]
        if missing:
            raise RuntimeError(f"{missing!r} never appeared; the last output:\n{self.tail()}")
        return [found[text] for text in texts]

    def send(self, data: bytes) -> None:
        os.write(self.master, data)

    def close(self) -> None:
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        self.process.wait(timeout=10)
        os.close(self.master)
