"""A PIN checked with its try counted: at sign-in, and when an open plan asks
for its PIN again (so an open session can't be used to guess faster). The
bookkeeping of the tries is tui.store.attempts; this is the writes around it,
and what a person is told."""

from __future__ import annotations

import random
import time

from tui.i18n import N_, _
from tui.store import attempts, audit, crypto, keys, models as m
from tui.store.db import Store
from tui.store.errors import DatabaseBusyError, DatabaseError, SignInError, SignInWaitError

SIGN_IN_FAILED = N_("That name and PIN don't open a plan. Check both and try again.")
# How long a sign-in tries to write down its try before it goes on without:
# reading never waits on writing (an import, a full or read-only disk).
SIGN_IN_WRITE_SECONDS = 2.0
# What a try that found no turn (many checks of its name in progress) is told to wait.
TURN_WAIT_SECONDS = 5


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
                       message: str = "", *, caller_ends_check: bool = False
                       ) -> tuple[bytes, bool, int | None]:
    """(the data key, whether the try could be written down, the check's id)
    when `pin` opens the plan (`person` None: a name with no plan). A wrong
    PIN is counted; the right one clears the count (the caller's write).
    Raises SignInWaitError while waiting, SignInError (`message`) for a wrong
    PIN.

    The check is counted while it runs (see `tui.store.attempts`): tries made
    at the same moment in many sessions get no more checks than the limit
    allows before a wait, and the right PIN typed in many sessions at once
    waits its turn (a few key derivations) instead of being refused. When the
    database can't take writes, the PIN is still checked at full cost, and a
    wrong one counted in memory. `message` is marked with N_() and shown
    through _().

    With `caller_ends_check`, the right PIN's check is left in progress for
    the caller to end (`attempts.end_check` with the id, None when nothing was
    written) in the write it makes next: a sign-in then makes one write fewer
    on the way to the plan."""
    message = _(message or SIGN_IN_FAILED)
    check_id, written = _begin_pin_check(store, lookup)
    handed_on = False
    try:
        data_key = keys.unlock_with_pin(person, lookup, pin, store.site_key)
        if data_key is not None and person is not None:
            handed_on = caller_ends_check
            return data_key, written, check_id
        wait_if_wrong = _count_wrong_try(store, lookup, "sign_in_failed", attempts.wait_after,
                                         check_id)
        handed_on = True  # ended by the write that counted it
    finally:
        if not handed_on and check_id is not None:
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
