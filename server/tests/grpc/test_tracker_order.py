"""The tracker's ordered event path against a slow store, over the real simulator link and gRPC streams.

The store here is the real SQLite store with a gate in front of its user data reads (`GatedStore`): while
the gate is closed, a lookup waits, as it would behind a write lock held elsewhere.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from typing import Any

import grpc
import pytest
from grpc_stack import Stack

from callwire.callcontrol.v1 import request_response_pb2 as cc_rr
from callwire.callcontrol.v1 import service_pb2_grpc as cc_grpc
from callwire.events.v1 import enums_pb2 as ev_enums
from callwire.events.v1 import message_pb2 as events_pb2
from callwire.events.v1 import request_response_pb2 as ev_rr
from callwire.events.v1 import service_pb2_grpc as ev_grpc
from callwire_csta import codec as csta

ET = ev_enums.EventType
#: A guard against a hang of the code under test, not a budget: every wait below is for a condition.
HANG_GUARD = 30.0


class GatedStore:
    """Puts a gate in front of the real store's `get_user_data`; `entered` is set once a lookup waits at it."""

    def __init__(self, stack: Stack, monkeypatch: pytest.MonkeyPatch) -> None:
        self.gate = asyncio.Event()
        self.entered = asyncio.Event()
        store = stack.core.store
        real = store.get_user_data

        async def get_user_data(uui_key: str) -> Any:
            self.entered.set()
            await self.gate.wait()
            return await real(uui_key)

        monkeypatch.setattr(store, "get_user_data", get_user_data)


class Stream:
    """A StreamEvents call read in the background; tests wait for the events they expect."""

    def __init__(self, channel: grpc.aio.Channel, devices: list[str]) -> None:
        stub = ev_grpc.EventServiceStub(channel)
        self.call = stub.StreamEvents(ev_rr.StreamEventsRequest(devices=devices, include_snapshot=True))
        self.items: list[ev_rr.StreamEventsResponse] = []
        self._changed = asyncio.Event()
        self.task = asyncio.create_task(self._run())

    async def _run(self) -> None:
        with contextlib.suppress(grpc.aio.AioRpcError, asyncio.CancelledError):
            async for item in self.call:
                self.items.append(item)
                self._changed.set()
        self._changed.set()

    @property
    def events(self) -> list[events_pb2.Event]:
        return [i.event for i in self.items if i.HasField("event")]

    def find(self, device: str, event_type: int) -> events_pb2.Event | None:
        return next((e for e in self.events if e.device == device and e.event_type == event_type), None)

    async def until(self, predicate: Callable[[], object]) -> None:
        async with asyncio.timeout(HANG_GUARD):
            while not predicate():
                assert not self.task.done(), "the stream ended"
                self._changed.clear()
                await self._changed.wait()

    async def event(self, device: str, event_type: int) -> events_pb2.Event:
        await self.until(lambda: self.find(device, event_type) is not None)
        found = self.find(device, event_type)
        assert found is not None
        return found

    async def close(self) -> None:
        self.call.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self.task


async def test_a_slow_store_delays_only_the_devices_whose_events_need_it(
    stack: Stack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Head-of-line blocking: 102's offered event waits for its user data; 104's call goes on meanwhile."""
    calls = cc_grpc.CallControlServiceStub(stack.channel)
    store = GatedStore(stack, monkeypatch)
    stream = Stream(stack.channel, ["101", "102", "103", "104"])
    try:
        await stream.until(lambda: stream.items)  # the snapshot: the subscription is in place
        slow = await calls.MakeCall(cc_rr.MakeCallRequest(extension="101", destination="102", user_data="pop me"))
        async with asyncio.timeout(HANG_GUARD):
            await store.entered.wait()  # the tracker is looking the user data up, and the store does not answer
        fast = await calls.MakeCall(cc_rr.MakeCallRequest(extension="103", destination="104"))
        offered = await stream.event("104", ET.EVENT_TYPE_OFFERED)
        assert offered.call.call_id == fast.call.call_id
        assert not store.gate.is_set()
        assert stream.find("102", ET.EVENT_TYPE_OFFERED) is None  # still waiting for its user data
        # The other device's call goes on through the tracker while the store is still stuck.
        await calls.AnswerCall(cc_rr.AnswerCallRequest(extension="104", call_id=fast.call.call_id))
        await stream.event("103", ET.EVENT_TYPE_CONNECTED)
        assert stack.core.calls.active_call("104") is not None
        assert not store.gate.is_set()

        store.gate.set()
        offered = await stream.event("102", ET.EVENT_TYPE_OFFERED)
        assert offered.call.call_id == slow.call.call_id
        assert offered.offered.user_data == "pop me"  # enriched, not published without its data
        # Each device's own events keep their order: 101's alerting before anything later of 101.
        of_101 = [e.event_type for e in stream.events if e.device == "101"]
        assert of_101[0] == ET.EVENT_TYPE_ALERTING
        sequences = [e.sequence for e in stream.events]
        assert sequences == sorted(sequences)
    finally:
        store.gate.set()  # so that the server can stop even when the test failed
        await stream.close()


async def test_hangup_without_a_call_id_takes_the_call_the_switch_has_now(
    stack: Stack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """HangupCall right after MakeCall, while the tracker still holds the previous call (its clearing waits for a
    slow user data lookup), hangs up the new call, not the cleared one."""
    calls = cc_grpc.CallControlServiceStub(stack.channel)
    store = GatedStore(stack, monkeypatch)
    try:
        first = await calls.MakeCall(cc_rr.MakeCallRequest(extension="101", destination="102"))
        await calls.AnswerCall(cc_rr.AnswerCallRequest(extension="102", call_id=first.call.call_id))
        # Hang up with hang-up data: the switch's ConnectionCleared carries its UUI key, and the tracker's
        # lookup of the data waits at the gate, so the tracker still shows the first call at 101.
        await calls.HangupCall(cc_rr.HangupCallRequest(extension="101", user_data="bye"))
        async with asyncio.timeout(HANG_GUARD):
            await store.entered.wait()
        assert stack.switch.call_ids() == []
        assert [c.call_id for c in stack.core.calls.calls_at("101")] == [first.call.call_id]

        second = await calls.MakeCall(cc_rr.MakeCallRequest(extension="101", destination="103"))
        assert second.call.call_id != first.call.call_id
        await calls.HangupCall(cc_rr.HangupCallRequest(extension="101"))
        # The new call is gone from the switch, while the tracker is still stuck behind the gate.
        assert stack.switch.connection_state(int(second.call.call_id), "101") is None
        assert not store.gate.is_set()

        # The same with the call the tracker already knows: the previous one is left out of the choice.
        third = await calls.MakeCall(cc_rr.MakeCallRequest(extension="101", destination="104"))
        await calls.HoldCall(cc_rr.HoldCallRequest(extension="101"))
        assert stack.switch.connection_state(int(third.call.call_id), "101") is not None
        await calls.RetrieveCall(cc_rr.RetrieveCallRequest(extension="101"))
        await calls.HangupCall(cc_rr.HangupCallRequest(extension="101"))
        assert stack.switch.call_ids() == []

        # Once the store answers, the tracker catches up: 101 has no call left.
        events = stack.core.hub.subscribe(["101"])
        try:
            store.gate.set()
            async with asyncio.timeout(HANG_GUARD):
                while stack.core.calls.calls_at("101"):
                    await events.next()
        finally:
            events.close()
    finally:
        store.gate.set()


async def test_a_slow_resynchronisation_delays_only_its_device(stack: Stack, monkeypatch: pytest.MonkeyPatch) -> None:
    """The switch is slow to answer one device's SnapshotDevice (a gate in front of the real link's request):
    the other devices' events go on meanwhile."""
    gate = asyncio.Event()
    entered = asyncio.Event()
    link = stack.core.link
    real = link.request
    slow_device = link.device_id("105")

    async def request(message: Any, *args: Any, **kwargs: Any) -> Any:
        target = getattr(message, "snapshot_object", None)
        if isinstance(message, csta.SnapshotDevice) and getattr(target, "value", None) == slow_device:
            entered.set()
            await gate.wait()
        return await real(message, *args, **kwargs)

    monkeypatch.setattr(link, "request", request)
    calls = cc_grpc.CallControlServiceStub(stack.channel)
    stream = Stream(stack.channel, ["103", "104", "105"])
    resync: asyncio.Task[None] | None = None
    try:
        await stream.until(lambda: stream.items)
        resync = asyncio.create_task(stack.core.calls.resync("105"))
        async with asyncio.timeout(HANG_GUARD):
            await entered.wait()
        made = await calls.MakeCall(cc_rr.MakeCallRequest(extension="103", destination="104"))
        offered = await stream.event("104", ET.EVENT_TYPE_OFFERED)
        assert offered.call.call_id == made.call.call_id
        assert not gate.is_set()
        assert not resync.done()
        gate.set()
        async with asyncio.timeout(HANG_GUARD):
            await resync
    finally:
        gate.set()
        if resync is not None:
            await asyncio.gather(resync, return_exceptions=True)
        await stream.close()


async def test_the_next_request_comes_before_the_events_of_the_previous_one(stack: Stack) -> None:
    """The switch's events lag its responses (AES under load): the tracker has applied everything it received,
    yet still shows the call just hung up and not the call just made. What the responses said decides."""
    calls = cc_grpc.CallControlServiceStub(stack.channel)
    first = await calls.MakeCall(cc_rr.MakeCallRequest(extension="101", destination="102"))
    await calls.AnswerCall(cc_rr.AnswerCallRequest(extension="102", call_id=first.call.call_id))
    events = stack.core.hub.subscribe(["101"])
    try:
        async with asyncio.timeout(HANG_GUARD):  # the tracker knows the first call is connected at 101
            while stack.core.calls.active_call("101") is None:
                await events.next()
        stack.sim.faults.delay_events()
        try:
            await calls.HangupCall(cc_rr.HangupCallRequest(extension="101"))
            second = await calls.MakeCall(cc_rr.MakeCallRequest(extension="101", destination="103"))
            tracked = stack.core.calls.active_call("101")
            assert tracked is not None  # the tracker lags the switch: it still shows the first call
            assert tracked.call_id == first.call.call_id
            await calls.HangupCall(cc_rr.HangupCallRequest(extension="101"))
            assert stack.switch.call_ids() == []  # the second call was hung up, not the first again
            assert int(second.call.call_id) not in stack.switch.call_ids()
        finally:
            stack.sim.faults.release_events()
        async with asyncio.timeout(HANG_GUARD):
            while stack.core.calls.calls_at("101"):
                await events.next()
    finally:
        events.close()
