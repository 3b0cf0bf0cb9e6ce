"""Wrong sign-in tries, counted in the database per name lookup, so a new SSH
connection or a restarted kiosk starts no fresh count. Names with no plan are
counted the same way, so the waits never tell whether a name has a plan.

After SHORT_WAITS_FROM wrong tries in a row, each further try waits a little
longer; from LONG_WAITS_FROM on, the waits start at 15 minutes and double
with each further miss, up to a day. While a wait lasts no PIN is checked (and
nothing is counted). The right PIN after the wait, or a recovery code at any
time, clears the count.

A PIN check is slow on purpose (the key derivation), and a wrong try is
counted only once it is known to be wrong. So that tries made at the same
moment in many sessions can't each be checked before any is counted, every
check in progress has a row (`sign_in_check`), made in a short write before
the key derivation and removed after it, and the misses so far plus the
checks in progress may not pass what the limit allows before a wait
(`checks_allowed`): a try beyond that waits its turn (`begin_check` says so)
and, if a miss meanwhile starts a wait, gets that wait unchecked. A row
older than CHECK_STALE_SECONDS (a process that died mid-check) is not
counted, so nothing can hold a name for longer.
"""

from __future__ import annotations

import math
from datetime import timedelta

from tui.i18n import ngettext
from tui.store import clock, models as m

SHORT_WAITS_FROM = 5
SHORT_WAIT_SECONDS = 5  # 5, 10, 20, 40, 80 seconds
LONG_WAITS_FROM = 10
LONG_WAIT_SECONDS = 15 * 60  # 15 minutes, 30, 1 hour, 2, ... up to a day
LONGEST_WAIT_SECONDS = 24 * 60 * 60
# A check in progress counts for this long at most (a check takes well under
# a second; a row this old was left by a process that ended mid-check).
CHECK_STALE_SECONDS = 30
# How long a try waits for its turn while other checks of the same name are
# in progress (the right PIN typed in many sessions at once: each waits a
# few key derivations), and how often it looks again meanwhile.
TURN_DEADLINE_SECONDS = 5.0
TURN_LOOK_SECONDS = (0.005, 0.02)


def wait_after(failures: int) -> int:
    """Seconds to wait after `failures` wrong tries in a row."""
    if failures < SHORT_WAITS_FROM:
        return 0
    if failures < LONG_WAITS_FROM:
        return SHORT_WAIT_SECONDS * 2 ** (failures - SHORT_WAITS_FROM)
    return min(LONG_WAIT_SECONDS * 2 ** (failures - LONG_WAITS_FROM), LONGEST_WAIT_SECONDS)


def seconds_left(lookup: str) -> int:
    """How long the name with `lookup` must still wait before a PIN is checked."""
    row = m.SignInAttempt.get_or_none(m.SignInAttempt.lookup == lookup)
    if row is None or row.wait_until is None:
        return 0
    left = (row.wait_until - clock.now()).total_seconds()
    return max(0, math.ceil(left))


def checks_allowed(failures: int) -> int:
    """How many PIN checks of one name may be in progress at once after
    `failures` wrong tries in a row: the misses still allowed before a wait,
    and one at a time once every miss brings a wait."""
    return max(1, SHORT_WAITS_FROM - failures)


def _fresh_checks(lookup: str):
    """The checks in progress for `lookup` that still count: started within
    CHECK_STALE_SECONDS of now (either way, so a clock set back strands none)."""
    now = clock.now()
    margin = timedelta(seconds=CHECK_STALE_SECONDS)
    return m.SignInCheck.select().where(
        (m.SignInCheck.lookup == lookup) & m.SignInCheck.started_at.between(now - margin, now + margin))


def may_begin(lookup: str) -> bool:
    """A read without the write lock: True when `begin_check` could start a
    check now, or would find a wait in force (either way, it has an answer)."""
    row = m.SignInAttempt.get_or_none(m.SignInAttempt.lookup == lookup)
    failures = row.failures if row else 0
    if row is not None and row.wait_until is not None and row.wait_until > clock.now():
        return True
    return _fresh_checks(lookup).count() < checks_allowed(failures)


def begin_check(lookup: str) -> tuple[int, int | None]:
    """Before a PIN check of `lookup`, inside a write: (seconds to wait, None)
    while a wait is in force; (0, the check's id) when the check may start now
    (its row is made: pass the id to `end_check`, or to the write that counts
    the miss); (0, None) when as many checks as the limit allows are in
    progress: look again shortly."""
    left = seconds_left(lookup)
    if left:
        return left, None
    now = clock.now()
    margin = timedelta(seconds=CHECK_STALE_SECONDS)
    m.SignInCheck.delete().where(  # left by processes that ended mid-check
        (m.SignInCheck.lookup == lookup)
        & ((m.SignInCheck.started_at < now - margin) | (m.SignInCheck.started_at > now + margin))
    ).execute()
    row = m.SignInAttempt.get_or_none(m.SignInAttempt.lookup == lookup)
    failures = row.failures if row else 0
    if _fresh_checks(lookup).count() >= checks_allowed(failures):
        return 0, None
    return 0, m.SignInCheck.create(lookup=lookup, started_at=now).id


def end_check(check_id: int) -> None:
    """The check `check_id` is over. Inside a write (the one that counts a miss, if it was wrong)."""
    m.SignInCheck.delete().where(m.SignInCheck.id == check_id).execute()


def record_failure(lookup: str) -> int:
    """Count one more wrong try; the seconds to wait now. Call inside a write."""
    now = clock.now()
    row = m.SignInAttempt.get_or_none(m.SignInAttempt.lookup == lookup)
    failures = (row.failures if row else 0) + 1
    wait = wait_after(failures)
    wait_until = now + timedelta(seconds=wait) if wait else None
    if row is None:
        m.SignInAttempt.create(lookup=lookup, failures=failures, wait_until=wait_until, last_at=now)
    else:
        m.SignInAttempt.update(failures=failures, wait_until=wait_until, last_at=now).where(
            m.SignInAttempt.id == row.id).execute()
    return wait


def clear(lookup: str) -> None:
    """Forget the wrong tries of `lookup`. Call inside a write."""
    m.SignInAttempt.delete().where(m.SignInAttempt.lookup == lookup).execute()


def say_wait(seconds: int) -> str:
    """A wait in plain words: "5 seconds", "about 15 minutes", "about 2 hours"."""
    if seconds < 60:
        return ngettext("{n} second", "{n} seconds", seconds).format(n=seconds)
    minutes = math.ceil(seconds / 60)
    if minutes < 60:
        return ngettext("about {n} minute", "about {n} minutes", minutes).format(n=minutes)
    hours = round(seconds / 3600)
    return ngettext("about {n} hour", "about {n} hours", hours).format(n=hours)
