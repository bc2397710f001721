"""The uuiSVR user data: what an IVR stores for a call under a UUI key, encrypted, with a time to live."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Final

from sqlalchemy import delete, or_, select, update

from callwire_server.crypto import InvalidSecret, SecretBox
from callwire_server.store import checks
from callwire_server.store.base import INSERT_RETRIES, StoreBase
from callwire_server.store.errors import StoreError, UserDataNotFound, UserDataTooLarge
from callwire_server.store.models import UserDataRow
from callwire_server.store.records import UserData
from callwire_server.store.uui import new_uui_key, normalise_uui_key

DEFAULT_USER_DATA_TTL: Final = timedelta(hours=24)

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


class UserDataMixin(StoreBase):
    """User data under UUI keys."""

    def _seal(self, data: str) -> str:
        """User data as stored: encrypted with the secret key, because it holds what callers typed into an IVR
        (card numbers, PINs) and a copy of the database or its backup must not disclose it."""
        return _SEALED + self.secrets.encrypt(data)

    def _check_user_data(self, data: str) -> str:
        size = len(checks.text(data, "data").encode("utf-8"))
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
        ext = None if extension is None else checks.extension(extension)
        lifetime = checks.ttl(ttl)
        now = self._now()
        expires = None if lifetime is None else now + lifetime
        for _ in range(INSERT_RETRIES):
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
        lifetime = checks.ttl(ttl)
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
