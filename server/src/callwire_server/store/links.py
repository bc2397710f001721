"""The AES servers the link logs in to, in priority order, with their passwords stored encrypted."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select, update

from callwire_server.store import checks
from callwire_server.store.base import StoreBase
from callwire_server.store.errors import AlreadyExists, NotFound
from callwire_server.store.models import AesLinkRow
from callwire_server.store.records import AesLink

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


class LinksMixin(StoreBase):
    """AES links."""

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
        link_name = checks.label(name, "name", required=True)
        values = {
            "name": link_name,
            "priority": checks.priority(priority),
            "host": checks.label(host, "host", required=True, max_len=255),
            "port": checks.port(port),
            "tls": bool(tls),
            "username": checks.label(username, "username", required=True),
            "password_encrypted": self.secrets.encrypt(checks.text(password, "password")),
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
            values["host"] = checks.label(host, "host", required=True, max_len=255)
        if port is not None:
            values["port"] = checks.port(port)
        if username is not None:
            values["username"] = checks.label(username, "username", required=True)
        if password is not None:
            values["password_encrypted"] = self.secrets.encrypt(checks.text(password, "password"))
        if priority is not None:
            values["priority"] = checks.priority(priority)
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
