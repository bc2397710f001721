"""The allow and deny lists (the legacy whitelist and blacklist) applied to every legacy client address.

Rules come from `AdminService.ListAccessRules`, cached for `ttl` seconds. Semantics: a deny rule that
matches wins; otherwise, when any allow rule exists, only matching addresses pass; with no rules every
address passes. Rules are addresses or CIDR prefixes, IPv4 or IPv6 (IPv4-mapped IPv6 peers match IPv4 rules).

Fail closed: while the rules cannot be read (the gateway's key may not read them, the server is unreachable)
every address is refused, and the refusal says why: PERMISSION_DENIED when the gateway may not read them,
UNAVAILABLE (HTTP 503) when the server cannot be reached. Listeners registered with `on_change` hear every change
of the rules or of their readability, so the gateway can close open connections that are no longer allowed.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import time
from collections.abc import Callable

from callwire.admin.v1 import enums_pb2 as admin_enums
from callwire.admin.v1 import request_response_pb2 as admin

from .errors import LegacyError, unavailable
from .upstream import Upstream

log = logging.getLogger("callwire.gateway.access")

Network = ipaddress.IPv4Network | ipaddress.IPv6Network

#: Reasons for which the gateway is not *allowed* to read the rules (as opposed to not reaching the server):
#: open connections are closed too, because nothing says they may stay.
_NOT_PERMITTED = {"PERMISSION_DENIED", "UNAUTHENTICATED"}


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
        self._unreadable: LegacyError | None = LegacyError("UNAVAILABLE", "the access rules were not read yet")
        self._expires = 0.0
        self._lock = asyncio.Lock()
        self._listeners: list[Callable[[], None]] = []

    def on_change(self, listener: Callable[[], None]) -> None:
        """Call `listener` whenever the rules, or whether they can be read, change."""
        self._listeners.append(listener)

    def _state(self) -> tuple[object, ...]:
        return (tuple(self._allow), tuple(self._deny), self._unreadable.error if self._unreadable else None)

    async def refresh(self, *, force: bool = False) -> None:
        if not force and time.monotonic() < self._expires:
            return
        async with self._lock:
            if not force and time.monotonic() < self._expires:
                return
            before = self._state()
            try:
                resp = await self.upstream.call("admin", "ListAccessRules", admin.ListAccessRulesRequest())
            except LegacyError as exc:
                if self._unreadable is None or self._unreadable.error != exc.error:
                    if exc.reason in _NOT_PERMITTED:
                        log.error(
                            "cannot read the access rules (%s): every legacy client is refused until they can be "
                            "read; give the gateway a key of the gateway role",
                            exc.error,
                        )
                    else:
                        log.error(
                            "cannot read the access rules, the CTI server is unreachable (%s): every legacy client "
                            "is refused until it answers",
                            exc.error,
                        )
                self._unreadable = exc
                self._allow, self._deny = [], []
                self._expires = time.monotonic() + min(self.ttl, 1.0)
            else:
                allow: list[Network] = []
                deny: list[Network] = []
                for rule in resp.rules:
                    net = _network(rule.address)
                    if net is None:
                        log.warning("ignoring access rule with a bad address %r", rule.address)
                        continue
                    (deny if rule.kind == admin_enums.ACCESS_RULE_KIND_DENY else allow).append(net)
                if self._unreadable is not None and self._unreadable.reason != "UNAVAILABLE":
                    log.warning("the access rules can be read again")
                self._allow, self._deny, self._unreadable = allow, deny, None
                self._expires = time.monotonic() + self.ttl
            if self._state() != before:
                for listener in list(self._listeners):
                    listener()

    def invalidate(self) -> None:
        self._expires = 0.0

    def verdict(self, address: str, *, open_connection: bool = False) -> LegacyError | None:
        """Why `address` is refused under the rules last read, or None when it may pass.

        For an `open_connection`, a server that cannot be reached is not a reason to cut it (it gets no answer
        and no events meanwhile anyway); a gateway that is not permitted to read the rules is.
        """
        if self._unreadable is not None:
            unreachable = self._unreadable.reason not in _NOT_PERMITTED
            if open_connection and unreachable:
                return None
            why = f"the gateway cannot read the access rules ({self._unreadable.error}), so it refuses every client"
            # A server that is down is not a permission problem: the client is told the server is unavailable
            # (503, as for any other request then), and only a refused key answers 403.
            return unavailable(why) if unreachable else LegacyError("PERMISSION_DENIED", why)
        if not self._allow and not self._deny:
            return None
        addr = _address(address)
        if addr is None:
            return LegacyError("PERMISSION_DENIED", f"client address {address!r} is not an IP address")
        if any(addr.version == n.version and addr in n for n in self._deny):
            return LegacyError("PERMISSION_DENIED", f"address {addr} is on the deny list")
        if self._allow and not any(addr.version == n.version and addr in n for n in self._allow):
            return LegacyError("PERMISSION_DENIED", f"address {addr} is not on the allow list")
        return None

    async def check(self, address: str) -> None:
        """Raise PERMISSION_DENIED unless the rules let `address` in (UNAVAILABLE when the server is unreachable)."""
        await self.refresh()
        refusal = self.verdict(address)
        if refusal is not None:
            raise refusal
