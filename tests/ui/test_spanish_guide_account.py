"""In Spanish: the guided walkthrough, check-ins, recovery codes and PIN screens,
past versions, drafts, conflicts and the idle warning. A person's own words
stay as they wrote them; what the app says is Spanish, dates too."""

from __future__ import annotations

from datetime import datetime, timedelta

from textual.widgets import DataTable, Input, Label

from tests.conftest import TEST_NOW, TEST_PIN
from tests.ui.helpers import screen_text, settle, signed_in
from tui import i18n
from tui.app import RecoveryPlanApp
from tui.demo import create_demo
from tui.screens.account import (ChangePinDialog, RecoverWithCodeScreen, RecoveryCodesScreen,
                                 codes_text)
from tui.screens.checkin import CheckInScreen
from tui.screens.conflict import ConflictDialog
from tui.screens.drafts import DraftsScreen
from tui.screens.guide import GuideScreen, open_guide
from tui.screens.history import HistoryScreen
from tui.screens.idle import IdleWarningScreen, seconds_words
from tui.store import clock, create_person

A_WEEK_ON = datetime(2026, 12, 3, 10, 0)  # a Thursday; the demo's first two steps are due


def notices(app) -> str:
    return " ".join(str(n.message) for n in app._notifications)


async def test_the_walkthrough_speaks_spanish_and_keeps_the_persons_words(store):
    plan = create_person(store, "Sam", TEST_PIN)
    plan.add_goal("Find a place to live")
    i18n.set_language("es")
    async with signed_in(store, "Sam", TEST_PIN) as (app, pilot):
        open_guide(app, app.plan)
        await settle(pilot)
        assert isinstance(app.screen, GuideScreen)
        text = screen_text(app)
        assert "Armar mi plan   paso 1 de 11: Mi sueño" in text
        assert "Atrévete a soñar" in text
        assert "Por ejemplo: Quiero un lugar seguro que sea mío" in text
        assert "Puedes saltar cualquier paso: PgDn sigue." in text
        assert str(app.screen.query_one(Label).render()) == "Mi visión"

        await pilot.press(*"Una casa")
        app.keep_drafts()
        (draft,) = app.plan.drafts()
        assert draft.label == "My vision"  # kept as the catalog's text, shown in each language

        for _unused in range(5):
            await pilot.press("pagedown")
            await settle(pilot)
        text = screen_text(app)
        assert "paso 6 de 11: Ordenar mis metas por importancia y tiempo" in text
        assert "Ahora: por IMPORTANCIA" in text
        assert "Find a place to live" in text  # the person's goal, as written
        columns = app.screen.query_one(DataTable).ordered_columns
        assert [str(c.label) for c in columns] == ["Meta", "Importancia", "Orden"]
        assert all(c.width >= len(str(c.label)) for c in columns)  # no heading cut short

        await pilot.press("escape")
        await settle(pilot)
        assert "Te quedaste en el paso 6 de 11: Ordenar mis metas" in notices(app)


async def test_a_draft_kept_in_english_is_offered_back_in_spanish(store):
    plan = create_person(store, "Sam", TEST_PIN)
    plan.save_draft("section:vision@abcd", "My vision", {"vision": "Una casa"})
    i18n.set_language("es")
    async with signed_in(store, "Sam", TEST_PIN) as (app, pilot):
        assert isinstance(app.screen, DraftsScreen)
        option = app.screen.query_one("#drafts").get_option_at_index(0)
        assert str(option.prompt) == "Mi visión (26 nov, 10:00)"
        text = screen_text(app)
        assert "Estabas escribiendo cuando terminó tu última sesión" in text
        assert "Una casa" in text


async def test_a_check_in_in_spanish_has_spanish_dates(store):
    create_demo(store)
    clock.set_now(A_WEEK_ON)
    i18n.set_language("es")
    async with signed_in(store, "Demo", "975310") as (app, pilot):
        app.push_screen(CheckInScreen(app.plan))
        await settle(pilot)
        text = screen_text(app)
        assert "   jueves, 3 de diciembre   paso 1 de 2" in text
        assert "Meta: I want to find a place to live" in text
        assert "¿Cómo te fue?  [ ] d:" in text
        await pilot.press("n")
        assert "¿Qué te lo impidió? (puedes saltarlo)" in str(app.screen.query_one("#note-label").render())
        await pilot.press(*"Me cortaron el teléfono", "pagedown")
        await settle(pilot)
        await pilot.press("pagedown")  # the second skipped
        await settle(pilot)
        text = screen_text(app)
        assert "Revisión guardada" in text
        assert "MI REVISIÓN DEL JUEVES, 3 DE DICIEMBRE DE 2026" in text
        assert "Todavía no. Para el sábado, 28 de noviembre de 2026." in text
        assert "Lo que me lo impidió: Me cortaron el teléfono" in text
        assert "s: guardar este resumen   p: imprimirlo   Esc: volver a mi plan" in text


async def test_the_recovery_codes_and_pin_screens_in_spanish(store):
    plan = create_person(store, "Sam", TEST_PIN)
    codes = plan.recovery_codes
    i18n.set_language("es")
    assert codes_text(codes).startswith(
        "MIS CÓDIGOS DE RECUPERACIÓN para Plan de Recuperación\n\n"
        "Si olvido mi PIN, uno de estos abre mi plan")
    app = RecoveryPlanApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(RecoveryCodesScreen(codes))
        await pilot.pause()
        text = screen_text(app)
        assert "Tus códigos de recuperación" in text and codes[0] in text
        assert "ni siquiera el personal" in text
        assert "p: imprimir    Enter: ya los tengo" in text
        await pilot.press("enter")

        app.push_screen(RecoverWithCodeScreen())
        await pilot.pause()
        text = screen_text(app)
        assert "¿Olvidaste tu PIN?" in text
        assert "Tu PIN nuevo (6 caracteres o más)" in text
        await pilot.press(*"Sam", "enter", *codes[0], "enter", *"sunrise-42", "enter",
                          *"sunrise-43", "enter")
        assert "Los dos PIN no son iguales." in screen_text(app)
        await pilot.press(*"sunrise-42", "enter", *"sunrise-42", "enter")
        await settle(pilot)
        assert "Tu PIN nuevo está listo. Te quedan 7 códigos de recuperación." in notices(app)

        app.push_screen(ChangePinDialog(app.plan))
        await pilot.pause()
        text = screen_text(app)
        assert "Cambiar mi PIN" in text and "Enter: seguir    Esc: cancelar" in text
        assert app.screen.query_one("#old", Input).has_focus


async def test_past_versions_in_spanish(store):
    plan = create_person(store, "Sam", TEST_PIN)
    plan.save_section("vision", {"vision": "Old words"})
    clock.set_now(TEST_NOW + timedelta(hours=1))
    plan.save_section("vision", {"vision": ""})
    i18n.set_language("es")
    async with signed_in(store, "Sam", TEST_PIN) as (app, pilot):
        app.push_screen(HistoryScreen(app.plan, "vision"))
        await settle(pilot)
        versions = app.screen.query_one("#versions")
        assert str(versions.get_option_at_index(0).prompt) == "26 nov 2026 11:00  mi visión  (ahora)"
        text = screen_text(app)
        assert "Versiones anteriores: Mi visión" in text and "(en blanco)" in text
        await pilot.press("down", "r")
        await pilot.pause()
        assert "¿Recuperar esta versión?" in screen_text(app)
        assert "Mi visión, 26 nov 2026 10:00" in screen_text(app)


async def test_a_conflict_and_the_idle_warning_in_spanish(store):
    i18n.set_language("es")
    assert seconds_words(1) == "1 segundo" and seconds_words(29.2) == "30 segundos"
    app = RecoveryPlanApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ConflictDialog({"vision": "My vision"}, {"vision": ""}, {"vision": "Theirs"}))
        await pilot.pause()
        text = screen_text(app)
        assert "Esta parte también se cambió en otra sesión" in text
        assert "Guardado en la otra sesión:" in text and "Theirs" in text and "(en blanco)" in text
        assert "Mi visión" in text
        app.screen.dismiss(None)
        await pilot.pause()

        app.push_screen(IdleWarningScreen(12, has_plan=True))
        await pilot.pause()
        text = screen_text(app)
        assert "¿Sigues aquí?" in text
        assert "Tu plan se bloquea en 12 segundos, para que nadie más lo vea." in text


def test_every_text_of_these_screens_has_its_spanish():
    from tui.i18n import catalog_paths, read_po, source_messages

    files = ("tui/screens/guide.py", "tui/content/guide.py", "tui/screens/checkin.py",
             "tui/output/checkin_page.py", "tui/screens/account.py", "tui/screens/history.py",
             "tui/screens/conflict.py", "tui/screens/drafts.py", "tui/screens/idle.py")
    entries = read_po(catalog_paths("es")[0].read_text(encoding="utf-8"))
    translated = {(e["msgid"], e["msgid_plural"]) for e in entries if not e["fuzzy"] and (
        e["msgstr"] or e["msgstr_plural"] and all(e["msgstr_plural"].values()))}
    missing = []
    for key, places in source_messages().items():
        if any(place.rsplit(":", 1)[0] in files for place in places):
            wanted = key if isinstance(key, tuple) else (key, None)
            if wanted not in translated:
                missing.append(key)
    assert missing == []
