"""The allow and deny lists (the legacy whitelist and blacklist) applied to every legacy client address.

Rules come from `AdminService.ListAccessRules`, cached for `ttl` seconds. Semantics: a deny rule that
matches wins; otherwise, when any allow rule exists, only matching addresses pass; with no rules every
address passes. Rules are addresses or CIDR prefixes, IPv4 or IPv6 (IPv4-mapped IPv6 peers match IPv4 rules).
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import time

from callwire.admin.v1 import enums_pb2 as admin_enums
from callwire.admin.v1 import request_response_pb2 as admin

from .errors import LegacyError
from .upstream import Upstream

log = logging.getLogger("callwire.gateway.access")

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def _network(text: str) -> Network | None:
    try:
        return ipaddress.ip_network(text.strip(), strict=False)
    except ValueError:
        return None


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        addr = ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return None
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        return addr.ipv4_mapped
    return addr


class AccessControl:
    def __init__(self, upstream: Upstream, *, ttl: float = 2.0) -> None:
        self.upstream = upstream
        self.ttl = ttl
        self._allow: list[Network] = []
        self._deny: list[Network] = []
        self._expires = 0.0
        self._lock = asyncio.Lock()

    async def _refresh(self) -> None:
        if time.monotonic() < self._expires:
            return
        async with self._lock:
            if time.monotonic() < self._expires:
                return
            try:
                resp = await self.upstream.call("admin", "ListAccessRules", admin.ListAccessRulesRequest())
            except LegacyError as exc:
                # Fail closed only when there were rules; a server without rules stays open.
                log.warning("cannot read access rules (%s); keeping the last known ones", exc.error)
                self._expires = time.monotonic() + min(self.ttl, 1.0)
                return
            allow: list[Network] = []
            deny: list[Network] = []
            for rule in resp.rules:
                net = _network(rule.address)
                if net is None:
                    log.warning("ignoring access rule with a bad address %r", rule.address)
                    continue
                (deny if rule.kind == admin_enums.ACCESS_RULE_KIND_DENY else allow).append(net)
            self._allow, self._deny = allow, deny
            self._expires = time.monotonic() + self.ttl

    def invalidate(self) -> None:
        self._expires = 0.0

    async def check(self, address: str) -> None:
        """Raise PERMISSION_DENIED unless the rules let `address` in."""
        await self._refresh()
        if not self._allow and not self._deny:
            return
        addr = _address(address)
        if addr is None:
            raise LegacyError("PERMISSION_DENIED", f"client address {address!r} is not an IP address")
        if any(addr.version == n.version and addr in n for n in self._deny):
            raise LegacyError("PERMISSION_DENIED", f"address {addr} is on the deny list")
        if self._allow and not any(addr.version == n.version and addr in n for n in self._allow):
            raise LegacyError("PERMISSION_DENIED", f"address {addr} is not on the allow list")
