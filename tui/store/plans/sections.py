"""Sections: the parts of the plan saved as a whole (vision, strengths, the
crisis plan, ...), with a history of past versions."""

from __future__ import annotations

import json
from datetime import timedelta

from tui.content.plan_parts import FIELD_WORDS  # content: below the store
from tui.i18n import _
from tui.store import clock, models as m
from tui.store.errors import ConflictError, InputError, NotFoundError
from tui.store.plans.base import PlanBase, _reads, _writes
from tui.store.plans.values import SECTION_FIELDS, Revision, Section
from tui.store.text import LONG_LIMIT, checked

REVISION_BURST = timedelta(minutes=5)  # saves to one section this close together are one version


def _revision_json(fields: dict[str, str], changed: list[str]) -> str:
    return json.dumps({"fields": fields, "changed": changed})


class SectionsPart(PlanBase):
    """The sections and their past versions."""

    def _section_model(self, name: str) -> type[m.SectionModel]:
        model = m.SECTION_MODELS.get(name)
        if model is None:
            raise InputError(_("There is no part of the plan called {name}.").format(name=repr(name)))
        return model

    @_reads
    def section(self, name: str) -> Section:
        """A section's fields (blank when never saved) and its revision."""
        model = self._section_model(name)
        row = model.get_or_none(model.person == self.person_id)
        fields = SECTION_FIELDS[name]
        if row is None:
            return Section(name, {f: "" for f in fields}, 0, None)
        return Section(name, {f: self._open(row, f) for f in fields}, row.revision, row.updated_at)

    @_writes(detail=lambda name, *args, **kwargs: f"section {name}")
    def save_section(self, name: str, values: dict[str, str], revision: int | None = None, *,
                     new_version: bool = False) -> Section:
        """Save some or all fields of a section. With `revision` (from the
        Section that was read), a save made elsewhere since then raises
        ConflictError instead of being overwritten. `new_version` keeps this
        save as a version of its own, even right after another."""
        model = self._section_model(name)
        fields = SECTION_FIELDS[name]
        unknown = set(values) - set(fields)
        if unknown:
            raise InputError(_("The {name} part has no {fields}.").format(
                name=name, fields=", ".join(sorted(unknown))))
        cleaned = {
            key: checked(value, limit=LONG_LIMIT, what=FIELD_WORDS.get(key, key.replace("_", " ")))
            for key, value in values.items()
        }
        row = model.get_or_none(model.person == self.person_id)
        current = row.revision if row else 0
        if revision is not None and revision != current:
            raise ConflictError(
                _("This part of your plan was changed in another session since you opened it.")
            )
        if row is None:
            row = self._create(model, {f: "" for f in fields}, person=self.person_id, revision=0)
            before = {f: "" for f in fields}
        else:
            before = {f: self._open(row, f) for f in fields}
            self._keep_first_version(name, before, row.updated_at)
        self._save_texts(row, cleaned, revision=current + 1, updated_at=clock.now())
        after = {f: self._open(row, f) for f in fields}
        changed = [f for f in fields if after[f] != before[f]]
        if changed:
            self._keep_revision(name, after, changed, fold=not new_version)
        return Section(name, after, row.revision, row.updated_at)

    # -- history of sections -------------------------------------------------

    def _revision_rows(self, name: str):
        return (m.SectionRevision.select()
                .where((m.SectionRevision.person == self.person_id) & (m.SectionRevision.section == name))
                .order_by(m.SectionRevision.saved_at.desc(), m.SectionRevision.id.desc()))
    def _keep_first_version(self, name: str, fields: dict[str, str], saved_at) -> None:
        """A section saved before history was kept gets its old words as its first revision."""
        if any(fields.values()) and not self._revision_rows(name).exists():
            filled = [f for f, text in fields.items() if text]
            self._create(m.SectionRevision, {"fields_sealed": _revision_json(fields, filled)},
                         person=self.person_id, section=name, saved_at=saved_at or clock.now())

    def _keep_revision(self, name: str, fields: dict[str, str], changed: list[str],
                       fold: bool = True) -> None:
        """Keep the section as saved. Saves within REVISION_BURST of the last
        revision fold into it, so a burst of typing is one version."""
        now = clock.now()
        latest = self._revision_rows(name).first()
        if fold and latest is not None and timedelta(0) <= now - latest.saved_at < REVISION_BURST:
            earlier = self._revision(latest).changed
            order = SECTION_FIELDS[name]
            merged = [f for f in order if f in earlier or f in changed]
            self._save_texts(latest, {"fields_sealed": _revision_json(fields, merged)}, saved_at=now)
        else:
            self._create(m.SectionRevision, {"fields_sealed": _revision_json(fields, changed)},
                         person=self.person_id, section=name, saved_at=now)

    @_reads
    def section_history(self, name: str) -> list[Revision]:
        """A section's past versions, newest first (the newest is the one in the plan now)."""
        self._section_model(name)
        return [self._revision(row) for row in self._revision_rows(name)]

    def restore_revision(self, revision_id: int) -> Section:
        """Put a past version back as the section's words (itself kept as a new version)."""
        with self._store.errors_explained():
            row = m.SectionRevision.get_or_none(
                (m.SectionRevision.id == revision_id) & (m.SectionRevision.person == self.person_id))
        if row is None:
            raise NotFoundError(_("That version is no longer in your plan's history."))
        revision = self._revision(row)
        return self.save_section(revision.section, revision.fields, new_version=True)
