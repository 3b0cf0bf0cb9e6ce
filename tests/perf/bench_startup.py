"""Start-up benchmarks: `recovery-plan --db FILE` (a demo database) beside a
bare Textual app (bare_app.py: Header, Static("Sign in to your plan"), Footer),
both started as real processes with the same Python in a pseudo-terminal of
80x24, alternating A B A B, ratios of medians.

1. Cold start: from spawning the process until the whole first screen is
   on the terminal: "Sign in to your plan" and the Footer's keys ("palette",
   the command palette key both footers show; Textual adds the keys in a
   later paint than the rest of the screen). Each time is taken when the
   bytes arrive, not after the output goes quiet. Aim: ratio under 1.05.
   The time to the sign-in text alone is reported too.
2. Peak memory: VmHWM (max RSS) from /proc/<pid>/status once the screen is
   whole. Aim: ratio under 1.1.

--profile also runs `python -X importtime -c "import tui.app"` once and prints
the 15 slowest cumulative imports.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

from tests.perf.terminal import PtyApp  # noqa: E402

SCRIPT = Path(sys.executable).with_name("recovery-plan")
SIGN_IN = b"Sign in to your plan"
FOOTER_KEYS = b"palette"
START_BOUND, MEMORY_BOUND = 1.05, 1.1


def peak_rss_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    raise RuntimeError(f"no VmHWM for process {pid}")


def start_once(argv: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Seconds from spawn to the sign-in text and to the whole screen (with the
    footer's keys), and the process's peak RSS in KiB then."""
    start = time.perf_counter()
    app = PtyApp(argv, env)
    try:
        text, footer = app.time_until([SIGN_IN, FOOTER_KEYS], start, limit=60.0)
        return text, max(text, footer), peak_rss_kib(app.process.pid)
    finally:
        app.close()


def measure(runs: int) -> tuple[list[tuple[float, float, int]], list[tuple[float, float, int]]]:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "plans.sqlite3"
        env = {**os.environ, "TERM": "xterm-256color", "RECOVERY_PLAN_NOW": "2026-11-26T10:00",
               "XDG_DATA_HOME": folder}
        subprocess.run([str(SCRIPT), "--db", str(db), "demo"], check=True, capture_output=True, env=env)
        app_argv = [str(SCRIPT), "--db", str(db)]
        bare_argv = [sys.executable, str(HERE / "bare_app.py")]
        start_once(app_argv, env), start_once(bare_argv, env)  # warm-up: page cache, .pyc files
        app_runs, bare_runs = [], []
        for index in range(runs):
            # alternate which goes first, so neither always follows the other
            if index % 2:
                bare_runs.append(start_once(bare_argv, env))
                app_runs.append(start_once(app_argv, env))
            else:
                app_runs.append(start_once(app_argv, env))
                bare_runs.append(start_once(bare_argv, env))
    return app_runs, bare_runs


def report(label: str, unit: str, app: float, bare: float, bound: float, bare_word: str) -> None:
    ratio = app / bare
    print(f"{label}: app median {app:.1f} {unit}, {bare_word} {bare:.1f} {unit}, "
          f"ratio {ratio:.2f} (bound {bound}){'  FAIL' if ratio > bound else ''}")


def profile_imports(top: int = 15) -> None:
    result = subprocess.run([sys.executable, "-X", "importtime", "-c", "import tui.app"],
                            capture_output=True, text=True, cwd=ROOT, check=True)
    rows = []
    for line in result.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        # "import time:  self [us] | cumulative | imported package"
        self_us, cumulative_us, name = line[len("import time:"):].split("|", 2)
        rows.append((int(cumulative_us), int(self_us), name))
    rows.sort(reverse=True)
    print(f"slowest {top} cumulative imports for `import tui.app` (one run, -X importtime):")
    for cumulative, self_us, name in rows[:top]:
        print(f"  {cumulative / 1000:7.1f} ms cumulative {self_us / 1000:6.1f} ms self  {name.rstrip()}")
    print("  (modules loaded with importlib.import_module, as by the lazy __getattr__ of tui.store and\n"
          "   textual.widgets, are not listed: their time counts as the importer's self time)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=9, help="interleaved A/B pairs (at least 7)")
    parser.add_argument("--profile", action="store_true",
                        help="also print the 15 slowest cumulative imports of tui.app")
    args = parser.parse_args()
    if args.runs < 7:
        parser.error("--runs must be at least 7")
    app_runs, bare_runs = measure(args.runs)
    report("cold start to the whole sign-in screen", "ms",
           statistics.median(t for _, t, _ in app_runs) * 1000,
           statistics.median(t for _, t, _ in bare_runs) * 1000, START_BOUND, "bare median")
    text_app = statistics.median(t for t, _, _ in app_runs) * 1000
    text_bare = statistics.median(t for t, _, _ in bare_runs) * 1000
    print(f"  (to the sign-in text alone: app {text_app:.1f} ms, bare {text_bare:.1f} ms, "
          f"ratio {text_app / text_bare:.2f})")
    report("peak memory", "MiB",
           statistics.median(m for _, _, m in app_runs) / 1024,
           statistics.median(m for _, _, m in bare_runs) / 1024, MEMORY_BOUND, "bare")
    if args.profile:
        profile_imports()


if __name__ == "__main__":
    main()
