"""API keys: the secret is shown once, only its hash is stored; verify, scope, list, revoke."""

from __future__ import annotations

import hashlib
import re

import pytest
from sqlalchemy import select

from callwire_server.store import InvalidValue, NotFound, Role, Store
from callwire_server.store.models import ApiKeyRow


async def test_create_returns_the_secret_once_and_stores_its_hash(store: Store) -> None:
    created = await store.create_api_key("wallboard", "supervisor")
    match = re.fullmatch(r"cw_([0-9a-f]{16})_([A-Za-z0-9_-]{43})", created.secret)
    assert match is not None
    assert match.group(1) == created.key.key_id
    assert created.secret not in repr(created)
    assert created.key.role is Role.SUPERVISOR
    assert created.key.extensions == ()
    assert created.key.active
    async with store.engine.connect() as conn:
        row = (await conn.execute(select(ApiKeyRow.secret_sha256))).one()
    assert row.secret_sha256 == hashlib.sha256(created.secret.encode()).hexdigest()


async def test_verify(store: Store) -> None:
    created = await store.create_api_key("ivr", Role.AGENT, ["60123", "101", "101"])
    key = await store.verify_api_key(created.secret)
    assert key == created.key
    assert key is not None
    assert key.extensions == ("101", "60123")
    assert key.allows_extension("101")
    assert not key.allows_extension("102")
    other = await store.create_api_key("admin", "ADMIN")
    assert (await store.verify_api_key(other.secret)) == other.key
    assert other.key.allows_extension("anything")


@pytest.mark.parametrize(
    "mangle",
    [
        lambda s: s[:-1] + ("A" if s[-1] != "A" else "B"),  # wrong secret, right id
        lambda s: s.replace("cw_", "xx_"),
        lambda s: "cw_0000000000000000_" + s.split("_", 2)[2],  # unknown id
        lambda s: "",
        lambda s: s + " ",
        lambda s: "Bearer " + s,
    ],
)
async def test_verify_refuses_wrong_secrets(store: Store, mangle: object) -> None:
    created = await store.create_api_key("k", "agent")
    assert callable(mangle)
    assert await store.verify_api_key(mangle(created.secret)) is None


async def test_list_get_revoke(store: Store) -> None:
    a = await store.create_api_key("a", "agent")
    b = await store.create_api_key("b", "admin")
    assert {k.key_id for k in await store.list_api_keys()} == {a.key.key_id, b.key.key_id}
    assert await store.get_api_key(a.key.key_id) == a.key
    assert await store.revoke_api_key(a.key.key_id) is True
    assert await store.revoke_api_key(a.key.key_id) is False
    assert await store.revoke_api_key("0123456789abcdef") is False
    assert await store.verify_api_key(a.secret) is None
    assert await store.verify_api_key(b.secret) == b.key
    revoked = await store.get_api_key(a.key.key_id)
    assert not revoked.active
    assert revoked.revoked_at is not None
    assert [k.key_id for k in await store.list_api_keys(include_revoked=False)] == [b.key.key_id]
    assert len(await store.list_api_keys()) == 2
    with pytest.raises(NotFound):
        await store.get_api_key("0123456789abcdef")


async def test_secrets_are_unique(store: Store) -> None:
    made = [await store.create_api_key(f"k{i}", "agent") for i in range(10)]
    assert len({m.secret for m in made}) == len({m.key.key_id for m in made}) == 10


@pytest.mark.parametrize(
    ("name", "role", "extensions", "field"),
    [
        ("", "agent", None, "name"),
        ("k", "root", None, "role"),
        ("k", "agent", ["10 1"], "extensions"),
        ("k", "agent", "101", "extensions"),
    ],
)
async def test_create_validation(store: Store, name: str, role: str, extensions: object, field: str) -> None:
    with pytest.raises(InvalidValue) as info:
        await store.create_api_key(name, role, extensions)  # type: ignore[arg-type]
    assert info.value.field == field


async def test_the_gateway_role(store: Store) -> None:
    created = await store.create_api_key("legacy-gateway", "gateway")
    assert created.key.role is Role.GATEWAY
    assert await store.verify_api_key(created.secret) == created.key
