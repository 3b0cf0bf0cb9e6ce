"""One person's whole plan as a JSON file, and back (see docs/export-format.md).

    document = plan_document(plan)            # a dict in the documented format
    text = dumps(document)                    # the file's text
    plan_file = read_file(path)               # checked all the way through, or ImportFileError
    plan = import_plan(store, plan_file, pin) # made in one transaction, or not at all

Reading a file checks everything before anything is made: its size (before
it is read), its encoding, the JSON itself (no duplicate keys, no NaN, no deep
nesting), then every field's type, length and meaning. Any problem is one line
of plain words naming where it is. The plan is then made through the store's
public operations inside one transaction, so a failure midway leaves no
half-made plan behind.
"""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path

import peewee

from tui.i18n import N_, _
from tui.store import audit, clock, models as m
from tui.store.dates import parse_due_date
from tui.store.db import Store
from tui.store.errors import InputError, NameTakenError, StoreError
from tui.store.plans import CONTACT_ROLES, NAME_TAKEN, SECTION_FIELDS, TERMS, Plan, remove_person_rows
from tui.store.plans.signin import _insert_person, _prepared_person, _person as _person_with_lookup
from tui.store.text import _INVISIBLE_TRICKS, LONG_LIMIT, NAME_LIMIT, SHORT_LIMIT, checked

FORMAT_NAME = "recovery-plan"
FORMAT_VERSION = 1
READABLE_VERSIONS = (1,)
MAX_BYTES = 5 * 1024 * 1024  # far above any real plan; checked before the file is read
MAX_DEPTH = 10  # an export nests 6 levels deep at most

GOAL_STATUSES = ("active", "done")
STEP_TEXTS = ("specific", "measurable", "achievable", "when_text", "bring")
CONTACT_TEXTS = ("name", "relationship", "phone", "email", "reachable", "notes")
GOAL_KEYS = ("text", "term", "importance", "timeline", "status", "target_date", "done_on", "steps")
STEP_KEYS = ("specific", "measurable", "achievable", "when_text", "due_date", "bring", "done",
             "done_on")
CONTACT_KEYS = ("name", "relationship", "roles", "phone", "can_text", "email", "reachable", "notes")
REVISION_KEYS = ("saved_at", "fields", "changed")
TOP_KEYS = ("format", "format_version", "exported_at", "plan")
NOTHING_CHANGED = N_("Nothing was changed.")


class ImportFileError(InputError):
    """A file that can't be imported; the message names the problem in one line."""


class HistoryUnavailableError(StoreError):
    """This version of the store keeps no section history to export."""


def _text_sections() -> tuple[str, ...]:
    """Sections of one field named like the section: written as plain text."""
    return tuple(name for name, fields in SECTION_FIELDS.items() if fields == (name,))


def plan_keys() -> tuple[str, ...]:
    return ("name", *SECTION_FIELDS, "toolkit", "goals", "contacts", "reminders")


# ----------------------------------------------------------------------------
# Export


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _moment(value: datetime) -> str:
    return value.isoformat(timespec="seconds")


def _toolkit_order() -> dict[str, int]:
    from tui.content.toolkit import TOOLKIT  # loaded here, as the plan's parts do

    keys = [question.key for group in TOOLKIT for question in group.questions]
    return {key: index for index, key in enumerate(keys)}


def plan_document(plan: Plan, *, history: bool = False) -> dict:
    """The whole plan as a dict in the export format (and its section history
    with `history`). Dicts keep the documented key order."""
    body: dict = {"name": plan.name}
    for name in SECTION_FIELDS:
        fields = plan.section(name).fields
        body[name] = fields[name] if name in _text_sections() else dict(fields)
    order = _toolkit_order()
    answers = plan.toolkit_answers()
    body["toolkit"] = {key: answers[key]
                       for key in sorted(answers, key=lambda k: (order.get(k, len(order)), k))}
    body["goals"] = [
        {
            "text": goal.text, "term": goal.term, "importance": goal.importance,
            "timeline": goal.timeline, "status": goal.status,
            "target_date": _day(goal.target_date), "done_on": _day(goal.done_on),
            "steps": [
                {
                    "specific": step.specific, "measurable": step.measurable,
                    "achievable": step.achievable, "when_text": step.when_text,
                    "due_date": _day(step.due_date), "bring": step.bring, "done": step.done,
                    "done_on": _day(step.done_on),
                }
                for step in plan.steps(goal.id)
            ],
        }
        for goal in plan.goals()
    ]
    body["contacts"] = [
        {
            "name": c.name, "relationship": c.relationship, "roles": sorted(c.roles),
            "phone": c.phone, "can_text": c.can_text, "email": c.email,
            "reachable": c.reachable, "notes": c.notes,
        }
        for c in plan.contacts()
    ]
    body["reminders"] = [reminder.text for reminder in plan.reminders()]
    document = {"format": FORMAT_NAME, "format_version": FORMAT_VERSION,
                "exported_at": _moment(clock.now()), "plan": body}
    if history:
        document["history"] = _history(plan)
    return document


def history_available(plan: Plan) -> bool:
    return callable(getattr(plan, "section_history", None))


def _history(plan: Plan) -> dict:
    if not history_available(plan):
        raise HistoryUnavailableError(
            _("This version of Recovery Plan keeps no history of the plan's parts yet, so "
              "--history can't be used. Export without it."))
    return {
        name: [
            {"saved_at": _moment(revision.saved_at), "fields": dict(revision.fields),
             "changed": list(revision.changed)}
            for revision in reversed(plan.section_history(name))  # oldest first
        ]
        for name in SECTION_FIELDS
    }


# Characters a terminal could act on or that reorder text: written as \\u escapes,
# so `cat` of an export is as safe as the app's own screens. They can only
# occur inside JSON strings, where an escape means the same character.
_UNSAFE_IN_FILE = re.compile(
    "[\x7f-\x9f\u2028\u2029" + "".join(sorted(_INVISIBLE_TRICKS)) + "]")


def dumps(document: dict) -> str:
    """The text of an export file: UTF-8 JSON, indented, ending in a newline."""
    text = json.dumps(document, ensure_ascii=False, indent=2)
    return _UNSAFE_IN_FILE.sub(lambda match: f"\\u{ord(match.group()):04x}", text) + "\n"


# ----------------------------------------------------------------------------
# What a checked file holds


@dataclass(frozen=True)
class StepIn:
    texts: dict[str, str]  # specific, measurable, achievable, bring (when_text apart)
    when_text: str
    due_date: date | None
    done_on: date | None  # None: not done


@dataclass(frozen=True)
class GoalIn:
    text: str
    term: str
    importance: int
    timeline: int
    target_date: date | None
    done_on: date | None  # None: not reached
    steps: tuple[StepIn, ...]


@dataclass(frozen=True)
class PlanFile:
    version: int
    exported_at: datetime
    name: str
    sections: dict[str, dict[str, str]]
    toolkit: dict[str, str]
    goals: tuple[GoalIn, ...]
    contacts: tuple[dict, ...]
    reminders: tuple[str, ...]
    history_revisions: int = 0  # revisions in the file (not imported)
    steps: int = 0


# ----------------------------------------------------------------------------
# Reading a file: bytes, then JSON, then meaning


def _refuse(problem: str) -> ImportFileError:
    return ImportFileError(_("{problem} Nothing was changed.").format(problem=problem))


def _size(count: int) -> str:
    if count >= 1024 * 1024:
        return _("{count:.1f} MB").format(count=count / (1024 * 1024))
    return _("{count:,} bytes").format(count=count)


def read_file(path: str | Path) -> PlanFile:
    """Read and check an export file; the size is checked before reading."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise _refuse(_("{file} is not a file.").format(file=path))
        if size > MAX_BYTES:
            raise _refuse(_("The file is {size}; an export can be at most {most}. This is not a "
                            "Recovery Plan export, or it is damaged.").format(
                                size=_size(size), most=_size(MAX_BYTES)))
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise _refuse(_("There is no file {file}. Check the name.").format(file=path)) from None
    except PermissionError:
        raise _refuse(_("You don't have permission to read {file}.").format(file=path)) from None
    except IsADirectoryError:
        raise _refuse(_("{file} is a folder, not a file.").format(file=path)) from None
    except OSError as error:
        raise _refuse(_("Can't read {file}: {error}.").format(file=path,
                                                             error=error.strerror)) from None
    return read_document(data)


class _DuplicateKey(Exception):
    def __init__(self, key: str):
        self.key = key


class _Constant(Exception):
    def __init__(self, name: str):
        self.name = name


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict:
    found: dict = {}
    for key, value in pairs:
        if key in found:
            raise _DuplicateKey(key)
        found[key] = value
    return found


def _no_constant(name: str):
    raise _Constant(name)


def _line(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


# A JSON string (skipped whole) or a bracket.
_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]', re.S)


def _too_deep(text: str) -> int | None:
    """The position of the first bracket nested deeper than MAX_DEPTH, if any."""
    depth = 0
    for match in _TOKENS.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return match.start()
        elif token in "]}":
            depth -= 1
    return None


def _quoted(key: str) -> str:
    from tui.store.text import one_line

    return '"' + one_line(key)[:60] + '"'


def parse_json(data: bytes):
    """The JSON value in `data`, or ImportFileError naming the problem (and its line)."""
    if len(data) > MAX_BYTES:
        raise _refuse(_("The file is over {most}; an export can be at most that.").format(
            most=_size(MAX_BYTES)))
    if data.startswith(b"\xef\xbb\xbf"):
        raise _refuse(_("line 1: the file starts with a byte order mark (BOM). Save it as UTF-8 "
                        "without a BOM, then try again."))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _refuse(_("line 1: the file is UTF-16 text; an export is UTF-8. Save it as UTF-8, "
                        "then try again."))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise _refuse(_("line {line}: the file is not UTF-8 text. It is damaged, or not a "
                        "Recovery Plan export.").format(line=line)) from None
    if not text.strip():
        raise _refuse(_("The file is empty."))
    deep = _too_deep(text)
    if deep is not None:
        raise _refuse(_("line {line}: the data is nested more than {depth} levels deep; an "
                        "export never is.").format(line=_line(text, deep), depth=MAX_DEPTH))
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except json.JSONDecodeError as error:
        if error.pos >= len(text.rstrip()) or error.msg.startswith("Unterminated string"):
            raise _refuse(_("line {line}: the file ends too soon. It was cut off while being "
                            "saved or copied; export the plan again.").format(
                                line=error.lineno)) from None
        # (JSON's own words for the problem come from Python, in English.)
        raise _refuse(_("line {line}, column {column}: this is not valid JSON ({problem}). The "
                        "file is damaged, or not an export.").format(
                            line=error.lineno, column=error.colno,
                            problem=error.msg.lower())) from None
    except _DuplicateKey as error:
        raise _refuse(_("the key {key} appears twice in one object; each key may appear only "
                        "once.").format(key=_quoted(error.key))) from None
    except _Constant as error:
        raise _refuse(_("the file holds {value}, which is not a number an export can hold.")
                      .format(value=error.name)) from None
    except RecursionError:
        raise _refuse(_("the data is nested more than {depth} levels deep; an export never is.")
                      .format(depth=MAX_DEPTH)) from None
    except ValueError:  # a number of thousands of digits
        raise _refuse(_("a number in the file is far too long.")) from None


def read_document(data: bytes) -> PlanFile:
    """Check an export's bytes all the way through; ImportFileError if anything is wrong."""
    document = parse_json(data)
    try:
        return _Reader().document(document)
    except _Problem as problem:
        raise _refuse(str(problem)) from None
    except Exception as error:  # a check that missed a case: still one line, still nothing made
        raise _refuse(_("the file holds something an export never has ({kind}).").format(
            kind=type(error).__name__)) from None


class _Problem(Exception):
    """One thing wrong in the file, with where it is."""


def _kind(value: object) -> str:
    """What a JSON value is, in words (in the language in effect)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return _(TRUE_OR_FALSE)
    if isinstance(value, (int, float)):
        return _("a number")
    if isinstance(value, str):
        return _(TEXT)
    if isinstance(value, list):
        return _(A_LIST)
    return _(AN_OBJECT)


# What a value must be, in words (shown through _()).
TRUE_OR_FALSE, TEXT, A_LIST, AN_OBJECT = N_("true or false"), N_("text"), N_("a list"), N_("an object")
A_WHOLE_NUMBER = N_("a whole number")
# The places in a file, as problems name them (the file's own keys stay as they are).
THE_FILE = N_("the file")
TERM_WORDS = {"short": N_("short-term"), "long": N_("long-term")}


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class _Reader:
    """Checks a parsed document; each problem is raised as _Problem("where: what").
    A place is named by the file's own keys (plan, toolkit, history...), which
    stay as they are in every language; numbered items are named in words."""

    def document(self, document: object) -> PlanFile:
        the_file = _(THE_FILE)
        if not isinstance(document, dict):
            raise _Problem(_("the file holds {kind}, not a Recovery Plan export (an object with "
                             "\"format\": \"recovery-plan\").").format(kind=_kind(document)))
        if document.get("format") != FORMAT_NAME:
            raise _Problem(_('this is not a Recovery Plan export: it has no "format": '
                             '"recovery-plan".'))
        version = document.get("format_version")
        if "format_version" not in document:
            raise _Problem(_('"format_version" is missing.'))
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise _Problem(_('"format_version" must be a whole number like 1, not {kind}.')
                           .format(kind=_kind(version)))
        if version not in READABLE_VERSIONS:
            if version > max(READABLE_VERSIONS):
                raise _Problem(_("the file is in format version {version}; this Recovery Plan "
                                 "reads version {readable}. Update Recovery Plan, then try "
                                 "again.").format(version=version,
                                                  readable=max(READABLE_VERSIONS)))
            raise _Problem(_("format version {version} is not one this Recovery Plan reads.")
                           .format(version=version))
        self._keys(document, the_file, TOP_KEYS, optional=("history",))
        exported_at = self._moment(document, "exported_at", the_file)
        body = self._object(document, "plan", the_file)
        self._keys(body, "plan", plan_keys())
        name = self._text(body, "name", "plan", NAME_LIMIT, required=True)

        sections = {}
        for section, fields in SECTION_FIELDS.items():
            if section in _text_sections():
                sections[section] = {section: self._text(body, section, "plan", LONG_LIMIT)}
            else:
                values = self._object(body, section, "plan")
                where = f"plan, {section}"
                self._keys(values, where, fields)
                sections[section] = {f: self._text(values, f, where, LONG_LIMIT) for f in fields}

        toolkit = self._toolkit(self._object(body, "toolkit", "plan"))
        goals = tuple(self._goal(goal, _("goal {n}").format(n=n))
                      for n, goal in enumerate(self._list(body, "goals", "plan"), start=1))
        self._orders(goals)
        contacts = tuple(self._contact(contact, _("contact {n}").format(n=n))
                         for n, contact in enumerate(self._list(body, "contacts", "plan"), start=1))
        reminders = self._reminders(self._list(body, "reminders", "plan"))
        revisions = self._history(document["history"]) if "history" in document else 0
        return PlanFile(version, exported_at, name, sections, toolkit, goals, contacts, reminders,
                        history_revisions=revisions, steps=sum(len(g.steps) for g in goals))

    # -- one value of each kind ----------------------------------------------

    def _keys(self, values: dict, where: str, wanted, optional=()) -> None:
        for key in values:
            if key not in wanted and key not in optional:
                raise _Problem(_("{where}: {key} is not a part of format version {version}.")
                               .format(where=where, key=_quoted(key), version=FORMAT_VERSION))
        for key in wanted:
            if key not in values:
                raise _Problem(_('{where}: "{key}" is missing.').format(where=where, key=key))

    def _get(self, values: dict, key: str, where: str, kind: type, words: str):
        """`words`: what the value must be, marked with N_()."""
        value = values[key]
        # true and false are not numbers here, though Python counts them as ints
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
            raise _Problem(_('{where}: "{key}" must be {words}, not {kind}.').format(
                where=where, key=key, words=_(words), kind=_kind(value)))
        return value

    def _object(self, values: dict, key: str, where: str) -> dict:
        if key not in values:
            raise _Problem(_('{where}: "{key}" is missing.').format(where=where, key=key))
        return self._get(values, key, where, dict, AN_OBJECT)

    def _list(self, values: dict, key: str, where: str) -> list:
        return self._get(values, key, where, list, A_LIST)

    def _text(self, values: dict, key: str, where: str, limit: int, required: bool = False) -> str:
        text = self._get(values, key, where, str, TEXT)
        if any("\ud800" <= char <= "\udfff" for char in text):
            raise _Problem(_('{where}: "{key}" has a broken character (a lone surrogate) in it.')
                           .format(where=where, key=key))
        if len(text) > limit:
            raise _Problem(_('{where}: "{key}" is {length:,} characters long; it can hold '
                             '{limit:,}.').format(where=where, key=key, length=len(text),
                                                  limit=limit))
        if required and not text.strip():
            raise _Problem(_('{where}: "{key}" can\'t be empty.').format(where=where, key=key))
        return text

    def _flag(self, values: dict, key: str, where: str) -> bool:
        return self._get(values, key, where, bool, TRUE_OR_FALSE)

    def _position(self, values: dict, key: str, where: str) -> int:
        number = self._get(values, key, where, int, A_WHOLE_NUMBER)
        if not 1 <= number <= 1_000_000:
            raise _Problem(_('{where}: "{key}" must be a whole number from 1 up, not {number}.')
                           .format(where=where, key=key, number=number))
        return number

    def _date(self, values: dict, key: str, where: str) -> date | None:
        value = values[key]
        if value is None:
            return None
        if isinstance(value, str) and _DATE.fullmatch(value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        raise _Problem(_('{where}: "{key}" must be a date like 2026-12-04, or null.').format(
            where=where, key=key))

    def _moment(self, values: dict, key: str, where: str) -> datetime:
        value = values[key]
        if isinstance(value, str) and len(value) <= 40:
            try:
                return datetime.fromisoformat(value)
            except ValueError:
                pass
        raise _Problem(_('{where}: "{key}" must be a date and time like 2026-11-26T10:00:00.')
                       .format(where=where, key=key))

    def _not_an_object(self, where: str, value: object) -> _Problem:
        return _Problem(_("{where}: must be an object, not {kind}.").format(
            where=where, kind=_kind(value)))

    # -- the parts of a plan -------------------------------------------------

    def _toolkit(self, answers: dict) -> dict[str, str]:
        from tui.content.toolkit import QUESTION_KEYS

        for key in answers:
            if key not in QUESTION_KEYS:
                raise _Problem(_("toolkit: {key} is not a toolkit question.").format(
                    key=_quoted(key)))
        return {key: self._text(answers, key, "toolkit", LONG_LIMIT) for key in answers}

    def _goal(self, goal: object, where: str) -> GoalIn:
        if not isinstance(goal, dict):
            raise self._not_an_object(where, goal)
        self._keys(goal, where, GOAL_KEYS)
        text = self._text(goal, "text", where, SHORT_LIMIT, required=True)
        term = self._get(goal, "term", where, str, TEXT)
        if term not in TERMS:
            raise _Problem(_('{where}: "term" must be "short" or "long".').format(where=where))
        status = self._get(goal, "status", where, str, TEXT)
        if status not in GOAL_STATUSES:
            raise _Problem(_('{where}: "status" must be "active" or "done".').format(where=where))
        done_on = self._date(goal, "done_on", where)
        if (status == "done") != (done_on is not None):
            raise _Problem(_('{where}: a goal with "status" "done" needs a "done_on" date, and an '
                             'active goal has "done_on" null.').format(where=where))
        steps = tuple(self._step(step, _("{where}, step {n}").format(where=where, n=n))
                      for n, step in enumerate(self._list(goal, "steps", where), start=1))
        return GoalIn(text, term, self._position(goal, "importance", where),
                      self._position(goal, "timeline", where),
                      self._date(goal, "target_date", where), done_on, steps)

    def _orders(self, goals: tuple[GoalIn, ...]) -> None:
        """Each goal has its own place in the timeline; importance may be shared (a tie)."""
        for term in TERMS:
            seen: set[int] = set()
            for goal in goals:
                if goal.term == term:
                    if goal.timeline in seen:
                        raise _Problem(_('two {term} goals have "timeline" {number}; each goal '
                                         "needs its own place in the timeline.").format(
                                             term=_(TERM_WORDS[term]), number=goal.timeline))
                    seen.add(goal.timeline)

    def _step(self, step: object, where: str) -> StepIn:
        if not isinstance(step, dict):
            raise self._not_an_object(where, step)
        self._keys(step, where, STEP_KEYS)
        texts = {key: self._text(step, key, where, SHORT_LIMIT) for key in STEP_TEXTS}
        when_text = texts.pop("when_text")
        due = self._date(step, "due_date", where)
        done = self._flag(step, "done", where)
        done_on = self._date(step, "done_on", where)
        if done != (done_on is not None):
            raise _Problem(_('{where}: a step with "done" true needs a "done_on" date, and a step '
                             'not done has "done_on" null.').format(where=where))
        if due is not None:
            # The due date is kept as it is; the words it came from must be there and readable.
            if not when_text.strip():
                raise _Problem(_('{where}: "due_date" is set but "when_text" is blank; the due '
                                 'date is read from "when_text".').format(where=where))
            try:
                parse_due_date(when_text, due)
            except (InputError, OverflowError, ValueError):
                raise _Problem(_('{where}: "when_text" can\'t be read as a date, but "due_date" '
                                 "is set.").format(where=where)) from None
        return StepIn(texts, when_text, due, done_on)

    def _contact(self, contact: object, where: str) -> dict:
        if not isinstance(contact, dict):
            raise self._not_an_object(where, contact)
        self._keys(contact, where, CONTACT_KEYS)
        values: dict = {key: self._text(contact, key, where, SHORT_LIMIT, required=(key == "name"))
                        for key in CONTACT_TEXTS}
        roles = self._list(contact, "roles", where)
        for role in roles:
            if not isinstance(role, str) or role not in CONTACT_ROLES:
                shown = _quoted(role) if isinstance(role, str) else _kind(role)
                raise _Problem(_("{where}: {role} is not a role; the roles are {roles}.").format(
                    where=where, role=shown, roles=", ".join(CONTACT_ROLES)))
        if len(set(roles)) != len(roles):
            raise _Problem(_("{where}: a role is listed twice.").format(where=where))
        values["roles"] = frozenset(roles)
        values["can_text"] = self._flag(contact, "can_text", where)
        return values

    def _reminders(self, reminders: list) -> tuple[str, ...]:
        found: list[str] = []
        holder = {}
        for n, reminder in enumerate(reminders, start=1):
            holder["reminder"] = reminder
            where = _("reminder {n}").format(n=n)
            text = self._text(holder, "reminder", where, SHORT_LIMIT, required=True)
            if text in found:
                raise _Problem(_("{where}: the same words are reminder {first}; each reminder is "
                                 "kept once.").format(where=where, first=found.index(text) + 1))
            found.append(text)
        return tuple(found)

    def _history(self, history: object) -> int:
        """Checked like the rest, though not imported; the number of revisions."""
        if not isinstance(history, dict):
            raise _Problem(_('{where}: "history" must be an object, not {kind}.').format(
                where=_(THE_FILE), kind=_kind(history)))
        self._keys(history, "history", (), optional=tuple(SECTION_FIELDS))
        count = 0
        for section, revisions in history.items():
            if not isinstance(revisions, list):
                raise _Problem(_('history: "{section}" must be a list, not {kind}.').format(
                    section=section, kind=_kind(revisions)))
            for n, revision in enumerate(revisions, start=1):
                where = _("history, {section}, version {n}").format(section=section, n=n)
                if not isinstance(revision, dict):
                    raise self._not_an_object(where, revision)
                self._keys(revision, where, REVISION_KEYS)
                self._moment(revision, "saved_at", where)
                fields = self._object(revision, "fields", where)
                self._keys(fields, f"{where}, fields", SECTION_FIELDS[section])
                for key in SECTION_FIELDS[section]:
                    self._text(fields, key, f"{where}, fields", LONG_LIMIT)
                changed = self._list(revision, "changed", where)
                if any(key not in SECTION_FIELDS[section] for key in changed):
                    raise _Problem(_('{where}: "changed" names a field the {section} part '
                                     "doesn't have.").format(where=where, section=section))
                count += 1
        return count


# ----------------------------------------------------------------------------
# Making the plan


def renamed(plan_file: PlanFile, name: str) -> PlanFile:
    """The same plan, to be made under another name."""
    return replace(plan_file, name=checked(name, limit=NAME_LIMIT, what=N_("name"),
                                           required=True))


# An import is built aside (its person found by a lookup no name has) in
# short transactions of this many goals, then swapped in under its name.
IMPORT_BATCH_GOALS = 100
ASIDE = "import:"
# A plan left aside by an import that never finished (its process killed) is
# removed by the next import after this long.
ASIDE_STALE_SECONDS = 60 * 60


def import_plan(store: Store, plan_file: PlanFile, pin: str, *, replace: bool = False,
                language: str | None = None) -> Plan:
    """Make the plan in `plan_file`, opened with `pin`: all of it or nothing.
    Raises NameTakenError when the name is in use (nothing made), unless
    `replace`: then the plan of that name is deleted in the same transaction
    that puts the new one in its place, so a failure keeps it. The new plan's
    recovery codes are in `plan.recovery_codes`. `language` (one of
    plans.LANGUAGES) is kept as the person's language: format version 1 has
    no place for it in the file.

    Other sessions never wait long on it: the slow PIN key is derived before
    any write, the plan is built aside (under a lookup no name has, so nobody
    can sign in to it half made) in short transactions of
    IMPORT_BATCH_GOALS goals, each goal and step written once in its places
    (time grows with the file, not its square), then swapped in under its
    name in one short transaction. A failure removes what was built."""
    new = _prepared_person(store, plan_file.name, pin, language)  # slow: before any write
    with store.errors_explained():
        taken = _person_with_lookup(new.lookup) is not None
    if taken and not replace:
        raise NameTakenError(_(NAME_TAKEN))
    aside = ASIDE + secrets.token_hex(16)

    def start() -> tuple[int, list[str]]:
        _remove_stale_asides()
        return _insert_person(store, new, lookup=aside)

    person_id, codes = _saved(store, start)
    plan = Plan(store, person_id, new.name, new.data_key)
    plan.recovery_codes = tuple(codes)
    replaced = [False]

    def swap() -> None:
        old = _person_with_lookup(new.lookup)
        if old is not None and not replace:
            raise NameTakenError(_(NAME_TAKEN))  # made meanwhile in another session
        if old is not None:
            remove_person_rows(old.id, "replaced by an import")
            replaced[0] = True
        m.Person.update(lookup=new.lookup).where(m.Person.id == person_id).execute()
        audit.record("imported", person_id, "json")

    try:
        for batch in _batches(plan, plan_file):
            _saved(store, batch)
        _saved(store, swap)
    except BaseException:
        _remove_aside(store, person_id)
        raise
    if replaced[0]:
        store.wipe_free_space()  # the old plan's space, now that it is gone for good
    return plan


def _saved(store: Store, operation):
    """`operation` in one write; an unexpected error said plainly."""
    try:
        return store.write(operation)
    except StoreError:
        raise
    except Exception as error:  # rolled back: the import is undone by the caller
        raise ImportFileError(
            _("Something in the file could not be saved ({kind}), so no part of it was kept.")
            .format(kind=type(error).__name__)) from None


def _remove_aside(store: Store, person_id: int) -> None:
    """Undo an import that failed: the plan built aside, and what the trail said of it."""
    def remove() -> None:
        m.Person.delete().where(m.Person.id == person_id).execute()
        m.AuditEvent.delete().where(m.AuditEvent.person_id == person_id).execute()

    try:
        store.write(remove)
    except StoreError:
        pass  # left aside, where no one can sign in to it; the next import removes it


def _remove_stale_asides() -> None:
    """Plans left aside by imports that never finished. Inside a write."""
    before = clock.now() - timedelta(seconds=ASIDE_STALE_SECONDS)
    stale = [row.id for row in m.Person.select(m.Person.id).where(
        m.Person.lookup.startswith(ASIDE) & (m.Person.created_at < before))]
    if stale:
        m.Person.delete().where(m.Person.id.in_(stale)).execute()
        m.AuditEvent.delete().where(m.AuditEvent.person_id.in_(stale)).execute()


def _batches(plan: Plan, plan_file: PlanFile):
    """The writes that fill the plan, each short: the sections and toolkit,
    the goals IMPORT_BATCH_GOALS at a time, then contacts and reminders."""

    def sections() -> None:
        for section, fields in plan_file.sections.items():
            if any(fields.values()):
                plan.save_section(section, fields)
        for question, answer in plan_file.toolkit.items():
            plan.save_toolkit_answer(question, answer)

    yield sections
    now = clock.now()
    placed = []
    for term in TERMS:
        goals = [g for g in plan_file.goals if g.term == term]
        # The file's numbers may have gaps: each order becomes 1..n, as it was.
        # Equal importance numbers are a tie, kept (see Plan.arrange_goals);
        # each goal has its own place in the timeline.
        timeline = {id(g): n for n, g in enumerate(sorted(goals, key=lambda g: g.timeline), 1)}
        level = {number: n for n, number in enumerate(sorted({g.importance for g in goals}), 1)}
        placed += [(goal, level[goal.importance], timeline[id(goal)])
                   for goal in sorted(goals, key=lambda g: (g.importance, g.timeline))]
    for first in range(0, len(placed), IMPORT_BATCH_GOALS):
        batch = placed[first:first + IMPORT_BATCH_GOALS]
        yield lambda batch=batch: _add_goals(plan, batch, now)

    def rest() -> None:
        for contact in plan_file.contacts:
            plan.add_contact(**contact)
        for reminder in plan_file.reminders:
            plan.add_reminder(reminder)

    yield rest


def _add_goals(plan: Plan, batch: list[tuple[GoalIn, int, int]], now) -> None:
    """Goals (each with its importance and timeline place) and their steps,
    in multi-row inserts: every row written once, sealed for its own id (ids
    taken in advance, see `_new_ids`). The file was checked whole before: its
    texts and dates are fit to keep as they are. Inside a write."""
    goal_ids = _new_ids(m.Goal, len(batch))
    steps = [(goal_id, position, step) for goal_id, (goal, _i, _t) in zip(goal_ids, batch)
             for position, step in enumerate(goal.steps, 1)]
    step_ids = _new_ids(m.Step, len(steps))
    goal_rows = [{
        "id": goal_id, "person": plan.person_id, "term": goal.term,
        "text": plan.sealed("goal", goal_id, "text", goal.text),
        "importance": importance, "timeline": timeline,
        "status": "done" if goal.done_on is not None else "active",
        "target_date": goal.target_date, "done_on": goal.done_on,
        "created_at": now, "updated_at": now,
    } for goal_id, (goal, importance, timeline) in zip(goal_ids, batch)]
    step_rows = []
    for step_id, (goal_id, position, step) in zip(step_ids, steps):
        # The file's due date is kept beside its words, as they were.
        texts = {**step.texts, "when_text": step.when_text}
        step_rows.append({
            "id": step_id, "goal": goal_id, "position": position,
            **{column: plan.sealed("step", step_id, column, text)
               for column, text in texts.items()},
            "due_date": step.due_date, "done": step.done_on is not None,
            "done_on": step.done_on, "created_at": now, "updated_at": now,
        })
    _insert_rows(m.Goal, goal_rows)
    _insert_rows(m.Step, step_rows)


def _insert_rows(model, rows: list[dict]) -> None:
    """Insert `rows` (dicts of the same fields) with one prepared statement
    run for each: building each row's SQL apart costs most of an import's time."""
    if not rows:
        return
    database = model._meta.database
    fields = [model._meta.fields[name] for name in rows[0]]
    sql = 'INSERT INTO "{table}" ({columns}) VALUES ({params})'.format(
        table=model._meta.table_name,
        columns=", ".join(f'"{field.column_name}"' for field in fields),
        params=", ".join([database.param] * len(fields)))
    database.cursor().executemany(
        sql, [[field.db_value(row[field.name]) for field in fields] for row in rows])


def _new_ids(model, count: int) -> list[int]:
    """`count` ids for new rows of `model`, taken inside the write: after the
    highest on SQLite (one writer at a time), from the table's sequence on
    PostgreSQL (so rows made later the usual way never collide)."""
    if count == 0:
        return []
    database = model._meta.database
    table = model._meta.table_name
    if isinstance(database, peewee.PostgresqlDatabase):
        cursor = database.execute_sql(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            (f'"{table}"', count))
        return [row[0] for row in cursor.fetchall()]
    highest = model.select(peewee.fn.MAX(model.id)).scalar() or 0
    return list(range(highest + 1, highest + 1 + count))

