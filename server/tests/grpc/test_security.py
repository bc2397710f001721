"""Security over real sockets with API keys required: the extension scope of keys, and what strangers cost
(the key cache). The authorization matrix is in test_authorization_matrix.py."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import grpc
import pytest
from grpc_stack import running_stack
from sqlalchemy import text, update

from callwire.admin.v1 import enums_pb2 as admin_enums
from callwire.admin.v1 import message_pb2 as admin_msg
from callwire.admin.v1 import request_response_pb2 as admin_rr
from callwire.admin.v1 import service_pb2_grpc as admin_grpc
from callwire.callcontrol.v1 import request_response_pb2 as cc
from callwire.callcontrol.v1 import service_pb2_grpc as cc_grpc
from callwire.events.v1 import request_response_pb2 as events_rr
from callwire.events.v1 import service_pb2_grpc as events_grpc
from callwire.query.v1 import request_response_pb2 as query_rr
from callwire.query.v1 import service_pb2_grpc as query_grpc
from callwire.station.v1 import request_response_pb2 as station_rr
from callwire.station.v1 import service_pb2_grpc as station_grpc
from callwire.userdata.v1 import request_response_pb2 as ud
from callwire.userdata.v1 import service_pb2_grpc as ud_grpc
from callwire_server.app import RunningServer, start_server
from callwire_server.config import GrpcConfig
from callwire_server.security import KeyCache
from callwire_server.store import Role
from callwire_server.store.models import ApiKeyRow
from callwire_sim.switch import Switch
from callwire_sim.transport import SimulatorServer
from callwire_testkit import outcome, reason_of, until
from callwire_testkit.demo import demo_simulator, server_config

DENIED = "PERMISSION_DENIED"


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
    async with running_stack(tmp_path, grpc=GrpcConfig(address="127.0.0.1:0", require_api_key=True)) as running:
        store = running.server.core.store
        admin = (await store.create_api_key("ops", Role.ADMIN)).secret
        agent = (await store.create_api_key("desk-101", Role.AGENT, ["101"])).secret
        yield Secured(running.sim, running.switch, running.server, running.channel, admin, agent)


@pytest.mark.timeout(600)  # 20,000 requests: a volume, not a time budget; a loaded machine takes minutes
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


async def test_a_scoped_key_stays_on_its_own_calls_and_their_user_data(secured: Secured) -> None:
    """The bypasses of a key scoped to 101 as they were found: another station pulled into its call, another
    call's user data read and overwritten, any call snapshotted or its UCID read, a phantom call to a station."""
    core = secured.server.core
    other = (await core.store.create_api_key("desk-102", Role.AGENT, ["102"])).secret
    calls = cc_grpc.CallControlServiceStub(secured.channel)
    query = query_grpc.QueryServiceStub(secured.channel)
    userdata = ud_grpc.UserDataServiceStub(secured.channel)
    # An IVR (unscoped key) sends a caller to 101 with user data; 101's key may read it, 102's may not.
    made = await calls.MakeCall(
        cc.MakeCallRequest(extension="103", destination="101", user_data="card 4111"), metadata=md(secured.admin_key)
    )
    call_id = made.call.call_id
    await until(lambda: "101" in core.calls.devices_on_call(call_id))
    alert = core.calls.last_alert("101")
    assert alert is not None
    assert alert.uui
    mine, theirs = md(secured.agent_key), md(other)
    assert (await userdata.GetUserData(ud.GetUserDataRequest(uui=alert.uui), metadata=mine)).data == "card 4111"
    assert await outcome(userdata.GetUserData(ud.GetUserDataRequest(uui=alert.uui), metadata=theirs)) == DENIED
    overwrite = ud.UpdateUserDataRequest(uui=alert.uui, data="changed")
    assert await outcome(userdata.UpdateUserData(overwrite, metadata=theirs)) == DENIED
    assert await outcome(query.SnapshotCall(query_rr.SnapshotCallRequest(call_id=call_id), metadata=mine)) == "OK"
    assert await outcome(query.SnapshotCall(query_rr.SnapshotCallRequest(call_id=call_id), metadata=theirs)) == DENIED
    assert await outcome(query.GetUcid(query_rr.GetUcidRequest(call_id=call_id), metadata=theirs)) == DENIED
    unknown = str(int(call_id) + 1000)  # sequential call IDs cannot be probed either
    assert await outcome(query.GetUcid(query_rr.GetUcidRequest(call_id=unknown), metadata=mine)) == DENIED
    join = cc.SingleStepConferenceCallRequest(extension="101", device_to_join="102")
    assert await outcome(calls.SingleStepConferenceCall(join, metadata=mine)) == DENIED
    phantom = cc.MakePhantomCallRequest(destination="102")
    assert await outcome(calls.MakePhantomCall(phantom, metadata=mine)) == DENIED
    assert core.calls.devices_on_call(call_id) == {"101", "103"}  # nobody was pulled in


async def read_to_the_end(stream: Any) -> None:
    """Read until the stream ends; nothing happens on its devices, so it must end by itself."""
    while True:
        await asyncio.wait_for(stream.read(), 15.0)


async def test_revoking_a_key_on_another_instance_ends_its_open_streams(tmp_path: Path) -> None:
    async with demo_simulator() as sim:
        keys_required = GrpcConfig(address="127.0.0.1:0", require_api_key=True)
        servers: list[RunningServer] = []
        channels: list[grpc.aio.Channel] = []
        try:
            for _ in range(2):  # one store, two instances
                servers.append(await start_server(server_config(tmp_path, sim.port, grpc=keys_required)))
                channels.append(grpc.aio.insecure_channel(f"127.0.0.1:{servers[-1].port}"))
            first = servers[0]
            store = first.core.store
            admin_key = (await store.create_api_key("ops", Role.ADMIN)).secret
            desk = await store.create_api_key("desk-101", Role.AGENT, ["101"])
            events = events_grpc.EventServiceStub(channels[0])
            stream = events.StreamEvents(
                events_rr.StreamEventsRequest(devices=["101"], include_snapshot=True), metadata=md(desk.secret)
            )
            try:
                assert (await stream.read()).HasField("snapshot")
                station = station_grpc.StationServiceStub(channels[0])
                await station.SetMessageWaiting(
                    station_rr.SetMessageWaitingRequest(extension="101", enabled=True), metadata=md(desk.secret)
                )
                assert (await stream.read()).HasField("event")  # events flow while the key is valid
                admin = admin_grpc.AdminServiceStub(channels[1])
                await admin.RevokeApiKey(admin_rr.RevokeApiKeyRequest(key_id=desk.key.key_id), metadata=md(admin_key))
                with pytest.raises(grpc.aio.AioRpcError) as ended:
                    await read_to_the_end(stream)
                assert ended.value.code() == grpc.StatusCode.UNAUTHENTICATED, ended.value.details()
                await until(lambda: first.core.key_watch.open_streams == 0)
            finally:
                stream.cancel()
        finally:
            for channel in channels:
                await channel.close()
            for server in servers:
                await server.stop(grace=0.2)


async def test_revoking_a_key_ends_its_streams_on_the_same_instance_at_once(secured: Secured) -> None:
    store = secured.server.core.store
    desk = await store.create_api_key("desk-102", Role.AGENT, ["102"])
    stream = events_grpc.EventServiceStub(secured.channel).StreamEvents(
        events_rr.StreamEventsRequest(devices=["102"]), metadata=md(desk.secret)
    )
    try:
        await stream.initial_metadata()  # the server accepted the stream
        await admin_grpc.AdminServiceStub(secured.channel).RevokeApiKey(
            admin_rr.RevokeApiKeyRequest(key_id=desk.key.key_id), metadata=md(secured.admin_key)
        )
        with pytest.raises(grpc.aio.AioRpcError) as ended:
            await asyncio.wait_for(stream.read(), 15.0)
        assert ended.value.code() == grpc.StatusCode.UNAUTHENTICATED
    finally:
        stream.cancel()


async def test_the_gateway_role_and_the_legacy_client_address(secured: Secured) -> None:
    """The gateway's key may do what the legacy protocol needs and no administration; for its calls the server
    applies the allow/deny rules to the legacy client's address, refusing when it cannot read them."""
    core = secured.server.core
    gateway = (await core.store.create_api_key("legacy-gateway", Role.GATEWAY)).secret
    admin = admin_grpc.AdminServiceStub(secured.channel)
    info = admin_rr.GetServerInfoRequest()
    rule = admin_msg.AccessRule(kind=admin_enums.ACCESS_RULE_KIND_DENY, address="10.9.9.0/24", name="blocked")
    await admin.AddAccessRule(admin_rr.AddAccessRuleRequest(rule=rule), metadata=md(secured.admin_key))

    def for_client(key: str, address: str) -> tuple[tuple[str, str], ...]:
        return (*md(key), ("x-callwire-client-address", address))

    assert await outcome(admin.GetServerInfo(info, metadata=for_client(gateway, "10.9.9.7"))) == DENIED
    assert await outcome(admin.GetServerInfo(info, metadata=for_client(gateway, "not-an-ip"))) == DENIED
    assert await outcome(admin.GetServerInfo(info, metadata=for_client(gateway, "10.1.1.1"))) == "OK"
    assert await outcome(admin.GetServerInfo(info, metadata=md(gateway))) == "OK"  # the gateway's own call
    # Only the gateway's key speaks for a legacy client: the header from another key is ignored.
    assert await outcome(admin.GetServerInfo(info, metadata=for_client(secured.agent_key, "10.9.9.7"))) == "OK"
    assert await outcome(admin.ListAccessRules(admin_rr.ListAccessRulesRequest(), metadata=md(gateway))) == "OK"
    for write in (
        admin.AddExtension(admin_rr.AddExtensionRequest(extension="111"), metadata=md(gateway)),
        admin.CreateApiKey(admin_rr.CreateApiKeyRequest(name="x"), metadata=md(gateway)),
        admin.AddAccessRule(admin_rr.AddAccessRuleRequest(rule=rule), metadata=md(gateway)),
    ):
        assert await outcome(write) == DENIED
    stream = events_grpc.EventServiceStub(secured.channel).StreamEvents(
        events_rr.StreamEventsRequest(all_devices=True, include_snapshot=True), metadata=md(gateway)
    )
    try:
        assert (await stream.read()).HasField("snapshot")  # events of every device, for all its clients
    finally:
        stream.cancel()
    # Fail closed: with the rules unreadable, no legacy client gets in.
    async with core.store.engine.begin() as conn:
        await conn.execute(text("DROP TABLE access_rules"))
    core.address_rules.invalidate()
    assert await outcome(admin.GetServerInfo(info, metadata=for_client(gateway, "10.1.1.1"))) == DENIED


async def test_a_scope_change_ends_the_streams_of_the_old_scope(secured: Secured) -> None:
    """A key whose extensions change in the shared store (here: a direct update, as another instance or tool
    would write it) ends its open streams, which reopen under the new scope."""
    core = secured.server.core
    desk = await core.store.create_api_key("desk-105", Role.AGENT, ["105", "106"])
    stream = events_grpc.EventServiceStub(secured.channel).StreamEvents(
        events_rr.StreamEventsRequest(devices=["105"]), metadata=md(desk.secret)
    )
    try:
        await stream.initial_metadata()
        async with core.store.engine.begin() as conn:
            await conn.execute(update(ApiKeyRow).where(ApiKeyRow.key_id == desk.key.key_id).values(extensions=["106"]))
        with pytest.raises(grpc.aio.AioRpcError) as ended:
            await read_to_the_end(stream)
        assert ended.value.code() == grpc.StatusCode.PERMISSION_DENIED
    finally:
        stream.cancel()
    reopened = events_grpc.EventServiceStub(secured.channel).StreamEvents(
        events_rr.StreamEventsRequest(devices=["105"]), metadata=md(desk.secret)
    )
    assert await outcome(reopened.read()) == DENIED  # 105 is no longer its own


async def test_legacy_clients_behind_one_gateway_key_do_not_share_request_ids(secured: Secured) -> None:
    """x-request-id is an idempotency key per caller; behind the gateway's key the caller is the legacy client,
    whose request IDs ("id": 1, 2, ...) are its own."""
    gateway = (await secured.server.core.store.create_api_key("legacy-gateway", Role.GATEWAY)).secret
    station = station_grpc.StationServiceStub(secured.channel)

    def legacy(address: str) -> tuple[tuple[str, str], ...]:
        return (*md(gateway), ("x-callwire-client-address", address), ("x-request-id", "1"))

    first = station_rr.SetMessageWaitingRequest(extension="101", enabled=True)
    other = station_rr.SetMessageWaitingRequest(extension="102", enabled=True)
    assert await outcome(station.SetMessageWaiting(first, metadata=legacy("10.0.0.1"))) == "OK"
    assert await outcome(station.SetMessageWaiting(other, metadata=legacy("10.0.0.2"))) == "OK"
    # The same client reusing its ID for another request is told so, as any caller is.
    assert await outcome(station.SetMessageWaiting(other, metadata=legacy("10.0.0.1"))) != "OK"


Metadata = tuple[tuple[str, str | bytes], ...]


def _console(user: str, password: str) -> Metadata:
    return (("x-callwire-console-user-bin", user.encode()), ("x-callwire-console-password-bin", password.encode()))


async def test_the_gateway_key_writes_extensions_only_with_the_legacy_console_credentials(secured: Secured) -> None:
    """AddExtension/DeleteExtension are admin writes; the gateway's key may make them only for a legacy client that
    gave the console credentials, which the server checks itself (default account: loopback only)."""
    admin = admin_grpc.AdminServiceStub(secured.channel)
    store = secured.server.core.store
    ops = md(secured.admin_key)
    gateway = md((await store.create_api_key("legacy-gateway", Role.GATEWAY)).secret)
    agent = md((await store.create_api_key("desk-all", Role.AGENT)).secret)

    async def encrypted(password: str) -> str:
        answer = await admin.EncryptPassword(admin_rr.EncryptPasswordRequest(password=password), metadata=ops)
        return str(answer.encrypted_password)

    async def stored() -> set[str]:
        listed = await admin.ListExtensions(admin_rr.ListExtensionsRequest(), metadata=ops)
        return {e.extension for e in listed.extensions}

    right, wrong = await encrypted("tcpgate01"), await encrypted("WRONG")
    add = admin_rr.AddExtensionRequest(extension="41105")  # a phantom device the store does not hold yet
    delete = admin_rr.DeleteExtensionRequest(extension="41105")
    local: Metadata = (*gateway, ("x-callwire-client-address", "127.0.0.1"))
    remote: Metadata = (*gateway, ("x-callwire-client-address", "10.1.2.3"))
    refusals: dict[str, Metadata] = {
        "no credentials": local,
        "wrong password": (*local, *_console("tcpgate", wrong)),
        "wrong user": (*local, *_console("root", right)),
        "password only": (*local, ("x-callwire-console-password-bin", right.encode())),
        "user not UTF-8": (*local, ("x-callwire-console-user-bin", b"\xff"), _console("tcpgate", right)[1]),
        "default account for a remote client": (*remote, *_console("tcpgate", right)),
        "an agent key, whatever it sends": (*agent, *_console("tcpgate", right)),
    }
    for case, metadata in refusals.items():
        for name, request in (("AddExtension", add), ("DeleteExtension", delete)):
            with pytest.raises(grpc.aio.AioRpcError) as refused:
                await getattr(admin, name)(request, metadata=metadata)
            assert reason_of(refused.value) == DENIED, (name, case)
    assert "41105" not in await stored()  # nothing was changed
    # The credentials open exactly the RPCs marked for them, nothing else of the administration.
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await admin.CreateApiKey(
            admin_rr.CreateApiKeyRequest(name="x", role=admin_enums.API_KEY_ROLE_ADMIN),
            metadata=(*local, *_console("tcpgate", right)),
        )
    assert reason_of(refused.value) == DENIED

    await admin.AddExtension(add, metadata=(*local, *_console("tcpgate", right)))
    assert "41105" in await stored()
    await admin.DeleteExtension(delete, metadata=(*local, *_console("tcpgate", right)))
    assert "41105" not in await stored()
    # An operator's own console password works for a legacy client anywhere the access rules let in, and the
    # default one no longer does.
    await admin.UpdateSetting(
        admin_rr.UpdateSettingRequest(name="console_password", value="s3cret-console"), metadata=ops
    )
    own = await encrypted("s3cret-console")
    await admin.AddExtension(add, metadata=(*remote, *_console("tcpgate", own)))
    assert "41105" in await stored()
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await admin.DeleteExtension(delete, metadata=(*local, *_console("tcpgate", right)))
    assert reason_of(refused.value) == DENIED
    await admin.DeleteExtension(delete, metadata=(*remote, *_console("tcpgate", own)))
    assert "41105" not in await stored()
