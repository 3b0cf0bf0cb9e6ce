"""Contacts: the people and places in the crisis plan, each with its roles."""

from __future__ import annotations

from collections.abc import Iterable

from tui.i18n import N_, _
from tui.store import clock, models as m
from tui.store.errors import InputError
from tui.store.plans.base import PlanBase, _reads, _renumber_positions, _writes
from tui.store.plans.values import CONTACT_ROLES, Contact
from tui.store.text import SHORT_LIMIT, checked


def _checked_roles(roles: Iterable[str]) -> frozenset[str]:
    roles = frozenset(roles)
    unknown = roles - set(CONTACT_ROLES)
    if unknown:
        raise InputError(_("A contact's role is one of: {roles}.").format(
            roles=", ".join(_(words) for words in CONTACT_ROLES.values())))
    return roles

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


class ContactsPart(PlanBase):
    """The person's contacts, in their order."""

    def _contact_rows(self) -> list[m.Contact]:
        return list(
            m.Contact.select().where(m.Contact.person == self.person_id)
            .order_by(m.Contact.position, m.Contact.id)
        )

    def _contact_row(self, contact_id: int) -> m.Contact:
        return self._own_row(m.Contact, contact_id, N_("That contact is no longer in the plan."))

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
        self._move(m.Contact, self._contact_rows(), row.id, by)
        return self._contact(m.Contact.get_by_id(row.id))

    @_writes
    def delete_contact(self, contact_id: int) -> None:
        self._contact_row(contact_id).delete_instance()
        _renumber_positions(m.Contact, self._contact_rows())
