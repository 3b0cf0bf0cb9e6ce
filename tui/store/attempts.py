"""Wrong sign-in tries, counted in the database per name lookup, so a new SSH
connection or a restarted kiosk starts no fresh count. Names with no plan are
counted the same way, so the waits never tell whether a name has a plan.

After SHORT_WAITS_FROM wrong tries in a row, each further try waits a little
longer; from LONG_WAITS_FROM on, the waits start at 15 minutes and double
with each further miss, up to an hour. While a wait lasts no PIN is checked (and
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

Waits are capped at an hour (LONGEST_WAIT_SECONDS): with 6+ character PINs
and common ones refused, a guesser still gets only a few dozen tries a day,
while nobody can keep a person from their plan for longer (and staff can
clear a wait at once: `recovery-plan unlock`).

Recovery codes (100 random bits) can't be guessed, so a wrong code never
feeds the PIN's waits (it would let anyone who knows a name lock that person
out). Wrong codes are counted on their own, per terminal and name (`code_lookup`),
with short waits (CODE_WAITS_FROM, up to CODE_LONGEST_WAIT_SECONDS).

Times are kept in UTC (`clock.utc_now`), so processes with another TZ see
the same waits.

When the database can't take a write (busy past a short deadline, a full or
read-only disk), a try is still checked at full cost and counted here in
memory for this process (`remember_failure`); `record_remembered` writes
those counts at the next write that works.
"""

from __future__ import annotations

import math
from datetime import timedelta

from tui.i18n import ngettext
from tui.store import clock, models as m

SHORT_WAITS_FROM = 5
SHORT_WAIT_SECONDS = 5  # 5, 10, 20, 40, 80 seconds
LONG_WAITS_FROM = 10
LONG_WAIT_SECONDS = 15 * 60  # 15 minutes, 30, then an hour each
LONGEST_WAIT_SECONDS = 60 * 60
# Wrong recovery codes from one terminal: after 5, waits of 5 s doubling up to a minute.
CODE_WAITS_FROM = 5
CODE_WAIT_SECONDS = 5
CODE_LONGEST_WAIT_SECONDS = 60
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
    return min(LONG_WAIT_SECONDS * 2 ** min(failures - LONG_WAITS_FROM, 8), LONGEST_WAIT_SECONDS)


def code_wait_after(failures: int) -> int:
    """Seconds to wait after `failures` wrong recovery codes in a row from one terminal."""
    if failures < CODE_WAITS_FROM:
        return 0
    return min(CODE_WAIT_SECONDS * 2 ** min(failures - CODE_WAITS_FROM, 8),
               CODE_LONGEST_WAIT_SECONDS)


def code_lookup(site_key: bytes, name_lookup: str, terminal: str | None = None) -> str:
    """Where the wrong recovery codes typed for one name at `terminal` (this one
    by default) are counted: per name as well, so wrong codes typed for one name
    at a shared kiosk (or by every browser behind one address) never make the
    next person, who typed their own right code, wait."""
    from tui.store import audit, crypto

    return crypto.terminal_lookup(site_key, f"{terminal or audit.current_terminal()}\0{name_lookup}")


def _left(wait_until, longest: int, since=None) -> int:
    """Seconds until `wait_until`. No wait lasts longer than the cap after
    the try that started it (`since`): a wait stored by an older version, for
    up to a day or in local time, ends within the cap too."""
    if wait_until is None:
        return 0
    if since is not None:
        wait_until = min(wait_until, since + timedelta(seconds=longest))
    left = (wait_until - clock.utc_now()).total_seconds()
    return max(0, min(math.ceil(left), longest))


def seconds_left(lookup: str, longest: int = LONGEST_WAIT_SECONDS) -> int:
    """How long the name with `lookup` must still wait before a PIN is checked
    (the database's count, or this process's, whichever is longer)."""
    row = m.SignInAttempt.get_or_none(m.SignInAttempt.lookup == lookup)
    stored = _left(row.wait_until, longest, row.last_at) if row is not None else 0
    remembered = _remembered.get(lookup)
    return max(stored, _left(remembered[1], longest) if remembered else 0)


def checks_allowed(failures: int) -> int:
    """How many PIN checks of one name may be in progress at once after
    `failures` wrong tries in a row: the misses still allowed before a wait,
    and one at a time once every miss brings a wait."""
    return max(1, SHORT_WAITS_FROM - failures)


def _fresh_checks(lookup: str):
    """The checks in progress for `lookup` that still count: started within
    CHECK_STALE_SECONDS of now (either way, so a clock set back strands none)."""
    now = clock.utc_now()
    margin = timedelta(seconds=CHECK_STALE_SECONDS)
    return m.SignInCheck.select().where(
        (m.SignInCheck.lookup == lookup) & m.SignInCheck.started_at.between(now - margin, now + margin))


def may_begin(lookup: str) -> bool:
    """A read without the write lock: True when `begin_check` could start a
    check now, or would find a wait in force (either way, it has an answer)."""
    row = m.SignInAttempt.get_or_none(m.SignInAttempt.lookup == lookup)
    failures = row.failures if row else 0
    if seconds_left(lookup):
        return True
    return _fresh_checks(lookup).count() < checks_allowed(failures)


def is_quiet(lookup: str) -> bool:
    """A read: no wrong tries counted for `lookup` (here or in this process)
    and no check of it in progress."""
    row = m.SignInAttempt.get_or_none(m.SignInAttempt.lookup == lookup)
    return ((row is None or row.failures == 0) and lookup not in _remembered
            and not _fresh_checks(lookup).exists())


def begin_check(lookup: str) -> tuple[int, int | None]:
    """Before a PIN check of `lookup`, inside a write: (seconds to wait, None)
    while a wait is in force; (0, the check's id) when the check may start now
    (its row is made: pass the id to `end_check`, or to the write that counts
    the miss); (0, None) when as many checks as the limit allows are in
    progress: look again shortly."""
    left = seconds_left(lookup)
    if left:
        return left, None
    now = clock.utc_now()
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


def record_failure(lookup: str, schedule=None) -> int:
    """Count one more wrong try; the seconds to wait now (`schedule`:
    wait_after, or code_wait_after for recovery codes). Call inside a write."""
    schedule = schedule or wait_after
    now = clock.utc_now()
    row = m.SignInAttempt.get_or_none(m.SignInAttempt.lookup == lookup)
    failures = (row.failures if row else 0) + 1
    wait = schedule(failures)
    wait_until = now + timedelta(seconds=wait) if wait else None
    if row is None:
        m.SignInAttempt.create(lookup=lookup, failures=failures, wait_until=wait_until, last_at=now)
    else:
        m.SignInAttempt.update(failures=failures, wait_until=wait_until, last_at=now).where(
            m.SignInAttempt.id == row.id).execute()
    return wait


def clear(lookup: str) -> bool:
    """Forget the wrong tries of `lookup` (True when there were some). Call inside a write."""
    _remembered.pop(lookup, None)
    return m.SignInAttempt.delete().where(m.SignInAttempt.lookup == lookup).execute() > 0


# ----------------------------------------------------------------------------
# Tries this process could not write down (the database busy, full or read-only)

# lookup -> [wrong tries not yet written, wait until (UTC), schedule]
_remembered: dict[str, list] = {}


def remember_failure(lookup: str, schedule=None) -> int:
    """Count one more wrong try in this process's memory, on top of what the
    database holds (read, not written); the seconds to wait now."""
    schedule = schedule or wait_after
    row = m.SignInAttempt.get_or_none(m.SignInAttempt.lookup == lookup)
    entry = _remembered.setdefault(lookup, [0, None, schedule])
    entry[0] += 1
    wait = schedule((row.failures if row else 0) + entry[0])
    entry[1] = clock.utc_now() + timedelta(seconds=wait) if wait else None
    return wait


def record_remembered() -> None:
    """Write down the tries counted in memory meanwhile, with the wait they
    started then (not a new one from now). Call inside a write."""
    for lookup, (count, until, _schedule) in list(_remembered.items()):
        row = m.SignInAttempt.get_or_none(m.SignInAttempt.lookup == lookup)
        now = clock.utc_now()
        if row is None:
            m.SignInAttempt.create(lookup=lookup, failures=count, wait_until=until, last_at=now)
        else:
            m.SignInAttempt.update(failures=row.failures + count, wait_until=until,
                                   last_at=now).where(m.SignInAttempt.id == row.id).execute()
        del _remembered[lookup]


def forget_lookup(lookup: str) -> None:
    """The right PIN opened the plan while nothing could be written: this
    process forgets its own count of that name's wrong tries."""
    _remembered.pop(lookup, None)


def forget_remembered() -> None:
    """For tests: this process starts again with nothing in memory."""
    _remembered.clear()


def say_wait(seconds: int) -> str:
    """A wait in plain words: "5 seconds", "about 15 minutes", "about 2 hours"."""
    if seconds < 60:
        return ngettext("{n} second", "{n} seconds", seconds).format(n=seconds)
    minutes = math.ceil(seconds / 60)
    if minutes < 60:
        return ngettext("about {n} minute", "about {n} minutes", minutes).format(n=minutes)
    hours = round(seconds / 3600)
    return ngettext("about {n} hour", "about {n} hours", hours).format(n=hours)
