"""Every performance figure, each beside its baseline in the same run.

Each figure is a ratio of medians over interleaved pairs (A B, B A, ...; at
least 7), because the machine is shared and noisy: an absolute time means
little, and a slow spell hits both sides of a pair alike. One line per
figure: the two medians, the ratio and its bound, and FAIL where the ratio is
over the bound. Exit 1 if any figure fails.

1. Cold start to the whole sign-in screen, and peak memory then, beside a
   bare Textual app (bench_startup.py).
2. The PIN's Enter (after name, F5, PIN) to the crisis plan on screen, beside
   bare_signin.py: the same keys, the same key derivation, peewee and AES-GCM
   to read and open the text, then a bare screen with the same crisis plan
   text (bench_signin.py --screen).
3. `recovery-plan crisis NAME --pin-stdin` beside a bare peewee script
   reading one row (bench_crisis.py); and, for information, beside the same
   script without the database drivers SQLite doesn't use.
4. The first visit to each of F2 to F7 after sign-in, beside a bare Textual
   app pushing the same screen on the same plan (bench_visits.py).
5. Memory per session, 20 sessions at once: at the sign-in screen, and signed
   in on the crisis plan, beside 20 of bare_signin.py (bench_memory.py).
6. With 10,000 people: sign-in beside the same plan among 10 people, and
   opening the goal board of a 200-goal plan beside a 5-goal plan
   (bench_people.py, bench_board.py).
7. Bytes written to the terminal per cursor move on the goal board beside a
   bare DataTable showing the same cells, and the selected goal whole under
   it as the board does (bench_board.py).

The app's modules are compiled first (`compileall`), as installing a package
does: a checkout run with PYTHONDONTWRITEBYTECODE would otherwise compile
them again in every process, and the bare sides import nothing of ours.

    python tests/perf/run.py            # about 10 minutes
    python tests/perf/run.py --quick    # fewer pairs: about 6 minutes
"""

from __future__ import annotations

import argparse
import compileall
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.perf import (  # noqa: E402
    bench_board, bench_crisis, bench_memory, bench_people, bench_signin, bench_startup, bench_visits,
)
from tests.perf.pairs import Figure  # noqa: E402

# Pairs per figure: (--quick, full).
PAIRS = {
    "startup": (11, 21),  # about a second a pair; the noisiest figure
    "screen": (7, 11),
    "crisis": (9, 15),
    "visits": (7, 9),  # per key, F2 to F7
    "memory": (3, 3),  # rounds of 20 sessions a side
    "sign_in": (61, 101),  # about 30 ms each, mostly the key derivation: cheap to repeat
    "board": (7, 11),
    "bytes": (7, 11),  # rounds of 8 cursor moves
}
PEOPLE = 10_000


def report(figure: Figure, started: float) -> Figure:
    print(figure.line(), flush=True)
    print(f"  ({time.perf_counter() - started:.0f} s)", file=sys.stderr, flush=True)
    return figure


def ms(runs: list[float]) -> list[float]:
    return [run * 1000 for run in runs]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer pairs: under 5 minutes")
    args = parser.parse_args()
    pairs = {name: counts[0 if args.quick else 1] for name, counts in PAIRS.items()}
    from tui.store import clock

    clock.set_now(None)
    compileall.compile_dir(Path(__file__).resolve().parents[2] / "tui", quiet=1)
    figures: list[Figure] = []
    began = time.perf_counter()

    started = time.perf_counter()
    app_runs, bare_runs = bench_startup.measure(pairs["startup"])
    figures.append(report(Figure.of(
        "cold start to the whole sign-in screen", ms([t for _, t, _ in app_runs]),
        ms([t for _, t, _ in bare_runs]), "ms", bench_startup.START_BOUND, "bare Textual app"),
        started))
    figures.append(report(Figure.of(
        "peak memory at the sign-in screen", [m / 1024 for _, _, m in app_runs],
        [m / 1024 for _, _, m in bare_runs], "MiB", bench_startup.MEMORY_BOUND,
        "bare Textual app"), started))

    started = time.perf_counter()
    app_runs, bare_runs = bench_signin.crisis_on_screen_times(pairs["screen"])
    figures.append(report(Figure.of(
        "Enter (after name, F5, PIN) to the crisis plan on screen", ms(app_runs), ms(bare_runs), "ms",
        bench_signin.SCREEN_BOUND, "bare sign-in (same keys and KDF, same crisis text)"), started))

    started = time.perf_counter()
    crisis_runs, bare_runs = bench_crisis.crisis_times(pairs["crisis"])
    figures.append(report(Figure.of(
        "recovery-plan crisis (a whole process)", ms(crisis_runs), ms(bare_runs), "ms",
        bench_crisis.CRISIS_BOUND, "bare peewee script"), started))
    started = time.perf_counter()
    crisis_runs, bare_runs = bench_crisis.crisis_times(pairs["crisis"], bench_crisis.BARE_PEEWEE_SQLITE_ONLY)
    figures.append(report(Figure.of(
        "recovery-plan crisis (a whole process)", ms(crisis_runs), ms(bare_runs), "ms", None,
        "bare peewee script without the drivers SQLite doesn't use"), started))

    started = time.perf_counter()
    for key, (app_runs, bare_runs) in bench_visits.visit_times(pairs["visits"]).items():
        figures.append(report(Figure.of(
            f"first visit to {key.upper()} after sign-in", ms(app_runs), ms(bare_runs), "ms",
            bench_visits.VISIT_BOUND, "bare app pushing the same screen"), started))

    started = time.perf_counter()
    app_rounds, bare_rounds = bench_memory.memory_rounds(bench_memory.SESSIONS, pairs["memory"])
    figures.append(report(Figure.of(
        f"memory per session, {bench_memory.SESSIONS} sessions at the sign-in screen (PSS)",
        [r[0] for r in app_rounds], [r[0] for r in bare_rounds], "MiB", bench_memory.SIGN_IN_BOUND,
        "bare Textual app with Inputs"), started))
    figures.append(report(Figure.of(
        f"memory per session, {bench_memory.SESSIONS} sessions signed in on the crisis plan (PSS)",
        [r[1] for r in app_rounds], [r[1] for r in bare_rounds], "MiB", bench_memory.CRISIS_BOUND,
        "bare sign-in showing the same text"), started))

    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        big, few = bench_people.prepare(folder, PEOPLE)
        print(f"  (made {PEOPLE} people and the plans in {time.perf_counter() - started:.0f} s)",
              file=sys.stderr, flush=True)
        started = time.perf_counter()
        big_runs, few_runs = bench_people.sign_in_times(big, few, pairs["sign_in"])
        figures.append(report(Figure.of(
            f"sign-in among {PEOPLE:,} people", ms(big_runs), ms(few_runs), "ms",
            bench_people.SIGN_IN_BOUND, "among 10 people"), started))
        started = time.perf_counter()
        big_runs, small_runs = bench_board.board_open_times(
            (big, bench_people.BIG_PLAN), (big, bench_people.SMALL_PLAN), pairs["board"])
        figures.append(report(Figure.of(
            f"goal board open, 200 goals and 1,000 steps (among {PEOPLE:,} people)", ms(big_runs),
            ms(small_runs), "ms", bench_board.OPEN_BOUND, "5 goals"), started))

    started = time.perf_counter()
    board_rounds, bare_rounds = bench_board.cursor_bytes_rounds(pairs["bytes"])
    figures.append(report(Figure.of(
        "bytes to the terminal per cursor move, goal board", board_rounds, bare_rounds, "bytes",
        bench_board.BYTES_BOUND, "bare DataTable with the same cells and detail"), started))

    failed = [figure for figure in figures if figure.failed]
    print(f"{len(figures)} figures, {len(failed)} over their bound "
          f"({time.perf_counter() - began:.0f} s{', --quick' if args.quick else ''})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
