"""Paths typed by people and staff."""

from __future__ import annotations

import os
from pathlib import Path


def expand_home(typed: str | os.PathLike) -> Path:
    """`~` and `~user` at the start of a path, as a shell reads them. A name
    like "~card.txt", or a user who doesn't exist, is left as typed (where
    Path.expanduser raises and the command stopped with a traceback)."""
    return Path(os.path.expanduser(os.fspath(typed)))
