"""The whole stack on real sockets: the simulated switch (demo site), the server and the legacy gateway.

Mirrors `server/tests/grpc/conftest.py`, plus a gateway on free ports. Tests talk to the gateway only with
`websockets` and `aiohttp` clients; the server and simulator are never mocked.

Test modules import these helpers from here (`from gwstack import ...`); conftest.py only re-exports the
`stack` fixture, because several test folders have a conftest.py and imports by that name would clash.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import grpc
import pytest
from websockets.asyncio.client import ClientConnection, connect

from callwire_gateway.app import Gateway, Limits, start_gateway
from callwire_server.app import RunningServer, start_server
from callwire_server.config import ServerConfig
from callwire_sim.site import demo_site
from callwire_sim.switch import Switch
from callwire_sim.transport import SimulatorServer
from callwire_testkit.demo import DEMO_STATIONS, server_config

#: The demo stations, and 111 (a station the gateway tests also watch).
GATEWAY_STATIONS = (*DEMO_STATIONS[:10], "111", *DEMO_STATIONS[10:])
REFERENCE = json.loads((Path(__file__).parents[2] / "tests" / "data" / "reference.json").read_text(encoding="utf-8"))


@dataclass
class Stack:
    sim: SimulatorServer
    switch: Switch
    server: RunningServer
    gateway: Gateway
    channel: grpc.aio.Channel

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.gateway.ws_port}/"

    @property
    def rest_url(self) -> str:
        return f"http://127.0.0.1:{self.gateway.rest_port}"


def stack_config(tmp_path: Path, sim_port: int) -> ServerConfig:
    return server_config(tmp_path, sim_port, monitor=GATEWAY_STATIONS)


async def make_stack(tmp_path: Path, limits: Limits | None = None) -> Stack:
    switch = Switch(demo_site())
    sim = SimulatorServer(switch, port=0)
    server: RunningServer | None = None
    gateway: Gateway | None = None
    try:
        await sim.start()
        server = await start_server(stack_config(tmp_path, sim.port))
        gateway = await start_gateway(
            grpc_target=f"127.0.0.1:{server.port}", rest_port=0, ws_port=0, limits=limits or Limits(access_ttl=0.0)
        )
        await asyncio.wait_for(gateway.feed.connected.wait(), 60.0)
    except BaseException:
        # Half a stack must not outlive a failed start: its ports and tasks would fail the next test.
        if gateway is not None:
            await gateway.stop()
        if server is not None:
            await server.stop(grace=0.5)
        await sim.stop()
        switch.close()
        raise
    channel = grpc.aio.insecure_channel(f"127.0.0.1:{server.port}")
    return Stack(sim, switch, server, gateway, channel)


async def close_stack(stack: Stack) -> None:
    try:
        await stack.gateway.stop()
        await stack.channel.close()
        await stack.server.stop(grace=0.5)
    finally:
        await stack.sim.stop()
        stack.switch.close()


@pytest.fixture
async def stack(tmp_path: Path) -> AsyncIterator[Stack]:
    s = await make_stack(tmp_path)
    try:
        yield s
    finally:
        await close_stack(s)


class Client:
    """A legacy WebSocket client: send requests, read responses and events separately."""

    def __init__(self, ws: ClientConnection) -> None:
        self.ws = ws
        self.events: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.responses: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self._reader = asyncio.get_running_loop().create_task(self._read())

    async def _read(self) -> None:
        async for text in self.ws:
            msg = json.loads(text)
            (self.events if msg.get("msgtype") == "event" else self.responses).put_nowait(msg)

    async def request(self, body: dict[str, Any] | str, timeout: float = 60.0) -> dict[str, Any]:
        await self.ws.send(body if isinstance(body, str) else json.dumps(body))
        return await asyncio.wait_for(self.responses.get(), timeout)

    async def event(self, eventtype: str | None = None, timeout: float = 60.0) -> dict[str, Any]:
        while True:
            msg = await asyncio.wait_for(self.events.get(), timeout)
            if eventtype is None or msg["eventtype"] == eventtype:
                return msg

    def drain_events(self) -> list[dict[str, Any]]:
        out = []
        while not self.events.empty():
            out.append(self.events.get_nowait())
        return out

    async def close(self) -> None:
        self._reader.cancel()
        await self.ws.close()


async def open_client(stack: Stack, **kwargs: Any) -> Client:
    return Client(await connect(stack.ws_url, **kwargs))
