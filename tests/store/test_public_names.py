"""The store's public names stay where callers import them from, and the
parts `Plan` is assembled from never define the same attribute twice (one
part overriding another by accident: the method that runs would depend on
the order of the parts)."""

from __future__ import annotations

import inspect

import pytest

import tui.store
from tui.store import plans
from tui.store.plans import Plan

# What `from tui.store import ...` gives (issue 21 kept every one).
STORE_NAMES = ['CONTACT_ROLES', 'Changes', 'CheckIn', 'ConflictError', 'Contact', 'DatabaseBusyError', 'DatabaseError', 'Draft', 'Goal', 'GuidePlace', 'InputError', 'LANGUAGES', 'NameTakenError', 'NotFoundError', 'OUTCOMES', 'Plan', 'Reminder', 'Revision', 'SECTION_FIELDS', 'Section', 'SignInError', 'SignInWaitError', 'Step', 'StepOutcome', 'Store', 'StoreError', 'create_person', 'default_path', 'delete_plan', 'displayable', 'one_line', 'open_store', 'sign_in', 'sign_in_with_code']

# What `from tui.store.plans import ...` gives: every public name it defined
# before it became a package.
PLANS_NAMES = [
    "CODE_FAILED", "CONTACT_ROLES", "Changes", "CheckIn", "Contact", "DRAFT_KINDS", "Draft", "Goal",
    "GuidePlace", "LANGUAGES", "NAME_TAKEN", "NOT_ANSWERED", "ORDERS", "OUTCOMES", "Order",
    "Outcome", "PLAN_DELETED", "Plan", "READ_ONLY_NOTE", "REVISION_BURST", "Reminder", "Revision",
    "SECTION_FIELDS", "SIGN_IN_FAILED", "SIGN_IN_WRITE_SECONDS", "Section", "Step", "StepOutcome",
    "TERMS", "TURN_WAIT_SECONDS", "Term", "UNREADABLE", "WAIT_FOR_NAME", "create_person",
    "delete_plan", "person_id_named", "remove_person_rows", "sign_in", "sign_in_with_code",
    "unlock_name",
]

# Every public method of Plan (and its constructor), with its signature.
PLAN_METHODS = {
    '__init__': "(self, store: 'Store', person_id: 'int', name: 'str', data_key: 'bytes')",
    'add_contact': "(self, name: 'str', **details) -> 'Contact'",
    'add_goal': "(self, text: 'str', term: 'Term' = 'short', target_date: 'date | None' = None) -> 'Goal'",
    'add_reminder': "(self, text: 'str') -> 'Reminder'",
    'add_step': '(self, goal_id: \'int\', *, specific: \'str\' = \'\', measurable: \'str\' = \'\', achievable: \'str\' = \'\', when: \'str\' = \'\', bring: \'str\' = \'\', due_date: "date | None | Literal[\'read\']" = \'read\') -> \'Step\'',
    'apply_draft': "(self, draft: 'Draft') -> 'None'",
    'arrange_goals': "(self, term: 'Term', places: 'dict[int, tuple[int, int]]') -> 'None'",
    'change_pin': "(self, old_pin: 'str', new_pin: 'str') -> 'None'",
    'changes_since': "(self, since: 'date') -> 'Changes'",
    'check_in': "(self, check_in_id: 'int') -> 'CheckIn'",
    'check_in_step': "(self, step_id: 'int', outcome: 'Outcome', note: 'str' = '', check_in_id: 'int | None' = None) -> 'CheckIn'",
    'check_ins': "(self, limit: 'int | None' = None) -> 'list[CheckIn]'",
    'complete_goal': "(self, goal_id: 'int', done: 'bool' = True, on: 'date | None' = None) -> 'Goal'",
    'complete_step': "(self, step_id: 'int', done: 'bool' = True, on: 'date | None' = None) -> 'Step'",
    'contacts': "(self, role: 'str | None' = None) -> 'list[Contact]'",
    'delete': "(self, pin: 'str') -> 'None'",
    'delete_contact': "(self, contact_id: 'int') -> 'None'",
    'delete_goal': "(self, goal_id: 'int') -> 'None'",
    'delete_reminder': "(self, reminder_id: 'int') -> 'None'",
    'delete_step': "(self, step_id: 'int') -> 'None'",
    'discard_draft': "(self, place: 'str') -> 'None'",
    'drafts': "(self) -> 'list[Draft]'",
    'edit_contact': "(self, contact_id: 'int', **details) -> 'Contact'",
    'edit_goal': '(self, goal_id: \'int\', *, text: \'str | None\' = None, term: \'Term | None\' = None, target_date: "date | None | Literal[\'keep\']" = \'keep\') -> \'Goal\'',
    'edit_step': "(self, step_id: 'int', *, keep_unread_when: 'bool' = False, **parts: 'str') -> 'Step'",
    'goal': "(self, goal_id: 'int') -> 'Goal'",
    'goals': "(self, term: 'Term | None' = None) -> 'list[Goal]'",
    'guide_place': "(self) -> 'GuidePlace | None'",
    'keep_guide_place': "(self, step: 'str', finished: 'bool' = False) -> 'GuidePlace'",
    'keep_reminders': "(self, ticked: 'list[str]') -> 'None'",  # issue 21: one write
    'language': 'property',
    'move_contact': "(self, contact_id: 'int', by: 'int') -> 'Contact'",
    'move_goal': "(self, goal_id: 'int', order: 'Order', by: 'int') -> 'Goal'",
    'move_goal_past': "(self, goal_id: 'int', order: 'Order', other_id: 'int') -> 'Goal'",
    'move_reminder': "(self, reminder_id: 'int', by: 'int') -> 'None'",
    'move_step': "(self, step_id: 'int', by: 'int') -> 'Step'",
    'new_recovery_codes': "(self, pin: 'str') -> 'tuple[str, ...]'",
    'record': "(self, event: 'str', detail: 'str' = '') -> 'None'",
    'recovery_codes_left': "(self) -> 'int'",
    'reminders': "(self) -> 'list[Reminder]'",
    'restore_revision': "(self, revision_id: 'int') -> 'Section'",
    'save_draft': "(self, place: 'str', label: 'str', values: 'dict[str, str]') -> 'None'",
    'save_section': "(self, name: 'str', values: 'dict[str, str]', revision: 'int | None' = None, *, new_version: 'bool' = False) -> 'Section'",
    'save_toolkit_answer': "(self, question: 'str', answer: 'str') -> 'None'",
    'sealed': "(self, table: 'str', row_id: 'int', column: 'str', text: 'str') -> 'str'",
    'section': "(self, name: 'str') -> 'Section'",
    'section_history': "(self, name: 'str') -> 'list[Revision]'",
    'set_language': "(self, code: 'str | None') -> 'None'",
    'steps': "(self, goal_id: 'int') -> 'list[Step]'",
    'steps_done_by_week': "(self, weeks: 'int' = 8, goal_id: 'int | None' = None) -> 'list[int]'",
    'steps_done_since': "(self, check_in: 'CheckIn') -> 'list[tuple[Goal, Step]]'",
    'steps_due': "(self, until: 'date') -> 'list[tuple[Goal, Step]]'",
    'steps_to_check_in': "(self) -> 'list[tuple[Goal, Step]]'",
    'tie_goal': "(self, goal_id: 'int', other_id: 'int') -> 'Goal'",
    'toolkit_answers': "(self) -> 'dict[str, str]'",
    'untie_goal': "(self, goal_id: 'int', up: 'bool') -> 'Goal'",
}

# Set on every Plan by its constructor, read by screens and commands.
PLAN_ATTRIBUTES = ("person_id", "name", "recovery_codes", "read_only_note")


@pytest.mark.parametrize("name", STORE_NAMES)
def test_store_still_exports(name):
    assert name in tui.store.__all__
    assert getattr(tui.store, name) is not None


@pytest.mark.parametrize("name", PLANS_NAMES)
def test_plans_still_exports(name):
    assert hasattr(plans, name), f"tui.store.plans.{name} went missing"


def test_store_names_are_the_plans_own():
    """`tui.store.X` and `tui.store.plans.X` are one object, not two copies."""
    for name in STORE_NAMES:
        value = getattr(tui.store, name)
        if hasattr(plans, name):
            assert getattr(plans, name) is value, name


def test_every_plan_method_keeps_its_name_and_signature():
    found = {}
    for name in PLAN_METHODS:
        value = inspect.getattr_static(Plan, name, None)
        assert value is not None, f"Plan.{name} went missing"
        found[name] = "property" if isinstance(value, property) else str(inspect.signature(value))
    assert found == PLAN_METHODS


def test_no_public_method_came_unasked():
    """A new public method is fine, but belongs in PLAN_METHODS so it is kept too."""
    public = {name for name in dir(Plan) if not name.startswith("_")}
    assert public == {name for name in PLAN_METHODS if not name.startswith("_")}


def test_a_plan_has_its_attributes(plan):
    for name in PLAN_ATTRIBUTES:
        assert hasattr(plan, name), name


def _parts() -> list[type]:
    """The classes Plan is made of: its parts, and the base they stand on."""
    from tui.store.plans.base import PlanBase

    return [*Plan._parts, PlanBase]


# Names every class has of its own (Python's, not the code's).
_EVERY_CLASS = {"__module__", "__qualname__", "__doc__", "__dict__", "__weakref__",
                "__annotations__", "__firstlineno__", "__static_attributes__",
                "__orig_bases__", "__parameters__", "__slots__"}


def _defined_twice(parts: list[type]) -> dict[str, list[str]]:
    where: dict[str, list[str]] = {}
    for part in parts:
        for name in vars(part):
            if name not in _EVERY_CLASS:
                where.setdefault(name, []).append(part.__qualname__)
    return {name: found for name, found in where.items() if len(found) > 1}


def test_no_two_parts_define_the_same_attribute():
    assert len(_parts()) >= 10  # the base and a part for each kind of thing a plan holds
    assert not _defined_twice(_parts()), "defined in more than one part of Plan"


def test_the_check_sees_an_override():
    """Two parts that both define one method, and one that redefines a helper
    of the base, are caught."""
    base = _parts()[-1]
    first = type("First", (base,), {"made_twice": lambda self: []})
    second = type("Second", (base,), {"made_twice": lambda self: []})
    assert _defined_twice([first, second, base]) == {"made_twice": ["First", "Second"]}
    helper = next(name for name in vars(base) if name not in _EVERY_CLASS)
    takes_over = type("TakesOver", (base,), {helper: None})
    assert _defined_twice([takes_over, base]) == {helper: ["TakesOver", "PlanBase"]}


def test_plan_refuses_an_override_when_it_is_made():
    """Two parts that define one name, or a part that takes over a name of the
    base, can't load at all: the check runs as Plan is made."""
    from tui.store.plans import plan as plan_module

    base = _parts()[-1]
    first = type("First", (base,), {"made_twice": lambda self: []})
    second = type("Second", (base,), {"made_twice": lambda self: []})
    with pytest.raises(TypeError, match="made_twice is defined in both First and Second"):
        plan_module.check_parts((first, second))
    helper = next(name for name in vars(base) if name not in _EVERY_CLASS)
    takes_over = type("TakesOver", (base,), {helper: None})
    with pytest.raises(TypeError, match=f"{helper} is defined in both PlanBase and TakesOver"):
        plan_module.check_parts((takes_over,))


def test_plan_is_made_of_its_parts():
    """Plan inherits each part (so a reader and a tool see every method where
    it is written), the parts in PARTS order, then the base."""
    assert Plan.__mro__ == (Plan, *Plan._parts, _parts()[-1], object)
    for part in Plan._parts:
        for name, value in vars(part).items():
            if name not in _EVERY_CLASS:
                assert getattr(Plan, name) is getattr(part, name), name
