"""The app is put together from parts mixed into one App (tui/app.py): the
plan's session, language switching, the palette and locking. Each part
declares what it needs from the app in a Protocol; the app must give all of
it, and the screens reach the app only through Textual and its messages."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Protocol

import pytest

from tui.app import RecoveryPlanApp
from tui.language_switch import LanguageApp, LanguageSwitching
from tui.locking import Locking, LockingApp
from tui.palette import Palette, PaletteApp
from tui.plan_session import PlanSession, SessionApp
from tui.screens.app_messages import AppServices

PARTS = [(Locking, LockingApp), (PlanSession, SessionApp), (LanguageSwitching, LanguageApp),
         (Palette, PaletteApp)]
TUI = Path(__file__).resolve().parents[2] / "tui"


def declared(protocol: type) -> set[str]:
    """The names a Protocol declares: its attributes and its methods."""
    names = set()
    for cls in protocol.__mro__:
        if cls in (Protocol, object) or not getattr(cls, "_is_protocol", False):
            continue
        names |= set(getattr(cls, "__annotations__", {}))
        names |= {name for name in vars(cls) if not name.startswith(("__", "_abc_", "_is_"))}
    return names


def test_the_app_gives_screens_what_they_may_read():
    app = RecoveryPlanApp()
    missing = [name for name in sorted(declared(AppServices)) if not hasattr(type(app), name)
               and not hasattr(app, name)]
    assert missing == []


@pytest.mark.parametrize(("part", "needs"), PARTS, ids=[part.__name__ for part, _ in PARTS])
def test_the_app_gives_each_part_what_it_declares(part, needs):
    app = RecoveryPlanApp()
    assert issubclass(RecoveryPlanApp, part)
    missing = [name for name in sorted(declared(needs)) if not hasattr(app, name)]
    assert missing == [], f"{part.__name__} needs {missing} and the app has none"


@pytest.mark.parametrize(("part", "needs"), PARTS, ids=[part.__name__ for part, _ in PARTS])
def test_a_part_uses_only_itself_textual_and_what_it_declares(part, needs):
    """Every `self.name` a part uses is its own, Textual's App's, or declared."""
    from textual.app import App

    source = Path(__import__(part.__module__, fromlist=["_"]).__file__).read_text()
    tree = next(node for node in ast.walk(ast.parse(source))
                if isinstance(node, ast.ClassDef) and node.name == part.__name__)
    used = {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name) and node.value.id == "self"}
    own = {name for cls in part.__mro__ if cls is not object for name in vars(cls)}
    assigned = {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)
                and isinstance(node.ctx, ast.Store)}
    undeclared = sorted(used - own - assigned - set(dir(App())) - declared(needs))
    assert undeclared == [], f"{part.__name__} uses {undeclared} without declaring them"


def test_screens_and_widgets_never_reach_into_the_app():
    """No screen or widget sets the app's state or calls its own methods: they
    post a message (tui/screens/app_messages.py) and the app decides."""
    ours = {name for part, _ in PARTS for name in vars(part) if not name.startswith("__")}
    ours |= {name for name in vars(RecoveryPlanApp) if not name.startswith("__")}
    ours |= {"plan", "selected_goal_id", "leaving_screens", "language_chosen", "startup_language"}
    allowed = declared(AppServices) | {"notify"}  # (notify: Textual's, made quiet at a lock)
    reached = []
    for path in sorted([*TUI.glob("screens/*.py"), *TUI.glob("widgets/*.py")]):
        for node in ast.walk(ast.parse(path.read_text())):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute)
                    and node.value.attr == "app" and node.attr in ours - allowed):
                reached.append(f"{path.name}:{node.lineno} app.{node.attr}")
    assert reached == []
