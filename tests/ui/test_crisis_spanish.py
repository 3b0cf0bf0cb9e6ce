"""The crisis plan (F5), pocket plan, get help now (F9), Learn (F7) and the
toolkit (F6) in Spanish, keys pressed as a person would. The person's words
and a site's own lines stay as written."""

from __future__ import annotations

from datetime import date

from tests.ui.helpers import demo_signed_in, screen_text, settle, signed_in
from tui import i18n
from tui.app import RecoveryPlanApp
from tui.config import Config
from tui.demo import create_demo
from tui.screens.crisis import CrisisScreen, PocketPlanScreen, SaveCardDialog, SectionEditScreen
from tui.screens.help_now import GetHelpNowScreen
from tui.screens.learn import LearnScreen
from tui.screens.toolkit import ToolkitScreen


def notices(app) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


async def test_crisis_plan_in_spanish(store):
    async with demo_signed_in(store, language="es") as (app, pilot):
        await pilot.press("f5")
        await settle(pilot)
        assert isinstance(app.screen, CrisisScreen)
        text = screen_text(app)
        assert "Mi plan de crisis" in text
        assert "Plan de crisis: las 7 partes están llenas. ¡Muy bien!" in text
        assert "Naloxona: I get it free" in text  # our label, their words
        assert text.index("1. Mis señales de alerta") < text.index("4. Personas a quienes puedo pedir ayuda") \
            < text.index("MI PLAN DE BOLSILLO CONTRA SOBREDOSIS") < text.index("GANAS DE CONSUMIR")
        assert "front pocket of my backpack" in text
        assert "My warning signs" not in text and "parts filled" not in text

        await pilot.press("o")
        assert isinstance(app.screen, PocketPlanScreen)
        text = screen_text(app)
        assert "Mi plan de bolsillo contra sobredosis" in text
        assert "Dónde consigo y guardo la naloxona" in text

        await pilot.press("e")
        assert isinstance(app.screen, SectionEditScreen)
        text = screen_text(app)
        assert "Cambiar: Mi plan de bolsillo contra sobredosis" in text
        assert "¿Dónde consigo naloxona (Narcan) y dónde la guardo?" in text


async def test_save_and_print_the_card_in_spanish(store, tmp_path):
    create_demo(store)
    i18n.set_language("es")
    target = tmp_path / "tarjeta.txt"
    async with signed_in(store, "Demo", "975310") as (app, pilot):
        await pilot.press("f5", "p")
        await settle(pilot)
        assert "Aquí no hay una impresora lista" in notices(app)
        await pilot.press("s")
        assert isinstance(app.screen, SaveCardDialog)
        assert "Guardar mi tarjeta de bolsillo" in screen_text(app)
        field = app.screen.query_one("#card-path")
        field.value = str(tmp_path / "tarjeta.doc")
        await pilot.press("enter")
        assert "Por favor termina el nombre en .pdf, .txt o .md" in screen_text(app)
        field.value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        assert f"Tu tarjeta de bolsillo se guardó en {target}." in notices(app)
    assert target.read_text(encoding="utf-8").startswith("MI PLAN DE BOLSILLO CONTRA SOBREDOSIS\n")


async def test_get_help_now_in_spanish_before_signing_in(store):
    i18n.set_language("es")
    app = RecoveryPlanApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f9")
        assert isinstance(app.screen, GetHelpNowScreen)
        text = screen_text(app)
        assert "Ayuda ahora" in text and "Líneas de crisis" in text
        assert "llama al 911, dale naloxona" in text
        assert "988 Línea de Prevención del Suicidio y Crisis" in text
        assert "Atiende en español: llama al 988 y marca 2, o manda AYUDA por texto al 988." in text
        assert "(revisado el 26 nov 2026)" in text
        assert "checked" not in text and "Lifeline" not in text


async def test_get_help_now_in_spanish_keeps_a_sites_own_words(store):
    i18n.set_language("es")
    config = Config(raw={"help": {
        "staff_note": "Staff are at the front desk. Ask them now.",
        "lines": [{"name": "County crisis line", "number": "555-0111",
                   "what_for": "Mobile crisis team", "checked": date(2026, 10, 1)}],
        "resources": [{"name": "Naloxone pickup", "number": "Front desk",
                       "what_for": "Free kits, no questions", "checked": date(2026, 9, 1)}],
    }})
    app = RecoveryPlanApp(store, config)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f9")
        text = screen_text(app)
        assert "Staff are at the front desk" in text and "County crisis line" in text
        assert "Mobile crisis team" in text and "Naloxone pickup" in text
        assert "Cerca de aquí" in text and "(revisado el 1 oct 2026)" in text


async def test_learn_in_spanish(store):
    i18n.set_language("es")
    app = RecoveryPlanApp(store, Config(raw={"learn": {"jurisdiction": "general"}}))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f7")
        assert isinstance(app.screen, LearnScreen)
        text = screen_text(app)
        assert "Aprender: cómo cuidarte mejor" in text
        assert "Tu tolerancia baja después de un tiempo sin consumir" in text
        assert "La naloxona (Narcan) salva vidas" in text
        assert "800-484-3731" in text and "30 a 90 minutos" in text
        assert "La ley del Buen Samaritano en tu zona" in text
        assert "Esto no es asesoría legal." in text
        assert "tolerance" not in text.lower()


async def test_toolkit_in_spanish(store):
    async with demo_signed_in(store, language="es") as (app, pilot):
        await pilot.press("f6")
        await settle(pilot)
        assert isinstance(app.screen, ToolkitScreen)
        labels = "\n".join(str(label.render()) for label in app.screen.query("Label"))
        assert "¿Qué me funciona?" in labels and "¿Qué me calma?" in labels
        assert "Ganas de consumir" in labels
        assert "What calms me down?" not in labels
        assert "Mi caja de herramientas de resiliencia" in screen_text(app)
