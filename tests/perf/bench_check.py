"""`recovery-plan check` beside a bare peewee script opening the same file.

Both run as whole processes, alternating, on a database holding the demo plan.
Prints the median of each and the ratio of medians.
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
print(db.execute_sql("PRAGMA integrity_check").fetchone()[0])
db.close()
"""


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "plans.sqlite3"
        subprocess.run([str(SCRIPT), "--db", str(db), "demo"], check=True, capture_output=True)
        check = [str(SCRIPT), "--db", str(db), "check"]
        bare = [sys.executable, "-c", BARE_PEEWEE, str(db)]
        timed(check), timed(bare)  # warm the file cache
        check_times, bare_times = [], []
        for _ in range(args.runs):
            check_times.append(timed(check))
            bare_times.append(timed(bare))
    check_median, bare_median = statistics.median(check_times), statistics.median(bare_times)
    print(f"recovery-plan check: median {check_median * 1000:.1f} ms over {args.runs} runs")
    print(f"bare peewee script:  median {bare_median * 1000:.1f} ms over {args.runs} runs")
    print(f"ratio {check_median / bare_median:.2f}")


if __name__ == "__main__":
    main()
