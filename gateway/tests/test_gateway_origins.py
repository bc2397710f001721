"""Web pages of other origins cannot use the gateway (no cross-site calls on a user's phone), while clients
that send no Origin (curl, server-side legacy clients) and the softphone's own page keep working."""

from __future__ import annotations

import json
from typing import Any

import aiohttp
import pytest
from gwstack import Stack
from websockets.asyncio.client import connect
from websockets.exceptions import InvalidStatus

from callwire_gateway.app import Limits, start_gateway
from callwire_gateway.origins import OriginPolicy

EVIL = "http://evil.example"


async def _get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, Any], Any]:
    async with aiohttp.ClientSession() as http, http.get(url, headers=headers or {}) as resp:
        return resp.status, dict(resp.headers), await resp.json()


async def test_rest_refuses_other_origins_and_cross_site_requests(stack: Stack) -> None:
    makecall = f"{stack.rest_url}/makecall?id=1&extension=101&destination=67896789"
    own = f"http://127.0.0.1:{stack.gateway.rest_port}"
    for headers in (
        {"Origin": EVIL},
        {"Origin": "null"},
        {"Sec-Fetch-Site": "cross-site"},  # an <img src> on another page sends no Origin
        {"Sec-Fetch-Site": "same-site"},
        # DNS rebinding: the attacker's name pointed at the gateway; Host and Origin agree but name no address.
        {"Origin": f"http://evil.example:{stack.gateway.rest_port}", "Host": f"evil.example:{stack.gateway.rest_port}"},
    ):
        status, answer_headers, body = await _get(makecall, headers)
        assert status == 403, headers
        assert body["result"] == "fail"
        assert body["error"].startswith("permission denied: ")
        assert "Access-Control-Allow-Origin" not in answer_headers
    snapshot = f"{stack.rest_url}/snapshot?id=2&extension=101"
    status, _, body = await _get(snapshot)  # no Origin: curl and server-side clients
    assert status == 200
    assert body["numcall"] == 0  # none of the refused makecalls reached the server
    status, answer_headers, body = await _get(snapshot, {"Origin": own, "Sec-Fetch-Site": "same-origin"})
    assert status == 200
    assert answer_headers["Access-Control-Allow-Origin"] == own
    assert "*" not in answer_headers.values()
    async with aiohttp.ClientSession() as http:
        async with http.options(makecall, headers={"Origin": EVIL, "Access-Control-Request-Method": "GET"}) as resp:
            assert resp.status == 403
            assert "Access-Control-Allow-Origin" not in resp.headers
        async with http.options(makecall, headers={"Origin": own, "Access-Control-Request-Method": "POST"}) as resp:
            assert resp.status == 204
            assert resp.headers["Access-Control-Allow-Origin"] == own
        body = json.dumps({"id": "3", "request": "makecall", "extension": "101", "destination": "67896789"})
        async with http.post(f"{stack.rest_url}/", data=body, headers={"Origin": EVIL}) as resp:
            assert resp.status == 403


async def test_websocket_refuses_other_origins(stack: Stack) -> None:
    with pytest.raises(InvalidStatus) as refused:
        await connect(stack.ws_url, origin=EVIL)  # type: ignore[arg-type]
    assert refused.value.response.status_code == 403
    assert b"permission denied: origin 'http://evil.example'" in refused.value.response.body
    # The softphone's page (served on the REST port of the same host) and clients without Origin connect.
    for origin in (f"http://127.0.0.1:{stack.gateway.rest_port}", None):
        ws = await connect(stack.ws_url, origin=origin)  # type: ignore[arg-type]
        try:
            await ws.send(json.dumps({"id": "1", "request": "svrinfo"}))
            assert json.loads(await ws.recv())["result"] == "success"
        finally:
            await ws.close()


async def test_listed_origins_are_allowed(stack: Stack) -> None:
    crm = "https://crm.example.net"
    gateway = await start_gateway(
        grpc_target=f"127.0.0.1:{stack.server.port}",
        rest_port=0,
        ws_port=0,
        limits=Limits(access_ttl=0.0),
        allowed_origins=[crm],
    )
    try:
        status, headers, _ = await _get(f"http://127.0.0.1:{gateway.rest_port}/svrinfo", {"Origin": crm})
        assert status == 200
        assert headers["Access-Control-Allow-Origin"] == crm
        ws = await connect(f"ws://127.0.0.1:{gateway.ws_port}/", origin=crm)  # type: ignore[arg-type]
        await ws.close()
        status, _, _ = await _get(f"http://127.0.0.1:{gateway.rest_port}/svrinfo", {"Origin": EVIL})
        assert status == 403
    finally:
        await gateway.stop()


def test_a_bad_allowed_origin_is_refused_at_start() -> None:
    with pytest.raises(ValueError, match="is not an origin"):
        OriginPolicy(["crm.example.net/path"])
