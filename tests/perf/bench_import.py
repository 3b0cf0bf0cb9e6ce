"""An import of 1,200 goals, and a crisis lookup in another process during it
(issue 17). Whole `recovery-plan` processes at the real key-derivation cost,
in interleaved pairs:

- linear, not quadratic: `import` of 1,200 goals beside ten times the time of
  an import of 120 goals (bound 1.5; it was about 23 before, 48 s for 1,200);
- a `recovery-plan crisis` started while a 1,200-goal import runs, beside the
  same lookup with nothing else running (bound 2.0), and it must open the
  plan (not refused as busy, not read-only) within 2 s.

    .venv/bin/python tests/perf/bench_import.py [--runs 7]
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.perf.pairs import Figure, interleaved  # noqa: E402
from tests.store.big_plan import big_plan_text  # noqa: E402

SCRIPT = Path(sys.executable).with_name("recovery-plan")
LINEAR_BOUND = 1.5  # 1,200 goals beside 10 x 120 goals: 1 when linear
DURING_BOUND = 2.0
DURING_LIMIT_SECONDS = 2.0
PIN = "a-long-pin-2026"


def _timed(command: list[str], stdin: bytes | None = None) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, input=stdin, capture_output=True)
    took = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {done.stderr.decode()}")
    return took


def import_times(folder: Path, pairs: int) -> tuple[list[float], list[float]]:
    """(seconds to import 1,200 goals, ten times the seconds to import 120)."""
    files = {}
    for goals in (1200, 120):
        files[goals] = folder / f"plan-{goals}.json"
        files[goals].write_text(big_plan_text("Imported", goals))
    serial = iter(range(10_000))

    def one(goals: int) -> float:
        db = folder / f"import-{next(serial)}.sqlite3"
        return _timed([str(SCRIPT), "--db", str(db), "import", str(files[goals]), "--pin-stdin"],
                      f"{PIN}\n".encode())

    return interleaved(lambda: one(1200), lambda: 10 * one(120), pairs)


def _aside_made(db: Path) -> bool:
    try:
        connection = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True, timeout=0.1)
        try:
            return connection.execute(
                "SELECT COUNT(*) FROM person WHERE lookup LIKE 'import:%'").fetchone()[0] > 0
        finally:
            connection.close()
    except sqlite3.Error:
        return False


def crisis_during_import_times(folder: Path, pairs: int) -> tuple[list[float], list[float]]:
    """(seconds for `crisis` while a 1,200-goal import runs, seconds with nothing running)."""
    plan_file = folder / "during.json"
    plan_file.write_text(big_plan_text("Imported", 1200))
    serial = iter(range(10_000))
    crisis_args = ["crisis", "--name-stdin", "--pin-stdin"]

    def fresh() -> Path:
        db = folder / f"crisis-{next(serial)}.sqlite3"
        subprocess.run([str(SCRIPT), "--db", str(db), "demo"], check=True, capture_output=True)
        return db

    def during() -> float:
        db = fresh()
        importer = subprocess.Popen(
            [str(SCRIPT), "--db", str(db), "import", str(plan_file), "--pin-stdin"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        importer.stdin.write(f"{PIN}\n".encode())
        importer.stdin.close()
        deadline = time.monotonic() + 30
        while not _aside_made(db) and time.monotonic() < deadline:
            time.sleep(0.005)
        start = time.perf_counter()
        done = subprocess.run([str(SCRIPT), "--db", str(db), *crisis_args],
                              input=b"Demo\n975310\n", capture_output=True)
        took = time.perf_counter() - start
        still_importing = importer.poll() is None
        importer.wait(timeout=120)
        if done.returncode != 0 or b"naloxone" not in done.stdout.lower():
            raise SystemExit(f"the crisis lookup during an import failed: {done.stderr.decode()}")
        if not still_importing:
            print("  (the import ended before the lookup did)", file=sys.stderr)
        return took

    def alone() -> float:
        db = fresh()
        return _timed([str(SCRIPT), "--db", str(db), *crisis_args], b"Demo\n975310\n")

    return interleaved(during, alone, pairs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7, help="interleaved pairs (at least 7)")
    args = parser.parse_args()
    failed = False
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        big, small = import_times(folder, args.runs)
        linear = Figure.of("import of 1,200 goals (a whole process)", [t * 1000 for t in big],
                           [t * 1000 for t in small], "ms", LINEAR_BOUND,
                           "10 x an import of 120 goals")
        print(linear.line())
        during, alone = crisis_during_import_times(folder, args.runs)
        beside = Figure.of("recovery-plan crisis during a 1,200-goal import",
                           [t * 1000 for t in during], [t * 1000 for t in alone], "ms",
                           DURING_BOUND, "with nothing else running")
        print(beside.line())
        slowest = max(during)
        print(f"slowest crisis lookup during an import: {slowest:.2f} s "
              f"(limit {DURING_LIMIT_SECONDS:.0f} s){'  FAIL' if slowest > DURING_LIMIT_SECONDS else ''}")
        print(f"import of 1,200 goals: median {statistics.median(big):.2f} s, "
              f"slowest {max(big):.2f} s")
        failed = linear.failed or beside.failed or slowest > DURING_LIMIT_SECONDS
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
