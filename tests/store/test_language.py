"""The language a person chose for the app's screens, kept with their plan
(sealed like their words), and schema version 6 that holds it (with the PIN
checks in progress, see test_parallel_guesses.py)."""

from __future__ import annotations

import peewee
import pytest

from tests.conftest import TEST_PIN, open_test_store, site_key_of
from tui.store import (
    LANGUAGES, DatabaseError, InputError, audit, create_person, migrations, move, sign_in,
)
from tui.store import models as m
from tui.demo import create_demo
from tui.store.transfer import import_plan, plan_document, read_document, dumps


def test_a_new_plan_has_no_language_until_one_is_chosen(store, plan):
    assert plan.language is None
    plan.set_language("es")
    assert plan.language == "es"
    assert sign_in(store, "Sam", TEST_PIN).language == "es"
    plan.set_language("en")
    assert sign_in(store, "Sam", TEST_PIN).language == "en"
    plan.set_language(None)
    assert sign_in(store, "Sam", TEST_PIN).language is None


def test_a_new_plan_keeps_the_language_chosen_at_sign_in(store):
    assert create_person(store, "Ana", TEST_PIN, language="es").language == "es"
    assert sign_in(store, "Ana", TEST_PIN).language == "es"
    assert create_person(store, "Sam", TEST_PIN).language is None


@pytest.mark.parametrize("code", ["fr", "", "ES", " es", "english", 3, b"es"])
def test_only_the_languages_the_app_has_are_kept(store, plan, code):
    with pytest.raises(InputError, match="en, es"):
        plan.set_language(code)
    assert plan.language is None
    with pytest.raises(InputError, match="en, es"):
        create_person(store, "Ana", TEST_PIN, language=code)
    assert m.Person.select().count() == 1  # nothing made


def test_the_store_has_the_languages_the_screens_have():
    from tui import i18n

    assert LANGUAGES == ("en", "es") and set(LANGUAGES) == set(i18n.LANGUAGES)


def test_the_language_is_sealed_for_its_own_row(store, plan):
    other = create_person(store, "Ana", TEST_PIN, language="en")
    plan.set_language("es")
    sealed = m.Person.get_by_id(plan.person_id).language_sealed
    assert sealed not in LANGUAGES and len(sealed) > 20
    # Sealed for Sam's row: copied onto Ana's, it doesn't open.
    m.Person.update(language_sealed=sealed).where(m.Person.id == other.person_id).execute()
    with pytest.raises(DatabaseError, match="can't be read"):
        sign_in(store, "Ana", TEST_PIN).language


def test_the_audit_trail_says_the_language_changed_never_which(store, plan):
    plan.set_language("es")
    last = audit.events(store)[-1]
    assert (last.event, last.detail, last.person_id) == ("changed", "language", plan.person_id)
    assert not any(code in e.detail.split() for e in audit.events(store) for code in LANGUAGES)


def test_an_export_leaves_the_language_out_and_an_import_can_be_given_one(store, plan):
    # Format version 1 readers refuse keys they don't know (docs/export-format.md).
    plan.set_language("es")
    plan.add_goal("Find a place to live")
    document = plan_document(plan)
    assert "language" not in document["plan"]
    plan_file = read_document(dumps(document).encode())
    imported = import_plan(store, plan_file, TEST_PIN, replace=True, language="es")
    assert imported.language == "es" and [g.text for g in imported.goals()] == ["Find a place to live"]
    with pytest.raises(InputError):
        import_plan(store, plan_file, TEST_PIN, replace=True, language="xx")
    assert sign_in(store, "Sam", TEST_PIN).language == "es"  # the failed import changed nothing


def test_moving_the_plans_keeps_the_language_and_the_checks_table(tmp_path, db_location):
    center = tmp_path / "center.sqlite3"
    store = open_test_store(center)
    create_person(store, "Ana", TEST_PIN, language="es")
    create_person(store, "Sam", TEST_PIN)
    store.close()
    moved = move.move_plans(str(center), str(db_location), site_key=site_key_of(db_location))
    assert moved.counts["person"] == 2 and moved.counts["sign_in_check"] == 0
    target = open_test_store(db_location, site_key_path=site_key_of(db_location)
                             or center.with_name(center.name + ".site-key"))
    try:
        assert sign_in(target, "Ana", TEST_PIN).language == "es"
        assert sign_in(target, "Sam", TEST_PIN).language is None
        assert m.SignInCheck.select().count() == 0  # the checks came and went
    finally:
        target.close()


# -- the schema ------------------------------------------------------------------


def _peewee_sql(database) -> list[str]:
    with database.bind_ctx([m.Person, m.SignInCheck], bind_refs=False, bind_backrefs=False):
        column = database.get_sql_context().sql(m.Person.language_sealed.ddl(
            database.get_sql_context())).query()[0]
        statements = [f'ALTER TABLE "person" ADD COLUMN {column}']
        statements.append(database.get_sql_context().sql(
            m.SignInCheck._schema._create_table(safe=False)).query()[0])
        for index in m.SignInCheck._schema._create_indexes(safe=False):
            statements.append(database.get_sql_context().sql(index).query()[0])
    return statements


def test_version_6_is_the_sql_peewee_would_write_for_the_new_fields(tmp_path):
    assert migrations._V6 == _peewee_sql(peewee.SqliteDatabase(str(tmp_path / "x.sqlite3")))


def test_version_6_on_postgresql_is_the_sql_peewee_would_write_there():
    assert migrations._V6_PG == _peewee_sql(peewee.PostgresqlDatabase("plans"))


def test_a_version_5_database_is_upgraded_with_its_plans_kept(db_location):
    store = open_test_store(db_location)
    create_demo(store)
    store.db.execute_sql('DROP TABLE "sign_in_check"')
    store.db.execute_sql('ALTER TABLE "person" DROP COLUMN "language_sealed"')
    store.db.execute_sql('UPDATE "schema_info" SET "version" = 5')
    assert migrations.schema_differences(store.db) == [
        "column person.language_sealed is missing", "table sign_in_check is missing"]
    store.close()

    store = open_test_store(db_location)
    try:
        assert store.schema_version() == migrations.LATEST == 6
        assert migrations.schema_differences(store.db) == []
        assert store.check()[0]
        plan = sign_in(store, "Demo", "975310")
        assert plan.language is None and plan.goals()
        plan.set_language("es")
        assert sign_in(store, "Demo", "975310").language == "es"
    finally:
        store.close()
