"""The allow and deny lists (the reference's whitelist and blacklist); ``access`` decides what they let in."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select, update

from callwire_server.store import access, checks
from callwire_server.store.base import StoreBase
from callwire_server.store.models import AccessRuleRow
from callwire_server.store.records import AccessKind, AccessRule


def _access_rule(row: Any) -> AccessRule:
    return AccessRule(kind=AccessKind(row.kind), address=row.address, name=row.name, created_at=row.created_at)


class AccessRulesMixin(StoreBase):
    """ALLOW and DENY rules by address or network."""

    async def add_access_rule(self, kind: AccessKind | str, address: str, name: str = "") -> bool:
        """Add an ALLOW (whitelist) or DENY (blacklist) rule for an address or CIDR network.

        True when the rule is new; adding an existing rule again only updates its name and returns False.
        """
        rule_kind = checks.kind(kind)
        addr = access.normalise_rule_address(address)
        label = checks.label(name, "name")
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
        rule_kind = checks.kind(kind)
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
            stmt = stmt.where(AccessRuleRow.kind == checks.kind(kind).value)
        async with self._tx() as conn:
            rules = [_access_rule(row) for row in await conn.execute(stmt)]
        return sorted(rules, key=lambda r: (r.kind.value, checks.address_sort_key(r.address)))

    async def check_address(self, address: str) -> bool:
        """Whether a client at ``address`` may use the server; see ``callwire_server.store.access``.

        DENY wins; with any ALLOW rule, only matching addresses pass; with none, every address not denied passes.
        """
        ip = access.parse_address(address)
        return access.is_allowed(await self.list_access_rules(), ip)
