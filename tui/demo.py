"""Making the demo plan through the same store operations a person uses."""

from __future__ import annotations

from datetime import timedelta

from tui.content import demo
from tui.store import Plan, Store, clock, create_person


def create_demo(store: Store) -> Plan:
    """Create the `Demo` plan (raises NameTakenError when it exists)."""
    plan = create_person(store, demo.DEMO_NAME, demo.DEMO_PIN, counted=False)
    today = clock.today()
    plan.save_section("vision", {"vision": demo.VISION})
    plan.save_section("strengths", {"strengths": demo.STRENGTHS})

    goals = {text: plan.add_goal(text) for text, _, _ in demo.SHORT_TERM_GOALS}
    plan.arrange_goals("short", {goals[text].id: (importance, timeline)
                                 for text, importance, timeline in demo.SHORT_TERM_GOALS})
    for text in demo.LONG_TERM_GOALS:
        plan.add_goal(text, "long")

    housing = goals[demo.HOUSING_GOAL]
    for specific, measurable, achievable, days, bring in demo.HOUSING_STEPS:
        plan.add_step(
            housing.id, specific=specific, measurable=measurable, achievable=achievable,
            when=(today + timedelta(days=days)).isoformat(), bring=bring,
        )

    plan.save_section("crisis", demo.CRISIS_PLAN)
    plan.save_section("overdose", demo.OVERDOSE_PLAN)
    plan.save_section("cravings", demo.CRAVINGS)
    for question, answer in demo.TOOLKIT_ANSWERS.items():
        plan.save_toolkit_answer(question, answer)
    for contact in demo.CONTACTS:
        plan.add_contact(**contact)
    for reminder in demo.REMINDERS:
        plan.add_reminder(reminder)
    return plan
