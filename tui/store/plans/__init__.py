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
    pin_check.py  a PIN checked with its try counted (sign-in, and an open plan asking
                  for its PIN again); the bookkeeping of tries is tui.store.attempts
    signin.py     making a plan, signing in, the staff's unlock and delete

SIGN_IN_WRITE_SECONDS is read where it is used, in pin_check.py: change it there.
"""

from __future__ import annotations

from tui.store.plans.account import remove_person_rows
from tui.store.plans.base import PLAN_DELETED, UNREADABLE
from tui.store.plans.drafts import DRAFT_KINDS
from tui.store.plans.guide import NOT_ANSWERED
from tui.store.plans.pin_check import SIGN_IN_FAILED, SIGN_IN_WRITE_SECONDS, TURN_WAIT_SECONDS
from tui.store.plans.plan import Plan
from tui.store.plans.sections import REVISION_BURST
from tui.store.plans.signin import (
    CODE_FAILED, NAME_TAKEN, READ_ONLY_NOTE, WAIT_FOR_NAME, create_person, delete_plan,
    person_id_named, sign_in, sign_in_with_code, unlock_name,
)
from tui.store.plans.values import (
    CONTACT_ROLES, LANGUAGES, ORDERS, OUTCOMES, SECTION_FIELDS, TERMS, Changes, CheckIn, Contact,
    Draft, Goal, GuidePlace, Order, Outcome, Reminder, Revision, Section, Step, StepOutcome, Term,
)

# The names this module had when it was one file (tests/store/test_public_names.py keeps them).
__all__ = [
    "CODE_FAILED", "CONTACT_ROLES", "Changes", "CheckIn", "Contact", "DRAFT_KINDS", "Draft", "Goal",
    "GuidePlace", "LANGUAGES", "NAME_TAKEN", "NOT_ANSWERED", "ORDERS", "OUTCOMES", "Order",
    "Outcome", "PLAN_DELETED", "Plan", "READ_ONLY_NOTE", "REVISION_BURST", "Reminder", "Revision",
    "SECTION_FIELDS", "SIGN_IN_FAILED", "SIGN_IN_WRITE_SECONDS", "Section", "Step", "StepOutcome",
    "TERMS", "TURN_WAIT_SECONDS", "Term", "UNREADABLE", "WAIT_FOR_NAME", "create_person",
    "delete_plan", "person_id_named", "remove_person_rows", "sign_in", "sign_in_with_code",
    "unlock_name",
]
