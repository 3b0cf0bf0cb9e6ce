"""The app's Footer: keys in the first paint, rebuilt once, and only when they change."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding
from textual.widgets import Input
from textual.widgets._footer import FooterKey

from tui.widgets.footer import Footer


class CountingFooter(Footer):
    rebuilds = 0

    async def recompose(self) -> None:
        CountingFooter.rebuilds += 1
        await super().recompose()


class FieldWithAKey(Input):
    BINDINGS = [Binding("f8", "noop", "Field key", id="field_key")]

    def action_noop(self) -> None:
        pass


class TwoFields(App):
    BINDINGS = [Binding("f2", "noop", "Screen key", id="screen_key")]

    def __init__(self, shown_at_mount: list[str]):
        super().__init__()
        self.shown_at_mount = shown_at_mount

    def compose(self):
        yield Input(id="one")
        yield Input(id="two")
        yield FieldWithAKey(id="three")
        yield CountingFooter()

    def on_mount(self) -> None:
        # What the footer holds when the screen is first drawn.
        self.shown_at_mount.extend(key.description for key in self.screen.query(FooterKey))

    def action_noop(self) -> None:
        pass


def footer_keys(app: App) -> list[str]:
    return [key.description for key in app.screen.query(FooterKey)]


async def test_keys_are_in_the_first_paint_and_change_with_the_focus():
    at_mount: list[str] = []
    CountingFooter.rebuilds = 0
    app = TwoFields(at_mount)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Screen key" in at_mount
        assert "Screen key" in footer_keys(app)
        settled = CountingFooter.rebuilds

        await pilot.press("tab")  # one -> two: the same keys, no rebuild
        await pilot.pause()
        assert app.focused.id == "two"
        assert CountingFooter.rebuilds == settled

        await pilot.press("tab")  # two -> three: the field's own key shows, one rebuild
        await pilot.pause()
        assert app.focused.id == "three"
        assert "Field key" in footer_keys(app)
        assert CountingFooter.rebuilds == settled + 1

        await pilot.press("tab")  # back to one: the field's key goes
        await pilot.pause()
        assert "Field key" not in footer_keys(app)
        assert CountingFooter.rebuilds == settled + 2
