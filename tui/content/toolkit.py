"""The resilience toolkit's questions, after the guide's "Other Resilience
Planning Tools". Keys are stored with each answer; never rename one. Titles and
prompts are marked for the catalog and shown through `_()`; keys never are."""

from __future__ import annotations

from dataclasses import dataclass

from tui.i18n import N_


@dataclass(frozen=True)
class Question:
    key: str
    prompt: str


@dataclass(frozen=True)
class QuestionSet:
    key: str
    title: str
    questions: tuple[Question, ...]


TOOLKIT: tuple[QuestionSet, ...] = (
    QuestionSet("works", N_("What works for me?"), (
        Question("works.better", N_("What always makes me feel better?")),
        Question("works.laugh", N_("What makes me laugh?")),
        Question("works.calm", N_("What calms me down?")),
    )),
    QuestionSet("selfcare", N_("What helps with self-care and wellness?"), (
        Question("selfcare.sleep", N_("If I can't sleep, what do I try? Catch-up sleep, relaxing, natural supplements?")),
        Question("selfcare.exercise", N_("Does exercise help me sleep, deal with stress, or lift a low mood?")),
        Question("selfcare.eating", N_("Do I eat regularly? Do I choose foods that put back what my body lost while using?")),
    )),
    QuestionSet("enjoy", N_("Am I doing enough of what I really like to do?"), (
        Question("enjoy.long_time", N_("What do I like to do that I haven't done in a long time?")),
        Question("enjoy.always_wanted", N_("What have I always wanted to do, but never had a chance to try?")),
        Question("enjoy.in_my_corner", N_("Who can I connect with who is really in my corner?")),
    )),
    QuestionSet("coping", N_("What can I do to cope with stress or depression?"), (
        Question("coping.stopped", N_("What things that are fun or good for me do I stop doing?")),
        Question("coping.places", N_("What pleasant places can I push myself to go to when I don't want to leave home?")),
        Question("coping.ten_minutes", N_("What can I do for 10 minutes that helps my mood and stress?")),
        Question("coping.for_others", N_("What can I do for someone else when I need to get out of my own head?")),
        Question("coping.cut_stress", N_("What stresses me out that I can cut down or stop right now?")),
    )),
)

QUESTION_KEYS: frozenset[str] = frozenset(q.key for s in TOOLKIT for q in s.questions)
