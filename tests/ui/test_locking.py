"""Locking on a shared terminal: the idle lock and its warning, F12, a kiosk's
keys, the palette, the clipboard, a hang-up and a crash (tui/locking.py).

Time is moved on by hand: the idle clock reads a list the test changes."""

from __future__ import annotations

import signal
import threading

import pytest

from textual.command import CommandPalette
from textual.widgets import Input

from tests.ui.helpers import all_screens, demo_app, demo_signed_in, screen_text, settle, sign_in
from tests.ui.test_step_editor import housing_steps, open_housing_steps
from tui.app import RecoveryPlanApp
from tui.config import Config
from tui.demo import create_demo
from tui.screens.help import HelpScreen
from tui.screens.help_now import GetHelpNowScreen
from tui.screens.idle import IdleClock, IdleWarningScreen
from tui.screens.learn import LearnScreen
from tui.screens.new_plan import NewPlanScreen
from tui.screens.overview import OverviewScreen
from tui.screens.signin import SignInScreen
from tui.terminal import CLEAR

# Screens that show nothing of a plan: all that may be alive once the plan is locked.
NO_PLAN_SCREENS = (SignInScreen, LearnScreen, NewPlanScreen, GetHelpNowScreen, HelpScreen,
                   CommandPalette)


def kiosk_config(**raw) -> Config:
    config = Config(raw=raw)
    config.kiosk_option = True
    return config


def hand_clock(app: RecoveryPlanApp) -> list[float]:
    """Make the app's idle clock read a number the test moves on; returns it."""
    now = [1000.0]
    app.idle_clock.now = lambda: now[0]
    app.idle_clock.key_pressed()
    return now


async def wait(pilot, now: list[float], seconds: float) -> None:
    """Let `seconds` pass with no key, then let the app look at its clock."""
    now[0] += seconds
    pilot.app.idle_tick()
    await pilot.pause()


def nothing_of_the_plan_left(app: RecoveryPlanApp) -> bool:
    return app.plan is None and all(isinstance(s, NO_PLAN_SCREENS) for s in all_screens(app))


def terminal_writes(app: RecoveryPlanApp) -> list[str]:
    """What the app writes to the terminal from now on (the test driver writes nothing)."""
    writes: list[str] = []
    app._driver.write = writes.append
    return writes


def test_the_warning_comes_30_seconds_before_or_half_way_for_a_short_wait():
    assert IdleClock(900).warn_for == 30
    assert IdleClock(60).warn_for == 30
    assert IdleClock(40).warn_for == 20
    assert IdleClock(6).warn_for == 3


def test_defaults_kiosk_3_minutes_else_15_and_the_option_wins():
    assert Config().idle_lock == 900
    assert kiosk_config().idle_lock == 180
    assert Config(raw={"kiosk": {"enabled": True}}).idle_lock == 180
    assert Config(raw={"lock": {"idle_seconds": 300}}).idle_lock == 300
    config = Config(raw={"lock": {"idle_seconds": 300}})
    config.idle_lock_option = 60
    assert config.idle_lock == 60


async def test_the_idle_warning_covers_the_plan_and_any_key_takes_it_away(store):
    async with demo_app(store) as (app, pilot):
        await open_housing_steps(pilot)
        await pilot.press("enter", "end", *" and Zillow")
        now = hand_clock(app)
        await wait(pilot, now, 860)
        assert not isinstance(app.screen, IdleWarningScreen)

        await wait(pilot, now, 15)  # 25 seconds left
        assert isinstance(app.screen, IdleWarningScreen)
        assert "Your plan locks in 25 seconds" in screen_text(app)
        assert "Craigslist" not in screen_text(app)  # the warning covers the plan
        await wait(pilot, now, 5)
        assert "Your plan locks in 20 seconds" in screen_text(app)

        await pilot.press("z")  # "still here": the key does nothing else
        await pilot.pause()
        assert not isinstance(app.screen, IdleWarningScreen)
        assert app.plan is not None
        assert app.focused.value.endswith("and Zillow")

        await wait(pilot, now, 875)  # the wait started again at the key
        assert isinstance(app.screen, IdleWarningScreen)
        await wait(pilot, now, 25)
        assert isinstance(app.screen, SignInScreen)
        assert nothing_of_the_plan_left(app)
    assert housing_steps(store)[0].specific == "Look for rentals online, Craigslist too and Zillow"


async def test_keys_in_a_field_count_as_activity(store):
    async with demo_app(store) as (app, pilot):
        await open_housing_steps(pilot)
        await pilot.press("enter", "end")
        now = hand_clock(app)
        for _ in range(4):
            await wait(pilot, now, 800)
            await pilot.press("x")
        await wait(pilot, now, 800)
        assert app.plan is not None and not isinstance(app.screen, IdleWarningScreen)


async def test_a_short_idle_lock_warns_for_its_last_half(store):
    create_demo(store)
    app = RecoveryPlanApp(store, Config(raw={"lock": {"idle_seconds": 40}}))
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot, "Demo", "975310")
        now = hand_clock(app)
        await wait(pilot, now, 19)
        assert isinstance(app.screen, OverviewScreen)
        await wait(pilot, now, 2)
        assert isinstance(app.screen, IdleWarningScreen)
        await wait(pilot, now, 19)
        assert nothing_of_the_plan_left(app)


async def test_idle_at_sign_in_clears_a_half_typed_pin(store):
    async with demo_app(store) as (app, pilot):
        now = hand_clock(app)
        await wait(pilot, now, 2000)  # nothing typed: nothing to clear, no warning
        assert isinstance(app.screen, SignInScreen)

        await pilot.press(*"Demo", "enter", *"975")
        await wait(pilot, now, 880)
        assert isinstance(app.screen, IdleWarningScreen)
        assert "What you typed here is cleared in 20 seconds" in screen_text(app)
        await wait(pilot, now, 20)
        assert isinstance(app.screen, SignInScreen)
        assert [field.value for field in app.screen.query(Input)] == ["", ""]


async def test_idle_clears_a_new_plan_being_typed_but_not_crisis_lines_being_read(store):
    app = RecoveryPlanApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        now = hand_clock(app)
        await pilot.press("f9")
        await wait(pilot, now, 2000)
        assert isinstance(app.screen, GetHelpNowScreen)
        await pilot.press("escape", "ctrl+n", *"Sam")
        await pilot.pause()
        assert isinstance(app.screen, NewPlanScreen)
        await wait(pilot, now, 900)
        assert isinstance(app.screen, SignInScreen)
        assert len(app.screen_stack) == 1


async def test_f12_during_the_warning_locks_at_once(store):
    async with demo_signed_in(store) as (app, pilot):
        now = hand_clock(app)
        await wait(pilot, now, 880)
        assert isinstance(app.screen, IdleWarningScreen)
        await pilot.press("f12")
        await pilot.pause()
        assert nothing_of_the_plan_left(app)


async def test_f12_at_sign_in_clears_what_was_typed(store):
    app = RecoveryPlanApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Demo", "enter", *"97")
        await pilot.press("f12")
        await pilot.pause()
        assert [field.value for field in app.screen.query(Input)] == ["", ""]
        assert app.focused.id == "name"


async def test_a_lock_clears_the_terminal_and_its_scrollback(store):
    async with demo_signed_in(store) as (app, pilot):
        writes = terminal_writes(app)
        await pilot.press("f12")
        await pilot.pause()
        assert CLEAR in writes
        assert CLEAR == "\x1b[H\x1b[2J\x1b[3J"


async def test_after_a_lock_no_plan_key_brings_the_plan_back(store):
    async with demo_signed_in(store) as (app, pilot):
        await pilot.press("f3", "f5", "f12")
        await pilot.pause()
        for key in ("f2", "f3", "f4", "f5", "f6", "f7", "ctrl+o", "ctrl+n", "ctrl+s", "ctrl+r",
                    "ctrl+t", "ctrl+right_square_bracket", "2", "3", "4", "5", "6", "7"):
            await pilot.press(key)
            await pilot.pause()
            assert nothing_of_the_plan_left(app), key
            assert "Demo" not in screen_text(app), key
            await pilot.press("escape")  # out of Learn or a new plan, if the key opened one
            await pilot.pause()


async def test_a_lock_while_the_pin_is_checked_does_not_open_the_plan(store, monkeypatch):
    import tui.store.plans as plans

    create_demo(store)
    checking, go_on = threading.Event(), threading.Event()
    real_sign_in = plans.sign_in

    def slow_sign_in(*args, **kwargs):
        checking.set()
        go_on.wait(10)
        return real_sign_in(*args, **kwargs)

    monkeypatch.setattr(plans, "sign_in", slow_sign_in)
    app = RecoveryPlanApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Demo", "enter", *"975310", "enter")
        assert checking.wait(10)
        await pilot.press("f12")
        await pilot.pause()
        go_on.set()
        await settle(pilot)
        assert isinstance(app.screen, SignInScreen)
        assert nothing_of_the_plan_left(app)
        # The next sign-in opens the plan as usual.
        await sign_in(pilot, "Demo", "975310")
        assert isinstance(app.screen, OverviewScreen)


def palette_titles(app: RecoveryPlanApp) -> list[str]:
    return [command.title for command in app.get_system_commands(app.screen)]


async def test_the_palette_never_offers_screenshot_and_on_a_kiosk_no_quit(store):
    async with demo_app(store) as (app, pilot):
        assert "Screenshot" not in palette_titles(app) and "Quit" in palette_titles(app)
        await sign_in(pilot, "Demo", "975310")
        assert "Screenshot" not in palette_titles(app) and "Quit" in palette_titles(app)

    app = RecoveryPlanApp(store, kiosk_config())
    async with app.run_test(size=(80, 24)) as pilot:
        assert "Quit" not in palette_titles(app)
        await sign_in(pilot, "Demo", "975310")
        titles = palette_titles(app)
        assert "Quit" not in titles and "Screenshot" not in titles and "Sign out" in titles


async def test_on_a_kiosk_ctrl_q_signs_out_and_no_key_ends_the_app(store):
    create_demo(store)
    app = RecoveryPlanApp(store, kiosk_config())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+q", "ctrl+c", "ctrl+z")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, SignInScreen)

        await sign_in(pilot, "Demo", "975310")
        await pilot.press("ctrl+c", "ctrl+z")
        await pilot.pause()
        assert app.is_running and app.plan is not None
        assert any("press F12" in str(note.message) for note in app._notifications)

        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running and nothing_of_the_plan_left(app)
        assert not list(app._notifications)  # the lock took the message away too


async def test_ctrl_q_still_quits_off_a_kiosk(store):
    app = RecoveryPlanApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


async def test_on_a_kiosk_nothing_goes_to_the_terminals_clipboard(store):
    create_demo(store)
    for kiosk in (False, True):
        app = RecoveryPlanApp(store, kiosk_config() if kiosk else None)
        async with app.run_test(size=(80, 24)) as pilot:
            await open_housing_steps(pilot)
            writes = terminal_writes(app)
            await pilot.press("enter", "home", "shift+end", "ctrl+c")
            await pilot.pause()
            assert app.clipboard == "Look for rentals online, Craigslist too"
            sent = any(write.startswith("\x1b]52;") for write in writes)
            assert sent is not kiosk
            await pilot.press("f12")
            await pilot.pause()
            assert app.clipboard == ""  # the next person can't paste it


async def test_a_hang_up_keeps_what_was_typed_and_ends_the_app(store):
    async with demo_app(store) as (app, pilot):
        await open_housing_steps(pilot)
        await pilot.press("enter", "end", *" and Zillow")
        app.end_from_outside(signal.SIGHUP)
        await pilot.pause()
    assert app.return_code == 128 + signal.SIGHUP
    assert housing_steps(store)[0].specific == "Look for rentals online, Craigslist too and Zillow"


async def test_a_crash_shows_no_traceback(store, capsys):
    app = RecoveryPlanApp(store)
    async with app.run_test(size=(80, 24)):
        app._exit_renderables.append("Traceback ... pin = '975310'")
        app._print_error_renderables()
        assert app.crashed
    captured = capsys.readouterr()
    assert "975310" not in captured.out + captured.err


async def test_f12_locks_from_the_command_palette_too(store):
    async with demo_signed_in(store) as (app, pilot):
        await pilot.press("ctrl+p", *"goal")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press("f12")
        await pilot.pause()
        assert nothing_of_the_plan_left(app) and isinstance(app.screen, SignInScreen)


def guarded(monkeypatch, term: str, kiosk: bool, crashed: bool = False, error: Exception | None = None):
    """What TerminalGuard writes to the terminal around a run that ends as told."""
    import tui.terminal as terminal

    writes: list[str] = []
    monkeypatch.setattr(terminal, "write_to_terminal", writes.append)
    monkeypatch.setenv("TERM", term)
    with terminal.TerminalGuard(kiosk=kiosk) as guard:
        guard.crashed = crashed
        if error is not None:
            raise error
    return writes, guard


def test_the_terminal_is_cleared_on_the_way_out_on_a_console_or_kiosk_only(monkeypatch):
    from tui.terminal import RESET

    assert guarded(monkeypatch, "linux", kiosk=False)[0] == [CLEAR]
    assert guarded(monkeypatch, "xterm-256color", kiosk=True)[0] == [CLEAR]
    assert guarded(monkeypatch, "xterm-256color", kiosk=False)[0] == []
    assert RESET not in guarded(monkeypatch, "linux", kiosk=True)[0]


def test_after_a_crash_the_terminal_is_put_back_and_a_plain_line_shown(monkeypatch, capsys):
    from tui.terminal import CRASH_MESSAGE, RESET

    writes, _ = guarded(monkeypatch, "xterm-256color", kiosk=False, crashed=True)
    assert writes == [RESET, CLEAR]
    assert CRASH_MESSAGE in capsys.readouterr().err

    writes, guard = guarded(monkeypatch, "xterm-256color", kiosk=False,
                            error=RuntimeError("pin = 975310"))  # swallowed: no traceback
    assert guard.crashed and writes == [RESET, CLEAR]
    err = capsys.readouterr().err
    assert CRASH_MESSAGE in err and "975310" not in err


def toasts_shown(app) -> list[str]:
    from textual.widgets._toast import Toast

    return [str(toast.render()) for toast in app.screen.query(Toast)]


async def pick_theme_from_the_palette(pilot, name: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*"theme")
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause(0.3)
    await pilot.press(*name)
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause()


@pytest.mark.parametrize("leave", ["f12", "ctrl+q"])
async def test_a_lock_or_sign_out_resets_theme_messages_and_scrolling_for_the_next_person(store, leave):
    create_demo(store)
    app = RecoveryPlanApp(store, config=kiosk_config())
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        startup_theme = app.theme
        await sign_in(pilot, "Demo", "975310")
        await pick_theme_from_the_palette(pilot, "textual-light")
        assert app.theme == "textual-light" != startup_theme
        await pilot.press("b")  # the walkthrough, left at once: a message says where it stopped
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert any("You stopped at step" in n.message for n in app._notifications)
        await pilot.press("f2", "pagedown", "pagedown")  # the overview, scrolled down
        await pilot.press(leave)
        await settle(pilot)
        await pilot.pause(0.2)
        assert isinstance(app.screen, SignInScreen)
        assert app.theme == startup_theme
        assert not app._notifications and not toasts_shown(app), list(app._notifications)
        for screen in all_screens(app):
            for widget in (screen, *screen.query("*")):
                assert widget.scroll_offset == (0, 0), widget
        # The next person signs in: their overview starts at the top.
        await sign_in(pilot, "Demo", "975310")
        assert app.screen.scroll_offset == (0, 0)
        assert all(w.scroll_offset == (0, 0) for w in app.screen.query("*"))


async def test_a_message_said_while_the_plan_locks_never_reaches_the_next_person(store):
    # Leaving a screen keeps its words and may say so; when the leaving is a lock,
    # that message must not show on the sign-in screen.
    create_demo(store)
    app = RecoveryPlanApp(store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await sign_in(pilot, "Demo", "975310")
        await pilot.press("b")
        await settle(pilot)
        app.screen.save_pending = lambda: (app.notify("Kept: the words of Demo"), True)[1]
        await pilot.press("f12")
        await settle(pilot)
        await pilot.pause(0.2)
        assert isinstance(app.screen, SignInScreen)
        assert not app._notifications and not toasts_shown(app), list(app._notifications)


async def test_in_a_browser_an_unused_sign_in_ends_the_app_but_crisis_lines_and_typing_stay(
        store, monkeypatch):
    """`serve` asks the app to end after a while unused at sign-in (a forgotten tab
    frees its place); never while crisis lines are shown, or while a key was pressed lately."""
    from tui.session_env import ENV_END_UNUSED

    create_demo(store)
    monkeypatch.setenv(ENV_END_UNUSED, "300")
    app = RecoveryPlanApp(store, config=kiosk_config())
    async with app.run_test(size=(80, 24)) as pilot:
        now = hand_clock(app)
        await pilot.press("f9")
        assert isinstance(app.screen, GetHelpNowScreen)
        await wait(pilot, now, 600)
        assert app.is_running and isinstance(app.screen, GetHelpNowScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, SignInScreen)
        await wait(pilot, now, 299)  # the Esc was a key: counted from it
        assert app.return_code is None
        await wait(pilot, now, 2)
        assert app.return_code == 0  # it ends: the page says how to start again


async def test_at_a_terminal_an_unused_sign_in_stays(store):
    create_demo(store)
    app = RecoveryPlanApp(store, config=kiosk_config())
    async with app.run_test(size=(80, 24)) as pilot:
        now = hand_clock(app)
        await wait(pilot, now, 3600)
        assert app.return_code is None and isinstance(app.screen, SignInScreen)
