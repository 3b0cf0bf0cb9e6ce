"""Reminders a person can pick for their overview, after the guide's lists
("Recovery means...", reaching in, reaching out). They may also write their own.
Each is a whole sentence, so it reads right on its own."""

from __future__ import annotations

REMINDERS: tuple[str, ...] = (
    "Recovery means getting something back.",
    "Recovery means getting strong in the broken places.",
    "Recovery means breaking the cycle.",
    "Recovery means I know how, and who, to ask for help.",
    "Recovery means I know my signs and risk factors.",
    "Reaching in: my deep inner values.",
    "Reaching in: my spiritual principles.",
    "Reaching in: finding meaning.",
    "Reaching out: supporting each other.",
    "Reaching out: helping family and friends.",
    "Reaching out: connecting with the community.",
)
