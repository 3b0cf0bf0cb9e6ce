"""Sign-in with the PIN's key derivation beside the same sign-in without it.

One store, one process, alternating A B A B: `sign_in` as shipped (Argon2id
at `pins.KDF_COST`, then AES-GCM unwrapping of the data key and opening the
name), and the same call with the Argon2id step replaced by one HMAC. The
difference is what the KDF costs a person at the keyboard; the ratio shows
how much of sign-in it is. Also times a wrong PIN for a name with a plan and
for a name without one (they should match: a check always derives a key).

--screen also times what a person feels: in a pseudo-terminal of 80x24, from
the Enter after name, F5 and PIN at the sign-in screen until the crisis plan's
title is on the terminal, beside the same keys to bare_signin.py (the same
key derivation, then a bare screen with the same crisis plan text):
interleaved pairs, fresh processes.

    python tests/perf/bench_signin.py [--runs 15] [--screen]
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from tests.perf.pairs import interleaved  # noqa: E402
from tests.perf.terminal import PtyApp  # noqa: E402
from tui.store import SignInError, create_person, crypto, open_store, pins, sign_in  # noqa: E402

PIN = "bench-pin-2026"
SCRIPT = Path(sys.executable).with_name("recovery-plan")
F5 = b"\x1b[15~"
SCREEN_BOUND = 1.3


def crisis_on_screen_once(argv: list[str], env: dict[str, str]) -> float:
    """Seconds from Enter after Demo's name, F5 and PIN at the sign-in screen
    until "My crisis plan" is on the terminal. The name, F5 and PIN go first,
    and a second passes (less than a person takes to type a PIN: the app opens
    its database at the first key) before the Enter and the clock start."""
    app = PtyApp(argv, env)
    try:
        app.wait_for(b"Sign in to your plan")
        app.drain(0.5)
        app.send(b"Demo" + F5 + b"975310")
        app.drain(1.0)
        start = time.perf_counter()
        app.send(b"\r")
        (elapsed,) = app.time_until([b"My crisis plan"], start)
        return elapsed
    finally:
        app.close()


def write_crisis_screen(db: Path, path: Path) -> str:
    """What the app's crisis plan screen shows of the demo plan (its title, the
    lines above the plan, the plan, the footer's keys), as JSON for bare_signin.py
    to show the same. A separate process: the app's modules stay out of this one."""
    code = """
import json, sys
from tui.app import RecoveryPlanApp
from tui.output.cards import PlanSnapshot, completeness, completeness_line
from tui.screens.crisis import CrisisScreen, section_view
from tui.store import open_store, sign_in
from tui.content.plan_parts import SECTION_TITLES
store = open_store(sys.argv[1])
snapshot = PlanSnapshot(sign_in(store, "Demo", "975310"))
overdose = snapshot.sections["overdose"]
view = section_view(snapshot, "crisis", numbered=True)
for name in ("overdose", "cravings"):
    view.append(SECTION_TITLES[name].upper() + "\\n")
    view.append_text(section_view(snapshot, name))
keys = [(b.key, b.description) for b in CrisisScreen.BINDINGS if b.show]
keys += [(b.key.split(",")[0], b.description) for b in RecoveryPlanApp.BINDINGS if b.show]
json.dump({
    "title": SECTION_TITLES["crisis"],
    "progress": "   ".join(completeness_line(*completeness(snapshot, n), t)
                           for n, t in (("crisis", "Crisis plan"), ("overdose", "Overdose plan"))),
    "quick": "\\n".join(f"{label} {overdose[field]}" for field, label in
                         (("naloxone_where", "Naloxone:"), ("check_in_how", "Check-in:"))),
    "text": view.plain, "keys": keys}, open(sys.argv[2], "w"))
store.close()
"""
    subprocess.run([sys.executable, "-c", code, str(db), str(path)], check=True, capture_output=True)
    return str(path)


def app_and_bare_sign_in(folder: str) -> tuple[list[str], list[str], dict[str, str]]:
    """A demo database in `folder`; the app's command line on it, bare_signin.py's
    (showing the same crisis plan screen), and the environment for both."""
    db = Path(folder) / "plans.sqlite3"
    env = {**os.environ, "TERM": "xterm-256color", "RECOVERY_PLAN_NOW": "2026-11-26T10:00",
           "XDG_DATA_HOME": folder}
    subprocess.run([str(SCRIPT), "--db", str(db), "demo"], check=True, capture_output=True, env=env)
    env["BARE_CRISIS_TEXT"] = write_crisis_screen(db, Path(folder) / "crisis.json")
    env["BARE_DB"] = str(db)
    return [str(SCRIPT), "--db", str(db)], [sys.executable, str(HERE / "bare_signin.py")], env


def crisis_on_screen_times(pairs: int) -> tuple[list[float], list[float]]:
    """The app on a demo database, and bare_signin.py: `pairs` interleaved pairs."""
    with tempfile.TemporaryDirectory() as folder:
        app_argv, bare_argv, env = app_and_bare_sign_in(folder)
        return interleaved(lambda: crisis_on_screen_once(app_argv, env),
                           lambda: crisis_on_screen_once(bare_argv, env), pairs)


def no_stretching(pin, salt, cost, site_key):
    return hmac.new(site_key, b"pin\0" + hashlib.sha256(pin.encode() + salt).digest(),
                    hashlib.sha256).digest()


def timed(call) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def wrong(store, name):
    def attempt():
        try:
            sign_in(store, name, "wrong-pin-00")
        except SignInError:
            pass
    return attempt


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--screen", action="store_true",
                        help="also time sign-in to the crisis plan on the terminal")
    args = parser.parse_args()
    real_pin_key = crypto.pin_key
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "plans.sqlite3")
        create_person(store, "With KDF", PIN)
        crypto.pin_key = no_stretching
        create_person(store, "Without KDF", PIN)
        crypto.pin_key = real_pin_key
        with_kdf, without, known, unknown = [], [], [], []
        for _ in range(args.runs):
            with_kdf.append(timed(lambda: sign_in(store, "With KDF", PIN)))
            crypto.pin_key = no_stretching
            without.append(timed(lambda: sign_in(store, "Without KDF", PIN)))
            crypto.pin_key = real_pin_key
            known.append(timed(wrong(store, "With KDF")))
            unknown.append(timed(wrong(store, "Nobody At All")))
            # wrong tries are counted: clear them so no wait starts
            store.write(lambda: store.db.execute_sql("DELETE FROM sign_in_attempt"))
        store.close()
    cost = pins.KDF_COST
    a, b = statistics.median(with_kdf) * 1000, statistics.median(without) * 1000
    print(f"KDF: Argon2id m={cost.memory_kib} KiB, t={cost.passes}, p={cost.lanes}, "
          "mixed with the site key by HMAC-SHA256; data key AES-256-GCM")
    print(f"sign-in with KDF: median {a:.1f} ms, without: {b:.1f} ms, "
          f"KDF share {a - b:.1f} ms, ratio {a / b:.1f}")
    k, u = statistics.median(known) * 1000, statistics.median(unknown) * 1000
    print(f"wrong PIN, name with a plan: {k:.1f} ms; name without: {u:.1f} ms; ratio {k / u:.2f}")
    if args.screen:
        app_runs, bare_runs = crisis_on_screen_times(max(args.runs, 7))
        a, b = statistics.median(app_runs) * 1000, statistics.median(bare_runs) * 1000
        print(f"Enter (after name, F5, PIN) to the crisis plan on screen: app {a:.1f} ms, "
              f"bare sign-in {b:.1f} ms, ratio {a / b:.2f} (bound {SCREEN_BOUND})"
              f"{'  FAIL' if a / b > SCREEN_BOUND else ''}")


if __name__ == "__main__":
    main()
