"""What every plan screen shares."""

from __future__ import annotations

from collections.abc import Callable

from textual.screen import Screen

from tui.store.errors import StoreError


class PlanScreen(Screen):
    """A screen of one signed-in person's plan."""

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
