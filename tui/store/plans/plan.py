"""`Plan`: one signed-in person's plan, made of its parts. Every operation on
it is scoped to that person. Get one from create_person, sign_in or
sign_in_with_code (signin.py)."""

from __future__ import annotations

from tui.store.plans.account import AccountPart
from tui.store.plans.base import PlanBase
from tui.store.plans.checkins import CheckInsPart
from tui.store.plans.contacts import ContactsPart
from tui.store.plans.drafts import DraftsPart
from tui.store.plans.goals import GoalsPart
from tui.store.plans.guide import GuidePart
from tui.store.plans.reminders import RemindersPart
from tui.store.plans.sections import SectionsPart
from tui.store.plans.steps import StepsPart

# Names every class has of its own (Python's, not the code's).
_EVERY_CLASS = frozenset({
    "__module__", "__qualname__", "__doc__", "__dict__", "__weakref__", "__annotations__",
    "__firstlineno__", "__static_attributes__", "__orig_bases__", "__parameters__", "__slots__",
})


def check_parts(parts: tuple[type, ...]) -> None:
    """Refuse a name that two parts define, or that a part takes over from
    PlanBase: with one class made of many, an override by accident would
    otherwise load without a word."""
    owner = {name: PlanBase for name in vars(PlanBase) if name not in _EVERY_CLASS}
    for part in parts:
        for name in vars(part):
            if name in _EVERY_CLASS:
                continue
            if name in owner:
                raise TypeError(f"Plan: {name} is defined in both "
                                f"{owner[name].__name__} and {part.__name__}")
            owner[name] = part


PARTS = (AccountPart, GoalsPart, StepsPart, SectionsPart, DraftsPart, ContactsPart,
         RemindersPart, CheckInsPart, GuidePart)
check_parts(PARTS)


class Plan(AccountPart, GoalsPart, StepsPart, SectionsPart, DraftsPart, ContactsPart,
           RemindersPart, CheckInsPart, GuidePart):
    """One signed-in person's plan. Holds the person's data key while open;
    every text is sealed on the way in and opened on the way out (base.py).
    Each part is a class of its own file, on PlanBase (PARTS lists them)."""

    _parts = PARTS
