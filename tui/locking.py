"""What keeps a plan private on a shared terminal, mixed into the App:

- the idle lock: after some minutes with no key the plan locks itself, after a
  warning that covers it (any key takes the warning away);
- clearing the terminal, its scrollback too, whenever the plan locks;
- a kiosk: Ctrl+Q signs out instead of quitting, Ctrl+C and Ctrl+Z never leave
  the app, the palette offers no Quit, nothing goes to the terminal's clipboard;
- a hang-up (a dropped SSH connection) or SIGTERM: what was typed is kept, the
  terminal is put back, the app ends;
- a crash: a plain message instead of a traceback (which would show the values
  of variables: a PIN, a plan's words);
- in a browser (`recovery-plan serve` sets ENV_END_UNUSED): the app ends when
  left at an empty sign-in screen that long, so a forgotten tab frees its place.

RecoveryPlanApp calls start_locking() once mounted; action_lock calls
forget_sign_ins_in_progress() and clear_terminal(). What Locking needs from the
app it is mixed into is declared in LockingApp.
"""

from __future__ import annotations

import asyncio
import os
import signal
import threading
import time
from typing import TYPE_CHECKING, Protocol

from textual import events

from tui.i18n import _
from tui.screens.idle import IdleClock, IdleWarningScreen
from tui.session_env import ENV_END_UNUSED
from tui.terminal import CLEAR

if TYPE_CHECKING:
    from textual.app import App

    from tui.config import Config
    from tui.store import Plan

LOCK_KEYS = "f12,ctrl+l"  # the lock binding's keys (a site's keymap may change them)
ENDING_GRACE = 5.0  # seconds to end cleanly after a hang-up or SIGTERM, then end at once


class LockingApp(Protocol):
    """What Locking needs from the app besides Textual's App (RecoveryPlanApp
    gives it: tests/ui/test_app_parts.py checks)."""

    config: Config
    plan: Plan | None

    def _save_all(self) -> None:
        """Keep what is typed in every open screen."""

    def _stop_drafts(self) -> None:
        """After the last save: stop keeping drafts."""

    def action_lock(self) -> None:
        """Close the plan, back to sign-in."""


if TYPE_CHECKING:
    class _LockingBase(LockingApp, App):
        pass
else:
    _LockingBase = object


class Locking(_LockingBase):
    crashed = False  # an unexpected error ended the app (see _print_error_renderables)
    idle_clock: IdleClock | None = None
    _ending = False
    _watchdog: threading.Timer | None = None
    _last_lock = float("-inf")  # time.monotonic() of the last lock

    @property
    def kiosk(self) -> bool:
        return self.config.kiosk

    _end_unused: float | None = None

    def start_locking(self) -> None:
        self.idle_clock = IdleClock(self.config.idle_lock)
        try:
            self._end_unused = float(os.environ[ENV_END_UNUSED]) or None
        except (KeyError, ValueError):
            self._end_unused = None
        self.set_interval(1.0, self.idle_tick, name="idle lock")
        if not self.is_headless:
            self._handle_signals()

    # --- the idle lock ---------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        # Every key and paste comes here first, before any binding or field.
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            if self.idle_clock is not None:
                self.idle_clock.key_pressed()
            if self._close_idle_warning() and not self._locks(event):
                return  # the key only said "I'm still here"
        await super().on_event(event)

    def _locks(self, event: events.Event) -> bool:
        keys = self.config.keymap.get("lock") or LOCK_KEYS
        return isinstance(event, events.Key) and event.key in {key.strip() for key in keys.split(",")}

    def idle_tick(self) -> None:
        """Once a second: show, count down or close the warning, or lock."""
        clock = self.idle_clock
        if clock is None:
            return
        if not self._anything_to_lock():
            self._close_idle_warning()
            self._end_if_unused(clock)
            return
        left = clock.left()
        if left <= 0:
            self._close_idle_warning()
            self.action_lock()
            clock.key_pressed()  # the wait starts again from the lock
        elif clock.warning_due():
            if isinstance(self.screen, IdleWarningScreen):
                self.screen.show_left(left)
            else:
                self.push_screen(IdleWarningScreen(left, has_plan=self.plan is not None))

    def _end_if_unused(self, clock: IdleClock) -> None:
        """In a browser: an empty sign-in screen (not the crisis lines, which may
        be being read) with no key for ENV_END_UNUSED seconds ends the app; its
        page says how to start again."""
        from tui.screens.signin import SignInScreen

        if (self._end_unused is not None and isinstance(self.screen, SignInScreen)
                and clock.now() - clock.last_key >= self._end_unused):
            self.exit()

    def _anything_to_lock(self) -> bool:
        """A plan is open, or something is typed (a name, a PIN, a recovery code).
        An empty sign-in, or crisis lines being read before signing in, stay as they are."""
        if self.plan is not None:
            return True
        # (TextArea by name: importing it costs start-up time.)
        for screen in self.screen_stack:
            for field in screen.query("Input, TextArea"):
                if getattr(field, "value", "") or getattr(field, "text", ""):
                    return True
        return False

    def _close_idle_warning(self) -> bool:
        if isinstance(self.screen, IdleWarningScreen):
            self.pop_screen()
            return True
        return False

    # --- locking ---------------------------------------------------------

    def forget_sign_ins_in_progress(self) -> None:
        """A PIN being checked when the plan locks must not open the plan afterwards."""
        self._last_lock = time.monotonic()

    def sign_in_was_dropped(self, began: float) -> bool:
        """True when the plan about to open comes from a sign-in begun (at `began`,
        time.monotonic()) before a lock: its plan may arrive after the lock."""
        return began <= self._last_lock

    def clear_terminal(self) -> None:
        """Clear the screen and the terminal's scrollback, then draw the screen anew.
        (A terminal with an alternate screen keeps no scrollback of the app; the
        Linux console has none, and keeps what scrolled by.)"""
        self._clipboard = ""  # what was copied inside the app goes too
        driver = self._driver
        if driver is not None:
            driver.write(CLEAR)
        self.screen.refresh()

    # --- a kiosk ---------------------------------------------------------

    def action_sign_out(self) -> None:
        """Ctrl+Q on a kiosk: lock the plan and go back to sign-in; the app stays."""
        self.action_lock()

    def action_help_quit(self) -> None:
        # Ctrl+C outside a field: on a kiosk the app never ends.
        if not self.kiosk:
            super().action_help_quit()
        elif self.plan is not None:
            self.notify(_("This computer is shared, so the app stays open. To leave, press F12 "
                          "(or Ctrl+Q): your plan locks and the sign-in screen comes back."),
                        markup=False)

    def copy_to_clipboard(self, text: str) -> None:
        # Ctrl+C in a field. On a kiosk, copied words stay inside the app (Ctrl+V
        # still pastes them) and are forgotten at the lock: the terminal's own
        # clipboard (OSC 52) would give them to the next person.
        if self.kiosk:
            self._clipboard = text
        else:
            super().copy_to_clipboard(text)

    # --- hang-up, SIGTERM, crashes --------------------------------------

    def _handle_signals(self) -> None:
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGHUP, signal.SIGTERM):
            loop.add_signal_handler(signum, self.end_from_outside, signum)
        if self.kiosk:
            # Only reachable when the terminal sends signals (TEXTUAL_ALLOW_SIGNALS)
            # or another program does: none of them may leave a kiosk for a shell.
            for signum in (signal.SIGINT, signal.SIGQUIT, signal.SIGTSTP):
                signal.signal(signum, signal.SIG_IGN)

    def end_from_outside(self, signum: int) -> None:
        """A hang-up (the SSH connection dropped, the terminal closed) or SIGTERM
        (the kiosk's session ended): keep what was typed, then end. Textual puts
        the terminal back on the way out; if the terminal is gone and that hangs,
        the app ends anyway after a few seconds, its saves done."""
        if self._ending:
            return
        self._ending = True
        try:
            self._save_all()
            self._stop_drafts()
        finally:
            if not self.is_headless:
                self._watchdog = threading.Timer(ENDING_GRACE, os._exit, args=(128 + signum,))
                self._watchdog.daemon = True
                self._watchdog.start()
            self.exit(return_code=128 + signum)

    def run(self, *args, **kwargs):
        try:
            return super().run(*args, **kwargs)
        finally:
            if self._watchdog is not None:  # it ended in time
                self._watchdog.cancel()

    def _print_error_renderables(self) -> None:
        # Textual prints a traceback with the values of variables (a PIN, a
        # plan's words) after an unexpected error. The person sees a plain
        # message instead (see tui.terminal); TEXTUAL=debug shows the traceback.
        if self._exit_renderables:
            self.crashed = True
        if "debug" in self.features:
            super()._print_error_renderables()
        else:
            self._exit_renderables.clear()
