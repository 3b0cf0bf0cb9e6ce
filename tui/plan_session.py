"""The signed-in plan's session, mixed into the App: opening a plan, its screens
(each a Textual mode of its own), moving between them, keeping what is typed
(saves on the way out, drafts every few seconds), and closing it all at a lock.

Screens say what happened with the messages of tui.screens.app_messages; the
handlers here decide. What the session needs from the app is in SessionApp.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Protocol

from textual import events
from textual.screen import Screen

from tui.config import Config
from tui.i18n import _
from tui.screens.app_messages import (
    CheckInWanted, GoalChosen, GuideWanted, LockAsked, ModeWanted, PlanOpened,
)
from tui.screens.signin import SignInScreen
from tui.store.errors import StoreError

if TYPE_CHECKING:
    from textual.app import App

    from tui.store import Plan

PLAN_MODES = ("overview", "goals", "steps", "crisis", "toolkit")


class SessionApp(Protocol):
    """What the session needs from the app besides Textual's App (RecoveryPlanApp
    gives it: tests/ui/test_app_parts.py checks)."""

    config: Config

    def _use_plan_language(self, plan: Plan, new: bool) -> None:
        """The signed-in person's language (tui.language_switch)."""

    def _language_for_next_person(self, had_plan: bool) -> None:
        """Back to the language everyone starts in (tui.language_switch)."""

    def sign_in_was_dropped(self, began: float) -> bool:
        """A sign-in begun before a lock (tui.locking)."""

    def forget_sign_ins_in_progress(self) -> None:
        """At a lock (tui.locking)."""

    def clear_terminal(self) -> None:
        """At a lock, with its scrollback (tui.locking)."""

    def _reset_for_next_person(self) -> None:
        """The site's theme, no messages, screens scrolled to the top (tui.app)."""


if TYPE_CHECKING:
    class _SessionBase(SessionApp, App):
        pass
else:
    _SessionBase = object


class PlanSession(_SessionBase):
    locking = False  # True while a lock closes the plan (tui.app's notify says nothing then)
    _closed_screens: weakref.WeakSet | None = None  # the plan's screens a lock closed

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan: Plan | None = None
        self.selected_goal_id: int | None = None  # the goal F4 opens
        self._draft_keeper = None  # set while a plan is open (see _start_drafts)
        self._draft_timer = None

    # --- what screens say ------------------------------------------------

    def on_plan_opened(self, message: PlanOpened) -> None:
        if self.sign_in_was_dropped(message.began):  # the PIN was being checked when the app locked
            return
        self.open_plan(message.plan, message.first, message.new)
        if message.notice:
            self.notify(message.notice, markup=False)

    def on_goal_chosen(self, message: GoalChosen) -> None:
        if self.plan is not None:
            self.selected_goal_id = message.goal_id

    def on_mode_wanted(self, message: ModeWanted) -> None:
        self.action_go(message.mode)

    def on_guide_wanted(self, _message: GuideWanted) -> None:
        from tui.screens.guide import open_guide

        if self.plan is not None:
            open_guide(self, self.plan)

    def on_check_in_wanted(self, _message: CheckInWanted) -> None:
        from tui.screens.checkin import open_check_in

        if self.plan is not None:
            open_check_in(self, self.plan)

    def on_lock_asked(self, message: LockAsked) -> None:
        self.action_lock()
        if message.notice:
            self.notify(message.notice, markup=False)

    # --- opening a plan --------------------------------------------------

    def open_plan(self, plan: Plan, first: str = "overview", new: bool = False) -> None:
        """Show a signed-in plan: the overview, or straight to `first` (such as "crisis").
        A `new` plan is offered the guided walkthrough after its recovery codes.

        Each top-level screen of the plan is a Textual mode of its own; they
        exist only while the plan is open (see action_lock)."""
        self.plan = plan
        self.selected_goal_id = None
        self._use_plan_language(plan, new)
        self._add_plan_modes(plan)
        self.refresh_bindings()
        self.action_go(first if first in PLAN_MODES else "overview")
        self._start_drafts(plan)
        if getattr(plan, "read_only_note", None):  # its sign-in couldn't be written
            self.notify(plan.read_only_note, markup=False, timeout=30)
        if plan.recovery_codes:  # a new plan, or an old one's first sign-in since encryption
            from tui.screens.account import RecoveryCodesScreen

            self.push_screen(RecoveryCodesScreen(plan.recovery_codes),
                             (lambda _: self._offer_guide(plan)) if new else None)
            plan.recovery_codes = ()

    def _add_plan_modes(self, plan: Plan) -> None:
        from tui.screens.crisis import CrisisScreen
        from tui.screens.goals import GoalBoardScreen
        from tui.screens.overview import OverviewScreen
        from tui.screens.toolkit import ToolkitScreen

        board = partial(GoalBoardScreen, plan, chosen=lambda: self.selected_goal_id)
        for mode, make in (("overview", partial(OverviewScreen, plan)), ("goals", board),
                           ("crisis", partial(CrisisScreen, plan)),
                           ("toolkit", partial(ToolkitScreen, plan))):
            self.add_mode(mode, self._styled_as_now(make))

    def _styled_as_now(self, make: Callable[[], Screen]) -> Callable[[], Screen]:
        """A plan mode's screen maker, for `_show_mode`: the new screen counts as
        styled by the CSS in effect, since its widgets are styled as they mount.

        Textual takes a new mode's screen for one styled by older CSS, so the
        first switch to it re-parsed the whole stylesheet and restyled every
        widget of every screen, twice. A later change of CSS (a new theme)
        still restyles the mode's screen when it is next shown."""

        def make_screen() -> Screen:
            screen = make()
            screen._css_update_count = self._css_update_count
            return screen

        return make_screen

    def _show_mode(self, mode: str) -> None:
        """switch_mode, with a new mode's screen resumed once, not twice.

        Textual sends a new mode's screen one ScreenResume as the mode is made
        and another as it is switched to: each restyles every widget of the
        screen, and each makes the screen load what it shows (the crisis plan
        read and opened twice, the goal board filled twice)."""
        if mode not in self._screen_stacks:
            with self.prevent(events.ScreenResume):
                self._init_mode(mode)
        self._switching_mode = True
        try:
            self.switch_mode(mode)
        finally:
            self._switching_mode = False

    _switching_mode = False

    def delay_update(self, delay: float = 0.05) -> None:
        """No pause in painting as a plan mode is switched to.

        Textual's switch_mode holds every paint for 50 ms to hide a screen
        half built; a screen is only painted once it has taken its messages,
        so there is nothing half built to hide, and on the way to the crisis
        plan the pause (and the paint it puts off to the next frame) was a
        third of the time from the PIN's Enter to the plan on screen."""
        if not self._switching_mode:
            super().delay_update(delay)

    def _offer_guide(self, plan: Plan) -> None:
        from tui.screens.guide import offer_guide

        if self.plan is plan:  # not after a lock
            offer_guide(self, plan)

    # --- moving between the plan's screens -------------------------------

    def action_go(self, where: str) -> None:
        plan = self.plan
        if plan is None:
            if isinstance(self.screen, SignInScreen):
                self.screen.open_next(where)
            return
        if where == "steps":
            from tui.screens.goals import GoalBoardScreen

            if isinstance(self.screen, GoalBoardScreen):
                # The board's table takes Down where Textual runs its bindings:
                # back at the app, behind this key. Go once a Down typed just
                # before F4 has moved the cursor (the app has waited for it to
                # get this far), so F4 opens the goal it moved to.
                self.call_later(self._open_steps, plan)
                return
            self._open_steps(plan)
            return
        if self.current_mode != where:
            self._leave_current_mode()
            self._show_mode(where)

    def _open_steps(self, plan: Plan) -> None:
        """The steps of the goal chosen (see _goal_for_steps)."""
        from tui.screens.steps import StepEditorScreen

        if self.plan is not plan:
            return  # locked meanwhile
        goal_id = self._goal_for_steps(plan)
        if goal_id is None:
            self.notify(_("Add a goal first (F3), then its steps."), markup=False)
            return
        self.selected_goal_id = goal_id  # the board starts on it too
        if self.current_mode == "steps" and self.screen.goal_id == goal_id:
            return
        self._leave_current_mode()
        if "steps" in self._modes:  # another goal's steps: make the mode anew
            if self.current_mode == "steps":
                self._show_mode("goals")
            self.remove_mode("steps")
        self.add_mode("steps", self._styled_as_now(partial(StepEditorScreen, plan, goal_id)))
        self._show_mode("steps")

    def _goal_for_steps(self, plan: Plan) -> int | None:
        """The goal selected on the board, else the most important open goal."""
        from tui.screens.goals import GoalBoardScreen

        chosen = self.selected_goal_id
        if isinstance(self.screen, GoalBoardScreen):
            # Asked now: after a Down sent just before F4 the board's cursor has
            # moved, but its GoalChosen message is still behind F4.
            chosen = self.screen.selected_goal_id() or chosen
        try:
            goals = plan.goals()
        except StoreError as error:
            self.notify(error.message, severity="error", markup=False)
            return None
        ids = {g.id for g in goals}
        if chosen in ids:
            return chosen
        open_goals = sorted((g for g in goals if not g.done), key=lambda g: (g.term != "short", g.importance))
        return open_goals[0].id if open_goals else (goals[0].id if goals else None)

    def _leave_current_mode(self) -> None:
        """Keep what is typed, then close this mode's dialogs and sub-screens."""
        self._save_all()
        while len(self.screen_stack) > 1:
            self.pop_screen()

    # --- keeping what is typed -------------------------------------------

    def _start_drafts(self, plan: Plan) -> None:
        """Keep typing as a draft every few seconds; offer back what a session
        that ended too soon left unsaved."""
        from tui.screens.drafts import DRAFT_SECONDS, DraftKeeper, DraftsScreen

        self._draft_keeper = DraftKeeper(plan)
        self._draft_timer = self.set_interval(DRAFT_SECONDS, self.keep_drafts)
        try:
            left = plan.drafts()
        except StoreError:
            left = []
        if left:
            self.push_screen(DraftsScreen(plan, left))

    def keep_drafts(self) -> None:
        if self._draft_keeper is not None:
            self._draft_keeper.tick(self.screen_stack)

    def _stop_drafts(self) -> None:
        """After the last save: forget drafts whose words were saved, keep the rest."""
        self.keep_drafts()
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_keeper = self._draft_timer = None

    def _save_all(self) -> None:
        """Ask every open screen of this mode to keep what is typed in it (other
        modes' screens kept theirs when they were left). A screen that could not
        save (the database busy, a change made elsewhere) keeps its words as a
        draft, offered at the next sign-in, since the screen is about to close."""
        saving = [screen for screen in self.screen_stack if getattr(screen, "save_pending", None) is not None]
        for screen in saving:
            screen.leaving = True  # no questions now: see SectionEditScreen
        try:
            unsaved = [screen for screen in saving if screen.save_pending() is False]
        finally:
            for screen in saving:
                screen.leaving = False
        if self._draft_keeper is not None:
            self.keep_drafts()
            self._draft_keeper.hold(unsaved)

    # --- locking ---------------------------------------------------------

    def action_lock(self) -> None:
        """Keep what was typed, then remove every plan screen and dialog (Textual
        keeps the screens of other modes alive: each plan mode is removed), and
        clear the terminal and its scrollback. Before sign-in: clear what was typed."""
        # What the screens say as they save and close is not for the next person.
        self.locking = True
        try:
            self._lock()
        finally:
            self.locking = False

    def _lock(self) -> None:
        self._save_all()
        self._stop_drafts()
        self.forget_sign_ins_in_progress()
        had_plan = self.plan is not None
        self.plan = None
        self.selected_goal_id = None
        self._close_plan_screens()
        self._language_for_next_person(had_plan)
        self.screen.clear_form()
        self._reset_for_next_person()
        self.refresh_bindings()
        self.clear_terminal()

    def _close_plan_screens(self) -> None:
        """Back to sign-in, with every plan screen and dialog gone (Textual keeps
        the screens of other modes alive: each plan mode is removed)."""
        if self._closed_screens is None:
            self._closed_screens = weakref.WeakSet()
        closing = [screen for mode, stack in self._screen_stacks.items() if mode != "signin"
                   for screen in stack] + self.get_screen_stack("signin")[1:]
        for screen in closing:
            screen.leaving = True  # for good: its plan is closed
        self._closed_screens.update(closing)
        self.switch_mode("signin")
        while len(self.screen_stack) > 1:
            self.pop_screen()
        for mode in PLAN_MODES:
            if mode in self._modes:
                self.remove_mode(mode)
