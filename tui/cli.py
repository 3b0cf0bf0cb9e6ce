"""The `recovery-plan` command. With no command it starts the app; commands
that show no screen never import textual, so they start fast.

Options for every command come before it: `recovery-plan --db FILE demo`.
"""

from __future__ import annotations

import argparse
import sys

from tui import __version__

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="recovery-plan",
        description="Build and keep your own recovery plan. With no command, the app starts.",
    )
    parser.add_argument("--version", action="version", version=f"recovery-plan {__version__}")
    parser.add_argument(
        "--db", metavar="PATH",
        help="the plan database: a file path or sqlite:/// URL "
             "(default: RECOVERY_PLAN_DB, then the site config, then your user data folder)",
    )
    parser.add_argument(
        "--config", metavar="FILE",
        help="the site config file (default: RECOVERY_PLAN_CONFIG, then the system's config folder)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser(
        "demo", help="make a practice plan named Demo (PIN 975310) from the guide's example",
        description="Make a practice plan named Demo, PIN 975310, holding the guide's example.",
    )
    commands.add_parser(
        "check", help="check the database: integrity and schema, in one line",
        description="Check the plan database's integrity and schema. Exit 0 when all is well, 1 if not.",
    )
    return parser


def _fail(message: str) -> int:
    print(f"recovery-plan: {message}", file=sys.stderr)
    return EXIT_FAILED


def run_demo(location: str | None) -> int:
    from tui.content.demo import DEMO_NAME, DEMO_PIN
    from tui.demo import create_demo
    from tui.store import NameTakenError, open_store

    store = open_store(location)
    try:
        create_demo(store)
    except NameTakenError:
        return _fail(f"A plan named {DEMO_NAME} already exists in {store.path}. Nothing was changed.")
    finally:
        store.close()
    print(f"Made the demo plan in {store.path}.")
    print(f"Sign in with the name {DEMO_NAME} and the PIN {DEMO_PIN}.")
    return EXIT_OK


def run_check(location: str | None) -> int:
    from tui.store import open_store

    store = open_store(location, existing_only=True, migrate=False)
    try:
        ok, line = store.check()
    finally:
        store.close()
    print(line)
    return EXIT_OK if ok else EXIT_FAILED


def run_app(location: str | None) -> int:
    from tui.store import open_store

    store = open_store(location)  # problems are reported before the screen changes
    from tui.app import RecoveryPlanApp

    app = RecoveryPlanApp(store)
    try:
        app.run()
    finally:
        store.close()
    return app.return_code or EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from tui.config import ConfigError, load_config
    from tui.store.errors import StoreError

    try:
        config = load_config(args.config, args.db)
        if args.command == "demo":
            return run_demo(config.database)
        if args.command == "check":
            return run_check(config.database)
        return run_app(config.database)
    except (ConfigError, StoreError) as error:
        return _fail(str(error))
    except KeyboardInterrupt:
        return 130
