"""Helpers for driving the real simulated switch with codec messages: in-process, or over real TCP.

`Client` calls `Switch.handle` directly. `LinkClient` is the same client over the wire: a `CstaLink` (framing,
ECMA-354 session, invoke IDs) talks to a `SimulatorServer` on a background event loop, so every flow test of
this folder also proves the link and the transport carry each request, answer and event unchanged and in order.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import threading
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

import pytest

from callwire_csta import codec as c
from callwire_csta.link import CstaLink, CstaRequestError, Endpoint, LinkConfig
from callwire_sim.switch import Switch, SwitchError
from callwire_sim.transport import SimulatorServer

T = TypeVar("T")


def D(value: str) -> c.DeviceID:
    return c.DeviceID(value=value, type_of_number=None, media_class=None)


def C(call_id: int | str, device: str) -> c.ConnectionID:
    return c.ConnectionID(call_id=str(call_id), device_id=D(device))


class Client:
    """One application session: collects its events and knows its monitors' cross-ref IDs."""

    def __init__(self, switch: Switch) -> None:
        self.switch = switch
        self.events: list[c.Message] = []
        self.session = switch.open_session(self.events.append)
        self.xref: dict[str, str] = {}

    def monitor(self, *devices: str) -> None:
        for d in devices:
            r = self.req(c.MonitorStart(monitor_object=c.MonitorObject(device_object=D(d))))
            assert isinstance(r, c.MonitorStartResponse)
            self.xref[d] = r.monitor_cross_ref_id

    def req(self, msg: c.Message) -> Any:
        return self.switch.handle(self.session, msg)

    def error(self, msg: c.Message) -> str:
        with pytest.raises(SwitchError) as info:
            self.switch.handle(self.session, msg)
        return f"{info.value.error.error_class}/{info.value.error.value}"

    def of(self, device: str, *, physical: bool = False) -> list[Any]:
        """Events received for `device`'s monitor (call/logical events; DMCC phone events if `physical`)."""
        xref = self.xref[device]
        out = [e for e in self.events if getattr(e, "monitor_cross_ref_id", None) == xref]
        if not physical:
            out = [e for e in out if type(e).__name__ not in PHYSICAL]
        return out

    def names(self, device: str, *, physical: bool = False) -> list[str]:
        return [type(e).__name__ for e in self.of(device, physical=physical)]

    def clear(self) -> None:
        self.events.clear()

    def on_switch(self, action: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a switch-side action (a far end calling, hanging up) where the switch runs; its events are in."""
        return action(*args, **kwargs)

    def settle(self) -> None:
        """Wait until every event the switch has sent so far has been received (a no-op in-process)."""


class ManualTimer:
    def __init__(self, when: float, callback: Callable[[], None]) -> None:
        self.when = when
        self.callback = callback
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True


class ManualClock:
    """Virtual time for the switch's timers (`Switch(site, scheduler=clock.call_later)`): `advance` runs what
    falls due, in order, so a timer test means the same on an idle and on a busy machine."""

    def __init__(self) -> None:
        self.now = 0.0
        self._due: list[tuple[float, int, ManualTimer]] = []
        self._order = itertools.count()

    def call_later(self, delay: float, callback: Callable[[], None]) -> ManualTimer:
        timer = ManualTimer(self.now + max(delay, 0.0), callback)
        heapq.heappush(self._due, (timer.when, next(self._order), timer))
        return timer

    def advance(self, seconds: float) -> None:
        target = self.now + seconds
        while self._due and self._due[0][0] <= target:
            when, _, timer = heapq.heappop(self._due)
            self.now = when
            if not timer.cancelled:
                timer.callback()
        self.now = target

    @property
    def pending(self) -> int:
        return sum(1 for _, _, timer in self._due if not timer.cancelled)


class LoopThread:
    """An event loop on a daemon thread, for the simulator server and the links of `LinkClient`s."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="sim-loop", daemon=True)
        self.thread.start()

    def run(self, coro: Coroutine[Any, Any, T], timeout: float = 10.0) -> T:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)
        self.loop.close()


class Wire:
    """The simulated switch served over TCP on a `LoopThread`, for `LinkClient`s."""

    def __init__(self, switch: Switch) -> None:
        self.runner = LoopThread()
        self.server = SimulatorServer(switch, port=0)
        self.runner.run(self.server.start())
        self.links: list[CstaLink] = []

    def close(self) -> None:
        for link in self.links:
            self.runner.run(link.stop())
        self.runner.run(self.server.stop())
        self.runner.close()


class LinkClient(Client):
    """A `Client` whose requests and events cross a real TCP link (its own application session)."""

    def __init__(self, switch: Switch, wire: Wire) -> None:
        self.switch = switch
        self.events = []
        self.xref = {}
        self.wire = wire
        config = LinkConfig(
            endpoints=(Endpoint("127.0.0.1", wire.server.port, name="sim"),),
            username="ctiuser",
            password="ctipass",
            device_id_style="plain",
            request_timeout=5.0,
        )
        self.link = CstaLink(config)
        self.link.add_event_listener(lambda event: self.events.append(event.message))
        wire.runner.run(self.link.start())
        wire.links.append(self.link)

    async def _request(self, msg: c.Message) -> c.Message:
        answer = await self.link.request(msg)
        # A barrier: the switch writes a request's events right after its answer, so once a later answer has
        # arrived on the same connection every event of `msg` has too (TCP keeps the order).
        await self.link.request(c.RequestSystemStatus())
        return answer

    def req(self, msg: c.Message) -> Any:
        try:
            return self.wire.runner.run(self._request(msg))
        except CstaRequestError as exc:
            raise SwitchError(exc.error) from None

    def error(self, msg: c.Message) -> str:
        with pytest.raises(SwitchError) as info:
            self.req(msg)
        return f"{info.value.error.error_class}/{info.value.error.value}"

    def on_switch(self, action: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        async def call() -> T:
            return action(*args, **kwargs)

        result = self.wire.runner.run(call())  # the switch and its transport belong to the wire's loop
        self.settle()
        return result

    def settle(self) -> None:
        self.wire.runner.run(self.link.request(c.RequestSystemStatus()))


PHYSICAL = {"HookswitchEvent", "LampModeEvent", "DisplayUpdatedEvent", "RingerStatusEvent", "ButtonPressEvent"}


def dev(x: Any) -> str | None:
    """The extension behind an ExtendedDeviceID / DeviceID / ConnectionID in an event."""
    if x is None:
        return None
    if isinstance(x, c.ConnectionID):
        return dev(x.device_id)
    if isinstance(x, c.ExtendedDeviceID):
        return dev(x.device_identifier)
    value: str = x.value
    return value.split(":", 1)[0]


def register(cl: Client, device: str, code: str = "1234") -> None:
    """Register `device` as a DMCC terminal: AES reports its phone (physical-device) events only then."""
    r = cl.req(c.RegisterTerminalRequest(device=D(device), login_info=c.LoginInfo(password=code)))
    assert isinstance(r, c.RegisterTerminalResponse)


def make_call(cl: Client, caller: str, called: str, **kw: Any) -> c.MakeCallResponse:
    r = cl.req(c.MakeCall(calling_device=D(caller), called_directory_number=D(called), **kw))
    assert isinstance(r, c.MakeCallResponse)
    return r


def call_id(r: c.MakeCallResponse) -> str:
    assert r.calling_device.call_id is not None
    return r.calling_device.call_id


def priv(extensions: c.CommonArguments | None) -> Any:
    """The single private-data item of a message's extensions."""
    (item,) = c.private_items(extensions)
    return item
