"""API keys: created with a secret shown once, stored as a SHA-256 hash, verified, listed and revoked."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Iterable
from typing import Any, Final

from sqlalchemy import select, update

from callwire_server.store import checks
from callwire_server.store.base import INSERT_RETRIES, StoreBase
from callwire_server.store.errors import InvalidValue, NotFound, StoreError
from callwire_server.store.models import ApiKeyRow
from callwire_server.store.records import ApiKey, NewApiKey, Role

API_KEY_PREFIX: Final = "cw"
_API_KEY_RE = re.compile(r"^cw_([0-9a-f]{16})_([A-Za-z0-9_-]{43,})$")
_API_KEY_COLUMNS = (
    ApiKeyRow.key_id,
    ApiKeyRow.name,
    ApiKeyRow.role,
    ApiKeyRow.extensions,
    ApiKeyRow.created_at,
    ApiKeyRow.revoked_at,
)


def _sha256(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _api_key(row: Any) -> ApiKey:
    return ApiKey(
        key_id=row.key_id,
        name=row.name,
        role=Role(row.role),
        extensions=tuple(row.extensions),
        created_at=row.created_at,
        revoked_at=row.revoked_at,
    )


class ApiKeysMixin(StoreBase):
    """API keys."""

    async def create_api_key(self, name: str, role: Role | str, extensions: Iterable[str] | None = None) -> NewApiKey:
        """Create a key; the returned ``secret`` (``cw_<key id>_<random>``) is shown once and never stored.

        The secret carries 256 random bits, so a plain SHA-256 of it is enough to store: there is nothing to
        brute-force (a slow password hash such as scrypt protects low-entropy human passwords, and would only cost
        CPU on every request here).
        """
        label = checks.label(name, "name", required=True)
        key_role = checks.role(role)
        if isinstance(extensions, str):
            raise InvalidValue("extensions", "expected a list of extensions, not a string")
        scope = sorted({checks.extension(e, "extensions") for e in extensions or ()})
        now = self._now()
        for _ in range(INSERT_RETRIES):
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
