"""Failover drills as an operator runs them: faults issued with `callwire-sim fault` to the simulator's control
port, against `callwire up` in its own process and against a server with two switch endpoints."""

from __future__ import annotations

import asyncio
import contextlib
import re
from collections.abc import AsyncIterator
from pathlib import Path

import grpc
import pytest

from callwire.common.v1 import enums_pb2 as common_enums
from callwire.events.v1 import enums_pb2 as ev_enums
from callwire.events.v1 import request_response_pb2 as rr
from callwire.events.v1 import service_pb2_grpc as ev_grpc
from callwire.station.v1 import request_response_pb2 as station_rr
from callwire.station.v1 import service_pb2_grpc as station_grpc
from callwire_csta.link import Endpoint, LinkConfig
from callwire_server.app import start_server
from callwire_sim.control import ControlServer
from callwire_sim.site import demo_site
from callwire_sim.switch import Switch
from callwire_sim.transport import SimulatorServer
from callwire_testkit import python_module, run, start
from callwire_testkit.demo import server_config

# The tests start Python processes; on a busy machine one start can take seconds, so the suite's per-test
# bound (meant to catch hangs) would cut a passing test short.
pytestmark = pytest.mark.timeout(600)

WAIT = 120.0  # a bound for a failing test; process starts on a busy machine take seconds
UP, DOWN = common_enums.LINK_STATE_UP, common_enums.LINK_STATE_DOWN


async def fault(control_port: int, *words: str) -> str:
    """`callwire-sim fault WORDS --control 127.0.0.1:PORT` in its own process; its answer line."""
    done = await run(python_module("callwire_sim.cli", "fault", *words, "--control", f"127.0.0.1:{control_port}"))
    assert done.returncode == 0, done.err
    return done.out.strip()


class LinkWatch:
    """The link-state events of a StreamEvents call, read in the background."""

    def __init__(self, channel: grpc.aio.Channel) -> None:
        request = rr.StreamEventsRequest(all_devices=True, include_snapshot=True)
        self.call = ev_grpc.EventServiceStub(channel).StreamEvents(request)
        self.opened = asyncio.Event()
        self.changes: list[tuple[int, str]] = []
        self._changed = asyncio.Event()
        self.task = asyncio.create_task(self._run())

    async def _run(self) -> None:
        with contextlib.suppress(grpc.aio.AioRpcError, asyncio.CancelledError):
            async for item in self.call:
                self.opened.set()
                if item.HasField("event") and item.event.event_type == ev_enums.EVENT_TYPE_LINK_STATE_CHANGED:
                    change = item.event.link_state_changed
                    self.changes.append((change.state, change.endpoint))
                    self._changed.set()
        self._changed.set()

    async def until_up_after_down(self, since: int) -> str:
        """The endpoint the link came back UP on after it went DOWN, among the changes from index `since` on."""
        async with asyncio.timeout(WAIT):
            while True:
                changes = self.changes[since:]
                states = [state for state, _ in changes]
                if DOWN in states and UP in states[states.index(DOWN) :]:
                    return next(ep for state, ep in changes[states.index(DOWN) :] if state == UP)
                assert not self.task.done(), "the event stream ended"
                self._changed.clear()
                await self._changed.wait()

    async def close(self) -> None:
        self.call.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self.task


async def station_works(channel: grpc.aio.Channel) -> None:
    """A request succeeds once the link is back (requests while it is down are refused, not queued)."""
    station = station_grpc.StationServiceStub(channel)
    async with asyncio.timeout(WAIT):
        while True:
            try:
                await station.SetMessageWaiting(station_rr.SetMessageWaitingRequest(extension="101", enabled=True))
                return
            except grpc.aio.AioRpcError as exc:
                if exc.code() not in (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED):
                    raise
            await asyncio.sleep(0.05)


@contextlib.asynccontextmanager
async def callwire_up(data_dir: Path) -> AsyncIterator[tuple[int, int]]:
    """`callwire up` in its own process on free ports: yields (gRPC port, simulator control port)."""
    up = await start(
        "callwire up",
        python_module(
            "callwire_server.cli",
            "up",
            *("--grpc", "127.0.0.1:0", "--sim-port", "0", "--sim-control-port", "0", "--no-gateway"),
            *("--data-dir", str(data_dir)),
        ),
    )
    try:
        banner = await up.wait_for(lambda out: "Ctrl-C stops." in out, "its banner", stdout_only=True, timeout=WAIT)
        grpc_port = re.search(r"gRPC server: +127\.0\.0\.1:(\d+)", banner)
        control_port = re.search(r"fault control: +127\.0\.0\.1:(\d+)", banner)
        assert grpc_port, banner
        assert control_port, banner
        yield int(grpc_port.group(1)), int(control_port.group(1))
    finally:
        await up.stop(timeout=WAIT)


async def test_a_drop_through_the_control_port_makes_callwire_up_reconnect(tmp_path: Path) -> None:
    async with callwire_up(tmp_path) as (grpc_port, control_port):
        channel = grpc.aio.insecure_channel(f"127.0.0.1:{grpc_port}")
        watch = LinkWatch(channel)
        try:
            await station_works(channel)
            await asyncio.wait_for(watch.opened.wait(), WAIT)
            since = len(watch.changes)
            assert await fault(control_port, "drop") == "ok dropped 1 connection(s)"
            await watch.until_up_after_down(since)
            await station_works(channel)
            since = len(watch.changes)
            assert await fault(control_port, "end-session") == "ok ended 1 session(s)"
            await watch.until_up_after_down(since)
            await station_works(channel)
        finally:
            await watch.close()
            await channel.close()


async def test_a_refused_endpoint_makes_the_link_fail_over_to_the_next(tmp_path: Path) -> None:
    switch = Switch(demo_site())
    first, second = SimulatorServer(switch, port=0), SimulatorServer(switch, port=0)
    controls = [ControlServer(first, port=0), ControlServer(second, port=0)]
    server = None
    try:
        for sim in (first, second):
            await sim.start()
        for control in controls:
            await control.start()
        config = server_config(tmp_path, first.port)
        link = LinkConfig(
            endpoints=(Endpoint("127.0.0.1", first.port, name="aes1"), Endpoint("127.0.0.1", second.port, name="aes2")),
            username=config.link.username,
            password=config.link.password,
            request_timeout=config.link.request_timeout,
            connect_timeout=config.link.connect_timeout,
        )
        server = await start_server(server_config(tmp_path, first.port, link=link))
        async with grpc.aio.insecure_channel(f"127.0.0.1:{server.port}") as channel:
            await station_works(channel)
            watch = LinkWatch(channel)
            try:
                await asyncio.wait_for(watch.opened.wait(), WAIT)
                assert await fault(controls[0].port, "refuse", "on") == "ok refusing connections until refuse off"
                assert await fault(controls[0].port, "drop") == "ok dropped 1 connection(s)"
                assert await watch.until_up_after_down(0) == f"127.0.0.1:{second.port}"
                await station_works(channel)
                assert len(second.connections) == 1
                assert not first.connections
            finally:
                await watch.close()
    finally:
        if server is not None:
            await server.stop(grace=0.5)
        for control in controls:
            await control.stop()
        for sim in (first, second):
            await sim.stop()
        switch.close()
