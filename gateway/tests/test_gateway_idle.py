"""Idle WebSocket connections do not last: pings close dead peers, a connection with nothing to do is closed,
one address cannot hold more than its share; clients that only listen for events stay."""

from __future__ import annotations

import asyncio
import base64
import json
import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from gwstack import Stack, close_stack, make_stack, open_client
from websockets.exceptions import InvalidStatus

from callwire_gateway.app import Limits
from callwire_testkit import until

GOOD = {"id": "1", "request": "svrinfo"}


@pytest.fixture
async def brisk(tmp_path: Path) -> AsyncIterator[Stack]:
    limits = Limits(
        access_ttl=0.0, idle_timeout=0.5, ping_interval=0.3, ping_timeout=0.3, max_connections_per_address=3
    )
    s = await make_stack(tmp_path, limits)
    try:
        yield s
    finally:
        await close_stack(s)


@pytest.fixture
async def capped(tmp_path: Path) -> AsyncIterator[Stack]:
    """Only the per-address cap is small: with the default (long) idle timeout and ping interval, a loaded
    machine that is slow to open the connections cannot have them idled out or pinged dead meanwhile."""
    s = await make_stack(tmp_path, Limits(access_ttl=0.0, max_connections_per_address=3))
    try:
        yield s
    finally:
        await close_stack(s)


async def _closed(client: object, timeout: float = 15.0) -> None:
    ws = client.ws  # type: ignore[attr-defined]
    await asyncio.wait_for(ws.wait_closed(), timeout)


async def test_a_connection_with_nothing_to_do_is_closed_a_listener_stays(brisk: Stack) -> None:
    listener = await open_client(brisk)
    idle = await open_client(brisk)
    try:
        resp = await listener.request({"id": "m", "request": "startmonitor", "extension": "101"})
        assert resp["result"] == "success"
        await _closed(idle)
        assert idle.ws.close_code == 1008
        assert idle.ws.close_reason == "idle: no request and no monitored extension for 0.5 s"
        # Another full idle period, measured by a second idle connection: the silent listener is still served.
        later = await open_client(brisk)
        try:
            await _closed(later)
        finally:
            await later.close()
        assert (await listener.request(GOOD))["result"] == "success"
    finally:
        await listener.close()
        await idle.close()


async def test_a_peer_that_does_not_answer_pings_is_closed(brisk: Stack) -> None:
    # A raw client: completes the upgrade, monitors an extension (so it is not idle), then never answers a ping.
    reader, writer = await asyncio.open_connection("127.0.0.1", brisk.gateway.ws_port)
    try:
        key = base64.b64encode(os.urandom(16)).decode()
        writer.write(
            (
                f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{brisk.gateway.ws_port}\r\nUpgrade: websocket\r\n"
                f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
            ).encode()
        )
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 10)
        assert head.startswith(b"HTTP/1.1 101")
        payload = json.dumps({"id": "m", "request": "startmonitor", "extension": "102"}).encode()
        mask = os.urandom(4)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        writer.write(bytes([0x81, 0x80 | len(payload)]) + mask + masked)
        await writer.drain()
        # The gateway pings, gets no pong, and closes the TCP connection: read until EOF.
        while await asyncio.wait_for(reader.read(4096), 15):
            pass
        await until(lambda: not brisk.gateway.clients)
    finally:
        writer.close()


async def test_one_address_holds_a_limited_number_of_connections(capped: Stack) -> None:
    clients = []
    try:
        for _ in range(3):  # appended one by one: the ones opened are closed even if a later one fails
            clients.append(await open_client(capped))
        for c in clients:
            resp = await c.request({"id": "m", "request": "startmonitor", "extension": "103"})  # not idle
            assert resp["result"] == "success"
        with pytest.raises(InvalidStatus) as refused:
            await open_client(capped)
        assert refused.value.response.status_code == 429
        assert b"already holds 3 WebSocket connections" in refused.value.response.body
        await clients.pop().close()
        await until(lambda: capped.gateway.connections_by_address.get("127.0.0.1", 0) < 3)
        clients.append(await open_client(capped))
        assert (await clients[-1].request(GOOD))["result"] == "success"
    finally:
        for c in clients:
            await c.close()
