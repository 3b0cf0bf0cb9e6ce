"""Personas: people building and using their plan by keys alone, in the
installed app in a real 80x24 terminal (and on the Linux console's TERM).

The first persona is a new person building the training guide's whole example
(reference: the recovery planning guide) with a peer beside them: the
walkthrough, then the goal board and the step editor for what the walkthrough
doesn't cover. Afterwards every word they typed is in the store (read through
`recovery-plan export NAME --format json`, as a script would) and readable on
the screen. The others are the orders people really press keys in when
stressed: F5 before the name, Enter twice, Tab into the wrong box, typing
while a message shows, Esc half way.
"""

from __future__ import annotations

import time

import pytest

from tests.conftest import require_tool
from tests.e2e.tmux import (
    SCRIPT,
    Terminal,
    app_env,
    exported_plan,
    flat,
    sign_in,
    start_app,
    start_new_plan,
    with_term,
)

NAME, PIN = "Jordan", "river-7391"

# The guide's example, and the person's own words where the guide gives none.
VISION = "I want a safe place of my own, a steady job, and my brother back in my life."
STRENGTHS = "I don't give up. I am good with my hands. My sister is in my corner."
WORKS = {
    "works.better": "A long walk with my dog.",
    "works.laugh": "Old comedy shows with my sister.",
    "works.calm": "Deep breaths and a cup of tea.",
}
# The guide's five short-term goals, typed in the order of their timeline, with
# (importance, timeline) as the guide's table gives them.
GOALS = {
    "I want to find a place to live": (2, 1),
    "I want to go to a naloxone training": (3, 2),
    "I want to get back in touch with my brother": (1, 3),
    "I want to get a better job": (4, 4),
    "I want to quit smoking": (4, 5),
}
LONG_GOAL = "I want to finish my GED"
HOUSING = "I want to find a place to live"
# The housing goal's three SMART steps (the guide: by this time next week ...).
STEPS = [
    {"specific": "Look on Craigslist for rentals", "measurable": "No more than 1 hour",
     "when_text": "this time next week", "achievable": "I can use the computer at the drop-in center",
     "bring": ""},
    {"specific": "List possible rentals and call about them",
     "measurable": "At least 5 listed and at least 3 called",
     "when_text": "this time next week", "achievable": "I have a phone and my list", "bring": ""},
    {"specific": "Bring the notes from the calls to go over", "measurable": "All of my notes",
     "when_text": "this time next week", "achievable": "I keep them in my folder",
     "bring": "The notes from the calls"},
]
CRAVINGS = {"triggers": "Payday, and walking past my old corner.",
            "relief": "Calling my sister. Going to a meeting."}
CRISIS = {
    "warning_signs": "I stop answering my phone. I skip meals and stay in bed.",
    "on_my_own": "Take a walk around the block. Listen to music.",
    "distractions": "The drop-in center. The public library.",
    "ask_for_help": "My sister, by text. My sponsor, Luis.",
    "professionals": "My counselor at the clinic. 988, call or text.",
    "safer_surroundings": "Keep no alcohol or pills at home.",
    "matters_most": "My brother and sister. My dog, Pepper.",
}
OVERDOSE = {
    "emergency_numbers": "911. Never Use Alone: 800-484-3731.",
    "naloxone_where": "Free at the drop-in center; in the front pocket of my backpack.",
    "naloxone_person": "My roommate Jay has naloxone and knows how to give it.",
    "check_in_person": "My sister",
    "check_in_how": "By text. If I don't answer in 15 minutes she calls, then comes over.",
    "other_steps": "Never use alone. Start with a small amount.",
}
TICKED = ["Recovery means getting strong in the broken places.",
          "Reaching out: helping family and friends."]
OWN_REMINDER = "One day at a time"
# The rest of the toolkit, on F6 (the walkthrough asks only what works for me).
TOOLKIT_MORE = {
    "selfcare.sleep": "A hot shower and no phone in bed.",
    "selfcare.exercise": "Yes, a walk after dinner helps me sleep.",
    "enjoy.long_time": "Fixing old bikes.",
}


def press(term: Terminal, *keys: str, pause: float = 0.15) -> None:
    """Keys one at a time, as fingers press them (Esc alone: after it a key
    would read as Alt+key)."""
    for key in keys:
        term.keys(key)
        time.sleep(0.4 if key == "Escape" else pause)


def type_then(term: Terminal, text: str, *keys: str) -> None:
    term.type(text)
    time.sleep(0.15)
    press(term, *keys)


def start(tmux: str, tmp_path, terminal: str):
    db = tmp_path / "plans.sqlite3"
    env = app_env(tmp_path)
    term = start_app(tmux, db, env, prefix=with_term(terminal))
    return term, db, env


def build_with_the_walkthrough(term: Terminal) -> None:
    """A new plan, then the walkthrough's eleven steps, by keys."""
    start_new_plan(term, NAME, PIN)
    press(term, "y")
    term.wait_for("step 1 of 11: My dream")
    type_then(term, VISION, "PageDown")
    term.wait_for("step 2 of 11: My strengths")
    type_then(term, STRENGTHS, "PageDown")
    term.wait_for("step 3 of 11: What works for me")
    answer_each(term, WORKS.values())
    term.wait_for("step 4 of 11: My short-term goals")
    for goal in GOALS:
        type_then(term, goal, "Enter")
        term.wait_for(f"* {goal}")
    press(term, "Enter")  # Enter on a blank line goes on
    term.wait_for("step 5 of 11: My long-term goals")
    type_then(term, LONG_GOAL, "Enter")
    term.wait_for(f"* {LONG_GOAL}")
    press(term, "PageDown")
    term.wait_for("step 6 of 11: Rank and order my goals")
    rank_on_the_walkthrough(term)
    press(term, "PageDown")
    term.wait_for("step 7 of 11: Steps for my first goal")
    term.wait_for(f"Toward: {HOUSING}")
    for number, step in enumerate(STEPS, 1):
        for part in ("specific", "measurable", "when_text", "achievable", "bring"):
            type_then(term, step[part], "Enter")  # Enter on the last part adds the step
        term.wait_for(f"{number}. {step['specific']}")
    press(term, "PageDown")
    term.wait_for("step 8 of 11: My triggers and what helps")
    answer_each(term, CRAVINGS.values())
    term.wait_for("step 9 of 11: My rainy-day plan")
    answer_each(term, CRISIS.values())
    term.wait_for("step 10 of 11: My pocket overdose plan")
    answer_each(term, OVERDOSE.values())
    term.wait_for("step 11 of 11: Reminders that speak to me")
    press(term, "Down", "space", *["Down"] * 8, "space", "Tab")  # the 2nd and the 10th
    type_then(term, OWN_REMINDER, "Enter")
    press(term, "PageDown")  # finishes
    term.wait_for(f"My plan: {NAME}")
    term.wait_for_no("Your plan is built")  # the message goes by itself


def answer_each(term: Terminal, answers) -> None:
    """One box after another: Enter goes on to the next box; PgDn, right after
    the last words, to the next step (the words are kept: PgDn waits for them).
    Enter on the last box goes on too: test_enter_on_the_last_answer_goes_on."""
    answers = list(answers)
    for number, text in enumerate(answers, 1):
        type_then(term, text, "Enter" if number < len(answers) else "PageDown")


def rank_on_the_walkthrough(term: Terminal) -> None:
    """The goals came in timeline order, which is also their first importance
    order. By importance: the brother (3rd) up to 1st, smoking (5th) above
    the job."""
    term.wait_for("by IMPORTANCE")
    press(term, "Down", "Down", "u", "u")
    press(term, "Down", "Down", "Down", "Down", "u")
    screen = term.wait_for("by IMPORTANCE")
    assert "I want to quit smoking" in screen


def tie_the_job_with_smoking_on_the_board(term: Terminal) -> None:
    """The guide ranks quitting smoking and a better job the same (4 and 4):
    on the board, the job (just below smoking) is given its importance with =."""
    press(term, "F3")
    term.wait_for("sorted by importance")
    for _ in range(2 * len(GOALS)):
        if selected_goal(term) == "I want to get a better job":
            break
        press(term, "Down" if _ < len(GOALS) else "Up")
    assert selected_goal(term) == "I want to get a better job"
    press(term, "=")
    press(term, "F2")
    term.wait_for(f"My plan: {NAME}")


def fill_the_rest_of_the_toolkit(term: Terminal) -> None:
    press(term, "F6")
    term.wait_for("My resilience toolkit")
    # The first three answers are the walkthrough's: Tab past them.
    press(term, "Tab", "Tab", "Tab")
    for key in ("selfcare.sleep", "selfcare.exercise", "enjoy.long_time"):
        if key == "enjoy.long_time":
            press(term, "Tab")  # past "does moving my body..." to the next set
        type_then(term, TOOLKIT_MORE[key], "Tab")
    press(term, "Escape")
    term.wait_for(f"My plan: {NAME}")


def check_the_store(plan: dict) -> None:
    assert plan["vision"] == VISION
    assert plan["strengths"] == STRENGTHS
    assert plan["crisis"] == CRISIS
    assert plan["overdose"] == OVERDOSE
    assert plan["cravings"] == CRAVINGS
    assert {k: plan["toolkit"].get(k) for k in {**WORKS, **TOOLKIT_MORE}} == {**WORKS, **TOOLKIT_MORE}
    goals = {g["text"]: g for g in plan["goals"]}
    assert set(goals) == {*GOALS, LONG_GOAL}
    assert goals[LONG_GOAL]["term"] == "long"
    assert {text: (goals[text]["importance"], goals[text]["timeline"]) for text in GOALS} == GOALS
    assert all(goals[text]["term"] == "short" for text in GOALS)
    steps = goals[HOUSING]["steps"]
    assert [{k: s[k] for k in STEPS[0]} for s in steps] == STEPS
    assert all(s["due_date"] == "2026-12-03" for s in steps)  # a week after Thursday 26 November
    assert set(plan["reminders"]) == {*TICKED, OWN_REMINDER}


def screens_while(term: Terminal, key: str, times: int) -> str:
    """Every screen seen while pressing `key` `times` times (scrolling), flattened."""
    seen = [flat(term.screen())]
    for _ in range(times):
        press(term, key, pause=0.08)
        seen.append(flat(term.screen()))
    return "\n".join(seen)


def selected_goal(term: Terminal) -> str:
    """The goal shown whole under the board's tables (the selected one)."""
    lines = term.screen().split("\n")
    rule = max(i for i, line in enumerate(lines) if line.strip().startswith("────"))
    return lines[rule + 1].strip()


def check_the_screens(term: Terminal) -> None:
    """Every word typed can be read whole on the screen that shows it."""
    overview = screens_while(term, "Down", 30)
    for text in (VISION, STRENGTHS, *GOALS, OWN_REMINDER, *TICKED):
        assert text in overview, f"{text!r} is not whole on the overview:\n{term.screen()}"

    press(term, "F3")
    term.wait_for("Short-term goals (5)")
    # Every goal selected once, from wherever the board starts.
    board = screens_while(term, "Up", len(GOALS)) + screens_while(term, "Down", len(GOALS))
    press(term, "Tab")
    board += flat(term.wait_for(LONG_GOAL))
    for text in (*GOALS, LONG_GOAL, STEPS[0]["specific"]):
        assert text in board, f"{text!r} is not whole on the board"

    press(term, "BTab")
    term.wait_for("Short-term goals (5)")
    for _ in range(2 * len(GOALS)):  # up to the housing goal, wherever the order put it
        if selected_goal(term) == HOUSING:
            break
        press(term, "Up" if _ < len(GOALS) else "Down")
    assert selected_goal(term) == HOUSING
    press(term, "F4")
    term.wait_for(f"Steps toward: {HOUSING}")
    steps = screens_while(term, "Down", len(STEPS))
    for step in STEPS:
        for part in ("specific", "measurable", "achievable", "bring"):
            assert step[part] in steps, f"{step[part]!r} is not whole on the steps screen"

    press(term, "F5")
    term.wait_for("My crisis plan")
    crisis = screens_while(term, "Down", 60)
    for text in (*CRISIS.values(), *OVERDOSE.values(), *CRAVINGS.values()):
        assert text in crisis, f"{text!r} is not whole on the crisis plan"

    press(term, "F6")
    term.wait_for("My resilience toolkit")
    toolkit = screens_while(term, "BTab", 18) + screens_while(term, "Tab", 18)  # every answer
    for text in (*WORKS.values(), *TOOLKIT_MORE.values()):
        assert text in toolkit, f"{text!r} is not whole on the toolkit"


@pytest.mark.parametrize("terminal", ["xterm-256color", "linux"])
def test_a_new_person_builds_the_guides_whole_example_by_keys(tmp_path, terminal):
    tmux = require_tool("tmux")
    term, db, env = start(tmux, tmp_path, terminal)
    try:
        build_with_the_walkthrough(term)
        tie_the_job_with_smoking_on_the_board(term)
        fill_the_rest_of_the_toolkit(term)
        check_the_store(exported_plan(db, env, NAME, PIN))
        check_the_screens(term)
        assert "Traceback" not in term.screen()
    finally:
        term.close()


@pytest.mark.parametrize("terminal", ["xterm-256color", "linux"])
def test_enter_on_the_last_answer_goes_on(tmp_path, terminal):
    """Enter on the last box of a walkthrough step goes on to the next step,
    every time (tried three times over, on the toolkit step)."""
    tmux = require_tool("tmux")
    term, db, env = start(tmux, tmp_path, terminal)
    try:
        start_new_plan(term, NAME, PIN)
        press(term, "y", "PageDown", "PageDown")
        for attempt in range(3):
            term.wait_for("step 3 of 11: What works for me")
            for number, text in enumerate(WORKS.values(), 1):
                type_then(term, f"{text} ({attempt})" if number == 3 else "", "Enter")
            term.wait_for("step 4 of 11: My short-term goals", timeout=10)
            press(term, "PageUp")  # back: the step opens on its first box
            term.wait_for(f"{list(WORKS.values())[2]} ({attempt})")  # kept, and shown again
    finally:
        term.close()


def start_with_the_demo(tmux: str, tmp_path, terminal: str):
    from tests.e2e.tmux import demo_database

    db, env = demo_database(tmp_path)
    term = start_app(tmux, db, env, prefix=with_term(terminal))
    return term, db, env


TERMINALS = pytest.mark.parametrize("terminal", ["xterm-256color", "linux"])


@TERMINALS
def test_f5_before_the_name_opens_the_crisis_plan_and_never_shows_the_pin(tmp_path, terminal):
    """A person in a hurry presses F5 first, then types their name and PIN."""
    tmux = require_tool("tmux")
    term, db, env = start_with_the_demo(tmux, tmp_path, terminal)
    try:
        press(term, "F5")
        type_then(term, "Demo", "Enter")
        screens = [term.screen()]
        type_then(term, "975310")
        screens.append(term.screen())
        press(term, "Enter")
        screens.append(term.wait_for("My crisis plan"))
        assert not any("975310" in screen for screen in screens)
    finally:
        term.close()


@TERMINALS
def test_enter_twice_adds_a_goal_once(tmp_path, terminal):
    tmux = require_tool("tmux")
    term, db, env = start_with_the_demo(tmux, tmp_path, terminal)
    try:
        sign_in(term, "Demo", "975310")
        press(term, "F3")
        term.wait_for("sorted by importance")
        press(term, "a")
        term.wait_for("Add a goal")
        type_then(term, "I want to see my kids on Sundays", "Enter", "Enter")
        time.sleep(1)
        if "Change this goal" in term.screen():  # the second Enter opened the goal again
            press(term, "Escape")
        screen = term.wait_for("sorted by importance")
        assert "Add a goal" not in screen
        assert "I want to see my kids on Sundays" in flat(screen)
    finally:
        term.close()
    after = exported_plan(db, env, "Demo", "975310")["goals"]
    assert [g["text"] for g in after].count("I want to see my kids on Sundays") == 1
    assert len(after) == 7  # the demo's six, and this one


@TERMINALS
def test_tab_into_the_wrong_box_keeps_the_words_where_they_were_typed(tmp_path, terminal):
    """In the crisis plan's editor a person presses Tab once too often: the
    words go into the box that shows the cursor, are kept there and can be
    read there; the box they meant is unchanged."""
    tmux = require_tool("tmux")
    term, db, env = start_with_the_demo(tmux, tmp_path, terminal)
    before = exported_plan(db, env, "Demo", "975310")["crisis"]
    try:
        sign_in(term, "Demo", "975310")
        press(term, "F5")
        term.wait_for("My crisis plan")
        press(term, "e")
        term.wait_for("Change: My crisis plan")
        press(term, "Tab", "Tab")  # meant "things I can do on my own"; now in the third box
        type_then(term, " Also the park.")
        screen = term.wait_for("Also the park.")
        assert f"{before['distractions']} Also the park." in flat(screen)
        press(term, "Escape")
        term.wait_for("My crisis plan")
    finally:
        term.close()
    after = exported_plan(db, env, "Demo", "975310")["crisis"]
    assert after == {**before, "distractions": before["distractions"] + " Also the park."}


@TERMINALS
def test_typing_while_a_message_shows_reaches_the_field(tmp_path, terminal):
    """A goal reached says well done; the person goes straight on to add a goal
    while the message still shows: every letter lands in the goal."""
    tmux = require_tool("tmux")
    term, db, env = start_with_the_demo(tmux, tmp_path, terminal)
    try:
        sign_in(term, "Demo", "975310")
        press(term, "F3")
        term.wait_for("sorted by importance")
        press(term, "space")
        term.wait_for("Well done! You reached a goal.")
        press(term, "a")
        type_then(term, "I want to cook a real dinner", "Enter")
        term.wait_for("I want to cook a real dinner")
    finally:
        term.close()
    goals = {g["text"]: g for g in exported_plan(db, env, "Demo", "975310")["goals"]}
    assert "I want to cook a real dinner" in goals
    assert goals["I want to get back in touch with my brother"]["status"] == "done"


@TERMINALS
def test_esc_half_way_through_the_walkthrough_keeps_everything_and_picks_up_there(tmp_path, terminal):
    tmux = require_tool("tmux")
    term, db, env = start(tmux, tmp_path, terminal)
    try:
        start_new_plan(term, NAME, PIN)
        press(term, "y")
        term.wait_for("step 1 of 11: My dream")
        type_then(term, VISION, "PageDown")
        term.wait_for("step 2 of 11: My strengths")
        type_then(term, STRENGTHS[:30], "Escape")  # half a sentence, then away
        screen = flat(term.wait_for(f"My plan: {NAME}"))
        assert VISION in screen and STRENGTHS[:30] in screen
        term.wait_for_no("You stopped at step 2")
        press(term, "b")
        term.wait_for("Pick up where you stopped?")
        press(term, "y")
        screen = term.wait_for("step 2 of 11: My strengths")
        assert STRENGTHS[:30] in flat(screen)
        type_then(term, STRENGTHS[30:], "PageDown")  # the cursor is after the words kept
        term.wait_for("step 3 of 11")
        press(term, "Escape")
        term.wait_for(f"My plan: {NAME}")
    finally:
        term.close()
    plan = exported_plan(db, env, NAME, PIN)
    assert (plan["vision"], plan["strengths"]) == (VISION, STRENGTHS)


@TERMINALS
def test_words_and_the_next_key_in_one_burst_are_kept_everywhere(tmp_path, terminal):
    """Words typed and, in the same burst, the key that goes on (Enter on the
    last box, or an F-key to another screen): the toolkit (F6), the crisis plan's
    editor (F5, e) and the step editor keep every word."""
    tmux = require_tool("tmux")
    term, db, env = start(tmux, tmp_path, terminal)
    toolkit, sign, goal = WORKS["works.better"], CRISIS["warning_signs"], LONG_GOAL
    try:
        start_new_plan(term, NAME, PIN)
        press(term, "n")
        term.wait_for(f"My plan: {NAME}")
        press(term, "F6")
        term.wait_for("My resilience toolkit")
        term.keys(toolkit, "F2")  # one burst: the words, then away
        term.wait_for(f"My plan: {NAME}")
        press(term, "F5")
        term.wait_for("My crisis plan")
        press(term, "e")
        term.wait_for("Type in any part you like")
        term.keys(sign, "F2")
        term.wait_for(f"My plan: {NAME}")
        press(term, "F3")
        term.wait_for("sorted by importance")
        press(term, "a")
        term.wait_for("Add a goal")
        type_then(term, goal, "Enter", "Enter")  # past the date, and saved
        term.wait_for_no("Add a goal")
        press(term, "F4")
        term.wait_for(f"Steps toward: {goal}")
        press(term, "a")
        step = STEPS[2]
        parts = ("specific", "measurable", "when_text", "achievable", "bring")
        term.keys(*[key for part in parts for key in (step[part], "Enter")], "F2")
        term.wait_for(f"My plan: {NAME}")
    finally:
        term.close()
    plan = exported_plan(db, env, NAME, PIN)
    assert plan["toolkit"].get("works.better") == toolkit
    assert plan["crisis"]["warning_signs"] == sign
    steps = {g["text"]: g for g in plan["goals"]}[goal]["steps"]
    assert [{k: s[k] for k in step} for s in steps] == [step]
