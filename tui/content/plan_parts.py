"""The parts of the crisis plan, the pocket overdose plan and cravings, in the
order they are used, with the words shown for each: the one table of section
field words (the store's messages and the walkthrough's labels read it too).
Field names are the store's. Every text is marked for the catalog and shown
through `_()`. Content: imports neither the store nor textual."""

from __future__ import annotations

from typing import NamedTuple

from tui.i18n import N_


class Part(NamedTuple):
    field: str
    title: str  # shown as the heading of the part
    prompt: str  # a gentle question when editing it
    short: str  # a label to fit beside its box (the walkthrough's pages)
    word: str  # the part in a message: "The {word} is too long ..."
    contact_roles: tuple[str, ...] = ()  # contacts shown with this part


CRISIS_PARTS: tuple[Part, ...] = (
    Part("warning_signs", N_("My warning signs"),
         N_("What thoughts, feelings or actions tell me a crisis may be coming?"),
         N_("Warning signs"), N_("warning signs")),
    Part("on_my_own", N_("Things I can do on my own"),
         N_("What can I do by myself to take my mind off things or feel calmer?"),
         N_("On my own"), N_("on my own")),
    Part("distractions", N_("People and places that take my mind off things"),
         N_("Who can I be with, or where can I go, to feel a bit better?"),
         N_("Take my mind off"), N_("distractions"), ("distracts",)),
    Part("ask_for_help", N_("People I can ask for help"),
         N_("Who can I call or text when I need help? How do I reach them?"),
         N_("Ask for help"), N_("ask for help"), ("helps",)),
    Part("professionals", N_("Professionals and crisis lines"),
         N_("Which counselors, doctors or crisis lines can I call?"),
         N_("Pros, crisis lines"), N_("professionals"), ("professional", "crisis_line")),
    Part("safer_surroundings", N_("Making my surroundings safer"),
         N_("What can I do to make where I am safer, like keeping pills or alcohol away?"),
         N_("Safer around me"), N_("safer surroundings")),
    Part("matters_most", N_("What matters most to me"),
         N_("Who and what makes my life worth living?"),
         N_("Matters most"), N_("matters most")),
)

OVERDOSE_PARTS: tuple[Part, ...] = (
    Part("emergency_numbers", N_("Emergency numbers"), N_("Which numbers do I call in an overdose?"),
         N_("Emergency numbers"), N_("emergency numbers")),
    Part("naloxone_where", N_("Where I get and keep naloxone"),
         N_("Where do I get naloxone (Narcan), and where do I keep it?"),
         N_("Naloxone: where"), N_("naloxone where")),
    Part("naloxone_person", N_("Who near me has naloxone or can give it"),
         N_("Who close to me has naloxone, or knows how to give it?"),
         N_("Has naloxone"), N_("naloxone person")),
    Part("check_in_person", N_("Who I check in with if I use"),
         N_("If I use, who will I check in with?"),
         N_("I check in with"), N_("check in person"), ("checks_on_me",)),
    Part("check_in_how", N_("How they should check on me"),
         N_("How will I reach them, and how should they check on me? Phone, text, in person, email?"),
         N_("How they check"), N_("check in how")),
    Part("other_steps", N_("Other steps I will take"),
         N_("What else will I do to stay safe? Like never using alone, or starting small."),
         N_("Other steps"), N_("other steps")),
)

CRAVING_PARTS: tuple[Part, ...] = (
    Part("triggers", N_("What triggers my cravings"),
         N_("What people, places, feelings or times tend to set off my cravings for alcohol or drugs?"),
         N_("My triggers"), N_("triggers")),
    Part("relief", N_("What relieves the urge"),
         N_("What things can I do that ease the urge to use alcohol or drugs?"),
         N_("What helps"), N_("relief")),
)

SECTION_PARTS: dict[str, tuple[Part, ...]] = {
    "crisis": CRISIS_PARTS,
    "overdose": OVERDOSE_PARTS,
    "cravings": CRAVING_PARTS,
}

# Every field of every section in words for a message (the store's, when a
# text is refused); vision and strengths are sections of one field each.
FIELD_WORDS: dict[str, str] = {
    "vision": N_("vision"), "strengths": N_("strengths"),
    **{part.field: part.word for parts in SECTION_PARTS.values() for part in parts},
}

SECTION_TITLES: dict[str, str] = {
    "crisis": N_("My crisis plan"),
    "overdose": N_("My pocket overdose plan"),
    "cravings": N_("Cravings"),
}


# A SMART action step's parts, in the order they are asked: (the store's name
# for the part, label, example), both shown through _().
STEP_PARTS: tuple[tuple[str, str, str], ...] = (
    ("specific", N_("What I will do"), N_("like: look for rentals online")),
    ("measurable", N_("How much, how many"), N_("like: for 1 hour, or 5 places")),
    ("when", N_("By when"), N_("like: next Friday, in 3 days, 12/4")),
    ("achievable", N_("Why I can do it"), N_("what will help me; why it is realistic now")),
    ("bring", N_("Bring to check-in"), N_("like: my notes from the calls")),
)
