"""A plan sealed by an older version of the store opens and reads back the
same: the associated data of every seal (table, row, column), the wrapping of
the data key by the PIN and by the recovery codes, and the name's lookup are
the same as they were (see tests/store/sealed_demo.py for how the files were
made, and when)."""

from __future__ import annotations

import json
import shutil

from tests.store import sealed_demo
from tui.content import demo
from tui.store import SECTION_FIELDS, open_store, sign_in, sign_in_with_code


def _opened_copy(tmp_path):
    """The committed files, copied (opening and signing in write to them)."""
    for source in (sealed_demo.DB, sealed_demo.SITE_KEY):
        shutil.copyfile(source, tmp_path / source.name)
    return open_store(tmp_path / sealed_demo.DB_NAME, existing_only=True)


def _expected() -> dict:
    return json.loads(sealed_demo.EXPECTED.read_text(encoding="utf-8"))


def test_every_part_reads_back_as_the_old_code_wrote_it(tmp_path):
    store = _opened_copy(tmp_path)
    try:
        plan = sign_in(store, demo.DEMO_NAME, demo.DEMO_PIN)
        assert sealed_demo.read_back(plan) == _expected()["read_back"]
    finally:
        store.close()


def test_the_words_are_the_demos_own(tmp_path):
    """Not only the same as the old code read them: the words the demo typed."""
    store = _opened_copy(tmp_path)
    try:
        plan = sign_in(store, demo.DEMO_NAME, demo.DEMO_PIN)
        assert plan.name == demo.DEMO_NAME
        assert plan.language == "es"
        assert plan.section("strengths").fields == {"strengths": demo.STRENGTHS}
        assert plan.section("vision").fields == {"vision": demo.VISION}  # restored
        assert plan.section("crisis").fields == demo.CRISIS_PLAN
        assert plan.section("overdose").fields == demo.OVERDOSE_PLAN
        assert plan.section("cravings").fields == demo.CRAVINGS
        assert set(SECTION_FIELDS) >= {"vision", "strengths", "crisis", "overdose", "cravings"}
        assert {g.text for g in plan.goals("short")} == {t for t, _i, _t in demo.SHORT_TERM_GOALS}
        assert [g.text for g in plan.goals("long")] == list(demo.LONG_TERM_GOALS)
        housing = next(g for g in plan.goals() if g.text == demo.HOUSING_GOAL)
        assert [s.specific for s in plan.steps(housing.id)] == [s[0] for s in demo.HOUSING_STEPS]
        answers = plan.toolkit_answers()
        assert {k: answers[k] for k in demo.TOOLKIT_ANSWERS} == demo.TOOLKIT_ANSWERS
        names = [c.name for c in plan.contacts()]
        assert names[:len(demo.CONTACTS)] == [c["name"] for c in demo.CONTACTS]
        assert [r.text for r in plan.reminders()] == [*demo.REMINDERS, "Día a día"]
        assert {d.place: (d.label, d.values) for d in plan.drafts()} == {
            place: (label, values) for place, (label, values) in sealed_demo.DRAFTS.items()}
        assert plan.guide_place().step == sealed_demo.GUIDE_STEP
    finally:
        store.close()


def test_a_recovery_code_of_the_old_code_opens_it(tmp_path):
    store = _opened_copy(tmp_path)
    try:
        code = _expected()["recovery_codes"][0]
        plan = sign_in_with_code(store, demo.DEMO_NAME, code, "a-new-pin-4821")
        assert plan.section("crisis").fields == demo.CRISIS_PLAN
        assert plan.recovery_codes_left() == _expected()["read_back"]["recovery_codes_left"] - 1
        again = sign_in(store, demo.DEMO_NAME, "a-new-pin-4821")
        assert sealed_demo.read_back(again)["contacts"] == _expected()["read_back"]["contacts"]
    finally:
        store.close()
