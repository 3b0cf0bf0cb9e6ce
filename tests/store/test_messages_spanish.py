"""The store's messages in Spanish: what a person reads after a wrong PIN, a
broken import file or a common PIN comes out in the language in effect."""

from __future__ import annotations

import json

import pytest

from tests.conftest import TEST_PIN
from tui import i18n
from tui.store import InputError, SignInError, SignInWaitError, attempts, audit, sign_in
from tui.store.dates import parse_due_date
from tui.store.pins import check_new_pin
from tui.store.text import checked
from tui.store.transfer import ImportFileError, read_document


@pytest.fixture
def spanish():
    i18n.set_language("es")  # back to English after the test (conftest)


def test_a_wrong_pin_is_told_in_spanish(store, plan, spanish):
    with pytest.raises(SignInError) as refused:
        sign_in(store, "Sam", "not-the-pin")
    assert str(refused.value) == ("Ese nombre y ese PIN no abren ningún plan. Revisa los dos y "
                                  "vuelve a intentarlo.")


def test_the_wait_after_wrong_tries_is_told_in_spanish(store, plan, spanish):
    for _try in range(attempts.SHORT_WAITS_FROM - 1):
        with pytest.raises(SignInError):
            sign_in(store, "Sam", "not-the-pin")
    with pytest.raises(SignInWaitError) as waiting:
        sign_in(store, "Sam", "not-the-pin")
    assert "Espera 5 segundos antes de intentarlo otra vez" in str(waiting.value)
    assert attempts.say_wait(1) == "1 segundo"
    assert attempts.say_wait(15 * 60) == "unos 15 minutos"


def test_a_common_pin_is_refused_in_spanish(spanish):
    with pytest.raises(InputError) as refused:
        check_new_pin("password1")
    assert str(refused.value).startswith("Ese PIN es de los más comunes")
    with pytest.raises(InputError, match="Usa al menos 6 caracteres para tu PIN"):
        check_new_pin("abc")


@pytest.mark.parametrize("data, spanish_words", [
    (b"", "El archivo está vacío. No se cambió nada."),
    (b'{"format": "recovery-plan", "format_version": 1,\n "plan": ',
     "línea 2: el archivo se acaba antes de tiempo"),
    (b"\xef\xbb\xbf{}", "línea 1: el archivo empieza con una marca de orden de bytes (BOM)"),
    (b"[1, 2]", "el archivo tiene una lista, no una exportación de Plan de Recuperación"),
    (b'{"format": "recovery-plan", "format_version": 9}',
     "el archivo está en la versión de formato 9"),
])
def test_a_broken_import_file_is_refused_in_spanish(data, spanish_words, spanish):
    with pytest.raises(ImportFileError) as refused:
        read_document(data)
    message = str(refused.value)
    assert spanish_words in message
    assert message.endswith("No se cambió nada.") and "\n" not in message


def test_a_problem_deep_in_an_import_file_names_its_place_in_spanish(store, plan, spanish):
    from tui.store import transfer

    document = transfer.plan_document(plan)
    document["plan"]["goals"] = [{"text": "Find a home", "term": "soon"}]
    with pytest.raises(ImportFileError) as refused:
        read_document(json.dumps(document).encode())
    # The file's own keys stay as they are; the words around them are Spanish.
    assert str(refused.value).startswith('meta 1: falta "importance".')


def test_field_names_in_messages_are_spanish_too(spanish):
    with pytest.raises(InputError) as refused:
        checked("x" * 12, limit=10, what=i18n.N_("goal"))
    assert str(refused.value) == ("Lo que escribiste en “meta” tiene 12 caracteres; caben 10. "
                                  "Hazlo más corto, por favor.")


def test_an_unreadable_date_is_told_in_spanish(spanish):
    from datetime import date

    with pytest.raises(InputError) as refused:
        parse_due_date("someday maybe", date(2026, 11, 26))
    assert str(refused.value).startswith("No puedo leer eso como una fecha. Prueba una fecha")


def test_the_audit_trail_says_what_happened_in_spanish(store, plan, spanish):
    with pytest.raises(SignInError):
        sign_in(store, "Sam", "not-the-pin")
    sign_in(store, "Sam", TEST_PIN)
    meanings = [event.meaning for event in audit.events(store)]
    assert meanings == ["plan hecho", "nombre o PIN equivocado", "entró"]
    assert [event.event for event in audit.events(store)] == [
        "plan_created", "sign_in_failed", "signed_in"]  # the stored values stay as they are


def test_english_is_unchanged(store, plan):
    with pytest.raises(SignInError) as refused:
        sign_in(store, "Sam", "not-the-pin")
    assert str(refused.value) == "That name and PIN don't open a plan. Check both and try again."
