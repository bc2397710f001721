"""The gateway on a server that requires keys, with a key of the gateway role: the legacy protocol works, the
access rules are read (nothing fails open or closed by mistake), and the key cannot be borrowed for
administration; the server applies the rules to the legacy client the gateway names."""

from __future__ import annotations

import asyncio
import dataclasses
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import grpc
import pytest
from gwstack import stack_config
from websockets.asyncio.client import connect

from callwire.admin.v1 import enums_pb2 as admin_enums
from callwire.admin.v1 import message_pb2 as admin_msg
from callwire.admin.v1 import request_response_pb2 as admin_rr
from callwire.admin.v1 import service_pb2_grpc as admin_grpc
from callwire_gateway.app import Gateway, Limits, start_gateway
from callwire_server.app import RunningServer, start_server
from callwire_server.config import GrpcConfig
from callwire_server.store import Role
from callwire_sim.switch import Switch
from callwire_testkit.demo import demo_simulator


@dataclass
class Keyed:
    server: RunningServer
    gateway: Gateway
    switch: Switch
    channel: grpc.aio.Channel
    gateway_key: str
    admin_key: str


@pytest.fixture
async def keyed(tmp_path: Path) -> AsyncIterator[Keyed]:
    async with demo_simulator() as sim:
        config = dataclasses.replace(
            stack_config(tmp_path, sim.port), grpc=GrpcConfig(address="127.0.0.1:0", require_api_key=True)
        )
        server = await start_server(config)
        try:
            gateway_key = (await server.core.store.create_api_key("legacy-gateway", Role.GATEWAY)).secret
            admin_key = (await server.core.store.create_api_key("ops", Role.ADMIN)).secret
            gateway = await start_gateway(
                grpc_target=f"127.0.0.1:{server.port}",
                rest_port=0,
                ws_port=0,
                api_key=gateway_key,
                limits=Limits(access_ttl=0.0),
            )
            channel = grpc.aio.insecure_channel(f"127.0.0.1:{server.port}")
            try:
                await asyncio.wait_for(gateway.feed.connected.wait(), 60.0)
                yield Keyed(server, gateway, sim.switch, channel, gateway_key, admin_key)
            finally:
                await channel.close()
                await gateway.stop()
        finally:
            await server.stop(grace=0.5)


def _md(key: str, client: str | None = None) -> tuple[tuple[str, str], ...]:
    md = (("authorization", f"Bearer {key}"),)
    return (*md, ("x-callwire-client-address", client)) if client else md


async def test_the_legacy_protocol_works_with_a_gateway_key(keyed: Keyed) -> None:
    keyed.switch.far_end.script("67896789", answer_after_ms=50)
    ws = await connect(f"ws://127.0.0.1:{keyed.gateway.ws_port}/")
    try:

        async def request(body: dict[str, str]) -> dict[str, object]:
            await ws.send(json.dumps(body))
            while True:
                msg = json.loads(await asyncio.wait_for(ws.recv(), 10))
                if msg.get("msgtype") == "response":
                    return msg  # type: ignore[no-any-return]

        assert (await request({"id": "1", "request": "svrinfo"}))["result"] == "success"
        assert (await request({"id": "2", "request": "startmonitor", "extension": "101"}))["result"] == "success"
        made = await request({"id": "3", "request": "makecall", "extension": "101", "destination": "67896789"})
        assert made["result"] == "success", made
        while True:  # events of the monitored extension arrive through the gateway's own event stream
            event = json.loads(await asyncio.wait_for(ws.recv(), 10))
            if event.get("msgtype") == "event":
                break
        assert (await request({"id": "4", "request": "hangup", "extension": "101"}))["result"] == "success"
    finally:
        await ws.close()
    async with aiohttp.ClientSession() as http, http.get(f"http://127.0.0.1:{keyed.gateway.rest_port}/svrinfo") as r:
        assert r.status == 200


async def test_the_gateway_key_cannot_administer_and_the_server_checks_its_clients(keyed: Keyed) -> None:
    admin = admin_grpc.AdminServiceStub(keyed.channel)
    deny = admin_msg.AccessRule(kind=admin_enums.ACCESS_RULE_KIND_DENY, address="10.9.9.9")
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await admin.AddAccessRule(admin_rr.AddAccessRuleRequest(rule=deny), metadata=_md(keyed.gateway_key))
    assert refused.value.code() == grpc.StatusCode.PERMISSION_DENIED
    await admin.AddAccessRule(admin_rr.AddAccessRuleRequest(rule=deny), metadata=_md(keyed.admin_key))
    info = admin_rr.GetServerInfoRequest()
    await admin.GetServerInfo(info, metadata=_md(keyed.gateway_key, "10.1.1.1"))
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await admin.GetServerInfo(info, metadata=_md(keyed.gateway_key, "10.9.9.9"))
    assert refused.value.code() == grpc.StatusCode.PERMISSION_DENIED
    # The gateway read the rules with its key: a denied legacy client is refused by the gateway itself too.
    await admin.AddAccessRule(
        admin_rr.AddAccessRuleRequest(
            rule=admin_msg.AccessRule(kind=admin_enums.ACCESS_RULE_KIND_DENY, address="127.0.0.1")
        ),
        metadata=_md(keyed.admin_key),
    )
    async with aiohttp.ClientSession() as http, http.get(f"http://127.0.0.1:{keyed.gateway.rest_port}/svrinfo") as r:
        body = await r.json()
    assert r.status == 403
    assert body["error"] == "permission denied: address 127.0.0.1 is on the deny list"


async def test_addextension_and_delextension_work_through_a_gateway_key_with_the_console_credentials(
    keyed: Keyed,
) -> None:
    """The legacy console's writes through the gateway's key: the gateway passes on the credentials its client gave
    and the server checks them itself; wrong ones change nothing."""
    admin = admin_grpc.AdminServiceStub(keyed.channel)
    ops = _md(keyed.admin_key)

    async def encrypted(password: str) -> str:
        answer = await admin.EncryptPassword(admin_rr.EncryptPasswordRequest(password=password), metadata=ops)
        return str(answer.encrypted_password)

    async def stored() -> set[str]:
        listed = await admin.ListExtensions(admin_rr.ListExtensionsRequest(), metadata=ops)
        return {e.extension for e in listed.extensions if e.source == admin_enums.EXTENSION_SOURCE_STORE}

    right, wrong = await encrypted("tcpgate01"), await encrypted("WRONG")
    ws = await connect(f"ws://127.0.0.1:{keyed.gateway.ws_port}/")
    try:

        async def request(body: dict[str, str]) -> dict[str, object]:
            await ws.send(json.dumps(body))
            while True:
                msg = json.loads(await asyncio.wait_for(ws.recv(), 10))
                if msg.get("msgtype") == "response":
                    return msg  # type: ignore[no-any-return]

        # A phantom device: every station of the demo site is configured, and configured wins as the source.
        add = {"request": "addextension", "extension": "41105", "username": "tcpgate"}
        for n, (username, passwd) in enumerate((("tcpgate", wrong), ("root", right))):
            refused = await request({**add, "id": f"w{n}", "username": username, "passwd": passwd})
            assert refused["result"] == "fail", refused
            assert str(refused["error"]).startswith("unauthenticated"), refused
            assert "41105" not in await stored()
        added = await request({**add, "id": "1", "passwd": right})
        assert added["result"] == "success", added
        assert "41105" in await stored()
        refused = await request({**add, "id": "2", "request": "delextension", "passwd": wrong})
        assert refused["result"] == "fail", refused
        assert "41105" in await stored()
        deleted = await request({**add, "id": "3", "request": "delextension", "passwd": right})
        assert deleted["result"] == "success", deleted
        assert "41105" not in await stored()
    finally:
        await ws.close()
    # The same over REST.
    rest = f"http://127.0.0.1:{keyed.gateway.rest_port}"
    async with aiohttp.ClientSession() as http:
        for name, present in (("addextension", True), ("delextension", False)):
            query = {"extension": "41105", "username": "tcpgate", "passwd": right}
            async with http.get(f"{rest}/{name}", params=query) as r:
                body = await r.json(content_type=None)
            assert r.status == 200, body
            assert body["result"] == "success", body
            assert ("41105" in await stored()) == present
