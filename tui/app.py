"""The App: sign-in first, then the signed-in person's plan."""

from __future__ import annotations

import threading
from importlib import import_module
from typing import TYPE_CHECKING

from textual import events, work
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input

from tui.config import Config
from tui.i18n import N_, _, language
from tui.language_switch import LanguageSwitching
from tui.locking import Locking
from tui.palette import Palette
from tui.plan_session import PlanSession
from tui.screens.signin import SignInScreen
from tui.store.errors import StoreError

if TYPE_CHECKING:
    from tui.store import Store


def global_key(keys: str, no_field_key: str, action: str, description: str, binding_id: str,
               tooltip: str, show: bool = False) -> tuple[Binding, Binding]:
    """A global key: F-key and ctrl alias anywhere, and a plain key where no field has focus."""
    return (
        Binding(keys, action, description, id=binding_id, priority=True, show=show, tooltip=tooltip),
        Binding(no_field_key, action, description, id=f"{binding_id}_key", show=False,
                tooltip=tooltip),
    )


PLAN_SCREEN_MODULES = ("tui.screens.crisis", "tui.screens.goals", "tui.screens.overview",
                       "tui.screens.toolkit", "tui.screens.drafts")


class RecoveryPlanApp(Locking, PlanSession, LanguageSwitching, Palette, App):
    """The app: global keys, the database, the first screen and messages; the
    plan's session (tui.plan_session), language switching (tui.language_switch),
    the palette (tui.palette) and what keeps a plan private (tui.locking) are
    mixed in."""

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
        self.animation_level = "none"  # no motion on a kiosk; less to send over SSH
        # Drawing only what the Linux console's fonts have (tui/console.py); set at load.
        self.linux_console = False
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
        self.push_screen(GetHelpNowScreen(lines, staff), lambda _closed: self.show_held_messages())

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

    def action_clear_typing(self) -> None:
        self.action_lock()
        self.screen.query(Input).first().focus()  # the next person starts at the name
