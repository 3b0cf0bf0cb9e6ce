"""peewee models for the whole plan. Only `tui.store` touches these columns;
screens get plain values from `tui.store.plans`.

The database is bound at open time (`tui.store.db.open_store`). Every text a
person writes is a TextField holding a value sealed under that person's data
key (`tui.store.crypto`); the comments say what the opened value is.
"""

from __future__ import annotations

from peewee import (
    BooleanField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)


class BaseModel(Model):
    class Meta:
        database = None  # bound by open_database()
        legacy_table_names = False


class SchemaInfo(BaseModel):
    """One row: the schema version the database is at."""

    version = IntegerField()


class SiteInfo(BaseModel):
    """One row: a check value that tells whether a site key file belongs to this database."""

    key_check = TextField()


class Person(BaseModel):
    lookup = TextField(unique=True)  # keyed hash of the normalised name, to find the plan
    name_sealed = TextField()  # the name as typed, sealed
    kdf = TextField(null=True)  # salt and Argon2id cost of the PIN key
    pin_wrap = TextField(null=True)  # the data key, wrapped by the PIN key
    # A plan stored before encryption, until its first sign-in: its old PIN
    # hash, and its data key wrapped by the site key alone.
    legacy_pin_hash = TextField(null=True)
    legacy_wrap = TextField(null=True)
    created_at = DateTimeField()
    # The language of the app's screens the person chose ("en", "es"), sealed;
    # None until one is chosen (schema 6).
    language_sealed = TextField(null=True)


class RecoveryCode(BaseModel):
    """The data key wrapped by one recovery code; each code opens the plan once."""

    person = ForeignKeyField(Person, on_delete="CASCADE")
    salt = TextField()
    wrap = TextField()
    used_at = DateTimeField(null=True)


class SignInAttempt(BaseModel):
    """Wrong tries in a row for one name lookup, whether or not a plan has that name."""

    lookup = TextField(unique=True)
    failures = IntegerField()
    wait_until = DateTimeField(null=True)
    last_at = DateTimeField()


class SignInCheck(BaseModel):
    """A PIN check in progress for one name lookup: made just before the slow
    key derivation and removed right after it, so tries made at the same
    moment in many sessions count each other (see tui.store.attempts)."""

    lookup = TextField(index=True)
    started_at = DateTimeField()


class AuditEvent(BaseModel):
    """Who did what to which plan and when; never what a plan says or a PIN.

    `person_id` is a plain number, not a foreign key, so the trail outlives a
    deleted plan."""

    at = DateTimeField()
    event = TextField()
    person_id = IntegerField(null=True)
    terminal = TextField()
    detail = TextField(default="")


class SectionModel(BaseModel):
    """A part of the plan saved as a whole; one row per person.

    `revision` counts saves, so a save can tell when another session changed
    the section since it was read.
    """

    person = ForeignKeyField(Person, unique=True, on_delete="CASCADE")
    revision = IntegerField(default=0)
    updated_at = DateTimeField(null=True)


class Vision(SectionModel):
    vision = TextField(default="")  # "dare to dream": who I want to be, the life I want


class Strengths(SectionModel):
    strengths = TextField(default="")  # what I have going for me


class CrisisPlan(SectionModel):
    """The rainy-day plan, in the order a safety plan is used."""

    warning_signs = TextField(default="")
    on_my_own = TextField(default="")  # things I can do on my own
    distractions = TextField(default="")  # people and places that take my mind off things
    ask_for_help = TextField(default="")  # people I can ask for help (with contacts)
    professionals = TextField(default="")  # professionals and crisis lines (with contacts)
    safer_surroundings = TextField(default="")
    matters_most = TextField(default="")


class OverdosePlan(SectionModel):
    """The pocket overdose prevention plan."""

    emergency_numbers = TextField(default="")
    naloxone_where = TextField(default="")  # where I get and keep naloxone
    naloxone_person = TextField(default="")  # who near me has naloxone or can give it
    check_in_person = TextField(default="")  # who I check in with if I use
    check_in_how = TextField(default="")  # how I'd like them to check on me
    other_steps = TextField(default="")


class Cravings(SectionModel):
    triggers = TextField(default="")  # what triggers cravings
    relief = TextField(default="")  # what relieves the urge


class ToolkitAnswer(BaseModel):
    """One answer to one resilience toolkit question (see tui.content.toolkit)."""

    person = ForeignKeyField(Person, on_delete="CASCADE")
    question = TextField()  # the question's key, e.g. "works.laugh"
    answer = TextField(default="")
    updated_at = DateTimeField()

    class Meta:
        indexes = ((("person", "question"), True),)


class Goal(BaseModel):
    person = ForeignKeyField(Person, on_delete="CASCADE")
    text = TextField()  # the goal in the person's words
    term = TextField()  # "short" or "long"
    importance = IntegerField()  # rank 1..k within the person's goals of this term; ties share one
    timeline = IntegerField()  # 1..n, a separate order
    status = TextField(default="active")  # "active" or "done"
    target_date = DateField(null=True)
    done_on = DateField(null=True)
    created_at = DateTimeField()
    updated_at = DateTimeField()

    class Meta:
        indexes = ((("person", "term", "importance"), False), (("person", "term", "timeline"), False))


class Step(BaseModel):
    """A SMART action step toward a goal."""

    goal = ForeignKeyField(Goal, on_delete="CASCADE")
    position = IntegerField()  # 1..n within the goal
    specific = TextField(default="")  # what I will do
    measurable = TextField(default="")  # how much or how many
    achievable = TextField(default="")  # why I can do it (achievable and realistic)
    when_text = TextField(default="")  # "by when", as typed
    due_date = DateField(null=True)  # the date understood from when_text
    bring = TextField(default="")  # what I will bring to the next check-in
    done = BooleanField(default=False)
    done_on = DateField(null=True)
    created_at = DateTimeField()
    updated_at = DateTimeField()

    class Meta:
        indexes = ((("goal", "position"), False),)


class Contact(BaseModel):
    person = ForeignKeyField(Person, on_delete="CASCADE")
    position = IntegerField()  # 1..n, the person's own order
    name = TextField()
    relationship = TextField(default="")
    roles = TextField(default="")  # role keys separated by spaces (see plans.CONTACT_ROLES)
    phone = TextField(default="")
    can_text = BooleanField(default=False)
    email = TextField(default="")
    reachable = TextField(default="")  # when reachable
    notes = TextField(default="")
    updated_at = DateTimeField()


class Reminder(BaseModel):
    """A reminder that speaks to the person: picked from the guide's lists or their own."""

    person = ForeignKeyField(Person, on_delete="CASCADE")
    position = IntegerField()  # 1..n, the person's own order
    text = TextField()
    updated_at = DateTimeField()


class SectionRevision(BaseModel):
    """A past version of a section: its fields after a save (sealed JSON).
    Saves to one section within a few minutes make one revision."""

    person = ForeignKeyField(Person, on_delete="CASCADE")
    section = TextField()  # the section's name, like "crisis"
    saved_at = DateTimeField()
    fields_sealed = TextField()  # {"fields": {...}, "changed": [...]}, sealed

    class Meta:
        indexes = ((("person", "section", "saved_at"), False),)


class Draft(BaseModel):
    """Words being typed, kept every few seconds until they are saved, so a
    crash or a dropped connection loses nothing. Not a revision."""

    person = ForeignKeyField(Person, on_delete="CASCADE")
    place = TextField()  # where it was typed, like "section:crisis" or "step:12"
    values_sealed = TextField()  # {"label": ..., "values": {...}}, sealed
    saved_at = DateTimeField()

    class Meta:
        indexes = ((("person", "place"), True),)


class GuideProgress(BaseModel):
    """Where the guided walkthrough ("Build my plan") stopped, so it can pick
    up there next time. No words of the plan: a step's key only."""

    person = ForeignKeyField(Person, unique=True, on_delete="CASCADE")
    step = TextField()  # the key of the step last shown (see tui.content.guide)
    finished = BooleanField(default=False)  # went through to the last step
    updated_at = DateTimeField()


class CheckIn(BaseModel):
    """A check-in on the steps that were due, kept with its date."""

    person = ForeignKeyField(Person, on_delete="CASCADE")
    held_on = DateField()
    created_at = DateTimeField()

    class Meta:
        indexes = ((("person", "held_on"), False),)


class CheckInOutcome(BaseModel):
    """What came of one step at a check-in. The goal's and step's words are
    kept as they were then, so the history still reads right after the step
    is changed or deleted."""

    check_in = ForeignKeyField(CheckIn, on_delete="CASCADE")
    step = ForeignKeyField(Step, null=True, on_delete="SET NULL")  # None once deleted
    outcome = TextField()  # "done", "not_yet" or "changed" (see plans.OUTCOMES)
    goal_words = TextField()  # the goal, as it was
    step_words = TextField()  # what I will do, as it was
    due_date = DateField(null=True)  # the step's date after the check-in
    note = TextField(default="")  # what got in the way, in the person's words


SECTION_MODELS: dict[str, type[SectionModel]] = {
    "vision": Vision,
    "strengths": Strengths,
    "crisis": CrisisPlan,
    "overdose": OverdosePlan,
    "cravings": Cravings,
}

ALL_MODELS = [
    SchemaInfo, SiteInfo, Person, RecoveryCode, SignInAttempt, SignInCheck, AuditEvent,
    *SECTION_MODELS.values(), ToolkitAnswer, Goal, Step, Contact, Reminder,
    SectionRevision, Draft, GuideProgress, CheckIn, CheckInOutcome,
]

# The columns of each table that hold sealed text.
SEALED_COLUMNS: dict[type[BaseModel], tuple[str, ...]] = {
    Person: ("name_sealed", "language_sealed"),
    **{model: tuple(f.name for f in model._meta.sorted_fields
                    if isinstance(f, TextField)) for model in SECTION_MODELS.values()},
    ToolkitAnswer: ("answer",),
    Goal: ("text",),
    Step: ("specific", "measurable", "achievable", "when_text", "bring"),
    Contact: ("name", "relationship", "roles", "phone", "email", "reachable", "notes"),
    Reminder: ("text",),
    SectionRevision: ("fields_sealed",),
    Draft: ("values_sealed",),
    CheckInOutcome: ("goal_words", "step_words", "note"),
}
