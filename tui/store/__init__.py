"""Persistence and plan rules. Never imports textual (a test checks this), so
command-line paths that show no screen stay fast.

    store = open_store(path)
    plan = create_person(store, "Sam", "a-long-pin") or sign_in(store, "Sam", pin)
    plan.add_goal("I want to find a place to live")
"""

from tui.store.db import Store, default_path, open_store
from tui.store.errors import (
    ConflictError,
    DatabaseBusyError,
    DatabaseError,
    InputError,
    NameTakenError,
    NotFoundError,
    SignInError,
    StoreError,
)
from tui.store.plans import (
    CONTACT_ROLES,
    SECTION_FIELDS,
    Contact,
    Goal,
    Plan,
    Section,
    Step,
    create_person,
    sign_in,
)
from tui.store.text import displayable, one_line

__all__ = [
    "CONTACT_ROLES", "SECTION_FIELDS", "ConflictError", "Contact", "DatabaseBusyError",
    "DatabaseError", "Goal", "InputError", "NameTakenError", "NotFoundError", "Plan",
    "Section", "SignInError", "Step", "Store", "StoreError", "create_person",
    "default_path", "displayable", "one_line", "open_store", "sign_in",
]
