"""Encryption at rest: the site key, per-person data keys, and sealed text.

Every text of a plan is sealed with AES-GCM under that person's data key, with
the table, row and column bound in as associated data, so a sealed value moved
to another row or column no longer opens. The data key is kept only wrapped:

- by a key derived from the PIN (Argon2id, `pins.KDF_COST`) mixed with the
  site key, so a copied database without the site key file can't be attacked
  by guessing PINs, and the site key alone opens nothing;
- by each unused recovery code (100 random bits, mixed with the site key);
- for a plan stored before encryption, by the site key alone until its first
  sign-in, which re-wraps it with the PIN (see migrations, version 3).

Names are found by a keyed hash (HMAC of the normalised name under the site
key), so the database lists nobody. The formats here are frozen: a stored
value must open with any later version.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
import stat
from pathlib import Path

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from tui.i18n import _
from tui.store.errors import DatabaseError

KEY_BYTES = 32
NONCE_BYTES = 12
SALT_BYTES = 16
PAD_TO = 32  # sealed texts are padded to a multiple of this, so lengths say little

# Recovery codes: 20 characters of Crockford's base32 (no I, L, O or U) = 100 bits.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_GROUPS, CODE_GROUP_LENGTH = 4, 5


class SealError(Exception):
    """A sealed value did not open: the wrong key, or a changed value."""


# ----------------------------------------------------------------------------
# The site key


def load_site_key(path: Path, *, create: bool) -> bytes:
    """The site key in `path`; with `create`, a new one is made (mode 0600) when
    the file is missing. Raises DatabaseError with what to do."""
    try:
        with open(path, "rb") as key_file:
            key = key_file.read(KEY_BYTES + 1)
    except FileNotFoundError:
        if not path.parent.is_dir():  # a removable key's drive not plugged in, say
            raise DatabaseError(
                _("The folder of the site key file {file} isn't there, so no plan can be "
                  "opened. If the key is kept on a removable drive, plug it in and start "
                  "again.").format(file=path)
            ) from None
        if not create:
            raise DatabaseError(
                _("The site key file {file} is missing, so no plan can be opened. Restore it "
                  "from the site's backup, or set [security] site_key in the site config.").format(
                      file=path)
            ) from None
        return _create_site_key(path)
    except OSError as error:
        raise DatabaseError(
            _("Can't read the site key file {file}: {error}. "
              "Run Recovery Plan as the account that owns it.").format(file=path,
                                                                       error=error.strerror)
        ) from None
    if len(key) != KEY_BYTES:
        raise DatabaseError(
            _("The site key file {file} is damaged (it should hold {size} bytes). "
              "Restore it from the site's backup.").format(file=path, size=KEY_BYTES)
        )
    return key


def _create_site_key(path: Path) -> bytes:
    return write_site_key(path, secrets.token_bytes(KEY_BYTES))


def write_site_key(path: Path, key: bytes) -> bytes:
    """Make the key file `path` (mode 0600) holding `key`; if another process
    made one first, the key in it. Never replaces a file that is there."""
    temporary = path.with_name(path.name + ".new")
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.fchmod(descriptor, 0o600)
            os.write(descriptor, key)
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        os.link(temporary, path)  # fails if another process made one first: theirs wins
    except FileExistsError:
        return load_site_key(path, create=False)
    except OSError as error:
        raise DatabaseError(
            _("Can't make the site key file {file}: {error}. "
              "Check that its folder exists and can be written to.").format(
                  file=path, error=error.strerror)
        ) from None
    finally:
        try:
            temporary.unlink()
        except OSError:
            pass
    return key


def site_key_problem(path: Path) -> str | None:
    """Why the key file at `path` is not safe to leave as it is, or None."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return _("the site key file {file} can't be found").format(file=path)
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        return _("the site key file {file} can be read by other accounts: run chmod 600 on "
                 "it").format(file=path)
    return None


def key_check(site_key: bytes) -> str:
    """A value stored in the database that tells whether a key file belongs to it."""
    return hmac.new(site_key, b"recovery-plan site key check", hashlib.sha256).hexdigest()


# ----------------------------------------------------------------------------
# Finding a name without storing it


def name_lookup(site_key: bytes, normalised: str) -> str:
    return hmac.new(site_key, b"name\0" + normalised.encode("utf-8", "surrogatepass"),
                    hashlib.sha256).hexdigest()


def terminal_lookup(site_key: bytes, terminal: str) -> str:
    """The key under which wrong recovery codes from one terminal are counted
    (a tty or an SSH address, never stored as it is). Its "code:" start keeps
    it apart from every name lookup (those are hex)."""
    return "code:" + hmac.new(site_key, b"terminal\0" + terminal.encode("utf-8", "surrogatepass"),
                              hashlib.sha256).hexdigest()


def audit_tag(site_key: bytes, lookup: str) -> str:
    """A short mark of one name lookup for the audit trail: wrong tries for a
    name look the same whether or not it has a plan, and staff can still see
    the tries of one name together (`audit --name`)."""
    return "name " + hmac.new(site_key, b"audit\0" + lookup.encode(),
                              hashlib.sha256).hexdigest()[:10]


def stand_in_salt(site_key: bytes, lookup: str) -> bytes:
    """The salt used for a name with no plan: the same for the same name, so
    the work done (and the time taken) looks like a real check."""
    return hmac.new(site_key, b"salt\0" + lookup.encode(), hashlib.sha256).digest()[:SALT_BYTES]


# ----------------------------------------------------------------------------
# Keys that wrap a data key


def new_data_key() -> bytes:
    return AESGCM.generate_key(bit_length=256)


def new_salt() -> bytes:
    return secrets.token_bytes(SALT_BYTES)


def pin_key(pin: str, salt: bytes, cost, site_key: bytes) -> bytes:
    """The key that wraps a data key for `pin`: Argon2id, then mixed with the site key."""
    stretched = hash_secret_raw(
        pin.encode("utf-8", "surrogatepass"), salt, time_cost=cost.passes,
        memory_cost=cost.memory_kib, parallelism=cost.lanes, hash_len=KEY_BYTES, type=Type.ID,
    )
    return hmac.new(site_key, b"pin\0" + stretched, hashlib.sha256).digest()


def code_key(code: str, salt: bytes, site_key: bytes) -> bytes:
    """The key that wraps a data key for a recovery code (100 random bits need no stretching)."""
    return hmac.new(site_key, b"code\0" + salt + code.encode(), hashlib.sha256).digest()


def site_only_key(site_key: bytes, person_id: int) -> bytes:
    """The key that wraps a data key of a plan made before encryption, until its first sign-in."""
    return hmac.new(site_key, b"legacy\0" + str(person_id).encode(), hashlib.sha256).digest()


def wrap(wrapping_key: bytes, data_key: bytes, label: str) -> str:
    nonce = secrets.token_bytes(NONCE_BYTES)
    sealed = AESGCM(wrapping_key).encrypt(nonce, data_key, label.encode())
    return base64.b64encode(nonce + sealed).decode("ascii")


def unwrap(wrapping_key: bytes, wrapped: str, label: str) -> bytes | None:
    """The data key, or None when `wrapping_key` is not the right one."""
    try:
        raw = base64.b64decode(wrapped, validate=True)
        return AESGCM(wrapping_key).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], label.encode())
    except (InvalidTag, ValueError):
        return None


def encode_kdf(salt: bytes, cost) -> str:
    """The salt and Argon2id cost of a PIN key, kept beside the wrapped key so a
    later change of `KDF_COST` still opens older plans."""
    salt_text = base64.b64encode(salt).decode("ascii")
    return f"argon2id$m={cost.memory_kib},t={cost.passes},p={cost.lanes}${salt_text}"


def decode_kdf(text: str):
    """(salt, cost) from `encode_kdf`."""
    from tui.store.pins import Argon2Cost

    kind, params, salt_text = text.split("$")
    if kind != "argon2id":
        raise ValueError(f"unknown key derivation {kind!r}")
    values = dict(part.split("=") for part in params.split(","))
    cost = Argon2Cost(memory_kib=int(values["m"]), passes=int(values["t"]), lanes=int(values["p"]))
    return base64.b64decode(salt_text), cost


# ----------------------------------------------------------------------------
# Recovery codes


def new_recovery_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _unused in range(CODE_GROUPS * CODE_GROUP_LENGTH))
    return "-".join(raw[i:i + CODE_GROUP_LENGTH] for i in range(0, len(raw), CODE_GROUP_LENGTH))


def normalised_code(typed: str) -> str:
    """A code as typed (any case, spaces or dashes, O for 0, I or L for 1) in its stored form."""
    text = "".join(ch for ch in typed.upper() if ch not in " -\t")
    return text.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))


# ----------------------------------------------------------------------------
# Sealing text


class Sealer:
    """Seals and opens one person's texts with their data key."""

    def __init__(self, data_key: bytes):
        self._cipher = AESGCM(data_key)

    def seal(self, text: str, place: str) -> str:
        raw = text.encode("utf-8", "surrogatepass") + b"\x80"
        raw += b"\0" * (-len(raw) % PAD_TO)
        nonce = secrets.token_bytes(NONCE_BYTES)
        return base64.b64encode(nonce + self._cipher.encrypt(nonce, raw, place.encode())).decode("ascii")

    def open(self, sealed: str, place: str) -> str:
        try:
            raw = base64.b64decode(sealed, validate=True)
            plain = self._cipher.decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], place.encode())
        except (InvalidTag, ValueError) as error:
            raise SealError(f"{place} did not open") from error
        return plain[:plain.rindex(b"\x80")].decode("utf-8", "surrogatepass")


def place(table: str, row_id: int, column: str) -> str:
    """The associated data that binds a sealed value to where it is stored."""
    return f"{table}/{row_id}/{column}"
