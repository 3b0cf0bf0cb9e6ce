"""The parts of the crisis plan, the pocket overdose plan and cravings, in the
order they are used, with the words shown for each. Field names are the store's.
Titles and prompts are marked for the catalog and shown through `_()`."""

from __future__ import annotations

from typing import NamedTuple

from tui.i18n import N_


class Part(NamedTuple):
    field: str
    title: str  # shown as the heading of the part
    prompt: str  # a gentle question when editing it
    contact_roles: tuple[str, ...] = ()  # contacts shown with this part


CRISIS_PARTS: tuple[Part, ...] = (
    Part("warning_signs", N_("My warning signs"),
         N_("What thoughts, feelings or actions tell me a crisis may be coming?")),
    Part("on_my_own", N_("Things I can do on my own"),
         N_("What can I do by myself to take my mind off things or feel calmer?")),
    Part("distractions", N_("People and places that take my mind off things"),
         N_("Who can I be with, or where can I go, to feel a bit better?"), ("distracts",)),
    Part("ask_for_help", N_("People I can ask for help"),
         N_("Who can I call or text when I need help? How do I reach them?"), ("helps",)),
    Part("professionals", N_("Professionals and crisis lines"),
         N_("Which counselors, doctors or crisis lines can I call?"), ("professional", "crisis_line")),
    Part("safer_surroundings", N_("Making my surroundings safer"),
         N_("What can I do to make where I am safer, like keeping pills or alcohol away?")),
    Part("matters_most", N_("What matters most to me"),
         N_("Who and what makes my life worth living?")),
)

OVERDOSE_PARTS: tuple[Part, ...] = (
    Part("emergency_numbers", N_("Emergency numbers"), N_("Which numbers do I call in an overdose?")),
    Part("naloxone_where", N_("Where I get and keep naloxone"),
         N_("Where do I get naloxone (Narcan), and where do I keep it?")),
    Part("naloxone_person", N_("Who near me has naloxone or can give it"),
         N_("Who close to me has naloxone, or knows how to give it?")),
    Part("check_in_person", N_("Who I check in with if I use"),
         N_("If I use, who will I check in with?"), ("checks_on_me",)),
    Part("check_in_how", N_("How they should check on me"),
         N_("How will I reach them, and how should they check on me? Phone, text, in person, email?")),
    Part("other_steps", N_("Other steps I will take"),
         N_("What else will I do to stay safe? Like never using alone, or starting small.")),
)

CRAVING_PARTS: tuple[Part, ...] = (
    Part("triggers", N_("What triggers my cravings"),
         N_("What people, places, feelings or times tend to set off my cravings for alcohol or drugs?")),
    Part("relief", N_("What relieves the urge"),
         N_("What things can I do that ease the urge to use alcohol or drugs?")),
)

SECTION_PARTS: dict[str, tuple[Part, ...]] = {
    "crisis": CRISIS_PARTS,
    "overdose": OVERDOSE_PARTS,
    "cravings": CRAVING_PARTS,
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
