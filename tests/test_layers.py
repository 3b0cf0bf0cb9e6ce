"""The layers written in pyproject.toml ([tool.importlinter]) hold: the store
below the screens, widgets and app, and free of textual; the content below the
store; widgets never import screens; screens never import the app; plain mode
and the web server never import the UI toolkit. The graph is read from the
source, imports inside functions included (tests/store/test_isolation.py checks
what is loaded at run time)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "pyproject.toml"


def test_every_layer_contract_is_kept(capsys):
    code = lint_imports(config_filename=str(CONFIG), no_cache=True, no_logo=True)
    report = capsys.readouterr().out
    assert code == 0, report
    assert "0 broken" in report


def lint_a_copy_with(tmp_path: Path, module: str, line: str) -> subprocess.CompletedProcess:
    """lint-imports on a copy of the package in which `module` (a new file, or
    one there already) holds `line`: the contracts read that copy, not the
    installed one."""
    shutil.copytree(ROOT / "tui", tmp_path / "tui",
                    ignore=shutil.ignore_patterns("__pycache__", "locale", "page"))
    path = (tmp_path / Path(*module.split("."))).with_suffix(".py")
    path.write_text((path.read_text() if path.exists() else "") + line + "\n")
    run = ("import sys, tui; from importlinter.cli import lint_imports; "
           "assert tui.__file__.startswith(sys.argv[1]), tui.__file__; "
           "raise SystemExit(lint_imports(config_filename=sys.argv[2], no_cache=True, "
           "no_logo=True))")
    # The copy comes first on the path, before the installed package's finder.
    return subprocess.run([sys.executable, "-c", run, str(tmp_path), str(CONFIG)],
                          cwd=tmp_path, env={"PYTHONPATH": str(tmp_path), "PATH": ""},
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(("module", "line", "broken"), [
    ("tui.store.probe", "import textual", "The store never imports the UI toolkit or the app"),
    ("tui.store.probe", "from tui.screens import goals",
     "Each layer imports only the layers below it"),
    ("tui.content.probe", "from tui.store import Plan", "The content is data"),
    ("tui.widgets.probe", "from tui.screens.goals import due_label",
     "Widgets never import screens"),
    ("tui.screens.probe", "def later():\n    from tui.app import RecoveryPlanApp",
     "Widgets and screens never import the app"),
    ("tui.plain.probe", "from tui.widgets.person_text import person_text",
     "Plain mode never imports the UI toolkit"),
    ("tui.web.server", "from tui.store import open_store", "The web server holds no plan"),
    ("tui.output.probe", "from textual.widgets import Static",
     "Output (files and paper) never imports the UI toolkit"),
    ("tui.store.probe", "from tui.output.cards import PlanSnapshot",
     "Each layer imports only the layers below it"),
], ids=["store-textual", "store-screens", "content-store", "widgets-screens", "screens-app",
        "plain-widgets", "web-server-store", "output-textual", "store-output"])
def test_a_forbidden_import_breaks_its_contract(tmp_path, module, line, broken):
    result = lint_a_copy_with(tmp_path, module, line)
    assert result.returncode == 1, result.stdout + result.stderr
    assert broken in result.stdout and "BROKEN" in result.stdout, result.stdout
    assert module in result.stdout, result.stdout
