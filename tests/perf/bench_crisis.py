"""`recovery-plan crisis NAME --pin-stdin` beside a bare peewee script that
reads one row from the same database. Whole processes, in interleaved pairs, the PIN's key
derivation (Argon2id at OWASP's parameters) included. Aim: ratio under 1.5.

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

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.perf.pairs import interleaved  # noqa: E402

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


CRISIS_BOUND = 1.5


# The same script leaving out the drivers SQLite doesn't use, as the command
# does since peewee imports any it finds: a stricter baseline, for information
# (with the postgres extra installed, the script above spends much of its time
# importing psycopg).
BARE_PEEWEE_SQLITE_ONLY = """
import sys
for driver in ("psycopg", "psycopg2", "psycopg2cffi", "pymysql", "MySQLdb"):
    sys.modules.setdefault(driver, None)
""" + BARE_PEEWEE


def crisis_times(pairs: int, bare_script: str = BARE_PEEWEE) -> tuple[list[float], list[float]]:
    """Seconds for `recovery-plan crisis Demo --pin-stdin` and for the bare peewee
    script, each a whole process, `pairs` interleaved pairs."""
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "plans.sqlite3"
        subprocess.run([str(SCRIPT), "--db", str(db), "demo"], check=True, capture_output=True)
        crisis = [str(SCRIPT), "--db", str(db), "crisis", "Demo", "--pin-stdin"]
        bare = [sys.executable, "-c", bare_script, str(db)]
        return interleaved(lambda: timed(crisis, b"975310\n"), lambda: timed(bare), pairs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15, help="interleaved pairs (at least 7)")
    args = parser.parse_args()
    crisis_runs, bare_runs = crisis_times(args.runs)
    c, b = statistics.median(crisis_runs), statistics.median(bare_runs)
    print(f"recovery-plan crisis: median {c * 1000:.1f} ms over {args.runs} runs")
    print(f"bare peewee, one row: median {b * 1000:.1f} ms over {args.runs} runs")
    print(f"ratio {c / b:.2f} (aim under {CRISIS_BOUND:g}){'  FAIL' if c / b > CRISIS_BOUND else ''}")
    name, pin = "Demo", "975310"
    print(f"keys from sign-in to the crisis plan: {len(name)} (name) + 1 (F5) + {len(pin)} (PIN) "
          f"+ 1 (Enter) = {len(name) + len(pin) + 2}; 2 beyond the name and PIN")


if __name__ == "__main__":
    main()
