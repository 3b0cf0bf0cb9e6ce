"""Numbered schema migrations, run in order when a database is opened.

Each migration is frozen once released: later changes come as new numbers, so
a database made by any earlier version can be brought up to date. The version
lives in the `schema_info` table (a table, not SQLite's user_version, so the
same scheme works on PostgreSQL).

Every version is frozen in two dialects: SQLite's (`_V1` ...) and
PostgreSQL's (`_V1_PG` ...), with the same tables, columns and indexes
(PostgreSQL has SERIAL ids, TIMESTAMP and BOOLEAN where SQLite has INTEGER
and DATETIME). A new version needs both: `_run_all(_V7, _V7_PG)`.
"""

from __future__ import annotations

from collections.abc import Callable

import peewee

from tui.store import crypto
from tui.store.errors import DatabaseError
from tui.store.models import ALL_MODELS, SchemaInfo

_SCHEMA_INFO = 'CREATE TABLE IF NOT EXISTS "schema_info" ("id" INTEGER NOT NULL PRIMARY KEY, "version" INTEGER NOT NULL)'
_SCHEMA_INFO_PG = 'CREATE TABLE IF NOT EXISTS "schema_info" ("id" SERIAL NOT NULL PRIMARY KEY, "version" INTEGER NOT NULL)'

# Version 1: the whole plan.
_V1 = [
    '''CREATE TABLE "person" ("id" INTEGER NOT NULL PRIMARY KEY, "name" TEXT NOT NULL, "name_key" TEXT NOT NULL, "pin_hash" TEXT NOT NULL, "created_at" DATETIME NOT NULL)''',
    '''CREATE UNIQUE INDEX "person_name_key" ON "person" ("name_key")''',
    '''CREATE TABLE "vision" ("id" INTEGER NOT NULL PRIMARY KEY, "person_id" INTEGER NOT NULL, "revision" INTEGER NOT NULL, "updated_at" DATETIME, "vision" TEXT NOT NULL, FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE)''',
    '''CREATE UNIQUE INDEX "vision_person_id" ON "vision" ("person_id")''',
    '''CREATE TABLE "strengths" ("id" INTEGER NOT NULL PRIMARY KEY, "person_id" INTEGER NOT NULL, "revision" INTEGER NOT NULL, "updated_at" DATETIME, "strengths" TEXT NOT NULL, FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE)''',
    '''CREATE UNIQUE INDEX "strengths_person_id" ON "strengths" ("person_id")''',
    '''CREATE TABLE "crisis_plan" ("id" INTEGER NOT NULL PRIMARY KEY, "person_id" INTEGER NOT NULL, "revision" INTEGER NOT NULL, "updated_at" DATETIME, "warning_signs" TEXT NOT NULL, "on_my_own" TEXT NOT NULL, "distractions" TEXT NOT NULL, "ask_for_help" TEXT NOT NULL, "professionals" TEXT NOT NULL, "safer_surroundings" TEXT NOT NULL, "matters_most" TEXT NOT NULL, FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE)''',
    '''CREATE UNIQUE INDEX "crisis_plan_person_id" ON "crisis_plan" ("person_id")''',
    '''CREATE TABLE "overdose_plan" ("id" INTEGER NOT NULL PRIMARY KEY, "person_id" INTEGER NOT NULL, "revision" INTEGER NOT NULL, "updated_at" DATETIME, "emergency_numbers" TEXT NOT NULL, "naloxone_where" TEXT NOT NULL, "naloxone_person" TEXT NOT NULL, "check_in_person" TEXT NOT NULL, "check_in_how" TEXT NOT NULL, "other_steps" TEXT NOT NULL, FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE)''',
    '''CREATE UNIQUE INDEX "overdose_plan_person_id" ON "overdose_plan" ("person_id")''',
    '''CREATE TABLE "cravings" ("id" INTEGER NOT NULL PRIMARY KEY, "person_id" INTEGER NOT NULL, "revision" INTEGER NOT NULL, "updated_at" DATETIME, "triggers" TEXT NOT NULL, "relief" TEXT NOT NULL, FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE)''',
    '''CREATE UNIQUE INDEX "cravings_person_id" ON "cravings" ("person_id")''',
    '''CREATE TABLE "toolkit_answer" ("id" INTEGER NOT NULL PRIMARY KEY, "person_id" INTEGER NOT NULL, "question" TEXT NOT NULL, "answer" TEXT NOT NULL, "updated_at" DATETIME NOT NULL, FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE)''',
    '''CREATE INDEX "toolkit_answer_person_id" ON "toolkit_answer" ("person_id")''',
    '''CREATE UNIQUE INDEX "toolkit_answer_person_id_question" ON "toolkit_answer" ("person_id", "question")''',
    '''CREATE TABLE "goal" ("id" INTEGER NOT NULL PRIMARY KEY, "person_id" INTEGER NOT NULL, "text" TEXT NOT NULL, "term" TEXT NOT NULL, "importance" INTEGER NOT NULL, "timeline" INTEGER NOT NULL, "status" TEXT NOT NULL, "target_date" DATE, "done_on" DATE, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE)''',
    '''CREATE INDEX "goal_person_id" ON "goal" ("person_id")''',
    '''CREATE INDEX "goal_person_id_term_importance" ON "goal" ("person_id", "term", "importance")''',
    '''CREATE INDEX "goal_person_id_term_timeline" ON "goal" ("person_id", "term", "timeline")''',
    '''CREATE TABLE "step" ("id" INTEGER NOT NULL PRIMARY KEY, "goal_id" INTEGER NOT NULL, "position" INTEGER NOT NULL, "specific" TEXT NOT NULL, "measurable" TEXT NOT NULL, "achievable" TEXT NOT NULL, "when_text" TEXT NOT NULL, "due_date" DATE, "bring" TEXT NOT NULL, "done" INTEGER NOT NULL, "done_on" DATE, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, FOREIGN KEY ("goal_id") REFERENCES "goal" ("id") ON DELETE CASCADE)''',
    '''CREATE INDEX "step_goal_id" ON "step" ("goal_id")''',
    '''CREATE INDEX "step_goal_id_position" ON "step" ("goal_id", "position")''',
    '''CREATE TABLE "contact" ("id" INTEGER NOT NULL PRIMARY KEY, "person_id" INTEGER NOT NULL, "position" INTEGER NOT NULL, "name" TEXT NOT NULL, "relationship" TEXT NOT NULL, "roles" TEXT NOT NULL, "phone" TEXT NOT NULL, "can_text" INTEGER NOT NULL, "email" TEXT NOT NULL, "reachable" TEXT NOT NULL, "notes" TEXT NOT NULL, "updated_at" DATETIME NOT NULL, FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE)''',
    '''CREATE INDEX "contact_person_id" ON "contact" ("person_id")''',
]

_V1_PG = [
    '''CREATE TABLE "person" ("id" SERIAL NOT NULL PRIMARY KEY, "name" TEXT NOT NULL, "name_key" TEXT NOT NULL, "pin_hash" TEXT NOT NULL, "created_at" TIMESTAMP NOT NULL)''',
    '''CREATE UNIQUE INDEX "person_name_key" ON "person" ("name_key")''',
    '''CREATE TABLE "vision" ("id" SERIAL NOT NULL PRIMARY KEY, "person_id" INTEGER NOT NULL, "revision" INTEGER NOT NULL, "updated_at" TIMESTAMP, "vision" TEXT NOT NULL, FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE)''',
    '''CREATE UNIQUE INDEX "vision_person_id" ON "vision" ("person_id")''',
    '''CREATE TABLE "strengths" ("id" SERIAL NOT NULL PRIMARY KEY, "person_id" INTEGER NOT NULL, "revision" INTEGER NOT NULL, "updated_at" TIMESTAMP, "strengths" TEXT NOT NULL, FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE)''',
    '''CREATE UNIQUE INDEX "strengths_person_id" ON "strengths" ("person_id")''',
    '''CREATE TABLE "crisis_plan" ("id" SERIAL NOT NULL PRIMARY KEY, "person_id" INTEGER NOT NULL, "revision" INTEGER NOT NULL, "updated_at" TIMESTAMP, "warning_signs" TEXT NOT NULL, "on_my_own" TEXT NOT NULL, "distractions" TEXT NOT NULL, "ask_for_help" TEXT NOT NULL, "professionals" TEXT NOT NULL, "safer_surroundings" TEXT NOT NULL, "matters_most" TEXT NOT NULL, FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE)''',
    '''CREATE UNIQUE INDEX "crisis_plan_person_id" ON "crisis_plan" ("person_id")''',
    '''CREATE TABLE "overdose_plan" ("id" SERIAL NOT NULL PRIMARY KEY, "person_id" INTEGER NOT NULL, "revision" INTEGER NOT NULL, "updated_at" TIMESTAMP, "emergency_numbers" TEXT NOT NULL, "naloxone_where" TEXT NOT NULL, "naloxone_person" TEXT NOT NULL, "check_in_person" TEXT NOT NULL, "check_in_how" TEXT NOT NULL, "other_steps" TEXT NOT NULL, FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE)''',
    '''CREATE UNIQUE INDEX "overdose_plan_person_id" ON "overdose_plan" ("person_id")''',
    '''CREATE TABLE "cravings" ("id" SERIAL NOT NULL PRIMARY KEY, "person_id" INTEGER NOT NULL, "revision" INTEGER NOT NULL, "updated_at" TIMESTAMP, "triggers" TEXT NOT NULL, "relief" TEXT NOT NULL, FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE)''',
    '''CREATE UNIQUE INDEX "cravings_person_id" ON "cravings" ("person_id")''',
    '''CREATE TABLE "toolkit_answer" ("id" SERIAL NOT NULL PRIMARY KEY, "person_id" INTEGER NOT NULL, "question" TEXT NOT NULL, "answer" TEXT NOT NULL, "updated_at" TIMESTAMP NOT NULL, FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE)''',
    '''CREATE INDEX "toolkit_answer_person_id" ON "toolkit_answer" ("person_id")''',
    '''CREATE UNIQUE INDEX "toolkit_answer_person_id_question" ON "toolkit_answer" ("person_id", "question")''',
    '''CREATE TABLE "goal" ("id" SERIAL NOT NULL PRIMARY KEY, "person_id" INTEGER NOT NULL, "text" TEXT NOT NULL, "term" TEXT NOT NULL, "importance" INTEGER NOT NULL, "timeline" INTEGER NOT NULL, "status" TEXT NOT NULL, "target_date" DATE, "done_on" DATE, "created_at" TIMESTAMP NOT NULL, "updated_at" TIMESTAMP NOT NULL, FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE)''',
    '''CREATE INDEX "goal_person_id" ON "goal" ("person_id")''',
    '''CREATE INDEX "goal_person_id_term_importance" ON "goal" ("person_id", "term", "importance")''',
    '''CREATE INDEX "goal_person_id_term_timeline" ON "goal" ("person_id", "term", "timeline")''',
    '''CREATE TABLE "step" ("id" SERIAL NOT NULL PRIMARY KEY, "goal_id" INTEGER NOT NULL, "position" INTEGER NOT NULL, "specific" TEXT NOT NULL, "measurable" TEXT NOT NULL, "achievable" TEXT NOT NULL, "when_text" TEXT NOT NULL, "due_date" DATE, "bring" TEXT NOT NULL, "done" BOOLEAN NOT NULL, "done_on" DATE, "created_at" TIMESTAMP NOT NULL, "updated_at" TIMESTAMP NOT NULL, FOREIGN KEY ("goal_id") REFERENCES "goal" ("id") ON DELETE CASCADE)''',
    '''CREATE INDEX "step_goal_id" ON "step" ("goal_id")''',
    '''CREATE INDEX "step_goal_id_position" ON "step" ("goal_id", "position")''',
    '''CREATE TABLE "contact" ("id" SERIAL NOT NULL PRIMARY KEY, "person_id" INTEGER NOT NULL, "position" INTEGER NOT NULL, "name" TEXT NOT NULL, "relationship" TEXT NOT NULL, "roles" TEXT NOT NULL, "phone" TEXT NOT NULL, "can_text" BOOLEAN NOT NULL, "email" TEXT NOT NULL, "reachable" TEXT NOT NULL, "notes" TEXT NOT NULL, "updated_at" TIMESTAMP NOT NULL, FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE)''',
    '''CREATE INDEX "contact_person_id" ON "contact" ("person_id")''',
]


# Version 2: reminders that speak to the person.
_V2 = [
    '''CREATE TABLE "reminder" ("id" INTEGER NOT NULL PRIMARY KEY, "person_id" INTEGER NOT NULL, "position" INTEGER NOT NULL, "text" TEXT NOT NULL, "updated_at" DATETIME NOT NULL, FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE)''',
    '''CREATE INDEX "reminder_person_id" ON "reminder" ("person_id")''',
]

_V2_PG = [
    '''CREATE TABLE "reminder" ("id" SERIAL NOT NULL PRIMARY KEY, "person_id" INTEGER NOT NULL, "position" INTEGER NOT NULL, "text" TEXT NOT NULL, "updated_at" TIMESTAMP NOT NULL, FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE)''',
    '''CREATE INDEX "reminder_person_id" ON "reminder" ("person_id")''',
]


# Version 3: encryption at rest, names found by keyed hash, recovery codes,
# wrong tries counted, an audit trail. Plans stored before it are sealed
# under a new data key wrapped by the site key alone, until their first
# sign-in re-wraps it with the PIN (tui.store.plans.sign_in).
_V3 = [
    '''ALTER TABLE "person" RENAME COLUMN "name_key" TO "lookup"''',
    '''DROP INDEX "person_name_key"''',
    '''CREATE UNIQUE INDEX "person_lookup" ON "person" ("lookup")''',
    '''ALTER TABLE "person" RENAME COLUMN "name" TO "name_sealed"''',
    '''ALTER TABLE "person" ADD COLUMN "kdf" TEXT''',
    '''ALTER TABLE "person" ADD COLUMN "pin_wrap" TEXT''',
    '''ALTER TABLE "person" ADD COLUMN "legacy_pin_hash" TEXT''',
    '''ALTER TABLE "person" ADD COLUMN "legacy_wrap" TEXT''',
    '''UPDATE "person" SET "legacy_pin_hash" = "pin_hash"''',
    '''ALTER TABLE "person" DROP COLUMN "pin_hash"''',
    '''CREATE TABLE "site_info" ("id" INTEGER NOT NULL PRIMARY KEY, "key_check" TEXT NOT NULL)''',
    '''CREATE TABLE "recovery_code" ("id" INTEGER NOT NULL PRIMARY KEY, "person_id" INTEGER NOT NULL, "salt" TEXT NOT NULL, "wrap" TEXT NOT NULL, "used_at" DATETIME, FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE)''',
    '''CREATE INDEX "recovery_code_person_id" ON "recovery_code" ("person_id")''',
    '''CREATE TABLE "sign_in_attempt" ("id" INTEGER NOT NULL PRIMARY KEY, "lookup" TEXT NOT NULL, "failures" INTEGER NOT NULL, "wait_until" DATETIME, "last_at" DATETIME NOT NULL)''',
    '''CREATE UNIQUE INDEX "sign_in_attempt_lookup" ON "sign_in_attempt" ("lookup")''',
    '''CREATE TABLE "audit_event" ("id" INTEGER NOT NULL PRIMARY KEY, "at" DATETIME NOT NULL, "event" TEXT NOT NULL, "person_id" INTEGER, "terminal" TEXT NOT NULL, "detail" TEXT NOT NULL)''',
    '''CREATE INDEX "audit_event_at" ON "audit_event" ("at")''',
]

_V3_PG = [
    '''ALTER TABLE "person" RENAME COLUMN "name_key" TO "lookup"''',
    '''DROP INDEX "person_name_key"''',
    '''CREATE UNIQUE INDEX "person_lookup" ON "person" ("lookup")''',
    '''ALTER TABLE "person" RENAME COLUMN "name" TO "name_sealed"''',
    '''ALTER TABLE "person" ADD COLUMN "kdf" TEXT''',
    '''ALTER TABLE "person" ADD COLUMN "pin_wrap" TEXT''',
    '''ALTER TABLE "person" ADD COLUMN "legacy_pin_hash" TEXT''',
    '''ALTER TABLE "person" ADD COLUMN "legacy_wrap" TEXT''',
    '''UPDATE "person" SET "legacy_pin_hash" = "pin_hash"''',
    '''ALTER TABLE "person" DROP COLUMN "pin_hash"''',
    '''CREATE TABLE "site_info" ("id" SERIAL NOT NULL PRIMARY KEY, "key_check" TEXT NOT NULL)''',
    '''CREATE TABLE "recovery_code" ("id" SERIAL NOT NULL PRIMARY KEY, "person_id" INTEGER NOT NULL, "salt" TEXT NOT NULL, "wrap" TEXT NOT NULL, "used_at" TIMESTAMP, FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE)''',
    '''CREATE INDEX "recovery_code_person_id" ON "recovery_code" ("person_id")''',
    '''CREATE TABLE "sign_in_attempt" ("id" SERIAL NOT NULL PRIMARY KEY, "lookup" TEXT NOT NULL, "failures" INTEGER NOT NULL, "wait_until" TIMESTAMP, "last_at" TIMESTAMP NOT NULL)''',
    '''CREATE UNIQUE INDEX "sign_in_attempt_lookup" ON "sign_in_attempt" ("lookup")''',
    '''CREATE TABLE "audit_event" ("id" SERIAL NOT NULL PRIMARY KEY, "at" TIMESTAMP NOT NULL, "event" TEXT NOT NULL, "person_id" INTEGER, "terminal" TEXT NOT NULL, "detail" TEXT NOT NULL)''',
    '''CREATE INDEX "audit_event_at" ON "audit_event" ("at")''',
]

# The text columns version 3 seals, and how each table's rows reach their person.
_V3_SEALED = {
    "vision": ("person_id", ["vision"]),
    "strengths": ("person_id", ["strengths"]),
    "crisis_plan": ("person_id", ["warning_signs", "on_my_own", "distractions", "ask_for_help",
                                  "professionals", "safer_surroundings", "matters_most"]),
    "overdose_plan": ("person_id", ["emergency_numbers", "naloxone_where", "naloxone_person",
                                    "check_in_person", "check_in_how", "other_steps"]),
    "cravings": ("person_id", ["triggers", "relief"]),
    "toolkit_answer": ("person_id", ["answer"]),
    "goal": ("person_id", ["text"]),
    "step": ('(SELECT "person_id" FROM "goal" WHERE "goal"."id" = "step"."goal_id")',
             ["specific", "measurable", "achievable", "when_text", "bring"]),
    "contact": ("person_id", ["name", "relationship", "roles", "phone", "email", "reachable",
                              "notes"]),
    "reminder": ("person_id", ["text"]),
}


def _v3(database: peewee.Database, site_key: bytes) -> None:
    _run_all(_V3, _V3_PG)(database, site_key)
    sql = _dialect(database)
    database.execute_sql(sql('INSERT INTO "site_info" ("key_check") VALUES (?)'),
                         (crypto.key_check(site_key),))
    people = database.execute_sql('SELECT "id", "lookup", "name_sealed" FROM "person"').fetchall()
    for person_id, name_key, name in people:
        data_key = crypto.new_data_key()
        sealer = crypto.Sealer(data_key)
        database.execute_sql(
            sql('UPDATE "person" SET "lookup" = ?, "name_sealed" = ?, "legacy_wrap" = ? WHERE "id" = ?'),
            (crypto.name_lookup(site_key, name_key),
             sealer.seal(name, crypto.place("person", person_id, "name_sealed")),
             crypto.wrap(crypto.site_only_key(site_key, person_id), data_key,
                         f"person/{person_id}/legacy"),
             person_id))
        for table, (owner, columns) in _V3_SEALED.items():
            quoted = ", ".join(f'"{column}"' for column in columns)
            rows = database.execute_sql(
                sql(f'SELECT "id", {quoted} FROM "{table}" WHERE {owner} = ?'), (person_id,)).fetchall()
            assignments = ", ".join(f'"{column}" = ?' for column in columns)
            for row_id, *values in rows:
                sealed = [sealer.seal(value or "", crypto.place(table, row_id, column))
                          for column, value in zip(columns, values)]
                database.execute_sql(sql(f'UPDATE "{table}" SET {assignments} WHERE "id" = ?'),
                                     (*sealed, row_id))


def is_postgresql(database: peewee.Database) -> bool:
    return isinstance(database, peewee.PostgresqlDatabase)


def _dialect(database: peewee.Database) -> Callable[[str], str]:
    """Writes a statement's `?` placeholders the way `database` takes them."""
    return lambda statement: statement.replace("?", database.param)


def _run_all(statements: list[str], postgresql: list[str] | None = None
             ) -> Callable[[peewee.Database, bytes], None]:
    """A migration that runs frozen statements: `statements` on SQLite,
    `postgresql` (the same schema in PostgreSQL's dialect) on PostgreSQL."""

    def migrate(database: peewee.Database, site_key: bytes) -> None:
        chosen = statements
        if is_postgresql(database):
            if postgresql is None:
                raise DatabaseError("This version of Recovery Plan can't make its schema on "
                                    "PostgreSQL. Please report it; nothing was changed.")
            chosen = postgresql
        for statement in chosen:
            database.execute_sql(statement)

    migrate.has_postgresql = postgresql is not None  # type: ignore[attr-defined]
    return migrate


# Version 4: section history and drafts.
_V4 = [
    '''CREATE TABLE "section_revision" ("id" INTEGER NOT NULL PRIMARY KEY, "person_id" INTEGER NOT NULL, "section" TEXT NOT NULL, "saved_at" DATETIME NOT NULL, "fields_sealed" TEXT NOT NULL, FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE)''',
    '''CREATE INDEX "section_revision_person_id" ON "section_revision" ("person_id")''',
    '''CREATE INDEX "section_revision_person_id_section_saved_at" ON "section_revision" ("person_id", "section", "saved_at")''',
    '''CREATE TABLE "draft" ("id" INTEGER NOT NULL PRIMARY KEY, "person_id" INTEGER NOT NULL, "place" TEXT NOT NULL, "values_sealed" TEXT NOT NULL, "saved_at" DATETIME NOT NULL, FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE)''',
    '''CREATE INDEX "draft_person_id" ON "draft" ("person_id")''',
    '''CREATE UNIQUE INDEX "draft_person_id_place" ON "draft" ("person_id", "place")''',
]

_V4_PG = [
    '''CREATE TABLE "section_revision" ("id" SERIAL NOT NULL PRIMARY KEY, "person_id" INTEGER NOT NULL, "section" TEXT NOT NULL, "saved_at" TIMESTAMP NOT NULL, "fields_sealed" TEXT NOT NULL, FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE)''',
    '''CREATE INDEX "section_revision_person_id" ON "section_revision" ("person_id")''',
    '''CREATE INDEX "section_revision_person_id_section_saved_at" ON "section_revision" ("person_id", "section", "saved_at")''',
    '''CREATE TABLE "draft" ("id" SERIAL NOT NULL PRIMARY KEY, "person_id" INTEGER NOT NULL, "place" TEXT NOT NULL, "values_sealed" TEXT NOT NULL, "saved_at" TIMESTAMP NOT NULL, FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE)''',
    '''CREATE INDEX "draft_person_id" ON "draft" ("person_id")''',
    '''CREATE UNIQUE INDEX "draft_person_id_place" ON "draft" ("person_id", "place")''',
]


# Version 5: the guided walkthrough's place, and check-ins with each step's outcome.
_V5 = [
    '''CREATE TABLE "guide_progress" ("id" INTEGER NOT NULL PRIMARY KEY, "person_id" INTEGER NOT NULL, "step" TEXT NOT NULL, "finished" INTEGER NOT NULL, "updated_at" DATETIME NOT NULL, FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE)''',
    '''CREATE UNIQUE INDEX "guide_progress_person_id" ON "guide_progress" ("person_id")''',
    '''CREATE TABLE "check_in" ("id" INTEGER NOT NULL PRIMARY KEY, "person_id" INTEGER NOT NULL, "held_on" DATE NOT NULL, "created_at" DATETIME NOT NULL, FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE)''',
    '''CREATE INDEX "check_in_person_id" ON "check_in" ("person_id")''',
    '''CREATE INDEX "check_in_person_id_held_on" ON "check_in" ("person_id", "held_on")''',
    '''CREATE TABLE "check_in_outcome" ("id" INTEGER NOT NULL PRIMARY KEY, "check_in_id" INTEGER NOT NULL, "step_id" INTEGER, "outcome" TEXT NOT NULL, "goal_words" TEXT NOT NULL, "step_words" TEXT NOT NULL, "due_date" DATE, "note" TEXT NOT NULL, FOREIGN KEY ("check_in_id") REFERENCES "check_in" ("id") ON DELETE CASCADE, FOREIGN KEY ("step_id") REFERENCES "step" ("id") ON DELETE SET NULL)''',
    '''CREATE INDEX "check_in_outcome_check_in_id" ON "check_in_outcome" ("check_in_id")''',
    '''CREATE INDEX "check_in_outcome_step_id" ON "check_in_outcome" ("step_id")''',
]

_V5_PG = [
    '''CREATE TABLE "guide_progress" ("id" SERIAL NOT NULL PRIMARY KEY, "person_id" INTEGER NOT NULL, "step" TEXT NOT NULL, "finished" BOOLEAN NOT NULL, "updated_at" TIMESTAMP NOT NULL, FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE)''',
    '''CREATE UNIQUE INDEX "guide_progress_person_id" ON "guide_progress" ("person_id")''',
    '''CREATE TABLE "check_in" ("id" SERIAL NOT NULL PRIMARY KEY, "person_id" INTEGER NOT NULL, "held_on" DATE NOT NULL, "created_at" TIMESTAMP NOT NULL, FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE)''',
    '''CREATE INDEX "check_in_person_id" ON "check_in" ("person_id")''',
    '''CREATE INDEX "check_in_person_id_held_on" ON "check_in" ("person_id", "held_on")''',
    '''CREATE TABLE "check_in_outcome" ("id" SERIAL NOT NULL PRIMARY KEY, "check_in_id" INTEGER NOT NULL, "step_id" INTEGER, "outcome" TEXT NOT NULL, "goal_words" TEXT NOT NULL, "step_words" TEXT NOT NULL, "due_date" DATE, "note" TEXT NOT NULL, FOREIGN KEY ("check_in_id") REFERENCES "check_in" ("id") ON DELETE CASCADE, FOREIGN KEY ("step_id") REFERENCES "step" ("id") ON DELETE SET NULL)''',
    '''CREATE INDEX "check_in_outcome_check_in_id" ON "check_in_outcome" ("check_in_id")''',
    '''CREATE INDEX "check_in_outcome_step_id" ON "check_in_outcome" ("step_id")''',
]


# Version 6: PIN checks in progress, counted with the wrong tries so tries made
# at the same moment in many sessions can't get round a wait; and the language
# a person chose for the app's screens, sealed.
_V6 = [
    '''ALTER TABLE "person" ADD COLUMN "language_sealed" TEXT''',
    '''CREATE TABLE "sign_in_check" ("id" INTEGER NOT NULL PRIMARY KEY, "lookup" TEXT NOT NULL, "started_at" DATETIME NOT NULL)''',
    '''CREATE INDEX "sign_in_check_lookup" ON "sign_in_check" ("lookup")''',
]

_V6_PG = [
    '''ALTER TABLE "person" ADD COLUMN "language_sealed" TEXT''',
    '''CREATE TABLE "sign_in_check" ("id" SERIAL NOT NULL PRIMARY KEY, "lookup" TEXT NOT NULL, "started_at" TIMESTAMP NOT NULL)''',
    '''CREATE INDEX "sign_in_check_lookup" ON "sign_in_check" ("lookup")''',
]


_v3.has_postgresql = True  # type: ignore[attr-defined]


MIGRATIONS: list[Callable[[peewee.Database, bytes], None]] = [
    _run_all(_V1, _V1_PG),  # -> version 1
    _run_all(_V2, _V2_PG),  # -> version 2
    _v3,  # -> version 3 (both dialects)
    _run_all(_V4, _V4_PG),  # -> version 4
    _run_all(_V5, _V5_PG),  # -> version 5
    _run_all(_V6, _V6_PG),  # -> version 6
]
LATEST = len(MIGRATIONS)
SEALED_FROM = 3  # the first version that keeps plans encrypted


def upgrade(database: peewee.Database, site_key: bytes) -> int:
    """Bring the schema to LATEST. Call inside a write transaction, so two
    processes opening a new database at once don't both migrate it."""
    database.execute_sql(_SCHEMA_INFO_PG if is_postgresql(database) else _SCHEMA_INFO)
    current = SchemaInfo.select(peewee.fn.MAX(SchemaInfo.version)).scalar() or 0
    if current > LATEST:  # made newer between the read-only look and this transaction
        raise DatabaseError(
            f"The plan database was made by a newer version of Recovery Plan (schema {current}; "
            f"this one knows up to {LATEST}). Please update Recovery Plan. Nothing was changed."
        )
    for version in range(current + 1, LATEST + 1):
        MIGRATIONS[version - 1](database, site_key)
        SchemaInfo.delete().execute()
        SchemaInfo.create(version=version)
    return LATEST


def schema_differences(database: peewee.Database) -> list[str]:
    """What the database lacks that the models expect (tables and columns)."""
    problems = []
    tables = set(database.get_tables())
    for model in ALL_MODELS:
        table = model._meta.table_name
        if table not in tables:
            problems.append(f"table {table} is missing")
            continue
        present = {column.name for column in database.get_columns(table)}
        for field in model._meta.sorted_fields:
            if field.column_name not in present:
                problems.append(f"column {table}.{field.column_name} is missing")
    return problems
