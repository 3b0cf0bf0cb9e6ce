"""The Learn screen's topics (F7), after the guide's "Dispelling myths" section:
tolerance, potency, mixing, naloxone, never using alone and the Good Samaritan
law. Plain words, short sentences, no shaming. A paragraph whose lines start
with "- " is shown as bullets. Topic keys are stable; never rename one.

The Good Samaritan topic is followed on screen by the law for the site's area,
from `good_samaritan()`; the site config names the area, California by default.
Titles and paragraphs are marked for the catalog and shown through `_()`; the
Spanish says exactly what the English says, no more and no less."""

from __future__ import annotations

from typing import NamedTuple

from tui.i18n import N_


class Topic(NamedTuple):
    key: str  # stable id
    title: str  # short heading
    paragraphs: tuple[str, ...]  # plain text; lines starting "- " are bullets


class GoodSamaritanLaw(NamedTuple):
    jurisdiction: str  # shown in the heading, e.g. "California"
    summary: tuple[str, ...]  # paragraphs or bullets, plain words


TOPICS: tuple[Topic, ...] = (
    Topic("tolerance", N_("Your tolerance drops after a break"), (
        N_("Tolerance is how used to a drug your body is. "
           "It goes down when you stop using for a while."),
        N_("This happens after any break, even a short one:\n"
           "- time in custody or jail\n"
           "- time in treatment or a hospital\n"
           "- time in recovery"),
        N_("After a break, the amount you used before can be too much. "
           "It can cause an overdose. Your body is not ready for it anymore."),
        N_("Many people who lived through an overdose said the same thing. "
           "They did not know their tolerance had dropped."),
        N_("If you use after a break:\n"
           "- Start low. Use much less than you used to.\n"
           "- Go slow. Wait and see how it hits you.\n"
           "- Never use alone. Have someone with naloxone nearby."),
        N_("A slip does not erase your recovery. "
           "Staying alive comes first. You can start again."),
    )),
    Topic("potency", N_("Street drugs change"), (
        N_("Street drugs are not the same from one batch to the next. "
           "You cannot tell how strong they are by looking."),
        N_("Fentanyl and other very strong drugs are often mixed in. "
           "The person selling may not know either."),
        N_("The same amount from a new batch can be much stronger. "
           "Drugs may have gotten stronger while you were not using."),
        N_("Fentanyl test strips can help. You mix a little of the drug with water "
           "and dip the strip in. It shows if fentanyl is there."),
        N_("Test strips are a way to stay safer. "
           "Ask staff or a drop-in center where to get them. They are often free."),
        N_("A test can miss things. Even with a clean test:\n"
           "- Start with a small amount.\n"
           "- Go slow.\n"
           "- Have naloxone close by."),
    )),
    Topic("mixing", N_("Mixing drugs raises the risk"), (
        N_("Some people believe cocaine or meth will keep them safe from "
           "an opioid overdose. They think the \"up\" cancels out the \"down.\""),
        N_("This is a myth. The truth is the opposite. "
           "Stimulants do not protect you from an opioid overdose."),
        N_("Stimulants can hide how strong the opioid is. "
           "Then, when they wear off, the opioid can still stop your breathing."),
        N_("Many stimulants now have fentanyl in them too. "
           "You may take an opioid without knowing it."),
        N_("Mixing makes overdose more likely. This includes:\n"
           "- two or more street drugs together\n"
           "- drugs with alcohol\n"
           "- drugs with pills like benzos (Xanax, Valium, Klonopin)\n"
           "- drugs with sleep pills or some pain pills"),
        N_("If you mix, use less of each. Go slow. "
           "Keep naloxone close and do not use alone."),
    )),
    Topic("naloxone", N_("Naloxone (Narcan) saves lives"), (
        N_("Naloxone is a medicine that can stop an opioid overdose. "
           "Narcan is one brand name. Most kits are a nasal spray."),
        N_("It is safe. It will not hurt someone who has not taken opioids. "
           "Anyone can give it. You do not need training, but training helps."),
        N_("Where to get it:\n"
           "- Pharmacies in the US. You do not need a prescription.\n"
           "- Many drop-in centers and health departments.\n"
           "- Ask staff here. It is often free."),
        N_("Signs of an opioid overdose:\n"
           "- They will not wake up, even if you shout or rub their chest.\n"
           "- Breathing is slow, or has stopped.\n"
           "- Lips or fingertips look blue or gray.\n"
           "- The black centers of the eyes are very small, like pinpoints.\n"
           "- Gurgling or loud snoring sounds."),
        N_("How to give the nasal spray:\n"
           "- Lay the person on their back.\n"
           "- Put the nozzle in one nostril.\n"
           "- Press the plunger all the way.\n"
           "- No response in 2 to 3 minutes? Give a second dose in the other nostril."),
        N_("Call 911 too. Naloxone wears off in about 30 to 90 minutes. "
           "The overdose can come back after that."),
        N_("Stay with the person until help comes. If they are breathing, "
           "roll them onto their side. This is the recovery position. "
           "It keeps the airway clear if they throw up."),
        N_("When they wake up, they may feel sick or upset. "
           "Stay calm and stay close. Tell them what happened."),
    )),
    Topic("never_alone", N_("Never use alone"), (
        N_("Most overdose deaths happen when a person is alone. "
           "No one is there to give naloxone or call for help."),
        N_("If you use, do not use alone:\n"
           "- Have someone with you who has naloxone and knows how to give it.\n"
           "- Take turns, so one person is always awake and watching.\n"
           "- Leave the door unlocked."),
        N_("If no one can be with you, call the Never Use Alone line: 800-484-3731. "
           "Someone stays on the phone with you. "
           "If you stop answering, they send help to where you are."),
        N_("Check in with someone you trust. Tell them when you will call back. "
           "Ask them to check on you if you do not."),
        N_("Write this down in your pocket overdose plan. "
           "Put in who you check in with, and how they should check on you."),
    )),
    Topic("good_samaritan", N_("The law protects people who call for help"), (
        N_("Calling for help in an overdose can save a life. "
           "Some people are afraid to call because of drugs at the scene."),
        N_("A Good Samaritan law protects people who call for help. "
           "It can protect the caller and the person who overdosed."),
        N_("The law is different from place to place. "
           "Here is what it says for this area."),
    )),
)


_NOT_LEGAL_ADVICE = (
    N_("This is not legal advice. Ask staff or a legal aid office if you have questions.")
)

GOOD_SAMARITAN: dict[str, GoodSamaritanLaw] = {
    # Only what the law itself says (California Health and Safety Code
    # 11376.5, subdivisions (a) to (d)), in plain words; the protection named as
    # the training guide names it: arrest, charges and prosecution.
    "california": GoodSamaritanLaw(N_("California"), (
        N_("This is from the California Good Samaritan law. It is Health and Safety Code section 11376.5."),
        N_("Say you call 911 or get medical help for someone who is overdosing. "
           "Then the law protects you from arrest, charges and prosecution for:\n"
           "- breaking drug possession laws, by having drugs for your own use\n"
           "- breaking drug paraphernalia laws, by having things like pipes or needles\n"
           "- being under the influence"),
        N_("The person who overdosed is protected the same way."),
        N_("To be protected:\n"
           "- you get help in good faith, to save a life\n"
           "- the overdose is linked to the drugs you have\n"
           "- you do not get in the way of medics or police"),
        N_("The law does not cover:\n"
           "- selling, giving or trading drugs\n"
           "- making someone take drugs against their will\n"
           "- other crimes made risky by drugs, like driving under the influence"),
        N_("If someone is overdosing, please call. Their life comes first."),
        _NOT_LEGAL_ADVICE,
    )),
    "general": GoodSamaritanLaw(N_("your area"), (
        N_("Most US states have a Good Samaritan overdose law. "
           "These laws protect people who call for help in an overdose."),
        N_("The protections are different in each state. "
           "Some cover having drugs or paraphernalia. Some cover more, some less."),
        N_("Ask staff what applies here."),
        _NOT_LEGAL_ADVICE,
    )),
}

DEFAULT_JURISDICTION = "california"


def good_samaritan(jurisdiction: str | None) -> GoodSamaritanLaw:
    """The law for a site's area; California when none is named or it is unknown."""
    key = (jurisdiction or "").strip().lower()
    return GOOD_SAMARITAN.get(key, GOOD_SAMARITAN[DEFAULT_JURISDICTION])
