"""A child process that saves through the store, for the crash and
concurrency tests. Run with the test's own Python:

    python save_worker.py crash DB NAME PIN TAG
    python save_worker.py load DB NAME SHARED_NAME PIN SECONDS PAUSE GO_FILE

Every line it prints says one save is done, and is printed (and flushed)
only after the store call returned:

    goal<TAB>text          a goal added to NAME's plan
    shared<TAB>text        a goal added to SHARED_NAME's plan
    vision<TAB>text        NAME's vision saved with this text
    step<TAB>goal text<TAB>step text
    busy<TAB>what          the store said the database was busy (nothing saved)

The database is a SQLite file or a PostgreSQL URL; for a URL the site key
file is named by RECOVERY_PLAN_TEST_SITE_KEY.

`crash` saves until it is killed. `load` waits for GO_FILE to exist, saves
for SECONDS (resting a random 0 to PAUSE seconds after each save), then prints `done<TAB>seconds` (its slowest save, busy or not)
and exits.
"""

from __future__ import annotations

import os
import random
import sys
import time


def say(*parts: str) -> None:
    sys.stdout.write("\t".join(parts) + "\n")
    sys.stdout.flush()


def crash(db: str, name: str, pin: str, tag: str) -> None:
    from tui.store import open_store, sign_in

    store = open_store(db, site_key_path=os.environ.get("RECOVERY_PLAN_TEST_SITE_KEY") or None)
    plan = sign_in(store, name, pin)
    say("ready")
    i = 0
    while True:
        text = f"{tag} goal {i}"
        goal = plan.add_goal(text)
        say("goal", text)
        vision = f"{tag} vision {i}"
        plan.save_section("vision", {"vision": vision})
        say("vision", vision)
        if i % 3 == 0:
            step = f"{tag} step {i}"
            plan.add_step(goal.id, specific=step, when="in 3 days")
            say("step", text, step)
        i += 1


def load(db: str, name: str, shared_name: str, pin: str, seconds: float, pause: float,
         go_file: str) -> None:
    from tui.store import DatabaseBusyError, open_store, sign_in

    store = open_store(db, site_key_path=os.environ.get("RECOVERY_PLAN_TEST_SITE_KEY") or None)
    own = sign_in(store, name, pin)
    shared = sign_in(store, shared_name, pin)
    say("ready")
    while not os.path.exists(go_file):
        time.sleep(0.01)
    deadline = time.monotonic() + seconds
    slowest = 0.0
    i = 0
    while time.monotonic() < deadline:
        saves = [("goal", lambda text: own.add_goal(text), f"{name} goal {i}"),
                 ("vision", lambda text: own.save_section("vision", {"vision": text}),
                  f"{name} vision {i}")]
        if i % 2 == 0:
            saves.append(("shared", lambda text: shared.add_goal(text), f"{name} shared {i}"))
        for kind, save, text in saves:
            started = time.monotonic()
            try:
                save(text)
            except DatabaseBusyError as error:
                say("busy", kind, str(error))
            else:
                say(kind, text)
            slowest = max(slowest, time.monotonic() - started)
            time.sleep(random.uniform(0.0, pause))
        i += 1
    store.close()
    say("done", f"{slowest:.3f}")


if __name__ == "__main__":
    mode, *args = sys.argv[1:]
    if mode == "crash":
        crash(*args)
    elif mode == "load":
        db, name, shared_name, pin, seconds, pause, go_file = args
        load(db, name, shared_name, pin, float(seconds), float(pause), go_file)
    else:
        raise SystemExit(f"unknown mode {mode}")
