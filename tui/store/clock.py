"""The app's clock: every "today" and "now" comes from here, so tests can set it.

Tests call `set_now()`; a process started by a test (the CLI, the TUI in tmux)
reads `RECOVERY_PLAN_NOW` (an ISO date or date-time) at start.
"""

from __future__ import annotations

import os
from datetime import date, datetime, timezone

_fixed: datetime | None = None


def _from_environment() -> datetime | None:
    value = os.environ.get("RECOVERY_PLAN_NOW", "").strip()
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def set_now(moment: datetime | date | None) -> None:
    """Fix the clock at `moment` (a date means its midnight); None lets it run."""
    global _fixed
    if isinstance(moment, date) and not isinstance(moment, datetime):
        moment = datetime(moment.year, moment.month, moment.day)
    _fixed = moment


def now() -> datetime:
    if _fixed is not None:
        return _fixed
    from_env = _from_environment()
    return from_env if from_env is not None else datetime.now()


def today() -> date:
    return now().date()


def utc_now() -> datetime:
    """Now in UTC, without a zone (as stored): for times that other processes
    compare, whatever their TZ (waits after wrong tries, checks in progress).
    A clock set by a test (or RECOVERY_PLAN_NOW) is taken as UTC."""
    if _fixed is not None:
        return _fixed
    from_env = _from_environment()
    if from_env is not None:
        return from_env
    return datetime.now(timezone.utc).replace(tzinfo=None)
