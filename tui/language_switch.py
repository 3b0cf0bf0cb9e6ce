"""Switching the app's language (F10), mixed into the App: before sign-in for
this person only, signed in kept with the plan, and back to the site's
language for the next person after a lock. What it needs from the app is in
LanguageApp.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from tui.config import Config
from tui.i18n import choose_language, language
from tui.plan_session import PLAN_MODES
from tui.store.errors import StoreError

if TYPE_CHECKING:
    from textual.app import App

    from tui.store import Plan


class LanguageApp(Protocol):
    """What language switching needs from the app besides Textual's App
    (RecoveryPlanApp gives it: tests/ui/test_app_parts.py checks)."""

    config: Config
    plan: Plan | None
    selected_goal_id: int | None

    def _save_all(self) -> None:
        """Keep what is typed in every open screen (tui.plan_session)."""

    def _close_plan_screens(self) -> None:
        """Every plan screen gone (tui.plan_session)."""

    def _add_plan_modes(self, plan: Plan) -> None:
        """The plan's screens, made anew when shown (tui.plan_session)."""

    def action_go(self, where: str) -> None:
        """Show a plan screen (tui.plan_session)."""


if TYPE_CHECKING:
    class _LanguageBase(LanguageApp, App):
        pass
else:
    _LanguageBase = object


class LanguageSwitching(_LanguageBase):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The language before anyone signs in (--lang, LANGUAGE/LANG, the site's):
        # the app goes back to it when a plan locks, for the next person.
        self.startup_language = language()
        self.language_chosen: str | None = None  # switched to at sign-in, kept with the plan

    def action_language(self, code: str) -> None:
        """Switch language now (F10). Signed in: kept with the plan, and every plan
        screen is built again in it (what is typed is saved first)."""
        if code == language():
            return
        if self.plan is None:
            self.language_chosen = code
            self._switch_language(code)
            return
        plan, where = self.plan, self.current_mode
        self._save_all()
        self._keep_language(plan, code)
        self._switch_language(code)
        goal_id = self.selected_goal_id
        self._close_plan_screens()
        self._add_plan_modes(plan)
        self.selected_goal_id = goal_id
        self.action_go(where if where in PLAN_MODES else "overview")

    def _use_plan_language(self, plan: Plan, new: bool) -> None:
        """The person's language: --lang first, then a switch made at sign-in (or the
        language a new plan was made in), kept with the plan; else their saved choice."""
        chosen = self.language_chosen or (language() if new else None)
        self.language_chosen = None
        if chosen is not None and self.config.language_option is None:
            self._keep_language(plan, chosen)
            return
        wanted = choose_language(self.config.language_option, plan.language, None,
                                 self.startup_language)
        if wanted != language():
            self._switch_language(wanted)

    def _language_for_next_person(self, had_plan: bool) -> None:
        """After a lock: the next person starts as everyone does. (A switch made
        before sign-in, with no plan open, stays for the one who made it.)"""
        if had_plan:
            self.language_chosen = None
            if language() != self.startup_language:
                self._switch_language(self.startup_language)

    def _keep_language(self, plan: Plan, code: str) -> None:
        if plan.language == code:
            return
        try:
            plan.set_language(code)
        except StoreError as error:
            self.notify(error.message, severity="error", markup=False)

    def _switch_language(self, code: str) -> None:
        """Put `code` in effect and rebuild what shows the app's words: the sign-in
        screen, and every footer (key names come from bindings made in English)."""
        from tui.i18n import set_language
        from tui.screens.retell import retell

        set_language(code)
        for screen in self.get_screen_stack("signin"):
            if screen.is_mounted:
                self.call_later(retell, screen)
        self.refresh_bindings()
