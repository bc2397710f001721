"""Client addresses: validation, normalisation and the allow/deny decision.

The decision (the reference's ``whitelist``/``blacklist`` semantics):

1. an address matched by any DENY rule is refused, even when an ALLOW rule matches it too (deny wins);
2. otherwise, when at least one ALLOW rule exists, only addresses matched by an ALLOW rule are accepted;
3. otherwise (no ALLOW rule at all) every address is accepted.

A rule is a single address or a CIDR network; a single address matches only itself. IPv4-mapped IPv6 addresses
(``::ffff:10.1.2.3``, as dual-stack sockets report IPv4 peers) are treated as the IPv4 address.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from typing import TypeAlias

from callwire_server.store.errors import InvalidValue
from callwire_server.store.records import AccessKind, AccessRule

__all__ = ["IPAddress", "IPNetwork", "is_allowed", "normalise_rule_address", "parse_address", "parse_network"]

IPAddress: TypeAlias = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork: TypeAlias = ipaddress.IPv4Network | ipaddress.IPv6Network


def _unmap(address: IPAddress) -> IPAddress:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def parse_address(value: str, field: str = "address") -> IPAddress:
    """A single IPv4 or IPv6 address (no network, no port), normalised."""
    try:
        return _unmap(ipaddress.ip_address(value.strip()))
    except ValueError:
        raise InvalidValue(field, f"not an IPv4 or IPv6 address: {value!r}") from None


def parse_network(value: str, field: str = "address") -> IPNetwork:
    """An address or a CIDR network; host bits must be zero (``10.0.0.0/8``, not ``10.1.2.3/8``)."""
    text = value.strip()
    try:
        if "/" not in text:
            return ipaddress.ip_network(parse_address(text, field))
        network = ipaddress.ip_network(text, strict=True)
    except ValueError as exc:
        raise InvalidValue(field, f"not an IPv4/IPv6 address or CIDR network: {value!r} ({exc})") from None
    if isinstance(network, ipaddress.IPv6Network) and network.network_address.ipv4_mapped is not None:
        mapped = network.network_address.ipv4_mapped
        return ipaddress.IPv4Network((mapped, max(network.prefixlen - 96, 0)))
    return network


def normalise_rule_address(value: str) -> str:
    """The stored text of a rule: a bare address for a host rule, ``net/prefix`` otherwise."""
    network = parse_network(value)
    return str(network.network_address) if network.prefixlen == network.max_prefixlen else str(network)


def is_allowed(rules: Iterable[AccessRule], address: str | IPAddress) -> bool:
    """The decision for ``address`` under ``rules`` (see the module docstring); usable on cached rules."""
    ip = parse_address(address) if isinstance(address, str) else _unmap(address)
    have_allow = False
    allowed = False
    for rule in rules:
        network = parse_network(rule.address)
        matches = network.version == ip.version and ip in network
        if rule.kind is AccessKind.DENY:
            if matches:
                return False
        else:
            have_allow = True
            allowed = allowed or matches
    return allowed or not have_allow
