"""The resilience toolkit's questions, after the guide's "Other Resilience
Planning Tools". Keys are stored with each answer; never rename one."""

from __future__ import annotations

from dataclasses import dataclass


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
    QuestionSet("works", "What works for me", (
        Question("works.better", "What always makes me feel better?"),
        Question("works.laugh", "What makes me laugh?"),
        Question("works.calm", "What calms me down?"),
    )),
    QuestionSet("selfcare", "Self-care and wellness", (
        Question("selfcare.sleep", "If I can't sleep, what do I try?"),
        Question("selfcare.exercise", "Does moving my body help me sleep, or help with stress or low moods?"),
        Question("selfcare.eating", "Do I eat regularly? What foods help my body heal?"),
    )),
    QuestionSet("enjoy", "Doing what I like", (
        Question("enjoy.long_time", "What do I like to do that I haven't done in a long time?"),
        Question("enjoy.always_wanted", "What have I always wanted to try?"),
        Question("enjoy.in_my_corner", "Who are the people in my corner?"),
    )),
    QuestionSet("coping", "Coping with stress or depression", (
        Question("coping.stopped", "What fun or good things do I stop doing when I feel low?"),
        Question("coping.places", "What pleasant places can I go, even when I don't want to leave home?"),
        Question("coping.ten_minutes", "What can I do for 10 minutes that helps my mood and stress?"),
        Question("coping.for_others", "What can I do for someone else when I need to get out of my own head?"),
        Question("coping.cut_stress", "What stresses me out that I can cut down or stop right now?"),
    )),
)

QUESTION_KEYS: frozenset[str] = frozenset(q.key for s in TOOLKIT for q in s.questions)
