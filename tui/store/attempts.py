"""Wrong sign-in tries, counted in the database per name lookup, so a new SSH
connection or a restarted kiosk starts no fresh count. Names with no plan are
counted the same way, so the waits never tell whether a name has a plan.

After SHORT_WAITS_FROM wrong tries in a row, each further try waits a little
longer; from LONG_WAITS_FROM on, the waits start at 15 minutes and double
with each further miss, up to a day. While a wait lasts no PIN is checked (and
nothing is counted). The right PIN after the wait, or a recovery code at any
time, clears the count.
"""

from __future__ import annotations

import math
from datetime import timedelta

from tui.store import clock, models as m

SHORT_WAITS_FROM = 5
SHORT_WAIT_SECONDS = 5  # 5, 10, 20, 40, 80 seconds
LONG_WAITS_FROM = 10
LONG_WAIT_SECONDS = 15 * 60  # 15 minutes, 30, 1 hour, 2, ... up to a day
LONGEST_WAIT_SECONDS = 24 * 60 * 60


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
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = math.ceil(seconds / 60)
    if minutes < 60:
        return f"about {minutes} minute{'s' if minutes != 1 else ''}"
    hours = round(seconds / 3600)
    return f"about {hours} hour{'s' if hours != 1 else ''}"
