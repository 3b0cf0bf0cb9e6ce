"""Crisis plan (F5), get help now (F9), toolkit (F6), contacts, pocket card:
keys pressed as a person would, the store checked afterwards."""

from __future__ import annotations

import pytest

import sys
from pathlib import Path

from tests.conftest import TEST_PIN
from tests.ui.helpers import (
    all_screens,
    demo_app,
    demo_signed_in,
    screen_text,
    settle,
    sign_in,
    signed_in,
)
from tui.app import RecoveryPlanApp
from tui.screens.conflict import ConflictDialog
from tui.config import Config
from tui.demo import create_demo
from tui.screens.contacts import ContactDialog, ContactsScreen
from tui.screens.crisis import CrisisScreen, PocketPlanScreen, SaveCardDialog, SectionEditScreen
from tui.screens.dialogs import ConfirmDialog
from tui.screens.help_now import GetHelpNowScreen
from tui.screens.signin import SignInScreen
from tui.screens.toolkit import ToolkitScreen
from tui.store import create_person
from tui.store import sign_in as store_sign_in


def notices(app) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


async def test_get_help_now_before_signing_in(store):
    async with demo_app(store) as (app, pilot):
        await pilot.press("f9")
        assert isinstance(app.screen, GetHelpNowScreen)
        text = screen_text(app)
        assert "988 (call or text)" in text and "800-484-3731" in text and "911" in text
        assert "Demo" not in text and "backpack" not in text
        await pilot.press("escape")
        assert isinstance(app.screen, SignInScreen)


async def test_get_help_now_shows_the_sites_lines_and_places(store):
    config = Config(raw={"help": {
        "staff_note": "Staff are at the front desk. Ask them now.",
        "lines": [{"name": "County crisis line", "number": "555-0111",
                   "what_for": "Mobile crisis team", "checked": __import__("datetime").date(2026, 10, 1)}],
        "resources": [{"name": "Naloxone pickup", "number": "Front desk",
                       "what_for": "Free kits, no questions", "checked": __import__("datetime").date(2026, 9, 1)}],
    }})
    app = RecoveryPlanApp(store, config)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f9")
        text = screen_text(app)
        assert "Staff are at the front desk" in text
        assert "555-0111" in text and "Naloxone pickup" in text and "Free kits" in text
        assert "(checked Oct 1, 2026)" in text
        assert "800-484-3731" not in text  # the site's list replaces the defaults


async def test_name_f5_pin_enter_opens_the_crisis_plan(store):
    async with demo_app(store) as (app, pilot):
        await pilot.press(*"Demo", "f5")
        assert "your crisis plan opens" in screen_text(app)
        await pilot.press(*"975310", "enter")
        await settle(pilot)
        assert isinstance(app.screen, CrisisScreen)
        text = screen_text(app)
        assert "front pocket of my backpack" in text
        assert "all 7 parts filled" in text
        assert text.index("My warning signs") < text.index("People I can ask for help") \
            < text.index("MY POCKET OVERDOSE PLAN") < text.index("CRAVINGS")
        await pilot.press("f12")
        await pilot.pause()
        assert not any(isinstance(s, CrisisScreen) for s in all_screens(app))


async def test_an_empty_crisis_plan_encourages(store):
    create_person(store, "Sam", TEST_PIN)
    async with signed_in(store, "Sam", TEST_PIN) as (app, pilot):
        await pilot.press("f5")
        await pilot.pause()
        text = screen_text(app)
        assert "Crisis plan: not started yet. Even one part helps." in text
        assert "(not written yet)" in text


async def test_edit_the_crisis_plan_part_by_part(store):
    create_person(store, "Sam", TEST_PIN)
    async with signed_in(store, "Sam", TEST_PIN) as (app, pilot):
        await pilot.press("f5", "e")
        await pilot.pause()
        assert isinstance(app.screen, SectionEditScreen)
        await pilot.press(*"I stop eating", "tab", "tab", *"The [library]")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CrisisScreen)
        text = screen_text(app)
        assert "Crisis plan: 2 of 7 parts filled" in text
        assert "The [library]" in text
    fields = store_sign_in(store, "Sam", TEST_PIN).section("crisis").fields
    assert fields["warning_signs"] == "I stop eating"
    assert fields["distractions"] == "The [library]"
    assert fields["on_my_own"] == ""


@pytest.mark.parametrize("key, expected", [
    ("m", "Typed over SSH"),
    ("t", "Typed at the kiosk"),
    ("b", "Typed at the kiosk\n\nTyped over SSH"),
])
async def test_a_save_made_elsewhere_is_not_silently_overwritten(store, key, expected):
    plan = create_person(store, "Sam", TEST_PIN)
    plan.save_section("crisis", {"on_my_own": "Walk"})
    async with signed_in(store, "Sam", TEST_PIN) as (app, pilot):
        await pilot.press("f5", "e")
        await pilot.pause()
        # another session, meanwhile
        plan.save_section("crisis", {"warning_signs": "Typed at the kiosk", "on_my_own": "Run"})
        await pilot.press(*"Typed over SSH", "tab")
        await pilot.pause()
        assert isinstance(app.screen, ConflictDialog)
        text = screen_text(app)
        assert "also changed in another session" in text
        assert "Typed at the kiosk" in text and "Typed over SSH" in text
        assert "Run" not in text  # a part only the other session changed is not in question
        await pilot.press(key)
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    fields = plan.section("crisis").fields
    assert fields["warning_signs"] == expected
    assert fields["on_my_own"] == "Run"  # untouched here: the other session's words stay


async def test_the_pocket_plan_fits_one_screen(store):
    async with demo_signed_in(store) as (app, pilot):
        await pilot.press("f5", "o")
        await pilot.pause()
        assert isinstance(app.screen, PocketPlanScreen)
        view = app.screen.query_one("#pocket-view")
        assert view.virtual_size.height <= view.size.height  # nothing to scroll to
        text = screen_text(app)
        for title in ("Emergency numbers", "Where I get and keep naloxone",
                      "Who near me has naloxone", "Who I check in with if I use",
                      "How they should check on me", "Other steps I will take"):
            assert title in text


async def test_add_a_contact_in_two_roles_with_keys(store):
    create_person(store, "Sam", TEST_PIN)
    async with signed_in(store, "Sam", TEST_PIN) as (app, pilot):
        await pilot.press("f5", "c")
        await pilot.pause()
        assert isinstance(app.screen, ContactsScreen)
        assert "No contacts yet" in screen_text(app)
        await pilot.press("a")
        assert isinstance(app.screen, ContactDialog)
        await pilot.press(*"Ana", "enter", *"cousin", "enter", *"555-0100", "enter")
        await pilot.press("tab", "tab", "tab", "space")  # can text
        await pilot.press("tab", "tab", "space")  # I can ask for help
        await pilot.press("tab", "tab", "tab", "space")  # checks on me
        await pilot.press("enter")  # Enter on a tick saves
        await pilot.pause()
        assert isinstance(app.screen, ContactsScreen)
        await pilot.press("escape")
        await pilot.pause()
        text = screen_text(app)
        # Typed once, shown in both parts: "people I can ask for help" and "who I check in with".
        assert text.count("Ana (cousin): 555-0100, texts OK") == 2
    plan = store_sign_in(store, "Sam", TEST_PIN)
    (ana,) = plan.contacts()
    assert ana.roles == {"helps", "checks_on_me"} and ana.can_text and ana.phone == "555-0100"
    assert plan.contacts(role="checks_on_me") == [ana]


async def test_delete_a_contact_names_them_first(store):
    async with demo_signed_in(store) as (app, pilot):
        await pilot.press("f5", "c", "down", "x")
        assert isinstance(app.screen, ConfirmDialog)
        assert "Luis" in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
    names = [c.name for c in store_sign_in(store, "Demo", "975310").contacts()]
    assert names == ["My sister", "988 Suicide & Crisis Lifeline"]


async def test_toolkit_answers_and_cravings_are_kept(store):
    create_person(store, "Sam", TEST_PIN)
    async with signed_in(store, "Sam", TEST_PIN) as (app, pilot):
        await pilot.press("f6")
        await pilot.pause()
        assert isinstance(app.screen, ToolkitScreen)
        await pilot.press(*"Walking my dog", "enter", "enter", *"Deep breaths", "enter")
        await pilot.press(*["tab"] * 11, *"Payday")  # skip to the last set: cravings
        await pilot.press("f5")  # leaving the screen keeps what was typed
        await pilot.pause()
        assert isinstance(app.screen, CrisisScreen)
        assert "Payday" in screen_text(app)
    plan = store_sign_in(store, "Sam", TEST_PIN)
    assert plan.toolkit_answers() == {"works.better": "Walking my dog", "works.calm": "Deep breaths"}
    assert plan.section("cravings").fields["triggers"] == "Payday"


async def test_print_sends_a_pdf_card_to_the_sites_printer(store, tmp_path):
    create_demo(store)
    printed = tmp_path / "printed"
    stand_in = tmp_path / "fake_lp.py"
    stand_in.write_text(
        "import shutil, sys\nshutil.copy(sys.argv[-1], sys.argv[1])\n")
    config = Config(raw={"printer": {"command": f"{sys.executable} {stand_in} {printed}"}})
    app = RecoveryPlanApp(store, config)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot, "Demo", "975310")
        await pilot.press("f5", "p")
        await settle(pilot)
        assert "at the printer" in notices(app)
    from pypdf import PdfReader

    text = " ".join(PdfReader(printed).pages[0].extract_text().split())
    assert "front pocket of my backpack" in text


async def test_print_without_a_printer_says_so_plainly(store):
    async with demo_signed_in(store) as (app, pilot):
        await pilot.press("f5", "p")
        await settle(pilot)
        assert "No printer is set up here" in notices(app)


async def test_save_the_card_to_a_file(store, tmp_path):
    create_demo(store)
    target = tmp_path / "card.txt"
    async with signed_in(store, "Demo", "975310") as (app, pilot):
        await pilot.press("f5", "s")
        assert isinstance(app.screen, SaveCardDialog)
        await pilot.press("ctrl+u", *str(target), "enter")
        await pilot.pause()
        assert isinstance(app.screen, CrisisScreen)
    assert "front pocket of my backpack" in Path(target).read_text()


@pytest.mark.parametrize("typed", ["~card.txt", "~nobody-here/card.txt"])
async def test_a_name_that_starts_with_a_tilde_is_saved_or_refused_plainly(store, tmp_path,
                                                                           monkeypatch, typed):
    """"~card.txt" names no home folder (Python's Path.expanduser raised, and the
    app stopped): it is a file of that name, as in a shell; "~nobody-here/..."
    names a home folder that isn't there, and the dialog says so."""
    create_demo(store)
    monkeypatch.chdir(tmp_path)
    async with signed_in(store, "Demo", "975310") as (app, pilot):
        await pilot.press("f5", "s")
        await pilot.press("ctrl+u", *typed, "enter")
        await pilot.pause()
        if "/" in typed:
            assert isinstance(app.screen, SaveCardDialog)
            assert str(app.screen.query_one("#card-message").render()).strip()
        else:
            assert isinstance(app.screen, CrisisScreen)
    if "/" not in typed:
        assert "front pocket of my backpack" in (tmp_path / typed).read_text()


def toasts(app):
    from textual.widgets._toast import Toast

    return [toast for toast in app.screen.query(Toast) if toast.region.area]


async def test_a_message_never_covers_the_get_help_now_lines(store):
    # Leaving the walkthrough says where it stopped; F9 right after must show every
    # line whole. The message waits, and shows once F9 is closed.
    create_demo(store)
    app = RecoveryPlanApp(store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await sign_in(pilot, "Demo", "975310")
        await pilot.press("b")
        await settle(pilot)
        await pilot.press("escape")
        await pilot.pause(0.3)
        assert toasts(app)
        await pilot.press("f9")
        await pilot.pause(0.3)
        assert isinstance(app.screen, GetHelpNowScreen)
        app.notify("Your pocket card is at the printer.")  # one said while F9 shows
        await pilot.pause(0.3)
        assert not toasts(app)
        assert "Never Use Alone" in "\n".join(s.text for s in app.screen._compositor.render_strips())
        await pilot.press("escape")
        await pilot.pause(0.3)
        shown = " ".join(str(toast.render()) for toast in toasts(app))
        assert "You stopped at step" in shown and "at the printer" in shown


async def test_a_message_never_covers_the_get_help_now_lines_before_sign_in(store):
    app = RecoveryPlanApp(store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("f9")
        await pilot.pause()
        app.notify("A message")
        await pilot.pause(0.3)
        assert not toasts(app)


@pytest.mark.parametrize("keys", [("f5",), ("f5", "o")], ids=["crisis-plan", "pocket-plan"])
async def test_a_message_never_covers_the_crisis_plan(store, keys):
    create_demo(store)
    app = RecoveryPlanApp(store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await sign_in(pilot, "Demo", "975310")
        await pilot.press(*keys, "p")  # print: no printer here, a message says so
        await settle(pilot)
        await pilot.pause(0.3)
        shown = toasts(app)
        assert shown and "No printer is set up here" in " ".join(str(t.render()) for t in shown)
        view = app.screen.query_one(".reading")
        for toast in shown:
            assert not toast.region.overlaps(view.region), (toast.region, view.region)
        assert view.region.height >= 8  # the plan still has room to be read


async def test_a_message_never_covers_the_goals_on_the_overview(store):
    """The walkthrough ends on the overview with "Your plan is built": it used to
    cover goals 3-5 for five seconds."""
    create_demo(store)
    app = RecoveryPlanApp(store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await sign_in(pilot, "Demo", "975310")
        await settle(pilot)
        app.notify("Your plan is built. You can change any part of it any time.", markup=False)
        await pilot.pause(0.3)
        shown = toasts(app)
        assert shown
        view = app.screen.query_one("#overview")
        for toast in shown:
            assert not toast.region.overlaps(view.region), (toast.region, view.region)
        assert view.region.height >= 8
