"""Plain mode (`recovery-plan --plain`) driven through a pseudo-terminal, as a
screen reader user would: one answer a line, the PIN typed without echo.
Everything the program writes is kept, byte for byte, and checked for escape
characters and box-drawing characters."""

from __future__ import annotations

import os
import re
import signal
import time
from datetime import date

import pytest

from tests.cli.test_cli import SCRIPT, private_home, run  # noqa: F401  (private_home: autouse)
from tests.conftest import open_test_store, site_key_env
from tui import i18n
from tui.content import demo
from tui.content.plan_parts import SECTION_PARTS, SECTION_TITLES
from tui.i18n import _, format_date, ngettext
from tui.store.dates import parse_due_date

pexpect = pytest.importorskip("pexpect")

DEMO_DAY = "2026-11-26T10:00"
BOX_DRAWING = re.compile("[\u2500-\u259f]")  # box drawing and block elements


class Plain:
    """The installed command in plain mode on an 80x24 pseudo-terminal."""

    def __init__(self, db, *options: str, now: str = DEMO_DAY, size=(24, 80)):
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("RECOVERY_PLAN_", "LANG", "LC_"))}
        env.update(site_key_env(db), RECOVERY_PLAN_NOW=now, TERM="linux", LANG="C.UTF-8")
        self.child = pexpect.spawn(str(SCRIPT), ["--db", str(db), *options, "--plain"], env=env,
                                   dimensions=size, timeout=30)
        self.output = bytearray()

    def expect(self, *texts: str) -> int:
        """Waits for the first of `texts` (their words may be wrapped across lines)."""
        patterns = [re.compile(r"\s+".join(re.escape(word) for word in text.split()).encode())
                    for text in texts]
        index = self.child.expect(patterns)
        self.output += self.child.before + self.child.after
        return index

    def answer(self, line: str) -> None:
        self.child.sendline(line)

    def ended(self) -> int:
        self.child.expect(pexpect.EOF)
        self.output += self.child.before
        self.child.close()
        return self.child.exitstatus

    @property
    def text(self) -> str:
        return bytes(self.output).decode("utf-8")

    def words(self) -> str:
        """What a screen reader would speak, as one line of words."""
        return " ".join(self.text.split())


def plain_words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def demo_db(db_location):
    assert run("--db", str(db_location), "demo").returncode == 0
    return db_location


def sign_in(session: Plain, name: str = "Demo", pin: str = "975310") -> None:
    session.expect(_("Your name (or nickname), then Enter. Or type 9 for help now, q to leave."))
    session.answer(name)
    session.expect(_("Your PIN, then Enter. It is not shown as you type."))
    session.answer(pin)


def hear_the_crisis_plan(session: Plain) -> str:
    """5, then Enter at each "more": what was said from the 5 to the plan's end."""
    start = len(session.output)
    session.answer("5")
    while session.expect(_("More follows. Enter: go on. a: read all the rest. s: stop."),
                         _("That is the end of your crisis plan.")) == 0:
        session.answer("")
    return bytes(session.output[start:]).decode("utf-8")


def crisis_words_in_order() -> list[str]:
    """Every heading and every word of the demo's crisis plan, overdose plan and
    cravings, in the order they must be heard."""
    texts = {"crisis": demo.CRISIS_PLAN, "overdose": demo.OVERDOSE_PLAN, "cravings": demo.CRAVINGS}
    expected = []
    for section, parts in SECTION_PARTS.items():
        expected.append(_(SECTION_TITLES[section]))
        for number, part in enumerate(parts, start=1):
            expected += [f"{number}. {_(part.title)}", texts[section][part.field]]
    return expected


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_whole_session_in_plain_mode(demo_db, language):
    i18n.set_language(language)
    options = ("--lang", language)
    session = Plain(demo_db, *options, now="2026-11-30T10:00")  # the first housing step is due
    sign_in(session)
    session.expect(_("Main menu: type a number, then Enter. 1 reads the menu."))

    # The crisis plan: every section's words, in order.
    heard = plain_words(hear_the_crisis_plan(session))
    position = 0
    for words in crisis_words_in_order():
        found = heard.find(plain_words(words), position)
        assert found >= 0, f"{words!r} was not heard after position {position}:\n{heard}"
        position = found + len(plain_words(words))
    assert "My sister (sister): 555-0142" in heard
    session.expect(_("{choices}. Enter: back to the main menu.").split("{choices}")[1])
    session.answer("")

    # A goal, and a SMART step toward it.
    session.expect(_("Main menu: type a number, then Enter. 1 reads the menu."))
    session.answer("3")
    session.expect(ngettext("You have {n} goal.", "You have {n} goals.", 6).format(n=6))
    session.expect(_("add a goal"))
    session.answer("a")
    session.expect(_("Your goal, in your own words, then Enter. Enter alone: back."))
    session.answer("Get a library card")
    session.expect(_("Is it a short-term goal (s) or a long-term goal, a year or more "
                     "(l)? Enter: short-term."))
    session.answer("")
    session.expect(_("Add a first step toward it now? y: yes. Enter: no."))
    session.answer("s" if language == "es" else "y")
    answers = (("What I will do", "Go to the library on Main Street"),
               ("How much, how many", "1 visit"), ("By when", "next Friday" if language == "en"
                                                   else "el próximo viernes"),
               ("Why I can do it", "It is near my place"), ("Bring to check-in", "My new card"))
    for label, words in answers:
        session.expect(_(label))
        session.answer(words)
        if label == "By when":
            due = parse_due_date(words, date(2026, 11, 30))
            session.expect(_("That is {date}.").format(date=format_date(due, "long")))
    session.expect(_("Added the step."))

    # A check-in: the first housing step is done.
    session.expect(_("Main menu: type a number, then Enter. 1 reads the menu."))
    session.answer("k")
    session.expect(_("How did it go?"))
    session.answer("d")
    session.expect(_("Anything to remember about it? (you can skip this)"))
    session.answer("It went fine")
    while session.expect(_("How did it go?"), _("Check-in kept")) == 0:
        session.answer("")  # other steps due: skipped
    session.expect(_("Main menu: type a number, then Enter. 1 reads the menu."))
    session.answer("0")
    session.expect(_("Your plan is locked. Everything you answered is kept."))
    assert session.ended() == 0

    raw = bytes(session.output)
    assert b"\x1b" not in raw
    assert not BOX_DRAWING.search(session.text)
    assert b"975310" not in raw  # the PIN is never echoed
    store = open_test_store(demo_db)
    try:
        from tui.store import sign_in as open_plan

        plan = open_plan(store, "Demo", "975310")
        goal = next(g for g in plan.goals() if g.text == "Get a library card")
        step, = plan.steps(goal.id)
        assert (step.specific, step.measurable, step.bring) == (
            "Go to the library on Main Street", "1 visit", "My new card")
        assert step.due_date == due
        check_in = plan.check_ins()[0]
        assert [(o.step_text, o.outcome, o.note) for o in check_in.outcomes] == [
            ("Look for rentals online, Craigslist too", "done", "It went fine")]
    finally:
        store.close()


def test_get_help_now_before_signing_in(demo_db):
    session = Plain(demo_db)
    session.expect(_("Your name (or nickname), then Enter. Or type 9 for help now, q to leave."))
    session.answer("9")
    session.expect("800-484-3731")
    session.expect(_("Your name (or nickname), then Enter. Or type 9 for help now, q to leave."))
    session.answer("q")
    assert session.ended() == 0
    words = session.words()
    assert "Crisis lines: 3 numbers." in words
    assert "911: Emergency." in words
    assert "988 (call or text): 988 Suicide & Crisis Lifeline." in words
    assert b"\x1b" not in bytes(session.output)


def one_sentence_after(session: Plain, line: str) -> str:
    """The words said after the line `line` typed, up to the next question."""
    text = session.text
    return plain_words(text[text.rindex(line) + len(line):])


def test_a_wrong_pin_says_so_plainly(demo_db):
    session = Plain(demo_db)
    sign_in(session, pin="000000")
    session.expect(_("Your name (or nickname), then Enter."))
    said = session.words()
    assert "That name and PIN don't open a plan. Check both and try again." in said
    assert "Your plan is open" not in said
    session.answer("q")
    assert session.ended() == 0
    assert b"\x1b" not in bytes(session.output) and b"000000" not in bytes(session.output)


def test_waits_then_a_locked_out_name(demo_db):
    session = Plain(demo_db)
    for _try in range(5):
        sign_in(session, pin="000000")
    session.expect("Please wait 5 seconds before the next try.")
    session.expect("Type 9 for crisis lines now; they need no sign-in.")
    sign_in(session)  # the right PIN, during the wait: not checked
    session.expect("Too many tries that didn't match. Please wait")
    session.expect("A recovery code works now.")
    assert "Your plan is open" not in session.text
    session.answer("q")
    assert session.ended() == 0
    assert b"\x1b" not in bytes(session.output)


def test_an_empty_crisis_plan_is_one_sentence(db_location):
    from tui.store import create_person

    store = open_test_store(db_location)
    try:
        create_person(store, "Sam", "a-long-pin-27")
    finally:
        store.close()
    session = Plain(db_location)
    sign_in(session, "Sam", "a-long-pin-27")
    session.expect(_("Main menu: type a number, then Enter."))
    session.answer("5")
    session.expect("Enter: back to the main menu.")
    after = one_sentence_after(session, "\n5")
    assert after.startswith("Your crisis plan is empty: nothing is written in it yet. Press e to "
                            "fill it in, one question at a time, or 9 for crisis lines now.")
    assert _("(not written yet)") not in after
    session.answer("0")
    assert session.ended() == 0


def test_the_idle_lock_ends_the_session_and_says_so(demo_db):
    session = Plain(demo_db, "--idle-lock", "5")
    sign_in(session)
    session.expect(_("Main menu: type a number, then Enter."))
    started = time.monotonic()
    session.expect("Are you still here? Your plan locks in")
    session.expect("Your plan locked itself after 5 seconds with no answer, so no one else sees "
                   "it. Everything you answered is kept. Start Recovery Plan again to open it.")
    assert session.ended() == 0
    assert time.monotonic() - started >= 2  # not before the warning's time
    assert b"\x1b" not in bytes(session.output)


def test_enter_after_the_idle_warning_keeps_the_plan_open(demo_db):
    session = Plain(demo_db, "--idle-lock", "6")
    sign_in(session)
    session.expect(_("Main menu: type a number, then Enter."))
    session.expect("Are you still here?")
    session.answer("")
    session.expect(_("Main menu: type a number, then Enter."))  # asked again, still open
    session.answer("2")
    session.expect("My plan: Demo")
    session.answer("")
    session.expect(_("Main menu: type a number, then Enter."))
    session.answer("0")
    assert session.ended() == 0


def test_a_name_left_without_its_pin_is_cleared(demo_db):
    session = Plain(demo_db, "--idle-lock", "5")
    session.expect(_("Your name (or nickname), then Enter."))
    session.answer("Demo")
    session.expect(_("Your PIN, then Enter."))
    session.expect("Nothing was typed for a while, so your name was cleared. Type it again to "
                   "sign in.")
    session.expect(_("Your name (or nickname), then Enter."))
    session.answer("q")
    assert session.ended() == 0


def test_every_menu_of_a_plain_session_leaves_the_ui_toolkit_unloaded(demo_db):
    import subprocess
    import sys

    code = ("import sys; from tui.cli import main; code = main(sys.argv[1:]); "
            "print('textual' in sys.modules, 'rich' in sys.modules, file=sys.stderr); "
            "raise SystemExit(code)")
    typed = "Demo\n975310\n1\n2\n\n3\n\n4\n2\n\n5\na\n\n6\na\n\n7\n1\n9\nk\n0\n"
    result = subprocess.run(
        [sys.executable, "-c", code, "--db", str(demo_db), "--plain"], input=typed,
        capture_output=True, text=True, env={**os.environ, **site_key_env(demo_db),
                                              "RECOVERY_PLAN_NOW": DEMO_DAY})
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().splitlines()[-1] == "False False"
    for heard in ("My plan: Demo", "You have 6 goals.", "Steps toward: I want to find a place",
                  "That is the end of your crisis plan.", "My resilience toolkit: 4 parts",
                  "A long walk with my dog.", "Your tolerance drops after a break",
                  "Crisis lines: 3 numbers.", "Your plan is locked."):
        assert heard in result.stdout
    assert "\x1b" not in result.stdout and not BOX_DRAWING.search(result.stdout)


def test_the_site_config_can_make_plain_mode_the_default(demo_db, tmp_path):
    config = tmp_path / "site.toml"
    config.write_text("[display]\nplain = true\n")
    result = run("--config", str(config), "--db", str(demo_db), input="q\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Recovery Plan, plain mode.")
    assert "\x1b" not in result.stdout
    config.write_text('[display]\nplain = "yes"\n')
    result = run("--config", str(config), "--db", str(demo_db), input="q\n")
    assert result.returncode == 1
    assert "display.plain must be true or false" in result.stderr


def test_escape_sequences_in_a_plan_never_reach_the_terminal(db_location):
    from tui.store import create_person

    store = open_test_store(db_location)
    try:
        plan = create_person(store, "Sam", "a-long-pin-27")
        goal = plan.add_goal("Call \x1b[2J\x1b]0;owned\x07 my sister")
        plan.add_step(goal.id, specific="Text her \x1b[31mtoday\x1b[0m")
        plan.save_section("crisis", {"warning_signs": "I \x1b[8mhide\x1b[0m"})
    finally:
        store.close()
    session = Plain(db_location)
    sign_in(session, "Sam", "a-long-pin-27")
    menu, back = _("Main menu: type a number, then Enter."), "Enter: back to the main menu."
    for question, key in ((menu, "3"), (back, ""), (menu, "4"), (back, ""), (menu, "5"),
                          ("More follows.", "a"), (back, ""), (menu, "0")):
        session.expect(question)
        session.answer(key)
    assert session.ended() == 0
    assert b"\x1b" not in bytes(session.output) and b"\x07" not in bytes(session.output)
    assert "Call ␛[2J␛]0;owned␇ my sister" in session.text
    assert "Text her ␛[31mtoday␛[0m" in session.text


def test_long_text_is_wrapped_and_paged_to_a_small_terminal(demo_db):
    session = Plain(demo_db, size=(12, 40))
    sign_in(session)
    while session.expect("More follows.", _("Main menu: type a number, then Enter.")) == 0:
        session.answer("")  # even the menu is paged on 12 lines
    start = len(session.output)
    session.answer("5")
    pages = 0
    while session.expect("More follows. Enter: go on. a: read all the rest. s: stop.",
                         "That is the end of your crisis plan.") == 0:
        pages += 1
        session.answer("s" if pages == 3 else "")
        if pages == 3:
            break
    session.expect(_("Main menu: type a number, then Enter."))  # s: back to the menu at once
    heard = bytes(session.output[start:]).decode().replace("\r", "").split("\n")
    assert pages == 3
    assert max(len(line) for line in heard) <= 40
    assert "That is the end of your crisis plan." not in session.text
    said = [line for line in heard[1:] if line]  # after the 5 typed
    # A screenful between two "more" questions: the lines said and the
    # question (two lines at 40 columns) fill the 12 lines, and no more.
    runs = "\n".join(said).split("More follows.")
    # (each run: the rest of the question, then the lines said after it)
    assert [len(run.strip("\n").split("\n")) for run in runs[1:-1]] == [12, 12]
    session.answer("0")
    assert session.ended() == 0


def test_filling_in_the_plan_one_question_at_a_time(db_location):
    """The crisis plan, the toolkit and the vision, answered line by line; a
    part changed in another session meanwhile keeps both words."""
    from tui.store import create_person
    from tui.store import sign_in as open_plan

    store = open_test_store(db_location)
    try:
        create_person(store, "Sam", "a-long-pin-27").save_section("vision", {"vision": "A home"})
    finally:
        store.close()
    session = Plain(db_location)
    sign_in(session, "Sam", "a-long-pin-27")
    menu = _("Main menu: type a number, then Enter.")
    keep = "Type new words to replace them, or press Enter to keep them."
    skip = "Type your words, or press Enter to skip."
    steps = [(menu, "5"), ("e: fill in or change a part.", "e"), ("Which part of the plan?", "1"),
             (skip, "I stop sleeping"), ("Saved.", None)]
    steps += [(skip, "")] * 6
    steps += [(menu, "6"), ("More follows.", "a"), ("e: answer or change", "e"),
              ("Which part?", "1"),
              (skip, "A long walk"), ("Saved.", None), (skip, ""), (skip, ""),
              (menu, "2"), ("v: change my vision and strengths", "v"), ("A home", None)]
    for question, typed in steps:
        session.expect(question)
        if typed is not None:
            session.answer(typed)
    store = open_test_store(db_location)
    try:  # meanwhile, in another session
        open_plan(store, "Sam", "a-long-pin-27").save_section("vision", {"vision": "A job"})
    finally:
        store.close()
    session.expect(keep)
    session.answer("My own place")
    session.expect("This part was also changed in another session; both are kept.")
    session.expect(skip)  # strengths
    session.answer("")
    session.expect(menu)
    session.answer("0")
    assert session.ended() == 0
    store = open_test_store(db_location)
    try:
        plan = open_plan(store, "Sam", "a-long-pin-27")
        assert plan.section("crisis").fields["warning_signs"] == "I stop sleeping"
        assert plan.section("crisis").fields["on_my_own"] == ""
        assert plan.toolkit_answers() == {"works.better": "A long walk"}
        assert plan.section("vision").fields["vision"] == "A job\n\nMy own place"
    finally:
        store.close()


def test_10_switches_the_language_and_the_plan_keeps_it(demo_db):
    session = Plain(demo_db)
    session.expect("Español: escribe 10.")
    session.expect(_("Your name (or nickname), then Enter."))
    session.answer("10")
    session.expect("English: type 10.")
    session.expect("Tu nombre (o apodo), y luego Enter.")
    session.answer("Demo")
    session.expect("Tu PIN, y luego Enter.")
    session.answer("975310")
    session.expect("El menú tiene 11 opciones:")
    session.expect("10: English")
    session.expect("Menú principal: escribe un número y luego Enter.")
    session.answer("0")
    session.expect("Tu plan está cerrado con llave.")
    assert session.ended() == 0
    store = open_test_store(demo_db)
    try:
        from tui.store import sign_in as open_plan

        assert open_plan(store, "Demo", "975310").language == "es"
    finally:
        store.close()
    session = Plain(demo_db)  # the next sign-in opens in Spanish, and 10 goes back
    sign_in(session)
    session.expect("Menú principal: escribe un número y luego Enter.")
    session.answer("10")
    session.expect("The menu has 11 choices:")
    session.expect(_("Main menu: type a number, then Enter."))
    session.answer("0")
    assert session.ended() == 0
    store = open_test_store(demo_db)
    try:
        assert open_plan(store, "Demo", "975310").language == "en"
    finally:
        store.close()


def answering(session: Plain, *questions_and_answers: tuple[str, str]) -> None:
    """Each question waited for, then its answer typed."""
    for question, typed in questions_and_answers:
        session.expect(question)
        session.answer(typed)


MAIN_MENU = _("Main menu: type a number, then Enter.")


def open_demo_plan(db):
    from tui.store import sign_in as open_plan

    store = open_test_store(db)
    return store, open_plan(store, "Demo", "975310")


def test_a_goal_typed_before_the_idle_lock_is_kept(demo_db):
    """The goal's words, then the lock before "short or long?" is answered: the
    goal is kept, short-term (as the full-screen app keeps an unanswered term)."""
    session = Plain(demo_db, "--idle-lock", "5")
    sign_in(session)
    answering(session, (MAIN_MENU, "3"), (_("add a goal"), "a"),
              (_("Your goal, in your own words, then Enter."), "Call my sister on Sundays"))
    session.expect(_("Is it a short-term goal (s) or a long-term goal"))
    session.expect("Your plan locked itself after 5 seconds with no answer")
    assert session.ended() == 0
    store, plan = open_demo_plan(demo_db)
    try:
        kept = [g for g in plan.goals() if g.text == "Call my sister on Sundays"]
        assert [g.term for g in kept] == ["short"]
    finally:
        store.close()


def test_a_step_half_answered_when_the_line_drops_is_kept(demo_db):
    """Three of the five SMART answers, then Ctrl+D: the step is there with them."""
    session = Plain(demo_db)
    sign_in(session)
    answering(session, (MAIN_MENU, "3"), (_("add a goal"), "a"),
              (_("Your goal, in your own words, then Enter."), "Learn to cook"),
              (_("Is it a short-term goal (s)"), "l"), (_("Add a first step toward it now?"), "y"),
              (_("What I will do"), "Make soup once"), (_("How much, how many"), "1 pot"),
              (_("By when"), "in 3 days"))
    session.expect(_("Why I can do it"))
    session.child.sendeof()
    session.expect(_("Your plan is locked. Everything you answered is kept."))
    assert session.ended() == 0
    store, plan = open_demo_plan(demo_db)
    try:
        goal = next(g for g in plan.goals() if g.text == "Learn to cook")
        assert goal.term == "long"
        steps = plan.steps(goal.id)
        assert [(s.specific, s.measurable, s.when_text, s.achievable) for s in steps] == [
            ("Make soup once", "1 pot", "in 3 days", "")]
        assert steps[0].due_date == date(2026, 11, 29)
    finally:
        store.close()


def test_a_check_in_note_is_kept_when_the_terminal_closes(demo_db):
    """Not yet, a note, then the terminal hangs up at the date question: the
    check-in is kept with its note."""
    session = Plain(demo_db, now="2026-11-30T10:00")  # the first housing step is due
    sign_in(session)
    answering(session, (MAIN_MENU, "k"), (_("How did it go?"), "n"),
              (_("What got in the way? (you can skip this)"), "The bus was late"))
    session.expect(_("A new date?"))
    session.child.kill(signal.SIGHUP)  # as when a terminal window is closed
    assert session.ended() == 128 + signal.SIGHUP
    store, plan = open_demo_plan(demo_db)
    try:
        check_ins = plan.check_ins()
        assert check_ins, "the check-in was lost"
        assert [(o.outcome, o.note) for o in check_ins[0].outcomes] == [
            ("not_yet", "The bus was late")]
    finally:
        store.close()


def test_not_yet_reads_words_like_next_week_again_and_keeps_a_calendar_date(db_location):
    """As at the full-screen check-in: Enter at "a new date?" reads "by this time
    next week" again from today, and keeps "12/4" on the day it names."""
    from datetime import datetime

    from tui.store import clock, create_person

    clock.set_now(datetime(2026, 11, 26, 10, 0))
    store = open_test_store(db_location)
    try:
        plan = create_person(store, "Sam", "a-long-pin-27")
        goal = plan.add_goal("I want to find a place to live")
        plan.add_step(goal.id, specific="Call 3 landlords", when="by this time next week")
        plan.add_step(goal.id, specific="Visit the food bank", when="12/4")
    finally:
        store.close()
    session = Plain(db_location, now="2026-12-12T10:00")
    sign_in(session, "Sam", "a-long-pin-27")
    session.expect(MAIN_MENU)
    session.answer("k")
    for _step in range(2):
        answering(session, (_("How did it go?"), "n"),
                  (_("What got in the way? (you can skip this)"), ""), (_("A new date?"), ""))
        session.expect(_("Kept."))
    answering(session, (MAIN_MENU, "0"))
    assert session.ended() == 0
    assert session.words().count("That is ") == 1  # said for the words read again only
    assert "That is Saturday, December 19, 2026." in session.words()
    store = open_test_store(db_location)
    try:
        from tui.store import sign_in as open_plan

        steps = open_plan(store, "Sam", "a-long-pin-27").steps(goal.id)
        assert [(s.when_text, s.due_date) for s in steps] == [
            ("by this time next week", date(2026, 12, 19)), ("12/4", date(2026, 12, 4))]
    finally:
        store.close()


def test_a_superscript_two_at_a_number_question_is_asked_again(demo_db):
    """"²" counts as a digit to Python's isdigit, but is no number: a plain
    message, never a traceback."""
    session = Plain(demo_db)
    sign_in(session)
    answering(session, (MAIN_MENU, "7"),
              (_("Which {what}? Type its number").format(what=_("topic")), "²"))
    session.expect(_("Type a number from 1 to"))
    answering(session, (MAIN_MENU, "0"))
    assert session.ended() == 0
    assert "Traceback" not in session.text


def test_a_step_date_with_escape_sequences_is_harmless_in_the_check_in_question(db_location):
    """The check-in's "Enter keeps {when}" question quotes the step's own words."""
    from datetime import datetime

    from tui.store import clock, create_person

    clock.set_now(datetime(2026, 11, 26, 10, 0))
    store = open_test_store(db_location)
    try:
        plan = create_person(store, "Sam", "a-long-pin-27")
        goal = plan.add_goal("A place to live")
        # As an imported plan keeps it: the words as they came, the date beside them.
        plan.add_step(goal.id, specific="Call 3 landlords", when="tomorrow\x1b[8m\x1b]0;owned\x07",
                      due_date=date(2026, 11, 27))
    finally:
        store.close()
    session = Plain(db_location, now="2026-11-30T10:00")
    sign_in(session, "Sam", "a-long-pin-27")
    answering(session, (MAIN_MENU, "k"), (_("How did it go?"), "n"),
              (_("What got in the way? (you can skip this)"), ""), (_("A new date?"), "in 3 days"),
              (_("Kept."), "0"))
    assert session.ended() == 0
    assert b"\x1b" not in bytes(session.output) and b"\x07" not in bytes(session.output)
    assert "Enter keeps tomorrow␛[8m␛]0;owned␇." in session.words()
