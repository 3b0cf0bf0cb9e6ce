"""The operations a screen or command may ask of a plan, one place per rule.

Screens call these and get plain values back (the frozen dataclasses below);
nothing outside the store touches a model's columns. `Plan` is one signed-in
person's plan: every operation on it is scoped to that person.
"""

from __future__ import annotations

import functools
import random
import time
from contextlib import contextmanager
from collections.abc import Iterable
from dataclasses import dataclass, field
import json
from datetime import date, datetime, timedelta
from typing import Literal

import peewee

from tui.i18n import N_, _
from tui.store import attempts, audit, clock, crypto, keys, models as m, pins
from tui.store.dates import parse_due_date
from tui.store.db import Store
from tui.store.errors import (
    ConflictError,
    DatabaseBusyError,
    DatabaseError,
    InputError,
    NameTakenError,
    NotFoundError,
    SignInError,
    SignInWaitError,
)
from tui.store.text import LONG_LIMIT, NAME_LIMIT, SHORT_LIMIT, checked, normalised_name, one_line

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

# Each section field in words, for messages (the English is the key's own words).
_FIELD_WORDS = {
    "vision": N_("vision"), "strengths": N_("strengths"),
    "warning_signs": N_("warning signs"), "on_my_own": N_("on my own"),
    "distractions": N_("distractions"), "ask_for_help": N_("ask for help"),
    "professionals": N_("professionals"), "safer_surroundings": N_("safer surroundings"),
    "matters_most": N_("matters most"), "emergency_numbers": N_("emergency numbers"),
    "naloxone_where": N_("naloxone where"), "naloxone_person": N_("naloxone person"),
    "check_in_person": N_("check in person"), "check_in_how": N_("check in how"),
    "other_steps": N_("other steps"), "triggers": N_("triggers"), "relief": N_("relief"),
}

# Messages, marked for the catalog: raised through _().
SIGN_IN_FAILED = N_("That name and PIN don't open a plan. Check both and try again.")
UNREADABLE = N_(
    "A part of this plan can't be read: it was changed outside Recovery Plan, or the file "
    "is damaged. Nothing was changed. Ask staff to check the database or restore a backup."
)
CODE_FAILED = N_("That name and recovery code don't open a plan. Check both and try again.")
# How long a sign-in tries to write down its try before it goes on without:
# reading never waits on writing (an import, a full or read-only disk).
SIGN_IN_WRITE_SECONDS = 2.0
READ_ONLY_NOTE = N_(
    "Your plan is open to read. Changes can't be saved right now; nothing was lost. "
    "Ask staff if this stays.")
WAIT_FOR_NAME = N_("Too many tries for that name. Please wait {wait}, then try again.")
# What a try that found no turn (many checks of its name in progress) is told to wait.
TURN_WAIT_SECONDS = 5
NAME_TAKEN = N_(
    "Someone already has a plan with that name. Add something to make it your own, "
    "like an initial, a nickname or a number."
)
PLAN_DELETED = N_("This plan was deleted.")


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


# ----------------------------------------------------------------------------
# People: making a plan, signing in, recovery codes, deleting a plan


def _checked_name(name: str) -> str:
    name = checked(name, limit=NAME_LIMIT, what=N_("name"), required=True)
    return name


def _lookup(store: Store, name: str) -> str:
    return crypto.name_lookup(store.site_key, normalised_name(name))


def _person(lookup: str) -> m.Person | None:
    return m.Person.get_or_none(m.Person.lookup == lookup)


def _checked_language(code: object) -> str:
    if not isinstance(code, str) or code not in LANGUAGES:
        raise InputError(_("Choose one of the languages Recovery Plan has: {languages}.").format(
            languages=", ".join(LANGUAGES)))
    return code


def create_person(store: Store, name: str, pin: str, *, language: str | None = None,
                  counted: bool = True) -> Plan:
    """Make a new, empty plan for `name`, opened with `pin`, keeping
    `language` (one of LANGUAGES: the one chosen at sign-in) if given. The
    new plan's recovery codes are in `plan.recovery_codes`, to be shown once.

    A name already taken is `counted` like a wrong PIN for that name (and
    waited and audited the same way), so making plans can't be used to find
    out, fast and unseen, which names have one. Staff commands (demo) pass
    counted=False."""
    new = _prepared_person(store, name, pin, language)
    if counted:
        with store.errors_explained():
            left = attempts.seconds_left(new.lookup)
        if left:
            raise NameTakenError(_(WAIT_FOR_NAME).format(wait=attempts.say_wait(left)))
    with store.errors_explained():
        taken = _person(new.lookup) is not None
    if taken:
        raise _name_taken(store, new.lookup, counted)
    try:
        person_id, codes = store.write(lambda: _insert_person(store, new))
    except peewee.IntegrityError:
        raise _name_taken(store, new.lookup, counted) from None
    plan = Plan(store, person_id, new.name, new.data_key)
    plan.recovery_codes = tuple(codes)
    return plan


@dataclass(frozen=True)
class _NewPerson:
    """A plan about to be made: checked, with its slow PIN key derived
    (outside any write, so no other session waits on it)."""
    name: str
    lookup: str
    language: str | None
    pin_key: tuple[str, bytes]
    data_key: bytes


def _prepared_person(store: Store, name: str, pin: str, language: str | None) -> _NewPerson:
    name = _checked_name(name)
    pins.check_new_pin(pin)
    if language is not None:
        language = _checked_language(language)
    # Slow on purpose, and done whether or not the name is taken, so the time
    # taken doesn't tell.
    pin_key = keys.derive_new_pin_key(pin, store.site_key)
    return _NewPerson(name, _lookup(store, name), language, pin_key, crypto.new_data_key())


def _insert_person(store: Store, new: _NewPerson, *,
                   lookup: str | None = None) -> tuple[int, list[str]]:
    """Make the person's row, keys and codes, found by `lookup` (the name's
    by default; an import builds its plan aside under another). Inside a write."""
    sealer = crypto.Sealer(new.data_key)
    # A number never used before, even by a deleted plan, so the audit trail
    # never mixes two plans' events.
    used = max(m.Person.select(peewee.fn.MAX(m.Person.id)).scalar() or 0,
               m.AuditEvent.select(peewee.fn.MAX(m.AuditEvent.person_id)).scalar() or 0)
    person = m.Person.create(id=used + 1, lookup=lookup or new.lookup, name_sealed="",
                             created_at=clock.now())
    sealed = {m.Person.name_sealed: sealer.seal(new.name, crypto.place("person", person.id,
                                                                       "name_sealed"))}
    if new.language is not None:
        sealed[m.Person.language_sealed] = sealer.seal(
            new.language, crypto.place("person", person.id, "language_sealed"))
    m.Person.update(sealed).where(m.Person.id == person.id).execute()
    keys.set_pin(person.id, new.pin_key, new.data_key)
    codes = keys.make_recovery_codes(person.id, new.data_key, store.site_key)
    _pad_toolkit(person.id, sealer)
    audit.record("plan_created", person.id)
    return person.id, codes


# A toolkit answer not given yet. Every plan has a row for every question from
# the start, sealed and padded like an answer, so a copy of the database
# doesn't tell which questions a person answered. (A lone surrogate: no text a
# person types can be it, `checked` refuses one.)
NOT_ANSWERED = "\udc00"


def _pad_toolkit(person_id: int, sealer: crypto.Sealer) -> None:
    """A sealed row for every toolkit question, holding NOT_ANSWERED. Inside a write."""
    from tui.content.toolkit import QUESTION_KEYS

    now = clock.now()
    for question in QUESTION_KEYS:
        row = m.ToolkitAnswer.create(person=person_id, question=question, answer="",
                                     updated_at=now)
        m.ToolkitAnswer.update(answer=sealer.seal(
            NOT_ANSWERED, crypto.place(m.ToolkitAnswer._meta.table_name, row.id, "answer"))
        ).where(m.ToolkitAnswer.id == row.id).execute()


def _name_taken(store: Store, lookup: str, counted: bool) -> NameTakenError:
    """The error for a taken name, counted like a wrong try when `counted`."""
    if not counted:
        return NameTakenError(_(NAME_TAKEN))
    wait = _count_wrong_try(store, lookup, "name_taken", attempts.wait_after)
    if wait:
        return NameTakenError(_("{message} Please wait {wait} before the next try.").format(
            message=_(NAME_TAKEN), wait=attempts.say_wait(wait)))
    return NameTakenError(_(NAME_TAKEN))


def _checked_sign_in_name(name: str) -> str:
    if not isinstance(name, str) or not name.strip():
        raise InputError(_("Please type your name first."))
    return checked(name, limit=LONG_LIMIT, what=N_("name"))  # a broken character can't be looked up


def _try_write(store: Store, operation):
    """(True, the result) when `operation` could be written within
    SIGN_IN_WRITE_SECONDS; (False, the error) when the database is busy past
    it, full, read-only or gone. Reading never waits on writing: a sign-in
    goes on without it."""
    try:
        return True, store.write(operation, deadline_seconds=SIGN_IN_WRITE_SECONDS)
    except DatabaseError as error:
        return False, error


def _count_wrong_try(store: Store, lookup: str, event: str, schedule, check_id=None) -> int:
    """Count a wrong try (audited the same for names with and without a plan);
    the seconds to wait now. Counted in this process's memory when the
    database can't take the write."""
    tag = crypto.audit_tag(store.site_key, lookup)

    def count() -> int:
        if check_id is not None:
            attempts.end_check(check_id)
        audit.record(event, None, tag)
        return attempts.record_failure(lookup, schedule)

    try:  # a wrong try may wait for the database (the right one never does)
        return store.write(count)
    except DatabaseError:
        with store.errors_explained():
            return attempts.remember_failure(lookup, schedule)


def _counted_pin_check(store: Store, lookup: str, person: m.Person | None, pin: str,
                       message: str = "") -> tuple[bytes, bool]:
    """(the data key, whether the try could be written down) when `pin` opens
    the plan (`person` None: a name with no plan). A wrong PIN is counted; the
    right one clears the count (the caller's write). Raises SignInWaitError
    while waiting, SignInError (`message`) for a wrong PIN.

    The check is counted while it runs (see `tui.store.attempts`): tries made
    at the same moment in many sessions get no more checks than the limit
    allows before a wait, and the right PIN typed in many sessions at once
    waits its turn (a few key derivations) instead of being refused. When the
    database can't take writes, the PIN is still checked at full cost, and a
    wrong one counted in memory. `message` is marked with N_() and shown
    through _()."""
    message = _(message or SIGN_IN_FAILED)
    check_id, written = _begin_pin_check(store, lookup)
    counted = False
    try:
        data_key = keys.unlock_with_pin(person, lookup, pin, store.site_key)
        if data_key is not None and person is not None:
            return data_key, written
        wait_if_wrong = _count_wrong_try(store, lookup, "sign_in_failed", attempts.wait_after,
                                         check_id)
        counted = True
    finally:
        if not counted and check_id is not None:
            _end_pin_check(store, check_id)
    if wait_if_wrong:
        raise SignInWaitError(
            _("{message} Please wait {wait} before the next try.").format(
                message=message, wait=attempts.say_wait(wait_if_wrong)),
            wait_if_wrong)
    raise SignInError(message)


def _refused_waiting(left: int) -> SignInWaitError:
    return SignInWaitError(
        _("Too many tries that didn't match. Please wait {wait}, then try again. A "
          "recovery code works now.").format(wait=attempts.say_wait(left)), left)


def _begin_pin_check(store: Store, lookup: str) -> tuple[int | None, bool]:
    """(the id of a PIN check of `lookup` allowed to start now, True), waiting
    (up to TURN_DEADLINE_SECONDS) while the checks in progress fill what the
    limit allows; (None, False) when the database can't take the write (the
    waits are then read, and this process's own count kept). SignInWaitError
    while a wait is in force, or when no turn came."""
    tag = crypto.audit_tag(store.site_key, lookup)

    def begin() -> tuple[int, int | None]:
        attempts.record_remembered()  # tries counted in memory while writes failed
        left, check_id = attempts.begin_check(lookup)
        if left:
            audit.record("sign_in_waiting", None, tag)
        return left, check_id

    deadline = time.monotonic() + attempts.TURN_DEADLINE_SECONDS
    while True:
        written, begun = _try_write(store, begin)
        if written:
            left, check_id = begun
            if left:
                raise _refused_waiting(left)
            if check_id is not None:
                return check_id, True
        else:
            # The database can't take the write (busy past a short deadline,
            # a full or read-only disk): read what the write would have
            # decided. Checks already in progress still count, so a flood of
            # tries can't use a busy database to get more checks.
            with store.errors_explained():
                left = attempts.seconds_left(lookup)
                # Busy: many tries at once may be what keeps it busy, so a try
                # goes on unwritten only for a name with no misses and no
                # checks in progress. Full or read-only: the checks allowed.
                room = (attempts.is_quiet(lookup) if isinstance(begun, DatabaseBusyError)
                        else attempts.may_begin(lookup))
            if left:
                raise _refused_waiting(left)
            if room:
                return None, False
        # Other sessions are checking PINs for this name: look again (without
        # the write lock) until one of them is done, then try for a turn.
        while True:
            if time.monotonic() >= deadline:
                _try_write(store, lambda: audit.record("sign_in_waiting", None, tag))
                raise SignInWaitError(
                    _("Many tries for this name are being checked right now. Please wait "
                      "{wait}, then try again. A recovery code works now.").format(
                          wait=attempts.say_wait(TURN_WAIT_SECONDS)), TURN_WAIT_SECONDS)
            time.sleep(random.uniform(*attempts.TURN_LOOK_SECONDS))
            with store.errors_explained():
                if attempts.may_begin(lookup):
                    break


def _end_pin_check(store: Store, check_id: int) -> None:
    """The check is over (the right PIN, or an error midway). Should the
    database be too busy to say so, the row stops counting after
    CHECK_STALE_SECONDS: the caller's own outcome matters more."""
    _try_write(store, lambda: attempts.end_check(check_id))


def sign_in(store: Store, name: str, pin: str, *, event: str = "signed_in") -> Plan:
    """Open the plan of `name` with `pin`. A wrong name and a wrong PIN look
    alike, in message and in time taken; wrong tries are counted (see
    `tui.store.attempts`). A plan stored before encryption gets its key
    wrapped with the PIN now, and new recovery codes (in `plan.recovery_codes`).

    When the database can't take a write (busy past a short deadline, a full
    or read-only disk), the plan still opens, to read: `plan.read_only_note`
    says so in one line (None otherwise)."""
    name = _checked_sign_in_name(name)
    if not isinstance(pin, str) or not pin:
        raise InputError(_("Please type your PIN."))
    lookup = _lookup(store, name)
    with store.errors_explained():
        person = _person(lookup)
    data_key, written = _counted_pin_check(store, lookup, person, pin)
    legacy = person.legacy_wrap is not None
    new_key = keys.derive_new_pin_key(pin, store.site_key) if legacy and written else None

    def opened() -> list[str]:
        attempts.clear(lookup)
        audit.record(event, person.id)
        if new_key is None:
            return []
        keys.set_pin(person.id, new_key, data_key)
        return keys.make_recovery_codes(person.id, data_key, store.site_key)

    if written:
        written, codes = _try_write(store, opened)
    if not written:
        attempts.forget_lookup(lookup)
        codes = []
    plan = Plan._opened(store, person, data_key)
    plan.recovery_codes = tuple(codes)
    plan.read_only_note = None if written else _(READ_ONLY_NOTE)
    return plan


def sign_in_with_code(store: Store, name: str, code: str, new_pin: str) -> Plan:
    """Open the plan of `name` with one of its recovery codes, at any time (even
    while waiting after wrong PINs), and set `new_pin`. The code is used up.

    A wrong code never counts toward the PIN's waits (it would let anyone who
    knows a name keep that person out): wrong codes are counted per terminal."""
    name = _checked_sign_in_name(name)
    if not isinstance(code, str) or not code.strip():
        raise InputError(_("Please type one of your recovery codes."))
    pins.check_new_pin(new_pin)
    lookup = _lookup(store, name)
    from_here = attempts.code_lookup(store.site_key)
    with store.errors_explained():
        left = attempts.seconds_left(from_here, attempts.CODE_LONGEST_WAIT_SECONDS)
    if left:
        raise SignInWaitError(
            _("Too many recovery codes that didn't match were typed here. Please wait {wait}, "
              "then try again.").format(wait=attempts.say_wait(left)), left)
    with store.errors_explained():
        person = _person(lookup)
        found = keys.unlock_with_code(person, code, store.site_key)
    if found is None or person is None:
        wait = _count_wrong_try(store, from_here, "recovery_code_failed",
                                attempts.code_wait_after)
        if wait:
            raise SignInWaitError(_("{message} Please wait {wait} before the next try.").format(
                message=_(CODE_FAILED), wait=attempts.say_wait(wait)), wait)
        raise SignInError(_(CODE_FAILED))
    code_id, data_key = found
    new_key = keys.derive_new_pin_key(new_pin, store.site_key)

    def opened() -> None:
        if not keys.use_code(code_id):  # used meanwhile in another session: once only
            raise SignInError(_(CODE_FAILED))
        keys.set_pin(person.id, new_key, data_key)
        attempts.clear(lookup)
        attempts.clear(from_here)
        audit.record("recovery_code_used", person.id)

    store.write(opened)
    return Plan._opened(store, person, data_key)


def unlock_name(store: Store, name: str) -> bool:
    """Clear the wait after wrong tries for `name`, without opening its plan
    (for staff, from the command line); audited. True when there was a count
    to clear."""
    lookup = _lookup(store, _checked_sign_in_name(name))
    with store.errors_explained():
        person = _person(lookup)
    tag = crypto.audit_tag(store.site_key, lookup)

    def unlock() -> bool:
        had = attempts.clear(lookup)
        audit.record("unlocked", person.id if person else None, tag)
        return had

    return store.write(unlock)


def delete_plan(store: Store, name: str) -> bool:
    """Remove the plan of `name` for good, without opening it (for staff, from
    the command line). False when no plan has that name."""
    with store.errors_explained():
        person = _person(_lookup(store, _checked_sign_in_name(name)))
    if person is None:
        return False
    _delete_person(store, person.id, "by staff")
    return True


def _delete_person(store: Store, person_id: int, detail: str) -> None:
    """Rows and wrapped keys removed, then their space wiped as far as the
    database can (SQLite: secure_delete zeroes it and the WAL is emptied; see
    Store.wipe_free_space)."""
    store.write(lambda: remove_person_rows(person_id, detail), person=person_id)
    store.wipe_free_space()


def remove_person_rows(person_id: int, detail: str) -> None:
    """Delete a plan's rows (the rest cascades) and note it. Inside a write;
    wipe the free space after it commits."""
    m.Person.delete().where(m.Person.id == person_id).execute()
    audit.record("deleted", person_id, detail)


def person_id_named(store: Store, name: str) -> int | None:
    """The plan number of `name`, or None (for staff commands, never shown to a person)."""
    with store.errors_explained():
        person = _person(_lookup(store, _checked_sign_in_name(name)))
    return person.id if person else None


def _writes(method=None, *, detail=None):
    """Run a Plan method in one short write transaction of this plan (see Store.write), and
    record in the audit trail that the plan changed (what kind, never the words).
    `detail(*args)` names the part changed; the method's name by default."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self: Plan, *args, **kwargs):
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
    def wrapper(self: Plan, *args, **kwargs):
        self._check_not_deleted()
        with self._store.errors_explained(), self._deleted_elsewhere_explained():
            return method(self, *args, **kwargs)

    return wrapper


class Plan:
    """One signed-in person's plan. Holds the person's data key while open;
    every text is sealed on the way in and opened on the way out."""

    def __init__(self, store: Store, person_id: int, name: str, data_key: bytes):
        self._store = store
        self.person_id = person_id
        self.name = name  # as typed at sign-up
        self._data_key = data_key
        self._sealer = crypto.Sealer(data_key)
        # New recovery codes to show the person once (a new plan, or an old
        # plan's first sign-in since encryption); empty otherwise.
        self.recovery_codes: tuple[str, ...] = ()
        # One line to show when the plan opened while its sign-in couldn't be
        # written (the database busy, full or read-only); None otherwise.
        self.read_only_note: str | None = None
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
    def _opened(cls, store: Store, person: m.Person, data_key: bytes) -> Plan:
        sealer = crypto.Sealer(data_key)
        name = sealer.open(person.name_sealed, crypto.place("person", person.id, "name_sealed"))
        return cls(store, person.id, name, data_key)

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

    # -- the person's own keys -----------------------------------------------

    def change_pin(self, old_pin: str, new_pin: str) -> None:
        """Set a new PIN; the old one must be given. Re-wraps one key."""
        pins.check_new_pin(new_pin)
        person = self._check_pin(old_pin, N_("That is not your current PIN. Nothing was changed."))
        new_key = keys.derive_new_pin_key(new_pin, self._store.site_key)

        def change() -> None:
            attempts.clear(person.lookup)
            keys.set_pin(self.person_id, new_key, self._data_key)
            audit.record("pin_changed", self.person_id)

        self._write(change)

    def _check_pin(self, pin: str, message: str) -> m.Person:
        """The person's row when `pin` is theirs. Counted like a sign-in, so an
        open session can't be used to guess the PIN faster."""
        if not isinstance(pin, str) or not pin:
            raise InputError(_("Please type your PIN."))
        self._check_not_deleted()
        person = self._person_row()
        with self._deleted_elsewhere_explained():
            _counted_pin_check(self._store, person.lookup, person, pin, message)
        return person

    def new_recovery_codes(self, pin: str) -> tuple[str, ...]:
        """Replace all recovery codes with new ones, after checking the PIN (in
        an unlocked session, codes are a way to take a plan over); the old
        codes stop working."""
        person = self._check_pin(pin, N_("That is not your PIN. Your codes were not changed."))

        def make() -> list[str]:
            attempts.clear(person.lookup)
            codes = keys.make_recovery_codes(self.person_id, self._data_key, self._store.site_key)
            audit.record("recovery_codes_made", self.person_id)
            return codes

        self.recovery_codes = tuple(self._write(make))
        return self.recovery_codes

    @_reads
    def recovery_codes_left(self) -> int:
        return keys.codes_left(self.person_id)

    def delete(self, pin: str) -> None:
        """Delete this plan for good, after checking the PIN once more."""
        self._check_pin(pin, N_("That is not your PIN. Your plan was not deleted."))
        _delete_person(self._store, self.person_id, "by the person")
        self._deleted = True

    def record(self, event: str, detail: str = "") -> None:
        """Note in the audit trail that the plan was exported or imported (never what it says)."""
        self._write(lambda: audit.record(event, self.person_id, detail))

    # -- the person's own settings -------------------------------------------

    @property
    def language(self) -> str | None:
        """The language the person chose for the app's screens (one of
        LANGUAGES), or None when none was chosen."""
        return self._language()

    @_reads
    def _language(self) -> str | None:
        row = m.Person.get_by_id(self.person_id)
        if row.language_sealed is None:
            return None
        code = self._open(row, "language_sealed")
        return code if code in LANGUAGES else None  # a language this version no longer has

    @_writes(detail=lambda code: "language")
    def set_language(self, code: str | None) -> None:
        """Keep `code` (one of LANGUAGES) as the person's language; None
        forgets the choice. The audit trail says the language changed, not which."""
        row = m.Person.get_by_id(self.person_id)
        if code is None:
            m.Person.update(language_sealed=None).where(m.Person.id == row.id).execute()
        else:
            self._save_texts(row, {"language_sealed": _checked_language(code)})

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

    # -- goals ---------------------------------------------------------------

    def _goal_row(self, goal_id: int) -> m.Goal:
        row = m.Goal.get_or_none((m.Goal.id == goal_id) & (m.Goal.person == self.person_id))
        if row is None:
            raise NotFoundError(_("That goal is no longer in the plan."))
        return row

    def _term_goals(self, term: str, order: Order) -> list[m.Goal]:
        """A term's goals in one order (as Goal.place sorts them)."""
        column = getattr(m.Goal, order)
        other = m.Goal.timeline if order == "importance" else m.Goal.importance
        return list(
            m.Goal.select()
            .where((m.Goal.person == self.person_id) & (m.Goal.term == term))
            .order_by(column, other, m.Goal.id)
        )

    @staticmethod
    def _levels(rows: list[m.Goal], order: Order) -> list[list[int]]:
        """The goal ids of `rows` (in order) grouped by equal numbers: one level
        per number. Importance may have ties; the timeline never does."""
        levels: list[list[int]] = []
        last = None
        for row in rows:
            number = getattr(row, order)
            if levels and number == last:
                levels[-1].append(row.id)
            else:
                levels.append([row.id])
            last = number
        return levels

    def _write_levels(self, levels: list[list[int]], order: Order, rows: list[m.Goal]) -> None:
        """Number the levels 1..n (goals of one level share a number), touching
        only rows whose number changes."""
        current = {row.id: getattr(row, order) for row in rows}
        for number, level in enumerate((level for level in levels if level), start=1):
            for goal_id in level:
                if current.get(goal_id) != number:
                    m.Goal.update({order: number}).where(m.Goal.id == goal_id).execute()

    def _renumber(self, rows: list[m.Goal], order: Order) -> None:
        """Close gaps in one order, keeping its ties (after a goal left it)."""
        self._write_levels(self._levels(rows, order), order, rows)

    def _next_number(self, term: str) -> dict[str, int]:
        """The numbers a goal added at the end of a term's orders gets."""
        rows = self._term_goals(term, "importance")
        return {"importance": len(self._levels(rows, "importance")) + 1, "timeline": len(rows) + 1}

    @_reads
    def goals(self, term: Term | None = None) -> list[Goal]:
        """The goals (of one term, or all), by term then importance, each with its next step."""
        query = m.Goal.select().where(m.Goal.person == self.person_id)
        if term is not None:
            query = query.where(m.Goal.term == _checked_term(term))
        rows = list(query.order_by(m.Goal.term.desc(), m.Goal.importance, m.Goal.timeline,
                                   m.Goal.id))  # short before long
        next_steps = self._next_steps([row.id for row in rows])
        return [self._goal(row, next_steps.get(row.id)) for row in rows]

    @_reads
    def goal(self, goal_id: int) -> Goal:
        row = self._goal_row(goal_id)
        return self._goal(row, self._next_steps([row.id]).get(row.id))

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
        return {row.goal_id: self._step(row) for row in rows if row.goal_id in wanted}

    @_writes
    def add_goal(self, text: str, term: Term = "short", target_date: date | None = None) -> Goal:
        """Add a goal at the end of both orders of its term."""
        text = checked(text, limit=SHORT_LIMIT, what=N_("goal"), required=True)
        term = _checked_term(term)
        at_end = self._next_number(term)
        now = clock.now()
        row = self._create(
            m.Goal, {"text": text}, person=self.person_id, term=term, importance=at_end["importance"],
            timeline=at_end["timeline"], target_date=_checked_date(target_date),
            created_at=now, updated_at=now,
        )
        return self._goal(row, None)

    @_writes
    def edit_goal(
        self, goal_id: int, *, text: str | None = None, term: Term | None = None,
        target_date: date | None | Literal["keep"] = "keep",
    ) -> Goal:
        """Change a goal's words, term or target date. A goal moved to the
        other term goes to the end of both of that term's orders."""
        row = self._goal_row(goal_id)
        if text is not None:
            self._seal(row, "text", checked(text, limit=SHORT_LIMIT, what=N_("goal"), required=True))
        if target_date != "keep":
            row.target_date = _checked_date(target_date)
        if term is not None and _checked_term(term) != row.term:
            old_term = row.term
            at_end = self._next_number(term)
            row.term, row.importance, row.timeline = term, at_end["importance"], at_end["timeline"]
            row.updated_at = clock.now()
            row.save()
            for order in ORDERS:
                self._renumber(self._term_goals(old_term, order), order)
        else:
            row.updated_at = clock.now()
            row.save()
        return self._goal(row, self._next_steps([row.id]).get(row.id))

    @_writes
    def delete_goal(self, goal_id: int) -> None:
        """Delete a goal and its steps; the other goals close the gap."""
        row = self._goal_row(goal_id)
        row.delete_instance(recursive=True)
        for order in ORDERS:
            self._renumber(self._term_goals(row.term, order), order)

    @_writes
    def complete_goal(self, goal_id: int, done: bool = True, on: date | None = None) -> Goal:
        """Mark a goal reached (today by the app's clock, or `on`), or not yet."""
        row = self._goal_row(goal_id)
        row.status = "done" if done else "active"
        row.done_on = (_checked_date(on) or clock.today()) if done else None
        row.updated_at = clock.now()
        row.save()
        return self._goal(row, self._next_steps([row.id]).get(row.id))

    @_writes
    def move_goal(self, goal_id: int, order: Order, by: int) -> Goal:
        """Move a goal `by` places in one order (negative: toward 1), one goal
        passed at a time (see move_goal_past); it stops at either end. The
        other order is left exactly as it was."""
        order = _checked_order(order)
        row = self._goal_row(goal_id)
        step = -1 if by < 0 else 1
        for _passed in range(abs(by)):
            rows = self._term_goals(row.term, order)
            index = next(i for i, r in enumerate(rows) if r.id == row.id)
            if 0 <= index + step < len(rows):
                self._move_past(rows, row.id, rows[index + step].id, order, up=step < 0)
            elif not self._leave_tie(rows, row.id, order, up=step < 0):
                break
        return self._goal(m.Goal.get_by_id(row.id), self._next_steps([row.id]).get(row.id))

    @_writes
    def move_goal_past(self, goal_id: int, order: Order, other_id: int) -> Goal:
        """Move a goal just past another of its term, up or down, whatever lies
        between (the goal board steps over the goals it hides this way)."""
        order = _checked_order(order)
        row, other = self._goal_row(goal_id), self._goal_row(other_id)
        if other.term != row.term:
            raise InputError(_("A goal can only move among the goals of its own term."))
        if other.id != row.id:
            rows = self._term_goals(row.term, order)
            ids = [r.id for r in rows]
            self._move_past(rows, row.id, other.id, order, up=ids.index(other.id) < ids.index(row.id))
        return self._goal(m.Goal.get_by_id(row.id), self._next_steps([row.id]).get(row.id))

    @_writes
    def untie_goal(self, goal_id: int, up: bool) -> Goal:
        """A goal tied with others gets an importance of its own, just above
        them (`up`) or just below; nothing changes for a goal not tied."""
        row = self._goal_row(goal_id)
        self._leave_tie(self._term_goals(row.term, "importance"), row.id, "importance", up=up)
        return self._goal(m.Goal.get_by_id(row.id), self._next_steps([row.id]).get(row.id))

    def _leave_tie(self, rows: list[m.Goal], goal_id: int, order: Order, *, up: bool) -> bool:
        """The goal leaves its tie, above or below the goals it shared a number with; False if not tied."""
        number = next(getattr(r, order) for r in rows if r.id == goal_id)
        tied = [r.id for r in rows if r.id != goal_id and getattr(r, order) == number]
        if tied:
            self._move_past(rows, goal_id, tied[0], order, up=up)
        return bool(tied)

    def _move_past(self, rows: list[m.Goal], goal_id: int, other_id: int, order: Order, *,
                   up: bool) -> None:
        """The one rule of moving in an order: the goal leaves its place (and a
        tie it was in) and gets a number of its own just beyond the other goal's,
        above it (`up`) or below. Goals tied with the other stay tied, so a goal
        passes a tie whole."""
        levels = self._levels(rows, order)
        for level in levels:
            if goal_id in level:
                level.remove(goal_id)
        levels = [level for level in levels if level]
        at = next(i for i, level in enumerate(levels) if other_id in level)
        levels.insert(at if up else at + 1, [goal_id])
        self._write_levels(levels, order, rows)

    @_writes
    def arrange_goals(self, term: Term, places: dict[int, tuple[int, int]]) -> None:
        """Set both orders of a term's goals at once, from (importance, timeline)
        numbers as a plan file or the demo gives them: equal importance numbers
        make a tie; timeline numbers are one to a goal. Gaps are closed."""
        term = _checked_term(term)
        rows = self._term_goals(term, "importance")
        if set(places) != {row.id for row in rows}:
            raise ValueError("arrange_goals needs the places of every goal of the term")
        timeline = [place[1] for place in places.values()]
        if len(set(timeline)) != len(timeline):
            raise InputError(_("Each goal needs its own place in the timeline."))
        levels: dict[int, list[int]] = {}
        for goal_id, (importance, _time) in sorted(places.items(), key=lambda item: item[1]):
            levels.setdefault(importance, []).append(goal_id)
        self._write_levels([levels[number] for number in sorted(levels)], "importance", rows)
        self._write_levels([[goal_id] for goal_id, _place in sorted(places.items(), key=lambda i: i[1][1])],
                           "timeline", rows)

    @_writes
    def tie_goal(self, goal_id: int, other_id: int) -> Goal:
        """Give a goal the same importance as another of its term (the guide's
        own table ranks two goals 4). Moving it up or down later unties it."""
        row, other = self._goal_row(goal_id), self._goal_row(other_id)
        if other.term != row.term:
            raise InputError(_("A goal can only share its importance with a goal of its own term."))
        rows = self._term_goals(row.term, "importance")
        levels = self._levels(rows, "importance")
        for level in levels:
            if goal_id in level and other_id not in level:
                level.remove(goal_id)
                next(lv for lv in levels if other_id in lv).append(goal_id)
        self._write_levels(levels, "importance", rows)
        return self._goal(m.Goal.get_by_id(row.id), self._next_steps([row.id]).get(row.id))

    # -- steps ---------------------------------------------------------------

    def _step_row(self, step_id: int) -> m.Step:
        row = (
            m.Step.select().join(m.Goal)
            .where((m.Step.id == step_id) & (m.Goal.person == self.person_id))
            .first()
        )
        if row is None:
            raise NotFoundError(_("That step is no longer in the plan."))
        return row

    def _goal_steps(self, goal_id: int) -> list[m.Step]:
        return list(m.Step.select().where(m.Step.goal == goal_id).order_by(m.Step.position, m.Step.id))

    @_reads
    def steps(self, goal_id: int) -> list[Step]:
        self._goal_row(goal_id)
        return [self._step(row) for row in self._goal_steps(goal_id)]

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
        return [(self._goal(row.goal, None), self._step(row)) for row in rows]

    @_writes
    def add_step(
        self, goal_id: int, *, specific: str = "", measurable: str = "", achievable: str = "",
        when: str = "", bring: str = "", due_date: date | None | Literal["read"] = "read",
    ) -> Step:
        """Add a SMART step at the end of a goal's steps. `when` is read as a
        date ("2026-12-04", "next Friday", "in 3 days"); every part may be blank.
        A `due_date` given (an import) is kept as it is, beside `when` as typed."""
        self._goal_row(goal_id)
        values = _step_values(specific=specific, measurable=measurable, achievable=achievable,
                              when="" if due_date != "read" else when, bring=bring)
        if due_date != "read":
            values["when_text"] = checked(when, limit=SHORT_LIMIT, what=N_("by when"))
            values["due_date"] = _checked_date(due_date)
        now = clock.now()
        position = len(self._goal_steps(goal_id)) + 1
        texts = {"specific": "", "measurable": "", "achievable": "", "when_text": "", "bring": ""}
        texts.update((k, v) for k, v in values.items() if k in texts)
        row = self._create(m.Step, texts, goal=goal_id, position=position, created_at=now,
                           updated_at=now, due_date=values.get("due_date"))
        return self._step(row)

    @_writes
    def edit_step(self, step_id: int, *, keep_unread_when: bool = False, **parts: str) -> Step:
        """Change any of a step's parts: specific, measurable, achievable, when, bring.

        A `when` that can't be read as a date raises InputError; with
        `keep_unread_when` (a screen being left, a lock) it is kept as typed,
        with no due date, so the person's words are not lost."""
        row = self._step_row(step_id)
        values = _step_values(keep_unread_when=keep_unread_when, **parts)
        texts = {k: v for k, v in values.items() if k in m.SEALED_COLUMNS[m.Step]}
        other = {k: v for k, v in values.items() if k not in texts}
        self._save_texts(row, texts, updated_at=clock.now(), **other)
        return self._step(row)

    @_writes
    def complete_step(self, step_id: int, done: bool = True, on: date | None = None) -> Step:
        """Mark a step done (today by the app's clock, or `on`), or not yet."""
        row = self._step_row(step_id)
        row.done = done
        row.done_on = (_checked_date(on) or clock.today()) if done else None
        row.updated_at = clock.now()
        row.save()
        return self._step(row)

    @_writes
    def move_step(self, step_id: int, by: int) -> Step:
        row = self._step_row(step_id)
        rows = self._goal_steps(row.goal_id)
        index = next(i for i, r in enumerate(rows) if r.id == row.id)
        rows.insert(min(max(index + by, 0), len(rows) - 1), rows.pop(index))
        _renumber_positions(m.Step, rows)
        return self._step(m.Step.get_by_id(row.id))

    @_writes
    def delete_step(self, step_id: int) -> None:
        row = self._step_row(step_id)
        row.delete_instance()
        _renumber_positions(m.Step, self._goal_steps(row.goal_id))

    # -- sections ------------------------------------------------------------

    def _section_model(self, name: str) -> type[m.SectionModel]:
        model = m.SECTION_MODELS.get(name)
        if model is None:
            raise InputError(_("There is no part of the plan called {name}.").format(name=repr(name)))
        return model

    @_reads
    def section(self, name: str) -> Section:
        """A section's fields (blank when never saved) and its revision."""
        model = self._section_model(name)
        row = model.get_or_none(model.person == self.person_id)
        fields = SECTION_FIELDS[name]
        if row is None:
            return Section(name, {f: "" for f in fields}, 0, None)
        return Section(name, {f: self._open(row, f) for f in fields}, row.revision, row.updated_at)

    @_writes(detail=lambda name, *args, **kwargs: f"section {name}")
    def save_section(self, name: str, values: dict[str, str], revision: int | None = None, *,
                     new_version: bool = False) -> Section:
        """Save some or all fields of a section. With `revision` (from the
        Section that was read), a save made elsewhere since then raises
        ConflictError instead of being overwritten. `new_version` keeps this
        save as a version of its own, even right after another."""
        model = self._section_model(name)
        fields = SECTION_FIELDS[name]
        unknown = set(values) - set(fields)
        if unknown:
            raise InputError(_("The {name} part has no {fields}.").format(
                name=name, fields=", ".join(sorted(unknown))))
        cleaned = {
            key: checked(value, limit=LONG_LIMIT, what=_FIELD_WORDS.get(key, key.replace("_", " ")))
            for key, value in values.items()
        }
        row = model.get_or_none(model.person == self.person_id)
        current = row.revision if row else 0
        if revision is not None and revision != current:
            raise ConflictError(
                _("This part of your plan was changed in another session since you opened it.")
            )
        if row is None:
            row = self._create(model, {f: "" for f in fields}, person=self.person_id, revision=0)
            before = {f: "" for f in fields}
        else:
            before = {f: self._open(row, f) for f in fields}
            self._keep_first_version(name, before, row.updated_at)
        self._save_texts(row, cleaned, revision=current + 1, updated_at=clock.now())
        after = {f: self._open(row, f) for f in fields}
        changed = [f for f in fields if after[f] != before[f]]
        if changed:
            self._keep_revision(name, after, changed, fold=not new_version)
        return Section(name, after, row.revision, row.updated_at)

    # -- history of sections -------------------------------------------------

    def _revision_rows(self, name: str):
        return (m.SectionRevision.select()
                .where((m.SectionRevision.person == self.person_id) & (m.SectionRevision.section == name))
                .order_by(m.SectionRevision.saved_at.desc(), m.SectionRevision.id.desc()))

    def _revision(self, row: m.SectionRevision) -> Revision:
        kept = json.loads(self._open(row, "fields_sealed"))
        return Revision(row.id, row.section, row.saved_at, kept["fields"], tuple(kept["changed"]))

    def _keep_first_version(self, name: str, fields: dict[str, str], saved_at) -> None:
        """A section saved before history was kept gets its old words as its first revision."""
        if any(fields.values()) and not self._revision_rows(name).exists():
            filled = [f for f, text in fields.items() if text]
            self._create(m.SectionRevision, {"fields_sealed": _revision_json(fields, filled)},
                         person=self.person_id, section=name, saved_at=saved_at or clock.now())

    def _keep_revision(self, name: str, fields: dict[str, str], changed: list[str],
                       fold: bool = True) -> None:
        """Keep the section as saved. Saves within REVISION_BURST of the last
        revision fold into it, so a burst of typing is one version."""
        now = clock.now()
        latest = self._revision_rows(name).first()
        if fold and latest is not None and timedelta(0) <= now - latest.saved_at < REVISION_BURST:
            earlier = self._revision(latest).changed
            order = SECTION_FIELDS[name]
            merged = [f for f in order if f in earlier or f in changed]
            self._save_texts(latest, {"fields_sealed": _revision_json(fields, merged)}, saved_at=now)
        else:
            self._create(m.SectionRevision, {"fields_sealed": _revision_json(fields, changed)},
                         person=self.person_id, section=name, saved_at=now)

    @_reads
    def section_history(self, name: str) -> list[Revision]:
        """A section's past versions, newest first (the newest is the one in the plan now)."""
        self._section_model(name)
        return [self._revision(row) for row in self._revision_rows(name)]

    def restore_revision(self, revision_id: int) -> Section:
        """Put a past version back as the section's words (itself kept as a new version)."""
        with self._store.errors_explained():
            row = m.SectionRevision.get_or_none(
                (m.SectionRevision.id == revision_id) & (m.SectionRevision.person == self.person_id))
        if row is None:
            raise NotFoundError(_("That version is no longer in your plan's history."))
        revision = self._revision(row)
        return self.save_section(revision.section, revision.fields, new_version=True)

    # -- drafts --------------------------------------------------------------

    def save_draft(self, place: str, label: str, values: dict[str, str]) -> None:
        """Keep words not yet saved (every few seconds while typing). Not an audit event."""
        self._check_not_deleted()
        _draft_kind(place)
        values = {key: checked(value, limit=LONG_LIMIT, what=N_("draft"))
                  for key, value in values.items()}
        sealed_json = json.dumps({"label": one_line(label)[:200], "values": values})

        def keep() -> None:
            row = m.Draft.get_or_none((m.Draft.person == self.person_id) & (m.Draft.place == place))
            if row is None:
                self._create(m.Draft, {"values_sealed": sealed_json}, person=self.person_id,
                             place=place, saved_at=clock.now())
            else:
                self._save_texts(row, {"values_sealed": sealed_json}, saved_at=clock.now())

        self._write(keep)

    @_reads
    def drafts(self) -> list[Draft]:
        rows = m.Draft.select().where(m.Draft.person == self.person_id).order_by(m.Draft.saved_at)
        found = []
        for row in rows:
            kept = json.loads(self._open(row, "values_sealed"))
            found.append(Draft(row.id, row.place, kept["label"], kept["values"], row.saved_at))
        return found

    def discard_draft(self, place: str) -> None:
        self._check_not_deleted()
        self._write(lambda: m.Draft.delete().where(
            (m.Draft.person == self.person_id) & (m.Draft.place == place)).execute())

    def apply_draft(self, draft: Draft) -> None:
        """Save a draft's words where they were typed, then forget the draft."""
        kind, key = _draft_kind(draft.place)
        values = draft.values
        if kind == "section":
            self.save_section(key, values)
        elif kind == "step":
            self.edit_step(int(key), keep_unread_when=True, **values)
        elif kind == "toolkit":
            self.save_toolkit_answer(key, values.get("answer", ""))
        elif kind == "goal" and key == "new":
            self.add_goal(values.get("text", ""), values.get("term", "short"))
        elif kind == "goal":
            self.edit_goal(int(key), text=values.get("text", ""))
        self.discard_draft(draft.place)

    # -- what changed lately -------------------------------------------------

    @_reads
    def changes_since(self, since: date) -> Changes:
        """What the person did from `since` on: goals reached, steps done, parts rewritten."""
        goals = m.Goal.select().where((m.Goal.person == self.person_id) & (m.Goal.done_on >= since)).count()
        steps = (m.Step.select().join(m.Goal)
                 .where((m.Goal.person == self.person_id) & (m.Step.done_on >= since)).count())
        sections = [row.section for row in m.SectionRevision.select(m.SectionRevision.section).distinct()
                    .where((m.SectionRevision.person == self.person_id)
                           & (m.SectionRevision.saved_at >= datetime.combine(since, datetime.min.time())))]
        order = list(SECTION_FIELDS)
        return Changes(goals, steps, tuple(sorted(sections, key=order.index)))

    @_reads
    def steps_done_by_week(self, weeks: int = 8, goal_id: int | None = None) -> list[int]:
        """Steps done in each of the last `weeks` weeks (oldest first; this week last)."""
        today = clock.today()
        start = today - timedelta(days=7 * weeks - 1)
        query = (m.Step.select(m.Step.done_on).join(m.Goal)
                 .where((m.Goal.person == self.person_id) & (m.Step.done_on >= start)))
        if goal_id is not None:
            query = query.where(m.Step.goal == goal_id)
        counts = [0] * weeks
        for row in query:
            done = _as_date(row.done_on)
            # A step marked done on a later day than today (a clock set back, a
            # file from a machine whose clock ran ahead) counts in this week.
            counts[weeks - 1 - max(0, (today - done).days) // 7] += 1
        return counts

    # -- resilience toolkit --------------------------------------------------

    @_reads
    def toolkit_answers(self) -> dict[str, str]:
        """The answers given (a blank one saved counts as given)."""
        rows = m.ToolkitAnswer.select().where(m.ToolkitAnswer.person == self.person_id)
        answers = {row.question: self._open(row, "answer") for row in rows}
        return {question: answer for question, answer in answers.items()
                if answer != NOT_ANSWERED}

    @_writes(detail=lambda question, *args, **kwargs: "toolkit")
    def save_toolkit_answer(self, question: str, answer: str) -> None:
        from tui.content.toolkit import QUESTION_KEYS  # loaded here: the crisis path skips it

        if question not in QUESTION_KEYS:
            raise InputError(_("There is no toolkit question {question}.").format(
                question=repr(question)))
        answer = checked(answer, limit=LONG_LIMIT, what=N_("answer"))
        now = clock.now()
        row = m.ToolkitAnswer.get_or_none(
            (m.ToolkitAnswer.person == self.person_id) & (m.ToolkitAnswer.question == question))
        if row is None:
            self._create(m.ToolkitAnswer, {"answer": answer}, person=self.person_id,
                         question=question, updated_at=now)
        else:
            self._save_texts(row, {"answer": answer}, updated_at=now)

    # -- reminders -----------------------------------------------------------

    def _reminder_rows(self) -> list[m.Reminder]:
        return list(m.Reminder.select().where(m.Reminder.person == self.person_id)
                    .order_by(m.Reminder.position, m.Reminder.id))

    def _reminder_row(self, reminder_id: int) -> m.Reminder:
        row = m.Reminder.get_or_none(
            (m.Reminder.id == reminder_id) & (m.Reminder.person == self.person_id))
        if row is None:
            raise NotFoundError(_("That reminder is no longer in the plan."))
        return row

    @_reads
    def reminders(self) -> list[Reminder]:
        return [Reminder(r.id, r.position, self._open(r, "text")) for r in self._reminder_rows()]

    @_writes
    def add_reminder(self, text: str) -> Reminder:
        """Add a reminder at the end; the same words twice are kept once."""
        text = checked(text, limit=SHORT_LIMIT, what=N_("reminder"), required=True)
        rows = self._reminder_rows()
        for row in rows:
            if self._open(row, "text") == text:
                return Reminder(row.id, row.position, text)
        row = self._create(m.Reminder, {"text": text}, person=self.person_id,
                           position=len(rows) + 1, updated_at=clock.now())
        return Reminder(row.id, row.position, text)

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
            raise NotFoundError(_("That contact is no longer in the plan."))
        return row

    @_reads
    def contacts(self, role: str | None = None) -> list[Contact]:
        """The person's contacts in their order; with `role`, only those holding it."""
        if role is not None:
            _checked_roles([role])
        found = [self._contact(row) for row in self._contact_rows()]
        return [c for c in found if role is None or role in c.roles]

    @_writes
    def add_contact(self, name: str, **details) -> Contact:
        values = _contact_values(name=name, **details)
        texts = {column: "" for column in m.SEALED_COLUMNS[m.Contact]}
        texts.update((k, v) for k, v in values.items() if k in texts)
        position = len(self._contact_rows()) + 1
        row = self._create(m.Contact, texts, person=self.person_id, position=position,
                           updated_at=clock.now(), can_text=bool(values.get("can_text", False)))
        return self._contact(row)

    @_writes
    def edit_contact(self, contact_id: int, **details) -> Contact:
        row = self._contact_row(contact_id)
        values = _contact_values(**details)
        texts = {k: v for k, v in values.items() if k in m.SEALED_COLUMNS[m.Contact]}
        other = {k: v for k, v in values.items() if k not in texts}
        self._save_texts(row, texts, updated_at=clock.now(), **other)
        return self._contact(row)

    @_writes
    def move_contact(self, contact_id: int, by: int) -> Contact:
        row = self._contact_row(contact_id)
        rows = self._contact_rows()
        index = next(i for i, r in enumerate(rows) if r.id == row.id)
        rows.insert(min(max(index + by, 0), len(rows) - 1), rows.pop(index))
        _renumber_positions(m.Contact, rows)
        return self._contact(m.Contact.get_by_id(row.id))

    @_writes
    def delete_contact(self, contact_id: int) -> None:
        self._contact_row(contact_id).delete_instance()
        _renumber_positions(m.Contact, self._contact_rows())

    # -- the guided walkthrough ----------------------------------------------

    @_reads
    def guide_place(self) -> GuidePlace | None:
        """Where the walkthrough stopped; None when it was never started."""
        row = m.GuideProgress.get_or_none(m.GuideProgress.person == self.person_id)
        if row is None:
            return None
        return GuidePlace(row.step, bool(row.finished), row.updated_at)

    def keep_guide_place(self, step: str, finished: bool = False) -> GuidePlace:
        """Remember the walkthrough's step each time one shows (or that it went
        through to the end), so it can pick up there. Not an audit event: no
        words of the plan change."""
        from tui.content.guide import GUIDE_KEYS  # loaded here: the crisis path skips it

        self._check_not_deleted()
        if step not in GUIDE_KEYS:
            raise InputError(_("The walkthrough has no step {step}.").format(step=repr(step)))

        def keep() -> GuidePlace:
            now = clock.now()
            row = m.GuideProgress.get_or_none(m.GuideProgress.person == self.person_id)
            if row is None:
                m.GuideProgress.create(person=self.person_id, step=step, finished=finished,
                                       updated_at=now)
            else:
                m.GuideProgress.update(step=step, finished=finished, updated_at=now).where(
                    m.GuideProgress.id == row.id).execute()
            return GuidePlace(step, finished, now)

        return self._write(keep)

    # -- check-ins -----------------------------------------------------------

    def _check_in(self, row: m.CheckIn) -> CheckIn:
        rows = (m.CheckInOutcome.select().where(m.CheckInOutcome.check_in == row.id)
                .order_by(m.CheckInOutcome.id))
        outcomes = tuple(
            StepOutcome(step_id=o.step_id, goal_text=self._open(o, "goal_words"),
                        step_text=self._open(o, "step_words"), outcome=o.outcome,
                        note=self._open(o, "note"), due_date=_as_date(o.due_date))
            for o in rows)
        return CheckIn(row.id, _as_date(row.held_on), outcomes)

    def _check_in_row(self, check_in_id: int) -> m.CheckIn:
        row = m.CheckIn.get_or_none((m.CheckIn.id == check_in_id) & (m.CheckIn.person == self.person_id))
        if row is None:
            raise NotFoundError(_("That check-in is no longer in the plan."))
        return row

    @_reads
    def steps_to_check_in(self) -> list[tuple[Goal, Step]]:
        """The steps a check-in goes through: due today or before, not done,
        and not checked already today. Soonest first."""
        today = clock.today()
        checked_today = {
            row.step_id for row in m.CheckInOutcome.select(m.CheckInOutcome.step).join(m.CheckIn)
            .where((m.CheckIn.person == self.person_id) & (m.CheckIn.held_on == today))}
        return [(goal, step) for goal, step in self.steps_due(today) if step.id not in checked_today]

    @_writes(detail=lambda *args, **kwargs: "check-in")
    def check_in_step(self, step_id: int, outcome: Outcome, note: str = "",
                      check_in_id: int | None = None) -> CheckIn:
        """Keep what came of a step at a check-in: "done" (the step is marked
        done today), "not_yet" or "changed" (it stays open), and an optional
        note on what got in the way. The first call makes the check-in, dated
        today; pass its id for the other steps. A step checked again in the
        same check-in gets its new outcome. Change the step itself with
        edit_step first, so the check-in keeps its new date."""
        if outcome not in OUTCOMES:
            raise InputError(_("A step at a check-in is done, not yet, or changed."))
        note = checked(note, limit=SHORT_LIMIT, what=N_("note"))
        step = self._step_row(step_id)
        if check_in_id is None:
            check_in = m.CheckIn.create(person=self.person_id, held_on=clock.today(),
                                        created_at=clock.now())
        else:
            check_in = self._check_in_row(check_in_id)
        done = outcome == "done"
        if bool(step.done) != done:
            step.done = done
            step.done_on = clock.today() if done else None
            step.updated_at = clock.now()
            step.save()
        texts = {"goal_words": self._open(step.goal, "text"),
                 "step_words": self._open(step, "specific"), "note": note}
        row = m.CheckInOutcome.get_or_none((m.CheckInOutcome.check_in == check_in.id)
                                           & (m.CheckInOutcome.step == step.id))
        if row is None:
            self._create(m.CheckInOutcome, texts, check_in=check_in.id, step=step.id,
                         outcome=outcome, due_date=step.due_date)
        else:
            self._save_texts(row, texts, outcome=outcome, due_date=step.due_date)
        return self._check_in(check_in)

    @_reads
    def check_ins(self, limit: int | None = None) -> list[CheckIn]:
        """The person's check-ins, newest first."""
        rows = (m.CheckIn.select().where(m.CheckIn.person == self.person_id)
                .order_by(m.CheckIn.held_on.desc(), m.CheckIn.id.desc()))
        if limit is not None:
            rows = rows.limit(limit)
        return [self._check_in(row) for row in rows]

    @_reads
    def check_in(self, check_in_id: int) -> CheckIn:
        return self._check_in(self._check_in_row(check_in_id))

    @_reads
    def steps_done_since(self, check_in: CheckIn) -> list[tuple[Goal, Step]]:
        """Steps done on or after a check-in's day, but not at it: what the
        person did since. Oldest first."""
        at_it = {o.step_id for o in check_in.outcomes}
        rows = (m.Step.select(m.Step, m.Goal).join(m.Goal)
                .where((m.Goal.person == self.person_id) & (m.Step.done == True)  # noqa: E712
                       & (m.Step.done_on >= check_in.held_on))
                .order_by(m.Step.done_on, m.Step.id))
        return [(self._goal(row.goal, None), self._step(row)) for row in rows if row.id not in at_it]


# ----------------------------------------------------------------------------
# Checks and conversions, each rule in one place


REVISION_BURST = timedelta(minutes=5)  # saves to one section this close together are one version
DRAFT_KINDS = ("section", "step", "toolkit", "goal")


def _revision_json(fields: dict[str, str], changed: list[str]) -> str:
    return json.dumps({"fields": fields, "changed": changed})


def _draft_kind(place: str) -> tuple[str, str]:
    """("section", "crisis") from "section:crisis" (or "section:crisis@<session mark>")."""
    where = place.partition("@")[0] if isinstance(place, str) else ""
    kind, _sep, key = where.partition(":")
    if kind not in DRAFT_KINDS or not key or len(place) > 200:
        raise InputError(_("A draft can't be kept for {place}.").format(place=repr(place)))
    return kind, key


def _checked_term(term: str) -> Term:
    if term not in TERMS:
        raise InputError(_("A goal is either short term or long term."))
    return term  # type: ignore[return-value]


def _checked_order(order: str) -> Order:
    if order not in ORDERS:
        raise InputError(_("Goals can be ordered by importance or by timeline."))
    return order  # type: ignore[return-value]


def _checked_date(value: date | None) -> date | None:
    if value is not None and not isinstance(value, date):
        raise InputError(_("The target date must be a date."))
    return value


def _checked_roles(roles: Iterable[str]) -> frozenset[str]:
    roles = frozenset(roles)
    unknown = roles - set(CONTACT_ROLES)
    if unknown:
        raise InputError(_("A contact's role is one of: {roles}.").format(
            roles=", ".join(_(words) for words in CONTACT_ROLES.values())))
    return roles


_STEP_PARTS = {
    "specific": N_("what I will do"),
    "measurable": N_("how much or how many"),
    "achievable": N_("why I can do it"),
    "bring": N_("what I will bring"),
}


def _step_values(*, keep_unread_when: bool = False, **parts: str) -> dict[str, object]:
    values: dict[str, object] = {}
    for name, value in parts.items():
        if name == "when":
            when = checked(value, limit=SHORT_LIMIT, what=N_("by when"))
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
            raise InputError(_("A step has no part called {name}.").format(name=repr(name)))
    return values


_CONTACT_TEXT = {
    "name": N_("contact's name"), "relationship": N_("relationship"), "phone": N_("phone number"),
    "email": N_("email"), "reachable": N_("when they can be reached"), "notes": N_("notes"),
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
            raise InputError(_("A contact has no {key}.").format(key=repr(key)))
    return values


def _renumber_positions(model: type[peewee.Model], rows: list) -> None:
    for position, row in enumerate(rows, start=1):
        if row.position != position:
            model.update(position=position).where(model.id == row.id).execute()


def _as_date(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])
