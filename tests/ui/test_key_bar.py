"""The key bar at 80 columns: Get help now (F9) and Help (F1) on every screen, in
English and Spanish, with labels that tell them apart; no key cut in half. And F1's
help, readable whole at 80x24."""

from __future__ import annotations

import pytest
from textual.widgets._footer import FooterKey

from tests.ui.helpers import demo_app, settle, sign_in
from tui import i18n
from tui.app import RecoveryPlanApp
from tui.demo import create_demo
from tui.screens.help import HelpScreen
from tui.widgets.footer import Footer

# Screens, as a person reaches them by keys after signing in (None: before).
SCREENS = {
    "sign-in": None,
    "overview": ("f2",),
    "goal board": ("f3",),
    "steps": ("f3", "down", "f4"),
    "crisis plan": ("f5",),
    "pocket plan": ("f5", "o"),
    "crisis editor": ("f5", "e"),
    "contacts": ("f5", "c"),
    "toolkit": ("f6",),
    "learn": ("f7",),
    "walkthrough": ("f2", "b"),
    "add-goal dialog": ("f3", "a"),
}
LABELS = {"en": ("Help", "Get help now"), "es": ("Teclas", "Ayuda ahora")}


def bottom_line(app) -> str:
    return app.screen._compositor.render_strips()[-1].text


async def reach(pilot, keys) -> None:
    if keys is not None:
        await sign_in(pilot, "Demo", "975310")
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
    await pilot.pause(0.2)


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("where", list(SCREENS))
async def test_f1_and_f9_are_in_the_key_bar_of_every_screen_at_80_columns(store, where, lang):
    create_demo(store)
    i18n.set_language(lang)
    app = RecoveryPlanApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await reach(pilot, SCREENS[where])
        line = bottom_line(app)
        help_label, help_now_label = LABELS[lang]
        assert f"f9 {help_now_label}" in line, line
        assert f"f1 {help_label}" in line, line
        assert help_label != help_now_label


@pytest.mark.parametrize("where", list(SCREENS))
async def test_no_key_in_the_key_bar_is_cut(store, where):
    async with demo_app(store) as (app, pilot):
        await reach(pilot, SCREENS[where])
        footer = app.screen.query_one(Footer)
        line = bottom_line(app)
        for key in footer.query(FooterKey):
            if not key.display or not key.region.area:
                continue
            assert footer.region.contains_region(key.region), (key.key_display, key.region)
            words = f"{key.key_display} {key.description}".strip()
            assert words in line, (words, line)
        assert not line.rstrip().endswith(("▏", "^q")), line


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("where", ["overview", "goal board", "crisis plan", "steps"])
async def test_f1_shows_every_key_without_scrolling_and_wraps_beside_the_keys(store, where, lang):
    create_demo(store)
    i18n.set_language(lang)
    app = RecoveryPlanApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await reach(pilot, SCREENS[where])
        await pilot.press("f1")
        await pilot.pause(0.2)
        assert isinstance(app.screen, HelpScreen)
        box = app.screen.query_one("#keys-help")
        assert box.max_scroll_y == 0, "the help needs scrolling at 80x24"
        lines = [strip.text for strip in app.screen._compositor.render_strips()]
        shown = "\n".join(lines)
        everywhere, help_now, last = {
            "en": ("Keys that work everywhere", "Get help now", "Find any action"),
            "es": ("Teclas que sirven en todas partes", "Ayuda ahora", "Buscar una acción")}[lang]
        assert everywhere in shown and help_now in shown
        assert last in shown  # the last of them, on the screen
        # Inside the box, only headings start at its left edge: a key's words that
        # wrap stay in their column.
        headings = [i18n._("Keys on this screen"),
                    i18n._("Keys that work everywhere (the last one when no field has focus)")]
        box_lines = [line.split("│")[1] for line in lines if line.count("│") >= 2]
        assert len(box_lines) > 10
        for body in box_lines:
            if body.strip() and not any(body.strip() in heading for heading in headings):
                assert body.startswith("   "), body


async def test_over_a_dialog_or_f1_f9_shows_in_the_key_bar_and_works(store):
    from tui.screens.help_now import GetHelpNowScreen

    async with demo_app(store) as (app, pilot):
        await reach(pilot, ("f3", "f1"))
        assert isinstance(app.screen, HelpScreen)
        assert "f9 Get help now" in bottom_line(app)
        await pilot.press("escape", "a", *"I want to")
        await pilot.pause(0.2)
        assert "f9 Get help now" in bottom_line(app)
        await pilot.press("f9")
        await pilot.pause()
        assert isinstance(app.screen, GetHelpNowScreen)
        await pilot.press("f9")  # pressed again in a hurry: the lines stay
        await pilot.pause()
        assert isinstance(app.screen, GetHelpNowScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query_one("#goal-text").value == "I want to"  # nothing lost
