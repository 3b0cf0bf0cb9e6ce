"""The guided walkthrough ("Build my plan"), in the order the training guide
teaches: dream, strengths, what works, short-term and long-term goals,
ranking and timeline, SMART steps, triggers and relief, the rainy-day plan,
the pocket overdose plan, reminders.

Each step has a key (stored where the walkthrough stopped; never rename one),
a title, why it matters in one or two plain sentences, and an example. The
words are marked for the catalog (N_) and translated where they are shown.
"""

from __future__ import annotations

from typing import NamedTuple

from tui.i18n import N_


class GuideStep(NamedTuple):
    key: str
    title: str
    why: str
    example: str


GUIDE_STEPS: tuple[GuideStep, ...] = (
    GuideStep(
        "dream", N_("My dream"),
        N_("A plan starts with where you want to go. Dare to dream: picture the person you "
           "want to be and the life you want, even if it feels far away."),
        N_("I want a safe place of my own, and my brother back in my life.")),
    GuideStep(
        "strengths", N_("My strengths"),
        N_("Recovery builds on what you already have. Your strengths help you bounce back "
           "when things get hard."),
        N_("I don't give up. I am good with my hands. My sister is in my corner.")),
    GuideStep(
        "works", N_("What works for me"),
        N_("Knowing what helps gives you something to reach for on a hard day. "
           "Answer one, all or none."),
        N_("A long walk with my dog always makes me feel better.")),
    GuideStep(
        "goals", N_("My short-term goals"),
        N_("A goal is something you want, in your own words. Start with a few goals for "
           "the next months; they can be small."),
        N_("I want to find a place to live.")),
    GuideStep(
        "long_goals", N_("My long-term goals"),
        N_("Some goals take longer, a year or more. Your short-term goals can be steps "
           "on the way to them."),
        N_("I want to finish my GED.")),
    GuideStep(
        "rank", N_("Rank and order my goals"),
        N_("Rank your goals by how much they matter, then put them in the order you will "
           "work on them. The two orders can be different."),
        N_("A home may matter second most, but come first in time.")),
    GuideStep(
        "steps", N_("Steps for my first goal"),
        N_("A big goal gets easier in small steps. A good step says what you will do, "
           "how much, and by when. Add as many steps as you like."),
        N_("By next week, look online for rentals for no more than 1 hour.")),
    GuideStep(
        "triggers", N_("My triggers and what helps"),
        N_("Knowing what sets off a craving helps you plan for it. Write what gets you "
           "wanting to use, and what makes the urge weaker."),
        N_("Payday is hard for me. Calling my sister helps.")),
    GuideStep(
        "rainy", N_("My rainy-day plan"),
        N_("It is easier to plan for a storm before it comes. Write what you will do, and "
           "who you can turn to, when things get hard."),
        N_("When I stop answering my phone, I text my sister.")),
    GuideStep(
        "overdose", N_("My pocket overdose plan"),
        N_("After a break, your body can't handle what it used to, and street drugs can be "
           "stronger than before. A short plan can save your life."),
        N_("I keep naloxone in the front pocket of my backpack.")),
    GuideStep(
        "reminders", N_("Reminders that speak to me"),
        N_("Words to come back to on hard days. Pick the ones that speak to you, or write "
           "your own."),
        N_("Recovery means getting strong in the broken places.")),
)

GUIDE_KEYS: tuple[str, ...] = tuple(step.key for step in GUIDE_STEPS)


def guide_step(key: str) -> tuple[int, GuideStep]:
    """(its number from 1, the step) for a step's key."""
    index = GUIDE_KEYS.index(key)
    return index + 1, GUIDE_STEPS[index]
