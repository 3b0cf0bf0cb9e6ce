"""The command palette (Ctrl+P), mixed into the App: every screen and every
action of this screen by name, the walkthrough and a check-in, the account's
commands, and Textual's own (theme...) translated, without those a shared
machine must not offer.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING, Protocol

from textual.actions import parse as _parse_action
from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from tui.i18n import N_, _

if TYPE_CHECKING:
    from textual.app import App

    from tui.store import Plan

# Textual's own palette commands, translated where they are offered.
N_("Theme"), N_("Change the current theme"), N_("Quit"), N_("Quit the application as soon as possible")
N_("Minimize"), N_("Minimize the widget and restore to normal size")
N_("Maximize"), N_("Maximize the focused widget")


class PaletteApp(Protocol):
    """What the palette needs from the app besides Textual's App (RecoveryPlanApp
    gives it: tests/ui/test_app_parts.py checks)."""

    plan: Plan | None
    linux_console: bool

    @property
    def kiosk(self) -> bool:
        """A shared kiosk: no Quit (tui.locking)."""


if TYPE_CHECKING:
    class _PaletteBase(PaletteApp, App):
        pass
else:
    _PaletteBase = object


class Palette(_PaletteBase):
    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette offers every screen and every action of this screen by name."""
        for binding in self.BINDINGS:
            if isinstance(binding, Binding) and binding.id and not binding.id.endswith("_key"):
                _namespace, action, parameters = _parse_action(binding.action)
                if binding.id != "quit" and self.check_action(action, parameters):
                    yield SystemCommand(_(binding.description), _(binding.tooltip or binding.description),
                                        partial(self.run_action, binding.action))
        for binding in getattr(screen, "BINDINGS", []):
            if isinstance(binding, Binding) and binding.description:
                yield SystemCommand(_(binding.description), _(binding.tooltip or binding.description),
                                    partial(self.run_action, binding.action, screen))
        if self.plan is not None:
            yield from self._guide_commands(self.plan, screen)
            yield from self._account_commands(self.plan)
        # Textual's own (theme, quit...), but not Screenshot: it would write the
        # plan to a file on a shared machine.
        # A kiosk's app never ends from its keyboard: no Quit either.
        left_out = ("Screenshot", "Keys", "Bell", *(("Quit",) if self.kiosk else ()))
        for command in super().get_system_commands(screen):
            if command.title not in left_out:
                yield command._replace(title=_(command.title), help=_(command.help))

    def action_command_palette(self) -> None:
        """Textual's palette, its prompt in the language in effect."""
        from textual.command import CommandPalette

        from tui.console import ConsolePalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            palette = ConsolePalette if self.linux_console else CommandPalette
            self.push_screen(palette(placeholder=_("Search for commands…"), id="--command-palette"))

    def _guide_commands(self, plan: Plan, screen: Screen) -> Iterable[SystemCommand]:
        """The walkthrough and a check-in, from any screen (once: the overview has keys for both)."""

        def guide() -> None:
            from tui.screens.guide import open_guide

            open_guide(self, plan)

        def check_in() -> None:
            from tui.screens.checkin import open_check_in

            open_check_in(self, plan)

        named = {b.description for b in getattr(screen, "BINDINGS", []) if isinstance(b, Binding)}
        if "Build my plan (guided)" not in named:
            yield SystemCommand(_("Build my plan (guided)"),
                                _("Build my plan step by step, with a guide; every step can be skipped"),
                                guide)
        if "Check-in" not in named:
            yield SystemCommand(_("Check-in"),
                                _("Check in on the steps that are due: done, not yet, or change it"),
                                check_in)

    def _account_commands(self, plan: Plan) -> Iterable[SystemCommand]:
        from tui.screens.account import ChangePinDialog, DeletePlanDialog

        yield SystemCommand(_("Change my PIN"), _("Choose a new PIN (you need the one you have now)"),
                            lambda: self.push_screen(ChangePinDialog(plan)))
        yield SystemCommand(_("Make new recovery codes"),
                            _("New codes to open your plan if you forget your PIN; the old ones stop working"),
                            lambda: self._new_recovery_codes(plan))
        yield SystemCommand(_("Delete my plan"), _("Remove your whole plan for good (asks your PIN)"),
                            lambda: self.push_screen(DeletePlanDialog(plan)))
        from tui.screens.history import HistoryScreen, section_title

        for section in ("vision", "strengths", "crisis", "overdose", "cravings"):
            title = section_title(section)
            yield SystemCommand(_("Past versions: {part}").format(part=title),
                                _("Earlier versions of {part}; put one back").format(part=title.lower()),
                                lambda section=section: self.push_screen(HistoryScreen(plan, section)))

    def _new_recovery_codes(self, plan: Plan) -> None:
        from tui.screens.account import NewCodesDialog

        self.push_screen(NewCodesDialog(plan))
