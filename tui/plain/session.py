"""One plain-mode session: sign in, then numbered menus that use the
full-screen app's own keys (2 overview, 3 goals, 4 steps, 5 crisis plan,
6 toolkit, 7 learn, 9 get help now), and questions one line at a time.

The same store operations and rules as the full-screen app: the PIN's waits,
the idle lock, the SMART check, the check-in's outcomes. Each answer is saved
as soon as it is given (answers that belong together, such as a step's five
parts, as soon as a lock or a dropped line cuts them short), so nothing is lost.
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date, timedelta

from tui.output.cards import NOT_WRITTEN, PlanSnapshot, completeness, contact_line, contacts_for
from tui.content.plan_parts import SECTION_PARTS, SECTION_TITLES, STEP_PARTS
from tui.i18n import (
    LANGUAGE_NAMES, N_, _, format_date, language, ngettext, set_language, use_plan_language)
from tui.plain.talk import Back, IdleTimeout, Leave, Stop, Talk, seconds_words
from tui.store import clock
from tui.store.errors import ConflictError, InputError, SignInWaitError, StoreError
from tui.store.text import one_line

# The same words as the full-screen app's (one catalog entry each).
VISION_PARTS = (
    ("vision", N_("My vision"),
     N_("Dare to dream: who do I want to be? What life do I want to have?")),
    ("strengths", N_("My strengths and assets"),
     N_("What do I have going for me? What am I good at? Who is in my corner?")),
)
OUTCOMES = {"d": ("done", N_("Done")), "n": ("not_yet", N_("Not yet")),
            "c": ("changed", N_("Change it"))}
NOTE_QUESTIONS = {
    "done": N_("Anything to remember about it? (you can skip this)"),
    "not_yet": N_("What got in the way? (you can skip this)"),
    "changed": N_("What got in the way? (you can skip this)"),
}
NOTHING_DUE = N_("No steps are due now. A check-in comes up on the overview when a step's "
                 "date arrives.")

MENU = (
    ("2", N_("overview: my vision, my strengths, what is due")),
    ("3", N_("my goals")),
    ("4", N_("the steps toward a goal")),
    ("5", N_("my crisis plan and pocket overdose plan")),
    ("6", N_("my resilience toolkit")),
    ("7", N_("learn: staying safer")),
    ("9", N_("get help now: crisis lines")),
    ("k", N_("check-in on the steps that are due")),
    ("1", N_("this menu again")),
    ("0", N_("lock my plan and leave")),
)
LOCK_KEYS = {"0", "12", "q", "f12"}
LANGUAGE_KEYS = {"10", "f10"}
# The other language offered in its own words, so a person who reads it finds it
# (as on the sign-in screen).
OTHER_LANGUAGE = {"en": ("es", "Español: escribe 10."), "es": ("en", "English: type 10.")}


def long_day(value: date) -> str:
    """"Saturday, November 28" | "sábado, 28 de noviembre": the year only when it
    isn't this one's."""
    year = str(value.year)
    text = format_date(value, "long")
    if value.year == clock.today().year:
        text = text.removesuffix(f", {year}").removesuffix(f" de {year}")
    return text


def due_words(step, today: date) -> str:
    if step.done:
        if step.done_on is None:
            return _("done")
        return _("done on {date}").format(date=long_day(step.done_on))
    if step.due_date is None:
        return _("no date yet")
    if step.due_date < today:
        return _("overdue since {date}").format(date=long_day(step.due_date))
    if step.due_date == today:
        return _("due today")
    return _("due {date}").format(date=long_day(step.due_date))


class PlainSession:
    def __init__(self, config, talk: Talk | None = None):
        self.config = config
        self.talk = talk or Talk()
        self.store = None
        self.plan = None
        self.goal_id: int | None = None  # the goal chosen last (as the board's selected goal)
        self.language_chosen: str | None = None  # switched to before sign-in: kept with the plan

    # -- the whole session -----------------------------------------------------

    def run(self) -> int:
        talk = self.talk
        self.greet()
        try:
            try:
                while self.plan is None:
                    if not self.sign_in():
                        return 0
                self.signed_in()
            except IdleTimeout:
                self.lock(idle=True)
                return 0
            except Leave:
                self.lock(idle=False)
                return 0
        finally:
            if self.store is not None:
                self.store.close()
        return 0

    def greet(self) -> None:
        self.talk.say(_("Recovery Plan, plain mode. Every answer is one line: type it, then "
                        "press Enter."))
        self.talk.say(OTHER_LANGUAGE[language()][1])

    def switch_language(self) -> None:
        """10 (F10 in the full-screen app): the other language, now; kept with
        the plan when one is open."""
        code = OTHER_LANGUAGE[language()][0]
        set_language(code)
        if self.plan is None:
            self.language_chosen = code
            self.greet()
            return
        self.plan.set_language(code)
        self.talk.say(LANGUAGE_NAMES[code] + ".")
        self.menu()

    def open_store(self):
        if self.store is None:
            from tui.store import open_store

            self.store = open_store(self.config.database, site_key_path=self.config.site_key,
                                    file_group=self.config.file_group)
        return self.store

    # -- sign-in ---------------------------------------------------------------

    def sign_in(self) -> bool:
        """One try at signing in; False when the person leaves."""
        talk = self.talk
        talk.idle_seconds = None  # nothing typed yet: nothing to lock
        try:
            name = talk.ask(_("Your name (or nickname), then Enter. Or type 9 for help now, "
                              "q to leave."))
        except Back:
            if self.config.kiosk:
                return True
            return False
        key = name.strip().casefold()
        if key == "9":
            self.help_now()
            return True
        if key in LANGUAGE_KEYS:
            self.switch_language()
            return True
        if key in ("q", "0"):
            if self.config.kiosk:
                talk.say(_("This computer is shared, so Recovery Plan stays open for the next "
                           "person."))
                return True
            return False
        if not name.strip():
            talk.say(_("Please type your name first."))
            return True
        # A name is typed: from here the idle lock clears it, as on the sign-in screen.
        talk.idle_seconds = self.config.idle_lock
        talk.warning = _("Are you still here? What you typed is cleared in {time}. Press Enter "
                         "to keep going.")
        try:
            pin = talk.ask_secret(_("Your PIN, then Enter. It is not shown as you type."))
        except Back:
            return True
        except IdleTimeout:
            talk.say(_("Nothing was typed for a while, so your name was cleared. Type it again "
                       "to sign in."))
            return True
        talk.say(_("Opening your plan..."))
        try:
            from tui.store.plans import sign_in

            self.plan = sign_in(self.open_store(), name, pin)
        except SignInWaitError as error:
            talk.say(error.message)
            talk.say(_("Type 9 for crisis lines now; they need no sign-in."))
            return True
        except StoreError as error:
            talk.say(error.message)
            return True
        if self.plan.read_only_note:  # its sign-in couldn't be written: say so, calmly
            talk.say(self.plan.read_only_note)
        chosen, self.language_chosen = self.language_chosen, None
        if chosen is not None and self.config.language_option is None:
            try:
                self.plan.set_language(chosen)  # as the full-screen app keeps it
            except StoreError as error:
                talk.say(error.message)
            return True
        use_plan_language(self.config, self.plan)
        return True

    def lock(self, idle: bool) -> None:
        """The plan is closed and the session ends, saying so."""
        had_plan = self.plan is not None
        self.plan, self.goal_id = None, None
        if not had_plan:
            return
        talk = self.talk
        talk.idle_seconds = None
        if idle:
            talk.say(_("Your plan locked itself after {time} with no answer, so no one else "
                       "sees it. Everything you answered is kept. Start Recovery Plan again to "
                       "open it.").format(time=seconds_words(self.config.idle_lock)))
        else:
            talk.say(_("Your plan is locked. Everything you answered is kept."))

    # -- signed in ---------------------------------------------------------------

    def signed_in(self) -> None:
        talk = self.talk
        talk.idle_seconds = self.config.idle_lock
        talk.warning = _("Are you still here? Your plan locks in {time}, so no one else sees "
                         "it. Press Enter to keep it open.")
        talk.person(_("Your plan is open: {name}.").format(name=one_line(self.plan.name)))
        self.menu()
        key = None  # a key typed at a sub-menu that belongs to the main menu
        while True:
            try:
                if key is None:
                    answer = talk.ask(_("Main menu: type a number, then Enter. 1 reads the "
                                        "menu."))
                    key = answer.strip().casefold()
                if key in LOCK_KEYS:
                    self.lock(idle=False)
                    return
                if key in LANGUAGE_KEYS:
                    key = None
                    self.switch_language()
                    continue
                where = self.place(key)
                if where is None and key:
                    talk.say(_("{key} is not in the menu. Type 1 to hear the menu.").format(
                        key=one_line(key)[:20]))
                key = None
                if where is not None:
                    where()
            except Jump as jump:
                key = jump.key
            except (Back, Stop):
                key = None
            except StoreError as error:
                talk.say(error.message)
                key = None

    def place(self, key: str):
        return {
            "1": self.menu, "?": self.menu, "f1": self.menu,
            "2": self.overview, "3": self.goals, "4": self.steps, "5": self.crisis_plan,
            "6": self.toolkit, "7": self.learn, "9": self.help_now, "k": self.check_in,
        }.get(key)

    def menu(self) -> None:
        n = len(MENU) + 1
        self.talk.say(ngettext("The menu has {n} choice:", "The menu has {n} choices:",
                               n).format(n=n))
        for key, words in MENU[:-2]:
            self.talk.say(f"{key}: {_(words)}")
        self.talk.say(f"10: {LANGUAGE_NAMES[OTHER_LANGUAGE[language()][0]]}")
        for key, words in MENU[-2:]:
            self.talk.say(f"{key}: {_(words)}")

    def sub_menu(self, choices: list[tuple[str, str]]) -> str:
        """Asks for one of `choices` (key, words) or a main-menu key; Enter goes
        back. A main-menu key is handled by the main loop: raises Jump."""
        talk = self.talk
        words = ". ".join(f"{key}: {_(text)}" for key, text in choices)
        answer = talk.ask(_("{choices}. Enter: back to the main menu.").format(choices=words))
        key = answer.strip().casefold()
        if key in dict(choices):
            return key
        if not key:
            raise Stop
        if key in LOCK_KEYS or key in LANGUAGE_KEYS or self.place(key) is not None:
            raise Jump(key)
        talk.say(_("{key} is not one of the choices here.").format(
            key=one_line(answer.strip())[:20]))
        raise Stop

    # -- questions --------------------------------------------------------------

    def ask_text(self, title: str, prompt: str, current: str) -> str | None:
        """A part of the plan, one line: its current words read first. None: keep them."""
        talk = self.talk
        talk.say(_(title))
        talk.say(_(prompt))
        if current.strip():
            talk.say(_("Now it says:"))
            talk.person(current, "  ")
            answer = talk.ask(_("Type new words to replace them, or press Enter to keep them."))
        else:
            answer = talk.ask(_("Type your words, or press Enter to skip."))
        return answer if answer.strip() else None

    def save_part(self, loaded, field: str, answer: str) -> None:
        """One part of a section, as the person answered. Changed in another
        session meanwhile: both words are kept, as in the full-screen app."""
        try:
            self.plan.save_section(loaded.name, {field: answer}, loaded.revision)
        except ConflictError:
            current = self.plan.section(loaded.name).fields[field]
            both = f"{current}\n\n{answer}" if current.strip() and current != answer else answer
            self.plan.save_section(loaded.name, {field: both})
            self.talk.say(_("This part was also changed in another session; both are kept."))
        else:
            self.talk.say(_("Saved."))

    @contextmanager
    def kept_if_ended(self, keep):
        """Questions whose answers are saved together: a lock, Ctrl+D or a
        hang-up before the last one saves what was answered (`keep`) first."""
        try:
            yield
        except (IdleTimeout, Leave, SystemExit):
            try:
                keep()
            except StoreError:
                pass  # the session ends anyway; the store said why in its log
            raise

    def pick(self, what: str, count: int) -> int | None:
        """A number from 1 to `count` (0-based index back), or None."""
        talk = self.talk
        if count == 1:
            return 0
        answer = talk.ask(_("Which {what}? Type its number, 1 to {count}, or Enter to go "
                            "back.").format(what=_(what), count=count)).strip()
        if not answer:
            return None
        if answer.isascii() and answer.isdigit() and 1 <= int(answer) <= count:  # not "²"
            return int(answer) - 1
        talk.say(_("Type a number from 1 to {count}.").format(count=count))
        return None

    # -- 2: overview, vision and strengths ---------------------------------------

    def overview(self) -> None:
        talk, plan, today = self.talk, self.plan, clock.today()
        talk.person(_("My plan: {name}").format(name=one_line(plan.name)))
        for section, title, _prompt in VISION_PARTS:
            text = plan.section(section).fields[section]
            talk.say(_(title) + ":")
            talk.person(text if text.strip() else _(NOT_WRITTEN), "  ")
        goals = plan.goals()
        open_goals = [g for g in goals if not g.done]
        talk.say(_("Goals: {all}, {open} not reached yet. Press 3 to hear them.").format(
            all=ngettext("{n} goal", "{n} goals", len(goals)).format(n=len(goals)),
            open=len(open_goals)))
        due = plan.steps_due(today + timedelta(days=7))
        if not due:
            talk.say(_("No steps are due this week."))
        else:
            n = len(due)
            talk.say(ngettext("{n} step is due this week or before:",
                              "{n} steps are due this week or before:", n).format(n=n))
        for goal, step in due:
            talk.person(f"{step.specific or _('(a step with no words yet)')}, "
                        f"{due_words(step, today)}", "  ")
        ready = len(plan.steps_to_check_in())
        if ready:
            talk.say(ngettext("{n} step is ready for a check-in. Press k to check in.",
                              "{n} steps are ready for a check-in. Press k to check in.",
                              ready).format(n=ready))
        snapshot = PlanSnapshot(plan)
        for section in ("crisis", "overdose"):
            filled, total = completeness(snapshot, section)
            talk.say(_("{title}: {filled} of {total} parts filled.").format(
                title=_(SECTION_TITLES[section]), filled=filled, total=total))
        if self.sub_menu([("v", N_("change my vision and strengths"))]) == "v":
            self.edit_vision()

    def edit_vision(self) -> None:
        for section, title, prompt in VISION_PARTS:
            current = self.plan.section(section)
            answer = self.ask_text(title, prompt, current.fields[section])
            if answer is not None:
                self.save_part(current, section, answer)

    # -- 3: goals ------------------------------------------------------------

    def goals(self) -> None:
        talk, today = self.talk, clock.today()
        goals = self.plan.goals()
        if not goals:
            talk.say(_("You have no goals yet. A goal can be small: one thing you want."))
        else:
            n = len(goals)
            talk.say(ngettext("You have {n} goal.", "You have {n} goals.", n).format(n=n))
        number = 0
        for term, heading in (("short", N_("Short-term goals")), ("long", N_("Long-term goals"))):
            these = [g for g in goals if g.term == term]
            if not these:
                continue
            talk.say(_("{heading}: {count}.").format(
                heading=_(heading),
                count=ngettext("{n} goal", "{n} goals", len(these)).format(n=len(these))))
            for goal in these:
                number += 1
                talk.person(f"{number}. {goal.text}")
                state = _("reached") if goal.done else _("not reached yet")
                talk.say(_("Importance {importance}, timeline {timeline}, {state}.").format(
                    importance=goal.importance, timeline=goal.timeline, state=state), "   ")
                if goal.next_step is not None and not goal.done:
                    step = goal.next_step
                    talk.person(_("Next step: {step}, {due}.").format(
                        step=step.specific or step.when_text, due=due_words(step, today)), "   ")
        choice = self.sub_menu([("a", N_("add a goal")), ("4", N_("the steps toward a goal"))]
                               if goals else [("a", N_("add a goal"))])
        if choice == "a":
            self.add_goal()
        elif choice == "4":
            self.steps()

    def ordered_goals(self):
        goals = self.plan.goals()
        return [g for g in goals if g.term == "short"] + [g for g in goals if g.term == "long"]

    def add_goal(self) -> None:
        talk = self.talk
        text = talk.ask(_("Your goal, in your own words, then Enter. Enter alone: back."))
        if not text.strip():
            return
        # Unanswered: kept short-term, as the full-screen app keeps a goal left mid-dialog.
        with self.kept_if_ended(lambda: self.plan.add_goal(text, "short")):
            term = talk.ask(_("Is it a short-term goal (s) or a long-term goal, a year or more "
                              "(l)? Enter: short-term.")).strip().casefold()
        goal = self.plan.add_goal(text, "long" if term.startswith("l") else "short")
        self.goal_id = goal.id
        talk.say(_("Added your goal. Its importance is {n}; you can change the order on the "
                   "goal board.").format(n=goal.importance))
        if talk.ask(_("Add a first step toward it now? y: yes. Enter: no.")).strip().casefold() \
                in ("y", "yes", _("yes"), "s", "si", "sí"):
            self.add_step(goal)

    # -- 4: steps -------------------------------------------------------------

    def chosen_goal(self):
        goals = self.ordered_goals()
        if not goals:
            self.talk.say(_("You have no goals yet. Press 3, then a, to add one."))
            return None
        if self.goal_id is not None and any(g.id == self.goal_id for g in goals) and len(goals) > 1:
            current = next(g for g in goals if g.id == self.goal_id)
            self.talk.person(_("The goal chosen last: {goal}").format(goal=current.text))
            answer = self.talk.ask(_("Enter: its steps. o: another goal.")).strip().casefold()
            if answer != "o":
                return current
        for number, goal in enumerate(goals, start=1):
            self.talk.person(f"{number}. {goal.text}")
        index = self.pick(N_("goal"), len(goals))
        if index is None:
            return None
        self.goal_id = goals[index].id
        return goals[index]

    def steps(self) -> None:
        goal = self.chosen_goal()
        if goal is None:
            return
        while True:
            talk, today = self.talk, clock.today()
            steps = self.plan.steps(goal.id)
            talk.person(_("Steps toward: {goal}").format(goal=goal.text))
            if not steps:
                talk.say(_("No steps yet. Big goals get easier in small steps."))
            else:
                talk.say(ngettext("{n} step:", "{n} steps:", len(steps)).format(n=len(steps)))
            for number, step in enumerate(steps, start=1):
                talk.person(f"{number}. {step.specific or _('(a step with no words yet)')}, "
                            f"{due_words(step, today)}.")
                for part, label, _hint in STEP_PARTS[1:]:
                    value = step.when_text if part == "when" else getattr(step, part)
                    if value.strip() and part != "when":
                        talk.person(f"{_(label)}: {value}", "   ")
            choices = [("a", N_("add a step"))]
            if any(not s.done for s in steps):
                choices.append(("d", N_("mark a step done")))
            if any(s.done for s in steps):
                choices.append(("n", N_("mark a step not done")))
            choice = self.sub_menu(choices)
            if choice == "a":
                self.add_step(goal)
            else:
                self.mark_step(steps, done=choice == "d")

    def add_step(self, goal) -> None:
        """The SMART parts, one question each; the SMART check after."""
        from tui.store.dates import parse_due_date
        from tui.store.smart import ALL_FIVE_PARTS, smart_check

        talk, today = self.talk, clock.today()
        talk.person(_("A new step toward: {goal}").format(goal=goal.text))
        talk.say(_("Five questions. Enter skips one."))
        values: dict[str, str] = {}

        def keep_parts_so_far() -> None:
            # A step with only some parts, as the full-screen app keeps one left mid-way.
            if any(v.strip() for v in values.values()):
                self.plan.add_step(goal.id, **values)

        with self.kept_if_ended(keep_parts_so_far):
            for part, label, hint in STEP_PARTS:
                while True:
                    answer = talk.ask(f"{_(label)} ({_(hint)})")
                    if part != "when" or not answer.strip():
                        break
                    try:
                        due = parse_due_date(answer, today)
                    except InputError as error:
                        talk.say(error.message)
                        continue
                    talk.say(_("That is {date}.").format(date=format_date(due, "long")))
                    break
                values[part] = answer
        if not any(v.strip() for v in values.values()):
            talk.say(_("Nothing was typed, so no step was added."))
            return
        self.plan.add_step(goal.id, **values)
        talk.say(_("Added the step."))
        hints = smart_check(specific=values["specific"], measurable=values["measurable"],
                            achievable=values["achievable"], when=values["when"], today=today)
        if hints:
            talk.say(_("SMART check: a few ideas (you can change the step in the full-screen "
                       "app):"))
            for hint in hints:
                talk.say(hint, "  ")
        else:
            talk.say(_("SMART check: ") + _(ALL_FIVE_PARTS))

    def mark_step(self, steps, done: bool) -> None:
        index = self.pick(N_("step"), len(steps))
        if index is None:
            return
        step = self.plan.complete_step(steps[index].id, done=done)
        words = one_line(step.specific) or _("(a step with no words yet)")
        if done:
            self.talk.person(_("Marked done: {step}. Well done.").format(step=words))
        else:
            self.talk.person(_("Marked not done yet: {step}.").format(step=words))

    # -- 5: the crisis plan ----------------------------------------------------

    def crisis_plan(self) -> None:
        talk = self.talk
        snapshot = PlanSnapshot(self.plan)
        filled = {s: completeness(snapshot, s)[0] for s in SECTION_PARTS}
        if not any(filled.values()):
            talk.say(_("Your crisis plan is empty: nothing is written in it yet. Press e to "
                       "fill it in, one question at a time, or 9 for crisis lines now."))
        else:
            for section, parts in SECTION_PARTS.items():
                talk.say(_("{title}: {count}.").format(
                    title=_(SECTION_TITLES[section]),
                    count=ngettext("{n} part", "{n} parts", len(parts)).format(n=len(parts))))
                values = snapshot.sections[section]
                for number, part in enumerate(parts, start=1):
                    talk.say(f"{number}. {_(part.title)}")
                    text = values.get(part.field, "")
                    people = contacts_for(part, snapshot.contacts)
                    if text.strip():
                        talk.person(text, "   ")
                    elif not people:
                        talk.say(_(NOT_WRITTEN), "   ")
                    if people:
                        n = len(people)
                        talk.say(ngettext("{n} person or line:", "{n} people or lines:",
                                          n).format(n=n), "   ")
                        for contact in people:
                            talk.person(contact_line(contact), "   ")
            talk.say(_("That is the end of your crisis plan."))
        if self.sub_menu([("e", N_("fill in or change a part"))]) == "e":
            self.edit_crisis_plan()

    def edit_crisis_plan(self) -> None:
        talk = self.talk
        sections = list(SECTION_PARTS)
        for number, section in enumerate(sections, start=1):
            talk.say(f"{number}. {_(SECTION_TITLES[section])}")
        index = self.pick(N_("part of the plan"), len(sections))
        if index is None:
            return
        section = sections[index]
        for part in SECTION_PARTS[section]:
            current = self.plan.section(section)
            answer = self.ask_text(part.title, part.prompt, current.fields[part.field])
            if answer is not None:
                self.save_part(current, part.field, answer)

    # -- 6: toolkit ----------------------------------------------------------

    def toolkit(self) -> None:
        from tui.content.toolkit import TOOLKIT

        talk = self.talk
        answers = self.plan.toolkit_answers()
        questions = sum(len(s.questions) for s in TOOLKIT)
        talk.say(_("My resilience toolkit: {sets}, {questions}.").format(
            sets=ngettext("{n} part", "{n} parts", len(TOOLKIT)).format(n=len(TOOLKIT)),
            questions=ngettext("{n} question", "{n} questions", questions).format(n=questions)))
        for number, question_set in enumerate(TOOLKIT, start=1):
            n = len(question_set.questions)
            talk.say(f"{number}. {_(question_set.title)}: "
                     + ngettext("{n} question", "{n} questions", n).format(n=n) + ".")
            for question in question_set.questions:
                talk.say(_(question.prompt), "   ")
                answer = answers.get(question.key, "")
                talk.person(answer if answer.strip() else _("(not answered yet)"), "     ")
        if self.sub_menu([("e", N_("answer or change the answers of one part"))]) != "e":
            return
        index = self.pick(N_("part"), len(TOOLKIT))
        if index is None:
            return
        question_set = TOOLKIT[index]
        for question in question_set.questions:
            current = self.plan.toolkit_answers().get(question.key, "")
            answer = self.ask_text(question_set.title, question.prompt, current)
            if answer is not None:
                self.plan.save_toolkit_answer(question.key, answer)
                talk.say(_("Saved."))

    # -- 7: learn ------------------------------------------------------------

    def learn(self) -> None:
        from tui.content.learn import TOPICS, good_samaritan

        talk = self.talk
        law = good_samaritan(self.config.jurisdiction)
        topics = [(t.title, t.paragraphs) for t in TOPICS]
        law_title = _("The Good Samaritan law in {place}").format(place=_(law.jurisdiction))
        n = len(topics) + 1
        talk.say(_("Learn: staying safer") + ". "
                 + ngettext("{n} topic:", "{n} topics:", n).format(n=n))
        for number, (title, _paragraphs) in enumerate(topics, start=1):
            talk.say(f"{number}. {_(title)}")
        talk.say(f"{len(topics) + 1}. {law_title}")
        index = self.pick(N_("topic"), len(topics) + 1)
        if index is None:
            return
        if index == len(topics):
            title, paragraphs = law_title, law.summary
        else:
            title, paragraphs = _(topics[index][0]), topics[index][1]
        talk.say(title)
        for paragraph in paragraphs:
            for line in _(paragraph).split("\n"):
                talk.say(line)

    # -- 9: get help now -------------------------------------------------------

    def help_now(self) -> None:
        from tui.content.help_lines import shown

        talk = self.talk
        talk.say(_("Get help now"))
        if self.config.staff_note:
            talk.person(self.config.staff_note)
        talk.say(_("If someone may be overdosing: call 911, give naloxone, stay with them."))
        lines = self.config.help_lines()
        for kind, heading in (("line", N_("Crisis lines")), ("place", N_("Near here"))):
            entries = [shown(line) for line in lines if line.kind == kind]
            if not entries:
                continue
            n = len(entries)
            talk.say(f"{_(heading)}: " + ngettext("{n} number", "{n} numbers", n).format(n=n) + ".")
            for entry in entries:
                talk.person(f"{entry.number}: {entry.name}.", "  ")
                talk.person(entry.what_for + " " + _("(checked {date})").format(
                    date=format_date(entry.checked, "medium")), "    ")

    # -- k: check-in -----------------------------------------------------------

    def check_in(self) -> None:
        talk, today = self.talk, clock.today()
        items = self.plan.steps_to_check_in()
        if not items:
            talk.say(_(NOTHING_DUE))
            return
        talk.say(_("Check-in: {count} to look at. For each: how did it go?").format(
            count=ngettext("{n} step", "{n} steps", len(items)).format(n=len(items))))
        check_in_id, kept = None, {}
        for number, (goal, step) in enumerate(items, start=1):
            talk.say(_("step {number} of {total}").format(number=number, total=len(items)))
            talk.person(f"{_('Toward:')} {goal.text}")
            talk.person(f"{_('Step:')} {step.specific or _('(a step with no words yet)')}, "
                        f"{due_words(step, today)}.")
            choice = talk.ask(_("How did it go?") + " " + ". ".join(
                f"{key}: {_(words)}" for key, (_value, words) in OUTCOMES.items())
                + ". " + _("Enter: skip it.")).strip().casefold()
            if choice not in OUTCOMES:
                talk.say(_("Skipped."))
                continue
            outcome, note = OUTCOMES[choice][0], ""
            with self.kept_if_ended(
                    lambda: self.plan.check_in_step(step.id, outcome, note, check_in_id)):
                note = talk.ask(_(NOTE_QUESTIONS[outcome]))
                if outcome == "not_yet":
                    self.new_date(step)
                elif outcome == "changed":
                    words = talk.ask(_("What will you do now? Enter keeps the step as it is."))
                    if words.strip():
                        self.plan.edit_step(step.id, specific=words)
                    self.new_date(step)
            check_in_id = self.plan.check_in_step(step.id, outcome, note, check_in_id).id
            kept[outcome] = kept.get(outcome, 0) + 1
            talk.say(_("Kept."))
        if check_in_id is None:
            talk.say(_("Every step was skipped, and that's OK. Nothing was changed."))
            return
        talk.say(_("Check-in kept") + ": " + ", ".join(
            f"{_(words)} {kept[value]}" for _key, (value, words) in OUTCOMES.items()
            if value in kept) + ".")

    def new_date(self, step) -> None:
        from tui.store.dates import is_relative, parse_due_date

        talk, today = self.talk, clock.today()
        while True:
            answer = talk.ask(_("A new date? (like: next Friday, in 3 days, 12/4) Enter keeps "
                                "{when}.").format(when=step.when_text or _("no date")))
            if not answer.strip():
                if not is_relative(step.when_text, today):
                    return  # a day on the calendar (or none) stays as it is
                answer = step.when_text  # "next week" read again today, as full-screen
            try:
                due = parse_due_date(answer, today)
            except InputError as error:
                talk.say(error.message)
                continue
            self.plan.edit_step(step.id, when=answer)
            talk.say(_("That is {date}.").format(date=format_date(due, "long")))
            return


class Jump(Stop):
    """A main-menu key typed at a sub-menu: the main loop goes there."""

    def __init__(self, key: str):
        super().__init__(key)
        self.key = key
