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
import sys
from pathlib import Path

from tui.i18n import _
from tui.store.paths import expand_home

ENV_DB = "RECOVERY_PLAN_DB"
ENV_CONFIG = "RECOVERY_PLAN_CONFIG"
ENV_SITE_KEY = "RECOVERY_PLAN_SITE_KEY"
# The name of the site key among systemd's credentials (docs/deploy-kiosk.md).
CREDENTIAL_NAME = "recovery-plan-site-key"


IDLE_LOCK_KIOSK, IDLE_LOCK_DEFAULT = 180, 900  # seconds without a key before the plan locks
IDLE_LOCK_SHORTEST = 5  # time enough to read the warning


class ConfigError(Exception):
    """The site config can't be used; the message says what to fix."""


class Config:
    """The settings in effect. (A plain class: dataclasses cost start-up time.)"""

    def __init__(self, database: str | None = None, source: Path | None = None, raw: dict | None = None):
        self.database = database  # a path or sqlite:/// URL; None: the default file
        self.source = source  # the file the settings came from
        self.raw = raw or {}
        self.kiosk_option: bool | None = None  # --kiosk
        self.idle_lock_option: int | None = None  # --idle-lock SECONDS
        self.language_option: str | None = None  # --lang
        self.plain_option: bool | None = None  # --plain

    def _table(self, name: str) -> dict:
        table = self.raw.get(name, {})
        if not isinstance(table, dict):
            raise ConfigError(_("In {file}, [{table}] must be a table.").format(
                file=self.source, table=name))
        return table

    def _text(self, table: str, key: str) -> str | None:
        value = self._table(table).get(key)
        if value is not None and not isinstance(value, str):
            raise ConfigError(_("In {file}, {setting} must be text.").format(
                file=self.source, setting=f"{table}.{key}"))
        return value or None

    def help_lines(self):
        """Crisis lines then local resources for "Get help now": the site's, or the defaults."""
        from tui.content.help_lines import DEFAULT_LINES, HelpLine

        help_table = self._table("help")
        lines = help_table.get("lines")
        entries = list(DEFAULT_LINES) if lines is None else []
        for kind, items in (("line", lines or []), ("place", help_table.get("resources") or [])):
            if not isinstance(items, list):
                raise ConfigError(_("In {file}, {setting} must be a list of [[...]] tables.").format(
                    file=self.source, setting=f"help.{kind}s"))
            for index, item in enumerate(items, start=1):
                entries.append(_help_entry(item, kind, index, self.source, HelpLine))
        return entries

    @property
    def staff_note(self) -> str | None:
        """Where a site has staff: a line such as "Staff are at the front desk. Ask them now." """
        return self._text("help", "staff_note")

    @property
    def language(self) -> str | None:
        """The site's language ("en" or "es") when neither --lang, the person's saved
        choice nor LANGUAGE/LANG says one."""
        from tui.i18n import LANGUAGES

        language = self._text("display", "language")
        if language is not None and language not in LANGUAGES:
            raise ConfigError(_("In {file}, display.language must be en or es.").format(
                file=self.source))
        return language

    @property
    def theme(self) -> str | None:
        """"textual-dark", "ansi-dark" (16 colours) or "high-contrast"; default: chosen by TERM."""
        theme = self._text("display", "theme")
        if theme is not None and theme not in ("textual-dark", "ansi-dark", "high-contrast"):
            raise ConfigError(_("In {file}, display.theme must be textual-dark, ansi-dark or "
                                "high-contrast.").format(file=self.source))
        return theme

    @property
    def console(self) -> bool | None:
        """[display] console: true when the terminal is a Linux console (a kiosk's
        screen), false when it is not; default (None): decided by TERM."""
        console = self._table("display").get("console")
        if console is not None and not isinstance(console, bool):
            raise ConfigError(_("In {file}, display.console must be true or false.").format(
                file=self.source))
        return console

    @property
    def fields(self) -> str:
        """[display] fields on a console: "boxes" (the default: a frame of lines around
        each field) or "underlines" (no frame, the field's line underlined)."""
        fields = self._text("display", "fields") or "boxes"
        if fields not in ("boxes", "underlines"):
            raise ConfigError(_("In {file}, display.fields must be boxes or underlines.").format(
                file=self.source))
        return fields

    @property
    def plain(self) -> bool:
        """Plain mode, for screen readers (`--plain`, then [display] plain): the app
        as a line-by-line conversation with no escape sequences (tui.plain)."""
        if self.plain_option:
            return True
        plain = self._table("display").get("plain", False)
        if not isinstance(plain, bool):
            raise ConfigError(_("In {file}, display.plain must be true or false.").format(
                file=self.source))
        return plain

    @property
    def keymap(self) -> dict[str, str]:
        """Keys a site remaps: binding id = "keys", like goals = "f3,ctrl+n" (see docs)."""
        table = self._table("keys")
        for binding_id, keys in table.items():
            if not isinstance(keys, str) or not keys.strip():
                raise ConfigError(_("In {file}, {setting} must be text like \"f3,ctrl+n\".").format(
                    file=self.source, setting=f"keys.{binding_id}"))
        return dict(table)

    @property
    def jurisdiction(self) -> str | None:
        """Whose Good Samaritan law Learn explains, like "california" (the default)."""
        return self._text("learn", "jurisdiction")

    @property
    def printer_command(self) -> str | None:
        """The command that prints a file at the kiosk, like "lp -d frontdesk"; the file is added last."""
        return self._text("printer", "command")

    @property
    def site_key(self) -> str | None:
        """The site key file: RECOVERY_PLAN_SITE_KEY, then systemd's credential
        `recovery-plan-site-key` (in $CREDENTIALS_DIRECTORY: LoadCredential= or
        LoadCredentialEncrypted=, so the key need not be on the kiosk's disk),
        then [security] site_key (a removable drive, say); default: beside the
        database. Keep it where only the service account can read it."""
        if os.environ.get(ENV_SITE_KEY):
            return os.environ[ENV_SITE_KEY]
        credentials = os.environ.get("CREDENTIALS_DIRECTORY")
        if credentials:
            credential = Path(credentials) / CREDENTIAL_NAME
            if credential.is_file():
                return str(credential)
        return self._text("security", "site_key")

    @property
    def file_group(self) -> str | None:
        """[security] group: a group that may read and write the database and
        site key too (mode 0660); by default only their owner may (0600)."""
        return self._text("security", "group")

    @property
    def kiosk(self) -> bool:
        """A shared kiosk (`--kiosk`, then [kiosk] enabled): Ctrl+Q, Ctrl+C and
        Ctrl+Z don't leave the app, and nothing is copied to the terminal's clipboard."""
        if self.kiosk_option is not None:
            return self.kiosk_option
        enabled = self._table("kiosk").get("enabled", False)
        if not isinstance(enabled, bool):
            raise ConfigError(_("In {file}, kiosk.enabled must be true or false.").format(
                file=self.source))
        return enabled

    @property
    def idle_lock(self) -> int:
        """Seconds without a key before the plan locks itself (`--idle-lock`, then
        [lock] idle_seconds); default 180 on a kiosk, 900 elsewhere."""
        if self.idle_lock_option is not None:
            return self.idle_lock_option
        seconds = self._table("lock").get("idle_seconds")
        if seconds is None:
            return IDLE_LOCK_KIOSK if self.kiosk else IDLE_LOCK_DEFAULT
        if isinstance(seconds, bool) or not isinstance(seconds, int) or seconds < IDLE_LOCK_SHORTEST:
            raise ConfigError(_("In {file}, lock.idle_seconds must be a whole number of "
                                "seconds, {shortest} or more, like 300.").format(
                                    file=self.source, shortest=IDLE_LOCK_SHORTEST))
        return seconds

    @property
    def card_font(self) -> str | None:
        """A TrueType font for the PDF pocket card (default: DejaVu Sans, when installed)."""
        return self._text("card", "font")


def _help_entry(item, kind: str, index: int, source, HelpLine):
    from datetime import date, datetime

    where = {"file": source, "index": index, "list": "lines" if kind == "line" else "resources"}
    if not isinstance(item, dict):
        raise ConfigError(_("In {file}, help entry {index} ({list}) must be a table with name, "
                            "number, what_for and checked.").format(**where))
    for key in ("name", "number", "what_for"):
        if not isinstance(item.get(key), str) or not item[key].strip():
            raise ConfigError(_("In {file}, help entry {index} ({list}) needs {key} as text.")
                              .format(key=key, **where))
    checked = item.get("checked")
    if isinstance(checked, datetime):
        checked = checked.date()
    if not isinstance(checked, date):
        raise ConfigError(_("In {file}, help entry {index} ({list}) needs checked = the date it "
                            "was last checked, like 2026-11-01.").format(**where))
    return HelpLine(item["name"], item["number"], item["what_for"], checked, kind)


def default_config_path() -> Path:
    if sys.platform.startswith("linux"):
        # The XDG rule platformdirs follows, without its import cost on every command.
        first = (os.environ.get("XDG_CONFIG_DIRS") or "/etc/xdg").split(":")[0] or "/etc/xdg"
        return Path(first) / "recovery-plan" / "config.toml"
    from platformdirs import site_config_path

    return site_config_path("recovery-plan", appauthor=False) / "config.toml"


def _read(path: Path) -> dict:
    import tomllib  # only when there is a file to read: it costs start-up time

    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError(_("The config file {file} doesn't exist. Check the path.").format(
            file=path)) from None
    except PermissionError:
        raise ConfigError(_("The config file {file} can't be read. Check its permissions.").format(
            file=path)) from None
    except IsADirectoryError:
        raise ConfigError(_("{file} is a folder, not a config file.").format(file=path)) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(_("The config file {file} has a mistake: {error}. Fix it and try "
                            "again.").format(file=path, error=error)) from None


def load_config(config_path: str | None = None, db_option: str | None = None) -> Config:
    asked = config_path or os.environ.get(ENV_CONFIG) or None
    path = expand_home(asked) if asked else default_config_path()
    raw: dict = {}
    if asked or path.is_file():
        raw = _read(path)
    database_section = raw.get("database", {})
    if not isinstance(database_section, dict):
        raise ConfigError(_("In {file}, [database] must be a table, like: [database] "
                            "path = \"...\"").format(file=path))
    from_file = database_section.get("path")
    if from_file is not None and not isinstance(from_file, str):
        raise ConfigError(_("In {file}, database.path must be text (a file path).").format(
            file=path))
    database = db_option or os.environ.get(ENV_DB) or from_file or None
    return Config(database=database, source=path if raw else None, raw=raw)
