"""--kiosk, --idle-lock and their site config settings: mistakes are refused in
one plain line before the app starts (the app itself is tested in tests/ui and
tests/e2e)."""

from __future__ import annotations

import pytest

from tests.cli.test_cli import private_home, run  # noqa: F401  (private_home: autouse fixture)
from tui.config import Config, ConfigError


@pytest.mark.parametrize("seconds", ["4", "0", "-5", "abc", "1.5", "²"])
def test_idle_lock_takes_whole_seconds_5_or_more(seconds):
    result = run("--idle-lock", seconds)
    assert result.returncode == 2
    assert "--idle-lock" in result.stderr
    assert "whole number of seconds, 5 or more" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(("table", "message"), [
    ("[lock]\nidle_seconds = 2\n", "lock.idle_seconds must be a whole number of seconds, 5 or more"),
    ("[lock]\nidle_seconds = \"300\"\n", "lock.idle_seconds must be a whole number"),
    ("[kiosk]\nenabled = \"yes\"\n", "kiosk.enabled must be true or false"),
])
def test_a_mistake_in_the_site_config_stops_before_the_screen_changes(tmp_path, table, message):
    config = tmp_path / "site.toml"
    config.write_text(table)
    result = run("--config", str(config))
    assert result.returncode == 1
    assert message in result.stderr
    assert "\x1b[" not in result.stdout + result.stderr  # the app never started
    assert "Traceback" not in result.stderr


def test_help_says_what_kiosk_and_idle_lock_do():
    result = run("--help")
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    assert "--kiosk" in text and "Ctrl+Q signs out instead of quitting" in text
    assert "--idle-lock SECONDS" in text


def test_the_option_wins_over_the_site_config():
    config = Config(raw={"kiosk": {"enabled": False}, "lock": {"idle_seconds": 600}})
    assert (config.kiosk, config.idle_lock) == (False, 600)
    config.kiosk_option, config.idle_lock_option = True, 60
    assert (config.kiosk, config.idle_lock) == (True, 60)
    with pytest.raises(ConfigError):
        Config(raw={"lock": {"idle_seconds": True}}).idle_lock
