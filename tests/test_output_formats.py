"""tui.output: one table of formats that the command line, saving, printing and
browser downloads all read; every file private (0600) and whole; no UI toolkit."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from tui.demo import create_demo
from tui.output import formats
from tui.output.cards import PlanSnapshot, PocketCard
from tui.output.checkin_page import CheckInSummary
from tui.output.files import ExportError
from tui.output.printing import PrintError, print_made
from tui.store import transfer
from tui.store import sign_in as store_sign_in


@pytest.fixture
def demo(store):
    create_demo(store)
    return store_sign_in(store, "Demo", "975310")


def values(plan) -> dict[str, object]:
    """A value of each document kind, as the screens and the command line make them."""
    step = next(s for goal in plan.goals() for s in plan.steps(goal.id))
    plan.check_in_step(step.id, "not_yet", "Rain all week")
    return {
        formats.CARD: PocketCard(PlanSnapshot(plan)),
        formats.SUMMARY: CheckInSummary.read(plan),
        formats.PLAN: transfer.plan_document(plan),
    }


def test_every_format_in_the_table_is_saved_privately_and_whole(demo, tmp_path):
    made = values(demo)
    tmp_path = tmp_path / "saved"  # beside the plan database
    tmp_path.mkdir()
    for fmt in formats.FORMATS:
        path = tmp_path / f"{fmt.document}{fmt.extension}"
        formats.save(fmt.document, fmt.name, made[fmt.document], path)
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
        data = path.read_bytes()
        if fmt.draw is not None:
            assert fmt.text is None and data.startswith(b"%PDF-")
            assert PdfReader(path).pages  # a whole PDF, readable
        else:
            assert data.decode("utf-8") == fmt.text(made[fmt.document])
    assert json.loads((tmp_path / "plan.json").read_text())["format"] == "recovery-plan"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        f"{f.document}{f.extension}" for f in formats.FORMATS)  # no temporary file left


def test_the_table_names_each_format_once_with_its_own_ending():
    rows = [(f.document, f.name) for f in formats.FORMATS]
    assert len(rows) == len(set(rows))
    for fmt in formats.FORMATS:
        assert fmt.extension == "." + fmt.name
        assert (fmt.text is None) != (fmt.draw is None)  # made one way
    assert formats.names(formats.CARD) == ("txt", "md", "pdf")
    assert formats.names(formats.SUMMARY) == ("txt", "pdf")
    assert formats.names(formats.PLAN) == ("json",)


@pytest.mark.parametrize("file_name, document, expected", [
    ("card.pdf", formats.CARD, "pdf"), ("CARD.PDF", formats.CARD, "pdf"),
    ("/home/sam/card.md", formats.CARD, "md"), ("notes.md", formats.SUMMARY, None),
    ("card.doc", formats.CARD, None), ("card", formats.CARD, None), ("card.", formats.CARD, None),
    ("check-in.txt", formats.SUMMARY, "txt"),
])
def test_the_name_ending_picks_the_format(file_name, document, expected):
    found = formats.for_file_name(document, file_name)
    assert (found.name if found else None) == expected


def test_a_format_a_document_has_not_is_refused_with_the_ones_it_has(demo, tmp_path):
    made = values(demo)
    tmp_path = tmp_path / "saved"
    tmp_path.mkdir()
    with pytest.raises(ExportError, match=r"^The card can be saved as txt, md, pdf, not docx\.$"):
        formats.save(formats.CARD, "docx", made[formats.CARD], tmp_path / "card.docx")
    with pytest.raises(ExportError, match=r"^The check-in summary can be saved as txt or pdf, not md\.$"):
        formats.save(formats.SUMMARY, "md", made[formats.SUMMARY], tmp_path / "x.md")
    assert list(tmp_path.iterdir()) == []


def test_a_browser_is_told_each_files_media_type():
    assert formats.media_type("pocket-card.pdf") == "application/pdf"
    assert formats.media_type("card.TXT") == "text/plain"
    assert formats.media_type("card.md") == "text/markdown"
    assert formats.media_type("card.exe") == "application/octet-stream"


def test_the_export_command_offers_the_tables_formats():
    from tui.cli import build_parser

    parser = build_parser()
    assert parser.parse_args(["export", "-o", "-", "--format", "md"]).format == "md"
    with pytest.raises(SystemExit):
        parser.parse_args(["export", "-o", "-", "--format", "docx"])
    usage = parser._subparsers._group_actions[0].choices["export"].format_usage()
    choices = formats.names(formats.CARD) + formats.names(formats.PLAN)
    assert "{" + ",".join(choices) + "}" in usage


def test_a_printed_file_is_private_while_it_is_printed_and_gone_after(tmp_path):
    seen = tmp_path / "seen.json"
    stand_in = tmp_path / "fake_lp.py"
    stand_in.write_text(
        "import json, os, stat, sys\n"
        "path = sys.argv[-1]\n"
        "json.dump([path, oct(stat.S_IMODE(os.stat(path).st_mode)), open(path).read()],"
        " open(sys.argv[1], 'w'))\n")
    print_made(f"{sys.executable} {stand_in} {seen}", "codes.txt",
               lambda target: target.write_text("ABCDE-12345\n", encoding="utf-8"))
    printed, mode, words = json.loads(seen.read_text())
    assert Path(printed).name == "codes.txt" and mode == "0o600" and words == "ABCDE-12345\n"
    assert not Path(printed).parent.exists()  # the temporary folder is gone


def test_a_failed_print_leaves_nothing_behind(tmp_path, monkeypatch):
    made_in = []

    def write(target: Path) -> None:
        made_in.append(target.parent)
        target.write_text("x", encoding="utf-8")

    with pytest.raises(PrintError, match="No printer is set up here"):
        print_made(None, "card.pdf", write)
    assert made_in and not made_in[0].exists()


def test_the_output_package_loads_no_ui_toolkit_and_its_table_loads_nothing_slow():
    code = ("import sys, tui.output.cards, tui.output.card_pdf, tui.output.checkin_page, "
            "tui.output.delivery, tui.output.files, tui.output.fonts, tui.output.printing; "
            "print('textual' in sys.modules, 'rich' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "False"]
    # The command line builds its options from the table: that costs no PDF
    # library, no database layer and no dataclasses.
    code = ("import sys, tui.output.formats; print(sorted(m for m in ('fpdf', 'peewee', 'tui.store', "
            "'dataclasses', 'tui.output.cards') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])})
    assert result.stdout.split() == ["[]"]
