"""PINs and passphrases: checked for length, kept only as a salted scrypt hash.

scrypt is memory-hard and ships with Python (hashlib), so no extra package is
needed. The cost is one setting, `KDF_COST`; tests may lower it. Each hash
records its own cost, so raising the setting later still opens old plans.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from dataclasses import dataclass

from tui.store.errors import InputError

PIN_MIN = 6
PIN_MAX = 128


@dataclass(frozen=True)
class ScryptCost:
    n: int  # CPU and memory cost, a power of two
    r: int  # block size
    p: int  # parallelism

    @property
    def maxmem(self) -> int:
        # scrypt needs 128 * n * r bytes; leave room so OpenSSL never refuses.
        return 128 * self.n * self.r * (self.p + 1) + 1024 * 1024


# OWASP's password storage guidance for scrypt: N=2^17, r=8, p=1 (128 MiB).
KDF_COST = ScryptCost(n=2**17, r=8, p=1)


def check_new_pin(pin: str) -> str:
    """Return `pin` if it can be a PIN, else raise InputError saying what to do."""
    if not isinstance(pin, str) or len(pin) < PIN_MIN:
        raise InputError(f"Please use at least {PIN_MIN} characters for your PIN.")
    if len(pin) > PIN_MAX:
        raise InputError(f"Please use at most {PIN_MAX} characters for your PIN.")
    if pin.strip() == "":
        raise InputError("Your PIN can't be only spaces.")
    return pin


def _derive(pin: str, salt: bytes, cost: ScryptCost) -> bytes:
    return hashlib.scrypt(
        pin.encode("utf-8", "surrogatepass"),
        salt=salt, n=cost.n, r=cost.r, p=cost.p, maxmem=cost.maxmem, dklen=32,
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_pin(pin: str, cost: ScryptCost | None = None) -> str:
    cost = cost or KDF_COST
    salt = os.urandom(16)
    digest = _derive(pin, salt, cost)
    return f"scrypt${cost.n}${cost.r}${cost.p}${_b64(salt)}${_b64(digest)}"


def verify_pin(pin: str, stored: str | None) -> bool:
    """True when `pin` matches `stored`. With no stored hash (an unknown name),
    the same work is done anyway so the time taken gives nothing away."""
    if stored is None:
        _derive(pin, b"\0" * 16, KDF_COST)
        return False
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        cost = ScryptCost(int(n), int(r), int(p))
        salt_bytes, expected = base64.b64decode(salt), base64.b64decode(digest)
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    return hmac.compare_digest(_derive(pin, salt_bytes, cost), expected)
