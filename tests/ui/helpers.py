"""Shared steps for Pilot tests: sign in with keys, wait for workers, read the screen."""

from __future__ import annotations

from contextlib import asynccontextmanager

from textual.widgets import DataTable, Static

from tui import i18n
from tui.app import RecoveryPlanApp
from tui.content.demo import DEMO_NAME, DEMO_PIN
from tui.demo import create_demo


async def settle(pilot) -> None:
    """Let worker threads finish and their results reach the screen."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def sign_in(pilot, name: str, pin: str) -> None:
    await pilot.press(*name, "enter")
    await pilot.press(*pin, "enter")
    await settle(pilot)


@asynccontextmanager
async def signed_in(store, name: str, pin: str, size=(80, 24)):
    """An app of `size` on `store`, signed into the plan of `name` by keys: (app, pilot)."""
    app = RecoveryPlanApp(store)
    async with app.run_test(size=size) as pilot:
        await sign_in(pilot, name, pin)
        yield app, pilot


@asynccontextmanager
async def demo_app(store, size=(80, 24), language: str | None = None):
    """The demo plan made in `store` (then the language set, when given), and an
    app of `size` at its sign-in screen: (app, pilot)."""
    create_demo(store)
    if language is not None:
        i18n.set_language(language)
    app = RecoveryPlanApp(store)
    async with app.run_test(size=size) as pilot:
        yield app, pilot


@asynccontextmanager
async def demo_signed_in(store, size=(80, 24), language: str | None = None):
    """demo_app, signed into the demo plan by keys."""
    async with demo_app(store, size, language) as (app, pilot):
        await sign_in(pilot, DEMO_NAME, DEMO_PIN)
        yield app, pilot


def shown(widget) -> bool:
    """True unless the widget or one of its containers is hidden (display: none)."""
    node = widget
    while node is not None and node is not widget.screen:
        if not node.display:
            return False
        node = node.parent
    return True


def screen_text(app: RecoveryPlanApp) -> str:
    """Every shown Static and table cell on the current screen, as plain text."""
    parts = [str(widget.render()) for widget in app.screen.query(Static) if shown(widget)]
    for table in filter(shown, app.screen.query(DataTable)):
        for row in range(table.row_count):
            parts.append(" | ".join(row_text(table, row)))
    return "\n".join(parts)


def row_text(table: DataTable, row: int) -> list[str]:
    """A table row's cells as plain text; a cell wrapped onto more lines is read as one."""
    return [" ".join(str(cell).split("\n")) for cell in table.get_row_at(row)]


def all_screens(app: RecoveryPlanApp) -> list:
    """Every screen alive in every mode (Textual keeps other modes' screens)."""
    return [screen for stack in app._screen_stacks.values() for screen in stack]


def burst(app, *keys: str) -> None:
    """Keys as a terminal sends them in one burst (SSH, a paste, tmux send-keys,
    a fast typist on a slow machine): all given to the app at once, the way
    its driver hands them on, none waiting for the one before to be taken."""
    from textual import events

    for key in keys:
        character = key if len(key) == 1 else ("\r" if key == "enter" else None)
        app.post_message(events.Key(key, character))
