"""The `recovery-plan` command. With no command it starts the app; commands
that show no screen never import textual, so they start fast.

Options for every command come before it: `recovery-plan --db FILE demo`.
"""

from __future__ import annotations

import argparse
import os
import sys

from tui import __version__
from tui.i18n import (
    LANGUAGES, N_, _, choose_language, language_from_environment, ngettext, normalize, set_language,
    use_plan_language)

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

# argparse's own words, as its module writes them (Python 3.11), marked so they
# are in the catalog: build_parser has argparse translate them through ours.
ARGPARSE_TEXTS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("unrecognized arguments: %s"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    ngettext("expected %s argument", "expected %s arguments", 1),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("unexpected option string: %s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_("can't open '%(filename)s': %(error)s"),
    N_("argument \"-\" with mode %r"),
)


def build_parser() -> argparse.ArgumentParser:
    from tui.output import formats  # the formats export offers

    # argparse writes its own words ("usage: ", "options", its error messages)
    # through the `_` and `ngettext` of its module, which read the system's
    # catalog: pointed at ours, they follow --lang like the rest of the command.
    argparse._ = _
    argparse.ngettext = ngettext
    parser = argparse.ArgumentParser(
        prog="recovery-plan",
        description=_("Build and keep your own recovery plan. With no command, the app starts."),
    )
    parser.add_argument("--version", action="version", version=f"recovery-plan {__version__}",
                        help=_("show program's version number and exit"))
    parser.add_argument(
        "--db", metavar=_("PATH"),
        help=_("the plan database: a file path, a sqlite:/// URL or a postgresql://user@host/dbname "
               "URL (default: RECOVERY_PLAN_DB, then the site config, then your user data folder)"),
    )
    parser.add_argument(
        "--config", metavar=_("FILE"),
        help=_("the site config file (default: RECOVERY_PLAN_CONFIG, then the system's config "
               "folder)"),
    )
    parser.add_argument(
        "--lang", choices=LANGUAGES, metavar="es|en",
        help=_("the language: es (Spanish) or en (English) (default: the person's saved choice, "
               "then LANGUAGE or LANG, then the site config)"),
    )
    parser.add_argument(
        "--kiosk", action="store_true", default=None,
        help=_("a shared kiosk: Ctrl+Q signs out instead of quitting, Ctrl+C and Ctrl+Z don't "
               "leave the app, nothing of a plan goes to the terminal's clipboard, the plan locks "
               "after 3 minutes without a key (default: [kiosk] enabled in the site config)"),
    )
    parser.add_argument(
        "--idle-lock", metavar=_("SECONDS"), type=_idle_seconds,
        help=_("lock the plan after this many seconds without a key (default: [lock] "
               "idle_seconds in the site config, else 180 on a kiosk and 900 elsewhere)"),
    )
    parser.add_argument(
        "--plain", action="store_true", default=None,
        help=_("plain mode, for a screen reader or braille display: the app as questions and "
               "answers, one line at a time, with no full-screen drawing, colours or escape "
               "sequences (default: [display] plain in the site config)"),
    )
    commands = parser.add_subparsers(dest="command", metavar=_("COMMAND"))
    commands.add_parser(
        "demo", help=_("make a practice plan named Demo (PIN 975310) from the guide's example"),
        description=_("Make a practice plan named Demo, PIN 975310, holding the guide's example."),
    )
    check = commands.add_parser(
        "check", help=_("check the database: integrity and schema, in one line"),
        description=_("Check the plan database's integrity and schema. Exit 0 when all is well, "
                      "1 if not. Also warns when a crisis line in the site config was last "
                      "checked over 6 months ago. Given a FILE (a backup), checks that file "
                      "instead, without the site key."),
    )
    check.add_argument("file", metavar=_("file"), nargs="?",
                       help=_("a backup file to check (no site key needed)"))
    pin_stdin_help = _("read the PIN from standard input (for scripts)")
    crisis = commands.add_parser(
        "crisis", help=_("print your crisis plan and pocket overdose plan (asks your PIN)"),
        description=_("Print a crisis plan and pocket overdose plan as plain text. Asks for the "
                      "PIN without showing it."),
    )
    _plan_name_arguments(crisis)
    crisis.add_argument("--pin-stdin", action="store_true", help=pin_stdin_help)
    export = commands.add_parser(
        "export", help=_("save your pocket card (txt, md, pdf) or your whole plan (json)"),
        description=_("Save the pocket overdose plan and crisis contacts to a file. The PDF is a "
                      "wallet-sized card, front and back. json saves the whole plan, to move it "
                      "with import (see docs/export-format.md); the file is not encrypted."),
    )
    _plan_name_arguments(export)
    export.add_argument("--format", choices=formats.names(formats.CARD) + formats.names(formats.PLAN),
                        default="txt")
    export.add_argument("-o", "--output", metavar=_("FILE"), required=True,
                        help=_("the file to write (txt, md and json: - for standard output)"))
    export.add_argument("--pin-stdin", action="store_true", help=pin_stdin_help)
    export.add_argument("--history", action="store_true",
                        help=_("json only: add the past versions of each part of the plan"))
    import_ = commands.add_parser(
        "import", help=_("make a plan from a file saved with export --format json"),
        description=_("Make a plan from a file saved with export --format json. Asks for the "
                      "PIN the new plan will have. The whole file is checked first: a file with "
                      "any problem changes nothing."),
    )
    import_.add_argument("file", metavar=_("file"),
                         help=_("the file saved with export --format json"))
    import_.add_argument("--name", metavar=_("NAME"),
                         help=_("make the plan under this name, not the file's"))
    import_.add_argument("--pin-stdin", action="store_true",
                         help=_("the first line of standard input is the new PIN (for scripts)"))
    import_.add_argument("--replace", action="store_true",
                         help=_("replace a plan with the same name without asking (for scripts)"))
    delete = commands.add_parser(
        "delete", help=_("delete a plan for good, without opening it (for staff)"),
        description=_("Delete the plan made with NAME: its words, keys and recovery codes are "
                      "removed and their space wiped. It can't be undone, and nobody can read "
                      "the plan first. Asks you to type the name again."),
    )
    _plan_name_arguments(delete)
    _yes_argument(delete)
    unlock = commands.add_parser(
        "unlock", help=_("end the wait after wrong PINs for a name, without opening its plan "
                         "(for staff)"),
        description=_("End the wait after wrong PINs for the name NAME at once, so the person "
                      "can sign in again. The plan stays closed: nothing of it is read. The "
                      "audit trail records it. Asks you to type the name again."),
    )
    _plan_name_arguments(unlock)
    _yes_argument(unlock)
    audit = commands.add_parser(
        "audit", help=_("print the audit trail: sign-ins, changes, exports, deletions"),
        description=_("Print who did what to which plan (by number), when and from which "
                      "terminal. Never shows what a plan says."),
    )
    audit.add_argument("--limit", type=int, default=200, metavar=_("LIMIT"),
                       help=_("how many of the latest events"))
    audit.add_argument("--name", metavar=_("NAME"),
                       help=_("only the events of the plan made with this name"))
    audit.add_argument("--name-stdin", action="store_true",
                       help=_("only the events of the plan whose name is the first line of "
                              "standard input"))
    backup = commands.add_parser(
        "backup", help=_("save a copy of the plan database (safe while people use it)"),
        description=_("Save a copy of the whole plan database, as it is at one moment, while "
                      "people keep working. The plans in it stay sealed: the copy opens only "
                      "with the site key, which is not in it. The file can be read by you only."),
    )
    backup.add_argument("file", metavar=_("file"),
                        help=_("the file to write; a folder gets a dated name in it; "
                               "- writes to standard output"))
    backup.add_argument("--force", action="store_true", help=_("replace FILE if it exists"))
    restore = commands.add_parser(
        "restore", help=_("put a backup in place of the plan database (asks first)"),
        description=_("Check a backup, then put it in place of the plan database. Everyone "
                      "must quit Recovery Plan first. The database it replaces is kept beside "
                      "it as NAME.before-restore-DATE-TIME."),
    )
    restore.add_argument("file", metavar=_("file"), help=_("the backup file"))
    _yes_argument(restore)
    migrate = commands.add_parser(
        "migrate", help=_("move every plan into another database, like a shared PostgreSQL one"),
        description=_("Copy every plan (sealed as it is), its history and the audit trail from "
                      "one database into an empty one, in one transaction, then count each "
                      "table's rows in both. Both must use the same site key: the target's key "
                      "file ([security] site_key or RECOVERY_PLAN_SITE_KEY) is made as a copy "
                      "of the source's when it is missing. See docs/postgresql.md."),
    )
    migrate.add_argument("--from", dest="source", required=True, metavar="URL",
                         help=_("the database the plans are in: a file path, sqlite:/// or "
                                "postgresql:// URL"))
    migrate.add_argument("--to", dest="target", required=True, metavar="URL",
                         help=_("the empty database to move them into"))
    migrate.add_argument("--from-key", metavar=_("FILE"),
                         help=_("the site key file of --from (default: beside a SQLite file, "
                                "else the site config's)"))
    serve = commands.add_parser(
        "serve", help=_("serve the app to web browsers, like a center's Chromebooks (needs .[web])"),
        description=_("Serve Recovery Plan to web browsers: each browser tab gets its own app, "
                      "as on a shared kiosk, with the site config and database given here. "
                      "Listens on this computer only unless --host says otherwise; put a web "
                      "server with HTTPS in front of it for other computers (see "
                      "docs/deploy-browser.md)."),
    )
    serve.add_argument("--host", default="127.0.0.1",
                       help=_("the address to listen on (default: 127.0.0.1, this computer only)"))
    serve.add_argument("--port", type=_port, default=8000, help=_("the port (default: 8000)"))
    serve.add_argument("--public-url", metavar="URL",
                       help=_("the address people open, like https://plans.example.org, when a "
                              "web server with HTTPS is in front (default: http://HOST:PORT)"))
    serve.add_argument("--max-sessions", type=_at_least_one, default=10, metavar="N",
                       help=_("at most this many people at once; each takes about 70 MB of "
                              "memory (default: 10)"))
    serve.add_argument("--per-address", type=_at_least_one, default=10, metavar="N",
                       help=_("at most this many new sessions a minute from one address "
                              "(default: 10)"))
    serve.add_argument("--open-per-address", type=_at_least_one, default=5, metavar="N",
                       help=_("at most this many sessions open at once from one address "
                              "(default: 5)"))
    serve.add_argument("--end-unused", type=_at_least_one, default=300, metavar="SECONDS",
                       help=_("a session left at the sign-in screen with no key for this long "
                              "ends; the page says how to start again (default: 300)"))
    serve.add_argument("--allow-origin", nargs="+", action="extend", default=[], metavar="URL",
                       help=_("another address the page may be opened at, like "
                              "http://kiosk-server:8000 (the public URL and this computer's "
                              "own addresses are always allowed)"))
    check_font = commands.add_parser(
        "check-font", help=_("check that a Linux console font can show everything the app draws"),
        description=_("Check one or more Linux console fonts (.psf or .psf.gz, as in "
                      "/usr/share/consolefonts) against every character of the app's texts, in "
                      "every language, and of what it draws on a console. Exit 0 when each font "
                      "has them all, 1 if not. See docs/deploy-kiosk.md."),
    )
    check_font.add_argument("fonts", nargs="+", metavar=_("FONT"), help=_("a console font file"))
    return parser


def _plan_name_arguments(command: argparse.ArgumentParser) -> None:
    """The name of the plan `command` acts on: an argument, or the first line of
    standard input (--name-stdin), or typed when asked (see _read_name, which
    main calls for every command marked here)."""
    command.add_argument(
        "name", metavar=_("name"), nargs="?",
        help=_("the name the plan was made with (better: leave it out and type it when "
               "asked, or use --name-stdin, so it is not in the shell's history)"))
    command.add_argument(
        "--name-stdin", action="store_true",
        help=_("read the name from standard input, its first line (for scripts; "
               "with --pin-stdin, the PIN is the second line)"))
    command.set_defaults(takes_plan_name=True)


def _yes_argument(command: argparse.ArgumentParser) -> None:
    command.add_argument("--yes", action="store_true", help=_("don't ask (for scripts)"))


def _port(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(_("give a port number from 1 to 65535, like 8000"))
    return int(text)


def _at_least_one(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or int(text) < 1:
        raise argparse.ArgumentTypeError(_("give a whole number, 1 or more, like 10"))
    return int(text)


def run_check_font(fonts: list[str]) -> int:
    from tui.console_font import FontError, check_fonts

    try:
        report, all_well = check_fonts(fonts)
    except FontError as error:
        return _fail(str(error))
    print(report)
    return 0 if all_well else EXIT_FAILED


def _idle_seconds(text: str) -> int:
    from tui.config import IDLE_LOCK_SHORTEST

    if not (text.isascii() and text.isdigit()) or int(text) < IDLE_LOCK_SHORTEST:
        raise argparse.ArgumentTypeError(
            _("give a whole number of seconds, {shortest} or more, like 300").format(
                shortest=IDLE_LOCK_SHORTEST))
    return int(text)


def _harmless(text: str) -> str:
    """A message fit for the terminal: a path or name in it can't send escape sequences."""
    from tui.store.text import displayable

    return displayable(text)


def _say(message: str, file=None) -> None:
    """One message on standard output (or `file`), made harmless (a path may
    hold escape sequences)."""
    print(_harmless(message), file=file or sys.stdout)


def _fail(message: str) -> int:
    print(_harmless(f"recovery-plan: {message}"), file=sys.stderr)
    return EXIT_FAILED


def _warn(message: str) -> None:
    print(_harmless(_("recovery-plan: warning: {message}").format(message=message)),
          file=sys.stderr)


def _open_store(config, **options):
    """The plan database and site key the config names."""
    from tui.store import open_store

    return open_store(config.database, site_key_path=config.site_key,
                      file_group=config.file_group, **options)


def run_demo(config) -> int:
    from tui.content.demo import DEMO_NAME, DEMO_PIN
    from tui.demo import create_demo
    from tui.store import NameTakenError

    store = _open_store(config)
    try:
        create_demo(store)
    except NameTakenError:
        return _fail(_("A plan named {name} already exists in {where}. Nothing was changed.")
                     .format(name=DEMO_NAME, where=store.where))
    finally:
        store.close()
    _say(_("Made the demo plan in {where}.").format(where=store.where))
    _say(_("Sign in with the name {name} and the PIN {pin}.").format(name=DEMO_NAME, pin=DEMO_PIN))
    return EXIT_OK


def run_check_file(file: str) -> int:
    """A backup's integrity and schema, checked without the site key (the
    key is needed only to open plans)."""
    from tui.store import open_store

    store = open_store(file, existing_only=True, migrate=False, without_key=True)
    try:
        ok, line = store.check()
    finally:
        store.close()
    _say(line)
    if ok:
        _say(_("The site key was not needed for this check; it is needed only to open plans."))
    return EXIT_OK if ok else EXIT_FAILED


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
    _say(_("{line}; write-ahead log {size}").format(line=line, size=size_text(wal))
          if on_file else line)
    if wal > WAL_WARN_BYTES:
        _warn(_("the write-ahead log ({file}) is {size}. A session may be stuck: ask everyone "
                "to quit Recovery Plan, then check again.").format(
                    file=f"{store.path.name}-wal", size=size_text(wal)))
    if key_problem:
        _warn(key_problem)
    return EXIT_OK if ok else EXIT_FAILED


def _read_name(given: str | None, from_stdin: bool) -> str:
    """The name: given on the command line, else the first line of standard
    input (--name-stdin), else typed at the terminal when asked. Left off the
    command line, it is in neither `ps` nor the shell's history."""
    from tui.store import InputError

    if from_stdin:
        if given is not None:
            raise InputError(_("Give the name either on the command line or with --name-stdin, "
                               "not both."))
        name = _stdin_line()
    elif given is not None:
        name = given
    else:
        name = _typed(_("Name: ")) or ""
    if not name.strip():
        raise InputError(_("No name was given. Type it when asked, or use --name-stdin in "
                           "scripts."))
    return name


def _read_pin(from_stdin: bool) -> str | None:
    """The PIN from standard input (one line) or typed at the terminal without echo."""
    if from_stdin:
        return _stdin_line()
    return _typed(_("PIN: "), hidden=True)


def _stdin_line() -> str:
    """The next line of standard input, without its line end."""
    line = sys.stdin.readline()
    return line[:-1] if line.endswith("\n") else line


def _typed(prompt: str, hidden: bool = False) -> str | None:
    """What the person types at the terminal after `prompt` (`hidden`: without
    echo); None with no terminal, or when input ends (Ctrl+D)."""
    if not sys.stdin.isatty():
        return None
    if hidden:
        import getpass

        ask = getpass.getpass
    else:
        ask = input
    try:
        return ask(prompt)
    except EOFError:
        return None


def _open_plan(config, name: str, from_stdin: bool):
    """(store, plan), or a StoreError with a message that never says which part was wrong."""
    from tui.store import SignInError, sign_in

    pin = _read_pin(from_stdin)
    if pin is None:
        raise SignInError(_("No PIN was given. Type it when asked, or use --pin-stdin in scripts."))
    store = _open_store(config, existing_only=True)
    try:
        plan = sign_in(store, name, pin)
        use_plan_language(config, plan)
        if plan.read_only_note:  # its sign-in couldn't be written: say so, calmly
            _say(plan.read_only_note, file=sys.stderr)
        return store, plan
    except BaseException:
        store.close()
        raise


def terminal_width(fallback: int = 80) -> int:
    """The columns of the terminal (COLUMNS first), as shutil.get_terminal_size
    says, without importing shutil and the archive modules it brings."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns if columns > 0 else fallback


def run_crisis(config, name: str, from_stdin: bool) -> int:
    from tui.output.cards import PlanSnapshot, crisis_plan_text

    store, plan = _open_plan(config, name, from_stdin)
    try:
        snapshot = PlanSnapshot(plan)
    finally:
        store.close()
    sys.stdout.write(crisis_plan_text(snapshot, width=min(terminal_width(), 100)))
    return EXIT_OK


def run_export(config, name: str, fmt: str, output: str, from_stdin: bool) -> int:
    from pathlib import Path

    from tui.output.cards import PlanSnapshot, PocketCard
    from tui.output.files import ExportError
    from tui.output.fonts import find_font
    from tui.output.formats import CARD, find, save

    card_format = find(CARD, fmt)
    if output == "-" and card_format.text is None:
        return _fail(_("A PDF can't go to standard output. Give a file name with -o."))
    store, plan = _open_plan(config, name, from_stdin)
    try:
        snapshot = PlanSnapshot(plan)
        if output == "-":
            sys.stdout.write(card_format.text(PocketCard(snapshot)))
        else:
            try:
                save(CARD, fmt, PocketCard(snapshot, tuple(config.help_lines())), Path(output),
                     find_font(config.card_font))
            except ExportError as error:
                return _fail(str(error))
            _say(_("Saved the pocket card to {file}.").format(file=output))
        plan.record("exported", f"pocket card {fmt}")
    finally:
        store.close()
    return EXIT_OK


def run_json_export(config, name: str, fmt: str, output: str, from_stdin: bool,
                    history: bool) -> int:
    from pathlib import Path

    from tui.output.files import ExportError
    from tui.output.formats import PLAN, find, names, save
    from tui.store import transfer

    if fmt not in names(PLAN):
        return _fail(_("--history works only with --format json."))
    store, plan = _open_plan(config, name, from_stdin)
    try:
        document = transfer.plan_document(plan, history=history)
        if output == "-":
            sys.stdout.write(find(PLAN, fmt).text(document))
        else:
            try:
                save(PLAN, fmt, document, Path(output))
            except ExportError as error:
                return _fail(str(error))
            _say(_("Saved the whole plan to {file}. It is not encrypted: keep it safe, "
                    "and delete it once it is imported.").format(file=output))
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
            raise InputError(_("No PIN was given. Type it when asked, or use --pin-stdin in "
                               "scripts. Nothing was changed."))
        return pin
    import getpass

    try:
        pin = getpass.getpass(_("PIN for the new plan: "))
        again = getpass.getpass(_("The same PIN again: "))
    except EOFError:
        raise InputError(_("No PIN was given. Nothing was changed.")) from None
    if pin != again:
        raise InputError(_("The two PINs were not the same. Nothing was changed."))
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
            if not replace and not _said_yes(
                    _("A plan named {name} already exists. Replacing it deletes it for good.\n"
                      "Type yes to replace it with the plan in the file: ").format(name=shown)):
                return _fail(_("Nothing was changed. (To replace the plan without a question, "
                               "add --replace.)"))
            plan = transfer.import_plan(store, plan_file, pin, replace=True)  # all or nothing
            replaced = True
    finally:
        store.close()
    parts = {
        "name": shown, "file": one_line(source),
        "goals": ngettext("{n} goal", "{n} goals", len(plan_file.goals)).format(
            n=len(plan_file.goals)),
        "steps": ngettext("{n} step", "{n} steps", plan_file.steps).format(n=plan_file.steps),
        "contacts": ngettext("{n} contact", "{n} contacts", len(plan_file.contacts)).format(
            n=len(plan_file.contacts)),
    }
    if replaced:
        _say(_("Replaced the plan of {name} from {file}: {goals}, {steps}, {contacts}.")
              .format(**parts))
    else:
        _say(_("Made the plan of {name} from {file}: {goals}, {steps}, {contacts}.")
              .format(**parts))
    if plan_file.history_revisions:
        _say(_("The file's past versions of the plan's parts were not imported; only the plan "
                "as it is now."))
    _say(_("Your recovery codes. If you forget your PIN, one of them opens your plan (each "
            "works once). Keep them safe: they are shown only now."))
    for number, code in enumerate(plan.recovery_codes, start=1):
        print(f"{number}. {code}")
    return EXIT_OK


def _confirmed(prompt: str, *expected: str) -> bool:
    """True when the person at the terminal types one of `expected` (case and spacing aside)."""
    from tui.store.text import normalised_name

    answer = _typed(prompt)
    if answer is None:
        return False
    return normalised_name(answer) in {normalised_name(word) for word in expected}


def _said_yes(prompt: str) -> bool:
    """True when the person types "yes" in the language in effect (or in English;
    "si" without its accent too)."""
    import unicodedata

    word = _("yes")
    plain = "".join(char for char in unicodedata.normalize("NFD", word)
                    if not unicodedata.combining(char))
    return _confirmed(prompt, word, plain, "yes")


def _act_on_unopened_plan(config, name: str, yes: bool, prompt: str, act) -> bool | None:
    """Staff commands that act on a plan without opening it: `act(store, name)`
    once the name is typed again at `prompt` (its {name} shown harmless), or at
    once with `yes`. None when the name was not typed again."""
    from tui.store.text import one_line

    store = _open_store(config, existing_only=True)
    try:
        if not (yes or _confirmed(prompt.format(name=one_line(name)), name)):
            return None
        return act(store, name)
    finally:
        store.close()


def run_delete(config, name: str, yes: bool) -> int:
    from tui.store import delete_plan

    deleted = _act_on_unopened_plan(
        config, name, yes, _("This deletes the plan of {name} for good. It can't be undone.\n"
                             "Type the name again to delete it: "), delete_plan)
    if deleted is None:
        return _fail(_("Nothing was deleted. (To delete without a question, add --yes.)"))
    if not deleted:
        return _fail(_("No plan has that name. Nothing was deleted."))
    _say(_("The plan was deleted. Its words and keys are gone."))
    return EXIT_OK


def run_unlock(config, name: str, yes: bool) -> int:
    from tui.store.plans import unlock_name

    had = _act_on_unopened_plan(
        config, name, yes, _("This ends the wait after wrong PINs for {name} now. The plan stays "
                             "closed.\nType the name again to end the wait: "), unlock_name)
    if had is None:
        return _fail(_("Nothing was changed. (To end the wait without a question, add "
                       "--yes.)"))
    _say(_("The wait for that name is over: the next PIN typed is checked at once.") if had
          else _("That name had no wait and no wrong tries. Nothing needed changing."))
    return EXIT_OK


def run_audit(config, limit: int, name: str | None) -> int:
    from tui.store import audit, crypto, models
    from tui.store.text import normalised_name, one_line

    if limit < 1:
        return _fail(_("--limit must be 1 or more."))
    store = _open_store(config, existing_only=True)
    try:
        person_id = tag = None
        if name is not None:
            lookup = crypto.name_lookup(store.site_key, normalised_name(name))
            with store.errors_explained():
                person = models.Person.get_or_none(models.Person.lookup == lookup)
            if person is None:
                return _fail(_("No plan has that name."))
            person_id, tag = person.id, crypto.audit_tag(store.site_key, lookup)
        events = audit.events(store, person_id=person_id, tag=tag, limit=limit)
    finally:
        store.close()
    # Headings and meanings in the language in effect; times, plan numbers,
    # terminals and details are the stored values, as they are.
    print(f"{_('when'):16}  {_('plan'):>6}  {_('terminal'):20}  {_('what')}")
    for event in events:
        plan = f"#{event.person_id}" if event.person_id is not None else "-"
        what = event.meaning + (f" ({event.detail})" if event.detail else "")
        print(f"{event.at:%Y-%m-%d %H:%M}  {plan:>6}  {one_line(event.terminal)[:20]:20}  {one_line(what)}")
    if not events:
        _say(_("(no events yet)"))
    return EXIT_OK


def run_backup(config, target: str, force: bool) -> int:
    from tui.store.backup import backup, plans_text

    if target == "-" and sys.stdout.isatty():
        return _fail(_("The backup is not for the screen. Send it to a file or program with >, "
                       "or give a file name."))
    done = backup(config.database, target, force=force, stdout=sys.stdout.buffer,
                  site_key_path=config.site_key)
    where = _("standard output") if done.target == "-" else done.target
    _say(_("Saved a copy of the plan database ({plans}) to {where}.").format(
        plans=plans_text(done.facts), where=where),
        file=sys.stderr if done.target == "-" else sys.stdout)
    return EXIT_OK


def run_restore(config, source: str, yes: bool) -> int:
    from tui.store.backup import NotConfirmed, RestorePlan, plans_text, restore

    def ask(plan: RestorePlan) -> bool:
        if yes:
            return True
        kept = (_("The database now there is kept as {name}.").format(name=plan.kept_as.name)
                if plan.kept_as else _("There is no database there yet."))
        return _said_yes(
            _("This puts the backup {file} ({plans}, saved {saved}) in place of the plan "
              "database at {database}.\n{kept}\nEveryone must quit Recovery Plan first.\n"
              "Type yes to restore: ").format(
                  file=plan.source, plans=plans_text(plan.facts),
                  saved=f"{plan.changed:%Y-%m-%d %H:%M}", database=plan.database, kept=kept))

    try:
        plan = restore(config.database, source, confirm=ask, site_key_path=config.site_key)
    except NotConfirmed:
        return _fail(_("Nothing was changed. (To restore without a question, add --yes.)"))
    if plan.kept_as:
        _say(_("Restored the plan database at {database} from {file}. The one it replaced is "
                "kept as {kept}.").format(database=plan.database, file=plan.source,
                                          kept=plan.kept_as))
    else:
        _say(_("Restored the plan database at {database} from {file}.").format(
            database=plan.database, file=plan.source))
    return EXIT_OK


def run_migrate(config, source: str, target: str, source_key: str | None) -> int:
    from tui.store.move import move_plans

    moved = move_plans(source, target, source_key=source_key, site_key=config.site_key)
    _say(_("Moved every plan from {source} to {target}, sealed as they were.").format(
        source=moved.source, target=moved.target))
    print(f"{_('table'):20} {_('rows'):>8}")
    for table, count in moved.counts.items():
        print(f"{table:20} {count:8}")
    plans = moved.counts.get("person", 0)
    print(ngettext("Every table has the same number of rows in both ({n} plan).",
                   "Every table has the same number of rows in both ({n} plans).",
                   plans).format(n=plans))
    if moved.key_copied_to is not None:
        _say(_("Copied the site key to {file}: keep it as safe as the first.").format(
            file=moved.key_copied_to))
    _say(_("The plans are still in {source} too: once everyone uses {target}, keep the old "
            "one aside as a backup, or delete it.").format(source=moved.source,
                                                           target=moved.target))
    return EXIT_OK


def warn_stale_help_lines(config) -> None:
    from tui.content.help_lines import STALE_AFTER_DAYS, shown
    from tui.store import clock

    today = clock.today()
    for line in map(shown, config.help_lines()):
        age = (today - line.checked).days
        if age > STALE_AFTER_DAYS:
            _warn(_("{name} ({number}) was last checked {date}, over 6 months ago. Check it and "
                    "update the site config.").format(
                        name=line.name, number=line.number, date=f"{line.checked:%Y-%m-%d}"))


def has_terminal() -> bool:
    """Whether the app has a terminal to read keys from and draw on (Textual draws on
    standard error; standard output sent to a file means no one is watching either).
    A driver named in TEXTUAL_DRIVER (the browser's, through textual-serve) brings its own."""
    import os

    if os.environ.get("TEXTUAL_DRIVER"):
        return True
    streams = (sys.__stdin__, sys.__stdout__, sys.__stderr__)
    return all(stream is not None and stream.isatty() for stream in streams)


def run_plain(config) -> int:
    # A mistake in the site config is reported before the conversation starts.
    config.help_lines(), config.kiosk, config.idle_lock
    from tui.plain import run_plain as plain

    return plain(config)


def run_app(config) -> int:
    # A mistake in the site config is reported first, before the screen changes.
    config.help_lines(), config.theme, config.keymap, config.kiosk, config.idle_lock
    config.console, config.fields
    if not has_terminal():
        # A script, a cron job, a kiosk with its terminal set up wrong: the
        # full-screen app would write escape codes into a file and wait for keys.
        print(_("recovery-plan: the app needs a terminal (a keyboard and a screen), and this "
                "command has none. To use a plan from a script, try a command such as "
                "\"recovery-plan crisis NAME --pin-stdin\" or \"recovery-plan export\" (see "
                "recovery-plan --help)."), file=sys.stderr)
        return EXIT_USAGE
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


def run_serve(config, args) -> int:
    # A mistake in the site config or the database is reported before serving anyone.
    config.help_lines(), config.theme, config.keymap, config.idle_lock
    try:
        from tui.web.server import serve
    except ImportError:
        return _fail(_("Serving to browsers needs the web extra. Install it with: "
                       "pip install 'recovery-plan[web]'"))
    store = _open_store(config)  # made and brought up to date once, before anyone comes
    store.close()
    return serve(config, args)


def _early_language(argv: list[str] | None) -> str | None:
    """--lang, read before the parser is built (its help texts are translated)."""
    # Quiet about mistakes (the real parser reports them, in the language chosen);
    # a mistake in another option still leaves --lang read.
    known = argparse.Namespace(lang=None, config=None)
    for options in (("--lang", "--config"), ("--lang",)):
        pre = argparse.ArgumentParser(add_help=False, exit_on_error=False)
        for option in options:
            pre.add_argument(option)
        try:
            known, _rest = pre.parse_known_args(argv, argparse.Namespace(config=None))
            break
        except (SystemExit, argparse.ArgumentError):
            continue
    if normalize(known.lang) or language_from_environment():
        return choose_language(known.lang)  # the site config can't change it: not read twice
    try:
        from tui.config import load_config

        site = load_config(known.config, None).language
    except Exception:  # a broken config is reported once the parser has run
        site = None
    return choose_language(known.lang, None, None, site)


def main(argv: list[str] | None = None) -> int:
    set_language(_early_language(argv))
    args = build_parser().parse_args(argv)
    from tui.config import ConfigError, load_config
    from tui.store.drivers import is_postgresql, sqlite_only
    from tui.store.errors import StoreError
    from tui.web import in_browser

    try:
        config = load_config(args.config, args.db)
        if args.command != "migrate" and not is_postgresql(config.database):
            sqlite_only()  # peewee then skips psycopg: faster, and less memory in each session
        config.language_option = args.lang
        config.kiosk_option, config.idle_lock_option = args.kiosk, args.idle_lock
        config.plain_option = args.plain
        if args.command == "check-font":
            return run_check_font(args.fonts)
        if args.command == "demo":
            return run_demo(config)
        if args.command == "check" and args.file:
            return run_check_file(args.file)
        if args.command == "check":
            warn_stale_help_lines(config)
            return run_check(config)
        if getattr(args, "takes_plan_name", False):
            args.name = _read_name(args.name, args.name_stdin)
        if args.command == "audit" and args.name_stdin:
            args.name = _read_name(args.name, True)
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
        if args.command == "unlock":
            return run_unlock(config, args.name, args.yes)
        if args.command == "audit":
            return run_audit(config, args.limit, args.name)
        if args.command == "backup":
            return run_backup(config, args.file, args.force)
        if args.command == "restore":
            return run_restore(config, args.file, args.yes)
        if args.command == "migrate":
            return run_migrate(config, args.source, args.target, args.from_key)
        if args.command == "serve":
            return run_serve(config, args)
        if config.plain and not in_browser():
            return run_plain(config)  # (an app served to a browser is always full-screen)
        return run_app(config)
    except (ConfigError, StoreError) as error:
        return _fail(str(error))
    except KeyboardInterrupt:
        return 130
