"""Site configuration: a TOML file, with environment variables and command-line
options taking precedence (option > environment > file > default).

Where the file is looked for: `--config PATH`, else `RECOVERY_PLAN_CONFIG`,
else `config.toml` in the system's site config folder for recovery-plan
(on Linux, /etc/xdg/recovery-plan/config.toml). A missing default file is
fine; a file that was asked for and is missing or broken is an error.
See docs/configuration.md.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_DB = "RECOVERY_PLAN_DB"
ENV_CONFIG = "RECOVERY_PLAN_CONFIG"


class ConfigError(Exception):
    """The site config can't be used; the message says what to fix."""


class Config:
    """The settings in effect. (A plain class: dataclasses cost start-up time.)"""

    def __init__(self, database: str | None = None, source: Path | None = None, raw: dict | None = None):
        self.database = database  # a path or sqlite:/// URL; None: the default file
        self.source = source  # the file the settings came from
        self.raw = raw or {}


def default_config_path() -> Path:
    from platformdirs import site_config_path

    return site_config_path("recovery-plan", appauthor=False) / "config.toml"


def _read(path: Path) -> dict:
    import tomllib  # only when there is a file to read: it costs start-up time

    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError(f"The config file {path} doesn't exist. Check the path.") from None
    except PermissionError:
        raise ConfigError(f"The config file {path} can't be read. Check its permissions.") from None
    except IsADirectoryError:
        raise ConfigError(f"{path} is a folder, not a config file.") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"The config file {path} has a mistake: {error}. Fix it and try again.") from None


def load_config(config_path: str | None = None, db_option: str | None = None) -> Config:
    asked = config_path or os.environ.get(ENV_CONFIG) or None
    path = Path(asked).expanduser() if asked else default_config_path()
    raw: dict = {}
    if asked or path.is_file():
        raw = _read(path)
    database_section = raw.get("database", {})
    if not isinstance(database_section, dict):
        raise ConfigError(f"In {path}, [database] must be a table, like: [database] path = \"...\"")
    from_file = database_section.get("path")
    if from_file is not None and not isinstance(from_file, str):
        raise ConfigError(f"In {path}, database.path must be text (a file path).")
    database = db_option or os.environ.get(ENV_DB) or from_file or None
    return Config(database=database, source=path if raw else None, raw=raw)
