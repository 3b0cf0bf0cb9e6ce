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

Help (F1) and Get help now (F9) are at the right end of every key bar, dialogs
too, whatever the width: a person in crisis finds F9 in the same place on every
screen. The screen's own keys fill the rest from the left; a key that does not
fit whole is left out rather than cut (F1 lists every key).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.containers import HorizontalGroup
from textual.geometry import Size
from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey

from tui.i18n import N_, _, language

N_("palette")  # Textual's own name for the Ctrl+P key, shown in the footer

if TYPE_CHECKING:
    from textual.screen import Screen


PINNED_ACTIONS = ("help", "help_now")  # always shown, on the right, in this order


class PinnedKeys(HorizontalGroup):
    """Help (F1) and Get help now (F9), at the right end of the key bar."""

    DEFAULT_CSS = """
    PinnedKeys {
        dock: right;
        width: auto;
        border-left: vkey $foreground 20%;
    }
    """


class Footer(TextualFooter):
    DEFAULT_CSS = """
    /* The palette's key goes with the others, last: F9 has the right end. */
    Footer FooterKey.-command-palette {
        dock: none;
        border-left: none;
        margin-left: 1;
    }
    """

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
        pinned: dict[str, FooterKey] = {}
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
                if widget.action in PINNED_ACTIONS:
                    pinned[widget.action] = widget
                    continue
            yield widget
        pinned.update(self._app_keys_under_a_dialog(set(pinned)))
        if pinned:
            yield PinnedKeys(*(pinned[action] for action in PINNED_ACTIONS if action in pinned))

    def _app_keys_under_a_dialog(self, shown: set[str]) -> dict[str, FooterKey]:
        """A dialog's key bar lists only its own keys, but F1 and F9 work over
        it too (they are priority keys): they are shown, unless the dialog uses
        the same key itself (F9 closes Get help now)."""
        app = self.app
        taken = set(self.screen.active_bindings)
        keys: dict[str, FooterKey] = {}
        for node, bindings in self.screen._binding_chain:  # with the site's keymap applied
            if node is not app:
                continue
            for _key, binding in bindings:  # an action's first key is the one shown
                action = binding.action
                if (action not in PINNED_ACTIONS or not binding.show or action in shown
                        or not app._check_action_state(action, app)):
                    continue
                shown.add(action)
                if binding.key not in taken:
                    keys[action] = FooterKey(
                        binding.key, app.get_key_display(binding), _(binding.description), action,
                        tooltip=_(binding.tooltip) if binding.tooltip else "",
                    ).data_bind(compact=TextualFooter.compact)
        return keys

    def on_mount(self) -> None:
        super().on_mount()
        self.call_after_refresh(self._fit_keys)

    def on_resize(self) -> None:
        self._fit_keys()

    def _fit_keys(self) -> None:
        """Show the keys that fit whole, in order, beside the pinned ones."""
        room = self.size.width
        for group in self.query_children(PinnedKeys):
            room -= group.styles.gutter.width + sum(key_width(key) for key in group.query(FooterKey))
        fits = True
        for key in self.query_children(FooterKey):
            width = key_width(key)
            fits = fits and width <= room
            room -= width if fits else 0
            key.display = fits

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

    async def recompose(self) -> None:
        await super().recompose()
        self.call_after_refresh(self._fit_keys)


def key_width(key: FooterKey) -> int:
    """The columns a key takes: its words, padding, border and margin."""
    size = Size(1000, 1)
    return (key.get_content_width(size, size) + key.styles.gutter.width
            + key.styles.margin.width)
