"""PINs and passphrases: checked for length, kept only as a salted Argon2id hash.

Argon2id is memory-hard and OWASP's first choice for password storage. OWASP
lists settings of equal strength that trade memory for passes; this one
(9 MiB, 4 passes, 1 lane) takes about 20 ms here and little memory, so a
person reaches their crisis plan fast even on a slow kiosk with many sessions.
The cost is one setting, `KDF_COST`; tests may lower it. Each hash records its
own cost, so raising the setting later still opens old plans.
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import NamedTuple

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from tui.i18n import N_, _
from tui.store.errors import InputError

PIN_MIN = 6
PIN_MAX = 128


class Argon2Cost(NamedTuple):
    memory_kib: int
    passes: int
    lanes: int


# OWASP password storage cheat sheet, Argon2id: m=9216 KiB (9 MiB), t=4, p=1,
# listed as equal in strength to m=19 MiB, t=2, p=1.
KDF_COST = Argon2Cost(memory_kib=9216, passes=4, lanes=1)



COMMON_PIN = N_(
    "That PIN is one of the most common ones, so it is easy to guess. "
    "Please choose another: a few words you'll remember work well."
)


def check_new_pin(pin: str) -> str:
    """Return `pin` if it can be a PIN, else raise InputError saying what to do."""
    if not isinstance(pin, str) or len(pin) < PIN_MIN:
        raise InputError(_("Please use at least {n} characters for your PIN.").format(n=PIN_MIN))
    if len(pin) > PIN_MAX:
        raise InputError(_("Please use at most {n} characters for your PIN.").format(n=PIN_MAX))
    if pin.strip() == "":
        raise InputError(_("Your PIN can't be only spaces."))
    if is_common(pin):
        raise InputError(_(COMMON_PIN))
    return pin


def is_common(pin: str) -> bool:
    """A PIN on the shipped list of common passwords, or made of one repeated
    character or a run like 123456 or abcdef."""
    folded = pin.casefold()
    if len(set(folded)) == 1 or _is_run(folded):
        return True
    return folded in _common_pins()


def _is_run(text: str) -> bool:
    steps = {ord(b) - ord(a) for a, b in zip(text, text[1:])}
    return steps in ({1}, {-1})


@functools.cache
def _common_pins() -> frozenset[str]:
    listed = resources.files("tui.store").joinpath("common_pins.txt").read_text("utf-8")
    return frozenset(line for line in listed.splitlines() if line and not line.startswith("#"))


def _hasher(cost: Argon2Cost) -> PasswordHasher:
    return PasswordHasher(time_cost=cost.passes, memory_cost=cost.memory_kib,
                          parallelism=cost.lanes, hash_len=32, salt_len=16)


def hash_pin(pin: str, cost: Argon2Cost | None = None) -> str:
    """A salted Argon2id hash of `pin` in the standard PHC string form."""
    return _hasher(cost or KDF_COST).hash(pin.encode("utf-8", "surrogatepass"))


def verify_pin(pin: str, stored: str | None) -> bool:
    """True when `pin` matches `stored`. With no stored hash (an unknown name),
    the same work is done anyway."""
    hasher = _hasher(KDF_COST)
    secret = pin.encode("utf-8", "surrogatepass")
    if not stored:
        hasher.hash(secret)  # hashing costs what a check would: nothing to time
        return False
    try:
        return hasher.verify(stored, secret)  # the cost is read from `stored`
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
