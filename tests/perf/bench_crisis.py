"""`recovery-plan crisis NAME --pin-stdin` beside a bare peewee script that
reads one row from the same database. Whole processes, alternating, the PIN's
key derivation (Argon2id at OWASP's parameters) included. Aim: ratio under 2.

Also prints the keys pressed from the sign-in screen to the crisis plan.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SCRIPT = Path(sys.executable).with_name("recovery-plan")

BARE_PEEWEE = """
import sys, peewee
db = peewee.SqliteDatabase(sys.argv[1])
db.connect()
print(db.execute_sql("SELECT naloxone_where FROM overdose_plan LIMIT 1").fetchone()[0])
db.close()
"""


def timed(command: list[str], stdin: bytes | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(command, input=stdin, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "plans.sqlite3"
        subprocess.run([str(SCRIPT), "--db", str(db), "demo"], check=True, capture_output=True)
        crisis = [str(SCRIPT), "--db", str(db), "crisis", "Demo", "--pin-stdin"]
        bare = [sys.executable, "-c", BARE_PEEWEE, str(db)]
        timed(crisis, b"975310\n"), timed(bare)
        crisis_times, bare_times = [], []
        for _ in range(args.runs):
            crisis_times.append(timed(crisis, b"975310\n"))
            bare_times.append(timed(bare))
    c, b = statistics.median(crisis_times), statistics.median(bare_times)
    print(f"recovery-plan crisis: median {c * 1000:.1f} ms over {args.runs} runs")
    print(f"bare peewee, one row: median {b * 1000:.1f} ms over {args.runs} runs")
    print(f"ratio {c / b:.2f} (aim under 2){'  FAIL' if c / b >= 2 else ''}")
    name, pin = "Demo", "975310"
    print(f"keys from sign-in to the crisis plan: {len(name)} (name) + 1 (F5) + {len(pin)} (PIN) "
          f"+ 1 (Enter) = {len(name) + len(pin) + 2}; 2 beyond the name and PIN")


if __name__ == "__main__":
    main()
