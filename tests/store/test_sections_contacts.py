"""Plan sections saved as a whole, toolkit answers, and contacts with roles."""

from __future__ import annotations

import pytest

from tests.conftest import TEST_NOW
from tui.content.toolkit import QUESTION_KEYS
from tui.store import CONTACT_ROLES, SECTION_FIELDS, ConflictError, InputError, NotFoundError
from tui.store.text import LONG_LIMIT, SHORT_LIMIT

SECTIONS = sorted(SECTION_FIELDS)


def test_every_section_has_fields():
    assert set(SECTIONS) == {"vision", "strengths", "crisis", "overdose", "cravings"}
    assert "naloxone_where" in SECTION_FIELDS["overdose"]
    assert all(SECTION_FIELDS[name] for name in SECTIONS)


@pytest.mark.parametrize("name", SECTIONS)
def test_unsaved_section_is_blank(plan, name):
    section = plan.section(name)
    assert section.fields == {f: "" for f in SECTION_FIELDS[name]}
    assert section.revision == 0 and section.updated_at is None and section.filled == 0


@pytest.mark.parametrize("name", SECTIONS)
def test_partial_saves_keep_other_fields(plan, name):
    fields = SECTION_FIELDS[name]
    first = plan.save_section(name, {fields[0]: "first words"})
    assert first.revision == 1 and first.updated_at == TEST_NOW
    second = plan.save_section(name, {fields[-1]: "last words"}, revision=first.revision)
    assert second.revision == 2
    read = plan.section(name)
    assert read == second
    assert read.fields[fields[-1]] == "last words"
    if len(fields) > 1:
        assert read.fields[fields[0]] == "first words"
        assert read.filled == 2
        assert all(read.fields[f] == "" for f in fields[1:-1])


@pytest.mark.parametrize("name", SECTIONS)
def test_stale_revision_is_a_conflict_and_changes_nothing(plan, name):
    field = SECTION_FIELDS[name][0]
    opened_here = plan.section(name)
    plan.save_section(name, {field: "saved elsewhere"}, revision=opened_here.revision)
    with pytest.raises(ConflictError):
        plan.save_section(name, {field: "saved here"}, revision=opened_here.revision)
    after = plan.section(name)
    assert after.fields[field] == "saved elsewhere" and after.revision == 1


def test_stale_revision_on_a_never_saved_section(plan):
    with pytest.raises(ConflictError):
        plan.save_section("vision", {"vision": "x"}, revision=3)
    assert plan.section("vision").revision == 0


def test_save_without_revision_always_saves(plan):
    plan.save_section("vision", {"vision": "one"})
    assert plan.save_section("vision", {"vision": "two"}).revision == 2
    assert plan.section("vision").fields["vision"] == "two"


def test_unknown_section_or_field_is_refused(plan):
    with pytest.raises(InputError):
        plan.section("diary")
    with pytest.raises(InputError):
        plan.save_section("diary", {"vision": "x"})
    with pytest.raises(InputError):
        plan.save_section("crisis", {"warning_signs": "kept?", "naloxone_where": "x"})
    with pytest.raises(InputError):
        plan.save_section("crisis", {"revision": "9"})
    assert plan.section("crisis").revision == 0
    assert plan.section("crisis").fields["warning_signs"] == ""


def test_long_limit(plan):
    plan.save_section("vision", {"vision": "v" * LONG_LIMIT})
    with pytest.raises(InputError, match="shorter"):
        plan.save_section("crisis", {"warning_signs": "ok", "on_my_own": "v" * (LONG_LIMIT + 1)})
    assert plan.section("vision").fields["vision"] == "v" * LONG_LIMIT
    assert plan.section("crisis").revision == 0
    assert plan.section("crisis").fields["warning_signs"] == ""


def test_sections_belong_to_one_person(store, plan):
    from tui.store import create_person

    other = create_person(store, "Alex", "another-pin")
    plan.save_section("vision", {"vision": "mine"})
    assert other.section("vision").fields["vision"] == ""
    assert other.save_section("vision", {"vision": "theirs"}, revision=0).revision == 1
    assert plan.section("vision").fields["vision"] == "mine"


# -- toolkit -----------------------------------------------------------------


def test_toolkit_answers_upsert(plan):
    key, other_key = sorted(QUESTION_KEYS)[:2]
    assert plan.toolkit_answers() == {}
    plan.save_toolkit_answer(key, "A long walk")
    plan.save_toolkit_answer(other_key, "Tea")
    plan.save_toolkit_answer(key, "A long walk with my dog")
    assert plan.toolkit_answers() == {key: "A long walk with my dog", other_key: "Tea"}


def test_unknown_toolkit_question_is_refused(plan):
    with pytest.raises(InputError):
        plan.save_toolkit_answer("works.nothing", "x")
    with pytest.raises(InputError):
        plan.save_toolkit_answer(sorted(QUESTION_KEYS)[0], "x" * (LONG_LIMIT + 1))
    assert plan.toolkit_answers() == {}


# -- contacts ----------------------------------------------------------------


def names(plan, role=None):
    return [c.name for c in plan.contacts(role)]


def test_add_contact_with_details(plan):
    contact = plan.add_contact("My sister", relationship="sister", roles=("helps", "checks_on_me"),
                               phone="555-0142", can_text=True, email="s@example.org",
                               reachable="Any time", notes="Text first")
    assert plan.contacts() == [contact]
    assert contact.position == 1
    assert contact.roles == frozenset({"helps", "checks_on_me"})
    assert (contact.relationship, contact.phone, contact.can_text, contact.email, contact.reachable,
            contact.notes) == ("sister", "555-0142", True, "s@example.org", "Any time", "Text first")
    bare = plan.add_contact("Luis")
    assert (bare.position, bare.roles, bare.phone, bare.can_text) == (2, frozenset(), "", False)


def test_contact_in_two_roles_is_listed_under_both(plan):
    plan.add_contact("My sister", roles=["helps", "checks_on_me"])
    plan.add_contact("Luis", roles=["helps"])
    plan.add_contact("988", roles=["crisis_line"])
    assert names(plan, "helps") == ["My sister", "Luis"]
    assert names(plan, "checks_on_me") == ["My sister"]
    assert names(plan, "crisis_line") == ["988"]
    assert names(plan, "distracts") == []
    assert names(plan) == ["My sister", "Luis", "988"]


def test_unknown_role_is_refused(plan):
    with pytest.raises(InputError):
        plan.add_contact("Luis", roles=["helps", "bank"])
    assert plan.contacts() == []
    luis = plan.add_contact("Luis", roles=["helps"])
    with pytest.raises(InputError):
        plan.edit_contact(luis.id, roles=["bank"])
    with pytest.raises(InputError):
        plan.contacts("bank")
    assert plan.contacts()[0].roles == {"helps"}
    assert set(CONTACT_ROLES) >= {"helps", "checks_on_me", "crisis_line"}


@pytest.mark.parametrize("name", ["", "   ", "x" * (SHORT_LIMIT + 1)])
def test_contact_needs_a_name(plan, name):
    with pytest.raises(InputError):
        plan.add_contact(name, phone="555")
    assert plan.contacts() == []
    luis = plan.add_contact("Luis")
    with pytest.raises(InputError):
        plan.edit_contact(luis.id, name=name, phone="555")
    assert [(c.name, c.phone) for c in plan.contacts()] == [("Luis", "")]


def test_unknown_contact_detail_is_refused(plan):
    with pytest.raises(InputError):
        plan.add_contact("Luis", birthday="May")
    assert plan.contacts() == []


def test_edit_contact_changes_only_given_details(plan):
    luis = plan.add_contact("Luis", relationship="sponsor", roles=["helps"], phone="555-0199")
    edited = plan.edit_contact(luis.id, phone="555-0000", roles=["helps", "distracts"], can_text=True)
    assert plan.contacts() == [edited]
    assert (edited.name, edited.relationship, edited.phone, edited.can_text) == (
        "Luis", "sponsor", "555-0000", True)
    assert edited.roles == {"helps", "distracts"}
    assert plan.edit_contact(luis.id, roles=[]).roles == frozenset()
    assert names(plan, "helps") == []


def test_move_and_delete_contacts_keep_positions_dense(plan):
    a, b, c = (plan.add_contact(n) for n in ("A", "B", "C"))
    assert plan.move_contact(c.id, -1).position == 2
    assert names(plan) == ["A", "C", "B"]
    assert plan.move_contact(a.id, 9).position == 3
    assert plan.move_contact(b.id, -9).position == 1
    assert names(plan) == ["B", "C", "A"]
    plan.delete_contact(c.id)
    assert [(x.name, x.position) for x in plan.contacts()] == [("B", 1), ("A", 2)]
    with pytest.raises(NotFoundError):
        plan.edit_contact(c.id, name="back")
    assert plan.add_contact("D").position == 3


def test_another_persons_contact_is_not_found(store, plan):
    from tui.store import create_person

    other = create_person(store, "Alex", "another-pin")
    theirs = other.add_contact("Their friend")
    for call in (lambda: plan.edit_contact(theirs.id, name="x"),
                 lambda: plan.move_contact(theirs.id, 1),
                 lambda: plan.delete_contact(theirs.id)):
        with pytest.raises(NotFoundError):
            call()
    assert plan.contacts() == []
    assert names(other) == ["Their friend"]


def test_every_section_field_has_its_words_in_one_table():
    """The store's messages and the walkthrough's labels read one table
    (tui.content.plan_parts), which names every field the store keeps."""
    from tui.content.plan_parts import FIELD_WORDS, SECTION_PARTS

    assert set(FIELD_WORDS) == {f for fields in SECTION_FIELDS.values() for f in fields}
    for section, parts in SECTION_PARTS.items():
        assert [part.field for part in parts] == list(SECTION_FIELDS[section])
        assert all(part.short and part.word for part in parts)


def test_a_refused_field_is_named_in_the_tables_words(plan):
    with pytest.raises(InputError, match="safer surroundings"):
        plan.save_section("crisis", {"safer_surroundings": "x" * 100_000})
