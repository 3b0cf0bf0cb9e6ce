"""Signing in, starting a plan and locking, with keys only, as a person would."""

from __future__ import annotations

import pytest
from textual import events
from textual.widgets import Input, Static

from tests.conftest import TEST_PIN
from tests.ui.helpers import all_screens, demo_app, row_text, screen_text, settle
from tui.app import RecoveryPlanApp
from tui.demo import create_demo
from tui.screens.new_plan import NewPlanScreen
from tui.screens.overview import OverviewScreen
from tui.screens.signin import SignInScreen
from tui.screens.account import RecoveryCodesScreen
from tui.screens.crisis import CrisisScreen
from tui.store import create_person, sign_in, sign_in_with_code


async def type_and_enter(pilot, text: str) -> None:
    await pilot.press(*text, "enter")


async def test_sign_in_with_keys_shows_the_plan(store):
    async with demo_app(store) as (app, pilot):
        assert isinstance(app.screen, SignInScreen)
        await type_and_enter(pilot, "Demo")
        await type_and_enter(pilot, "975310")
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
        assert app.plan is not None and app.plan.name == "Demo"
        text = screen_text(app)
        assert "I want to find a place to live" in text
        assert "Crisis plan: 7 of 7 parts filled" in text


async def test_wrong_pin_says_so_and_keeps_the_name(store):
    create_person(store, "Sam", TEST_PIN)
    app = RecoveryPlanApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await type_and_enter(pilot, "Sam")
        await type_and_enter(pilot, "wrong-pin")
        await settle(pilot)
        assert isinstance(app.screen, SignInScreen)
        assert app.plan is None
        assert "don't open a plan" in screen_text(app)
        assert app.screen.query_one("#name", Input).value == "Sam"
        assert app.screen.query_one("#pin", Input).value == ""
        assert app.screen.query_one("#pin", Input).has_focus


async def test_unknown_name_gets_the_same_message_as_a_wrong_pin(store):
    create_person(store, "Sam", TEST_PIN)
    messages = []
    for name in ("Sam", "Nobody"):
        app = RecoveryPlanApp(store)
        async with app.run_test(size=(80, 24)) as pilot:
            await type_and_enter(pilot, name)
            await type_and_enter(pilot, "wrong-pin")
            await settle(pilot)
            messages.append(str(app.screen.query_one("#message", Static).render()))
    assert messages[0] == messages[1]


async def test_start_a_new_plan_with_keys(store):
    app = RecoveryPlanApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+n")
        assert isinstance(app.screen, NewPlanScreen)
        await type_and_enter(pilot, "Rosa")
        await type_and_enter(pilot, "sunrise-42")
        await type_and_enter(pilot, "sunrise-4")  # a typo in the second PIN
        assert "not the same" in screen_text(app)
        await type_and_enter(pilot, "sunrise-42")
        await type_and_enter(pilot, "sunrise-42")
        await settle(pilot)
        assert isinstance(app.screen, RecoveryCodesScreen)  # shown once, over the overview
        codes = app.screen.codes
        assert len(codes) == 8 and all(code in screen_text(app) for code in codes)
        await pilot.press("enter")
        assert "Build my plan step by step?" in screen_text(app)  # offered; no is fine
        await pilot.press("n")
        assert isinstance(app.screen, OverviewScreen)
        assert "No goals yet" in screen_text(app)
    assert sign_in(store, "rosa", "sunrise-42").name == "Rosa"
    assert sign_in_with_code(store, "rosa", codes[0], "moonrise-7").name == "Rosa"


async def test_new_plan_refuses_a_short_pin_and_a_taken_name(store):
    create_person(store, "Sam", TEST_PIN)
    app = RecoveryPlanApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+n")
        await type_and_enter(pilot, "SAM")
        await type_and_enter(pilot, "12345")
        await type_and_enter(pilot, "12345")
        assert "at least 6" in screen_text(app)
        await type_and_enter(pilot, "long-enough")
        await type_and_enter(pilot, "long-enough")
        await settle(pilot)
        assert isinstance(app.screen, NewPlanScreen)
        assert "already has a plan" in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, SignInScreen)


async def test_markup_in_a_goal_is_shown_as_typed_and_does_nothing(store):
    plan = create_person(store, "Sam", TEST_PIN)
    plan.add_goal("[@click=app.quit]Quit[/] and [bold]\x1b[31mred")
    app = RecoveryPlanApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await type_and_enter(pilot, "Sam")
        await type_and_enter(pilot, TEST_PIN)
        await settle(pilot)
        text = screen_text(app)
        assert "[@click=app.quit]Quit[/] and [bold]\u241b[31mred" in text
        assert "\x1b" not in text
        assert app.is_running


async def test_lock_removes_the_plan_and_clears_the_form(store):
    async with demo_app(store) as (app, pilot):
        await type_and_enter(pilot, "Demo")
        await type_and_enter(pilot, "975310")
        await settle(pilot)
        await pilot.press("f12")
        await pilot.pause()
        assert isinstance(app.screen, SignInScreen)
        assert app.plan is None
        assert not any(isinstance(s, OverviewScreen) for s in all_screens(app))
        assert app.screen.query_one("#name", Input).value == ""


@pytest.mark.parametrize("keys", [["enter"], ["f5"]], ids=["overview", "crisis-plan"])
async def test_once_the_plan_opens_the_sign_in_form_holds_no_name_or_pin(store, keys):
    """The form is cleared just after the plan's first screen is shown (not
    before, which painted the sign-in screen again on the way): by the time a
    person can press a key, nothing typed is left behind it."""
    create_demo(store)
    app = RecoveryPlanApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Demo", *keys, *"975310", "enter")
        await settle(pilot)
        assert isinstance(app.screen, CrisisScreen if keys == ["f5"] else OverviewScreen)
        (form,) = [screen for screen in all_screens(app) if isinstance(screen, SignInScreen)]
        fields = [form.query_one("#name", Input), form.query_one("#pin", Input)]
        assert [field.value for field in fields] == ["", ""]
        assert not any(field.disabled for field in fields)
        assert form.first_screen == "overview"


async def test_palette_offers_no_screenshot(store):
    app = RecoveryPlanApp(store)
    async with app.run_test(size=(80, 24)):
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Screenshot" not in titles


async def test_a_database_that_cannot_open_still_leaves_f9(tmp_path):
    import sqlite3

    from tui.screens.help_now import GetHelpNowScreen
    from tui.store import migrations

    db = tmp_path / "plans.sqlite3"
    with sqlite3.connect(db) as connection:
        connection.execute("CREATE TABLE schema_info (id INTEGER PRIMARY KEY, version INTEGER)")
        connection.execute("INSERT INTO schema_info (version) VALUES (?)", (migrations.LATEST + 1,))
    connection.close()
    before = db.read_bytes()
    app = RecoveryPlanApp(location=str(db))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.5)
        assert "newer version" not in screen_text(app)  # nothing is opened before a key
        await pilot.press("D")  # the database opens as the person starts typing
        for _ in range(100):
            await pilot.pause(0.1)
            await settle(pilot)
            if "newer version" in screen_text(app):
                break
        text = screen_text(app)
        assert "newer version of Recovery Plan" in text and "F9" in text
        await type_and_enter(pilot, "emo")
        await type_and_enter(pilot, "975310")
        await settle(pilot)
        assert isinstance(app.screen, SignInScreen) and app.plan is None
        await pilot.press("f9")
        assert isinstance(app.screen, GetHelpNowScreen)
    assert db.read_bytes() == before


async def test_palette_offers_every_screen_and_this_screens_actions(store):
    async with demo_app(store) as (app, pilot):
        before = [c.title for c in app.get_system_commands(app.screen)]
        assert "Get help now" in before and "Learn" in before
        assert "Goals" not in before  # plan screens only after signing in
        await type_and_enter(pilot, "Demo")
        await type_and_enter(pilot, "975310")
        await settle(pilot)
        await pilot.press("f3")
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for title in ("Overview", "Goals", "Steps", "Crisis plan", "Toolkit", "Learn", "Lock",
                      "Add", "Sort", "Move up"):
            assert title in titles
        await pilot.press("ctrl+p")
        await pilot.press(*"crisis")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        from tui.screens.crisis import CrisisScreen

        assert isinstance(app.screen, CrisisScreen)


async def test_ctrl_letter_aliases_work_while_typing(store):
    from tui.screens.crisis import CrisisScreen
    from tui.screens.goals import GoalBoardScreen
    from tui.screens.help_now import GetHelpNowScreen

    async with demo_app(store) as (app, pilot):
        await pilot.press("ctrl+g")  # get help now, before signing in
        assert isinstance(app.screen, GetHelpNowScreen)
        await pilot.press("escape")
        await type_and_enter(pilot, "Demo")
        await type_and_enter(pilot, "975310")
        await settle(pilot)
        await pilot.press("ctrl+n")
        assert isinstance(app.screen, GoalBoardScreen)
        await pilot.press("a", *"typing 3 words")  # a digit in a field stays typing
        assert app.screen.focused.value == "typing 3 words"
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, CrisisScreen)
        await pilot.press("3")  # no field has focus: the digit alias works
        assert isinstance(app.screen, GoalBoardScreen)
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert app.plan is None


async def test_a_site_can_remap_keys_and_choose_a_theme(store):
    from tui.config import Config
    from tui.screens.goals import GoalBoardScreen

    create_demo(store)
    app = RecoveryPlanApp(store, Config(raw={"keys": {"goals": "f8"}, "display": {"theme": "high-contrast"}}))
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.theme == "high-contrast"
        await type_and_enter(pilot, "Demo")
        await type_and_enter(pilot, "975310")
        await settle(pilot)
        await pilot.press("f8")
        assert isinstance(app.screen, GoalBoardScreen)


def test_the_linux_console_gets_sixteen_colours():
    from tui.themes import choose_theme

    assert choose_theme(None, {"TERM": "linux"}) == "ansi-dark"
    assert choose_theme(None, {"TERM": "xterm-256color"}) == "textual-dark"
    assert choose_theme("high-contrast", {"TERM": "linux"}) == "high-contrast"


def test_every_binding_has_an_id_and_a_description():
    import importlib
    import pkgutil

    import tui.screens
    from textual.binding import Binding

    classes = [RecoveryPlanApp]
    for module_info in pkgutil.iter_modules(tui.screens.__path__):
        module = importlib.import_module(f"tui.screens.{module_info.name}")
        classes += [obj for obj in vars(module).values() if isinstance(obj, type)
                    and obj.__module__ == module.__name__ and "BINDINGS" in vars(obj)]
    for cls in classes:
        for binding in cls.BINDINGS:
            assert isinstance(binding, Binding), (cls, binding)
            assert binding.id and binding.description, (cls, binding.key)


async def test_usable_at_200_by_60(store):
    from tui.screens.goals import GoalTable

    async with demo_app(store, size=(200, 60)) as (app, pilot):
        await type_and_enter(pilot, "Demo")
        await type_and_enter(pilot, "975310")
        await settle(pilot)
        await pilot.press("f3")
        await pilot.pause()
        table = app.screen.query_one("#short-goals", GoalTable)
        # The goal column grows with the screen: whole goals show, nothing cut.
        assert row_text(table, 0)[0] == "I want to get back in touch with my brother"
        assert table.columns[next(iter(table.columns))].width > 100


def pin_never_in_clear(app, pin: str) -> None:
    """The PIN is in no visible field and nowhere on the screen's text."""
    for field in app.screen.query(Input):
        if not field.password:
            assert pin not in field.value, f"the PIN shows in #{field.id}"
    shown = "\n".join(strip.text for strip in app.screen._compositor.render_strips())
    assert pin not in shown


# (F2 at sign-in starts a new plan: a screen of its own, not a key before the name.)
@pytest.mark.parametrize("first_key", ["f5", "ctrl+r", "f3", "f4", "enter", "tab"])
async def test_a_key_before_the_name_keeps_the_focus_on_the_name(store, first_key):
    # A person in a hurry presses a key before typing anything: the name still goes
    # in the name box, and the PIN in the masked box.
    async with demo_app(store) as (app, pilot):
        await pilot.press(first_key)
        await pilot.pause()
        assert app.focused is app.screen.query_one("#name", Input)
        await type_and_enter(pilot, "Demo")
        await pilot.pause()
        assert app.screen.query_one("#name", Input).value == "Demo"
        assert app.focused is app.screen.query_one("#pin", Input)
        await pilot.press(*"975310")
        pin_never_in_clear(app, "975310")
        await pilot.press("enter")
        await settle(pilot)
        if first_key in ("f5", "ctrl+r"):  # remembered: the crisis plan opens after the PIN
            assert isinstance(app.screen, CrisisScreen)
        else:
            assert isinstance(app.screen, OverviewScreen)


async def test_f5_twice_and_enter_twice_never_put_the_pin_in_the_name_box(store):
    async with demo_app(store) as (app, pilot):
        await pilot.press("f5", "enter", "f5", "enter")
        await pilot.pause()
        assert app.focused is app.screen.query_one("#name", Input)
        await pilot.press(*"Demo", "f5", *"975310")  # the hint's order: name, F5, PIN
        await pilot.pause()
        pin_never_in_clear(app, "975310")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CrisisScreen)


async def test_an_empty_name_keeps_the_pin_box_out_of_reach(store):
    # Tab into the wrong box: with no name yet the PIN box can't take keys, so no name
    # is typed into it, and no PIN typed after lands in the name box in clear.
    async with demo_app(store) as (app, pilot):
        screen = app.screen
        await pilot.press("tab", "tab", "shift+tab")
        assert app.focused is screen.query_one("#name", Input)
        await pilot.press("enter")
        await pilot.pause()
        assert "Please type your name first." in screen_text(app)
        await pilot.press(*"Demo", "tab", *"975310")
        pin_never_in_clear(app, "975310")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)


async def test_keys_sent_to_the_pin_box_never_follow_the_focus_into_the_name_box(store):
    # Keys typed ahead follow the focus from field to field (see TextInput), but
    # never out of a masked box into a visible one.
    async with demo_app(store) as (app, pilot):
        screen = app.screen
        await type_and_enter(pilot, "Demo")
        pin = screen.query_one("#pin", Input)
        name = screen.query_one("#name", Input)
        name.focus()
        await pilot.pause()
        for key in "975310":
            pin.post_message(events.Key(key, key))  # already on their way to the PIN box
        await pilot.pause()
        assert name.value == "Demo"
        pin_never_in_clear(app, "975310")


@pytest.mark.parametrize("first_keys", [("enter", "enter"), ("tab",), ("tab", "tab")],
                         ids=["enter-twice", "tab", "tab-twice"])
async def test_new_plan_keys_before_the_name_keep_the_name_out_of_the_pin_boxes(store, first_keys):
    # Enter twice on the empty name sent the focus to the second PIN box, so the name
    # went into a masked box and the plan was made with no name at all.
    app = RecoveryPlanApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, NewPlanScreen)
        await pilot.press(*first_keys)
        await pilot.pause()
        assert app.focused is app.screen.query_one("#name", Input)
        assert "type your name first" in screen_text(app).lower()
        await type_and_enter(pilot, "Rosa M")
        await pilot.press(*"tulip-garden-9")
        pin_never_in_clear(app, "tulip-garden-9")
        await pilot.press("enter", *"tulip-garden-9", "enter")
        await settle(pilot)
        assert isinstance(app.screen, RecoveryCodesScreen)
    assert sign_in(store, "Rosa M", "tulip-garden-9")


async def test_forgot_pin_enter_on_the_empty_name_keeps_the_focus_on_the_name(store):
    async with demo_app(store) as (app, pilot):
        await pilot.press("f8")
        await settle(pilot)
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert app.focused is app.screen.query_one("#name", Input)
        await pilot.press(*"Demo", "enter")
        await pilot.pause()
        assert app.focused is app.screen.query_one("#code", Input)
        assert app.screen.query_one("#name", Input).value == "Demo"


async def test_the_app_never_makes_a_new_database_beside_a_site_key_kept_apart(tmp_path):
    """A kiosk with its key named in the config, its database deleted: the
    sign-in screen says so (F9 still works), and no empty database is made."""
    from tui.config import Config
    from tui.store import open_store

    (tmp_path / "data").mkdir()
    db, key = tmp_path / "data" / "plans.sqlite3", tmp_path / "site.key"
    open_store(db, site_key_path=key).close()
    db.unlink()
    app = RecoveryPlanApp(config=Config(str(db), raw={"security": {"site_key": str(key)}}),
                          location=str(db))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("D")  # the database opens as the person starts typing
        for _ in range(100):
            await pilot.pause(0.1)
            if "moved or deleted" in screen_text(app):
                break
        text = screen_text(app)
        assert "moved or deleted" in text and "F9" in text
    assert not db.exists()
