"""Persistence and plan rules. Never imports textual (a test checks this), so
command-line paths that show no screen stay fast.

    store = open_store(path)
    plan = create_person(store, "Sam", "a-long-pin") or sign_in(store, "Sam", pin)
    plan.add_goal("I want to find a place to live")
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

# Names are loaded on first use, so a command that needs only the database
# layer (`check`) does not pay for the plan operations at start-up.
_EXPORTS = {
    "tui.store.db": ["Store", "default_path", "open_store"],
    "tui.store.errors": [
        "ConflictError", "DatabaseBusyError", "DatabaseError", "InputError", "NameTakenError",
        "NotFoundError", "SignInError", "SignInWaitError", "StoreError",
    ],
    "tui.store.plans": [
        "CONTACT_ROLES", "LANGUAGES", "OUTCOMES", "SECTION_FIELDS", "Changes", "CheckIn", "Contact", "Draft",
        "Goal", "GuidePlace", "Plan", "Reminder", "Revision", "Section", "Step", "StepOutcome",
        "create_person", "delete_plan", "sign_in", "sign_in_with_code",
    ],
    "tui.store.text": ["displayable", "one_line"],
}
_WHERE = {name: module for module, names in _EXPORTS.items() for name in names}
__all__ = sorted(_WHERE)


def __getattr__(name: str):
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'tui.store' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


if TYPE_CHECKING:
    from tui.store.db import Store, default_path, open_store
    from tui.store.errors import (
        ConflictError, DatabaseBusyError, DatabaseError, InputError, NameTakenError,
        NotFoundError, SignInError, SignInWaitError, StoreError,
    )
    from tui.store.plans import (
        CONTACT_ROLES, LANGUAGES, OUTCOMES, SECTION_FIELDS, Changes, CheckIn, Contact, Draft, Goal, GuidePlace,
        Plan, Reminder, Revision, Section, Step, StepOutcome, create_person,
        delete_plan, sign_in, sign_in_with_code,
    )
    from tui.store.text import displayable, one_line
