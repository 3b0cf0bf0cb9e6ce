"""The plan screens in Spanish: overview, goal board, step editor, dialogs,
contacts and the SMART check speak Spanish, write dates the Spanish way, and
keep the person's own words as written."""

from __future__ import annotations

from datetime import date, datetime

from tests.ui.helpers import demo_signed_in, row_text, screen_text, settle, signed_in
from tui import i18n
from tui.app import RecoveryPlanApp
from tui.demo import create_demo
from tui.screens.contacts import ContactDialog, ContactsScreen
from tui.screens.dialogs import ConfirmDialog, GoalDialog
from tui.screens.goals import GoalBoardScreen, GoalTable, due_label, numeric_date
from tui.screens.new_plan import NewPlanScreen
from tui.screens.overview import ReminderDialog
from tui.screens.steps import StepEditorScreen, StepTable
from tui.store import clock
from tui.store.smart import smart_check
from tui.widgets.person_text import fill, person_line
from tui.widgets.spark import spark_text
from tui.widgets.step_fields import smart_check_text, understood_text

THURSDAY = date(2026, 11, 26)  # the tests' today


def whole_screen(app) -> str:
    """What the terminal shows, line by line (footer and dialogs included)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


# -- small pieces, no app ---------------------------------------------------------


def test_due_labels_in_spanish_put_the_day_first():
    i18n.set_language("es")
    assert str(due_label(date(2026, 11, 20), THURSDAY)) == "VENCIÓ 20/11"
    assert str(due_label(date(2026, 11, 28), THURSDAY)) == "sáb 28/11"
    assert str(due_label(date(2026, 12, 3), THURSDAY)) == "3/12/26"
    assert numeric_date(date(2027, 1, 5)) == "5/1"


def test_due_labels_in_english_are_unchanged():
    assert str(due_label(date(2026, 11, 20), THURSDAY)) == "LATE 11/20"
    assert str(due_label(date(2026, 11, 28), THURSDAY)) == "Sat 11/28"
    assert str(due_label(date(2026, 12, 3), THURSDAY)) == "12/3/26"


def test_the_date_understood_is_written_out_in_spanish():
    i18n.set_language("es")
    assert str(understood_text("2026-11-26", THURSDAY)) == "  = jueves, 26 de noviembre de 2026"
    assert str(understood_text("el próximo viernes", THURSDAY)) == "  = viernes, 4 de diciembre de 2026"
    assert str(understood_text("algún día", THURSDAY)) == "  Todavía no puedo leer esa fecha."
    # A date in numbers is read day first in Spanish, as the store saves it.
    assert str(understood_text("4/12", THURSDAY)) == "  = viernes, 4 de diciembre de 2026"


def test_smart_hints_in_spanish():
    i18n.set_language("es")
    hints = smart_check(specific="", measurable="", achievable="", when="", today=THURSDAY)
    assert hints[0].startswith("Específico: di qué vas a hacer")
    assert hints[-1].startswith("Con fecha: ¿para cuándo?")
    passed = smart_check(specific="llamar a dueños", measurable="tres lugares",
                         achievable="tengo teléfono", when="2026-11-20", today=THURSDAY)
    assert passed == ["Con fecha: el 20 nov ya pasó. Escoge un día que todavía no llega."]
    check = smart_check_text({"specific": "Llamar a 3 lugares", "measurable": "una hora",
                              "achievable": "me ayuda mi hermana", "when": "mañana"}, THURSDAY)
    assert str(check) == ("Chequeo SMART: este paso tiene las cinco partes. ¡Buen trabajo!\n"
                          "Específico, medible, alcanzable, realista, con fecha límite.")
    done = smart_check(specific="llamar a dueños", measurable="tres lugares",
                       achievable="tengo teléfono", when="2026-11-20", today=THURSDAY, done=True)
    assert done == []  # a step already done met its date


def test_spanish_amounts_count_as_measurable_whatever_the_language():
    for words in ("una hora", "dos veces", "cada día", "media hora", "5 lugares"):
        hints = smart_check(specific="llamar a lugares", measurable=words, achievable="sí",
                            when="mañana", today=THURSDAY)
        assert hints == [], words


def test_the_weekly_chart_says_which_end_is_this_week():
    i18n.set_language("es")
    assert str(spark_text([0, 1, 2])).endswith("0 1 2  (esta semana al final)")


def test_fill_keeps_the_persons_words_and_their_own_style():
    text = fill("Pasos hacia: {goal}", "bold", goal=person_line("[b]mi[/b] \x1b meta"))
    assert text.plain == "Pasos hacia: [b]mi[/b] \u241b meta"
    assert text.spans[0].style == "bold" and text.spans[0].end == len("Pasos hacia: ")


# -- screens ------------------------------------------------------------------


async def test_the_overview_in_spanish(store):
    async with demo_signed_in(store, size=(80, 60), language="es") as (app, pilot):
        text = screen_text(app)
        assert "Mi plan: Demo" in text
        assert "Las metas que más me importan" in text
        assert "Sigue: Look for rentals online, Craigslist too (sáb 28/11)" in text
        assert "Plan de crisis: 7 de 7 partes llenas (c o F5)" in text
        assert "Plan de bolsillo contra sobredosis: 6 de 6 partes llenas (o)" in text
        assert "Mi visión" in whole_screen(app)
        # The person's own words stay as they wrote them.
        assert "I want to find a place to live" in text


async def test_the_overview_check_in_history_in_spanish(store):
    plan = create_demo(store)
    first, second, third = plan.steps(plan.goals()[1].id)
    clock.set_now(datetime(2026, 12, 3, 10, 0))
    plan.check_in_step(first.id, "not_yet", "Sick")
    plan.check_in_step(second.id, "changed", check_in_id=plan.check_ins()[0].id)
    clock.set_now(datetime(2026, 12, 10, 10, 0))
    plan.check_in_step(first.id, "done")
    clock.set_now(datetime(2026, 12, 11, 10, 0))
    plan.complete_step(third.id)
    i18n.set_language("es")
    async with signed_in(store, "Demo", "975310", size=(80, 80)) as (app, pilot):
        text = screen_text(app)
        assert "Mis revisiones" in text
        assert "Última: jue 10 dic" in text
        assert "HECHO       Look for rentals online, Craigslist too" in text
        assert "Hecho desde entonces: 1 paso: Bring the notes from the calls to go over" in text
        assert "Antes: 3 dic: 1 todavía no, 1 cambiado" in text
        assert "Este mes: 2 pasos hechos." in text


async def test_the_goal_board_in_spanish_shows_whole_dates(store):
    plan = create_demo(store)
    clock.set_now(datetime(2026, 12, 10, 10, 0))  # the demo's steps are late now
    i18n.set_language("es")
    async with signed_in(store, "Demo", "975310") as (app, pilot):
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, GoalBoardScreen)
        text = whole_screen(app)
        assert "Mis metas  por importancia" in text
        assert "Metas a corto plazo (5)" in text
        assert "VENCIÓ 28/11" in text  # whole, not cut by the column
        # The key bar: the board's first keys, then F1 (every key, x Borrar too) and F9.
        assert "a Añadir" in text and "f1 Teclas" in text and "f9 Ayuda ahora" in text
        await pilot.press("space", "s")  # the first goal reached, then sort by timeline
        await pilot.pause()
        table = app.screen.query_one("#short-goals", GoalTable)
        statuses = [row_text(table, row)[4] for row in range(table.row_count)]
        assert "hecho 10/12" in statuses
        assert "por orden en el tiempo" in whole_screen(app)
        assert "hecho 10/12" in whole_screen(app)
        await pilot.press("h")
        await pilot.pause()
        assert "(1 hecha oculta: h la muestra)" in whole_screen(app)
    assert plan.goals()[0].done


async def test_an_empty_goal_board_and_the_goal_dialog_in_spanish(store):
    i18n.set_language("es")
    app = RecoveryPlanApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, NewPlanScreen)
        assert "Empieza tu plan" in whole_screen(app)
        assert "Tu PIN (6 caracteres o más)" in whole_screen(app)
        await pilot.press(*"Sam", "enter", *"pin-123456", "enter", *"pin-654321", "enter")
        await pilot.pause()
        assert "Los dos PIN no son iguales." in whole_screen(app)
        await pilot.press(*"pin-123456", "enter", *"pin-123456", "enter")
        await settle(pilot)
        await pilot.press("f3")
        await pilot.pause()
        assert "Todavía no hay metas, y está bien." in screen_text(app)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, GoalDialog)
        assert "Agregar una meta" in whole_screen(app)
        assert "Mi meta, en mis propias palabras" in whole_screen(app)
        await pilot.press("tab", "enter")  # no words yet
        await pilot.pause()
        assert "Primero escribe tu meta, por favor." in whole_screen(app)
        await pilot.press(*"Ver a mis hijos", "tab", *"en 2 meses", "enter")
        await settle(pilot)
        assert isinstance(app.screen, GoalBoardScreen)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "¿Borrar esta meta?" in whole_screen(app)
        assert "y: sí    n: no" in whole_screen(app)
        assert "Ver a mis hijos" in whole_screen(app)
        await pilot.press("n")
    plan = app.plan
    assert plan.goals()[0].target_date == date(2027, 1, 26)


async def test_the_step_editor_in_spanish(store):
    async with demo_signed_in(store, language="es") as (app, pilot):
        await pilot.press("f3", "down", "f4")
        await pilot.pause()
        assert isinstance(app.screen, StepEditorScreen)
        text = whole_screen(app)
        assert "Pasos hacia: I want to find a place to live" in text
        assert "= sábado, 28 de noviembre de 2026" in text
        assert "Chequeo SMART:" in text
        table = app.screen.query_one(StepTable)
        assert row_text(table, 1)[2:] == ["3/12/26", "todavía no"]
        await pilot.press("a", *"Llamar", "enter", *"algo", "enter", *"el viernes", "tab")
        await pilot.pause()
        text = whole_screen(app)
        assert "Específico: agrega unas palabras" in text
        assert "Medible: agrega un número" in text
        assert "= viernes, 27 de noviembre de 2026" in text


async def test_contacts_in_spanish(store):
    async with demo_signed_in(store, language="es") as (app, pilot):
        await pilot.press("f5", "c")
        await pilot.pause()
        assert isinstance(app.screen, ContactsScreen)
        text = whole_screen(app)
        assert "Personas y líneas en mi plan" in text
        assert "En mi plan como" in text
        assert "le puedo pedir ayuda" in text
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ContactDialog)
        text = whole_screen(app)
        assert "Cambiar este contacto" in text
        assert "Puede recibir mensajes de texto" in text
        assert "me ayuda a distraerme" in text


async def test_the_reminder_dialog_in_spanish_shows_our_reminders_whole(store):
    async with demo_signed_in(store, language="es") as (app, pilot):
        await pilot.press("r")
        for _attempt in range(50):
            if isinstance(app.screen, ReminderDialog):
                break
            await pilot.pause(0.02)
        await pilot.pause(0.1)
        assert app.screen.query_one(".reminder-dialog").styles.width.value > ReminderDialog.DIALOG_WIDTH
        text = whole_screen(app)
        assert "Espacio: marcar o desmarcar." in text
        assert "Recuperación significa hacerme fuerte en las partes rotas." in text
