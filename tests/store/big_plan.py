"""A plan file with many goals, for the import's time and the sessions
beside it (issue 17): each goal in the person's words, with two steps."""

from __future__ import annotations

import json

from tui.store import SECTION_FIELDS


def big_plan_text(name: str, goals: int, steps_per_goal: int = 2) -> str:
    """A valid export file (format 1) for `name` with `goals` goals, half short
    term and half long, their timeline the reverse of their importance."""
    per_term = {"short": (goals + 1) // 2, "long": goals // 2}
    goal_list = []
    for term, count in per_term.items():
        for n in range(1, count + 1):
            goal_list.append({
                "text": f"Goal {n} ({term}): take one more step toward the life I want",
                "term": term, "importance": n, "timeline": count + 1 - n,
                "status": "done" if n % 7 == 0 else "active",
                "target_date": "2027-03-01" if n % 3 == 0 else None,
                "done_on": "2026-11-20" if n % 7 == 0 else None,
                "steps": [{"specific": f"Step {s} of goal {n}: call the office",
                           "measurable": "two calls", "achievable": "I have a phone",
                           "when_text": "by Friday", "due_date": "2026-11-27",
                           "bring": "the number", "done": s == 1,
                           "done_on": "2026-11-21" if s == 1 else None}
                          for s in range(1, steps_per_goal + 1)],
            })
    document = {
        "format": "recovery-plan", "format_version": 1, "exported_at": "2026-11-26T10:00:00",
        "plan": {
            "name": name, "vision": "A home of my own", "strengths": "I keep going",
            "crisis": {f: "" for f in SECTION_FIELDS["crisis"]},
            "overdose": {f: "" for f in SECTION_FIELDS["overdose"]},
            "cravings": {"triggers": "", "relief": ""},
            "toolkit": {}, "goals": goal_list, "contacts": [], "reminders": [],
        },
    }
    return json.dumps(document, indent=2)
