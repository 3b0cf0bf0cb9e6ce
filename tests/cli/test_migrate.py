"""`recovery-plan migrate --from URL --to URL`: a center's plans moved into a
shared database (the test backend: PostgreSQL with RECOVERY_PLAN_TEST_DB_URL,
else another SQLite file), sealed as they are; and what the other commands
say about a PostgreSQL database."""

from __future__ import annotations

import pytest

from tests.cli.test_cli import private_home, rows, run  # noqa: F401  (private_home: autouse)
from tests.conftest import TEST_PIN, open_test_store, site_key_of
from tui.store import crypto, sign_in

DEMO_PIN = "975310"


@pytest.fixture
def center(tmp_path):
    """A center's own SQLite file with the demo plan, signed in to once."""
    db = tmp_path / "center" / "plans.sqlite3"
    db.parent.mkdir()
    assert run("--db", str(db), "demo").returncode == 0
    assert run("--db", str(db), "crisis", "Demo", "--pin-stdin", input=DEMO_PIN + "\n").returncode == 0
    return db


def target_key(location, tmp_path):
    """Where the target's site key file is: named for PostgreSQL, beside a SQLite file."""
    return site_key_of(location) or tmp_path / (location.name + ".site-key")


def sealed(location) -> dict[str, list]:
    """The sealed columns as stored, by table: they must arrive unchanged."""
    found = rows(location)
    return {table: sorted(str(row) for row in found[table])
            for table in ("person", "recovery_code", "goal", "step", "contact", "vision",
                          "section_revision")}


def test_every_plan_moves_sealed_as_it_is_and_the_counts_are_checked(center, db_location, tmp_path):
    result = run("migrate", "--from", f"sqlite:///{center}", "--to", str(db_location))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Moved every plan from") and "sealed as they were" in lines[0]
    counts = dict(line.split() for line in lines[2:23])
    assert counts["person"] == "1" and counts["goal"] == "6" and counts["recovery_code"] == "8"
    assert int(counts["audit_event"]) >= 3
    assert "Every table has the same number of rows in both (1 plan)." in result.stdout
    key = target_key(db_location, tmp_path)
    assert f"Copied the site key to {key}" in result.stdout
    assert key.read_bytes() == (center.parent / "plans.sqlite3.site-key").read_bytes()
    assert "password" not in result.stdout

    source, moved = rows(center), rows(db_location)
    assert {t: len(r) for t, r in source.items()} == {t: len(r) for t, r in moved.items()}
    # The same rows, ids and sealed text (values may be typed differently by each database).
    assert [r[:3] for r in source["person"]] == [r[:3] for r in moved["person"]]
    assert [r[3] for r in source["goal"]] == [r[3] for r in moved["goal"]]  # goal.text, sealed

    checked = run("--db", str(db_location), "check")
    assert checked.returncode == 0 and checked.stdout.startswith("OK"), checked.stderr
    crisis = run("--db", str(db_location), "crisis", "Demo", "--pin-stdin", input=DEMO_PIN + "\n")
    assert crisis.returncode == 0 and "naloxone" in crisis.stdout
    audit = run("--db", str(db_location), "audit").stdout
    assert "plan made" in audit and audit.count("signed in") >= 1

    # New rows after the move get new ids (PostgreSQL's sequences moved past the copied ids).
    store = open_test_store(db_location)
    try:
        plan = sign_in(store, "Demo", DEMO_PIN)
        goal = plan.add_goal("A goal after the move")
        assert goal.id > max(row[0] for row in moved["goal"])
        assert len(plan.goals()) == 7
    finally:
        store.close()


def test_a_database_that_holds_plans_is_refused_and_left_as_it_is(center, db_location):
    assert run("--db", str(db_location), "demo").returncode == 0
    key = site_key_of(db_location) or db_location.with_name(db_location.name + ".site-key")
    before = rows(db_location)
    result = run("migrate", "--from", str(center), "--to", str(db_location),
                 env_extra={"RECOVERY_PLAN_SITE_KEY": str(key)})
    assert result.returncode == 1
    assert len(result.stderr.splitlines()) == 1, result.stderr
    # Its own key is not the center's: refused before anything is looked at.
    assert "not the one the plans were sealed with" in result.stderr
    assert rows(db_location) == before


def test_a_target_of_the_same_key_that_holds_plans_is_refused(center, db_location, tmp_path):
    key = target_key(db_location, tmp_path)
    key.write_bytes((center.parent / "plans.sqlite3.site-key").read_bytes())
    key.chmod(0o600)
    if site_key_of(db_location) is None:
        db_location.touch()  # a new database beside a key already there: made on purpose
    assert run("--db", str(db_location), "demo", env_extra={"RECOVERY_PLAN_SITE_KEY": str(key)}
               ).returncode == 0
    before = rows(db_location)
    result = run("migrate", "--from", str(center), "--to", str(db_location),
                 env_extra={"RECOVERY_PLAN_SITE_KEY": str(key)})
    assert result.returncode == 1
    assert "already holds plans" in result.stderr and "Nothing was changed" in result.stderr
    assert rows(db_location) == before


def test_another_site_key_for_the_target_is_refused_before_anything_is_made(center, db_location,
                                                                              tmp_path):
    key = target_key(db_location, tmp_path)
    key.write_bytes(b"k" * crypto.KEY_BYTES)
    result = run("migrate", "--from", str(center), "--to", str(db_location),
                 env_extra={"RECOVERY_PLAN_SITE_KEY": str(key)})
    assert result.returncode == 1 and "same key" in result.stderr
    assert not rows(db_location)  # no file, or no table: nothing was made
    assert key.read_bytes() == b"k" * crypto.KEY_BYTES


def test_the_same_database_twice_is_refused(center):
    result = run("migrate", "--from", str(center), "--to", f"sqlite:///{center}")
    assert result.returncode == 1 and "same database" in result.stderr


def test_a_missing_source_is_named(tmp_path, db_location):
    result = run("migrate", "--from", str(tmp_path / "nowhere.sqlite3"), "--to", str(db_location))
    assert result.returncode == 1 and "no plan database" in result.stderr
    assert "Traceback" not in result.stderr


def test_plans_move_back_from_the_shared_database_too(db_location, tmp_path):
    store = open_test_store(db_location)
    from tui.store import create_person

    plan = create_person(store, "Sam", TEST_PIN)
    plan.add_goal("Find a place to live")
    store.close()
    back = tmp_path / "back" / "plans.sqlite3"
    back.parent.mkdir()
    result = run("migrate", "--from", str(db_location), "--to", str(back))
    assert result.returncode == 0, result.stderr
    moved = open_test_store(back, site_key_path=site_key_of(db_location))
    try:
        assert [g.text for g in sign_in(moved, "Sam", TEST_PIN).goals()] == ["Find a place to live"]
    finally:
        moved.close()


@pytest.mark.postgresql_only("a PostgreSQL database")
@pytest.mark.parametrize("command", [["backup", "x.sqlite3"], ["restore", "x.sqlite3", "--yes"]])
def test_backup_and_restore_of_postgresql_say_to_use_pg_dump(db_location, command, tmp_path):
    result = run("--db", str(db_location), *command, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "recovery-plan: A PostgreSQL database is backed up with pg_dump and put back with "
        "pg_restore, not with this command (see docs/postgresql.md).")


@pytest.mark.postgresql_only("a PostgreSQL database")
def test_check_on_postgresql_names_the_server_and_no_write_ahead_log(db_location):
    assert run("--db", str(db_location), "demo").returncode == 0
    result = run("--db", str(db_location), "check")
    assert result.returncode == 0, result.stderr
    assert "PostgreSQL" in result.stdout and "write-ahead log" not in result.stdout
    assert len(result.stdout.splitlines()) == 1


@pytest.mark.postgresql_only("a PostgreSQL database")
def test_commands_on_an_empty_postgresql_database_make_nothing(db_location):
    for command in (["check"], ["audit"], ["delete", "Sam", "--yes"]):
        result = run("--db", str(db_location), *command)
        assert result.returncode == 1
        assert "There is no plan database in" in result.stderr and "no tables" in result.stderr
    assert rows(db_location) == {}
