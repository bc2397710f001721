"""What every part of the ``Store`` shares: the engine, the clock and the secret key, one transaction per method
with database errors wrapped into ``StoreError``s, and the dialect's ``INSERT … ON CONFLICT``."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, Final, Self

from sqlalchemy import Delete, Insert, Update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import (
    DBAPIError,
    DisconnectionError,
    IntegrityError,
    InterfaceError,
    OperationalError,
    SQLAlchemyError,
)
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from callwire_server.crypto import InvalidSecret, SecretBox
from callwire_server.store.errors import StoreError, StoreUnavailable

DEFAULT_USER_DATA_MAX_SIZE: Final = 4096
#: Tries at inserting a row under a fresh random key before giving up (a clash is already unlikely once).
INSERT_RETRIES: Final = 5


def utcnow() -> datetime:
    return datetime.now(UTC)


class StoreBase:
    """The shared core of ``Store``; each part of the store (``extensions``, ``access_rules``, ``settings``,
    ``links``, ``keys``, ``userdata``) is a subclass adding the methods of one set of tables."""

    def __init__(
        self,
        engine: AsyncEngine,
        secret_box: SecretBox,
        *,
        user_data_max_size: int = DEFAULT_USER_DATA_MAX_SIZE,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        """Prefer ``Store.open``, which builds the engine, loads the key and migrates the schema."""
        self._engine = engine
        self._write_engine = engine.execution_options(callwire_write=True)
        self._dialect = engine.dialect.name
        self.secrets = secret_box
        self.user_data_max_size = user_data_max_size
        self._clock = clock

    async def close(self) -> None:
        await self._engine.dispose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()

    @property
    def engine(self) -> AsyncEngine:
        return self._engine

    @property
    def url(self) -> str:
        """The database URL with its password masked, for logs."""
        return self._engine.url.render_as_string(hide_password=True)

    def __repr__(self) -> str:
        return f"Store({self.url!r})"

    def _now(self) -> datetime:
        now = self._clock()
        if now.tzinfo is None:
            raise StoreError("the store's clock returned a naive datetime")
        return now.astimezone(UTC)

    @asynccontextmanager
    async def _tx(self, *, write: bool = False) -> AsyncIterator[AsyncConnection]:
        """One transaction; database errors become ``StoreError``s (parameters are never in the message)."""
        engine = self._write_engine if write else self._engine
        try:
            async with engine.begin() as conn:
                yield conn
        except IntegrityError as exc:
            raise StoreError(f"constraint violated: {exc.orig.__class__.__name__}") from exc
        except SQLAlchemyError as exc:
            if _unavailable(exc):
                raise StoreUnavailable(f"database unavailable: {exc.__class__.__name__}") from exc
            raise StoreError(f"database error: {exc.__class__.__name__}") from exc
        except OSError as exc:
            raise StoreUnavailable(f"database unavailable: {exc.__class__.__name__}: {exc.strerror or ''}") from exc

    def _insert(self, table: Any) -> Any:
        """A dialect insert, which has ``on_conflict_do_nothing``/``on_conflict_do_update``."""
        return (postgresql.insert if self._dialect == "postgresql" else sqlite.insert)(table)

    def _decrypt(self, token: str, field: str) -> str:
        try:
            return self.secrets.decrypt(token)
        except InvalidSecret:
            raise StoreError(f"{field}: cannot decrypt: the encryption key is not the one it was stored with") from None

    async def _deleted(self, stmt: Delete | Update | Insert) -> bool:
        async with self._tx(write=True) as conn:
            return (await conn.execute(stmt)).first() is not None


_SQLITE_UNAVAILABLE = ("locked", "busy", "unable to open", "disk i/o", "readonly", "disk is full")


def _unavailable(exc: SQLAlchemyError) -> bool:
    """Whether an error is about reaching the database (retry later) rather than about the request."""
    if isinstance(exc, DisconnectionError | PoolTimeoutError | InterfaceError):
        return True
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    if isinstance(exc, OperationalError):
        # SQLite reports SQL mistakes ("no such column") as OperationalError too: look at the message there.
        if exc.orig is not None and exc.orig.__class__.__module__.startswith("sqlite3"):
            message = str(exc.orig).lower()
            return any(word in message for word in _SQLITE_UNAVAILABLE)
        return True
    return False
