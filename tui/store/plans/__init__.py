"""The operations a screen or command may ask of a plan, one place per rule.

Screens call these and get plain values back (the frozen dataclasses in
values.py); nothing outside the store touches a model's columns. `Plan` is one
signed-in person's plan: every operation on it is scoped to that person.

The package, one file a part:

    values.py     the plain values and the words that name the parts
    base.py       PlanBase: sealing, read and write transactions, row to value, moving in a list
    account.py    the person's PIN, recovery codes, deleting the plan, language
    goals.py, steps.py, sections.py (and their history), drafts.py, contacts.py,
    reminders.py, checkins.py (and what changed lately), guide.py (the
    walkthrough's place and the toolkit)
    plan.py       Plan, made of the parts above
    pin_check.py  a PIN checked with its try counted (the tries: tui.store.attempts)
    signin.py     making a plan, signing in, the staff's unlock and delete
"""

from __future__ import annotations

from tui.store.plans.account import remove_person_rows
from tui.store.plans.base import PLAN_DELETED, UNREADABLE, PlanBase
from tui.store.plans.checkins import CheckInsPart
from tui.store.plans.contacts import ContactsPart
from tui.store.plans.drafts import DRAFT_KINDS, DraftsPart
from tui.store.plans.goals import GoalsPart
from tui.store.plans.guide import NOT_ANSWERED, GuidePart
from tui.store.plans.pin_check import SIGN_IN_FAILED, SIGN_IN_WRITE_SECONDS, TURN_WAIT_SECONDS
from tui.store.plans.plan import Plan
from tui.store.plans.reminders import RemindersPart
from tui.store.plans.sections import REVISION_BURST, SectionsPart
from tui.store.plans.signin import (
    CODE_FAILED, NAME_TAKEN, READ_ONLY_NOTE, WAIT_FOR_NAME, create_person, delete_plan,
    person_id_named, sign_in, sign_in_with_code, unlock_name,
)
from tui.store.plans.steps import StepsPart
from tui.store.plans.values import (
    CONTACT_ROLES, LANGUAGES, ORDERS, OUTCOMES, SECTION_FIELDS, TERMS, Changes, CheckIn, Contact,
    Draft, Goal, GuidePlace, Order, Outcome, Reminder, Revision, Section, Step, StepOutcome, Term,
)

__all__ = [
    "CODE_FAILED", "CONTACT_ROLES", "Changes", "CheckIn", "CheckInsPart", "Contact",
    "ContactsPart", "DRAFT_KINDS", "Draft", "DraftsPart", "Goal", "GoalsPart", "GuidePart",
    "GuidePlace", "LANGUAGES", "NAME_TAKEN", "NOT_ANSWERED", "ORDERS", "OUTCOMES", "Order",
    "Outcome", "PLAN_DELETED", "Plan", "PlanBase", "READ_ONLY_NOTE", "REVISION_BURST",
    "RemindersPart", "Reminder", "Revision", "SECTION_FIELDS", "SIGN_IN_FAILED",
    "SIGN_IN_WRITE_SECONDS", "Section", "SectionsPart", "Step", "StepOutcome", "StepsPart",
    "TERMS", "TURN_WAIT_SECONDS", "Term", "UNREADABLE", "WAIT_FOR_NAME", "create_person",
    "delete_plan", "person_id_named", "remove_person_rows", "sign_in", "sign_in_with_code",
    "unlock_name",
]
