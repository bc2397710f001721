"""Bad input never kills the gateway or another client; each gets the fail envelope naming the problem."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import os
import socket
import time
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from gwstack import Client, Stack, close_stack, make_stack, open_client

from callwire_gateway.app import Limits
from callwire_testkit import until

GOOD = {"id": "ok", "request": "querydevicename", "extension": "101"}

CASES: list[tuple[str, str, str]] = [
    ("typographic quotes", "{“id”: “1”, “request”: “svrinfo”}", "typographic quotes"),
    ("unquoted keys", '{id: "46", request: "addextension"}', "keys must be quoted"),
    ("truncated", '{"id": "1", "request": "svrinfo"', "not valid JSON"),
    ("not an object", '["svrinfo"]', "must be a JSON object"),
    ("no request", '{"id": "1"}', "missing field `request`"),
    ("unknown request", '{"id": "1", "request": "selfdestruct"}', "unknown request 'selfdestruct'"),
    ("request not a string", '{"id": "1", "request": 5}', "field `request` must be a string"),
    ("missing field", '{"id": "1", "request": "makecall", "extension": "101"}', "missing field `destination`"),
    ("mistyped field", '{"id": "1", "request": "hold", "extension": {"x": 1}}', "field `extension` must be a string"),
    (
        "mistyped number",
        '{"id": "1", "request": "setstate", "extension": "101", "state": "aux", "reasoncode": "x"}',
        "field `reasoncode` must be a number",
    ),
    (
        "bad choice",
        '{"id": "1", "request": "setstate", "extension": "101", "state": "sleepy"}',
        "field `state` must be one of",
    ),
    (
        "bad flag",
        '{"id": "1", "request": "setdonotdisturb", "extension": "101", "dnd": "maybe"}',
        'field `dnd` must be "true" or "false"',
    ),
    ("bad extension", '{"id": "1", "request": "hold", "extension": "1 01"}', "is not an extension"),
    ("empty field", '{"id": "1", "request": "hold", "extension": ""}', "field `extension` is empty"),
    ("unknown extension", '{"id": "1", "request": "querydevicename", "extension": "999"}', "unknown extension"),
    ("no active call", '{"id": "1", "request": "hold", "extension": "104"}', "no active call"),
    ("not UTF-8", "\udcff", "not UTF-8"),
]


@pytest.mark.parametrize(("text", "needle"), [(t, n) for _, t, n in CASES], ids=[c[0] for c in CASES])
async def test_bad_input_over_websocket_keeps_the_connection(stack: Stack, text: str, needle: str) -> None:
    client = await open_client(stack)
    try:
        payload: str | bytes = text.encode("utf-8", "surrogateescape") if "\udcff" in text else text
        await client.ws.send(payload)
        resp = await asyncio.wait_for(client.responses.get(), 60)
        assert list(resp)[:3] == ["msgtype", "id", "result"]
        assert resp["result"] == "fail"
        assert needle in resp["error"], resp
        assert (await client.request(GOOD))["result"] == "success"  # the connection is still good
    finally:
        await client.close()


async def test_bad_input_over_rest_with_status_codes(stack: Stack) -> None:
    async with aiohttp.ClientSession() as http:
        for text, status in (
            ("{“id”: “1”}", 400),
            ('{"id": "1", "request": "makecall", "extension": "101"}', 400),
            ('{"id": "1", "request": "querydevicename", "extension": "999"}', 404),
            ('{"id": "1", "request": "hold", "extension": "104"}', 409),
            ("x" * 70_000, 413),
        ):
            async with http.post(f"{stack.rest_url}/", data=text) as resp:
                body = await resp.json()
                assert resp.status == status, (text[:80], body)
                assert body["result"] == "fail"
                assert body["error"]
        async with http.get(f"{stack.rest_url}/selfdestruct?id=3") as resp:
            assert resp.status == 400
            assert (await resp.json())["id"] == "3"
        own = {"Origin": f"http://127.0.0.1:{stack.gateway.rest_port}"}
        async with http.options(f"{stack.rest_url}/makecall", headers=own) as resp:
            assert resp.status == 204
            assert "traceparent" in resp.headers["Access-Control-Allow-Headers"]


async def test_oversized_message_answered_and_connection_kept(stack: Stack) -> None:
    client = await open_client(stack)
    try:
        big = json.dumps({"id": "big", "request": "userdata", "type": "set", "data": "x" * 70_000})
        resp = await client.request(big)
        assert resp["result"] == "fail"
        assert "exceeds the 65536-byte limit" in resp["error"]
        assert (await client.request(GOOD))["result"] == "success"
    finally:
        await client.close()


@pytest.fixture
async def tight(tmp_path: Path) -> AsyncIterator[Stack]:
    s = await make_stack(tmp_path, Limits(rate=1, burst=5, queue_size=40, access_ttl=0.0))
    try:
        yield s
    finally:
        await close_stack(s)


async def test_flood_is_rate_limited_per_connection(tight: Stack) -> None:
    flooder, other = await open_client(tight), await open_client(tight)
    try:
        started = time.monotonic()
        for _ in range(30):
            await flooder.ws.send(json.dumps(GOOD))
        answers = [await asyncio.wait_for(flooder.responses.get(), 60) for _ in range(30)]
        elapsed = time.monotonic() - started
        limited = [a for a in answers if a["result"] == "fail"]
        # The bucket refills at 1 request/s while the answers come: on a busy machine more of them succeed.
        assert 30 - len(limited) <= 5 + int(elapsed) + 1
        assert limited, "a flood of 30 requests was never refused"
        assert all(a["error"].startswith("too many requests") and a["id"] == "ok" for a in limited)
        assert (await other.request(GOOD))["result"] == "success"  # the other connection has its own budget
        await asyncio.sleep(1.0)  # a lower bound: at least one more token after it, however busy the machine
        assert (await flooder.request(GOOD))["result"] == "success"  # and the flooder recovers
    finally:
        await flooder.close()
        await other.close()


async def test_client_that_stops_reading_is_cut_off_without_hurting_others(tmp_path: Path) -> None:
    s = await make_stack(tmp_path, Limits(rate=10_000, burst=10_000, queue_size=20, access_ttl=0.0))
    good: Client | None = None
    sock = socket.socket()
    flood: asyncio.Task[None] | None = None
    try:
        good = await open_client(s)
        put = await good.request({"id": "u", "request": "userdata", "type": "set", "data": "y" * 4000})
        # A raw client that completes the upgrade and then never reads a byte.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        sock.setblocking(False)
        loop = asyncio.get_running_loop()
        await loop.sock_connect(sock, ("127.0.0.1", s.gateway.ws_port))
        key = base64.b64encode(os.urandom(16)).decode()
        upgrade = (
            f"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
        )
        await loop.sock_sendall(sock, upgrade.encode())
        get = json.dumps({"id": "g", "request": "userdata", "type": "get", "uui": put["uui"]}).encode()
        frame = bytes([0x81, 0x80 | len(get)]) + b"\0\0\0\0" + get  # masked with a zero key

        async def stuff() -> None:
            """Requests whose ~4 kB answers are never read, until the gateway cuts the connection: however long
            that takes on a busy machine, the test waits for the outcome, not for a number of round trips."""
            with contextlib.suppress(ConnectionError, OSError):
                while not s.gateway.slow_clients_dropped:
                    await loop.sock_sendall(sock, frame)
                    await asyncio.sleep(0)

        flood = asyncio.create_task(stuff())
        # While the slow client is being stuffed, the good one is answered.
        assert (await good.request(GOOD, timeout=60))["result"] == "success"
        # The gateway counts, it does not signal.
        await until(lambda: s.gateway.slow_clients_dropped, timeout=120, interval=0.05, what="the slow client dropped")
        assert s.gateway.slow_clients_dropped == 1
        assert (await good.request(GOOD, timeout=60))["result"] == "success"
    finally:
        if flood is not None:
            flood.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await flood
        sock.close()
        if good is not None:
            await good.close()
        await close_stack(s)
