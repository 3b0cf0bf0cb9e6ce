"""The key footer every screen shows: Textual's Footer, built less often.

Textual's Footer shows no keys in the screen's first paint (it waits for a
"bindings changed" signal, then builds them after the next refresh), and it
rebuilds every key widget each time that signal comes. One focus change sends
it two or three times (the focus watcher, a call after the refresh, the screen
resuming), so moving between two fields rebuilt a dozen key widgets two or
three times, for a footer that shows the same keys. On the sign-in screen that
was most of the time between the first paint and the keys showing.

This Footer shows its keys in the first paint, rebuilds at most once per
refresh, and only when the keys it would show have changed; its keys are
styled once each, as they mount.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey

from tui.i18n import N_, _, language

N_("palette")  # Textual's own name for the Ctrl+P key, shown in the footer

if TYPE_CHECKING:
    from textual.screen import Screen


class Footer(TextualFooter):
    def __init__(self, *children, **kwargs) -> None:
        super().__init__(*children, **kwargs)
        # The keys are ready at once: the screen's and the app's keys are known
        # when the footer is composed; a focused field's own keys follow below.
        self.set_reactive(TextualFooter._bindings_ready, True)
        self._rebuild_pending = False
        self._shown: tuple | None = None

    def _keys(self) -> tuple:
        """What the footer would show, as compose() reads it."""
        app = self.app
        active = self.screen.active_bindings
        shown = tuple(
            (binding.key, app.get_key_display(binding), binding.description, binding.action,
             enabled, tooltip, binding.group)
            for (_, binding, enabled, tooltip) in active.values()
            if binding.show
        )
        palette = active.get(app.COMMAND_PALETTE_BINDING)
        palette_enabled = palette[2] if palette is not None else None
        return shown, palette_enabled, self.show_command_palette, self.compact, language()

    def compose(self):
        self._shown = self._keys()
        # Key descriptions are written in English at class definition (marked with
        # N_); they are translated here, each time the footer is built.
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                # Styled once, when mounted. Textual's keys start compact and
                # are switched by a data binding after mounting, each key then
                # restyled on its own, twice (a seventh of the time to the crisis
                # plan). Each key starts as it will end: bound to the footer's
                # `compact`, except the palette key, which keeps its default.
                compact = True if widget.has_class("-command-palette") else self.compact
                widget.set_reactive(FooterKey.compact, compact)
                widget.set_class(compact, "-compact", update=False)
                widget.description = _(widget.description) if widget.description else ""
                if isinstance(widget.tooltip, str) and widget.tooltip:
                    widget.tooltip = _(widget.tooltip)
            yield widget

    def bindings_changed(self, screen: Screen) -> None:
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._rebuild_pending:
            self._rebuild_pending = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_pending = False
        # A screen that was left meanwhile (the sign-in screen once the plan
        # opens) rebuilds when it is shown again: it resumes with a new signal.
        if self.is_attached and self.screen.is_current and self._keys() != self._shown:
            await self.recompose()
