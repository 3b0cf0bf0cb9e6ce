"""Drafts: words typed but not yet saved when a session ended, kept sealed
until the person saves or drops them."""

from __future__ import annotations

import json

from tui.i18n import N_, _
from tui.store import clock, models as m
from tui.store.errors import InputError
from tui.store.plans.base import PlanBase, _reads
from tui.store.plans.values import Draft
from tui.store.text import LONG_LIMIT, checked, one_line

DRAFT_KINDS = ("section", "step", "toolkit", "goal")


def _draft_kind(place: str) -> tuple[str, str]:
    """("section", "crisis") from "section:crisis" (or "section:crisis@<session mark>")."""
    where = place.partition("@")[0] if isinstance(place, str) else ""
    kind, _sep, key = where.partition(":")
    if kind not in DRAFT_KINDS or not key or len(place) > 200:
        raise InputError(_("A draft can't be kept for {place}.").format(place=repr(place)))
    return kind, key


class DraftsPart(PlanBase):
    """Words not yet saved, kept sealed between sessions."""

    def save_draft(self, place: str, label: str, values: dict[str, str]) -> None:
        """Keep words not yet saved (every few seconds while typing). Not an audit event."""
        self._check_not_deleted()
        _draft_kind(place)
        values = {key: checked(value, limit=LONG_LIMIT, what=N_("draft"))
                  for key, value in values.items()}
        sealed_json = json.dumps({"label": one_line(label)[:200], "values": values})

        def keep() -> None:
            row = m.Draft.get_or_none((m.Draft.person == self.person_id) & (m.Draft.place == place))
            if row is None:
                self._create(m.Draft, {"values_sealed": sealed_json}, person=self.person_id,
                             place=place, saved_at=clock.now())
            else:
                self._save_texts(row, {"values_sealed": sealed_json}, saved_at=clock.now())

        self._write(keep)

    @_reads
    def drafts(self) -> list[Draft]:
        rows = m.Draft.select().where(m.Draft.person == self.person_id).order_by(m.Draft.saved_at)
        found = []
        for row in rows:
            kept = json.loads(self._open(row, "values_sealed"))
            found.append(Draft(row.id, row.place, kept["label"], kept["values"], row.saved_at))
        return found

    def discard_draft(self, place: str) -> None:
        self._check_not_deleted()
        self._write(lambda: m.Draft.delete().where(
            (m.Draft.person == self.person_id) & (m.Draft.place == place)).execute())

    def apply_draft(self, draft: Draft) -> None:
        """Save a draft's words where they were typed, then forget the draft."""
        kind, key = _draft_kind(draft.place)
        values = draft.values
        if kind == "section":
            self.save_section(key, values)
        elif kind == "step":
            self.edit_step(int(key), keep_unread_when=True, **values)
        elif kind == "toolkit":
            self.save_toolkit_answer(key, values.get("answer", ""))
        elif kind == "goal" and key == "new":
            self.add_goal(values.get("text", ""), values.get("term", "short"))
        elif kind == "goal":
            self.edit_goal(int(key), text=values.get("text", ""))
        self.discard_draft(draft.place)
