"""Memory per session when many people use one server: 20 sessions of the app
at once, each in its own pseudo-terminal of 80x24, beside 20 of a bare
Textual app, as on a shared SSH server.

Each session's PSS (proportional set size, from /proc/PID/smaps_rollup:
memory shared between the sessions, such as Python's and the libraries' code,
counts once, split among them), summed and divided by the number of sessions:

1. at the sign-in screen, nothing typed yet (the app opens its database at
   the first key), beside bare_signin.py at its first screen (a bare Textual
   app with two Inputs and a Footer);
2. then, after name, F5, PIN, Enter in every session, signed in on the crisis
   plan, beside bare_signin.py after the same keys (the same key derivation,
   peewee and AES-GCM to read and open the text, then a bare screen with the
   same crisis plan text).

The app's sessions and the bare ones never run at the same time (their shared
pages would be split among both). Rounds alternate which side goes first.

    python tests/perf/bench_memory.py [--sessions 20] [--rounds 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from tests.perf.bench_signin import app_and_bare_sign_in  # noqa: E402
from tests.perf.terminal import PtyApp  # noqa: E402

F5 = b"\x1b[15~"
SESSIONS, ROUNDS = 20, 3
SIGN_IN_BOUND, CRISIS_BOUND = 1.15, 1.15


def pss_kib(pid: int) -> int:
    with open(f"/proc/{pid}/smaps_rollup") as rollup:
        for line in rollup:
            if line.startswith("Pss:"):
                return int(line.split()[1])
    raise RuntimeError(f"no Pss for process {pid}")


def per_session(argv: list[str], env: dict[str, str], sessions: int) -> tuple[float, float]:
    """MiB of PSS per session: at the sign-in screen, then on the crisis plan."""
    apps: list[PtyApp] = []
    try:
        for _ in range(sessions):
            apps.append(PtyApp(argv, env))
        for app in apps:
            app.wait_for(b"Sign in to your plan", limit=120)
        for app in apps:
            app.drain(0.1)
        time.sleep(0.5)
        for app in apps:
            app.drain(0.05)
        at_sign_in = sum(pss_kib(app.process.pid) for app in apps) / sessions / 1024
        for app in apps:
            app.send(b"Demo" + F5 + b"975310\r")
            app.wait_for(b"My crisis plan", limit=120)
        time.sleep(0.5)
        for app in apps:
            app.drain(0.05)
        on_crisis = sum(pss_kib(app.process.pid) for app in apps) / sessions / 1024
        return at_sign_in, on_crisis
    finally:
        for app in apps:
            app.close()


def memory_rounds(sessions: int = SESSIONS, rounds: int = ROUNDS
                  ) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
    """[(sign-in MiB, crisis MiB)] per round for the app and for bare_signin.py."""
    with tempfile.TemporaryDirectory() as folder:
        app_argv, bare_argv, env = app_and_bare_sign_in(folder)
        app_runs, bare_runs = [], []
        for index in range(rounds):
            if index % 2:
                bare_runs.append(per_session(bare_argv, env, sessions))
                app_runs.append(per_session(app_argv, env, sessions))
            else:
                app_runs.append(per_session(app_argv, env, sessions))
                bare_runs.append(per_session(bare_argv, env, sessions))
        return app_runs, bare_runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, default=SESSIONS)
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    args = parser.parse_args()
    app_runs, bare_runs = memory_rounds(args.sessions, args.rounds)
    for index, (label, bound) in enumerate((("at the sign-in screen", SIGN_IN_BOUND),
                                            ("signed in on the crisis plan", CRISIS_BOUND))):
        a = statistics.median(run[index] for run in app_runs)
        b = statistics.median(run[index] for run in bare_runs)
        print(f"PSS per session, {args.sessions} sessions {label}: app {a:.1f} MiB, "
              f"bare {b:.1f} MiB, ratio {a / b:.2f} (bound {bound}){'  FAIL' if a / b > bound else ''}")
        print(f"  (each round: app {[round(run[index], 1) for run in app_runs]}, "
              f"bare {[round(run[index], 1) for run in bare_runs]})")


if __name__ == "__main__":
    main()
