"""The base every part of a plan stands on: the person's data key, the
sealing of every text (each seal names its table, row and column), the read
and write transactions, the row-to-value converters, and the one rule for
moving an item in a numbered list.

Each part (goals.py, steps.py, ...) is a class on PlanBase; `Plan` (plan.py)
is made of all of them. A part may call another part's public methods through
self (a draft is saved where it was typed; a check-in goes through steps).
"""

from __future__ import annotations

import functools
import json
from contextlib import contextmanager
from datetime import date
from typing import Self

import peewee

from tui.i18n import N_, _
from tui.store import audit, crypto, models as m
from tui.store.db import Store
from tui.store.errors import DatabaseError, InputError, NotFoundError
from tui.store.plans.values import Contact, Goal, Reminder, Revision, Step

UNREADABLE = N_(
    "A part of this plan can't be read: it was changed outside Recovery Plan, or the file "
    "is damaged. Nothing was changed. Ask staff to check the database or restore a backup."
)
PLAN_DELETED = N_("This plan was deleted.")


def _writes(method=None, *, detail=None):
    """Run a Plan method in one short write transaction of this plan (see Store.write), and
    record in the audit trail that the plan changed (what kind, never the words).
    `detail(*args)` names the part changed; the method's name by default."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self: PlanBase, *args, **kwargs):
            self._check_not_deleted()

            def change():
                result = method(self, *args, **kwargs)
                what = detail(*args, **kwargs) if detail else method.__name__
                audit.record("changed", self.person_id, what)
                return result

            return self._write(change)

        return wrapper

    return decorate(method) if method is not None else decorate


def _reads(method):
    """Turn SQLite errors in a Plan read into plain messages."""

    @functools.wraps(method)
    def wrapper(self: PlanBase, *args, **kwargs):
        self._check_not_deleted()
        with self._store.errors_explained(), self._deleted_elsewhere_explained():
            return method(self, *args, **kwargs)

    return wrapper


class PlanBase:
    """One signed-in person's plan, without its parts. Holds the person's data
    key while open; every text is sealed on the way in and opened on the way out."""

    _store: Store
    _data_key: bytes
    _sealer: crypto.Sealer
    _deleted: bool  # in this session, or found deleted elsewhere
    person_id: int
    name: str  # as typed at sign-up
    # New recovery codes to show the person once (a new plan, or an old
    # plan's first sign-in since encryption); empty otherwise.
    recovery_codes: tuple[str, ...]
    # One line to show when the plan opened while its sign-in couldn't be
    # written (the database busy, full or read-only); None otherwise.
    read_only_note: str | None

    def __init__(self, store: Store, person_id: int, name: str, data_key: bytes):
        self._store = store
        self.person_id = person_id
        self.name = name
        self._data_key = data_key
        self._sealer = crypto.Sealer(data_key)
        self.recovery_codes = ()
        self.read_only_note = None
        self._deleted = False

    def _check_not_deleted(self) -> None:
        if self._deleted:
            raise NotFoundError(_(PLAN_DELETED))

    @contextmanager
    def _deleted_elsewhere_explained(self):
        """A plan deleted in another session (or by staff) makes a write fail on its
        foreign key, or a row go missing: say so plainly, once."""
        try:
            yield
        except (peewee.IntegrityError, peewee.DoesNotExist):
            with self._store.errors_explained():
                gone = not m.Person.select().where(m.Person.id == self.person_id).exists()
            if gone:
                self._deleted = True
                raise NotFoundError(_(PLAN_DELETED)) from None
            raise

    def _write(self, operation):
        """One write transaction of this plan (see Store.write)."""
        self._check_not_deleted()
        with self._deleted_elsewhere_explained():
            return self._store.write(operation, person=self.person_id)

    def _person_row(self) -> m.Person:
        with self._store.errors_explained(), self._deleted_elsewhere_explained():
            return m.Person.get_by_id(self.person_id)

    @classmethod
    def _opened(cls, store: Store, person: m.Person, data_key: bytes) -> Self:
        sealer = crypto.Sealer(data_key)
        name = sealer.open(person.name_sealed, crypto.place("person", person.id, "name_sealed"))
        return cls(store, person.id, name, data_key)

    def _own_row(self, model: type[peewee.Model], row_id: int, gone: str) -> peewee.Model:
        """The row `row_id` of `model` when it belongs to this plan; NotFoundError
        saying `gone` (marked with N_()) otherwise."""
        row = model.get_or_none((model.id == row_id) & (model.person == self.person_id))
        if row is None:
            raise NotFoundError(_(gone))
        return row

    # -- sealing -------------------------------------------------------------

    def _seal(self, row: peewee.Model, column: str, text: str) -> None:
        """Set `row.column` to `text` sealed for that row and column."""
        setattr(row, column, self._sealer.seal(text, crypto.place(row._meta.table_name, row.id, column)))

    def sealed(self, table: str, row_id: int, column: str, text: str) -> str:
        """`text` sealed for one row and column of this plan (for rows written in bulk)."""
        return self._sealer.seal(text, crypto.place(table, row_id, column))

    def _open(self, row: peewee.Model, column: str) -> str:
        try:
            return self._sealer.open(getattr(row, column),
                                     crypto.place(row._meta.table_name, row.id, column))
        except crypto.SealError:
            raise DatabaseError(_(UNREADABLE)) from None

    def _create(self, model: type[peewee.Model], texts: dict[str, str], **other) -> peewee.Model:
        """Insert a row whose sealed columns hold `texts` (the row id is part
        of each seal, so the texts go in right after the insert)."""
        row = model.create(**other, **{column: "" for column in m.SEALED_COLUMNS[model]})
        self._save_texts(row, texts)
        return row

    def _save_texts(self, row: peewee.Model, texts: dict[str, str], **other) -> None:
        model = type(row)
        for column, text in texts.items():
            self._seal(row, column, text)
        for column, value in other.items():
            setattr(row, column, value)
        changed = {getattr(model, column): getattr(row, column) for column in [*texts, *other]}
        if changed:
            model.update(changed).where(model.id == row.id).execute()

    # -- plain values from rows ----------------------------------------------

    def _goal(self, row: m.Goal, next_step: Step | None) -> Goal:
        return Goal(
            id=row.id, text=self._open(row, "text"), term=row.term, importance=row.importance,
            timeline=row.timeline, status=row.status, target_date=_as_date(row.target_date),
            done_on=_as_date(row.done_on), next_step=next_step,
        )

    def _step(self, row: m.Step) -> Step:
        texts = {column: self._open(row, column) for column in m.SEALED_COLUMNS[m.Step]}
        return Step(
            id=row.id, goal_id=row.goal_id, position=row.position, due_date=_as_date(row.due_date),
            done=bool(row.done), done_on=_as_date(row.done_on), **texts,
        )

    def _contact(self, row: m.Contact) -> Contact:
        texts = {column: self._open(row, column) for column in m.SEALED_COLUMNS[m.Contact]}
        roles = frozenset(texts.pop("roles").split())
        return Contact(id=row.id, position=row.position, roles=roles, can_text=bool(row.can_text),
                       **texts)

    def _reminder(self, row: m.Reminder) -> Reminder:
        return Reminder(row.id, row.position, self._open(row, "text"))

    def _revision(self, row: m.SectionRevision) -> Revision:
        kept = json.loads(self._open(row, "fields_sealed"))
        return Revision(row.id, row.section, row.saved_at, kept["fields"], tuple(kept["changed"]))

    # -- moving in a numbered list --------------------------------------------

    def _move(self, model: type[peewee.Model], rows: list, row_id: int, by: int) -> None:
        """Move the row `row_id` of `rows` (a list in its order) `by` places
        (negative: toward the top), stopping at either end; then number the
        list 1..n again. Steps, contacts and reminders move this way."""
        index = next(i for i, r in enumerate(rows) if r.id == row_id)
        rows.insert(min(max(index + by, 0), len(rows) - 1), rows.pop(index))
        _renumber_positions(model, rows)


def _checked_date(value: date | None) -> date | None:
    if value is not None and not isinstance(value, date):
        raise InputError(_("The target date must be a date."))
    return value


def _renumber_positions(model: type[peewee.Model], rows: list) -> None:
    for position, row in enumerate(rows, start=1):
        if row.position != position:
            model.update(position=position).where(model.id == row.id).execute()


def _as_date(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])
