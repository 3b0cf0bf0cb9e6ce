"""Errors the store raises. Each message is plain words a screen can show as it is."""


class StoreError(Exception):
    """Something the person or the operator can fix; the message says how.

    The message is made harmless to show (a file path in it may hold escape
    sequences or other control characters: they become visible symbols)."""

    def __init__(self, message: str = "", *args):
        from tui.store.text import displayable

        super().__init__(displayable(message) if isinstance(message, str) else message, *args)

    @property
    def message(self) -> str:
        return str(self)


class InputError(StoreError):
    """A value a person typed can't be saved as it is (nothing was changed)."""


class SignInError(StoreError):
    """The name and PIN don't open a plan. Never says which one was wrong."""


class SignInWaitError(SignInError):
    """Too many wrong tries in a row: no PIN is checked until `wait_seconds` pass.
    A recovery code still works."""

    def __init__(self, message: str, wait_seconds: int):
        super().__init__(message)
        self.wait_seconds = wait_seconds


class NameTakenError(StoreError):
    """Another plan already uses this name."""


class NotFoundError(StoreError):
    """A goal, step or contact is gone (deleted, perhaps in another session)."""


class ConflictError(StoreError):
    """The section changed elsewhere since it was read."""


class DatabaseError(StoreError):
    """The database can't be opened or used; the message says what to do."""


class DatabaseBusyError(DatabaseError):
    """Another session held the database for too long; trying again may work."""
