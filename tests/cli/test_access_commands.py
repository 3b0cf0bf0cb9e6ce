"""`recovery-plan delete`, `recovery-plan audit` and where the site key lives."""

from __future__ import annotations

import pytest

from tests.cli.test_cli import private_home, rows, run  # noqa: F401  (private_home is an autouse fixture)
from tests.conftest import site_key_of


@pytest.fixture
def demo_db(db_location):
    assert run("--db", str(db_location), "demo").returncode == 0
    return db_location


def count(db, table: str) -> int:
    return len(rows(db)[table])


def test_delete_needs_a_confirmation(demo_db):
    refused = run("--db", str(demo_db), "delete", "Demo")  # no terminal to ask at, no --yes
    assert refused.returncode == 1 and "Nothing was deleted" in refused.stderr
    assert count(demo_db, "person") == 1
    deleted = run("--db", str(demo_db), "delete", "demo", "--yes")
    assert deleted.returncode == 0, deleted.stderr
    assert count(demo_db, "person") == count(demo_db, "goal") == count(demo_db, "recovery_code") == 0
    gone = run("--db", str(demo_db), "crisis", "Demo", "--pin-stdin", input="975310\n")
    assert gone.returncode == 1 and "don't open a plan" in gone.stderr


def test_delete_of_an_unknown_name_changes_nothing(demo_db):
    result = run("--db", str(demo_db), "delete", "Nobody", "--yes")
    assert result.returncode == 1 and "No plan has that name" in result.stderr
    assert count(demo_db, "person") == 1


def test_audit_lists_events_by_plan_number_only(demo_db):
    run("--db", str(demo_db), "crisis", "Demo", "--pin-stdin", input="wrong-pin\n")
    run("--db", str(demo_db), "crisis", "Demo", "--pin-stdin", input="975310\n")
    result = run("--db", str(demo_db), "audit")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["when", "plan", "terminal", "what"]
    text = result.stdout
    assert "plan made" in text and "wrong name or PIN" in text and "signed in" in text
    assert "plan changed (section crisis)" in text and "#1" in text
    assert "Demo" not in text and "975310" not in text and "wrong-pin" not in text
    only = run("--db", str(demo_db), "audit", "--name", "demo", "--limit", "2")
    assert len(only.stdout.splitlines()) == 3
    unknown = run("--db", str(demo_db), "audit", "--name", "nobody")
    assert unknown.returncode == 1


@pytest.mark.sqlite_only("the site key file beside the SQLite file")
def test_the_site_key_can_be_set_by_environment_or_config(tmp_path):
    db = tmp_path / "plans.sqlite3"
    key = tmp_path / "secret" / "site.key"
    key.parent.mkdir()
    made = run("--db", str(db), "demo", env_extra={"RECOVERY_PLAN_SITE_KEY": str(key)})
    assert made.returncode == 0, made.stderr
    assert key.stat().st_mode & 0o777 == 0o600
    assert not (tmp_path / "plans.sqlite3.site-key").exists()
    without = run("--db", str(db), "crisis", "Demo", "--pin-stdin", input="975310\n")
    assert without.returncode == 1 and "site key" in without.stderr and "missing" in without.stderr
    config = tmp_path / "site.toml"
    config.write_text(f'[security]\nsite_key = "{key}"\n')
    opened = run("--config", str(config), "--db", str(db), "crisis", "Demo", "--pin-stdin",
                 input="975310\n")
    assert opened.returncode == 0, opened.stderr


@pytest.mark.postgresql_only("a PostgreSQL database's site key")
def test_a_postgresql_database_needs_its_site_key_named(demo_db):
    result = run("--db", str(demo_db), "check", env_extra={"RECOVERY_PLAN_SITE_KEY": ""})
    assert result.returncode == 1 and "RECOVERY_PLAN_SITE_KEY" in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_check_warns_when_others_can_read_the_site_key(demo_db):
    key = site_key_of(demo_db) or demo_db.with_name(demo_db.name + ".site-key")
    assert run("--db", str(demo_db), "check").stderr == ""
    key.chmod(0o640)
    result = run("--db", str(demo_db), "check")
    assert result.returncode == 0 and "chmod 600" in result.stderr
