"""The RPC paths and the event path read a CSTA value the same way (one mapping module, `mapping.py`), end to
end against the simulated switch: what a DeviceService or AgentService read answers is what the event stream
and its snapshot say. Each test is one disagreement the two paths used to have."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
from collections.abc import Callable
from typing import Any

import grpc
import pytest
from grpc_stack import Stack

from callwire.agent.v1 import enums_pb2 as ag
from callwire.agent.v1 import request_response_pb2 as agent_rr
from callwire.agent.v1 import service_pb2_grpc as agent_grpc
from callwire.common.v1 import enums_pb2 as common_enums
from callwire.device.v1 import enums_pb2 as dev
from callwire.device.v1 import request_response_pb2 as device_rr
from callwire.device.v1 import service_pb2_grpc as device_grpc
from callwire.events.v1 import enums_pb2 as ev_enums
from callwire.events.v1 import message_pb2 as events_pb2
from callwire.events.v1 import request_response_pb2 as ev_rr
from callwire.events.v1 import service_pb2_grpc as ev_grpc
from callwire.query.v1 import request_response_pb2 as query_rr
from callwire.query.v1 import service_pb2_grpc as query_grpc
from callwire_csta import codec as csta
from callwire_sim.switch import Switch, SwitchSession
from callwire_testkit import until


class Stream:
    """A StreamEvents call (snapshot first) read in the background."""

    def __init__(self, channel: grpc.aio.Channel, devices: list[str]) -> None:
        stub = ev_grpc.EventServiceStub(channel)
        self.call = stub.StreamEvents(ev_rr.StreamEventsRequest(devices=devices, include_snapshot=True))
        self.items: list[ev_rr.StreamEventsResponse] = []
        self.task = asyncio.create_task(self._read())

    async def _read(self) -> None:
        with contextlib.suppress(grpc.aio.AioRpcError, asyncio.CancelledError):
            async for item in self.call:
                self.items.append(item)

    def events(self, device: str, event_type: int) -> list[events_pb2.Event]:
        return [
            i.event
            for i in self.items
            if i.HasField("event") and i.event.device == device and i.event.event_type == event_type
        ]

    async def first(self, what: str, found: Callable[[], Any]) -> Any:
        await until(lambda: found() or self.task.done(), what=what)
        result = found()
        assert result, f"the stream ended before {what}"
        return result

    async def close(self) -> None:
        self.call.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self.task


async def test_a_lamp_and_a_display_read_the_same_in_the_event_and_in_the_rpc(stack: Stack) -> None:
    """The event path used to set a lamp's `mode_code` always (the contract: for LAMP_MODE_OTHER only), leave an
    unreported brightness UNSPECIFIED where GetLampMode says NORMAL, and an unreported character set UNSPECIFIED
    where GetDisplay says ASCII."""
    core = stack.core
    # AES reports a phone's lamps and display only for a terminal registered through DMCC.
    await core.invoke(
        csta.RegisterTerminalRequest(device=core.device_id("101"), login_info=csta.LoginInfo(password="1234")),
        expect=csta.RegisterTerminalResponse,
        extension="101",
    )
    events = Stream(stack.channel, ["101"])
    try:
        await events.first("the snapshot", lambda: events.items)
        await core.invoke(
            csta.MakeCall(calling_device=core.device_id("102"), called_directory_number=csta.DeviceID(value="101")),
            expect=csta.MakeCallResponse,
        )
        phone = ev_enums.EVENT_TYPE_PHONE_CHANGED
        reported_lamp = (
            await events.first(
                "lamp 1 fluttering",
                lambda: [
                    e.phone_changed.lamp
                    for e in events.events("101", phone)
                    if e.phone_changed.HasField("lamp")
                    and e.phone_changed.lamp.lamp == "1"
                    and e.phone_changed.lamp.mode == dev.LAMP_MODE_FLUTTER
                ],
            )
        )[-1]
        reported_display = (
            await events.first(
                "the caller on the display",
                lambda: [
                    e.phone_changed.display
                    for e in events.events("101", phone)
                    if e.phone_changed.HasField("display") and e.phone_changed.display.contents
                ],
            )
        )[-1]
    finally:
        await events.close()
    device = device_grpc.DeviceServiceStub(stack.channel)
    (queried_lamp,) = (await device.GetLampMode(device_rr.GetLampModeRequest(extension="101", lamp="1"))).lamps
    (queried_display,) = (await device.GetDisplay(device_rr.GetDisplayRequest(extension="101"))).displays

    assert (queried_lamp.button, reported_lamp.label) == ("1", "a=")  # each path reports what only it knows
    queried_lamp.button = reported_lamp.label = ""
    assert reported_lamp == queried_lamp
    assert (reported_lamp.mode_code, reported_lamp.brightness) == (0, dev.LAMP_BRIGHTNESS_NORMAL)
    assert reported_display == queried_display
    assert reported_display.character_set == dev.CHARACTER_SET_ASCII


def _ecma_only(switch: Switch, monkeypatch: pytest.MonkeyPatch) -> None:
    """The switch answers GetAgentState without Avaya private data (ECMA-323 only: no `workMode`)."""
    handle = switch.handle

    def without_private_data(session: SwitchSession, request: csta.Message) -> csta.Message:
        answer = handle(session, request)
        if isinstance(answer, csta.GetAgentStateResponse):
            return dataclasses.replace(answer, extensions=None)
        return answer

    monkeypatch.setattr(switch, "handle", without_private_data)


async def test_an_agent_reads_the_same_in_the_snapshot_and_in_the_rpc(
    stack: Stack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From a GetAgentState answer without the Avaya `workMode`, GetAgentState used to read the ECMA-323 agent
    state (ready: MANUAL_IN) and the snapshot after a resynchronisation AUX, with no talk state."""
    agent = agent_grpc.AgentServiceStub(stack.channel)
    await agent.Login(
        agent_rr.LoginRequest(
            extension="107", agent_id="12345", password="67890", initial_work_mode=ag.WORK_MODE_MANUAL_IN
        )
    )
    _ecma_only(stack.switch, monkeypatch)
    await stack.core.calls.resync("107")  # as after a start or a failover: the state read from the switch
    events = Stream(stack.channel, ["107"])
    try:
        (first,) = await events.first("the snapshot", lambda: events.items[:1])
    finally:
        await events.close()
    (snapshot,) = first.snapshot.devices
    queried = (await agent.GetAgentState(agent_rr.GetAgentStateRequest(extension="107"))).state

    assert queried.work_mode == ag.WORK_MODE_MANUAL_IN
    assert snapshot.agent == queried
    assert (snapshot.agent.talk_state, snapshot.agent.split) == (ag.TALK_STATE_IDLE, "201")


#: The ECMA-269 simple call state a switch may report instead of a compound one, by the device's own state.
_SIMPLE = {
    csta.LocalConnectionState.ALERTING: csta.SimpleCallState.CALL_RECEIVED,
    csta.LocalConnectionState.CONNECTED: csta.SimpleCallState.CALL_ESTABLISHED,
    csta.LocalConnectionState.HOLD: csta.SimpleCallState.CALL_ESTABLISHED_HELD,
    csta.LocalConnectionState.INITIATED: csta.SimpleCallState.CALL_PENDING,
}


def _simple_call_states(switch: Switch, monkeypatch: pytest.MonkeyPatch) -> None:
    """The switch answers SnapshotDevice with simple call states (ECMA-269 allows either form)."""
    handle = switch.handle

    def simple(info: csta.SnapshotDeviceResponseInfo) -> csta.SnapshotDeviceResponseInfo:
        local = info.local_call_state
        if local is None or local.compound_call_state is None or not local.compound_call_state.local_connection_state:
            return info
        own = local.compound_call_state.local_connection_state[0]
        return dataclasses.replace(info, local_call_state=csta.CallState(simple_call_state=_SIMPLE[own]))

    def with_simple_states(session: SwitchSession, request: csta.Message) -> csta.Message:
        answer = handle(session, request)
        if isinstance(answer, csta.SnapshotDeviceResponse):
            data = answer.cross_ref_id_or_snapshot_data
            infos = tuple(simple(info) for info in data.snapshot_data or ())
            return dataclasses.replace(
                answer, cross_ref_id_or_snapshot_data=dataclasses.replace(data, snapshot_data=infos)
            )
        return answer

    monkeypatch.setattr(switch, "handle", with_simple_states)


async def test_a_call_state_reads_the_same_in_the_snapshot_and_in_the_rpc(
    stack: Stack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From a SnapshotDevice answer with simple call states, the SnapshotDevice RPC read a ringing call as
    ALERTING, and the tracker's resynchronisation read it as CONNECTED (it looked at compound states only)."""
    core = stack.core
    await core.invoke(
        csta.MakeCall(calling_device=core.device_id("102"), called_directory_number=csta.DeviceID(value="101")),
        expect=csta.MakeCallResponse,
    )
    _simple_call_states(stack.switch, monkeypatch)
    await core.calls.resync("101")  # as after a start or a failover: the state read from the switch
    events = Stream(stack.channel, ["101"])
    try:
        (first,) = await events.first("the snapshot", lambda: events.items[:1])
    finally:
        await events.close()
    (snapshot,) = first.snapshot.devices
    query = query_grpc.QueryServiceStub(stack.channel)
    queried = await query.SnapshotDevice(query_rr.SnapshotDeviceRequest(device="101"))

    (call,) = queried.calls
    assert call.state == common_enums.CONNECTION_STATE_ALERTING
    assert [(c.call.call_id, c.state) for c in snapshot.calls] == [(c.call.call_id, c.state) for c in queried.calls]
