"""The ``Store``: every persistent thing the server keeps, behind async methods returning plain records.

Backends: SQLite through ``aiosqlite`` (the embedded default, one file) and PostgreSQL through ``asyncpg`` (several
server instances sharing one database). Each method is one transaction. Writes that two instances may race on are
single statements guarded by primary keys or unique constraints (``INSERT … ON CONFLICT``), so the loser of a race
sees the winner's row instead of an error. Every database error is wrapped into a ``StoreError``; statement
parameters are hidden from SQLAlchemy's messages so that no secret or user data lands in a log.

The class is put together from one part per set of tables (``extensions``, ``access_rules``, ``settings``,
``links``, ``keys``, ``userdata``) over ``base.StoreBase``; this module opens it: the URL, the SQLite file and its
pragmas, the encryption key and the migrations.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import stat
import time
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any, Final

from sqlalchemy import Connection, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.pool import StaticPool

from callwire_server.crypto import SecretBox, SecretKeyError
from callwire_server.store.access_rules import AccessRulesMixin
from callwire_server.store.base import DEFAULT_USER_DATA_MAX_SIZE, StoreBase, utcnow
from callwire_server.store.errors import InvalidValue, StoreError, StoreUnavailable
from callwire_server.store.extensions import ExtensionsMixin
from callwire_server.store.keys import API_KEY_PREFIX, ApiKeysMixin
from callwire_server.store.links import LinksMixin
from callwire_server.store.migrate import upgrade_to_head
from callwire_server.store.settings import SettingsMixin
from callwire_server.store.userdata import DEFAULT_USER_DATA_TTL, UserDataMixin

__all__ = [
    "API_KEY_PREFIX",
    "DEFAULT_DB_NAME",
    "DEFAULT_USER_DATA_MAX_SIZE",
    "DEFAULT_USER_DATA_TTL",
    "Store",
    "default_url",
]

DEFAULT_DB_NAME: Final = "callwire.db"
_SCHEMA_RE = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def default_url(data_dir: str | Path) -> str:
    """The embedded default: ``sqlite+aiosqlite:///<data_dir>/callwire.db``."""
    return f"sqlite+aiosqlite:///{Path(data_dir).resolve() / DEFAULT_DB_NAME}"


def _prepare_db_dir(database: str) -> Path:
    """The folder of a SQLite database file, created when missing (SQLite creates the file, not the folder), and
    the database file private to the service user.

    The folder is created 0700; an existing one is left as it is (it may be shared, e.g. /tmp). The database file
    is created 0600 before SQLite opens it, because SQLite gives its WAL and shared-memory files the database
    file's mode; files an older version created 0644 are narrowed to 0600.
    """
    path = Path(database).expanduser().absolute()
    folder = path.parent
    if not folder.exists():
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        with contextlib.suppress(FileNotFoundError):
            if stat.S_IMODE(name.stat().st_mode) & 0o077:
                name.chmod(0o600)
    return folder


class Store(ExtensionsMixin, AccessRulesMixin, SettingsMixin, LinksMixin, ApiKeysMixin, UserDataMixin, StoreBase):
    """The persistent store. Open with ``await Store.open(url)``, close with ``await store.close()``."""

    @classmethod
    async def open(
        cls,
        url: str | URL | None = None,
        *,
        data_dir: str | Path | None = None,
        secret_box: SecretBox | None = None,
        schema: str | None = None,
        user_data_max_size: int = DEFAULT_USER_DATA_MAX_SIZE,
        clock: Callable[[], datetime] = utcnow,
        migrate: bool = True,
        engine_options: Mapping[str, Any] | None = None,
    ) -> Store:
        """Connect, load the encryption key and bring the schema to the newest migration.

        ``url``: ``sqlite+aiosqlite:///path/callwire.db`` or ``postgresql+asyncpg://user:pass@host/db``; when
        omitted, ``callwire.db`` in ``data_dir``. ``data_dir`` is also where ``secret.key`` lives when
        ``CALLWIRE_SECRET_KEY`` is unset (default for SQLite: the database's folder; PostgreSQL needs the variable
        or a data_dir). ``schema`` (PostgreSQL only) puts the tables in that schema, created when missing.
        ``user_data_max_size`` is the reference's ``ivr_custdatamaxsize``, in bytes of UTF-8.
        """
        if url is None:
            if data_dir is None:
                raise InvalidValue("url", "give a database URL or a data directory")
            url = default_url(data_dir)
        try:
            parsed = make_url(url)
        except ArgumentError:
            raise InvalidValue("url", "not a database URL") from None
        backend = parsed.get_backend_name()
        if backend not in ("sqlite", "postgresql"):
            raise InvalidValue("url", f"unsupported database {backend!r}: use sqlite+aiosqlite or postgresql+asyncpg")
        if user_data_max_size <= 0:
            raise InvalidValue("user_data_max_size", "must be positive")
        options: dict[str, Any] = {"hide_parameters": True}
        in_memory = False
        if backend == "sqlite":
            if schema is not None:
                raise InvalidValue("schema", "only PostgreSQL has schemas")
            database = parsed.database or ""
            in_memory = database in ("", ":memory:") or database.startswith("file::memory:")
            if in_memory:
                options["poolclass"] = StaticPool
            else:
                db_dir = await asyncio.to_thread(_prepare_db_dir, database)
                if data_dir is None:
                    data_dir = db_dir
            options["connect_args"] = {"timeout": 30.0}
        elif schema is not None:
            if not _SCHEMA_RE.match(schema):
                raise InvalidValue("schema", f"expected a lower-case SQL identifier, got {schema!r}")
            options["connect_args"] = {"server_settings": {"search_path": schema}}
        options.update(engine_options or {})
        if secret_box is None:
            try:
                secret_box = await asyncio.to_thread(SecretBox.from_environment, data_dir)
            except (SecretKeyError, OSError) as exc:
                raise StoreError(f"cannot load the encryption key: {exc}") from None
        engine = create_async_engine(parsed, **options)
        if backend == "sqlite":
            _configure_sqlite(engine, wal=not in_memory)
        store = cls(engine, secret_box, user_data_max_size=user_data_max_size, clock=clock)
        if migrate:
            try:
                await store._migrate(schema, retry=backend == "sqlite")
            except BaseException:
                await engine.dispose()
                raise
        return store

    async def _migrate(self, schema: str | None, *, retry: bool) -> None:
        """Upgrade to head. SQLite can report "database is locked" while another instance opening the same file
        switches it to WAL or migrates (a lock its busy handler does not wait for), so it retries for a while."""
        deadline = time.monotonic() + 30.0
        delay = 0.05
        while True:
            try:
                async with self._tx(write=True) as conn:
                    await conn.run_sync(upgrade_to_head, schema)
                return
            except StoreUnavailable:
                if not retry or time.monotonic() > deadline:
                    raise
                await asyncio.sleep(delay)
                delay = min(delay * 2, 1.0)


def _configure_sqlite(engine: AsyncEngine, *, wal: bool) -> None:
    """SQLite: WAL, foreign keys, and explicit transactions (``BEGIN IMMEDIATE`` for writes).

    The driver's own implicit transactions are switched off so that SQLAlchemy's begin emits ``BEGIN``; a write
    transaction takes the write lock up front (``IMMEDIATE``), so two writers queue on the busy timeout instead of
    failing with "database is locked" when one upgrades a read lock.
    """

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            if wal:
                cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=30000")
        finally:
            cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get("callwire_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
