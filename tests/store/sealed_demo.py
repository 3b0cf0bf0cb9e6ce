"""A demo plan with every kind of part filled in, sealed by the code of its
day and kept under tests/store/data/, so a later version of the store must
open it and read back the same words: the associated data of every seal
(table, row, column) and the key wrapping may not change.

The files were made once, with the store as it was before `plans.py` became
a package (issue 21), by running this module:

    .venv/bin/python -m tests.store.sealed_demo

Never make them again with newer code: they are the old code's bytes.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
import sys
from datetime import date, datetime
from pathlib import Path

DATA = Path(__file__).parent / "data"
DB_NAME = "sealed_demo.sqlite3"
DB = DATA / DB_NAME
SITE_KEY = DATA / f"{DB_NAME}.site-key"
EXPECTED = DATA / "sealed_demo.json"

DRAFTS = {
    "section:crisis": ("Crisis plan", {"warning_signs": "I sleep all day. Café <b>[bold]"}),
    "goal:new": ("A new goal", {"text": "I want to learn to cook", "term": "short"}),
}
GUIDE_STEP = "goals"


def fill(store) -> dict:
    """The demo plan, then one of each part the demo leaves empty (a check-in,
    a draft, history, the walkthrough's place, a language, a goal and a step
    done); its recovery codes, to try one."""
    from tui.demo import create_demo

    plan = create_demo(store)
    codes = list(plan.recovery_codes)
    plan.set_language("es")
    goals = plan.goals("short")
    housing = next(g for g in goals if g.text.endswith("a place to live"))
    steps = plan.steps(housing.id)
    plan.complete_step(steps[0].id)
    plan.edit_step(steps[1].id, measurable="At least 6 listed, 3 called ñ")
    plan.check_in_step(steps[1].id, "not_yet", note="The phone ran out of minutes")
    long_goal = plan.goals("long")[0]
    plan.complete_goal(long_goal.id)
    plan.save_section("vision", {"vision": "A home of my own, with Pepper. 🐕"}, new_version=True)
    first = plan.section_history("vision")[-1]
    plan.restore_revision(first.id)
    plan.add_contact("Ana [link]", relationship="peer", roles=["helps", "checks_on_me"],
                     phone="555-0100", can_text=True, email="ana@example.org",
                     reachable="after 5", notes="She knows my plan")
    plan.add_reminder("Día a día")
    for place, (label, values) in DRAFTS.items():
        plan.save_draft(place, label, values)
    plan.keep_guide_place(GUIDE_STEP)
    return {"recovery_codes": codes}


def _plain(value):
    if dataclasses.is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, frozenset):
        return sorted(value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def read_back(plan) -> dict:
    """Every part of the plan, as plain JSON values."""
    from tui.store import SECTION_FIELDS

    goals = plan.goals()
    check_ins = plan.check_ins()
    return _plain({
        "name": plan.name,
        "language": plan.language,
        "goals": goals,
        "steps": {str(g.id): plan.steps(g.id) for g in goals},
        "sections": {name: plan.section(name) for name in SECTION_FIELDS},
        "history": {name: plan.section_history(name) for name in SECTION_FIELDS},
        "drafts": plan.drafts(),
        "contacts": plan.contacts(),
        "reminders": plan.reminders(),
        "check_ins": check_ins,
        "steps_done_since": [plan.steps_done_since(c) for c in check_ins],
        "guide_place": plan.guide_place(),
        "toolkit": plan.toolkit_answers(),
        "recovery_codes_left": plan.recovery_codes_left(),
        "changes_since": plan.changes_since(date(2026, 1, 1)),
        "steps_done_by_week": plan.steps_done_by_week(),
    })


def make(folder: Path) -> None:
    """Make the files in `folder`, with the tests' clock and PIN cost."""
    from tests.conftest import TEST_NOW
    from tui.content.demo import DEMO_NAME, DEMO_PIN
    from tui.store import clock, open_store, pins, sign_in

    clock.set_now(TEST_NOW)
    pins.KDF_COST = pins.Argon2Cost(memory_kib=8, passes=1, lanes=1)
    folder.mkdir(parents=True, exist_ok=True)
    work = folder / "work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    store = open_store(work / DB_NAME)
    extra = fill(store)
    store.close()
    store = open_store(work / DB_NAME)
    expected = {**extra, "read_back": read_back(sign_in(store, DEMO_NAME, DEMO_PIN))}
    store.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    store.db.execute_sql("VACUUM")
    store.close()
    shutil.copyfile(work / DB_NAME, folder / DB_NAME)
    shutil.copyfile(work / f"{DB_NAME}.site-key", folder / f"{DB_NAME}.site-key")
    (folder / "sealed_demo.json").write_text(
        json.dumps(expected, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    shutil.rmtree(work)


if __name__ == "__main__":
    make(Path(sys.argv[1]) if len(sys.argv) > 1 else DATA)
