"""Drawing on the Linux console: only characters its fonts have.

The kernel draws each character from a console font of 256 or 512 glyphs
(console-setup's Lat15-Fixed16 and Uni2-VGA16 on Debian). They have the line
drawing characters (rounded corners come out square) and the full block, but
none of the eighth blocks Textual draws fields, buttons, scrollbar ends and the
footer's separator with, nor a check mark. On a console the app (a class on the
App, "-console") draws fields with line frames or plain underlines (app.tcss),
scrollbars from whole cells, ticks as [X] and done marks as *, charts as numbers.
See tui/console_font.py for the check against a font.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from textual._context import active_app
from textual.command import CommandPalette, SearchIcon
from textual.scrollbar import ScrollBar, ScrollBarRender

CONSOLE_TERMS = ("linux",)

DONE_MARK = "✓"
CONSOLE_DONE_MARK = "*"  # the console fonts have no check mark


def is_console(configured: bool | None, environ: Mapping[str, str] = os.environ) -> bool:
    """The site's [display] console if it says; else whether TERM is the Linux console's."""
    if configured is not None:
        return configured
    return environ.get("TERM", "") in CONSOLE_TERMS


def on_console(app=None) -> bool:
    """Whether the app (the running one if not given) draws for a console."""
    app = app if app is not None else active_app.get(None)
    return bool(getattr(app, "linux_console", False))


def done_mark(app=None) -> str:
    return CONSOLE_DONE_MARK if on_console(app) else DONE_MARK


class _WholeCellBars(ScrollBarRender):
    # A blank end glyph: Textual then draws the thumb from whole cells only.
    VERTICAL_BARS = [" "] * 8
    HORIZONTAL_BARS = [" "] * 8


class ScrollBars(ScrollBarRender):
    """Textual's scrollbar, drawn from whole cells (reverse-video blanks) on a
    console, with the eighth blocks elsewhere."""

    @classmethod
    def render_bar(cls, *args, **kwargs):
        drawer = _WholeCellBars if on_console() else ScrollBarRender
        return drawer.render_bar(*args, **kwargs)


def use_console_scrollbars() -> None:
    """Installed once a console app loads (a class setting of Textual's: the renderer
    asks the running app, so another app in the same process is drawn as before)."""
    ScrollBar.renderer = ScrollBars


class ConsolePalette(CommandPalette):
    """The command palette with a ">" for its magnifying glass, which no console font has."""

    def on_mount(self) -> None:
        self.query_one(SearchIcon).icon = ">"
