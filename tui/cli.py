"""The `recovery-plan` command. With no command it starts the app; commands
that show no screen never import textual, so they start fast.

Options for every command come before it: `recovery-plan --db FILE demo`.
"""

from __future__ import annotations

import argparse
import sys

from tui import __version__
from tui.i18n import LANGUAGES, choose_language, set_language

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="recovery-plan",
        description="Build and keep your own recovery plan. With no command, the app starts.",
    )
    parser.add_argument("--version", action="version", version=f"recovery-plan {__version__}")
    parser.add_argument(
        "--db", metavar="PATH",
        help="the plan database: a file path, a sqlite:/// URL or a postgresql://user@host/dbname "
             "URL (default: RECOVERY_PLAN_DB, then the site config, then your user data folder)",
    )
    parser.add_argument(
        "--config", metavar="FILE",
        help="the site config file (default: RECOVERY_PLAN_CONFIG, then the system's config folder)",
    )
    parser.add_argument(
        "--lang", choices=LANGUAGES, metavar="es|en",
        help="the language: es (Spanish) or en (English) (default: the person's saved choice, "
             "then LANGUAGE or LANG, then the site config)",
    )
    parser.add_argument(
        "--kiosk", action="store_true", default=None,
        help="a shared kiosk: Ctrl+Q signs out instead of quitting, Ctrl+C and Ctrl+Z don't leave "
             "the app, nothing of a plan goes to the terminal's clipboard, the plan locks after 3 "
             "minutes without a key (default: [kiosk] enabled in the site config)",
    )
    parser.add_argument(
        "--idle-lock", metavar="SECONDS", type=_idle_seconds,
        help="lock the plan after this many seconds without a key (default: [lock] idle_seconds "
             "in the site config, else 180 on a kiosk and 900 elsewhere)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser(
        "demo", help="make a practice plan named Demo (PIN 975310) from the guide's example",
        description="Make a practice plan named Demo, PIN 975310, holding the guide's example.",
    )
    commands.add_parser(
        "check", help="check the database: integrity and schema, in one line",
        description="Check the plan database's integrity and schema. Exit 0 when all is well, 1 if not. "
                    "Also warns when a crisis line in the site config was last checked over 6 months ago.",
    )
    crisis = commands.add_parser(
        "crisis", help="print your crisis plan and pocket overdose plan (asks your PIN)",
        description="Print a crisis plan and pocket overdose plan as plain text. Asks for the PIN "
                    "without showing it.",
    )
    crisis.add_argument("name", help="the name the plan was made with")
    crisis.add_argument("--pin-stdin", action="store_true",
                        help="read the PIN from standard input (for scripts)")
    export = commands.add_parser(
        "export", help="save your pocket card (txt, md, pdf) or your whole plan (json)",
        description="Save the pocket overdose plan and crisis contacts to a file. The PDF is a "
                    "wallet-sized card, front and back. json saves the whole plan, to move it "
                    "with import (see docs/export-format.md); the file is not encrypted.",
    )
    export.add_argument("name", help="the name the plan was made with")
    export.add_argument("--format", choices=("txt", "md", "pdf", "json"), default="txt")
    export.add_argument("-o", "--output", metavar="FILE", required=True,
                        help="the file to write (txt, md and json: - for standard output)")
    export.add_argument("--pin-stdin", action="store_true",
                        help="read the PIN from standard input (for scripts)")
    export.add_argument("--history", action="store_true",
                        help="json only: add the past versions of each part of the plan")
    import_ = commands.add_parser(
        "import", help="make a plan from a file saved with export --format json",
        description="Make a plan from a file saved with export --format json. Asks for the "
                    "PIN the new plan will have. The whole file is checked first: a file with "
                    "any problem changes nothing.",
    )
    import_.add_argument("file", help="the file saved with export --format json")
    import_.add_argument("--name", help="make the plan under this name, not the file's")
    import_.add_argument("--pin-stdin", action="store_true",
                         help="the first line of standard input is the new PIN (for scripts)")
    import_.add_argument("--replace", action="store_true",
                         help="replace a plan with the same name without asking (for scripts)")
    delete = commands.add_parser(
        "delete", help="delete a plan for good, without opening it (for staff)",
        description="Delete the plan made with NAME: its words, keys and recovery codes are "
                    "removed and their space wiped. It can't be undone, and nobody can read the "
                    "plan first. Asks you to type the name again.",
    )
    delete.add_argument("name", help="the name the plan was made with")
    delete.add_argument("--yes", action="store_true", help="don't ask (for scripts)")
    audit = commands.add_parser(
        "audit", help="print the audit trail: sign-ins, changes, exports, deletions",
        description="Print who did what to which plan (by number), when and from which terminal. "
                    "Never shows what a plan says.",
    )
    audit.add_argument("--limit", type=int, default=200, help="how many of the latest events")
    audit.add_argument("--name", help="only the events of the plan made with this name")
    backup = commands.add_parser(
        "backup", help="save a copy of the plan database (safe while people use it)",
        description="Save a copy of the whole plan database, as it is at one moment, while "
                    "people keep working. The plans in it stay sealed: the copy opens only with "
                    "the site key, which is not in it. The file can be read by you only.",
    )
    backup.add_argument("file", help="the file to write; a folder gets a dated name in it; "
                                     "- writes to standard output")
    backup.add_argument("--force", action="store_true", help="replace FILE if it exists")
    restore = commands.add_parser(
        "restore", help="put a backup in place of the plan database (asks first)",
        description="Check a backup, then put it in place of the plan database. Everyone must "
                    "quit Recovery Plan first. The database it replaces is kept beside it as "
                    "NAME.before-restore-DATE-TIME.",
    )
    restore.add_argument("file", help="the backup file")
    restore.add_argument("--yes", action="store_true", help="don't ask (for scripts)")
    migrate = commands.add_parser(
        "migrate", help="move every plan into another database, like a shared PostgreSQL one",
        description="Copy every plan (sealed as it is), its history and the audit trail from "
                    "one database into an empty one, in one transaction, then count each "
                    "table's rows in both. Both must use the same site key: the target's key "
                    "file ([security] site_key or RECOVERY_PLAN_SITE_KEY) is made as a copy of "
                    "the source's when it is missing. See docs/postgresql.md.",
    )
    migrate.add_argument("--from", dest="source", required=True, metavar="URL",
                         help="the database the plans are in: a file path, sqlite:/// or "
                              "postgresql:// URL")
    migrate.add_argument("--to", dest="target", required=True, metavar="URL",
                         help="the empty database to move them into")
    migrate.add_argument("--from-key", metavar="FILE",
                         help="the site key file of --from (default: beside a SQLite file, "
                              "else the site config's)")
    return parser


def _idle_seconds(text: str) -> int:
    from tui.config import IDLE_LOCK_SHORTEST

    if not (text.isascii() and text.isdigit()) or int(text) < IDLE_LOCK_SHORTEST:
        raise argparse.ArgumentTypeError(
            f"give a whole number of seconds, {IDLE_LOCK_SHORTEST} or more, like 300")
    return int(text)


def _fail(message: str) -> int:
    print(f"recovery-plan: {message}", file=sys.stderr)
    return EXIT_FAILED


def _open_store(config, **options):
    """The plan database and site key the config names."""
    from tui.store import open_store

    return open_store(config.database, site_key_path=config.site_key, **options)


def run_demo(config) -> int:
    from tui.content.demo import DEMO_NAME, DEMO_PIN
    from tui.demo import create_demo
    from tui.store import NameTakenError

    store = _open_store(config)
    try:
        create_demo(store)
    except NameTakenError:
        return _fail(f"A plan named {DEMO_NAME} already exists in {store.where}. Nothing was changed.")
    finally:
        store.close()
    print(f"Made the demo plan in {store.where}.")
    print(f"Sign in with the name {DEMO_NAME} and the PIN {DEMO_PIN}.")
    return EXIT_OK


def run_check(config) -> int:
    from tui.store.backup import WAL_WARN_BYTES, live_path, size_text, wal_size
    from tui.store.crypto import site_key_problem
    from tui.store.db import is_postgresql

    on_file = not is_postgresql(config.database)
    wal = wal_size(live_path(config.database)[0]) if on_file else 0  # before this check adds to it
    store = _open_store(config, existing_only=True, migrate=False)
    try:
        ok, line = store.check()
        key_problem = site_key_problem(store.site_key_path)
    finally:
        store.close()
    print(f"{line}; write-ahead log {size_text(wal)}" if on_file else line)
    if wal > WAL_WARN_BYTES:
        print(f"recovery-plan: warning: the write-ahead log ({store.path.name}-wal) is "
              f"{size_text(wal)}. A session may be stuck: ask everyone to quit Recovery Plan, "
              "then check again.", file=sys.stderr)
    if key_problem:
        print(f"recovery-plan: warning: {key_problem}", file=sys.stderr)
    return EXIT_OK if ok else EXIT_FAILED


def _read_pin(from_stdin: bool) -> str | None:
    """The PIN from standard input (one line) or typed at the terminal without echo."""
    if from_stdin:
        line = sys.stdin.readline()
        return line[:-1] if line.endswith("\n") else line
    if not sys.stdin.isatty():
        return None
    import getpass

    try:
        return getpass.getpass("PIN: ")
    except EOFError:
        return None


def _open_plan(config, name: str, from_stdin: bool):
    """(store, plan), or a StoreError with a message that never says which part was wrong."""
    from tui.store import SignInError, sign_in

    pin = _read_pin(from_stdin)
    if pin is None:
        raise SignInError("No PIN was given. Type it when asked, or use --pin-stdin in scripts.")
    store = _open_store(config, existing_only=True)
    try:
        plan = sign_in(store, name, pin)
        use_plan_language(config, plan)
        return store, plan
    except BaseException:
        store.close()
        raise


def run_crisis(config, name: str, from_stdin: bool) -> int:
    import shutil

    from tui.cards import PlanSnapshot, crisis_plan_text

    store, plan = _open_plan(config, name, from_stdin)
    try:
        snapshot = PlanSnapshot(plan)
    finally:
        store.close()
    width = shutil.get_terminal_size(fallback=(80, 24)).columns
    sys.stdout.write(crisis_plan_text(snapshot, width=min(width, 100)))
    return EXIT_OK


def run_export(config, name: str, fmt: str, output: str, from_stdin: bool) -> int:
    from pathlib import Path

    from tui.cards import PlanSnapshot, pocket_card_markdown, pocket_card_text
    from tui.export import ExportError, export_card
    from tui.pdf_card import find_font

    if output == "-" and fmt == "pdf":
        return _fail("A PDF can't go to standard output. Give a file name with -o.")
    store, plan = _open_plan(config, name, from_stdin)
    try:
        snapshot = PlanSnapshot(plan)
        if output == "-":
            sys.stdout.write(pocket_card_text(snapshot) if fmt == "txt" else pocket_card_markdown(snapshot))
        else:
            try:
                export_card(snapshot, fmt, Path(output), config.help_lines(), find_font(config.card_font))
            except ExportError as error:
                return _fail(str(error))
            print(f"Saved the pocket card to {output}.")
        plan.record("exported", f"pocket card {fmt}")
    finally:
        store.close()
    return EXIT_OK


def run_json_export(config, name: str, fmt: str, output: str, from_stdin: bool,
                    history: bool) -> int:
    from pathlib import Path

    from tui.export import ExportError, write_privately
    from tui.store import transfer

    if fmt != "json":
        return _fail("--history works only with --format json.")
    store, plan = _open_plan(config, name, from_stdin)
    try:
        text = transfer.dumps(transfer.plan_document(plan, history=history))
        if output == "-":
            sys.stdout.write(text)
        else:
            try:
                write_privately(Path(output), lambda target: target.write_text(text, encoding="utf-8"))
            except ExportError as error:
                return _fail(str(error))
            print(f"Saved the whole plan to {output}. It is not encrypted: keep it safe, "
                  "and delete it once it is imported.")
        plan.record("exported", "json")
    finally:
        store.close()
    return EXIT_OK


def _read_new_pin(from_stdin: bool) -> str:
    """The new plan's PIN: the first line of standard input, or typed twice without echo."""
    from tui.store import InputError

    if from_stdin or not sys.stdin.isatty():
        pin = _read_pin(from_stdin)
        if pin is None:
            raise InputError("No PIN was given. Type it when asked, or use --pin-stdin in "
                             "scripts. Nothing was changed.")
        return pin
    import getpass

    try:
        pin = getpass.getpass("PIN for the new plan: ")
        again = getpass.getpass("The same PIN again: ")
    except EOFError:
        raise InputError("No PIN was given. Nothing was changed.") from None
    if pin != again:
        raise InputError("The two PINs were not the same. Nothing was changed.")
    return pin


def run_import(config, source: str, name: str | None, from_stdin: bool, replace: bool) -> int:
    from tui.store import NameTakenError, pins, transfer
    from tui.store.text import one_line

    plan_file = transfer.read_file(source)  # checked all through before anything else
    if name is not None:
        plan_file = transfer.renamed(plan_file, name)
    pin = pins.check_new_pin(_read_new_pin(from_stdin))  # before the database is touched
    shown = one_line(plan_file.name)
    store = _open_store(config)
    try:
        try:
            plan = transfer.import_plan(store, plan_file, pin)
            replaced = False
        except NameTakenError:
            if not replace and not _confirmed(
                    f"A plan named {shown} already exists. Replacing it deletes it for good.\n"
                    "Type yes to replace it with the plan in the file: ", "yes"):
                return _fail("Nothing was changed. (To replace the plan without a question, "
                             "add --replace.)")
            plan = transfer.import_plan(store, plan_file, pin, replace=True)  # all or nothing
            replaced = True
    finally:
        store.close()
    print(f"{'Replaced' if replaced else 'Made'} the plan of {shown} from {one_line(source)}: "
          f"{len(plan_file.goals)} goals, {plan_file.steps} steps, {len(plan_file.contacts)} "
          "contacts.")
    if plan_file.history_revisions:
        print("The file's past versions of the plan's parts were not imported; only the plan "
              "as it is now.")
    print("Your recovery codes. If you forget your PIN, one of them opens your plan (each works "
          "once). Keep them safe: they are shown only now.")
    for number, code in enumerate(plan.recovery_codes, start=1):
        print(f"{number}. {code}")
    return EXIT_OK


def _confirmed(prompt: str, expected: str) -> bool:
    """True when the person at the terminal types `expected` (case and spacing aside)."""
    from tui.store.text import normalised_name

    if not sys.stdin.isatty():
        return False
    try:
        answer = input(prompt)
    except EOFError:
        return False
    return normalised_name(answer) == normalised_name(expected)


def run_delete(config, name: str, yes: bool) -> int:
    from tui.store import delete_plan
    from tui.store.text import one_line

    store = _open_store(config, existing_only=True)
    try:
        if not yes and not _confirmed(
                f"This deletes the plan of {one_line(name)} for good. It can't be undone.\n"
                "Type the name again to delete it: ", name):
            return _fail("Nothing was deleted. (To delete without a question, add --yes.)")
        if not delete_plan(store, name):
            return _fail("No plan has that name. Nothing was deleted.")
    finally:
        store.close()
    print("The plan was deleted. Its words and keys are gone.")
    return EXIT_OK


def run_audit(config, limit: int, name: str | None) -> int:
    from tui.store import audit, crypto, models
    from tui.store.text import normalised_name, one_line

    if limit < 1:
        return _fail("--limit must be 1 or more.")
    store = _open_store(config, existing_only=True)
    try:
        person_id = None
        if name is not None:
            lookup = crypto.name_lookup(store.site_key, normalised_name(name))
            with store.errors_explained():
                person = models.Person.get_or_none(models.Person.lookup == lookup)
            if person is None:
                return _fail("No plan has that name.")
            person_id = person.id
        events = audit.events(store, person_id=person_id, limit=limit)
    finally:
        store.close()
    print(f"{'when':16}  {'plan':>6}  {'terminal':20}  what")
    for event in events:
        plan = f"#{event.person_id}" if event.person_id is not None else "-"
        what = event.meaning + (f" ({event.detail})" if event.detail else "")
        print(f"{event.at:%Y-%m-%d %H:%M}  {plan:>6}  {one_line(event.terminal)[:20]:20}  {one_line(what)}")
    if not events:
        print("(no events yet)")
    return EXIT_OK


def run_backup(config, target: str, force: bool) -> int:
    from tui.store.backup import backup, plans_text

    if target == "-" and sys.stdout.isatty():
        return _fail("The backup is not for the screen. Send it to a file or program with >, "
                     "or give a file name.")
    done = backup(config.database, target, force=force, stdout=sys.stdout.buffer,
                  site_key_path=config.site_key)
    where = "standard output" if done.target == "-" else done.target
    print(f"Saved a copy of the plan database ({plans_text(done.facts)}) to {where}.",
          file=sys.stderr if done.target == "-" else sys.stdout)
    return EXIT_OK


def run_restore(config, source: str, yes: bool) -> int:
    from tui.store.backup import NotConfirmed, RestorePlan, plans_text, restore

    def ask(plan: RestorePlan) -> bool:
        if yes:
            return True
        kept = (f"The database now there is kept as {plan.kept_as.name}.\n" if plan.kept_as
                else "There is no database there yet.\n")
        return _confirmed(
            f"This puts the backup {plan.source} ({plans_text(plan.facts)}, saved "
            f"{plan.changed:%Y-%m-%d %H:%M}) in "
            f"place of the plan database at {plan.database}.\n{kept}"
            "Everyone must quit Recovery Plan first.\nType yes to restore: ", "yes")

    try:
        plan = restore(config.database, source, confirm=ask, site_key_path=config.site_key)
    except NotConfirmed:
        return _fail("Nothing was changed. (To restore without a question, add --yes.)")
    kept = f" The one it replaced is kept as {plan.kept_as}." if plan.kept_as else ""
    print(f"Restored the plan database at {plan.database} from {plan.source}.{kept}")
    return EXIT_OK


def run_migrate(config, source: str, target: str, source_key: str | None) -> int:
    from tui.store.move import move_plans

    moved = move_plans(source, target, source_key=source_key, site_key=config.site_key)
    print(f"Moved every plan from {moved.source} to {moved.target}, sealed as they were.")
    print(f"{'table':20} {'rows':>8}")
    for table, count in moved.counts.items():
        print(f"{table:20} {count:8}")
    plans = moved.counts.get("person", 0)
    print(f"Every table has the same number of rows in both ({plans} "
          f"plan{'' if plans == 1 else 's'}).")
    if moved.key_copied_to is not None:
        print(f"Copied the site key to {moved.key_copied_to}: keep it as safe as the first.")
    print(f"The plans are still in {moved.source} too: once everyone uses {moved.target}, "
          "keep the old one aside as a backup, or delete it.")
    return EXIT_OK


def warn_stale_help_lines(config) -> None:
    from tui.content.help_lines import STALE_AFTER_DAYS
    from tui.store import clock

    today = clock.today()
    for line in config.help_lines():
        age = (today - line.checked).days
        if age > STALE_AFTER_DAYS:
            print(f"recovery-plan: warning: {line.name} ({line.number}) was last checked "
                  f"{line.checked:%Y-%m-%d}, over 6 months ago. Check it and update the site config.",
                  file=sys.stderr)


def run_app(config) -> int:
    # A mistake in the site config is reported before the screen changes.
    config.help_lines(), config.theme, config.keymap, config.kiosk, config.idle_lock
    from tui.app import RecoveryPlanApp
    from tui.terminal import TerminalGuard

    app = RecoveryPlanApp(config=config, location=config.database)
    # Puts the terminal back after a crash, and clears what the app showed where
    # leaving it needs that (the Linux console has no alternate screen).
    with TerminalGuard(kiosk=config.kiosk) as guard:
        try:
            app.run()
        finally:
            app.close_store()
            guard.crashed = app.crashed
    if guard.crashed:
        return app.return_code or EXIT_FAILED
    return app.return_code or EXIT_OK


def _early_language(argv: list[str] | None) -> str | None:
    """--lang, read before the parser is built (its help texts are translated)."""
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--lang")
    pre.add_argument("--config")
    try:
        known, _rest = pre.parse_known_args(argv)
    except SystemExit:
        return None
    site = None
    try:
        from tui.config import load_config

        site = load_config(known.config, None).language
    except Exception:  # a broken config is reported once the parser has run
        site = None
    return choose_language(known.lang, None, None, site)


def use_plan_language(config, plan) -> None:
    """Once the person is known, their saved language (unless --lang said otherwise)."""
    set_language(choose_language(config.language_option, plan.language, None, config.language))


def main(argv: list[str] | None = None) -> int:
    set_language(_early_language(argv))
    args = build_parser().parse_args(argv)
    from tui.config import ConfigError, load_config
    from tui.store.errors import StoreError

    try:
        config = load_config(args.config, args.db)
        config.language_option = args.lang
        config.kiosk_option, config.idle_lock_option = args.kiosk, args.idle_lock
        if args.command == "demo":
            return run_demo(config)
        if args.command == "check":
            warn_stale_help_lines(config)
            return run_check(config)
        if args.command == "crisis":
            return run_crisis(config, args.name, args.pin_stdin)
        if args.command == "export" and (args.format == "json" or args.history):
            return run_json_export(config, args.name, args.format, args.output, args.pin_stdin,
                                   args.history)
        if args.command == "export":
            return run_export(config, args.name, args.format, args.output, args.pin_stdin)
        if args.command == "import":
            return run_import(config, args.file, args.name, args.pin_stdin, args.replace)
        if args.command == "delete":
            return run_delete(config, args.name, args.yes)
        if args.command == "audit":
            return run_audit(config, args.limit, args.name)
        if args.command == "backup":
            return run_backup(config, args.file, args.force)
        if args.command == "restore":
            return run_restore(config, args.file, args.yes)
        if args.command == "migrate":
            return run_migrate(config, args.source, args.target, args.from_key)
        return run_app(config)
    except (ConfigError, StoreError) as error:
        return _fail(str(error))
    except KeyboardInterrupt:
        return 130
