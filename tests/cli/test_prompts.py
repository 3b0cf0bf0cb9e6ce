"""What the commands ask at a terminal of their own: the name, the PIN without
echo, and the name typed again before a staff command acts on a plan."""

from __future__ import annotations

import pytest

from tests.cli.test_cli import private_home, rows, run  # noqa: F401  (private_home is an autouse fixture)
from tests.cli.test_json_export import at_terminal


@pytest.fixture
def demo_db(db_location):
    assert run("--db", str(db_location), "demo").returncode == 0
    return db_location


def test_crisis_asks_the_name_then_the_pin_without_echo(demo_db):
    code, seen = at_terminal("--db", str(demo_db), "crisis", answers=["Demo", "975310"])
    assert code == 0, seen
    assert seen.index("Name: ") < seen.index("Demo") < seen.index("PIN: ")
    assert "975310" not in seen  # typed, never shown
    assert "MY CRISIS PLAN" in seen


def test_export_asks_the_pin_of_the_name_given(demo_db, tmp_path):
    card = tmp_path / "card.txt"
    code, seen = at_terminal("--db", str(demo_db), "export", "Demo", "-o", str(card),
                             answers=["975310"])
    assert code == 0, seen
    assert "Name: " not in seen and "PIN: " in seen and "975310" not in seen
    assert "Saved the pocket card to" in seen and card.exists()


def test_delete_acts_once_the_name_is_typed_again(demo_db):
    code, seen = at_terminal("--db", str(demo_db), "delete", answers=["Demo", " demo "])
    assert code == 0, seen
    assert "Type the name again to delete it: " in seen
    assert "The plan was deleted." in seen
    assert len(rows(demo_db)["person"]) == 0


def test_unlock_with_another_name_typed_again_changes_nothing(demo_db):
    code, seen = at_terminal("--db", str(demo_db), "unlock", "Demo", answers=["Dmeo"])
    assert code == 1, seen
    assert "This ends the wait after wrong PINs for Demo now. The plan stays closed." in seen
    assert "Nothing was changed. (To end the wait without a question, add --yes.)" in seen
