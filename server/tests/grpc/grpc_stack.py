"""The whole stack on real sockets for gRPC tests: the simulated switch, the server, and a channel to it.

Test modules import what they need from here (`from grpc_stack import Stack, stack_config`); conftest.py only
re-exports the `stack` fixture, because several test folders have a conftest.py and imports by that name clash.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import grpc
import pytest
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from callwire_csta.link import Endpoint, LinkConfig
from callwire_server.app import RunningServer, start_server
from callwire_server.config import GrpcConfig, ServerConfig
from callwire_sim.site import demo_site
from callwire_sim.switch import Switch
from callwire_sim.transport import SimulatorServer

DEMO_STATIONS = (
    *(str(n) for n in range(101, 111)),
    "60123",
    "61450",
    "61451",
    "66711",
    "66820",
    "66910",
)
PHANTOMS = tuple(str(n) for n in range(41101, 41111))


def memory_exporter() -> InMemorySpanExporter:
    """Spans of this process into memory; reuses an SDK provider another test already installed."""
    provider = trace.get_tracer_provider()
    if not isinstance(provider, TracerProvider):
        provider = TracerProvider()
        trace.set_tracer_provider(provider)
    exporter = InMemorySpanExporter()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    return exporter


@dataclass
class Stack:
    sim: SimulatorServer
    switch: Switch
    server: RunningServer
    channel: grpc.aio.Channel

    @property
    def core(self):  # type: ignore[no-untyped-def]
        return self.server.core


def stack_config(tmp_path: Path, sim_port: int, **overrides: object) -> ServerConfig:
    link = LinkConfig(
        endpoints=(Endpoint("127.0.0.1", sim_port, name="sim"),),
        username="ctiuser",
        password="ctipass",
        request_timeout=3.0,
        connect_timeout=2.0,
    )
    values: dict[str, object] = {
        "grpc": GrpcConfig(address="127.0.0.1:0", require_api_key=False),
        "link": link,
        "store_url": f"sqlite+aiosqlite:///{tmp_path}/callwire.db",
        "data_dir": tmp_path,
        "phantom_devices": PHANTOMS,
        "monitor": DEMO_STATIONS,
    }
    values.update(overrides)
    return ServerConfig(**values)  # type: ignore[arg-type]


class Clock:
    """A settable clock for the store (`running_stack(clock=...)`): expiry tests advance it instead of sleeping."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@contextlib.asynccontextmanager
async def running_stack(tmp_path: Path, *, clock: Clock | None = None) -> AsyncIterator[Stack]:
    switch = Switch(demo_site())
    sim = SimulatorServer(switch, port=0)
    server = None
    channel = None
    try:
        await sim.start()
        if clock is None:
            server = await start_server(stack_config(tmp_path, sim.port))
        else:
            server = await start_server(stack_config(tmp_path, sim.port), clock=clock)
        channel = grpc.aio.insecure_channel(f"127.0.0.1:{server.port}")
        yield Stack(sim, switch, server, channel)
    finally:
        if channel is not None:
            await channel.close()
        if server is not None:
            await server.stop(grace=0.5)
        await sim.stop()
        switch.close()


@pytest.fixture
async def stack(tmp_path: Path) -> AsyncIterator[Stack]:
    async with running_stack(tmp_path) as running:
        yield running
