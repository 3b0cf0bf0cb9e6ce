"""Choosing the language: offered at sign-in, kept with the plan, and every
screen's words (footer and help included) rebuilt when it changes."""

from __future__ import annotations

from textual.widgets import Input

from tests.conftest import TEST_PIN
from tests.ui.helpers import settle
from tui import i18n
from tui.app import RecoveryPlanApp
from tui.config import Config
from tui.store import create_person, sign_in


def footer_text(app) -> str:
    from tui.widgets.footer import Footer

    footer = app.screen.query_one(Footer)
    return " ".join(str(key.description) for key in footer.query("FooterKey"))


def screen_words(app) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def ready(pilot) -> None:
    for _attempt in range(100):
        if isinstance(pilot.app.screen.focused, Input):
            return
        await pilot.pause(0.02)


async def type_sign_in(pilot, name: str = "Sam", pin: str = TEST_PIN) -> None:
    await pilot.press(*name, "enter", *pin, "enter")
    await settle(pilot)


async def test_f10_at_sign_in_switches_to_spanish_and_keeps_the_name_typed(store):
    app = RecoveryPlanApp(store, Config())
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert "Español: pulsa F10" in screen_words(app)
        await pilot.press(*"Sam", "f10")
        await settle(pilot)

        assert i18n.language() == "es"
        assert "Entra a tu plan." in screen_words(app)
        assert "English: press F10" in screen_words(app)
        assert "Ayuda" in footer_text(app)
        assert app.screen.query_one("#name", Input).value == "Sam"
        assert app.screen.focused.id == "name"


async def test_the_language_chosen_at_sign_in_is_kept_with_the_plan_and_comes_back(store):
    create_person(store, "Sam", TEST_PIN)
    app = RecoveryPlanApp(store, Config())
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+f")  # the same key as F10
        await type_sign_in(pilot)
        assert sign_in(store, "Sam", TEST_PIN).language == "es"
        assert "Ayuda" in footer_text(app)

        await pilot.press("f12")  # lock: the next person starts in the site's language
        await settle(pilot)
        assert i18n.language() == "en"
        assert "Sign in to your plan." in screen_words(app)

        await type_sign_in(pilot)  # Sam again: Spanish again, without asking
        assert i18n.language() == "es"
        assert "Ayuda" in footer_text(app)


async def test_a_saved_choice_beats_the_environment_but_not_lang_option(store):
    create_person(store, "Sam", TEST_PIN).set_language("es")
    app = RecoveryPlanApp(store, Config())
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await type_sign_in(pilot)
        assert i18n.language() == "es"

    i18n.set_language("en")
    config = Config()
    config.language_option = "en"  # --lang en
    app = RecoveryPlanApp(store, config)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await type_sign_in(pilot)
        assert i18n.language() == "en"
        assert sign_in(store, "Sam", TEST_PIN).language == "es"  # --lang doesn't change the choice


async def test_switching_after_sign_in_rebuilds_the_screens_and_keeps_what_was_typed(store):
    create_person(store, "Sam", TEST_PIN)
    app = RecoveryPlanApp(store, Config())
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await type_sign_in(pilot)
        await pilot.press("f5", "e")  # the crisis plan's editor
        await settle(pilot)
        await pilot.press(*"feeling tense")
        await pilot.press("f10")
        await settle(pilot)
        await pilot.pause(0.2)

        assert i18n.language() == "es"
        assert app.current_mode == "crisis"
        assert "Ayuda" in footer_text(app)
        assert "Plan de crisis" in screen_words(app) or "plan de crisis" in screen_words(app)
        plan = sign_in(store, "Sam", TEST_PIN)
        assert plan.language == "es"
        assert "feeling tense" in plan.section("crisis").fields["warning_signs"]

        await pilot.press("f1")
        await settle(pilot)
        assert "Teclas de esta pantalla" in screen_words(app)


async def test_a_new_plan_keeps_the_language_it_was_made_in(store):
    i18n.set_language("es")
    app = RecoveryPlanApp(store, Config())
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press(*"Ana", "enter", *"river-stone-42", "enter", *"river-stone-42", "enter")
        await settle(pilot)

    assert sign_in(store, "Ana", "river-stone-42").language == "es"


async def test_clearing_what_was_typed_before_sign_in_keeps_the_language_chosen(store):
    create_person(store, "Sam", TEST_PIN)
    app = RecoveryPlanApp(store, Config())
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("f10", *"Sma", "f12")  # a typo, cleared
        await settle(pilot)
        assert i18n.language() == "es"
        await type_sign_in(pilot)
        assert sign_in(store, "Sam", TEST_PIN).language == "es"
