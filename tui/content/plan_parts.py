"""The parts of the crisis plan, the pocket overdose plan and cravings, in the
order they are used, with the words shown for each. Field names are the store's."""

from __future__ import annotations

from typing import NamedTuple


class Part(NamedTuple):
    field: str
    title: str  # shown as the heading of the part
    prompt: str  # a gentle question when editing it
    contact_roles: tuple[str, ...] = ()  # contacts shown with this part


CRISIS_PARTS: tuple[Part, ...] = (
    Part("warning_signs", "My warning signs",
         "What thoughts, feelings or actions tell me a crisis may be coming?"),
    Part("on_my_own", "Things I can do on my own",
         "What can I do by myself to take my mind off things or feel calmer?"),
    Part("distractions", "People and places that take my mind off things",
         "Who can I be with, or where can I go, to feel a bit better?", ("distracts",)),
    Part("ask_for_help", "People I can ask for help",
         "Who can I call or text when I need help? How do I reach them?", ("helps",)),
    Part("professionals", "Professionals and crisis lines",
         "Which counselors, doctors or crisis lines can I call?", ("professional", "crisis_line")),
    Part("safer_surroundings", "Making my surroundings safer",
         "What can I do to make where I am safer, like keeping pills or alcohol away?"),
    Part("matters_most", "What matters most to me",
         "Who and what makes my life worth living?"),
)

OVERDOSE_PARTS: tuple[Part, ...] = (
    Part("emergency_numbers", "Emergency numbers", "Which numbers do I call in an overdose?"),
    Part("naloxone_where", "Where I get and keep naloxone",
         "Where do I get naloxone (Narcan), and where do I keep it?"),
    Part("naloxone_person", "Who near me has naloxone or can give it",
         "Who close to me has naloxone, or knows how to give it?"),
    Part("check_in_person", "Who I check in with if I use",
         "If I use, who will I check in with?", ("checks_on_me",)),
    Part("check_in_how", "How they should check on me",
         "How will I reach them, and how should they check on me? Phone, text, in person, email?"),
    Part("other_steps", "Other steps I will take",
         "What else will I do to stay safe? Like never using alone, or starting small."),
)

CRAVING_PARTS: tuple[Part, ...] = (
    Part("triggers", "What triggers my cravings",
         "What people, places, feelings or times make me want to use?"),
    Part("relief", "What relieves the urge", "When I do these things, the urge to use gets weaker."),
)

SECTION_PARTS: dict[str, tuple[Part, ...]] = {
    "crisis": CRISIS_PARTS,
    "overdose": OVERDOSE_PARTS,
    "cravings": CRAVING_PARTS,
}

SECTION_TITLES: dict[str, str] = {
    "crisis": "My crisis plan",
    "overdose": "My pocket overdose plan",
    "cravings": "Cravings",
}
