"""What every plan screen shares."""

from __future__ import annotations

from collections.abc import Callable

from textual.screen import Screen

from tui.store.errors import StoreError


class PlanScreen(Screen):
    """A screen of one signed-in person's plan."""

    leaving = False  # set by the app while it saves this screen on its way out

    def __init__(self, plan) -> None:
        super().__init__()
        self.plan = plan

    def run_store(self, operation: Callable[[], object]) -> bool:
        """Run one store operation; on failure show its plain message and say False."""
        try:
            operation()
        except StoreError as error:
            self.notify(error.message, severity="error", markup=False)
            return False
        return True


class NameFirst:
    """A form that starts with the person's name (sign-in, new plan, forgot PIN).

    The boxes after the name take keys only once a name is typed: Enter or Tab on
    an empty name (or a key like F5 pressed first) would otherwise send the name
    into a masked PIN box, and then the PIN into the visible name box, in clear on
    a shared screen. The focus stays on the name, with a message that says why.
    The form has a `show_message(text)` of its own."""

    def _name_box(self):
        from textual.widgets import Input

        return self.query_one("#name", Input)

    def on_descendant_focus(self, event) -> None:
        name = self._name_box()
        if event.widget is not name and not name.value.strip() and name.display:
            from tui.i18n import _

            self.show_message(_("Please type your name first."))
            self.set_focus(name)

    def on_input_submitted(self, event) -> None:
        if event.input.id == "name" and not event.value.strip():
            from tui.i18n import _

            self.show_message(_("Please type your name first."))
            self.set_focus(event.input)
