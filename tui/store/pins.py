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
    character, a run like 123456 or abcdef, a short block repeated (121212,
    242424, abcabc, 19871987) or a date (010190, 31121999, 1987-06-05)."""
    folded = pin.casefold()
    if len(set(folded)) == 1 or _is_run(folded) or _is_repeated_block(folded):
        return True
    if _is_date(folded):
        return True
    return folded in _common_pins()


def _is_run(text: str) -> bool:
    steps = {ord(b) - ord(a) for a, b in zip(text, text[1:])}
    return steps in ({1}, {-1})


# A block of up to this many characters, said again and again, is one guess.
REPEATED_BLOCK_MAX = 4


def _is_repeated_block(text: str) -> bool:
    return any(len(text) % size == 0 and text == text[:size] * (len(text) // size)
               for size in range(1, min(REPEATED_BLOCK_MAX, len(text) // 2) + 1))


# The ways a date is written as digits: day, month, year in each usual order.
_DATE_ORDERS = {6: ("%d%m%y", "%m%d%y", "%y%m%d"), 8: ("%d%m%Y", "%m%d%Y", "%Y%m%d")}


def _is_date(text: str) -> bool:
    """A date (a birthday, say): 6 or 8 digits, with or without / - . between."""
    from datetime import datetime

    digits = "".join(char for char in text if char not in "/-. ")
    if not digits.isascii() or not digits.isdigit() or len(digits) not in _DATE_ORDERS:
        return False
    for order in _DATE_ORDERS[len(digits)]:
        try:
            moment = datetime.strptime(digits, order)
        except ValueError:
            continue
        if len(digits) == 6 or 1900 <= moment.year <= 2099:
            return True
    return False


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
