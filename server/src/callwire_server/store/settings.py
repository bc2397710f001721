"""Named parameters (``update parameter <name> <value>``), secret ones stored encrypted."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select

from callwire_server.store import checks
from callwire_server.store.base import StoreBase
from callwire_server.store.errors import NotFound
from callwire_server.store.models import SettingRow
from callwire_server.store.records import Setting


class SettingsMixin(StoreBase):
    """Named parameters."""

    async def set_setting(self, name: str, value: str, *, secret: bool = False) -> None:
        """Set a named parameter (``update parameter <name> <value>``); a secret one is stored encrypted."""
        key = checks.setting_name(name)
        stored = self.secrets.encrypt(checks.text(value, "value")) if secret else checks.text(value, "value")
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
        key = checks.setting_name(name)
        return await self._deleted(delete(SettingRow).where(SettingRow.name == key).returning(SettingRow.name))

    async def _setting_row(self, name: str) -> Any:
        key = checks.setting_name(name)
        async with self._tx() as conn:
            row = (await conn.execute(select(SettingRow).where(SettingRow.name == key))).first()
        if row is None:
            raise NotFound("setting", key)
        return row
