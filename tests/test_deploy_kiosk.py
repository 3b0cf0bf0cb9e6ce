"""The kiosk's login shell as docs/deploy-kiosk.md gives it (issue 17): it
clears the console before the app starts and after the app ends, even when
the app is killed, so no plan is left on the screen while the kiosk restarts."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = "/opt/recovery-plan/venv/bin/recovery-plan --kiosk"
CLEAR = "\x1bc"


def login_shell() -> str:
    text = (ROOT / "docs" / "deploy-kiosk.md").read_text()
    section = text.split("## 2. The kiosk's login shell", 1)[1]
    (script,) = re.findall(r"```sh\n(#!/bin/sh\n.+?)```", section, re.S)[:1]
    return script


def test_the_kiosk_login_shell_clears_the_console_even_after_a_kill(tmp_path):
    script = login_shell()
    assert APP in script
    fake = tmp_path / "recovery-plan"
    fake.write_text("#!/bin/sh\nprintf 'PLAN WORDS: my crisis plan'\nkill -9 $$\n")
    fake.chmod(0o755)
    wrapper = tmp_path / "recovery-plan-kiosk"
    wrapper.write_text(script.replace(APP, str(fake)).replace(
        "export RECOVERY_PLAN_CONFIG=/etc/recovery-plan/config.toml", ""))
    wrapper.chmod(0o755)
    shown = subprocess.run(["sh", str(wrapper)], capture_output=True, timeout=30).stdout.decode()
    assert shown.startswith(CLEAR)  # the last session's screen, gone before the app starts
    words = shown.index("PLAN WORDS")
    assert CLEAR in shown[words:]  # and the plan gone as soon as the app ends
    assert "\x1b[3J" in shown[words:]  # the scrollback too
