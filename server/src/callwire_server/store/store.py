"""The ``Store``: every persistent thing the server keeps, behind async methods returning plain records.

Backends: SQLite through ``aiosqlite`` (the embedded default, one file) and PostgreSQL through ``asyncpg`` (several
server instances sharing one database). Each method is one transaction. Writes that two instances may race on are
single statements guarded by primary keys or unique constraints (``INSERT … ON CONFLICT``), so the loser of a race
sees the winner's row instead of an error. Every database error is wrapped into a ``StoreError``; statement
parameters are hidden from SQLAlchemy's messages so that no secret or user data lands in a log.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import os
import re
import secrets
import stat
import time
from collections.abc import AsyncIterator, Callable, Iterable, Mapping
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import Any, Final, Self

from sqlalchemy import Connection, Delete, Insert, Update, delete, event, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import (
    ArgumentError,
    DBAPIError,
    DisconnectionError,
    IntegrityError,
    InterfaceError,
    OperationalError,
    SQLAlchemyError,
)
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine
from sqlalchemy.pool import StaticPool

from callwire_server.crypto import InvalidSecret, SecretBox, SecretKeyError
from callwire_server.store import access
from callwire_server.store.errors import (
    AlreadyExists,
    InvalidValue,
    NotFound,
    StoreError,
    StoreUnavailable,
    UserDataNotFound,
    UserDataTooLarge,
)
from callwire_server.store.migrate import upgrade_to_head
from callwire_server.store.models import (
    AccessRuleRow,
    AddressMapRow,
    AesLinkRow,
    ApiKeyRow,
    MonitoredExtensionRow,
    SettingRow,
    UserDataRow,
)
from callwire_server.store.records import (
    AccessKind,
    AccessRule,
    AddressMapping,
    AesLink,
    ApiKey,
    NewApiKey,
    Role,
    Setting,
    UserData,
)
from callwire_server.store.uui import new_uui_key, normalise_uui_key

__all__ = [
    "API_KEY_PREFIX",
    "DEFAULT_DB_NAME",
    "DEFAULT_USER_DATA_MAX_SIZE",
    "DEFAULT_USER_DATA_TTL",
    "Store",
    "default_url",
]

DEFAULT_DB_NAME: Final = "callwire.db"
DEFAULT_USER_DATA_MAX_SIZE: Final = 4096
DEFAULT_USER_DATA_TTL: Final = timedelta(hours=24)
API_KEY_PREFIX: Final = "cw"
_API_KEY_RE = re.compile(r"^cw_([0-9a-f]{16})_([A-Za-z0-9_-]{43,})$")
_EXTENSION_RE = re.compile(r"^[0-9A-Za-z#*+.:_-]{1,64}$")
_SETTING_NAME_RE = re.compile(r"^[A-Za-z0-9_.:-]{1,128}$")
_SCHEMA_RE = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
_NAME_MAX = 128
_INSERT_RETRIES = 5


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


def _utcnow() -> datetime:
    return datetime.now(UTC)


# --- validation -------------------------------------------------------------------------------------------------


def _extension(value: str, field: str = "extension") -> str:
    text = value.strip() if isinstance(value, str) else value
    if not isinstance(text, str) or not _EXTENSION_RE.match(text):
        raise InvalidValue(field, f"expected 1-64 characters of digits, letters or #*+.:_-, got {value!r}")
    return text


def _label(value: str, field: str, *, required: bool = False, max_len: int = _NAME_MAX) -> str:
    text = value.strip()
    if required and not text:
        raise InvalidValue(field, "must not be empty")
    if len(text) > max_len:
        raise InvalidValue(field, f"at most {max_len} characters")
    if any(not ch.isprintable() for ch in text):
        raise InvalidValue(field, "must not contain control characters")
    return text


def _text(value: str, field: str) -> str:
    if not isinstance(value, str):
        raise InvalidValue(field, "must be a string")
    if "\x00" in value:
        raise InvalidValue(field, "must not contain NUL characters")
    return value


def _setting_name(value: str) -> str:
    if not _SETTING_NAME_RE.match(value):
        raise InvalidValue("name", f"expected 1-128 characters of letters, digits or _.:-, got {value!r}")
    return value


def _kind(value: AccessKind | str) -> AccessKind:
    try:
        return AccessKind(value.upper() if isinstance(value, str) else value)
    except ValueError:
        raise InvalidValue("kind", f"expected ALLOW or DENY, got {value!r}") from None


def _role(value: Role | str) -> Role:
    try:
        return Role(value.lower() if isinstance(value, str) else value)
    except ValueError:
        raise InvalidValue("role", f"expected agent, supervisor or admin, got {value!r}") from None


def _port(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < 65536:
        raise InvalidValue("port", f"expected 1-65535, got {value!r}")
    return value


def _priority(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidValue("priority", f"expected an integer >= 0, got {value!r}")
    return value


def _ttl(value: timedelta | None) -> timedelta | None:
    if value is not None and value <= timedelta(0):
        raise InvalidValue("ttl", "must be positive (or None for no expiry)")
    return value


def _address_sort_key(text: str) -> tuple[int, int, int]:
    network = access.parse_network(text)
    return (network.version, int(network.network_address), network.prefixlen)


def _sha256(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


# --- row -> record ----------------------------------------------------------------------------------------------


def _access_rule(row: Any) -> AccessRule:
    return AccessRule(kind=AccessKind(row.kind), address=row.address, name=row.name, created_at=row.created_at)


def _aes_link(row: Any) -> AesLink:
    return AesLink(
        name=row.name,
        priority=row.priority,
        host=row.host,
        port=row.port,
        tls=row.tls,
        username=row.username,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def _api_key(row: Any) -> ApiKey:
    return ApiKey(
        key_id=row.key_id,
        name=row.name,
        role=Role(row.role),
        extensions=tuple(row.extensions),
        created_at=row.created_at,
        revoked_at=row.revoked_at,
    )


#: Marks user data encrypted with the store's secret key. Rows written before encryption (no marker) read as they
#: are, and expire with their TTL.
_SEALED: Final = "fernet:"


def _user_data(row: Any, secrets_box: SecretBox) -> UserData:
    data: str = row.data
    if data.startswith(_SEALED):
        try:
            data = secrets_box.decrypt(data.removeprefix(_SEALED))
        except InvalidSecret:
            raise StoreError(f"user data {row.uui_key} was encrypted with another secret key") from None
    return UserData(
        uui_key=row.uui_key,
        data=data,
        extension=row.extension,
        created_at=row.created_at,
        updated_at=row.updated_at,
        expires_at=row.expires_at,
    )


_LINK_COLUMNS = (
    AesLinkRow.name,
    AesLinkRow.priority,
    AesLinkRow.host,
    AesLinkRow.port,
    AesLinkRow.tls,
    AesLinkRow.username,
    AesLinkRow.created_at,
    AesLinkRow.updated_at,
)
_API_KEY_COLUMNS = (
    ApiKeyRow.key_id,
    ApiKeyRow.name,
    ApiKeyRow.role,
    ApiKeyRow.extensions,
    ApiKeyRow.created_at,
    ApiKeyRow.revoked_at,
)


class Store:
    """The persistent store. Open with ``await Store.open(url)``, close with ``await store.close()``."""

    def __init__(
        self,
        engine: AsyncEngine,
        secret_box: SecretBox,
        *,
        user_data_max_size: int = DEFAULT_USER_DATA_MAX_SIZE,
        clock: Callable[[], datetime] = _utcnow,
    ) -> None:
        """Prefer ``Store.open``, which builds the engine, loads the key and migrates the schema."""
        self._engine = engine
        self._write_engine = engine.execution_options(callwire_write=True)
        self._dialect = engine.dialect.name
        self.secrets = secret_box
        self.user_data_max_size = user_data_max_size
        self._clock = clock

    # --- lifecycle --------------------------------------------------------------------------------------------

    @classmethod
    async def open(
        cls,
        url: str | URL | None = None,
        *,
        data_dir: str | Path | None = None,
        secret_box: SecretBox | None = None,
        schema: str | None = None,
        user_data_max_size: int = DEFAULT_USER_DATA_MAX_SIZE,
        clock: Callable[[], datetime] = _utcnow,
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

    # --- monitored extensions ---------------------------------------------------------------------------------

    async def add_extension(self, extension: str) -> bool:
        """Monitor ``extension``; True when it is new, False when it was already there (idempotent)."""
        ext = _extension(extension)
        stmt = (
            self._insert(MonitoredExtensionRow)
            .values(extension=ext, created_at=self._now())
            .on_conflict_do_nothing(index_elements=["extension"])
            .returning(MonitoredExtensionRow.extension)
        )
        async with self._tx(write=True) as conn:
            return (await conn.execute(stmt)).first() is not None

    async def delete_extension(self, extension: str) -> bool:
        """Stop monitoring ``extension``; True when it existed."""
        ext = _extension(extension)
        stmt = (
            delete(MonitoredExtensionRow)
            .where(MonitoredExtensionRow.extension == ext)
            .returning(MonitoredExtensionRow.extension)
        )
        return await self._deleted(stmt)

    async def list_extensions(self) -> list[str]:
        """Every monitored extension, sorted (numerically for numbers, then the others as text)."""
        async with self._tx() as conn:
            rows = (await conn.execute(select(MonitoredExtensionRow.extension))).scalars().all()
        return sorted(rows, key=lambda e: (0, int(e), e) if e.isdigit() else (1, 0, e))

    async def has_extension(self, extension: str) -> bool:
        ext = _extension(extension)
        stmt = select(MonitoredExtensionRow.extension).where(MonitoredExtensionRow.extension == ext)
        async with self._tx() as conn:
            return (await conn.execute(stmt)).first() is not None

    # --- access rules ------------------------------------------------------------------------------------------

    async def add_access_rule(self, kind: AccessKind | str, address: str, name: str = "") -> bool:
        """Add an ALLOW (whitelist) or DENY (blacklist) rule for an address or CIDR network.

        True when the rule is new; adding an existing rule again only updates its name and returns False.
        """
        rule_kind = _kind(kind)
        addr = access.normalise_rule_address(address)
        label = _label(name, "name")
        async with self._tx(write=True) as conn:
            inserted = await conn.execute(
                self._insert(AccessRuleRow)
                .values(kind=rule_kind.value, address=addr, name=label, created_at=self._now())
                .on_conflict_do_nothing(index_elements=["kind", "address"])
                .returning(AccessRuleRow.id)
            )
            if inserted.first() is not None:
                return True
            await conn.execute(
                update(AccessRuleRow)
                .where(AccessRuleRow.kind == rule_kind.value, AccessRuleRow.address == addr)
                .values(name=label)
            )
            return False

    async def delete_access_rule(self, kind: AccessKind | str, address: str) -> bool:
        """Remove a rule (``delete blacklist 10.10.1.231``); True when it existed."""
        rule_kind = _kind(kind)
        addr = access.normalise_rule_address(address)
        stmt = (
            delete(AccessRuleRow)
            .where(AccessRuleRow.kind == rule_kind.value, AccessRuleRow.address == addr)
            .returning(AccessRuleRow.id)
        )
        return await self._deleted(stmt)

    async def list_access_rules(self, kind: AccessKind | str | None = None) -> list[AccessRule]:
        """The rules (of one kind, or all), ALLOW before DENY, each kind sorted by address."""
        stmt = select(AccessRuleRow.kind, AccessRuleRow.address, AccessRuleRow.name, AccessRuleRow.created_at)
        if kind is not None:
            stmt = stmt.where(AccessRuleRow.kind == _kind(kind).value)
        async with self._tx() as conn:
            rules = [_access_rule(row) for row in await conn.execute(stmt)]
        return sorted(rules, key=lambda r: (r.kind.value, _address_sort_key(r.address)))

    async def check_address(self, address: str) -> bool:
        """Whether a client at ``address`` may use the server; see ``callwire_server.store.access``.

        DENY wins; with any ALLOW rule, only matching addresses pass; with none, every address not denied passes.
        """
        ip = access.parse_address(address)
        return access.is_allowed(await self.list_access_rules(), ip)

    # --- address-to-extension map (legacy ``myextension``) --------------------------------------------------------

    async def map_address(self, address: str, extension: str) -> bool:
        """Map a client address to its extension (replacing any previous one); True when the address is new."""
        addr = str(access.parse_address(address))
        ext = _extension(extension)
        now = self._now()
        async with self._tx(write=True) as conn:
            existed = (
                await conn.execute(select(AddressMapRow.address).where(AddressMapRow.address == addr))
            ).first() is not None
            await conn.execute(
                self._insert(AddressMapRow)
                .values(address=addr, extension=ext, updated_at=now)
                .on_conflict_do_update(index_elements=["address"], set_={"extension": ext, "updated_at": now})
            )
        return not existed

    async def unmap_address(self, address: str) -> bool:
        """Remove an address from the map; True when it was mapped."""
        addr = str(access.parse_address(address))
        stmt = delete(AddressMapRow).where(AddressMapRow.address == addr).returning(AddressMapRow.address)
        return await self._deleted(stmt)

    async def list_address_map(self) -> list[AddressMapping]:
        async with self._tx() as conn:
            rows = await conn.execute(select(AddressMapRow.address, AddressMapRow.extension, AddressMapRow.updated_at))
            mappings = [AddressMapping(row.address, row.extension, row.updated_at) for row in rows]
        return sorted(mappings, key=lambda m: _address_sort_key(m.address))

    async def extension_for_address(self, address: str) -> str | None:
        """The extension mapped to a client address (the legacy ``myextension`` answer), or None."""
        addr = str(access.parse_address(address))
        async with self._tx() as conn:
            row = (await conn.execute(select(AddressMapRow.extension).where(AddressMapRow.address == addr))).first()
        return None if row is None else str(row.extension)

    # --- settings ----------------------------------------------------------------------------------------------

    async def set_setting(self, name: str, value: str, *, secret: bool = False) -> None:
        """Set a named parameter (``update parameter <name> <value>``); a secret one is stored encrypted."""
        key = _setting_name(name)
        stored = self.secrets.encrypt(_text(value, "value")) if secret else _text(value, "value")
        now = self._now()
        stmt = (
            self._insert(SettingRow)
            .values(name=key, value=stored, secret=secret, updated_at=now)
            .on_conflict_do_update(index_elements=["name"], set_={"value": stored, "secret": secret, "updated_at": now})
        )
        async with self._tx(write=True) as conn:
            await conn.execute(stmt)

    async def get_setting(self, name: str) -> Setting:
        """The parameter; ``value`` is None for a secret one (``reveal_setting`` decrypts). ``NotFound`` if unset."""
        row = await self._setting_row(name)
        return Setting(row.name, None if row.secret else row.value, row.secret, row.updated_at)

    async def get_setting_value(self, name: str, default: str | None = None) -> str | None:
        """The clear value of a parameter (decrypted when secret), or ``default`` when it is unset."""
        try:
            return await self.reveal_setting(name)
        except NotFound:
            return default

    async def reveal_setting(self, name: str) -> str:
        """The clear value of a parameter, decrypted when secret. Never log it."""
        row = await self._setting_row(name)
        return self._decrypt(row.value, "value") if row.secret else str(row.value)

    async def list_settings(self) -> list[Setting]:
        """Every parameter sorted by name; secret ones without their value."""
        async with self._tx() as conn:
            rows = await conn.execute(select(SettingRow).order_by(SettingRow.name))
            return [Setting(r.name, None if r.secret else r.value, r.secret, r.updated_at) for r in rows]

    async def delete_setting(self, name: str) -> bool:
        key = _setting_name(name)
        return await self._deleted(delete(SettingRow).where(SettingRow.name == key).returning(SettingRow.name))

    async def _setting_row(self, name: str) -> Any:
        key = _setting_name(name)
        async with self._tx() as conn:
            row = (await conn.execute(select(SettingRow).where(SettingRow.name == key))).first()
        if row is None:
            raise NotFound("setting", key)
        return row

    def _decrypt(self, token: str, field: str) -> str:
        try:
            return self.secrets.decrypt(token)
        except InvalidSecret:
            raise StoreError(f"{field}: cannot decrypt: the encryption key is not the one it was stored with") from None

    # --- AES links ---------------------------------------------------------------------------------------------

    async def add_link(
        self,
        name: str,
        *,
        host: str,
        port: int,
        username: str,
        password: str,
        priority: int = 0,
        tls: bool = True,
    ) -> AesLink:
        """Add an AES server; ``AlreadyExists`` when the name is taken. The password is stored encrypted."""
        now = self._now()
        link_name = _label(name, "name", required=True)
        values = {
            "name": link_name,
            "priority": _priority(priority),
            "host": _label(host, "host", required=True, max_len=255),
            "port": _port(port),
            "tls": bool(tls),
            "username": _label(username, "username", required=True),
            "password_encrypted": self.secrets.encrypt(_text(password, "password")),
            "created_at": now,
            "updated_at": now,
        }
        stmt = (
            self._insert(AesLinkRow)
            .values(**values)
            .on_conflict_do_nothing(index_elements=["name"])
            .returning(*_LINK_COLUMNS)
        )
        async with self._tx(write=True) as conn:
            row = (await conn.execute(stmt)).first()
        if row is None:
            raise AlreadyExists("AES link", link_name)
        return _aes_link(row)

    async def update_link(
        self,
        name: str,
        *,
        host: str | None = None,
        port: int | None = None,
        username: str | None = None,
        password: str | None = None,
        priority: int | None = None,
        tls: bool | None = None,
    ) -> AesLink:
        """Change the given fields of a link; ``NotFound`` when there is no such link."""
        values: dict[str, Any] = {"updated_at": self._now()}
        if host is not None:
            values["host"] = _label(host, "host", required=True, max_len=255)
        if port is not None:
            values["port"] = _port(port)
        if username is not None:
            values["username"] = _label(username, "username", required=True)
        if password is not None:
            values["password_encrypted"] = self.secrets.encrypt(_text(password, "password"))
        if priority is not None:
            values["priority"] = _priority(priority)
        if tls is not None:
            values["tls"] = bool(tls)
        stmt = update(AesLinkRow).where(AesLinkRow.name == name).values(**values).returning(*_LINK_COLUMNS)
        async with self._tx(write=True) as conn:
            row = (await conn.execute(stmt)).first()
        if row is None:
            raise NotFound("AES link", name)
        return _aes_link(row)

    async def delete_link(self, name: str) -> bool:
        return await self._deleted(delete(AesLinkRow).where(AesLinkRow.name == name).returning(AesLinkRow.name))

    async def list_links(self) -> list[AesLink]:
        """The links in the order to try them: by priority, then name. No passwords."""
        stmt = select(*_LINK_COLUMNS).order_by(AesLinkRow.priority, AesLinkRow.name)
        async with self._tx() as conn:
            return [_aes_link(row) for row in await conn.execute(stmt)]

    async def get_link(self, name: str) -> AesLink:
        async with self._tx() as conn:
            row = (await conn.execute(select(*_LINK_COLUMNS).where(AesLinkRow.name == name))).first()
        if row is None:
            raise NotFound("AES link", name)
        return _aes_link(row)

    async def link_password(self, name: str) -> str:
        """The clear password of a link, for the link manager to log in. Never log it."""
        async with self._tx() as conn:
            row = (await conn.execute(select(AesLinkRow.password_encrypted).where(AesLinkRow.name == name))).first()
        if row is None:
            raise NotFound("AES link", name)
        return self._decrypt(row.password_encrypted, "password")

    # --- API keys ----------------------------------------------------------------------------------------------

    async def create_api_key(self, name: str, role: Role | str, extensions: Iterable[str] | None = None) -> NewApiKey:
        """Create a key; the returned ``secret`` (``cw_<key id>_<random>``) is shown once and never stored.

        The secret carries 256 random bits, so a plain SHA-256 of it is enough to store: there is nothing to
        brute-force (a slow password hash such as scrypt protects low-entropy human passwords, and would only cost
        CPU on every request here).
        """
        label = _label(name, "name", required=True)
        key_role = _role(role)
        if isinstance(extensions, str):
            raise InvalidValue("extensions", "expected a list of extensions, not a string")
        scope = sorted({_extension(e, "extensions") for e in extensions or ()})
        now = self._now()
        for _ in range(_INSERT_RETRIES):
            key_id = secrets.token_hex(8)
            secret = f"{API_KEY_PREFIX}_{key_id}_{secrets.token_urlsafe(32)}"
            stmt = (
                self._insert(ApiKeyRow)
                .values(
                    key_id=key_id,
                    name=label,
                    role=key_role.value,
                    extensions=scope,
                    secret_sha256=_sha256(secret),
                    created_at=now,
                    revoked_at=None,
                )
                .on_conflict_do_nothing(index_elements=["key_id"])
                .returning(*_API_KEY_COLUMNS)
            )
            async with self._tx(write=True) as conn:
                row = (await conn.execute(stmt)).first()
            if row is not None:
                return NewApiKey(key=_api_key(row), secret=secret)
        raise StoreError("could not allocate a unique API key id")  # pragma: no cover - 2**64 ids

    async def verify_api_key(self, secret: str) -> ApiKey | None:
        """The active key whose secret this is, or None (unknown, malformed, wrong or revoked)."""
        match = _API_KEY_RE.match(secret) if isinstance(secret, str) else None
        if match is None:
            return None
        async with self._tx() as conn:
            row = (
                await conn.execute(
                    select(*_API_KEY_COLUMNS, ApiKeyRow.secret_sha256).where(ApiKeyRow.key_id == match.group(1))
                )
            ).first()
        if row is None or not hmac.compare_digest(row.secret_sha256, _sha256(secret)):
            return None
        key = _api_key(row)
        return key if key.active else None

    async def list_api_keys(self, *, include_revoked: bool = True) -> list[ApiKey]:
        stmt = select(*_API_KEY_COLUMNS).order_by(ApiKeyRow.created_at, ApiKeyRow.key_id)
        if not include_revoked:
            stmt = stmt.where(ApiKeyRow.revoked_at.is_(None))
        async with self._tx() as conn:
            return [_api_key(row) for row in await conn.execute(stmt)]

    async def get_api_key(self, key_id: str) -> ApiKey:
        async with self._tx() as conn:
            row = (await conn.execute(select(*_API_KEY_COLUMNS).where(ApiKeyRow.key_id == key_id))).first()
        if row is None:
            raise NotFound("API key", key_id)
        return _api_key(row)

    async def revoke_api_key(self, key_id: str) -> bool:
        """Revoke a key (kept, marked revoked, for the audit trail); True when it was active."""
        stmt = (
            update(ApiKeyRow)
            .where(ApiKeyRow.key_id == key_id, ApiKeyRow.revoked_at.is_(None))
            .values(revoked_at=self._now())
            .returning(ApiKeyRow.key_id)
        )
        async with self._tx(write=True) as conn:
            return (await conn.execute(stmt)).first() is not None

    # --- user data (uuiSVR) ------------------------------------------------------------------------------------

    def _seal(self, data: str) -> str:
        """User data as stored: encrypted with the secret key, because it holds what callers typed into an IVR
        (card numbers, PINs) and a copy of the database or its backup must not disclose it."""
        return _SEALED + self.secrets.encrypt(data)

    def _check_user_data(self, data: str) -> str:
        size = len(_text(data, "data").encode("utf-8"))
        if size > self.user_data_max_size:
            raise UserDataTooLarge(size, self.user_data_max_size)
        return data

    async def set_user_data(
        self, data: str, *, extension: str | None = None, ttl: timedelta | None = DEFAULT_USER_DATA_TTL
    ) -> str:
        """Store user data and return its new UUI key (see ``callwire_server.store.uui`` for the layout).

        ``ttl`` is how long the data lives (None: until deleted); ``UserDataTooLarge`` when the UTF-8 encoding is
        over ``user_data_max_size`` bytes.
        """
        sealed = self._seal(self._check_user_data(data))
        ext = None if extension is None else _extension(extension)
        lifetime = _ttl(ttl)
        now = self._now()
        expires = None if lifetime is None else now + lifetime
        for _ in range(_INSERT_RETRIES):
            key = new_uui_key(now)
            stmt = (
                self._insert(UserDataRow)
                .values(uui_key=key, data=sealed, extension=ext, created_at=now, updated_at=now, expires_at=expires)
                .on_conflict_do_nothing(index_elements=["uui_key"])
                .returning(UserDataRow.uui_key)
            )
            async with self._tx(write=True) as conn:
                if (await conn.execute(stmt)).first() is not None:
                    return key
        raise StoreError("could not allocate a unique UUI key")  # pragma: no cover - 48 random bits per second

    def _live(self, now: datetime) -> Any:
        return or_(UserDataRow.expires_at.is_(None), UserDataRow.expires_at > now)

    async def get_user_data(self, uui_key: str) -> UserData:
        """The user data under ``uui_key``; ``UserDataNotFound`` when unknown or expired."""
        key = normalise_uui_key(uui_key)
        stmt = select(UserDataRow).where(UserDataRow.uui_key == key, self._live(self._now()))
        async with self._tx() as conn:
            row = (await conn.execute(stmt)).first()
        if row is None:
            raise UserDataNotFound(key)
        return _user_data(row, self.secrets)

    async def update_user_data(self, uui_key: str, data: str, *, ttl: timedelta | None = None) -> UserData:
        """Replace the data under an existing key (``UserDataNotFound`` when unknown or expired).

        The expiry is kept unless ``ttl`` is given, which restarts it from now.
        """
        key = normalise_uui_key(uui_key)
        sealed = self._seal(self._check_user_data(data))
        lifetime = _ttl(ttl)
        now = self._now()
        values: dict[str, Any] = {"data": sealed, "updated_at": now}
        if lifetime is not None:
            values["expires_at"] = now + lifetime
        stmt = (
            update(UserDataRow)
            .where(UserDataRow.uui_key == key, self._live(now))
            .values(**values)
            .returning(*UserDataRow.__table__.c)
        )
        async with self._tx(write=True) as conn:
            row = (await conn.execute(stmt)).first()
        if row is None:
            raise UserDataNotFound(key)
        return _user_data(row, self.secrets)

    async def delete_user_data(self, uui_key: str) -> bool:
        key = normalise_uui_key(uui_key)
        return await self._deleted(delete(UserDataRow).where(UserDataRow.uui_key == key).returning(UserDataRow.uui_key))

    async def purge_expired(self) -> int:
        """Delete expired user data; returns how many entries went."""
        stmt = (
            delete(UserDataRow)
            .where(UserDataRow.expires_at.is_not(None), UserDataRow.expires_at <= self._now())
            .returning(UserDataRow.uui_key)
        )
        async with self._tx(write=True) as conn:
            return len((await conn.execute(stmt)).all())

    # --- helpers -----------------------------------------------------------------------------------------------

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
