"""Helpers of the link tests: the real simulated switch on a free port, link settings, event recorders.

(A module rather than a conftest.py: several test folders have a conftest and mypy sees them as one module.)
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from typing import Any, Generic, TypeVar

from callwire_csta.codec import (
    AnswerCall,
    AutoOriginate,
    ConnectionID,
    DeviceID,
    MakeCall,
    MakeCallResponse,
)
from callwire_csta.link import CstaLink, Endpoint, LinkConfig, LinkEvent, LinkState, LinkStateChange
from callwire_sim.site import demo_site
from callwire_sim.switch import Switch
from callwire_sim.transport import SimulatorServer

USER, PASSWORD = "ctiuser", "ctipass"
#: Generous bound for anything the tests wait for; every wait is an awaited condition, never a bare sleep.
WAIT = 30.0  # for conditions to be reached: a passing test never waits this long, a busy machine may need it

T = TypeVar("T")


@contextlib.asynccontextmanager
async def running_simulator(**kwargs: Any) -> AsyncIterator[SimulatorServer]:
    server = await new_simulator(**kwargs)
    try:
        yield server
    finally:
        await server.stop()


@contextlib.asynccontextmanager
async def running_link(*servers: SimulatorServer, **overrides: Any) -> AsyncIterator[CstaLink]:
    link = CstaLink(make_config(*servers, **overrides))
    await link.start()
    try:
        yield link
    finally:
        await link.stop()


async def new_simulator(**kwargs: Any) -> SimulatorServer:
    server = SimulatorServer(Switch(demo_site()), host="127.0.0.1", port=0, username=USER, password=PASSWORD, **kwargs)
    await server.start()
    return server


def make_config(*servers: SimulatorServer, **overrides: Any) -> LinkConfig:
    settings: dict[str, Any] = {
        "endpoints": tuple(Endpoint("127.0.0.1", s.port, name=f"sim{i}") for i, s in enumerate(servers)),
        "username": USER,
        "password": PASSWORD,
        "session_duration": 60.0,
        "session_cleanup_delay": 10,
        "request_timeout": 5.0,
        "connect_timeout": 5.0,
        "backoff_initial": 0.02,
        "backoff_max": 0.2,
    }
    settings.update(overrides)
    return LinkConfig(**settings)


class Recorder(Generic[T]):
    """Collects what a listener is given; `wait_for` awaits the first item matching a condition."""

    def __init__(self) -> None:
        self.items: list[T] = []
        self._waiters: list[tuple[Callable[[T], bool], asyncio.Future[T]]] = []

    def __call__(self, item: T) -> None:
        self.items.append(item)
        for entry in list(self._waiters):
            check, future = entry
            if not future.done() and check(item):
                future.set_result(item)
                self._waiters.remove(entry)

    async def wait_for(self, check: Callable[[T], bool], *, timeout: float = WAIT, since: int = 0) -> T:
        for item in self.items[since:]:
            if check(item):
                return item
        future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        self._waiters.append((check, future))
        return await asyncio.wait_for(future, timeout)


class Events(Recorder[LinkEvent]):
    async def event(self, extension: str, kind: str, *, since: int = 0) -> LinkEvent:
        return await self.wait_for(lambda e: e.extension == extension and kind == e.message.XML_TAG, since=since)

    def kinds(self, extension: str, *, since: int = 0) -> list[str]:
        return [e.message.XML_TAG for e in self.items[since:] if e.extension == extension]


class Trace(Recorder[tuple[str, int, bytes]]):
    def record(self, direction: str, invoke_id: int, xml: bytes) -> None:
        self((direction, invoke_id, xml))


class States(Recorder[LinkStateChange]):
    async def reach(self, state: LinkState, *, since: int = 0, timeout: float = WAIT) -> LinkStateChange:
        return await self.wait_for(lambda c: c.state is state, since=since, timeout=timeout)

    @property
    def sequence(self) -> list[LinkState]:
        return [c.state for c in self.items]


def device(link: CstaLink, extension: str) -> DeviceID:
    return DeviceID(value=link.device_id(extension), type_of_number=None, media_class=None)


async def place_call(link: CstaLink, events: Events, calling: str, called: str, *, since: int = 0) -> str:
    """MakeCall `calling` -> `called`, wait until it rings, answer it on `called`; returns the call ID."""
    answer = await link.request(
        MakeCall(
            calling_device=device(link, calling),
            called_directory_number=DeviceID(value=called, type_of_number=None, media_class=None),
            auto_originate=AutoOriginate.DO_NOT_PROMPT,
        )
    )
    assert isinstance(answer, MakeCallResponse)
    call_id = answer.calling_device.call_id
    assert call_id
    delivered = await events.event(called, "DeliveredEvent", since=since)
    connection: ConnectionID = delivered.message.connection  # type: ignore[attr-defined]
    await link.request(AnswerCall(call_to_be_answered=connection))
    await events.event(called, "EstablishedEvent", since=since)
    await events.event(calling, "EstablishedEvent", since=since)
    return call_id
