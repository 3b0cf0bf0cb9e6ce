"""Keys a browser keeps for itself.

Chromium never passes Ctrl+N (new window), Ctrl+T (new tab) or Ctrl+W (close the
tab) to a page; a Chromebook's browser is the same. Every action bound to one of
them has another key too, and in a browser the app drops these three from its key
map, so the footer and help show only keys that work there. (F5 and Ctrl+R would
reload the page, but the page keeps them for the app: see page/page.js.)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from textual.binding import Binding

BROWSER_KEEPS = frozenset({"ctrl+n", "ctrl+t", "ctrl+w"})


def split_keys(keys: str) -> list[str]:
    return [key.strip() for key in keys.split(",") if key.strip()]


def browser_keymap(groups: Iterable[Iterable[Binding]], keymap: Mapping[str, str]) -> dict[str, str]:
    """`keymap` (a site's, by binding id) with the keys a browser keeps taken out of
    every binding that has them, whether a site chose the keys or the app did.
    A binding left with no key keeps its own keys that a browser lets through.

    `groups` are the BINDINGS of one class each. Textual puts a remapped binding
    after the others of its class, so where one binding of a class changes, all
    of them are given again, in their order: the footer keeps its order."""
    result = dict(keymap)
    for group in groups:
        wanted: dict[str, str] = {}
        changed = False
        for binding in group:
            if binding.id is None:
                continue
            keys = split_keys(result.get(binding.id, binding.key))
            usable = [key for key in keys if key not in BROWSER_KEEPS]
            if not usable:
                usable = [key for key in split_keys(binding.key) if key not in BROWSER_KEEPS]
            changed = changed or usable != keys
            wanted[binding.id] = ",".join(usable)
        if changed:
            result.update(wanted)
    return result
