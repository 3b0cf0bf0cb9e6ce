"""Faithful to the training guide: each question, fact and example of
recovery-planning-guide.txt is in the app with its meaning whole, in English
and in Spanish, and each thing has one name in each language."""

from __future__ import annotations

import re

import pytest

from tui import i18n
from tui.output.cards import contact_line
from tui.content import demo, learn, reminders, toolkit
from tui.content.guide import GUIDE_KEYS
from tui.content.plan_parts import CRAVING_PARTS, OVERDOSE_PARTS
from tui.i18n import _, read_po
from tui.store.plans import Contact
from tui.store.smart import smart_check
from tui.widgets.step_fields import smart_check_text

from tests.test_readability import CATALOG


def es(message: str) -> str:
    i18n.set_language("es")
    try:
        return _(message)
    finally:
        i18n.set_language("en")


def prompts() -> dict[str, str]:
    return {q.key: q.prompt for s in toolkit.TOOLKIT for q in s.questions}


# -- the Good Samaritan law -----------------------------------------------------


def california() -> str:
    return "\n".join(learn.GOOD_SAMARITAN["california"].summary)


def test_the_law_protects_from_arrest_charges_and_prosecution_as_the_guide_says():
    text = california()
    assert "Health and Safety Code section 11376.5" in text  # where it comes from
    assert "protects you from arrest, charges and prosecution for:" in text
    assert "drug possession laws" in text and "drug paraphernalia laws" in text
    assert "The person who overdosed is protected the same way." in text


def test_the_law_says_no_more_than_the_code_does():
    text = california()
    # (a) and (b): good faith, not getting in the way; (c) selling, giving; (d) other crimes.
    for said in ("good faith", "do not get in the way of medics or police",
                 "selling, giving or trading drugs", "against their will", "driving under the influence"):
        assert said in text
    assert "warrant" not in text.lower()  # the code says nothing of warrants
    assert "should not be" not in text  # the guide: it protects, not "should not"


def test_the_law_in_spanish_says_the_same():
    text = "\n".join(es(paragraph) for paragraph in learn.GOOD_SAMARITAN["california"].summary)
    assert "11376.5" in text
    assert "te protege de arresto, cargos y juicio" in text
    assert "leyes de posesión de drogas" in text and "leyes sobre artículos para drogas" in text
    assert "órdenes de arresto" not in text


# -- the resilience questions ---------------------------------------------------


GUIDE_QUESTIONS = {
    # the guide's question: (toolkit key, words that must be in the app's prompt)
    "Always makes me feel better": ("works.better", ("always makes me feel better",)),
    "Makes me laugh": ("works.laugh", ("makes me laugh",)),
    "Calms me down": ("works.calm", ("calms me down",)),
    "If I can't sleep-do I try catch-up sleep, relaxation, natural supplements, etc.?":
        ("selfcare.sleep", ("can't sleep", "catch-up sleep", "relaxing", "natural supplements")),
    "Does exercise to help me sleep, deal with stress, or depressed moods?":
        ("selfcare.exercise", ("exercise", "sleep", "stress", "low mood")),
    "Do I eat regularly and choose foods that replace nutrients lost while using?":
        ("selfcare.eating", ("eat regularly", "foods that put back what my body lost while using")),
    "What do I like to do that I haven't done in a long time?":
        ("enjoy.long_time", ("like to do", "haven't done in a long time")),
    "What have I always wanted to do but never had a chance to try?":
        ("enjoy.always_wanted", ("always wanted to do", "never had a chance to try")),
    "Who are the people can I connected with who are really in my corner?":
        ("enjoy.in_my_corner", ("connect with", "really in my corner")),
    "What are the things do I stop doing that are fun or good for me?":
        ("coping.stopped", ("fun or good for me", "stop doing")),
    "What pleasant places can I force myself to go when I don't want to leave the house?":
        ("coping.places", ("pleasant places", "push myself", "don't want to leave home")),
    "What is something I can do for 10 minutes that helps with mood and stress?":
        ("coping.ten_minutes", ("10 minutes", "mood and stress")),
    "Can I do something for someone else when I need to get out of my own head?":
        ("coping.for_others", ("for someone else", "get out of my own head")),
    "What things that stress me out that I can reduce or eliminate right now?":
        ("coping.cut_stress", ("stresses me out", "cut down or stop right now")),
}

GUIDE_SETS = {
    "works": "What works for me?",
    "selfcare": "What helps with self-care and wellness?",
    "enjoy": "Am I doing enough of what I really like to do?",
    "coping": "What can I do to cope with stress or depression?",
}


@pytest.mark.parametrize("question", GUIDE_QUESTIONS)
def test_every_question_of_the_four_sets_is_whole(question):
    key, words = GUIDE_QUESTIONS[question]
    prompt = prompts()[key]
    for word in words:
        assert word.lower() in prompt.lower(), (question, prompt)
    assert es(prompt) != prompt and es(prompt).endswith("?")


def test_the_four_sets_keep_the_guides_own_questions_as_titles():
    assert {s.key: s.title for s in toolkit.TOOLKIT} == GUIDE_SETS
    assert {q.key for s in toolkit.TOOLKIT for q in s.questions} == {k for k, _w in GUIDE_QUESTIONS.values()}
    assert es(GUIDE_SETS["enjoy"]) == "¿Hago lo suficiente de lo que de verdad me gusta hacer?"


def test_triggers_and_relief_ask_the_guides_two_questions():
    triggers, relief = CRAVING_PARTS
    assert "cravings for alcohol or drugs" in triggers.prompt
    assert "ease the urge to use alcohol or drugs" in relief.prompt
    assert "triggers" in GUIDE_KEYS  # and the walkthrough asks them


# -- SMART, the goal table, the housing example, the reminders ----------------


def test_smart_is_spelled_as_the_guide_spells_it():
    hints = " ".join(smart_check(specific="", measurable="", achievable="", when="",
                                 today=demo_today()))
    for part in ("Specific", "Measurable", "Achievable and realistic", "Time-limited"):
        assert part in hints
    praise = str(smart_check_text({"specific": "Call 3 landlords", "measurable": "3 calls",
                                   "achievable": "I have a phone", "when": "tomorrow"}, demo_today()))
    assert "Specific, measurable, achievable, realistic, time-limited." in praise


def demo_today():
    from tui.store import clock

    return clock.today()


def test_the_demo_keeps_the_guides_goal_table_exactly():
    guide_table = {
        "I want to get back in touch with my brother": (1, 3),
        "I want to quit smoking": (4, 5),
        "I want to go to a naloxone training": (3, 2),
        "I want to find a place to live": (2, 1),
        "I want to get a better job": (4, 4),
    }
    assert {text: (imp, time) for text, imp, time in demo.SHORT_TERM_GOALS} == guide_table


def test_the_housing_example_has_the_guides_three_steps():
    steps = demo.HOUSING_STEPS
    assert len(steps) == 3
    (look, what1, *_r1), (call, what2, *_r2), (bring, *_r3) = steps
    assert "Craigslist" in look and "No more than 1 hour" == what1
    assert "call" in call and what2 == "At least 5 listed and 3 called"
    assert "notes from the calls" in bring


def test_the_reminders_are_the_guides():
    guide = ("getting something back", "strong in the broken places", "breaking the cycle",
             "how, and who, to ask for help", "signs and risk factors", "deep inner values",
             "spiritual principles", "finding meaning", "supporting each other",
             "helping family and friends", "connecting with the community")
    assert len(reminders.REMINDERS) == len(guide)
    for words, reminder in zip(guide, reminders.REMINDERS):
        assert words in reminder and es(reminder) != reminder


def test_the_pocket_plan_has_the_guides_five_parts_and_other_steps():
    fields = [part.field for part in OVERDOSE_PARTS]
    assert fields == ["emergency_numbers", "naloxone_where", "naloxone_person", "check_in_person",
                      "check_in_how", "other_steps"]
    how = next(p for p in OVERDOSE_PARTS if p.field == "check_in_how").prompt
    assert all(word in how for word in ("Phone", "text", "in person", "email"))


# -- one name for each thing ------------------------------------------------------


def translations() -> list[tuple[str, str]]:
    return [(e["msgid"], e["msgstr"]) for e in read_po(CATALOG.read_text(encoding="utf-8"))
            if e["msgid"] and e["msgstr"]]


def test_the_overdose_plan_has_one_spanish_name():
    """In full "plan de bolsillo contra sobredosis"; short, as the English
    "overdose plan", "plan contra sobredosis"; never anything else."""
    for english, spanish in translations():
        if "pocket overdose plan" in english.lower():
            assert "plan de bolsillo contra sobredosis" in spanish.lower(), spanish
        elif "overdose plan" in english.lower():
            assert "plan contra sobredosis" in spanish.lower(), spanish
        assert "plan sobredosis" not in spanish.lower(), spanish


def test_reminders_and_check_ins_have_one_spanish_name():
    for english, spanish in translations():
        if re.search(r"\breminders?\b", english, re.IGNORECASE):
            assert "recordatorio" in spanish.lower(), spanish
        if re.search(r"\bcheck-in\b", english, re.IGNORECASE):
            assert "revisi" in spanish.lower(), spanish
        assert "Frases" not in spanish and not re.search(r"\bAviso\b", spanish), spanish


def test_a_contact_reads_as_one_line_with_the_persons_words_between_commas():
    sister = Contact(id=1, position=1, roles=frozenset({"helps"}), can_text=True, name="My sister",
                     relationship="sister", phone="555-0142", email="", reachable="any time", notes="")
    assert contact_line(sister) == "My sister (sister): 555-0142, texts OK, any time"
    luis = Contact(id=2, position=2, roles=frozenset({"helps"}), can_text=False, name="Luis",
                   relationship="", phone="", email="", reachable="evenings", notes="")
    assert contact_line(luis) == "Luis: evenings"
