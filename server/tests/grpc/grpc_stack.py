"""The whole stack on real sockets for gRPC tests: the simulated switch, the server, and a channel to it.

Test modules import what they need from here (`from grpc_stack import Stack, running_stack`) and the demo
world's config from `callwire_testkit.demo`; conftest.py only re-exports the `stack` fixture, because several
test folders have a conftest.py and imports by that name clash.
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

from callwire_server.app import RunningServer, start_server
from callwire_sim.switch import Switch
from callwire_sim.transport import SimulatorServer
from callwire_testkit.demo import demo_simulator, server_config


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


class Clock:
    """A settable clock for the store (`running_stack(clock=...)`): expiry tests advance it instead of sleeping."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@contextlib.asynccontextmanager
async def running_stack(tmp_path: Path, *, clock: Clock | None = None, **overrides: object) -> AsyncIterator[Stack]:
    """The demo simulator and a server for it (`overrides` replace fields of its config), a channel to the server;
    all closed after the block, whatever happens."""
    async with demo_simulator() as sim:
        server = None
        channel = None
        try:
            config = server_config(tmp_path, sim.port, **overrides)
            server = await (start_server(config) if clock is None else start_server(config, clock=clock))
            channel = grpc.aio.insecure_channel(f"127.0.0.1:{server.port}")
            yield Stack(sim, sim.switch, server, channel)
        finally:
            if channel is not None:
                await channel.close()
            if server is not None:
                await server.stop(grace=0.5)


@pytest.fixture
async def stack(tmp_path: Path) -> AsyncIterator[Stack]:
    async with running_stack(tmp_path) as running:
        yield running
