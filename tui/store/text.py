"""A person's text: kept exactly as typed, checked for length, made harmless to show.

The store saves text byte for byte (control characters included). Anything that
writes a person's text to a terminal passes it through `displayable()` first, so
an escape sequence typed or imported can never drive somebody's screen.
"""

from __future__ import annotations

import unicodedata

from tui.i18n import _
from tui.store.errors import InputError

# Longest text each kind of field takes. A 100 kB paste is refused with a
# message, and the screen keeps what was typed so nothing is lost.
NAME_LIMIT = 80
SHORT_LIMIT = 500  # a goal, a step part, a contact field
LONG_LIMIT = 10_000  # a plan section (vision, warning signs, ...)

_KEEP = {"\n", "\t"}
# Characters that reorder or hide text on screen (bidi overrides and isolates).
_INVISIBLE_TRICKS = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}


def _stand_in(char: str) -> str:
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control picture": ␛ for ESC
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"


def displayable(text: str) -> str:
    """`text` with every control or reordering character shown as a harmless symbol.

    Newlines and tabs stay. Use this wherever a person's words reach a terminal.
    """
    if text.isprintable():
        return text
    out = []
    for char in text:
        if char in _KEEP:
            out.append(char)
        elif char in _INVISIBLE_TRICKS or unicodedata.category(char) == "Cc":
            out.append(_stand_in(char))
        else:
            out.append(char)
    return "".join(out)


def one_line(text: str) -> str:
    """`displayable(text)` on one line, for table cells and titles."""
    return " ".join(displayable(text).split("\n"))


def checked(text: object, *, limit: int, what: str, required: bool = False) -> str:
    """Return `text` unchanged if it can be saved, else raise InputError saying why.
    `what` names the field in English, marked with N_() where it is written; it
    is shown in the language in effect."""
    what = _(what) if what else what  # ("" would give the catalog's header)
    if text is None:
        text = ""
    if not isinstance(text, str):
        raise InputError(_("The {what} must be text.").format(what=what))
    if any("\ud800" <= char <= "\udfff" for char in text):
        raise InputError(_("The {what} has a broken character in it. Please type it again.")
                         .format(what=what))
    if required and not text.strip():
        raise InputError(_("Please type the {what} first. It can't be empty.").format(
            what=what))
    if len(text) > limit:
        raise InputError(
            _("The {what} is {length:,} characters long; it can hold {limit:,}. "
              "Please make it shorter.").format(what=what, length=len(text), limit=limit)
        )
    return text


def normalised_name(name: str) -> str:
    """The form of a name used to find a plan: case, spacing and width don't matter."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())
