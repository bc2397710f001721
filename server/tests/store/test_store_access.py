"""Allow/deny lists (whitelist/blacklist) and the address-to-extension map (myextension)."""

from __future__ import annotations

import ipaddress
from datetime import UTC, datetime

import pytest

from callwire_server.store import AccessKind, AccessRule, InvalidValue, Store, is_allowed
from callwire_server.store.access import normalise_rule_address, parse_address


def rule(kind: AccessKind, address: str) -> AccessRule:
    return AccessRule(kind, normalise_rule_address(address), "", datetime(2026, 1, 1, tzinfo=UTC))


# --- the decision, on plain rules -----------------------------------------------------------------------------


def test_no_rules_allows_everyone() -> None:
    assert is_allowed([], "10.10.1.220")
    assert is_allowed([], "2001:db8::1")


def test_deny_list_only_refuses_the_listed() -> None:
    rules = [rule(AccessKind.DENY, "10.10.1.231")]
    assert not is_allowed(rules, "10.10.1.231")
    assert is_allowed(rules, "10.10.1.232")


def test_allow_list_admits_only_the_listed() -> None:
    rules = [rule(AccessKind.ALLOW, "10.10.1.220"), rule(AccessKind.ALLOW, "192.168.0.0/16")]
    assert is_allowed(rules, "10.10.1.220")
    assert is_allowed(rules, "192.168.44.5")
    assert not is_allowed(rules, "10.10.1.221")
    assert not is_allowed(rules, "2001:db8::1")


def test_deny_wins_over_allow() -> None:
    rules = [rule(AccessKind.ALLOW, "10.0.0.0/8"), rule(AccessKind.DENY, "10.10.1.0/24")]
    assert is_allowed(rules, "10.9.9.9")
    assert not is_allowed(rules, "10.10.1.5")


def test_ipv6_rules_and_mapped_ipv4_peers() -> None:
    rules = [rule(AccessKind.ALLOW, "2001:db8::/32"), rule(AccessKind.ALLOW, "127.0.0.1")]
    assert is_allowed(rules, "2001:db8:1::5")
    assert is_allowed(rules, "::ffff:127.0.0.1")
    assert is_allowed(rules, ipaddress.ip_address("::ffff:127.0.0.1"))
    assert not is_allowed(rules, "2001:db9::1")


def test_normalisation() -> None:
    assert normalise_rule_address(" 10.10.1.220 ") == "10.10.1.220"
    assert normalise_rule_address("10.10.1.220/32") == "10.10.1.220"
    assert normalise_rule_address("2001:DB8:0::1") == "2001:db8::1"
    assert normalise_rule_address("::ffff:10.1.2.3") == "10.1.2.3"
    assert normalise_rule_address("::ffff:10.1.0.0/112") == "10.1.0.0/16"
    assert str(parse_address("::ffff:10.1.2.3")) == "10.1.2.3"


@pytest.mark.parametrize(
    "bad", ["", "10.10.1", "10.10.1.256", "host.example", "10.1.2.3/8", "10.0.0.0/33", "1.2.3.4:80"]
)
def test_invalid_rule_addresses(bad: str) -> None:
    with pytest.raises(InvalidValue) as info:
        normalise_rule_address(bad)
    assert info.value.field == "address"


# --- the stored rules -----------------------------------------------------------------------------------------


async def test_add_list_delete_rules(store: Store) -> None:
    assert await store.add_access_rule("allow", "10.10.1.220", "webServerA") is True
    assert await store.add_access_rule(AccessKind.DENY, "10.10.1.221", "webServerB") is True
    assert await store.add_access_rule("ALLOW", "10.10.0.0/16", "lan") is True
    assert await store.add_access_rule("allow", "10.10.1.220", "renamed") is False
    rules = await store.list_access_rules()
    assert [(r.kind, r.address, r.name) for r in rules] == [
        (AccessKind.ALLOW, "10.10.0.0/16", "lan"),
        (AccessKind.ALLOW, "10.10.1.220", "renamed"),
        (AccessKind.DENY, "10.10.1.221", "webServerB"),
    ]
    assert [r.address for r in await store.list_access_rules("deny")] == ["10.10.1.221"]
    assert await store.delete_access_rule("deny", "10.10.1.221") is True
    assert await store.delete_access_rule("deny", "10.10.1.221") is False
    assert await store.delete_access_rule("allow", "10.10.1.220/32") is True
    assert [r.address for r in await store.list_access_rules()] == ["10.10.0.0/16"]


async def test_same_address_may_be_in_both_lists(store: Store) -> None:
    assert await store.add_access_rule("allow", "10.10.1.231", "lvs")
    assert await store.add_access_rule("deny", "10.10.1.231", "activeLVS")
    assert not await store.check_address("10.10.1.231")


async def test_check_address_follows_the_reference(store: Store) -> None:
    assert await store.check_address("10.10.1.231")  # no rules: everyone
    await store.add_access_rule("deny", "10.10.1.231", "activeLVS")  # take the LVS out of the pool
    assert not await store.check_address("10.10.1.231")
    assert await store.check_address("10.10.1.220")
    await store.add_access_rule("allow", "10.10.1.220", "webServerA")  # now an allow list exists
    assert await store.check_address("10.10.1.220")
    assert not await store.check_address("10.10.1.222")
    await store.delete_access_rule("deny", "10.10.1.231")
    assert not await store.check_address("10.10.1.231")  # not on the allow list
    await store.delete_access_rule("allow", "10.10.1.220")
    assert await store.check_address("10.10.1.231")  # back to everyone


async def test_rule_errors_name_the_field(store: Store) -> None:
    with pytest.raises(InvalidValue) as info:
        await store.add_access_rule("whitelist", "10.0.0.1")
    assert info.value.field == "kind"
    with pytest.raises(InvalidValue) as info:
        await store.add_access_rule("allow", "nowhere")
    assert info.value.field == "address"
    with pytest.raises(InvalidValue) as info:
        await store.add_access_rule("allow", "10.0.0.1", "x" * 200)
    assert info.value.field == "name"
    with pytest.raises(InvalidValue) as info:
        await store.check_address("10.0.0")
    assert info.value.field == "address"


# --- address-to-extension map ---------------------------------------------------------------------------------


async def test_address_map(store: Store) -> None:
    assert await store.extension_for_address("10.10.1.50") is None
    assert await store.map_address("10.10.1.50", "66711") is True
    assert await store.map_address("2001:db8::50", "66820") is True
    assert await store.map_address("10.10.1.9", "61450") is True
    assert await store.extension_for_address("10.10.1.50") == "66711"
    assert await store.extension_for_address("::ffff:10.10.1.50") == "66711"
    assert await store.map_address("10.10.1.50", "66910") is False  # replaced
    assert await store.extension_for_address("10.10.1.50") == "66910"
    assert [(m.address, m.extension) for m in await store.list_address_map()] == [
        ("10.10.1.9", "61450"),
        ("10.10.1.50", "66910"),
        ("2001:db8::50", "66820"),
    ]
    assert await store.unmap_address("10.10.1.50") is True
    assert await store.unmap_address("10.10.1.50") is False
    assert await store.extension_for_address("10.10.1.50") is None


async def test_address_map_errors(store: Store) -> None:
    with pytest.raises(InvalidValue) as info:
        await store.map_address("10.0.0.0/8", "101")
    assert info.value.field == "address"
    with pytest.raises(InvalidValue) as info:
        await store.map_address("10.0.0.1", "")
    assert info.value.field == "extension"
    with pytest.raises(InvalidValue):
        await store.extension_for_address("localhost")
