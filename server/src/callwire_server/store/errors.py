"""The store's exceptions: the only ones its API raises (database errors are wrapped, never leaked)."""

from __future__ import annotations

__all__ = [
    "AlreadyExists",
    "InvalidValue",
    "NotFound",
    "StoreError",
    "StoreUnavailable",
    "UserDataNotFound",
    "UserDataTooLarge",
]


class StoreError(Exception):
    """Base of every store error."""


class StoreUnavailable(StoreError):
    """The database could not be reached or refused the operation (connection lost, locked, timeout)."""


class NotFound(StoreError):
    """The named record does not exist."""

    def __init__(self, kind: str, key: str) -> None:
        super().__init__(f"{kind} not found: {key}")
        self.kind = kind
        self.key = key


class UserDataNotFound(NotFound):
    """No user data under this UUI key: it was never set, or it expired."""

    def __init__(self, uui_key: str) -> None:
        super().__init__("user data", uui_key)


class AlreadyExists(StoreError):
    """A record with this name already exists (for operations that are not idempotent, such as ``add_link``)."""

    def __init__(self, kind: str, key: str) -> None:
        super().__init__(f"{kind} already exists: {key}")
        self.kind = kind
        self.key = key


class InvalidValue(StoreError, ValueError):
    """A value failed validation; ``field`` names the offending field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class UserDataTooLarge(InvalidValue):
    """User data larger than the configured limit (the reference's ``ivr_custdatamaxsize``)."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__("data", f"user data is {size} bytes, over the limit of {limit} bytes")
        self.size = size
        self.limit = limit
