"""Every text the app shows goes through the catalog.

The screens are visited with a pseudo-language whose "translation" of every
text is the English with its vowels accented ("Goals" -> "Góáls"). Any word
left with a plain vowel on screen was never passed through `_()`: a text the
Spanish catalog can't reach. The person's own words (the demo plan), key
names and the names of the two languages are the only words allowed to stay.
"""

from __future__ import annotations

import ast
import gettext
import re
from pathlib import Path

import pytest
from textual.widgets import Input

from tui import i18n
from tui.app import RecoveryPlanApp
from tui.config import Config
from tui.demo import create_demo

SIZE = (120, 80)  # large, so long pages show whole
ACCENTS = str.maketrans("aeiouAEIOU", "áéíóúÁÉÍÓÚ")
KEPT = re.compile(r"(\{[^}]*\}|%\([^)]*\)[a-z]|%[a-z]|\[[^\]]*\])")  # placeholders, markup


def pseudo(text: str) -> str:
    return "".join(part if KEPT.fullmatch(part) else part.translate(ACCENTS)
                   for part in KEPT.split(text))


class Pseudo(gettext.NullTranslations):
    def gettext(self, message):
        return pseudo(message)

    def ngettext(self, singular, plural, n):
        return pseudo(singular if n == 1 else plural)


def _person_words() -> set[str]:
    """Words of the demo person's plan (their own words are never translated)."""
    source = Path(i18n.__file__).parent / "content" / "demo.py"
    words: set[str] = {"Demo"}
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            words.update(re.findall(r"[A-Za-z]+", node.value))
    return words


ALLOWED = _person_words() | {
    # key names as Textual shows them, and the two languages named in themselves
    "Ctrl", "Enter", "Esc", "Tab", "Shift", "esc", "tab", "enter", "space", "delete", "pgup", "pgdn",
    "PgUp", "PgDn", "English", "Español", "Espa", "ol",
    "pulsa", "press", "PIN",
    # Spanish month and day names: format_date writes them for the catalog's language
    *[word for names in (i18n._MONTHS["es"], i18n._DAYS["es"]) for word in names],
    *[word[:3] for names in (i18n._MONTHS["es"], i18n._DAYS["es"]) for word in names],
}


PERSON_WORDS = _person_words()


def untranslated(text: str) -> list[str]:
    found = []
    for word in re.findall(r"[A-Za-zÁÉÍÓÚáéíóúñÑ]{3,}", text):
        if word in ALLOWED or not re.search(r"[aeiouAEIOU]", word):
            continue
        if any(word in whole for whole in PERSON_WORDS):  # a person's word cut by a dialog's edge
            continue
        found.append(word)
    return found


def screen_text(app) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def visit(store, keys: list[str], draft: bool = False) -> str:
    create_demo(store)
    if draft:  # words a session that ended left unsaved: offered at sign-in
        from tui.store import sign_in

        sign_in(store, "Demo", "975310").save_draft(
            "section:crisis", "My crisis plan", {"warning_signs": "Demo"})
    i18n.install_translations(Pseudo(), "es")
    app = RecoveryPlanApp(store, Config())
    async with app.run_test(size=SIZE) as pilot:
        for _attempt in range(100):
            if isinstance(app.screen.focused, Input):
                break
            await pilot.pause(0.02)
        for key in keys:
            if key == "SIGN_IN":
                await pilot.press(*"Demo", "enter", *"975310", "enter")
                await app.workers.wait_for_complete()
            elif key.startswith("TYPE:"):
                await pilot.press(*key[5:])
            elif key.startswith("PUSH:"):
                app.push_screen(PUSHED[key[5:]](app))
            else:
                await pilot.press(key)
            await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause(0.1)
        return screen_text(app)


def _pushed():
    from tui.screens.account import (
        ChangePinDialog, DeletePlanDialog, NewCodesDialog, RecoveryCodesScreen)
    from tui.screens.conflict import ConflictDialog
    from tui.screens.idle import IdleWarningScreen

    return {
        "change PIN": lambda app: ChangePinDialog(app.plan),
        "new codes": lambda app: NewCodesDialog(app.plan),
        "delete plan": lambda app: DeletePlanDialog(app.plan),
        "codes": lambda app: RecoveryCodesScreen(("BCDFG-HJKMN-PQRST-VWXYZ",)),
        "conflict": lambda app: ConflictDialog({"vision": "Vision"}, {"vision": "Demo"},
                                               {"vision": "Demo"}),
        "idle": lambda app: IdleWarningScreen(20, has_plan=True),
        "idle before sign-in": lambda app: IdleWarningScreen(20, has_plan=False),
    }


PUSHED = _pushed()

SCREENS = {
    "sign-in": [],
    "new plan": ["ctrl+n"],
    "forgot PIN": ["f8"],
    "get help now": ["f9"],
    "help before sign-in": ["f1"],
    "wrong PIN": ["TYPE:Nobody", "enter", "TYPE:123456", "enter"],
    "overview": ["SIGN_IN"],
    "overview help": ["SIGN_IN", "f1"],
    "goal board": ["SIGN_IN", "f3"],
    "goal board by timeline": ["SIGN_IN", "f3", "s"],
    "goal edit": ["SIGN_IN", "f3", "enter"],
    "goal add": ["SIGN_IN", "f3", "a"],
    "goal delete": ["SIGN_IN", "f3", "x"],
    "step editor": ["SIGN_IN", "f3", "down", "f4"],
    "step add": ["SIGN_IN", "f3", "down", "f4", "a"],
    "crisis plan": ["SIGN_IN", "f5"],
    "crisis edit": ["SIGN_IN", "f5", "e"],
    "pocket plan": ["SIGN_IN", "f5", "o"],
    "contacts": ["SIGN_IN", "f5", "c"],
    "crisis history": ["SIGN_IN", "f5", "h"],
    "toolkit": ["SIGN_IN", "f6"],
    "learn": ["SIGN_IN", "f7"],
    "learn next": ["SIGN_IN", "f7", "n"],
    "learn last": ["SIGN_IN", "f7", "n", "n"],
    "reminders": ["SIGN_IN", "r"],
    "vision": ["SIGN_IN", "v"],
    "guide": ["SIGN_IN", "b"],
    "check-in": ["SIGN_IN", "k"],
    "palette": ["SIGN_IN", "ctrl+p"],
    "step done chart": ["SIGN_IN", "f3", "down", "f4", "space"],
    **{name: (["SIGN_IN"] if "before" not in name and name != "codes" else []) + [f"PUSH:{name}"]
       for name in PUSHED},
}


# What the tests type is the person's own words too.
ALLOWED |= {word for keys in SCREENS.values() for key in keys if key.startswith("TYPE:")
            for word in re.findall(r"[A-Za-z]+", key[5:])}


@pytest.mark.parametrize("where", list(SCREENS))
async def test_every_shown_text_goes_through_the_catalog(store, where):
    text = await visit(store, SCREENS[where])

    left = untranslated(text)

    assert not left, f"{where}: shown without _(): {sorted(set(left))}\n{text}"


def test_the_pseudo_language_keeps_placeholders():
    assert pseudo("Saved {what} at %(time)s [b]") == "Sávéd {what} át %(time)s [b]"
    assert untranslated("Góáls Demo Pumpkin") == ["Pumpkin"]


async def test_the_words_kept_from_an_ended_session_go_through_the_catalog(store):
    text = await visit(store, ["SIGN_IN"], draft=True)

    assert not untranslated(text), untranslated(text)
