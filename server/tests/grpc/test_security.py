"""Security over real sockets with API keys required: what strangers cost (the key cache)."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import grpc
import pytest
from grpc_stack import stack_config

from callwire.admin.v1 import request_response_pb2 as admin_rr
from callwire.admin.v1 import service_pb2_grpc as admin_grpc
from callwire_server.app import RunningServer, start_server
from callwire_server.config import GrpcConfig
from callwire_server.security import KeyCache
from callwire_server.store import Role
from callwire_sim.site import demo_site
from callwire_sim.switch import Switch
from callwire_sim.transport import SimulatorServer


@dataclass
class Secured:
    sim: SimulatorServer
    switch: Switch
    server: RunningServer
    channel: grpc.aio.Channel
    admin_key: str
    agent_key: str


def md(key: str) -> tuple[tuple[str, str], ...]:
    return (("authorization", f"Bearer {key}"),)


@pytest.fixture
async def secured(tmp_path: Path) -> AsyncIterator[Secured]:
    switch = Switch(demo_site())
    sim = SimulatorServer(switch, port=0)
    await sim.start()
    config = stack_config(tmp_path, sim.port, grpc=GrpcConfig(address="127.0.0.1:0", require_api_key=True))
    server = await start_server(config)
    store = server.core.store
    admin = (await store.create_api_key("ops", Role.ADMIN)).secret
    agent = (await store.create_api_key("desk-101", Role.AGENT, ["101"])).secret
    channel = grpc.aio.insecure_channel(f"127.0.0.1:{server.port}")
    try:
        yield Secured(sim, switch, server, channel, admin, agent)
    finally:
        await channel.close()
        await server.stop(grace=0.5)
        await sim.stop()
        switch.close()


async def test_made_up_tokens_do_not_grow_the_key_cache(secured: Secured) -> None:
    admin = admin_grpc.AdminServiceStub(secured.channel)
    request = admin_rr.GetServerInfoRequest()
    await admin.GetServerInfo(request, metadata=md(secured.agent_key))
    cache = secured.server.core.key_cache
    assert len(cache) == 1

    async def stranger(token: str) -> None:
        with pytest.raises(grpc.aio.AioRpcError) as refused:
            await admin.GetServerInfo(request, metadata=md(token))
        assert refused.value.code() == grpc.StatusCode.UNAUTHENTICATED

    for batch in range(100):  # 20,000 requests, 200 at a time; some well-formed, so that the store is asked too
        tokens = [secrets.token_urlsafe(64) for _ in range(190)]
        tokens += [f"cw_{secrets.token_hex(8)}_{secrets.token_urlsafe(48)}" for _ in range(10)]
        await asyncio.gather(*(stranger(token) for token in tokens))
        assert len(cache) == 1, f"after batch {batch}"
    assert len(cache) == 1  # the one real key; failures are never cached
    await admin.GetServerInfo(request, metadata=md(secured.agent_key))


def test_the_key_cache_is_bounded_and_keyed_by_digest() -> None:
    from datetime import UTC, datetime

    from callwire_server.store import ApiKey

    cache = KeyCache(size=3)
    keys = [ApiKey(f"{n:016x}", f"k{n}", Role.AGENT, (), datetime.now(UTC), None) for n in range(5)]
    for n, key in enumerate(keys):
        cache.put(f"token-{n}" * 1000, key)
    assert len(cache) == 3
    assert cache.get("token-0" * 1000) is None  # least recently used went first
    assert cache.get("token-4" * 1000) == keys[4]
    assert all(len(digest) == 32 for digest in cache._entries)
    cache.evict(keys[4].key_id)
    assert cache.get("token-4" * 1000) is None
