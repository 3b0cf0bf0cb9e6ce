"""The app in a browser beside the app at a terminal, in the same run, A B A B:

1. Start-up: from asking Chromium for the page until the whole sign-in screen
   (the sign-in text and the footer's keys) is in the page's terminal, beside
   from spawning `recovery-plan` in an 80x24 pseudo-terminal until the same
   bytes arrive (bench_startup's measure). The browser's time includes the page,
   its script, the websocket and the app process the server starts for it.
2. Memory per session: the server's app process for one tab (VmRSS, and VmHWM,
   its peak) at the sign-in screen and after signing in to the crisis plan,
   beside the terminal app's at the same two moments. The server's own
   process is reported once (it is shared by every session).

Needs Debian's chromium and the web extra. Run alone:

    .venv/bin/python tests/perf/bench_browser.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

from tests.perf.bench_signin import F5  # noqa: E402
from tests.perf.bench_startup import SCRIPT, start_once  # noqa: E402
from tests.perf.terminal import PtyApp  # noqa: E402
from tests.web.cdp import Browser, find_chromium  # noqa: E402
from tests.web.conftest import Served, sign_in_to_crisis  # noqa: E402


def status_kib(pid: int, field: str) -> int:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise RuntimeError(f"no {field} for process {pid}")


def browser_once(browser: Browser, served: Served, sign_in: bool) -> dict[str, float]:
    tab = browser.new_tab()
    started = tab.open(served.url)
    tab.wait_for("Sign in to your plan", timeout=60)
    tab.wait_for("palette", timeout=60)
    result = {"start": time.monotonic() - started}
    [pid] = served.wait_for_app_processes(1)
    result["rss_sign_in"] = status_kib(pid, "VmRSS")
    if sign_in:
        sign_in_to_crisis(tab)
        tab.wait_for("front pocket of my backpack")
        result["rss_crisis"] = status_kib(pid, "VmRSS")
        result["hwm_crisis"] = status_kib(pid, "VmHWM")
    tab.close()
    served.wait_for_app_processes(0)
    return result


def terminal_crisis_kib(argv: list[str], env: dict[str, str]) -> tuple[int, int]:
    """The terminal app's (VmRSS, VmHWM) once signed in to the crisis plan."""
    app = PtyApp(argv, env)
    try:
        app.wait_for(b"Sign in to your plan")
        app.drain(1.0)
        app.send(b"Demo" + F5 + b"975310\r")
        app.wait_for(b"front pocket")
        app.drain(0.5)
        return status_kib(app.process.pid, "VmRSS"), status_kib(app.process.pid, "VmHWM")
    finally:
        app.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="interleaved pairs")
    runs = parser.parse_args().runs
    chromium = find_chromium()
    if chromium is None:
        raise SystemExit("needs chromium (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        db = folder / "plans.sqlite3"
        env = {**os.environ, "TERM": "xterm-256color", "RECOVERY_PLAN_NOW": "2026-11-26T10:00",
               "XDG_DATA_HOME": str(folder)}
        subprocess.run([str(SCRIPT), "--db", str(db), "demo"], check=True, capture_output=True,
                       env=env)
        served = Served(folder, db, env)
        browser = Browser(chromium, folder / "browser")
        try:
            terminal_argv = [str(SCRIPT), "--db", str(db)]
            browser_once(browser, served, False), start_once(terminal_argv, env)  # warm-up
            web, terminal = [], []
            for index in range(runs):
                if index % 2:
                    terminal.append(start_once(terminal_argv, env))
                    web.append(browser_once(browser, served, True))
                else:
                    web.append(browser_once(browser, served, True))
                    terminal.append(start_once(terminal_argv, env))
            server_rss = status_kib(served.process.pid, "VmRSS")
            terminal_crisis = [terminal_crisis_kib(terminal_argv, env) for _ in range(3)]
        finally:
            browser.close()
            served.stop()
            shutil.rmtree(folder / "browser", ignore_errors=True)

    def median(values) -> float:
        return statistics.median(values)

    web_start = median(run["start"] for run in web)
    term_start = median(run[1] for run in terminal)
    print(f"page asked for -> whole sign-in screen: browser median {web_start * 1000:.0f} ms; "
          f"terminal (spawn -> whole sign-in screen) {term_start * 1000:.0f} ms; "
          f"ratio {web_start / term_start:.2f}")
    term_peak = median(run[2] for run in terminal) / 1024
    print(f"memory per browser session (the server's app process): at sign-in "
          f"{median(r['rss_sign_in'] for r in web) / 1024:.1f} MiB RSS, signed in to the crisis "
          f"plan {median(r['rss_crisis'] for r in web) / 1024:.1f} MiB RSS "
          f"(peak {median(r['hwm_crisis'] for r in web) / 1024:.1f} MiB); "
          f"terminal app at sign-in: peak {term_peak:.1f} MiB, signed in to the crisis plan "
          f"{median(rss for rss, _ in terminal_crisis) / 1024:.1f} MiB RSS "
          f"(peak {median(hwm for _, hwm in terminal_crisis) / 1024:.1f} MiB)")
    print(f"the server itself (shared by all sessions): {server_rss / 1024:.1f} MiB RSS; "
          f"{runs} pairs")


if __name__ == "__main__":
    main()
