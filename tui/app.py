"""The App: sign-in first, then the signed-in person's plan."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from tui.screens.signin import SignInScreen
from tui.store import Plan, Store


class RecoveryPlanApp(App):
    TITLE = "Recovery Plan"
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
    ]

    def __init__(self, store: Store):
        super().__init__()
        self.store = store
        self.plan: Plan | None = None

    def on_mount(self) -> None:
        self.push_screen(SignInScreen())

    def open_plan(self, plan: Plan) -> None:
        from tui.screens.overview import OverviewScreen

        self.plan = plan
        self.push_screen(OverviewScreen(plan))

    def action_lock(self) -> None:
        """Hide the plan now: remove every plan screen, back to sign-in."""
        self.plan = None
        while len(self.screen_stack) > 2:  # the default screen and sign-in stay
            self.pop_screen()
        if isinstance(self.screen, SignInScreen):
            self.screen.clear_form()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Screenshot would write the plan to a file on a shared machine.
        for command in super().get_system_commands(screen):
            if command.title != "Screenshot":
                yield command
