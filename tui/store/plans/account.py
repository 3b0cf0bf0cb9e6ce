"""The person's own keys and settings: PIN, recovery codes, deleting the
plan, the audit notes of export and import, and the language."""

from __future__ import annotations

from tui.i18n import N_, _
from tui.store import attempts, audit, keys, models as m, pins
from tui.store.db import Store
from tui.store.errors import InputError
from tui.store.plans.base import PlanBase, _reads, _writes
from tui.store.plans.pin_check import _counted_pin_check
from tui.store.plans.values import LANGUAGES


def _checked_language(code: object) -> str:
    if not isinstance(code, str) or code not in LANGUAGES:
        raise InputError(_("Choose one of the languages Recovery Plan has: {languages}.").format(
            languages=", ".join(LANGUAGES)))
    return code


def _delete_person(store: Store, person_id: int, detail: str) -> None:
    """Rows and wrapped keys removed, then their space wiped as far as the
    database can (SQLite: secure_delete zeroes it and the WAL is emptied; see
    Store.wipe_free_space)."""
    store.write(lambda: remove_person_rows(person_id, detail), person=person_id)
    store.wipe_free_space()


def remove_person_rows(person_id: int, detail: str) -> None:
    """Delete a plan's rows (the rest cascades) and note it. Inside a write;
    wipe the free space after it commits."""
    m.Person.delete().where(m.Person.id == person_id).execute()
    audit.record("deleted", person_id, detail)


class AccountPart(PlanBase):
    """The person's own keys (PIN, recovery codes), deleting the plan, and settings."""

    # -- the person's own keys -----------------------------------------------

    def change_pin(self, old_pin: str, new_pin: str) -> None:
        """Set a new PIN; the old one must be given. Re-wraps one key."""
        pins.check_new_pin(new_pin)
        person = self._check_pin(old_pin, N_("That is not your current PIN. Nothing was changed."))
        new_key = keys.derive_new_pin_key(new_pin, self._store.site_key)

        def change() -> None:
            attempts.clear(person.lookup)
            keys.set_pin(self.person_id, new_key, self._data_key)
            audit.record("pin_changed", self.person_id)

        self._write(change)

    def _check_pin(self, pin: str, message: str) -> m.Person:
        """The person's row when `pin` is theirs. Counted like a sign-in, so an
        open session can't be used to guess the PIN faster."""
        if not isinstance(pin, str) or not pin:
            raise InputError(_("Please type your PIN."))
        self._check_not_deleted()
        person = self._person_row()
        with self._deleted_elsewhere_explained():
            _counted_pin_check(self._store, person.lookup, person, pin, message)
        return person

    def new_recovery_codes(self, pin: str) -> tuple[str, ...]:
        """Replace all recovery codes with new ones, after checking the PIN (in
        an unlocked session, codes are a way to take a plan over); the old
        codes stop working."""
        person = self._check_pin(pin, N_("That is not your PIN. Your codes were not changed."))

        def make() -> list[str]:
            attempts.clear(person.lookup)
            codes = keys.make_recovery_codes(self.person_id, self._data_key, self._store.site_key)
            audit.record("recovery_codes_made", self.person_id)
            return codes

        self.recovery_codes = tuple(self._write(make))
        return self.recovery_codes

    @_reads
    def recovery_codes_left(self) -> int:
        return keys.codes_left(self.person_id)

    def delete(self, pin: str) -> None:
        """Delete this plan for good, after checking the PIN once more."""
        self._check_pin(pin, N_("That is not your PIN. Your plan was not deleted."))
        _delete_person(self._store, self.person_id, "by the person")
        self._deleted = True

    def record(self, event: str, detail: str = "") -> None:
        """Note in the audit trail that the plan was exported or imported (never what it says)."""
        self._write(lambda: audit.record(event, self.person_id, detail))

    # -- the person's own settings -------------------------------------------

    @property
    def language(self) -> str | None:
        """The language the person chose for the app's screens (one of
        LANGUAGES), or None when none was chosen."""
        return self._language()

    @_reads
    def _language(self) -> str | None:
        row = m.Person.get_by_id(self.person_id)
        if row.language_sealed is None:
            return None
        code = self._open(row, "language_sealed")
        return code if code in LANGUAGES else None  # a language this version no longer has

    @_writes(detail=lambda code: "language")
    def set_language(self, code: str | None) -> None:
        """Keep `code` (one of LANGUAGES) as the person's language; None
        forgets the choice. The audit trail says the language changed, not which."""
        row = m.Person.get_by_id(self.person_id)
        if code is None:
            m.Person.update(language_sealed=None).where(m.Person.id == row.id).execute()
        else:
            self._save_texts(row, {"language_sealed": _checked_language(code)})
