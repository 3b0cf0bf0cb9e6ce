"""The store and the command-line paths stay free of the UI toolkit."""

import subprocess
import sys

import pytest


@pytest.mark.parametrize("module", ["tui.store", "tui.cli", "tui.demo", "tui.config", "tui.plain.session"])
def test_importing_leaves_textual_unloaded(module):
    code = f"import sys, {module}; print('textual' in sys.modules, 'rich' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "False"]
