"""People: making a plan, signing in (with a PIN or a recovery code), and
the staff's commands that unlock or delete a plan without opening it. The
PIN check and its counted tries are in pin_check.py and tui.store.attempts."""

from __future__ import annotations

from dataclasses import dataclass

import peewee

from tui.i18n import N_, _
from tui.store import attempts, audit, clock, crypto, keys, models as m, pins
from tui.store.db import Store
from tui.store.errors import InputError, NameTakenError, SignInError, SignInWaitError
from tui.store.plans.account import _checked_language, _delete_person
from tui.store.plans.guide import _pad_toolkit
from tui.store.plans.pin_check import (
    _count_wrong_try, _counted_pin_check, _end_pin_check, _try_write,
)
from tui.store.plans.plan import Plan
from tui.store.text import LONG_LIMIT, NAME_LIMIT, checked, normalised_name

CODE_FAILED = N_("That name and recovery code don't open a plan. Check both and try again.")
READ_ONLY_NOTE = N_(
    "Your plan is open to read. Changes can't be saved right now; nothing was lost. "
    "Ask staff if this stays.")
WAIT_FOR_NAME = N_("Too many tries for that name. Please wait {wait}, then try again.")
NAME_TAKEN = N_(
    "Someone already has a plan with that name. Add something to make it your own, "
    "like an initial, a nickname or a number."
)


def _checked_name(name: str) -> str:
    name = checked(name, limit=NAME_LIMIT, what=N_("name"), required=True)
    return name


def _lookup(store: Store, name: str) -> str:
    return crypto.name_lookup(store.site_key, normalised_name(name))


def _person(lookup: str) -> m.Person | None:
    return m.Person.get_or_none(m.Person.lookup == lookup)


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
    data_key, written, check_id = _counted_pin_check(store, lookup, person, pin,
                                                     caller_ends_check=True)
    ended = check_id is None
    try:
        legacy = person.legacy_wrap is not None
        new_key = keys.derive_new_pin_key(pin, store.site_key) if legacy and written else None

        def opened() -> list[str]:
            if check_id is not None:
                attempts.end_check(check_id)
            attempts.clear(lookup)
            audit.record(event, person.id)
            if new_key is None:
                return []
            keys.set_pin(person.id, new_key, data_key)
            return keys.make_recovery_codes(person.id, data_key, store.site_key)

        if written:
            written, codes = _try_write(store, opened)
            ended = ended or written
    finally:
        if not ended:
            _end_pin_check(store, check_id)
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
    knows a name keep that person out): wrong codes are counted per terminal
    and name (attempts.code_lookup)."""
    name = _checked_sign_in_name(name)
    if not isinstance(code, str) or not code.strip():
        raise InputError(_("Please type one of your recovery codes."))
    pins.check_new_pin(new_pin)
    lookup = _lookup(store, name)
    from_here = attempts.code_lookup(store.site_key, lookup)
    with store.errors_explained():
        left = attempts.seconds_left(from_here, attempts.CODE_LONGEST_WAIT_SECONDS)
    if left:
        raise SignInWaitError(
            _("Too many recovery codes that didn't match were typed here for this name. "
              "Please wait {wait}, then try again.").format(wait=attempts.say_wait(left)), left)
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


def person_id_named(store: Store, name: str) -> int | None:
    """The plan number of `name`, or None (for staff commands, never shown to a person)."""
    with store.errors_explained():
        person = _person(_lookup(store, _checked_sign_in_name(name)))
    return person.id if person else None
