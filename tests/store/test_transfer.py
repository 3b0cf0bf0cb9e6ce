"""A whole plan to a JSON file and back (tui.store.transfer): round trips, and
every kind of broken file refused in one line with nothing changed."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, assume, given, settings, strategies as st

from tests.conftest import TEST_NOW, TEST_PIN, all_rows
from tui.content.demo import DEMO_NAME, DEMO_PIN
from tui.content.toolkit import TOOLKIT
from tui.demo import create_demo
from tui.store import (
    CONTACT_ROLES, SECTION_FIELDS, DatabaseError, InputError, NameTakenError, Plan, SignInError,
    StoreError, audit, clock, create_person, delete_plan, sign_in, transfer,
)
from tui.store.dates import parse_due_date
from tui.store.text import LONG_LIMIT, NAME_LIMIT, SHORT_LIMIT
from tui.store.transfer import ImportFileError, import_plan, plan_document, read_document
from tui.store.plans.sections import SectionsPart

TODAY = TEST_NOW.date()
NEW_PIN = "a new pin 42"
QUESTIONS = [q.key for group in TOOLKIT for q in group.questions]


def body(document: dict) -> dict:
    """A document without its one timestamp."""
    return {key: value for key, value in document.items() if key != "exported_at"}


def export_text(plan: Plan, **options) -> str:
    return transfer.dumps(plan_document(plan, **options))


def reimport(store, plan: Plan, pin: str = NEW_PIN) -> Plan:
    """Export `plan`, delete it, import the file: the plan as a file made it again."""
    plan_file = read_document(export_text(plan).encode())
    assert delete_plan(store, plan.name)
    return import_plan(store, plan_file, pin)


def database_rows(store) -> dict[str, list]:
    """Every row of every table, read beside the store's own connection."""
    return all_rows(store.db)


# ----------------------------------------------------------------------------
# The plan, whole


def busy_plan(store) -> Plan:
    """The demo plan, lived in: steps typed on other days in words, some done
    on days gone by, a goal reached, a toolkit answer left blank."""
    create_demo(store)
    plan = sign_in(store, DEMO_NAME, DEMO_PIN)
    housing = next(g for g in plan.goals("short") if g.text == "I want to find a place to live")
    first, second, _ = plan.steps(housing.id)
    clock.set_now(datetime(2026, 10, 5, 9, 30))  # a Monday
    for when in ("next Friday", "in 3 months", "end of the week", "Dec 4", "tomorrow",
                 "this time next week"):
        plan.add_step(housing.id, specific=f"A step by {when}", when=when)
    unread = plan.add_step(housing.id, specific="A step by someday soon")
    plan.edit_step(unread.id, when="someday soon", keep_unread_when=True)  # as a screen left
    plan.complete_step(first.id)
    clock.set_now(datetime(2026, 10, 20, 18, 0))
    plan.complete_step(second.id)
    ged = plan.goals("long")[0]
    plan.add_goal("Get my driver's license back", "long", date(2027, 6, 1))
    plan.complete_goal(ged.id)
    plan.save_toolkit_answer("works.calm", "")
    clock.set_now(TEST_NOW)
    return plan


def test_the_demo_plan_round_trips(store):
    create_demo(store)
    plan = sign_in(store, DEMO_NAME, DEMO_PIN)
    before = plan_document(plan)
    after = plan_document(reimport(store, plan))
    assert body(after) == body(before)
    assert before["plan"]["name"] == "Demo" and before["format_version"] == 1


def test_a_lived_in_plan_round_trips_even_when_imported_on_a_later_day(store):
    plan = busy_plan(store)
    before = plan_document(plan)
    clock.set_now(datetime(2027, 3, 9, 14, 0))  # words like "next Friday" mean other days now
    after = plan_document(reimport(store, plan))
    assert body(after) == body(before)
    steps = {s["specific"]: s for g in after["plan"]["goals"] for s in g["steps"]}
    assert steps["A step by next Friday"]["due_date"] == "2026-10-16"
    assert steps["A step by in 3 months"]["due_date"] == "2027-01-05"
    assert steps["A step by end of the week"]["due_date"] == "2026-10-11"
    assert steps["A step by someday soon"]["due_date"] is None
    assert steps["A step by someday soon"]["when_text"] == "someday soon"
    done = [s["done_on"] for s in steps.values() if s["done"]]
    assert done == ["2026-10-05", "2026-10-20"]
    goals = {g["text"]: g for g in after["plan"]["goals"]}
    assert goals["I want to finish my GED"]["done_on"] == "2026-10-20"
    assert goals["Get my driver's license back"]["target_date"] == "2027-06-01"


def test_both_orders_of_the_goals_come_back(store):
    create_demo(store)
    plan = reimport(store, sign_in(store, DEMO_NAME, DEMO_PIN))
    got = [(g.text, g.importance, g.timeline) for g in plan.goals("short")]
    assert got == [
        ("I want to get back in touch with my brother", 1, 3),
        ("I want to find a place to live", 2, 1),
        ("I want to go to a naloxone training", 3, 2),
        ("I want to get a better job", 4, 4),  # the guide's tie, kept (by time within it)
        ("I want to quit smoking", 4, 5),
    ]


def test_the_export_holds_every_part_of_the_plan(store):
    plan = busy_plan(store)
    document = plan_document(plan)
    assert list(document) == ["format", "format_version", "exported_at", "plan"]
    assert document["exported_at"] == "2026-11-26T10:00:00"
    part = document["plan"]
    # A new part of the plan must be added to the format (and its version) on purpose.
    assert list(part) == ["name", "vision", "strengths", "crisis", "overdose", "cravings",
                          "toolkit", "goals", "contacts", "reminders"]
    assert set(SECTION_FIELDS) == {"vision", "strengths", "crisis", "overdose", "cravings"}
    assert list(part["crisis"]) == list(SECTION_FIELDS["crisis"])
    assert list(part["goals"][0]) == list(transfer.GOAL_KEYS)
    steps = [s for g in part["goals"] for s in g["steps"]]
    assert steps and all(list(s) == list(transfer.STEP_KEYS) for s in steps)
    assert list(part["contacts"][0]) == list(transfer.CONTACT_KEYS)
    assert part["contacts"][0]["roles"] == ["checks_on_me", "helps"]
    assert list(part["toolkit"]) == [q for q in QUESTIONS if q in part["toolkit"]]
    assert part["toolkit"]["works.calm"] == ""


def test_the_export_is_recorded_by_the_caller_and_the_import_by_itself(store):
    create_demo(store)
    plan = reimport(store, sign_in(store, DEMO_NAME, DEMO_PIN))
    events = audit.events(store, person_id=plan.person_id, limit=1000)
    assert events[0].event == "plan_created" and events[-1].event == "imported"
    assert events[-1].detail == "json"


def test_dates_from_the_file_do_not_backdate_the_audit_trail(store):
    plan = busy_plan(store)
    clock.set_now(datetime(2027, 3, 9, 14, 0))
    plan = reimport(store, plan)
    events = audit.events(store, person_id=plan.person_id, limit=1000)
    made = max(i for i, e in enumerate(events) if e.event == "plan_created")
    assert {e.at for e in events[made:]} == {datetime(2027, 3, 9, 14, 0)}
    assert clock.today() == date(2027, 3, 9)  # the clock is itself again


def test_history_is_left_out_unless_asked_for(store):
    plan = create_person(store, "Sam", TEST_PIN)
    clock.set_now(datetime(2026, 11, 1, 9, 0))
    plan.save_section("vision", {"vision": "A home"})
    clock.set_now(datetime(2026, 11, 20, 9, 0))
    plan.save_section("vision", {"vision": "A home and a dog"})
    assert "history" not in plan_document(plan)
    history = plan_document(plan, history=True)["history"]
    assert list(history) == list(SECTION_FIELDS)
    assert [(r["saved_at"], r["fields"]) for r in history["vision"]] == [
        ("2026-11-01T09:00:00", {"vision": "A home"}),
        ("2026-11-20T09:00:00", {"vision": "A home and a dog"}),
    ]
    assert history["crisis"] == []
    plan_file = read_document(export_text(plan, history=True).encode())
    assert plan_file.history_revisions == 2


def test_history_fails_plainly_where_the_store_keeps_none(store, monkeypatch):
    plan = create_person(store, "Sam", TEST_PIN)
    monkeypatch.delattr(SectionsPart, "section_history")
    with pytest.raises(transfer.HistoryUnavailableError, match="--history can't be used"):
        plan_document(plan, history=True)


def test_unsafe_characters_are_escaped_in_the_file_and_come_back_exactly(store):
    plan = create_person(store, "Sam", TEST_PIN)
    tricky = "red \x1b[31m title \x1b]0;owned\x07 csi \x9b2J rtl \u202egnp.exe\u202c lrm \u200f del \x7f"
    plan.save_section("vision", {"vision": tricky})
    plan.add_reminder("line\u2028separator 🙂")
    text = export_text(plan)
    for char in ("\x1b", "\x07", "\x9b", "\u202e", "\u202c", "\x7f", "\u2028"):
        assert char not in text
    assert "\\u001b[31m" in text and "\\u202e" in text and "🙂" in text
    document = json.loads(text)
    assert document["plan"]["vision"] == tricky
    assert body(plan_document(reimport(store, plan))) == body(document)


def test_import_under_another_name_and_a_taken_name_is_refused_untouched(store):
    create_demo(store)
    plan = sign_in(store, DEMO_NAME, DEMO_PIN)
    plan_file = read_document(export_text(plan).encode())
    before = database_rows(store)
    with pytest.raises(NameTakenError):
        import_plan(store, plan_file, NEW_PIN)
    assert database_rows(store) == before
    copy = import_plan(store, transfer.renamed(plan_file, "Demo Two"), NEW_PIN)
    assert copy.name == "Demo Two"
    assert body(plan_document(copy))["plan"] | {"name": "Demo"} == body(plan_document(plan))["plan"]
    with pytest.raises(InputError):
        transfer.renamed(plan_file, "   ")


def test_a_bad_new_pin_is_refused_before_anything_is_made(store):
    create_demo(store)
    plan_file = read_document(export_text(sign_in(store, DEMO_NAME, DEMO_PIN)).encode())
    before = database_rows(store)
    with pytest.raises(InputError, match="at least 6"):
        import_plan(store, transfer.renamed(plan_file, "Other"), "123")
    assert database_rows(store) == before


@pytest.mark.parametrize("failure", [DatabaseError("The disk is full."), RuntimeError("bug")])
def test_a_failure_midway_leaves_no_half_made_plan(store, monkeypatch, failure):
    create_demo(store)
    plan_file = read_document(export_text(sign_in(store, DEMO_NAME, DEMO_PIN)).encode())
    plan_file = transfer.renamed(plan_file, "Half")
    before = database_rows(store)
    calls = []

    def add_contact(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise failure
        return real(self, *args, **kwargs)

    real = Plan.add_contact
    monkeypatch.setattr(Plan, "add_contact", add_contact)
    with pytest.raises(StoreError) as raised:
        import_plan(store, plan_file, NEW_PIN)
    assert "\n" not in str(raised.value)
    assert len(calls) == 2  # goals, steps and a contact were made, then rolled back
    assert database_rows(store) == before
    with pytest.raises(SignInError):
        sign_in(store, "Half", NEW_PIN)


# ----------------------------------------------------------------------------
# Any plan, with odd text: generated


any_char = st.characters(blacklist_categories=("Cs",))
ODD = ["🙂👩🏽‍🦱🏳️‍🌈", "\u202eevil\u202c", "\u200fשלום\u200e", "مرحبا", "\x1b[2J\x1b[H",
       "\x1b]52;c;bad\x07", "\x00nul", "tab\there\r\nline", "\x9b31m", "\ufeffbom", "\u2028",
       "[bold]markup[/]", '"quoted" \\ back', "  spaces  "]


def odd_text(limit: int, required: bool = False):
    texts = st.one_of(st.text(alphabet=any_char, max_size=min(limit, 40)), st.sampled_from(ODD),
                      st.sampled_from(ODD).map(lambda s: (s * limit)[:limit]))
    return texts.filter(lambda s: s.strip()) if required else texts


PHRASES = ["", "tomorrow", "next Friday", "friday", "in 3 days", "in 2 months", "Dec 4", "2/29",
           "2027-01-15", "end of the week", "by this time next week", "next month",
           "someday soon", "2026-02-30", "in 4000 days"]
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))


@st.composite
def steps(draw):
    when = draw(st.one_of(st.sampled_from(PHRASES), odd_text(SHORT_LIMIT)))
    try:
        due = parse_due_date(when, draw(days))
    except InputError:
        due = None
    done = draw(st.booleans())
    return {
        "specific": draw(odd_text(SHORT_LIMIT)), "measurable": draw(odd_text(SHORT_LIMIT)),
        "achievable": draw(odd_text(SHORT_LIMIT)), "when_text": when,
        "due_date": due and due.isoformat(), "bring": draw(odd_text(SHORT_LIMIT)),
        "done": done, "done_on": draw(days).isoformat() if done else None,
    }


@st.composite
def goals(draw, term):
    count = draw(st.integers(0, 4))
    timeline = draw(st.permutations(range(1, count + 1)))
    # Importance may be tied (the guide's own table has two goals at 4): each
    # goal after the first shares the last one's number, or takes the next.
    importance = [1]
    for _goal in range(1, count):
        importance.append(importance[-1] + (0 if draw(st.booleans()) else 1))
    # A plan lists its goals by importance, a tie in timeline order.
    places = sorted(zip(importance, timeline))
    found = []
    for importance_n, timeline_n in places:
        reached = draw(st.booleans())
        found.append({
            "text": draw(odd_text(SHORT_LIMIT, required=True)), "term": term,
            "importance": importance_n, "timeline": timeline_n,
            "status": "done" if reached else "active",
            "target_date": draw(st.none() | days.map(date.isoformat)),
            "done_on": draw(days).isoformat() if reached else None,
            "steps": draw(st.lists(steps(), max_size=3)),
        })
    return found


@st.composite
def documents(draw):
    plan = {"name": draw(odd_text(NAME_LIMIT, required=True))}
    for name, fields in SECTION_FIELDS.items():
        values = {f: draw(odd_text(LONG_LIMIT)) for f in fields}
        plan[name] = values[name] if fields == (name,) else values
    answered = draw(st.sets(st.sampled_from(QUESTIONS)))
    plan["toolkit"] = {q: draw(odd_text(LONG_LIMIT)) for q in QUESTIONS if q in answered}
    plan["goals"] = draw(goals("short")) + draw(goals("long"))
    plan["contacts"] = [
        {"name": draw(odd_text(SHORT_LIMIT, required=True)),
         "relationship": draw(odd_text(SHORT_LIMIT)),
         "roles": sorted(draw(st.sets(st.sampled_from(sorted(CONTACT_ROLES))))),
         "phone": draw(odd_text(SHORT_LIMIT)), "can_text": draw(st.booleans()),
         "email": draw(odd_text(SHORT_LIMIT)), "reachable": draw(odd_text(SHORT_LIMIT)),
         "notes": draw(odd_text(SHORT_LIMIT))}
        for _ in range(draw(st.integers(0, 3)))
    ]
    plan["reminders"] = draw(st.lists(odd_text(SHORT_LIMIT, required=True), max_size=3,
                                      unique=True))
    return {"format": "recovery-plan", "format_version": 1,
            "exported_at": "2026-01-02T03:04:05", "plan": plan}


@settings(max_examples=40, deadline=None, suppress_health_check=[
    HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large])
@given(document=documents())
def test_any_plan_comes_back_exactly(store, document):
    plan = import_plan(store, read_document(transfer.dumps(document).encode()), NEW_PIN)
    try:
        exported = plan_document(plan)
        assert body(exported) == body(document)
        again = read_document(transfer.dumps(exported).encode())
        assert again.name == document["plan"]["name"]
    finally:
        delete_plan(store, plan.name)


# ----------------------------------------------------------------------------
# Broken files: each kind refused in one line, before anything is made


def valid_document() -> dict:
    return {
        "format": "recovery-plan", "format_version": 1, "exported_at": "2026-11-26T10:00:00",
        "plan": {
            "name": "Sam", "vision": "A home", "strengths": "I don't give up",
            "crisis": {f: "" for f in SECTION_FIELDS["crisis"]},
            "overdose": {f: "" for f in SECTION_FIELDS["overdose"]},
            "cravings": {"triggers": "Payday", "relief": "A walk"},
            "toolkit": {"works.laugh": "My dog"},
            "goals": [
                {"text": "Find a place", "term": "short", "importance": 1, "timeline": 2,
                 "status": "active", "target_date": None, "done_on": None,
                 "steps": [{"specific": "Call", "measurable": "3 calls", "achievable": "Phone",
                            "when_text": "tomorrow", "due_date": "2026-11-27", "bring": "",
                            "done": True, "done_on": "2026-11-20"}]},
                {"text": "Quit smoking", "term": "short", "importance": 2, "timeline": 1,
                 "status": "done", "target_date": "2026-12-31", "done_on": "2026-11-01",
                 "steps": []},
            ],
            "contacts": [{"name": "Sis", "relationship": "sister", "roles": ["helps"],
                          "phone": "555", "can_text": True, "email": "", "reachable": "",
                          "notes": ""}],
            "reminders": ["One day at a time"],
        },
    }


def valid_text() -> str:
    return transfer.dumps(valid_document())


def changed(edit):
    """The valid document with `edit(document)` applied, as file bytes."""
    document = valid_document()
    edit(document)
    return json.dumps(document, indent=2).encode()


def step(document):
    return document["plan"]["goals"][0]["steps"][0]


BROKEN = {
    "empty": (b"", "empty"),
    "only spaces": (b"  \n\n ", "empty"),
    "BOM": (b"\xef\xbb\xbf" + valid_text().encode(), "line 1: the file starts with a byte order mark"),
    "UTF-16": (valid_text().encode("utf-16"), "UTF-16"),
    "not UTF-8": (valid_text().encode().replace(b'"A home"', b'"A h\xf6me"'), "line 7: the file is not UTF-8"),
    "not JSON": (b"name: Sam\nvision: a home\n", "line 1, column 1: this is not valid JSON"),
    "JSON with a mistake": (valid_text().replace('"vision": "A home",', '"vision": "A home"').encode(),
                            "line 8, column 5: this is not valid JSON (expecting ',' delimiter)"),
    "truncated": (valid_text()[:300].encode(), "ends too soon"),
    "truncated in a string": (valid_text()[:valid_text().index("Find a pl") + 4].encode(), "ends too soon"),
    "duplicate key": (valid_text().replace('"vision": "A home",', '"vision": "A home", "vision": "x",').encode(),
                      'the key "vision" appears twice'),
    "NaN": (valid_text().replace('"importance": 1', '"importance": NaN').encode(), "NaN"),
    "huge number": (valid_text().replace('"importance": 1', '"importance": ' + "9" * 5000).encode(),
                    "far too long"),
    "deep nesting": (b'{"format": "recovery-plan", "x": ' + b"[" * 50_000 + b"]" * 50_000 + b"}",
                     "line 1: the data is nested more than 10 levels deep"),
    "a list, not an object": (b"[1, 2, 3]", "holds a list"),
    "another program's JSON": (b'{"name": "Sam"}', "not a Recovery Plan export"),
    "newer version": (changed(lambda d: d.update(format_version=2)), "format version 2; this Recovery Plan reads version 1"),
    "version as text": (changed(lambda d: d.update(format_version="1")), '"format_version" must be a whole number'),
    "version true": (changed(lambda d: d.update(format_version=True)), '"format_version" must be a whole number'),
    "no version": (changed(lambda d: d.pop("format_version")), '"format_version" is missing'),
    "bad exported_at": (changed(lambda d: d.update(exported_at="yesterday")), '"exported_at" must be a date and time'),
    "no plan": (changed(lambda d: d.pop("plan")), 'the file: "plan" is missing'),
    "unknown key": (changed(lambda d: d["plan"].update(colour="red")), 'plan: "colour" is not a part of format version 1'),
    "missing key": (changed(lambda d: d["plan"]["goals"][1].pop("term")), 'goal 2: "term" is missing'),
    "number for text": (changed(lambda d: d["plan"].update(vision=42)), 'plan: "vision" must be text, not a number'),
    "text for a number": (changed(lambda d: d["plan"]["goals"][0].update(importance="1")),
                          'goal 1: "importance" must be a whole number, not text'),
    "true for a number": (changed(lambda d: d["plan"]["goals"][0].update(timeline=True)),
                          'goal 1: "timeline" must be a whole number, not true or false'),
    "text for true": (changed(lambda d: step(d).update(done="yes")), 'goal 1, step 1: "done" must be true or false, not text'),
    "object for a list": (changed(lambda d: d["plan"].update(goals={})), '"goals" must be a list, not an object'),
    "list for an object": (changed(lambda d: d["plan"].update(crisis=[])), '"crisis" must be an object, not a list'),
    "goal not an object": (changed(lambda d: d["plan"]["goals"].append("Run")), "goal 3: must be an object, not text"),
    "text too long": (changed(lambda d: d["plan"]["goals"][0].update(text="x" * 501)),
                      'goal 1: "text" is 501 characters long; it can hold 500'),
    "section too long": (changed(lambda d: d["plan"].update(vision="x" * 10_001)), "it can hold 10,000"),
    "lone surrogate": (valid_text().replace("A home", "A \\ud800home").encode(), "broken character"),
    "blank name": (changed(lambda d: d["plan"].update(name="  ")), 'plan: "name" can\'t be empty'),
    "blank goal": (changed(lambda d: d["plan"]["goals"][0].update(text="")), 'goal 1: "text" can\'t be empty'),
    "unknown term": (changed(lambda d: d["plan"]["goals"][0].update(term="medium")), '"term" must be "short" or "long"'),
    "unknown status": (changed(lambda d: d["plan"]["goals"][0].update(status="maybe")), '"status" must be "active" or "done"'),
    "done goal, no date": (changed(lambda d: d["plan"]["goals"][1].update(done_on=None)), "goal 2: a goal with"),
    "done step, no date": (changed(lambda d: step(d).update(done_on=None)), "goal 1, step 1: a step with"),
    "bad date": (changed(lambda d: d["plan"]["goals"][0].update(target_date="12/4/2026")),
                 '"target_date" must be a date like 2026-12-04'),
    "impossible date": (changed(lambda d: d["plan"]["goals"][0].update(target_date="2026-02-30")),
                        '"target_date" must be a date like 2026-12-04'),
    "zero importance": (changed(lambda d: d["plan"]["goals"][0].update(importance=0)), "from 1 up, not 0"),
    "two goals in one place": (changed(lambda d: d["plan"]["goals"][1].update(timeline=2)),
                               'two short-term goals have "timeline" 2'),
    "unknown role": (changed(lambda d: d["plan"]["contacts"][0].update(roles=["boss"])), 'contact 1: "boss" is not a role'),
    "role twice": (changed(lambda d: d["plan"]["contacts"][0].update(roles=["helps", "helps"])), "a role is listed twice"),
    "unknown toolkit question": (changed(lambda d: d["plan"]["toolkit"].update({"works.fly": "x"})),
                                 'toolkit: "works.fly" is not a toolkit question'),
    "reminder twice": (changed(lambda d: d["plan"]["reminders"].append("One day at a time")),
                       "reminder 2: the same words are reminder 1"),
    "due date, no words": (changed(lambda d: step(d).update(when_text="")), '"due_date" is set but "when_text" is blank'),
    "due date, unreadable words": (changed(lambda d: step(d).update(when_text="soonish")),
                                   '"when_text" can\'t be read as a date'),
    "broken history": (changed(lambda d: d.update(history={"vision": [{"saved_at": "x"}]})),
                       "history, vision, version 1"),
}


@pytest.mark.parametrize("data, message", BROKEN.values(), ids=BROKEN.keys())
def test_a_broken_file_is_refused_in_one_line(data, message):
    with pytest.raises(ImportFileError) as raised:
        read_document(data)
    said = str(raised.value)
    assert message in said
    assert "\n" not in said and len(said) < 300
    assert said.endswith("Nothing was changed.")


def test_the_valid_document_is_valid():
    plan_file = read_document(valid_text().encode())
    assert plan_file.name == "Sam" and plan_file.steps == 1


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    big = tmp_path / "big.json"
    with big.open("wb") as handle:
        handle.truncate(transfer.MAX_BYTES + 1)  # sparse: nothing written
    monkeypatch.setattr(json, "loads", lambda *a, **k: pytest.fail("parsed a file over the limit"))
    monkeypatch.setattr(type(big), "read_bytes", lambda *a: pytest.fail("read a file over the limit"))
    with pytest.raises(ImportFileError, match=r"The file is 5\.0 MB; an export can be at most 5\.0 MB"):
        transfer.read_file(big)
    with pytest.raises(ImportFileError, match="There is no file"):
        transfer.read_file(tmp_path / "missing.json")
    with pytest.raises(ImportFileError, match="is not a file"):
        transfer.read_file(tmp_path)


# Broken at random: truncated, bytes flipped, values swapped for other kinds.

OTHER_VALUES = [None, True, 0, -1, 2.5, "", "x" * 600, [], {}, ["helps"], {"a": 1}, "2026-13-01"]


def paths(value, at=()):
    yield at
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from paths(inner, (*at, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from paths(inner, (*at, index))


def with_value(document, path, value):
    target = document
    for step_ in path[:-1]:
        target = target[step_]
    target[path[-1]] = value
    return document


@st.composite
def broken_files(draw):
    text = valid_text().encode()
    how = draw(st.sampled_from(["truncate", "flip", "swap", "drop"]))
    if how == "truncate":
        return text[:draw(st.integers(0, len(text) - 1))]
    if how == "flip":
        data = bytearray(text)
        for _ in range(draw(st.integers(1, 3))):
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
        return bytes(data)
    document = valid_document()
    path = draw(st.sampled_from([p for p in paths(document) if p]))
    if how == "drop":
        parent = document
        for step_ in path[:-1]:
            parent = parent[step_]
        del parent[path[-1]]
    else:
        with_value(document, path, draw(st.sampled_from(OTHER_VALUES)))
    return json.dumps(document).encode()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=broken_files())
def test_a_file_broken_at_random_imports_whole_or_is_refused_in_one_line(store, data):
    before = database_rows(store)
    try:
        plan_file = read_document(data)
    except ImportFileError as error:
        assert "\n" not in str(error) and str(error).endswith("Nothing was changed.")
        assert database_rows(store) == before
        return
    try:
        plan = import_plan(store, plan_file, NEW_PIN)
    except StoreError as error:  # a name the store won't take, say: still nothing made
        assert "\n" not in str(error)
        assert database_rows(store) == before
        return
    try:  # imported: the whole plan, as the file says
        document = plan_document(plan)["plan"]
        assert document["name"] == plan_file.name
        assert len(document["goals"]) == len(plan_file.goals)
        assert sum(len(g["steps"]) for g in document["goals"]) == plan_file.steps
        assert len(document["contacts"]) == len(plan_file.contacts)
        assert document["reminders"] == list(plan_file.reminders)
        assert {n: (v if isinstance(v, dict) else {n: v}) for n, v in document.items()
                if n in SECTION_FIELDS} == plan_file.sections
    finally:
        delete_plan(store, plan.name)


@settings(max_examples=40, deadline=None)
@given(document=documents(), cut=st.floats(0, 1, exclude_max=True))
def test_a_generated_plan_cut_short_is_always_refused(document, cut):
    data = transfer.dumps(document).encode()
    assume(len(data.rstrip()) > 1)
    truncated = data.rstrip()[:int(cut * (len(data.rstrip()) - 1))]
    with pytest.raises(ImportFileError) as raised:
        read_document(truncated)
    assert "\n" not in str(raised.value)


def test_the_documented_example_is_a_file_that_imports(store):
    from pathlib import Path
    import re

    page = (Path(__file__).resolve().parents[2] / "docs" / "export-format.md").read_text()
    example = re.search(r"## An example\n\n```json\n(.+?)\n```", page, re.S).group(1)
    plan = import_plan(store, read_document(example.encode()), NEW_PIN)
    assert body(plan_document(plan)) == body(json.loads(example))
    for key in (*transfer.TOP_KEYS, *transfer.plan_keys(), *transfer.GOAL_KEYS, *transfer.STEP_KEYS,
                *transfer.CONTACT_KEYS, *transfer.REVISION_KEYS, *CONTACT_ROLES,
                *(f for fields in SECTION_FIELDS.values() for f in fields)):
        assert f"`{key}`" in page, f"docs/export-format.md doesn't describe {key}"


def every_swap():
    for path in [p for p in paths(valid_document()) if p]:
        for value in OTHER_VALUES:
            yield path, value


def test_every_value_swapped_for_every_other_kind_is_imported_whole_or_named(store):
    before = database_rows(store)
    imported = refused = 0
    for path, value in every_swap():
        data = json.dumps(with_value(valid_document(), path, value)).encode()
        try:
            plan_file = read_document(data)
        except ImportFileError as error:
            said = str(error)
            assert "\n" not in said and said.endswith("Nothing was changed."), (path, value)
            assert "never has" not in said, (path, value, said)  # each case has its own words
            refused += 1
            continue
        plan = import_plan(store, plan_file, NEW_PIN)
        assert plan_document(plan)["plan"]["name"] == plan_file.name
        delete_plan(store, plan.name)
        imported += 1
    assert refused > 400 and imported > 50
    assert {t: r for t, r in database_rows(store).items() if t != "audit_event"} == \
        {t: r for t, r in before.items() if t != "audit_event"}


def test_a_replace_that_fails_half_way_keeps_the_old_plan(store, monkeypatch):
    """The old plan is deleted in the same transaction as the import: a failure keeps it."""
    from tui.store import DatabaseBusyError, sign_in as open_plan
    from tui.store import transfer as transfer_module

    old = create_person(store, "Sam", "old-pin-2026")
    old.add_goal("The old plan's goal")
    plan_file = transfer_module.read_document(transfer_module.dumps(
        transfer_module.plan_document(old)).encode())

    def busy(*args, **kwargs):
        raise DatabaseBusyError("The plan database is busy right now.")

    monkeypatch.setattr(transfer_module, "_add_goals", busy)  # fails half way through
    with pytest.raises(DatabaseBusyError):
        transfer_module.import_plan(store, plan_file, "new-pin-2026", replace=True)
    assert [g.text for g in open_plan(store, "Sam", "old-pin-2026").goals()] == ["The old plan's goal"]
    monkeypatch.undo()
    made = transfer_module.import_plan(store, plan_file, "new-pin-2026", replace=True)
    assert [g.text for g in made.goals()] == ["The old plan's goal"]
