"""Unlocking a person's data key with a PIN or a recovery code, and wrapping
it again after a PIN change. Slow work (Argon2id) is done outside any write
transaction; the wrapping itself is fast and done inside one.
"""

from __future__ import annotations

from tui.store import clock, crypto, models as m, pins

RECOVERY_CODE_COUNT = 8


def pin_label(person_id: int) -> str:
    return f"person/{person_id}/pin"


def derive_new_pin_key(pin: str, site_key: bytes) -> tuple[str, bytes]:
    """(kdf text to store, key) for a new PIN. Slow on purpose."""
    salt, cost = crypto.new_salt(), pins.KDF_COST
    return crypto.encode_kdf(salt, cost), crypto.pin_key(pin, salt, cost, site_key)


def set_pin(person_id: int, new_key: tuple[str, bytes], data_key: bytes) -> None:
    """Wrap `data_key` with a new PIN key; the plan stops being a legacy one. Inside a write."""
    kdf, key = new_key
    m.Person.update(kdf=kdf, pin_wrap=crypto.wrap(key, data_key, pin_label(person_id)),
                    legacy_pin_hash=None, legacy_wrap=None).where(m.Person.id == person_id).execute()


def unlock_with_pin(person: m.Person | None, lookup: str, pin: str, site_key: bytes) -> bytes | None:
    """The data key when `pin` opens `person`'s plan, else None. One key
    derivation is done whether or not there is a person, so the time taken
    doesn't tell."""
    if person is None:
        crypto.pin_key(pin, crypto.stand_in_salt(site_key, lookup), pins.KDF_COST, site_key)
        return None
    if person.legacy_wrap is not None:  # stored before encryption, not signed in since
        if not pins.verify_pin(pin, person.legacy_pin_hash):
            return None
        return crypto.unwrap(crypto.site_only_key(site_key, person.id), person.legacy_wrap,
                             f"person/{person.id}/legacy")
    try:
        salt, cost = crypto.decode_kdf(person.kdf or "")
    except (ValueError, KeyError):
        return None
    key = crypto.pin_key(pin, salt, cost, site_key)
    return crypto.unwrap(key, person.pin_wrap or "", pin_label(person.id))


def make_recovery_codes(person_id: int, data_key: bytes, site_key: bytes) -> list[str]:
    """Replace the person's recovery codes with new ones; the codes, to show once. Inside a write."""
    m.RecoveryCode.delete().where(m.RecoveryCode.person == person_id).execute()
    codes = [crypto.new_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    for code in codes:
        salt = crypto.new_salt()
        row = m.RecoveryCode.create(person=person_id, salt=salt.hex(), wrap="")
        key = crypto.code_key(crypto.normalised_code(code), salt, site_key)
        m.RecoveryCode.update(wrap=crypto.wrap(key, data_key, f"recovery_code/{row.id}")).where(
            m.RecoveryCode.id == row.id).execute()
    return codes


def unlock_with_code(person: m.Person | None, code: str, site_key: bytes) -> tuple[int, bytes] | None:
    """(the code's row id, the data key) when `code` is an unused code of `person`, else None."""
    if person is None:
        return None
    typed = crypto.normalised_code(code)
    unused = m.RecoveryCode.select().where(
        (m.RecoveryCode.person == person.id) & m.RecoveryCode.used_at.is_null())
    for row in unused:
        key = crypto.code_key(typed, bytes.fromhex(row.salt), site_key)
        data_key = crypto.unwrap(key, row.wrap, f"recovery_code/{row.id}")
        if data_key is not None:
            return row.id, data_key
    return None


def use_code(code_id: int) -> bool:
    """Mark a code used; False when another session used it first. Inside a write."""
    return m.RecoveryCode.update(used_at=clock.now()).where(
        (m.RecoveryCode.id == code_id) & m.RecoveryCode.used_at.is_null()).execute() == 1


def codes_left(person_id: int) -> int:
    return m.RecoveryCode.select().where(
        (m.RecoveryCode.person == person_id) & m.RecoveryCode.used_at.is_null()).count()
