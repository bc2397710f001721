"""The allow/deny lists and address map of the store apply to every legacy client; console credentials."""

from __future__ import annotations

import asyncio
import dataclasses
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import grpc
import pytest
from gwstack import Stack, make_stack, open_client, stack_config
from websockets.asyncio.client import connect
from websockets.exceptions import InvalidStatus

from callwire.admin.v1 import enums_pb2 as admin_enums
from callwire.admin.v1 import message_pb2 as admin_msg
from callwire.admin.v1 import request_response_pb2 as admin_rr
from callwire.admin.v1 import service_pb2_grpc as admin_grpc
from callwire_gateway.app import Gateway, Limits, start_gateway
from callwire_server.app import RunningServer, start_server
from callwire_server.config import GrpcConfig
from callwire_server.store import Role
from callwire_testkit.demo import demo_simulator

ALLOW, DENY = admin_enums.ACCESS_RULE_KIND_ALLOW, admin_enums.ACCESS_RULE_KIND_DENY
GOOD = {"id": "1", "request": "svrinfo"}


async def _rule(stack: Stack, kind: Any, address: str) -> None:
    admin = admin_grpc.AdminServiceStub(stack.channel)
    await admin.AddAccessRule(admin_rr.AddAccessRuleRequest(rule=admin_msg.AccessRule(kind=kind, address=address)))


async def _drop(stack: Stack, kind: Any, address: str) -> None:
    admin = admin_grpc.AdminServiceStub(stack.channel)
    await admin.DeleteAccessRule(admin_rr.DeleteAccessRuleRequest(kind=kind, address=address))


async def _allowed(stack: Stack) -> bool:
    async with aiohttp.ClientSession() as http, http.get(f"{stack.rest_url}/svrinfo?id=1") as resp:
        body = await resp.json()
        rest_ok = resp.status == 200
        if not rest_ok:
            assert resp.status == 403
            assert body["result"] == "fail"
            assert body["error"].startswith("permission denied")
    try:
        client = await open_client(stack)
    except InvalidStatus as exc:
        status = exc.response.status_code
        ws_ok = False
        assert status == 403
    else:
        try:
            ws_ok = (await client.request(GOOD))["result"] == "success"
        finally:
            await client.close()
    assert rest_ok == ws_ok
    return rest_ok


async def test_deny_allow_rules(stack: Stack) -> None:
    assert await _allowed(stack)  # no rules: open
    await _rule(stack, DENY, "127.0.0.1")
    assert not await _allowed(stack)
    await _drop(stack, DENY, "127.0.0.1")
    assert await _allowed(stack)
    await _rule(stack, ALLOW, "10.0.0.0/8")  # an allow list without us
    assert not await _allowed(stack)
    await _rule(stack, ALLOW, "127.0.0.1")
    assert await _allowed(stack)
    await _rule(stack, DENY, "127.0.0.0/8")  # deny wins over allow
    assert not await _allowed(stack)


async def test_a_connection_whose_address_becomes_denied_is_closed(stack: Stack) -> None:
    client = await open_client(stack)
    try:
        # A listener that never sends another request: only the gateway's watch of the rules can cut it.
        resp = await client.request({"id": "1", "request": "startmonitor", "extension": "101"})
        assert resp["result"] == "success"
        await _rule(stack, DENY, "127.0.0.1")
        await asyncio.wait_for(client.ws.wait_closed(), 10.0)
        assert client.ws.close_code == 1008
        assert client.ws.close_reason == "permission denied: address 127.0.0.1 is on the deny list"
        assert not stack.gateway.clients
    finally:
        await client.close()


@dataclass
class KeyedStack:
    server: RunningServer
    gateway: Gateway
    rest_url: str
    ws_url: str


@pytest.fixture
async def agent_keyed_gateway(tmp_path: Path) -> AsyncIterator[KeyedStack]:
    """A server that requires keys, and a gateway given a key that may not read the access rules."""
    async with demo_simulator() as sim:
        config = dataclasses.replace(
            stack_config(tmp_path, sim.port), grpc=GrpcConfig(address="127.0.0.1:0", require_api_key=True)
        )
        server = await start_server(config)
        try:
            key = (await server.core.store.create_api_key("desk", Role.AGENT)).secret
            gateway = await start_gateway(
                grpc_target=f"127.0.0.1:{server.port}",
                rest_port=0,
                ws_port=0,
                api_key=key,
                limits=Limits(access_ttl=0.0),
            )
            try:
                rest_url, ws_url = f"http://127.0.0.1:{gateway.rest_port}", f"ws://127.0.0.1:{gateway.ws_port}/"
                yield KeyedStack(server, gateway, rest_url, ws_url)
            finally:
                await gateway.stop()
        finally:
            await server.stop(grace=0.5)


async def test_rules_that_cannot_be_read_refuse_everyone_and_say_why(
    agent_keyed_gateway: KeyedStack, caplog: pytest.LogCaptureFixture
) -> None:
    s = agent_keyed_gateway
    async with aiohttp.ClientSession() as http, http.get(f"{s.rest_url}/svrinfo?id=1") as resp:
        body = await resp.json()
    assert resp.status == 403
    assert body["result"] == "fail"
    assert body["error"].startswith("permission denied: the gateway cannot read the access rules (permission denied:")
    with pytest.raises(InvalidStatus) as refused:
        await connect(s.ws_url)
    assert refused.value.response.status_code == 403
    assert b"cannot read the access rules" in refused.value.response.body
    assert any(
        "cannot read the access rules" in r.getMessage() and "give the gateway a key" in r.getMessage()
        for r in caplog.records
    )


async def test_rules_unreadable_because_the_server_is_down_answer_unavailable_not_denied(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    s = await make_stack(tmp_path)
    client = await open_client(s)
    try:
        assert (await client.request(GOOD))["result"] == "success"
        await s.server.stop(grace=0.5)
        # The gateway learns that the server is gone on its next read of the rules: wait for it.
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 30.0
        async with aiohttp.ClientSession() as http:
            while True:
                async with http.get(f"{s.rest_url}/svrinfo?id=1") as resp:
                    status, body = resp.status, await resp.json()
                if status != 200 or loop.time() > deadline:
                    break
                await asyncio.sleep(0.05)
        assert status == 503
        assert body["result"] == "fail"
        assert body["error"].startswith("CTI server unavailable: the gateway cannot read the access rules (")
        with pytest.raises(InvalidStatus) as refused:
            await connect(s.ws_url)
        assert refused.value.response.status_code == 503
        assert b"CTI server unavailable: the gateway cannot read the access rules" in refused.value.response.body
        # The connection already open stays open (unreachable is not a reason to cut it) and its requests get
        # the same answer.
        resp_ws = await client.request({"id": "2", "request": "svrinfo"})
        assert resp_ws["result"] == "fail"
        assert resp_ws["error"].startswith("CTI server unavailable: the gateway cannot read the access rules (")
        messages = [r.getMessage() for r in caplog.records if r.name == "callwire.gateway.access"]
        assert any("the CTI server is unreachable" in m for m in messages)
        assert not any("give the gateway a key" in m for m in messages)
    finally:
        await client.close()
        await s.gateway.stop()
        await s.channel.close()
        if not s.server.stopping.is_set():
            await s.server.stop(grace=0.5)
        await s.sim.stop()
        s.switch.close()


class _RecordingAdmin(admin_grpc.AdminServiceServicer):  # type: ignore[misc]
    """Stands in for the server only to see the metadata of the gateway's calls (the real server does not
    expose them); the answers are those of an open server with no rules."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, dict[str, str]]] = []

    def _record(self, name: str, context: grpc.aio.ServicerContext[Any, Any]) -> None:
        self.seen.append((name, {k: str(v) for k, v in context.invocation_metadata() or ()}))

    async def ListAccessRules(self, request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
        self._record("ListAccessRules", context)
        return admin_rr.ListAccessRulesResponse()

    async def GetServerInfo(self, request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
        self._record("GetServerInfo", context)
        return admin_rr.GetServerInfoResponse(version="recorder")


async def test_every_call_for_a_legacy_client_names_its_address() -> None:
    recorder = _RecordingAdmin()
    server = grpc.aio.server()
    admin_grpc.add_AdminServiceServicer_to_server(recorder, server)
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    gateway = await start_gateway(grpc_target=f"127.0.0.1:{port}", rest_port=0, ws_port=0)
    try:
        async with aiohttp.ClientSession() as http, http.get(f"http://127.0.0.1:{gateway.rest_port}/svrinfo") as resp:
            assert resp.status == 200
        ws = await connect(f"ws://127.0.0.1:{gateway.ws_port}/")
        try:
            await ws.send(json.dumps(GOOD))
            assert json.loads(await asyncio.wait_for(ws.recv(), 10))["ver"] == "recorder"
        finally:
            await ws.close()
        calls = [md for name, md in recorder.seen if name == "GetServerInfo"]
        assert len(calls) == 2
        assert all(md.get("x-callwire-client-address") == "127.0.0.1" for md in calls)
        # The gateway's own calls (reading the rules) are not made for any client.
        rules = [md for name, md in recorder.seen if name == "ListAccessRules"]
        assert rules
        assert all("x-callwire-client-address" not in md for md in rules)
    finally:
        await gateway.stop()
        await server.stop(0)


async def test_myextension_uses_the_address_map(stack: Stack) -> None:
    client = await open_client(stack)
    try:
        resp = await client.request({"id": "44", "request": "myextension"})
        assert resp["result"] == "fail"
        assert resp["error"].startswith("not found")
        admin = admin_grpc.AdminServiceStub(stack.channel)
        mapping = admin_msg.AddressMapping(address="127.0.0.1", extension="61450")
        await admin.SetAddressMapping(admin_rr.SetAddressMappingRequest(mapping=mapping))
        resp = await client.request({"id": "44", "request": "myextension"})
        assert resp == {"msgtype": "response", "id": "44", "result": "success", "extension": "61450"}
    finally:
        await client.close()


async def _configured(stack: Stack) -> list[str]:
    """The store's extensions (what addextension/delextension change), not the configured stations."""
    admin = admin_grpc.AdminServiceStub(stack.channel)
    listed = (await admin.ListExtensions(admin_rr.ListExtensionsRequest())).extensions
    return [e.extension for e in listed if e.source == admin_enums.EXTENSION_SOURCE_STORE]


@pytest.mark.parametrize(
    ("username", "password"), [("tcpgate", "tcpgate01"), ("tcpgate", "WRONG"), ("root", None), ("", None)]
)
async def test_add_and_delete_extension_check_console_credentials(
    stack: Stack, username: str, password: str | None
) -> None:
    admin = admin_grpc.AdminServiceStub(stack.channel)
    real = (await admin.EncryptPassword(admin_rr.EncryptPasswordRequest(password="tcpgate01"))).encrypted_password
    other = (await admin.EncryptPassword(admin_rr.EncryptPasswordRequest(password="WRONG"))).encrypted_password
    passwd = real if password in (None, "tcpgate01") else other
    valid = username == "tcpgate" and password == "tcpgate01"
    client = await open_client(stack)
    try:
        before = await _configured(stack)
        # A phantom device: every station of the demo site is configured here, and configured wins as the source.
        add = {"id": "46", "request": "addextension", "username": username, "passwd": passwd, "extension": "41105"}
        resp = await client.request(add)
        after = await _configured(stack)
        if valid:
            assert resp["error"] == "The command completed successfully."
            assert "41105" in after
        else:
            assert resp["result"] == "fail"
            assert resp["error"].startswith(("unauthenticated", "invalid request"))
            assert after == before  # wrong credentials change nothing
            await admin.AddExtension(admin_rr.AddExtensionRequest(extension="41105"))
        resp = await client.request({**add, "id": "47", "request": "delextension"})
        assert (resp["result"] == "success") == valid
        assert ("41105" in await _configured(stack)) != valid
    finally:
        await client.close()
