"""The operations a screen or command may ask of a plan, one place per rule.

Screens call these and get plain values back (the frozen dataclasses below);
nothing outside the store touches a model's columns. `Plan` is one signed-in
person's plan: every operation on it is scoped to that person.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

import peewee

from tui.store import clock, models as m, pins
from tui.store.dates import parse_due_date
from tui.store.db import Store
from tui.store.errors import (
    ConflictError,
    InputError,
    NameTakenError,
    NotFoundError,
    SignInError,
)
from tui.store.text import LONG_LIMIT, NAME_LIMIT, SHORT_LIMIT, checked, normalised_name

Term = Literal["short", "long"]
Order = Literal["importance", "timeline"]
TERMS: tuple[Term, ...] = ("short", "long")
ORDERS: tuple[Order, ...] = ("importance", "timeline")

# A contact can hold several roles, so one person stands in several parts of
# the crisis plan without being typed twice.
CONTACT_ROLES: dict[str, str] = {
    "distracts": "takes my mind off things",
    "helps": "I can ask for help",
    "professional": "professional",
    "crisis_line": "crisis line",
    "checks_on_me": "checks on me",
}

# Every section saved as a whole, with its fields in the order they are used.
SECTION_FIELDS: dict[str, tuple[str, ...]] = {
    name: tuple(
        f.name for f in model._meta.sorted_fields
        if isinstance(f, peewee.TextField)
    )
    for name, model in m.SECTION_MODELS.items()
}

SIGN_IN_FAILED = "That name and PIN don't open a plan. Check both and try again."
NAME_TAKEN = (
    "Someone already has a plan with that name. Add something to make it your own, "
    "like an initial, a nickname or a number."
)


# ----------------------------------------------------------------------------
# Plain values handed to screens


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
class Reminder:
    id: int
    position: int
    text: str


# ----------------------------------------------------------------------------
# People: making a plan and signing in


def _checked_name(name: str) -> str:
    name = checked(name, limit=NAME_LIMIT, what="name", required=True)
    return name


def create_person(store: Store, name: str, pin: str) -> Plan:
    """Make a new, empty plan for `name`, opened with `pin`."""
    name = _checked_name(name)
    pins.check_new_pin(pin)
    key = normalised_name(name)
    with store.errors_explained():
        taken = m.Person.get_or_none(m.Person.name_key == key) is not None
    if taken:
        raise NameTakenError(NAME_TAKEN)
    pin_hash = pins.hash_pin(pin)  # slow on purpose: done before the write lock

    def insert() -> m.Person:
        return m.Person.create(name=name, name_key=key, pin_hash=pin_hash, created_at=clock.now())

    try:
        person = store.write(insert)
    except peewee.IntegrityError:
        raise NameTakenError(NAME_TAKEN) from None
    return Plan(store, person.id, person.name)


def sign_in(store: Store, name: str, pin: str) -> Plan:
    """Open the plan of `name` with `pin`. A wrong name and a wrong PIN look
    alike, in message and in time taken."""
    if not isinstance(name, str) or not name.strip():
        raise InputError("Please type your name first.")
    if not isinstance(pin, str) or not pin:
        raise InputError("Please type your PIN.")
    name = checked(name, limit=LONG_LIMIT, what="name")  # a broken character can't be looked up
    with store.errors_explained():
        person = m.Person.get_or_none(m.Person.name_key == normalised_name(name))
    if not pins.verify_pin(pin, person.pin_hash if person else None) or person is None:
        raise SignInError(SIGN_IN_FAILED)
    return Plan(store, person.id, person.name)


def _writes(method):
    """Run a Plan method in one short write transaction (see Store.write)."""

    @functools.wraps(method)
    def wrapper(self: Plan, *args, **kwargs):
        return self._store.write(lambda: method(self, *args, **kwargs))

    return wrapper


def _reads(method):
    """Turn SQLite errors in a Plan read into plain messages."""

    @functools.wraps(method)
    def wrapper(self: Plan, *args, **kwargs):
        with self._store.errors_explained():
            return method(self, *args, **kwargs)

    return wrapper


class Plan:
    """One signed-in person's plan."""

    def __init__(self, store: Store, person_id: int, name: str):
        self._store = store
        self.person_id = person_id
        self.name = name  # as typed at sign-up

    # -- goals ---------------------------------------------------------------

    def _goal_row(self, goal_id: int) -> m.Goal:
        row = m.Goal.get_or_none((m.Goal.id == goal_id) & (m.Goal.person == self.person_id))
        if row is None:
            raise NotFoundError("That goal is no longer in the plan.")
        return row

    def _term_goals(self, term: str, order: Order) -> list[m.Goal]:
        column = getattr(m.Goal, order)
        return list(
            m.Goal.select()
            .where((m.Goal.person == self.person_id) & (m.Goal.term == term))
            .order_by(column, m.Goal.id)
        )

    def _renumber(self, rows: list[m.Goal], order: Order) -> None:
        """Write positions 1..n in the order of `rows`, touching only rows that move."""
        for position, row in enumerate(rows, start=1):
            if getattr(row, order) != position:
                m.Goal.update({order: position}).where(m.Goal.id == row.id).execute()

    @_reads
    def goals(self, term: Term | None = None) -> list[Goal]:
        """The goals (of one term, or all), by term then importance, each with its next step."""
        query = m.Goal.select().where(m.Goal.person == self.person_id)
        if term is not None:
            query = query.where(m.Goal.term == _checked_term(term))
        rows = list(query.order_by(m.Goal.term.desc(), m.Goal.importance))  # short before long
        next_steps = self._next_steps([row.id for row in rows])
        return [_goal(row, next_steps.get(row.id)) for row in rows]

    @_reads
    def goal(self, goal_id: int) -> Goal:
        row = self._goal_row(goal_id)
        return _goal(row, self._next_steps([row.id]).get(row.id))

    def _next_steps(self, goal_ids: list[int]) -> dict[int, Step]:
        """The first step not yet done of each goal in `goal_ids`, in one query."""
        if not goal_ids:
            return {}
        first = (
            m.Step.select(m.Step.goal, peewee.fn.MIN(m.Step.position).alias("position"))
            .join(m.Goal)
            .where((m.Goal.person == self.person_id) & (m.Step.done == False))  # noqa: E712
            .group_by(m.Step.goal)
            .alias("first")
        )
        rows = m.Step.select().join(
            first, on=(m.Step.goal == first.c.goal_id) & (m.Step.position == first.c.position))
        if len(goal_ids) < 50:
            rows = rows.where(m.Step.goal.in_(goal_ids))
        wanted = set(goal_ids)
        return {row.goal_id: _step(row) for row in rows if row.goal_id in wanted}

    @_writes
    def add_goal(self, text: str, term: Term = "short", target_date: date | None = None) -> Goal:
        """Add a goal at the end of both orders of its term."""
        text = checked(text, limit=SHORT_LIMIT, what="goal", required=True)
        term = _checked_term(term)
        count = len(self._term_goals(term, "importance"))
        now = clock.now()
        row = m.Goal.create(
            person=self.person_id, text=text, term=term, importance=count + 1,
            timeline=count + 1, target_date=_checked_date(target_date),
            created_at=now, updated_at=now,
        )
        return _goal(row, None)

    @_writes
    def edit_goal(
        self, goal_id: int, *, text: str | None = None, term: Term | None = None,
        target_date: date | None | Literal["keep"] = "keep",
    ) -> Goal:
        """Change a goal's words, term or target date. A goal moved to the
        other term goes to the end of both of that term's orders."""
        row = self._goal_row(goal_id)
        if text is not None:
            row.text = checked(text, limit=SHORT_LIMIT, what="goal", required=True)
        if target_date != "keep":
            row.target_date = _checked_date(target_date)
        if term is not None and _checked_term(term) != row.term:
            old_term = row.term
            count = len(self._term_goals(term, "importance"))
            row.term, row.importance, row.timeline = term, count + 1, count + 1
            row.updated_at = clock.now()
            row.save()
            for order in ORDERS:
                self._renumber(self._term_goals(old_term, order), order)
        else:
            row.updated_at = clock.now()
            row.save()
        return _goal(row, self._next_steps([row.id]).get(row.id))

    @_writes
    def delete_goal(self, goal_id: int) -> None:
        """Delete a goal and its steps; the other goals close the gap."""
        row = self._goal_row(goal_id)
        row.delete_instance(recursive=True)
        for order in ORDERS:
            self._renumber(self._term_goals(row.term, order), order)

    @_writes
    def complete_goal(self, goal_id: int, done: bool = True) -> Goal:
        """Mark a goal reached (today, by the app's clock), or not yet."""
        row = self._goal_row(goal_id)
        row.status = "done" if done else "active"
        row.done_on = clock.today() if done else None
        row.updated_at = clock.now()
        row.save()
        return _goal(row, self._next_steps([row.id]).get(row.id))

    @_writes
    def move_goal(self, goal_id: int, order: Order, by: int) -> Goal:
        """Move a goal `by` places in one order (negative: toward 1). The other
        order is left exactly as it was."""
        order = _checked_order(order)
        row = self._goal_row(goal_id)
        rows = self._term_goals(row.term, order)
        index = next(i for i, r in enumerate(rows) if r.id == row.id)
        target = min(max(index + by, 0), len(rows) - 1)
        rows.insert(target, rows.pop(index))
        self._renumber(rows, order)
        return _goal(m.Goal.get_by_id(row.id), self._next_steps([row.id]).get(row.id))

    # -- steps ---------------------------------------------------------------

    def _step_row(self, step_id: int) -> m.Step:
        row = (
            m.Step.select().join(m.Goal)
            .where((m.Step.id == step_id) & (m.Goal.person == self.person_id))
            .first()
        )
        if row is None:
            raise NotFoundError("That step is no longer in the plan.")
        return row

    def _goal_steps(self, goal_id: int) -> list[m.Step]:
        return list(m.Step.select().where(m.Step.goal == goal_id).order_by(m.Step.position, m.Step.id))

    @_reads
    def steps(self, goal_id: int) -> list[Step]:
        self._goal_row(goal_id)
        return [_step(row) for row in self._goal_steps(goal_id)]

    @_reads
    def steps_due(self, until: date) -> list[tuple[Goal, Step]]:
        """Steps not done and due on or before `until` (overdue ones included), soonest first."""
        rows = (
            m.Step.select(m.Step, m.Goal).join(m.Goal)
            .where(
                (m.Goal.person == self.person_id) & (m.Step.done == False)  # noqa: E712
                & (m.Step.due_date.is_null(False)) & (m.Step.due_date <= until)
            )
            .order_by(m.Step.due_date, m.Goal.importance, m.Step.position)
        )
        return [(_goal(row.goal, None), _step(row)) for row in rows]

    @_writes
    def add_step(
        self, goal_id: int, *, specific: str = "", measurable: str = "", achievable: str = "",
        when: str = "", bring: str = "",
    ) -> Step:
        """Add a SMART step at the end of a goal's steps. `when` is read as a
        date ("2026-12-04", "next Friday", "in 3 days"); every part may be blank."""
        self._goal_row(goal_id)
        values = _step_values(specific=specific, measurable=measurable, achievable=achievable,
                              when=when, bring=bring)
        now = clock.now()
        position = len(self._goal_steps(goal_id)) + 1
        row = m.Step.create(goal=goal_id, position=position, created_at=now, updated_at=now, **values)
        return _step(row)

    @_writes
    def edit_step(self, step_id: int, *, keep_unread_when: bool = False, **parts: str) -> Step:
        """Change any of a step's parts: specific, measurable, achievable, when, bring.

        A `when` that can't be read as a date raises InputError; with
        `keep_unread_when` (a screen being left, a lock) it is kept as typed,
        with no due date, so the person's words are not lost."""
        row = self._step_row(step_id)
        for name, value in _step_values(keep_unread_when=keep_unread_when, **parts).items():
            setattr(row, name, value)
        row.updated_at = clock.now()
        row.save()
        return _step(row)

    @_writes
    def complete_step(self, step_id: int, done: bool = True) -> Step:
        row = self._step_row(step_id)
        row.done = done
        row.done_on = clock.today() if done else None
        row.updated_at = clock.now()
        row.save()
        return _step(row)

    @_writes
    def move_step(self, step_id: int, by: int) -> Step:
        row = self._step_row(step_id)
        rows = self._goal_steps(row.goal_id)
        index = next(i for i, r in enumerate(rows) if r.id == row.id)
        rows.insert(min(max(index + by, 0), len(rows) - 1), rows.pop(index))
        _renumber_positions(m.Step, rows)
        return _step(m.Step.get_by_id(row.id))

    @_writes
    def delete_step(self, step_id: int) -> None:
        row = self._step_row(step_id)
        row.delete_instance()
        _renumber_positions(m.Step, self._goal_steps(row.goal_id))

    # -- sections ------------------------------------------------------------

    def _section_model(self, name: str) -> type[m.SectionModel]:
        model = m.SECTION_MODELS.get(name)
        if model is None:
            raise InputError(f"There is no part of the plan called {name!r}.")
        return model

    @_reads
    def section(self, name: str) -> Section:
        """A section's fields (blank when never saved) and its revision."""
        model = self._section_model(name)
        row = model.get_or_none(model.person == self.person_id)
        fields = SECTION_FIELDS[name]
        if row is None:
            return Section(name, {f: "" for f in fields}, 0, None)
        return Section(name, {f: getattr(row, f) for f in fields}, row.revision, row.updated_at)

    @_writes
    def save_section(self, name: str, values: dict[str, str], revision: int | None = None) -> Section:
        """Save some or all fields of a section. With `revision` (from the
        Section that was read), a save made elsewhere since then raises
        ConflictError instead of being overwritten."""
        model = self._section_model(name)
        fields = SECTION_FIELDS[name]
        unknown = set(values) - set(fields)
        if unknown:
            raise InputError(f"The {name} part has no {', '.join(sorted(unknown))}.")
        cleaned = {
            key: checked(value, limit=LONG_LIMIT, what=key.replace("_", " "))
            for key, value in values.items()
        }
        row = model.get_or_none(model.person == self.person_id)
        current = row.revision if row else 0
        if revision is not None and revision != current:
            raise ConflictError(
                "This part of your plan was changed in another session since you opened it."
            )
        if row is None:
            row = model(person=self.person_id, revision=0)
        for key, value in cleaned.items():
            setattr(row, key, value)
        row.revision = current + 1
        row.updated_at = clock.now()
        row.save()
        return Section(name, {f: getattr(row, f) for f in fields}, row.revision, row.updated_at)

    # -- resilience toolkit --------------------------------------------------

    @_reads
    def toolkit_answers(self) -> dict[str, str]:
        rows = m.ToolkitAnswer.select().where(m.ToolkitAnswer.person == self.person_id)
        return {row.question: row.answer for row in rows}

    @_writes
    def save_toolkit_answer(self, question: str, answer: str) -> None:
        from tui.content.toolkit import QUESTION_KEYS  # loaded here: the crisis path skips it

        if question not in QUESTION_KEYS:
            raise InputError(f"There is no toolkit question {question!r}.")
        answer = checked(answer, limit=LONG_LIMIT, what="answer")
        now = clock.now()
        (
            m.ToolkitAnswer.insert(person=self.person_id, question=question, answer=answer, updated_at=now)
            .on_conflict(
                conflict_target=[m.ToolkitAnswer.person, m.ToolkitAnswer.question],
                update={m.ToolkitAnswer.answer: answer, m.ToolkitAnswer.updated_at: now},
            )
            .execute()
        )

    # -- reminders -----------------------------------------------------------

    def _reminder_rows(self) -> list[m.Reminder]:
        return list(m.Reminder.select().where(m.Reminder.person == self.person_id)
                    .order_by(m.Reminder.position, m.Reminder.id))

    def _reminder_row(self, reminder_id: int) -> m.Reminder:
        row = m.Reminder.get_or_none(
            (m.Reminder.id == reminder_id) & (m.Reminder.person == self.person_id))
        if row is None:
            raise NotFoundError("That reminder is no longer in the plan.")
        return row

    @_reads
    def reminders(self) -> list[Reminder]:
        return [Reminder(r.id, r.position, r.text) for r in self._reminder_rows()]

    @_writes
    def add_reminder(self, text: str) -> Reminder:
        """Add a reminder at the end; the same words twice are kept once."""
        text = checked(text, limit=SHORT_LIMIT, what="reminder", required=True)
        rows = self._reminder_rows()
        for row in rows:
            if row.text == text:
                return Reminder(row.id, row.position, row.text)
        row = m.Reminder.create(person=self.person_id, position=len(rows) + 1, text=text,
                                updated_at=clock.now())
        return Reminder(row.id, row.position, row.text)

    @_writes
    def delete_reminder(self, reminder_id: int) -> None:
        self._reminder_row(reminder_id).delete_instance()
        _renumber_positions(m.Reminder, self._reminder_rows())

    @_writes
    def move_reminder(self, reminder_id: int, by: int) -> None:
        row = self._reminder_row(reminder_id)
        rows = self._reminder_rows()
        index = next(i for i, r in enumerate(rows) if r.id == row.id)
        rows.insert(min(max(index + by, 0), len(rows) - 1), rows.pop(index))
        _renumber_positions(m.Reminder, rows)

    # -- contacts ------------------------------------------------------------

    def _contact_rows(self) -> list[m.Contact]:
        return list(
            m.Contact.select().where(m.Contact.person == self.person_id)
            .order_by(m.Contact.position, m.Contact.id)
        )

    def _contact_row(self, contact_id: int) -> m.Contact:
        row = m.Contact.get_or_none((m.Contact.id == contact_id) & (m.Contact.person == self.person_id))
        if row is None:
            raise NotFoundError("That contact is no longer in the plan.")
        return row

    @_reads
    def contacts(self, role: str | None = None) -> list[Contact]:
        """The person's contacts in their order; with `role`, only those holding it."""
        if role is not None:
            _checked_roles([role])
        found = [_contact(row) for row in self._contact_rows()]
        return [c for c in found if role is None or role in c.roles]

    @_writes
    def add_contact(self, name: str, **details) -> Contact:
        values = _contact_values(name=name, **details)
        position = len(self._contact_rows()) + 1
        row = m.Contact.create(person=self.person_id, position=position, updated_at=clock.now(),
                               **{"relationship": "", "roles": "", "phone": "", "can_text": False,
                                  "email": "", "reachable": "", "notes": "", **values})
        return _contact(row)

    @_writes
    def edit_contact(self, contact_id: int, **details) -> Contact:
        row = self._contact_row(contact_id)
        for key, value in _contact_values(**details).items():
            setattr(row, key, value)
        row.updated_at = clock.now()
        row.save()
        return _contact(row)

    @_writes
    def move_contact(self, contact_id: int, by: int) -> Contact:
        row = self._contact_row(contact_id)
        rows = self._contact_rows()
        index = next(i for i, r in enumerate(rows) if r.id == row.id)
        rows.insert(min(max(index + by, 0), len(rows) - 1), rows.pop(index))
        _renumber_positions(m.Contact, rows)
        return _contact(m.Contact.get_by_id(row.id))

    @_writes
    def delete_contact(self, contact_id: int) -> None:
        self._contact_row(contact_id).delete_instance()
        _renumber_positions(m.Contact, self._contact_rows())


# ----------------------------------------------------------------------------
# Checks and conversions, each rule in one place


def _checked_term(term: str) -> Term:
    if term not in TERMS:
        raise InputError("A goal is either short term or long term.")
    return term  # type: ignore[return-value]


def _checked_order(order: str) -> Order:
    if order not in ORDERS:
        raise InputError("Goals can be ordered by importance or by timeline.")
    return order  # type: ignore[return-value]


def _checked_date(value: date | None) -> date | None:
    if value is not None and not isinstance(value, date):
        raise InputError("The target date must be a date.")
    return value


def _checked_roles(roles: Iterable[str]) -> frozenset[str]:
    roles = frozenset(roles)
    unknown = roles - set(CONTACT_ROLES)
    if unknown:
        raise InputError(f"A contact's role is one of: {', '.join(CONTACT_ROLES.values())}.")
    return roles


_STEP_PARTS = {
    "specific": "what I will do",
    "measurable": "how much or how many",
    "achievable": "why I can do it",
    "bring": "what I will bring",
}


def _step_values(*, keep_unread_when: bool = False, **parts: str) -> dict[str, object]:
    values: dict[str, object] = {}
    for name, value in parts.items():
        if name == "when":
            when = checked(value, limit=SHORT_LIMIT, what="by when")
            values["when_text"] = when
            try:
                values["due_date"] = parse_due_date(when, clock.today())
            except InputError:
                if not keep_unread_when:
                    raise
                values["due_date"] = None
        elif name in _STEP_PARTS:
            values[name] = checked(value, limit=SHORT_LIMIT, what=_STEP_PARTS[name])
        else:
            raise InputError(f"A step has no part called {name!r}.")
    return values


_CONTACT_TEXT = {
    "name": "contact's name", "relationship": "relationship", "phone": "phone number",
    "email": "email", "reachable": "when they can be reached", "notes": "notes",
}


def _contact_values(**details) -> dict[str, object]:
    values: dict[str, object] = {}
    for key, value in details.items():
        if key == "roles":
            values["roles"] = " ".join(sorted(_checked_roles(value)))
        elif key == "can_text":
            values["can_text"] = bool(value)
        elif key in _CONTACT_TEXT:
            values[key] = checked(value, limit=SHORT_LIMIT, what=_CONTACT_TEXT[key],
                                  required=(key == "name"))
        else:
            raise InputError(f"A contact has no {key!r}.")
    return values


def _renumber_positions(model: type[peewee.Model], rows: list) -> None:
    for position, row in enumerate(rows, start=1):
        if row.position != position:
            model.update(position=position).where(model.id == row.id).execute()


def _as_date(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _goal(row: m.Goal, next_step: Step | None) -> Goal:
    return Goal(
        id=row.id, text=row.text, term=row.term, importance=row.importance,
        timeline=row.timeline, status=row.status, target_date=_as_date(row.target_date),
        done_on=_as_date(row.done_on), next_step=next_step,
    )


def _step(row: m.Step) -> Step:
    return Step(
        id=row.id, goal_id=row.goal_id, position=row.position, specific=row.specific,
        measurable=row.measurable, achievable=row.achievable, when_text=row.when_text,
        due_date=_as_date(row.due_date), bring=row.bring, done=bool(row.done),
        done_on=_as_date(row.done_on),
    )


def _contact(row: m.Contact) -> Contact:
    return Contact(
        id=row.id, position=row.position, name=row.name, relationship=row.relationship,
        roles=frozenset(row.roles.split()), phone=row.phone, can_text=bool(row.can_text),
        email=row.email, reachable=row.reachable, notes=row.notes,
    )
