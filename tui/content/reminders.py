"""Reminders a person can pick for their overview, after the guide's lists
("Recovery means...", reaching in, reaching out). They may also write their own.
Each is a whole sentence, so it reads right on its own.

A picked reminder is kept in the plan in English (its words are the key), and
shown in the language in effect with `shown_reminder()`; a reminder the person
wrote is shown as they wrote it."""

from __future__ import annotations

from tui.i18n import N_, _

REMINDERS: tuple[str, ...] = (
    N_("Recovery means getting something back."),
    N_("Recovery means getting strong in the broken places."),
    N_("Recovery means breaking the cycle."),
    N_("Recovery means I know how, and who, to ask for help."),
    N_("Recovery means I know my signs and risk factors."),
    N_("Reaching in: my deep inner values."),
    N_("Reaching in: my spiritual principles."),
    N_("Reaching in: finding meaning."),
    N_("Reaching out: supporting each other."),
    N_("Reaching out: helping family and friends."),
    N_("Reaching out: connecting with the community."),
)


def shown_reminder(text: str) -> str:
    """One of ours in the language in effect; the person's own words as written."""
    return _(text) if text in REMINDERS else text
