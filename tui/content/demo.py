"""The demo plan: the guide's own example, for training and for trying the app."""

from __future__ import annotations

DEMO_NAME = "Demo"
DEMO_PIN = "975310"

VISION = (
    "I want a safe place of my own, a steady job, and my brother back in my life. "
    "I want to be someone my family can count on, and to help others find their way too."
)
STRENGTHS = (
    "I don't give up. I am good with my hands and I like fixing things. "
    "My sister is in my corner. I have 90 days clean and I go to meetings."
)

# The guide's five short-term goals with (importance, timeline), exactly as its
# table gives them: quitting smoking and a better job matter the same (4 and 4).
SHORT_TERM_GOALS = (
    ("I want to get back in touch with my brother", 1, 3),
    ("I want to quit smoking", 4, 5),
    ("I want to go to a naloxone training", 3, 2),
    ("I want to find a place to live", 2, 1),
    ("I want to get a better job", 4, 4),
)
LONG_TERM_GOALS = ("I want to finish my GED",)

HOUSING_GOAL = "I want to find a place to live"
# The guide's SMART example, as three steps: (specific, measurable, achievable,
# days from today until due, bring).
HOUSING_STEPS = (
    ("Look for rentals online, Craigslist too", "No more than 1 hour",
     "I can use the computer at the drop-in center", 2, ""),
    ("List possible rentals and call about them", "At least 5 listed and 3 called",
     "I have a phone and my list", 7, ""),
    ("Bring the notes from the calls to go over", "1 page of notes",
     "My check-in is already set for next week", 9, "The notes from my calls"),
)

CRISIS_PLAN = {
    "warning_signs": "I stop answering my phone. I skip meals and stay in bed. I start thinking about old friends I used with.",
    "on_my_own": "Take a walk around the block. Listen to music. Take a hot shower. Write down what I'm feeling.",
    "distractions": "The drop-in center. The public library. My sister's place.",
    "ask_for_help": "My sister, by text. My sponsor, Luis.",
    "professionals": "My counselor at the clinic. 988, call or text, any time.",
    "safer_surroundings": "Keep no alcohol or pills at home. Give extra cash to my sister to hold.",
    "matters_most": "My brother and sister. My dog, Pepper. Getting my own place.",
}
OVERDOSE_PLAN = {
    "emergency_numbers": "911. Never Use Alone: 800-484-3731.",
    "naloxone_where": "I get it free at the drop-in center. I keep it in the front pocket of my backpack.",
    "naloxone_person": "My roommate Jay has naloxone and knows how to give it.",
    "check_in_person": "My sister",
    "check_in_how": "My sister, by text. If I don't answer in 15 minutes she calls, then comes over.",
    "other_steps": "Never use alone. Start with a small amount. Don't mix with alcohol or pills.",
}
CRAVINGS = {
    "triggers": "Payday. Being alone at night. Running into people I used with.",
    "relief": "Calling my sister. Going to a meeting. Eating something and drinking water.",
}
TOOLKIT_ANSWERS = {
    "works.better": "A long walk with my dog.",
    "works.laugh": "Old comedy shows with my sister.",
    "works.calm": "Deep breaths and a cup of tea.",
    "coping.ten_minutes": "Stretch, or sit outside in the sun.",
}
CONTACTS = (
    {"name": "My sister", "relationship": "sister", "roles": ("helps", "checks_on_me"),
     "phone": "555-0142", "can_text": True, "reachable": "Any time"},
    {"name": "Luis", "relationship": "sponsor", "roles": ("helps",),
     "phone": "555-0199", "can_text": True, "reachable": "Evenings"},
    {"name": "988 Suicide & Crisis Lifeline", "relationship": "", "roles": ("crisis_line",),
     "phone": "988", "can_text": True, "reachable": "24/7"},
)

REMINDERS = (
    "Recovery means getting something back.",
    "Reaching out: helping family and friends.",
)
