"""The plain values a plan hands to screens and commands: frozen dataclasses
(nothing outside the store touches a model's columns), and the words the
plan's parts are named with."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

import peewee

from tui.i18n import N_
from tui.store import models as m

Term = Literal["short", "long"]
Order = Literal["importance", "timeline"]
TERMS: tuple[Term, ...] = ("short", "long")
ORDERS: tuple[Order, ...] = ("importance", "timeline")
# The languages a person can choose for the app's screens, kept with their
# plan (sealed like their words): English, Spanish.
LANGUAGES: tuple[str, ...] = ("en", "es")

# A contact can hold several roles, so one person stands in several parts of
# the crisis plan without being typed twice.
# (Each role's words are marked for the catalog: show them through _().)
CONTACT_ROLES: dict[str, str] = {
    "distracts": N_("takes my mind off things"),
    "helps": N_("I can ask for help"),
    "professional": N_("professional"),
    "crisis_line": N_("crisis line"),
    "checks_on_me": N_("checks on me"),
}

# Every section saved as a whole, with its fields in the order they are used.
SECTION_FIELDS: dict[str, tuple[str, ...]] = {
    name: tuple(
        f.name for f in model._meta.sorted_fields
        if isinstance(f, peewee.TextField)
    )
    for name, model in m.SECTION_MODELS.items()
}


@dataclass(frozen=True)
class Step:
    id: int
    goal_id: int
    position: int
    specific: str  # what I will do
    measurable: str  # how much or how many
    achievable: str  # why I can do it
    when_text: str  # by when, as typed
    due_date: date | None
    bring: str  # what I will bring to the next check-in
    done: bool
    done_on: date | None

    def is_overdue(self, today: date) -> bool:
        return not self.done and self.due_date is not None and self.due_date < today


@dataclass(frozen=True)
class Goal:
    id: int
    text: str
    term: Term
    importance: int
    timeline: int
    status: str  # "active" or "done"
    target_date: date | None
    done_on: date | None
    next_step: Step | None = None  # the first step not yet done

    @property
    def done(self) -> bool:
        return self.status == "done"

    def place(self, order: Order) -> tuple[int, int, int]:
        """Where the goal stands in one order, to sort by. Importance may be
        tied (two goals can matter as much); tied goals come in timeline order."""
        other = self.timeline if order == "importance" else self.importance
        return getattr(self, order), other, self.id


@dataclass(frozen=True)
class Section:
    name: str
    fields: dict[str, str]
    revision: int  # hand back to save_section to detect a save made elsewhere
    updated_at: datetime | None

    @property
    def filled(self) -> int:
        return sum(1 for value in self.fields.values() if value.strip())


@dataclass(frozen=True)
class Contact:
    id: int
    position: int
    name: str
    relationship: str = ""
    roles: frozenset[str] = field(default_factory=frozenset)
    phone: str = ""
    can_text: bool = False
    email: str = ""
    reachable: str = ""
    notes: str = ""


@dataclass(frozen=True)
class Revision:
    """A section as it was after a save (or a burst of saves)."""

    id: int
    section: str
    saved_at: datetime
    fields: dict[str, str]
    changed: tuple[str, ...]  # the fields that changed, in the section's order


@dataclass(frozen=True)
class Draft:
    """Words typed but not yet saved when a session ended."""

    id: int
    place: str  # where: "section:crisis", "step:12", "toolkit:works.laugh", "goal:new", "goal:3"
    label: str  # where, in words, for the person
    values: dict[str, str]
    saved_at: datetime


@dataclass(frozen=True)
class Changes:
    goals_done: int
    steps_done: int
    sections: tuple[str, ...]  # the parts rewritten, in the plan's order


@dataclass(frozen=True)
class Reminder:
    id: int
    position: int
    text: str


# -- the guided walkthrough and check-ins --------------------------------------

Outcome = Literal["done", "not_yet", "changed"]
# What can come of a step at a check-in, in words for the person.
# (The words are marked for the catalog: show them through _().)
OUTCOMES: dict[str, str] = {"done": N_("done"), "not_yet": N_("not yet"), "changed": N_("changed")}


@dataclass(frozen=True)
class GuidePlace:
    """Where the guided walkthrough stopped."""

    step: str  # the key of the step last shown (see tui.content.guide)
    finished: bool  # went through to the last step
    updated_at: datetime


@dataclass(frozen=True)
class StepOutcome:
    """What came of one step at a check-in; the words as they were then."""

    step_id: int | None  # None once the step was deleted
    goal_text: str
    step_text: str
    outcome: Outcome
    note: str  # what got in the way, in the person's words ("" when skipped)
    due_date: date | None  # the step's date after the check-in


@dataclass(frozen=True)
class CheckIn:
    id: int
    held_on: date
    outcomes: tuple[StepOutcome, ...]  # in the order the steps were checked

    def count(self, outcome: str) -> int:
        return sum(1 for o in self.outcomes if o.outcome == outcome)
