"""The audit trail: who signed in, opened, changed, exported, imported or
deleted which plan, when, and from which terminal. Never a plan's words, a
name or a PIN: a plan is named by its number only.

`record` is called inside the write transaction of the change it records, so
the trail and the plan never disagree.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime

from tui.i18n import N_, _
from tui.session_env import ENV_BROWSER
from tui.store import clock, models as m
from tui.store.db import Store
from tui.store.text import one_line

# What each event means, for `recovery-plan audit` (shown in the language in
# effect; the keys are what is stored).
EVENTS = {
    "plan_created": N_("plan made"),
    "signed_in": N_("signed in"),
    "sign_in_failed": N_("wrong name or PIN"),
    "sign_in_waiting": N_("try refused: waiting after wrong tries"),
    "recovery_code_used": N_("recovery code used, new PIN set"),
    "recovery_code_failed": N_("wrong name or recovery code"),
    "pin_changed": N_("PIN changed"),
    "recovery_codes_made": N_("new recovery codes made"),
    "changed": N_("plan changed"),
    "exported": N_("plan exported"),
    "imported": N_("plan imported"),
    "deleted": N_("plan deleted"),
    "name_taken": N_("new plan refused: name taken"),
    "unlocked": N_("wait after wrong tries cleared by staff"),
}


@dataclass(frozen=True)
class AuditEvent:
    at: datetime
    event: str
    person_id: int | None
    terminal: str
    detail: str

    @property
    def meaning(self) -> str:
        known = EVENTS.get(self.event)
        return _(known) if known else self.event


def current_terminal() -> str:
    """The browser connection (under `serve`), or the SSH client's address, or the
    terminal device, or what runs us."""
    browser = os.environ.get(ENV_BROWSER, "").strip()
    if browser:
        return browser
    ssh = os.environ.get("SSH_CLIENT", "").split()
    if ssh:
        return f"ssh {ssh[0]}"
    for descriptor in (0, 1, 2):
        try:
            return os.ttyname(descriptor)
        except OSError:
            continue
    return "no terminal"


def record(event: str, person_id: int | None = None, detail: str = "") -> None:
    """Add one event. Call inside a write transaction."""
    if event not in EVENTS:
        raise ValueError(f"unknown audit event {event!r}")
    m.AuditEvent.create(at=clock.now(), event=event, person_id=person_id,
                        terminal=one_line(current_terminal())[:200], detail=detail[:200])


def events(store: Store, *, person_id: int | None = None, tag: str | None = None,
           limit: int = 200) -> list[AuditEvent]:
    """The latest `limit` events, oldest first; with `person_id` and/or `tag`
    (a name's mark on wrong tries, crypto.audit_tag), that plan's and name's only."""
    with store.errors_explained():
        query = m.AuditEvent.select().order_by(m.AuditEvent.at.desc(), m.AuditEvent.id.desc())
        if person_id is not None or tag is not None:
            query = query.where((m.AuditEvent.person_id == person_id) | (m.AuditEvent.detail == tag))
        rows = list(query.limit(limit))
    return [AuditEvent(row.at, row.event, row.person_id, row.terminal, row.detail)
            for row in reversed(rows)]
