"""The App: sign-in first, then the signed-in person's plan."""

from __future__ import annotations

import threading
import weakref
from importlib import import_module
from collections.abc import Callable, Iterable
from functools import partial
from typing import TYPE_CHECKING

from textual import events, work
from textual.actions import parse as _parse_action
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input

from tui.config import Config
from tui.i18n import N_, _, choose_language, language
from tui.locking import Locking
from tui.screens.signin import SignInScreen
from tui.store.errors import StoreError

if TYPE_CHECKING:
    from tui.store import Plan, Store


def global_key(keys: str, no_field_key: str, action: str, description: str, binding_id: str,
               tooltip: str, show: bool = False) -> tuple[Binding, Binding]:
    """A global key: F-key and ctrl alias anywhere, and a plain key where no field has focus."""
    return (
        Binding(keys, action, description, id=binding_id, priority=True, show=show, tooltip=tooltip),
        Binding(no_field_key, action, description, id=f"{binding_id}_key", show=False,
                tooltip=tooltip),
    )


# Textual's own palette commands, translated where they are offered.
N_("Theme"), N_("Change the current theme"), N_("Quit"), N_("Quit the application as soon as possible")
N_("Minimize"), N_("Minimize the widget and restore to normal size")
N_("Maximize"), N_("Maximize the focused widget")

PLAN_MODES = ("overview", "goals", "steps", "crisis", "toolkit")
PLAN_SCREEN_MODULES = ("tui.screens.crisis", "tui.screens.goals", "tui.screens.overview",
                       "tui.screens.toolkit", "tui.screens.drafts")


class RecoveryPlanApp(Locking, App):
    TITLE = "Recovery Plan"
    # The sign-in screen is the app's default screen, in a mode named "signin".
    # It is not in MODES: Textual would then build an empty default screen,
    # switch away from it and re-parse all CSS twice before the first paint
    # (a third of the cold start). The plan's modes are added at sign-in.
    DEFAULT_MODE = "signin"
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True
    # Priority bindings: they work even while typing in a field.
    # Every global key has an F-key and a ctrl-letter alias, both working inside
    # text fields (priority bindings): web SSH clients and some laptops swallow
    # F-keys, and a browser reloads on F5. The ctrl letters clash with no editing
    # key of Input or TextArea and pass through tmux, SSH and the Linux console.
    # Where no field has focus, a digit or "?" works too (not priority, so
    # typing "3 calls" in a field stays typing).
    BINDINGS = [
        *global_key("f1,ctrl+backslash", "question_mark", "help", N_("Help"), "help",
                    N_("Help: every key on this screen"), show=True),
        *global_key("f2,ctrl+o", "2", "go('overview')", N_("Overview"), "overview", N_("My plan at a glance")),
        *global_key("f3,ctrl+n", "3", "go('goals')", N_("Goals"), "goals", N_("My goals, ranked and ordered")),
        *global_key("f4,ctrl+s", "4", "go('steps')", N_("Steps"), "steps",
                    N_("Action steps for the selected goal")),
        *global_key("f5,ctrl+r", "5", "go('crisis')", N_("Crisis plan"), "crisis",
                    N_("My crisis plan and pocket overdose plan")),
        *global_key("f6,ctrl+t", "6", "go('toolkit')", N_("Toolkit"), "toolkit",
                    N_("My resilience toolkit, triggers and relief")),
        *global_key("f7,ctrl+right_square_bracket", "7", "learn", N_("Learn"), "learn",
                    N_("Learn: tolerance, naloxone, the Good Samaritan law")),
        *global_key("f9,ctrl+g", "9", "help_now", N_("Get help now"), "help_now",
                    N_("Get help now: crisis lines, no sign-in needed"), show=True),
        Binding("f12,ctrl+l", "lock", N_("Lock"), id="lock", priority=True,
                tooltip=N_("Lock now: hide the plan, back to sign-in")),
        # F12 before signing in: clear a half-typed name and PIN (not shown in the footer).
        Binding("f12,ctrl+l", "clear_typing", N_("Clear what I typed"), id="clear_typing",
                priority=True, show=False, tooltip=N_("Clear the name and PIN typed here")),
        Binding("ctrl+q", "quit", N_("Quit"), id="quit", priority=True,
                tooltip=N_("Quit (what you typed is kept)")),
        # Ctrl+Q on a kiosk: the app stays for the next person (see tui.locking).
        Binding("ctrl+q", "sign_out", N_("Sign out"), id="sign_out", priority=True,
                tooltip=N_("Sign out: lock the plan, back to sign-in")),
        # The other language, named in itself so a person who reads it finds it
        # (F10 or Ctrl+F, anywhere; at sign-in the screen offers it in words).
        Binding("f10,ctrl+f", "language('es')", "Español", id="to_spanish", priority=True,
                show=False, tooltip="Cambiar a español"),
        Binding("f10,ctrl+f", "language('en')", "English", id="to_english", priority=True,
                show=False, tooltip="Switch to English"),
    ]

    def __init__(self, store: Store | None = None, config: Config | None = None,
                 location: str | None = None):
        """`store` when already open (tests); else the database at `location` (None:
        the default) is opened in the background at the first key, so the first
        screen comes fast and F9 works even if the database can't open."""
        super().__init__()
        self._store = store
        self._store_lock = threading.Lock()
        self._store_opening = False
        self.location = location
        self.config = config or Config()
        self.plan: Plan | None = None
        self.selected_goal_id: int | None = None  # the goal F4 opens
        self._draft_keeper = None  # set while a plan is open (see _start_drafts)
        self.leaving_screens = False  # True while screens save on the way out
        self._draft_timer = None
        self.animation_level = "none"  # no motion on a kiosk; less to send over SSH
        # The language before anyone signs in (--lang, LANGUAGE/LANG, the site's):
        # the app goes back to it when a plan locks, for the next person.
        # Drawing only what the Linux console's fonts have (tui/console.py); set at load.
        self.linux_console = False
        self.startup_language = language()
        self.language_chosen: str | None = None  # switched to at sign-in, kept with the plan
        self._held_messages: list[tuple[str, dict]] = []  # said while F9 showed (see notify)

    def on_load(self) -> None:
        from tui.themes import HIGH_CONTRAST, choose_theme

        self.register_theme(HIGH_CONTRAST)
        chosen = choose_theme(self.config.theme)
        self.startup_theme = chosen  # the next person's, after a lock (see _reset_for_next_person)
        if chosen != self.theme:  # setting it restyles every widget: only when it changes
            self.theme = chosen
        self._use_console_glyphs()
        keymap = self.config.keymap
        if keymap:
            # The keys that stand in for lock and quit before sign-in and on a kiosk follow them.
            for binding_id, twin in (("lock", "clear_typing"), ("quit", "sign_out")):
                if binding_id in keymap:
                    keymap = {twin: keymap[binding_id], **keymap}
        if self.in_browser:
            from tui.web.keys import browser_keymap

            keymap = browser_keymap([self.BINDINGS, SignInScreen.BINDINGS], keymap)
        if keymap:
            self.set_keymap(keymap)

    @property
    def in_browser(self) -> bool:
        """Served to a web browser (recovery-plan serve), known before the driver starts."""
        from tui.web import in_browser

        return in_browser()

    def keys_for(self, binding: Binding) -> str:
        """The keys that work for `binding` here: a site's or the browser's key map first."""
        return self._keymap.get(binding.id, binding.key) if binding.id else binding.key

    def _use_console_glyphs(self) -> None:
        """On a Linux console, only what its fonts can draw: app.tcss's rules under
        App.-console, and Textual's scrollbars from whole cells."""
        from tui.console import is_console, use_console_scrollbars

        self.linux_console = is_console(self.config.console)
        if self.linux_console:
            self.add_class("-console")
            self.set_class(self.config.fields == "underlines", "-underline-fields")
            use_console_scrollbars()

    def get_default_screen(self) -> Screen:
        return SignInScreen()

    def on_mount(self) -> None:
        # The mode already holds the sign-in screen; naming it lets lock return to it.
        self.add_mode("signin", SignInScreen)
        self.start_locking()

    async def on_event(self, event: events.Event) -> None:
        # The database opens in the background at the first key (a name and PIN
        # take long enough to type), and the plan's screens are loaded. Not
        # before: a session waiting at sign-in (many, on a shared server) then
        # holds neither, and loading them would slow the first paint.
        if self._store is None and not self._store_opening \
                and isinstance(event, (events.Key, events.Paste)):
            self._store_opening = True
            self._open_store_soon()
        if isinstance(event, events.Key) and not event.is_forwarded and self._running:
            from tui.widgets.fields import typed_keys_taken

            try:
                await typed_keys_taken(self.screen)
            except Exception:  # no screen yet: nothing typed to wait for
                pass
        await super().on_event(event)

    @property
    def store(self) -> Store:
        """The plan database, opened on first use (safe from worker threads).
        Raises DatabaseError with a plain message when it can't be opened."""
        return self.open_store()

    def open_store(self) -> Store:
        with self._store_lock:
            if self._store is None:
                from tui.store.db import open_store

                self._store = open_store(self.location, site_key_path=self.config.site_key,
                                         file_group=self.config.file_group)
            return self._store

    def close_store(self) -> None:
        with self._store_lock:
            if self._store is not None:
                self._store.close()

    @work(thread=True, group="open-store")
    def _open_store_soon(self) -> None:
        try:
            self.open_store()
        except StoreError as error:
            self.call_from_thread(self._store_failed, error.message)
            return
        # And the plan's screens, while the name and PIN are typed: the plan then
        # opens without waiting for imports (a fifth of the time from the PIN's
        # Enter to the crisis plan, when they were imported there).
        for module in PLAN_SCREEN_MODULES:
            import_module(module)

    def _store_failed(self, message: str) -> None:
        if isinstance(self.screen, SignInScreen):
            self.screen.show_message(message + " " + _("You can still press F9 for crisis lines."))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Plan keys do nothing (and are not shown) until someone signs in; at
        # sign-in, F5 asks for the crisis plan to open right after the PIN.
        if action in ("go", "lock") and self.plan is None:
            return action == "go" and parameters == ("crisis",) and isinstance(self.screen, SignInScreen)
        if action == "clear_typing":
            return self.plan is None
        if action == "quit":
            return not self.kiosk
        if action == "sign_out":
            return self.kiosk and self.plan is not None
        if action == "language":
            return parameters[:1] != (language(),)
        return True

    def open_plan(self, plan: Plan, first: str = "overview", new: bool = False) -> None:
        """Show a signed-in plan: the overview, or straight to `first` (such as "crisis").
        A `new` plan is offered the guided walkthrough after its recovery codes.

        Each top-level screen of the plan is a Textual mode of its own; they
        exist only while the plan is open (see action_lock)."""
        if self.sign_in_was_dropped():  # the PIN was being checked when the app locked
            return

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

        for mode, screen_type in (("overview", OverviewScreen), ("goals", GoalBoardScreen),
                                  ("crisis", CrisisScreen), ("toolkit", ToolkitScreen)):
            self.add_mode(mode, self._styled_as_now(partial(screen_type, plan)))

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

    def _keep_language(self, plan: Plan, code: str) -> None:
        if plan.language == code:
            return
        try:
            plan.set_language(code)
        except StoreError as error:
            self.notify(error.message, severity="error", markup=False)

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

    def _offer_guide(self, plan: Plan) -> None:
        from tui.screens.guide import offer_guide

        if self.plan is plan:  # not after a lock
            offer_guide(self, plan)

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
        self.leaving_screens = True  # no questions now: see SectionEditScreen
        try:
            unsaved = [screen for screen in self.screen_stack
                       if getattr(screen, "save_pending", None) is not None
                       and screen.save_pending() is False]
        finally:
            self.leaving_screens = False
        if self._draft_keeper is not None:
            self.keep_drafts()
            self._draft_keeper.hold(unsaved)

    def _leave_current_mode(self) -> None:
        """Keep what is typed, then close this mode's dialogs and sub-screens."""
        self._save_all()
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def action_go(self, where: str) -> None:
        from tui.screens.steps import StepEditorScreen

        plan = self.plan
        if plan is None:
            if isinstance(self.screen, SignInScreen):
                self.screen.open_next(where)
            return
        if where == "steps":
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
            return
        if self.current_mode != where:
            self._leave_current_mode()
            self._show_mode(where)

    def _goal_for_steps(self, plan: Plan) -> int | None:
        """The goal selected on the board, else the most important open goal."""
        try:
            goals = plan.goals()
        except StoreError as error:
            self.notify(error.message, severity="error", markup=False)
            return None
        ids = {g.id for g in goals}
        if self.selected_goal_id in ids:
            return self.selected_goal_id
        open_goals = sorted((g for g in goals if not g.done), key=lambda g: (g.term != "short", g.importance))
        return open_goals[0].id if open_goals else (goals[0].id if goals else None)

    async def action_quit(self) -> None:
        if self.kiosk:  # a kiosk's app never ends from its keyboard
            self.action_lock()
            return
        self._save_all()  # what is typed in a field is kept on the way out too
        self._stop_drafts()
        self.exit()

    def action_help_now(self) -> None:
        from tui.config import ConfigError
        from tui.content.help_lines import DEFAULT_LINES
        from tui.screens.help_now import GetHelpNowScreen

        if isinstance(self.screen, GetHelpNowScreen):
            return
        try:
            lines, staff = self.config.help_lines(), self.config.staff_note
        except ConfigError:
            lines, staff = list(DEFAULT_LINES), None  # a config mistake must not hide 988
        self.hold_messages()  # nothing may cover the crisis lines
        self.push_screen(GetHelpNowScreen(lines, staff))

    def action_learn(self) -> None:
        from tui.screens.learn import LearnScreen

        if not isinstance(self.screen, LearnScreen):
            self.push_screen(LearnScreen(self.config.jurisdiction))

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
        else:
            self.push_screen(HelpScreen(self.screen))

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
        if had_plan:
            self.language_chosen = None
        self._close_plan_screens()
        if had_plan and language() != self.startup_language:  # the next person starts as everyone does
            self._switch_language(self.startup_language)
        self.screen.clear_form()
        self._reset_for_next_person()
        self.refresh_bindings()
        self.clear_terminal()

    locking = False
    _closed_screens: weakref.WeakSet | None = None  # the plan's screens a lock closed

    def notify(self, message: str, **options) -> None:
        """A message, unless it comes from a plan the lock has closed: said while
        locking, or by one of its screens as it closes (they save on the way out).
        Over the crisis lines (F9) a message waits until they are closed."""
        if self.locking or self._said_by_a_closed_screen():
            return
        if getattr(self.screen, "HOLDS_MESSAGES", False):
            self._held_messages.append((message, options))
            return
        super().notify(message, **options)

    def hold_messages(self) -> None:
        """Keep the messages shown now for later: a screen that must not be covered opens."""
        self._held_messages = [*self._held_messages, *(
            (n.message, {"title": n.title, "severity": n.severity, "timeout": n.timeout,
                         "markup": n.markup}) for n in self._notifications)]
        self.clear_notifications()

    def show_held_messages(self) -> None:
        held, self._held_messages = self._held_messages, []
        for message, options in held:
            self.notify(message, **options)

    def _said_by_a_closed_screen(self) -> bool:
        from textual._context import active_message_pump

        node = active_message_pump.get(None)  # the widget or screen saying it
        while node is not None and not isinstance(node, Screen):
            node = getattr(node, "parent", None)
        return node is not None and self._closed_screens is not None and node in self._closed_screens

    def _reset_for_next_person(self) -> None:
        """The next person at a shared screen starts as everyone does: the site's
        theme, no messages (one may quote the plan; one on its way too), every
        screen left scrolled to its top."""
        if self.theme != self.startup_theme:
            self.theme = self.startup_theme
        self.clear_notifications()
        self._held_messages = []
        for screen in self.screen_stack:
            for widget in (screen, *screen.query("*")):
                if widget.is_scrollable and widget.scroll_offset != (0, 0):
                    widget.scroll_home(animate=False, immediate=True)

    def _close_plan_screens(self) -> None:
        """Back to sign-in, with every plan screen and dialog gone (Textual keeps
        the screens of other modes alive: each plan mode is removed)."""
        if self._closed_screens is None:
            self._closed_screens = weakref.WeakSet()
        self._closed_screens.update(
            screen for mode, stack in self._screen_stacks.items() if mode != "signin" for screen in stack)
        self._closed_screens.update(self.get_screen_stack("signin")[1:])
        self.switch_mode("signin")
        while len(self.screen_stack) > 1:
            self.pop_screen()
        for mode in PLAN_MODES:
            if mode in self._modes:
                self.remove_mode(mode)

    def action_clear_typing(self) -> None:
        self.action_lock()
        self.screen.query(Input).first().focus()  # the next person starts at the name

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

    def action_command_palette(self) -> None:
        """Textual's palette, its prompt in the language in effect."""
        from textual.command import CommandPalette

        from tui.console import ConsolePalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            palette = ConsolePalette if self.linux_console else CommandPalette
            self.push_screen(palette(placeholder=_("Search for commands…"), id="--command-palette"))

    def _new_recovery_codes(self, plan: Plan) -> None:
        from tui.screens.account import NewCodesDialog

        self.push_screen(NewCodesDialog(plan))

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
