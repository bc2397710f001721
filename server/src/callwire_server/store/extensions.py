"""The monitored extensions, and the map from client addresses to extensions (the legacy ``myextension``)."""

from __future__ import annotations

from sqlalchemy import delete, select

from callwire_server.store import access, checks
from callwire_server.store.base import StoreBase
from callwire_server.store.models import AddressMapRow, MonitoredExtensionRow
from callwire_server.store.records import AddressMapping


class ExtensionsMixin(StoreBase):
    """Monitored extensions and the address-to-extension map."""

    async def add_extension(self, extension: str) -> bool:
        """Monitor ``extension``; True when it is new, False when it was already there (idempotent)."""
        ext = checks.extension(extension)
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
        ext = checks.extension(extension)
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
        ext = checks.extension(extension)
        stmt = select(MonitoredExtensionRow.extension).where(MonitoredExtensionRow.extension == ext)
        async with self._tx() as conn:
            return (await conn.execute(stmt)).first() is not None

    # --- address-to-extension map (legacy ``myextension``) --------------------------------------------------------

    async def map_address(self, address: str, extension: str) -> bool:
        """Map a client address to its extension (replacing any previous one); True when the address is new."""
        addr = str(access.parse_address(address))
        ext = checks.extension(extension)
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
        return sorted(mappings, key=lambda m: checks.address_sort_key(m.address))

    async def extension_for_address(self, address: str) -> str | None:
        """The extension mapped to a client address (the legacy ``myextension`` answer), or None."""
        addr = str(access.parse_address(address))
        async with self._tx() as conn:
            row = (await conn.execute(select(AddressMapRow.extension).where(AddressMapRow.address == addr))).first()
        return None if row is None else str(row.extension)
