"""The installed app in Spanish in a real terminal, as a Spanish-speaking
session starts it: LANG=es_US.UTF-8 (a locale most systems don't have
installed, which must not matter)."""

from __future__ import annotations

from tests.conftest import require_tool
from tests.e2e.tmux import SCRIPT, Terminal, demo_database, sign_in, sign_in_keys


def test_lang_es_us_signs_in_and_opens_the_crisis_plan_in_spanish(tmp_path):
    tmux = require_tool("tmux")
    db, env = demo_database(tmp_path)
    env = {**env, "LANG": "es_US.UTF-8"}
    term = Terminal(tmux, [str(SCRIPT), "--db", str(db)], env)
    try:
        screen = term.wait_for("Entra a tu plan")
        assert "English: press F10" in screen
        assert "Ayuda ahora" in screen  # F9 in the footer, whole
        term.keys("F9")
        screen = term.wait_for("AYUDA")  # 988 answers in Spanish: text AYUDA to 988
        term.keys("Escape")
        term.wait_for("Entra a tu plan")
        term.keys(*sign_in_keys("Demo", "975310", key="F5"))
        screen = term.wait_for("front pocket of my backpack")  # the person's words, as written
        assert "Mi plan de crisis" in screen
        assert "975310" not in screen
    finally:
        term.close()


def test_f10_switches_a_session_to_spanish_before_sign_in(tmp_path):
    tmux = require_tool("tmux")
    db, env = demo_database(tmp_path)
    term = Terminal(tmux, [str(SCRIPT), "--db", str(db)], env)
    try:
        term.wait_for("Sign in to your plan")
        term.keys("F10")
        term.wait_for("Entra a tu plan")
        sign_in(term, "Demo", "975310", ready="Entra a tu plan", opens="Mi plan: Demo")
    finally:
        term.close()
