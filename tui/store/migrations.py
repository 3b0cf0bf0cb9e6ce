"""Numbered schema migrations, run in order when a database is opened.

Each migration is frozen once released: later changes come as new numbers, so
a database made by any earlier version can be brought up to date. The version
lives in the `schema_info` table (a table, not SQLite's user_version, so the
same scheme works on PostgreSQL).
"""

from __future__ import annotations

from collections.abc import Callable

import peewee

from tui.store.errors import DatabaseError
from tui.store.models import ALL_MODELS, SchemaInfo

_SCHEMA_INFO = 'CREATE TABLE IF NOT EXISTS "schema_info" ("id" INTEGER NOT NULL PRIMARY KEY, "version" INTEGER NOT NULL)'

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


# Version 2: reminders that speak to the person.
_V2 = [
    '''CREATE TABLE "reminder" ("id" INTEGER NOT NULL PRIMARY KEY, "person_id" INTEGER NOT NULL, "position" INTEGER NOT NULL, "text" TEXT NOT NULL, "updated_at" DATETIME NOT NULL, FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE)''',
    '''CREATE INDEX "reminder_person_id" ON "reminder" ("person_id")''',
]


def _run_all(statements: list[str]) -> Callable[[peewee.Database], None]:
    def migrate(database: peewee.Database) -> None:
        for statement in statements:
            database.execute_sql(statement)

    return migrate


MIGRATIONS: list[Callable[[peewee.Database], None]] = [
    _run_all(_V1),  # -> version 1
    _run_all(_V2),  # -> version 2
]
LATEST = len(MIGRATIONS)


def upgrade(database: peewee.Database) -> int:
    """Bring the schema to LATEST. Call inside a write transaction, so two
    processes opening a new database at once don't both migrate it."""
    database.execute_sql(_SCHEMA_INFO)
    current = SchemaInfo.select(peewee.fn.MAX(SchemaInfo.version)).scalar() or 0
    if current > LATEST:  # made newer between the read-only look and this transaction
        raise DatabaseError(
            f"The plan database was made by a newer version of Recovery Plan (schema {current}; "
            f"this one knows up to {LATEST}). Please update Recovery Plan. Nothing was changed."
        )
    for version in range(current + 1, LATEST + 1):
        MIGRATIONS[version - 1](database)
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
