"""`recovery-plan export --format json` and `recovery-plan import`, run as a
person or a script would: the whole plan moves from one database to another,
and a broken file changes nothing."""

from __future__ import annotations

import fcntl
import json
import os
import select
import stat
import subprocess
import termios
import time

import pytest

from tests.cli.test_cli import SCRIPT, private_home, rows, run  # noqa: F401  (private_home: autouse)
from tests.conftest import site_key_env

PIN = "975310"
NEW_PIN = "a new pin 42"


@pytest.fixture
def demo_db(db_location):
    assert run("--db", str(db_location), "demo").returncode == 0
    return db_location


def export(db, out, *extra, pin=PIN, name="Demo"):
    return run("--db", str(db), "export", name, "--format", "json", "-o", str(out), "--pin-stdin",
               *extra, input=pin + "\n")


def import_(db, source, *extra, pin=NEW_PIN):
    return run("--db", str(db), "import", str(source), "--pin-stdin", *extra, input=pin + "\n")


def without_time(path) -> dict:
    document = json.loads(path.read_text(encoding="utf-8"))
    document.pop("exported_at")
    return document


def test_export_writes_the_whole_plan_privately(demo_db, tmp_path):
    out = tmp_path / "plan.json"
    result = export(demo_db, out)
    assert result.returncode == 0, result.stderr
    assert "Saved the whole plan" in result.stdout and "not encrypted" in result.stdout
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["format"] == "recovery-plan" and document["format_version"] == 1
    assert document["exported_at"] == "2026-11-26T10:00:00"
    assert "history" not in document
    plan = document["plan"]
    assert plan["name"] == "Demo"
    assert plan["overdose"]["naloxone_person"].startswith("My roommate Jay")
    assert [g["text"] for g in plan["goals"]][-1] == "I want to finish my GED"
    assert plan["contacts"][0]["roles"] == ["checks_on_me", "helps"]
    assert [s["when_text"] for s in plan["goals"][1]["steps"]] == ["2026-11-28", "2026-12-03",
                                                                   "2026-12-05"]
    assert PIN not in out.read_text()
    assert list(tmp_path.glob(".card-*")) == []  # no temporary file left


def test_export_to_standard_output_and_with_history(demo_db, tmp_path):
    result = run("--db", str(demo_db), "export", "Demo", "--format", "json", "-o", "-",
                 "--pin-stdin", "--history", input=PIN + "\n")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["history"]["vision"][0]["fields"]["vision"].startswith("I want a safe place")
    assert document["history"]["vision"][0]["saved_at"] == "2026-11-26T10:00:00"


def test_history_is_for_json_only_and_the_cards_still_work(demo_db, tmp_path):
    result = run("--db", str(demo_db), "export", "Demo", "--format", "txt", "--history",
                 "-o", str(tmp_path / "card.txt"), "--pin-stdin", input=PIN + "\n")
    assert result.returncode == 1
    assert result.stderr.strip() == "recovery-plan: --history works only with --format json."
    card = run("--db", str(demo_db), "export", "Demo", "--format", "md", "-o", "-", "--pin-stdin",
               input=PIN + "\n")
    assert card.returncode == 0 and "front pocket of my backpack" in card.stdout.replace("\\", "")
    assert '"format_version"' not in card.stdout


def test_export_with_a_wrong_pin_writes_nothing(demo_db, tmp_path):
    out = tmp_path / "plan.json"
    result = export(demo_db, out, pin="000000")
    assert result.returncode == 1 and not out.exists()
    assert "Traceback" not in result.stderr


def test_export_and_import_are_in_the_audit_trail(demo_db, tmp_path, new_db):
    out = tmp_path / "plan.json"
    assert export(demo_db, out).returncode == 0
    other = new_db()
    assert import_(other, out).returncode == 0
    trail = run("--db", str(demo_db), "audit").stdout
    assert "plan exported (json)" in trail
    assert "plan imported (json)" in run("--db", str(other), "audit").stdout


def test_a_plan_moves_to_another_database_exactly(demo_db, tmp_path, new_db):
    out, back = tmp_path / "plan.json", tmp_path / "again.json"
    assert export(demo_db, out).returncode == 0
    other = new_db()
    result = import_(other, out)
    assert result.returncode == 0, result.stderr
    assert "Made the plan of Demo from" in result.stdout
    assert "6 goals, 3 steps, 3 contacts" in result.stdout
    codes = [line for line in result.stdout.splitlines() if line[:2] in {f"{n}." for n in range(1, 9)}]
    assert len(codes) == 8
    assert export(other, back, pin=NEW_PIN).returncode == 0
    assert without_time(back) == without_time(out)
    # The old PIN doesn't open the copy; the new one does (checked by the export above).
    assert export(other, tmp_path / "x.json", pin=PIN).returncode == 1


def test_import_onto_a_name_in_use_asks_and_a_script_needs_replace(demo_db, tmp_path):
    out = tmp_path / "plan.json"
    assert export(demo_db, out).returncode == 0
    before = rows(demo_db)
    refused = import_(demo_db, out)
    assert refused.returncode == 1
    assert refused.stderr.strip() == ("recovery-plan: Nothing was changed. (To replace the plan "
                                      "without a question, add --replace.)")
    assert rows(demo_db) == before

    replaced = import_(demo_db, out, "--replace")
    assert replaced.returncode == 0, replaced.stderr
    assert replaced.stdout.startswith("Replaced the plan of Demo")
    assert export(demo_db, tmp_path / "old-pin.json", pin=PIN).returncode == 1
    assert export(demo_db, tmp_path / "new-pin.json", pin=NEW_PIN).returncode == 0
    assert without_time(tmp_path / "new-pin.json") == without_time(out)


def test_import_under_another_name(demo_db, tmp_path):
    out = tmp_path / "plan.json"
    assert export(demo_db, out).returncode == 0
    result = import_(demo_db, out, "--name", "Demo copy")
    assert result.returncode == 0, result.stderr
    copy = tmp_path / "copy.json"
    assert export(demo_db, copy, pin=NEW_PIN, name="demo COPY").returncode == 0
    assert json.loads(copy.read_text())["plan"]["name"] == "Demo copy"


def test_import_with_a_weak_or_missing_pin_changes_nothing(demo_db, tmp_path):
    out = tmp_path / "plan.json"
    assert export(demo_db, out).returncode == 0
    before = rows(demo_db)
    weak = import_(demo_db, out, "--name", "Sam", pin="123")
    assert weak.returncode == 1 and "at least 6 characters" in weak.stderr
    missing = run("--db", str(demo_db), "import", str(out), "--name", "Sam", input="")
    assert missing.returncode == 1 and "No PIN was given" in missing.stderr
    assert rows(demo_db) == before


def test_a_history_file_imports_the_plan_as_it_is_now(demo_db, tmp_path, new_db):
    out = tmp_path / "plan.json"
    assert export(demo_db, out, "--history").returncode == 0
    result = import_(new_db(), out)
    assert result.returncode == 0, result.stderr
    assert "past versions of the plan's parts were not imported" in result.stdout


def broken_files(good: str) -> dict[str, bytes]:
    document = json.loads(good)
    newer = dict(document, format_version=2)
    typed = json.loads(good)
    typed["plan"]["goals"][0]["importance"] = "first"
    return {
        "truncated": good[: len(good) // 2].encode(),
        "not JSON": b"Name: Demo\nPIN: 975310\n",
        "BOM": b"\xef\xbb\xbf" + good.encode(),
        "unknown version": json.dumps(newer).encode(),
        "wrong type": json.dumps(typed).encode(),
        "duplicate key": good.replace('"name": "Demo",', '"name": "Demo", "name": "Eve",').encode(),
        "deep nesting": b"[" * 100_000 + b"]" * 100_000,
        "not UTF-8": good.encode().replace(b"Pepper", b"Pep\xffer"),
        "empty": b"",
    }


EXPECTED = {
    "truncated": "ends too soon",
    "not JSON": "line 1, column 1: this is not valid JSON",
    "BOM": "line 1: the file starts with a byte order mark (BOM)",
    "unknown version": "format version 2; this Recovery Plan reads version 1",
    "wrong type": 'goal 1: "importance" must be a whole number, not text',
    "duplicate key": 'the key "name" appears twice',
    "deep nesting": "line 1: the data is nested more than 10 levels deep",
    "not UTF-8": "the file is not UTF-8 text",
    "empty": "The file is empty.",
}


@pytest.mark.parametrize("kind", EXPECTED)
def test_a_broken_file_is_refused_in_one_line_and_changes_nothing(demo_db, tmp_path, new_db, kind):
    good = tmp_path / "plan.json"
    assert export(demo_db, good).returncode == 0
    bad = tmp_path / "bad.json"
    bad.write_bytes(broken_files(good.read_text(encoding="utf-8"))[kind])
    before = rows(demo_db)
    new = new_db()
    for target, extra in ((demo_db, ("--replace",)), (new, ())):
        result = import_(target, bad, *extra)
        assert result.returncode == 1
        assert result.stdout == ""
        lines = result.stderr.splitlines()
        assert len(lines) == 1, result.stderr
        assert lines[0].startswith("recovery-plan: ") and EXPECTED[kind] in lines[0]
        assert lines[0].endswith("Nothing was changed.")
    assert rows(demo_db) == before
    assert not rows(new)  # no file made, or no table


def test_a_file_over_5_mb_is_refused_unread(demo_db, tmp_path):
    big = tmp_path / "big.json"
    with big.open("wb") as handle:
        handle.truncate(6 * 1024 * 1024)
    result = import_(demo_db, big)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "recovery-plan: The file is 6.0 MB; an export can be at most 5.0 MB. This is not a "
        "Recovery Plan export, or it is damaged. Nothing was changed.")


def test_a_missing_file_is_named(tmp_path, db_location):
    result = import_(db_location, tmp_path / "nowhere.json")
    assert result.returncode == 1
    assert "There is no file" in result.stderr and "Traceback" not in result.stderr


# -- at a terminal: the new PIN typed twice, and "yes" before a plan is replaced


def at_terminal(*args: str, answers: list[str], timeout: float = 30) -> tuple[int, str]:
    """Run the command with a terminal of its own, typing each answer after a prompt."""
    main, side = os.openpty()

    def own_terminal():
        os.setsid()
        fcntl.ioctl(side, termios.TIOCSCTTY, 0)

    env = {k: v for k, v in os.environ.items() if not k.startswith("RECOVERY_PLAN_")}
    env["RECOVERY_PLAN_NOW"] = "2026-11-26T10:00"
    env.update(site_key_env(args[args.index("--db") + 1]) if "--db" in args else {})
    process = subprocess.Popen([str(SCRIPT), *args], stdin=side, stdout=side, stderr=side,
                               env=env, preexec_fn=own_terminal, close_fds=True)
    os.close(side)
    seen, answered, pending = b"", 0, list(answers)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([main], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(main, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            if pending and seen[answered:].rstrip().endswith(b":"):  # a new prompt
                os.write(main, pending.pop(0).encode() + b"\n")
                answered = len(seen)
        elif process.poll() is not None:
            break
    code = process.wait(timeout=10)
    os.close(main)
    return code, seen.decode("utf-8", "replace")


def test_at_a_terminal_the_pin_is_asked_twice_and_replacing_asks_for_yes(demo_db, tmp_path):
    out = tmp_path / "plan.json"
    assert export(demo_db, out).returncode == 0
    code, screen = at_terminal("--db", str(demo_db), "import", str(out),
                               answers=[NEW_PIN, NEW_PIN, "no"])
    assert code == 1, screen
    assert "PIN for the new plan:" in screen and "The same PIN again:" in screen
    assert "A plan named Demo already exists" in screen and "Nothing was changed" in screen
    assert NEW_PIN not in screen  # typed without echo

    code, screen = at_terminal("--db", str(demo_db), "import", str(out),
                               answers=[NEW_PIN, "another pin 77"])
    assert code == 1 and "The two PINs were not the same" in screen

    code, screen = at_terminal("--db", str(demo_db), "import", str(out),
                               answers=[NEW_PIN, NEW_PIN, "yes"])
    assert code == 0, screen
    assert "Replaced the plan of Demo" in screen
    assert export(demo_db, tmp_path / "new.json", pin=NEW_PIN).returncode == 0
