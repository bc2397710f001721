"""EventService.StreamEvents end to end: simulator, server and client on real sockets."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import grpc
import pytest
from grpc_stack import Stack, memory_exporter

from callwire.agent.v1 import enums_pb2 as agent_enums
from callwire.agent.v1 import request_response_pb2 as agent_rr
from callwire.agent.v1 import service_pb2_grpc as agent_grpc
from callwire.callcontrol.v1 import enums_pb2 as cc_enums
from callwire.callcontrol.v1 import request_response_pb2 as cc_rr
from callwire.callcontrol.v1 import service_pb2_grpc as cc_grpc
from callwire.common.v1 import enums_pb2 as common_enums
from callwire.events.v1 import enums_pb2 as ev_enums
from callwire.events.v1 import message_pb2 as events_pb2
from callwire.events.v1 import request_response_pb2 as rr
from callwire.events.v1 import service_pb2_grpc as ev_grpc
from callwire.station.v1 import request_response_pb2 as station_rr
from callwire.station.v1 import service_pb2_grpc as station_grpc
from callwire_server.app import start_server
from callwire_testkit import error_info, until
from callwire_testkit.demo import demo_simulator, server_config

ET = ev_enums.EventType
CS = common_enums.ConnectionState
#: The call events of a device (phone_changed is noise for these tests).
CALL_TYPES = frozenset(
    {
        ET.EVENT_TYPE_OFFERED,
        ET.EVENT_TYPE_ALERTING,
        ET.EVENT_TYPE_CONNECTED,
        ET.EVENT_TYPE_FAILED,
        ET.EVENT_TYPE_HELD,
        ET.EVENT_TYPE_RETRIEVED,
        ET.EVENT_TYPE_DISCONNECTED,
        ET.EVENT_TYPE_TRANSFERRED,
        ET.EVENT_TYPE_CONFERENCED,
        ET.EVENT_TYPE_IDLE,
    }
)


class Reader:
    """Reads a StreamEvents call in the background; tests wait for what they expect."""

    def __init__(self, call: grpc.aio.UnaryStreamCall[rr.StreamEventsRequest, rr.StreamEventsResponse]) -> None:
        self.call = call
        self.items: list[rr.StreamEventsResponse] = []
        self.error: grpc.aio.AioRpcError | None = None
        self._changed = asyncio.Event()
        self.task = asyncio.create_task(self._run())

    async def _run(self) -> None:
        try:
            async for item in self.call:
                self.items.append(item)
                self._changed.set()
        except grpc.aio.AioRpcError as exc:
            self.error = exc
        except asyncio.CancelledError:
            pass
        finally:
            self._changed.set()

    @property
    def events(self) -> list[events_pb2.Event]:
        return [i.event for i in self.items if i.HasField("event")]

    def of(self, device: str, types: frozenset[int] = CALL_TYPES) -> list[events_pb2.Event]:
        return [e for e in self.events if e.device == device and e.event_type in types]

    async def until(self, predicate: Callable[[Reader], bool], timeout: float = 30.0) -> None:
        async with asyncio.timeout(timeout):
            while not predicate(self):
                if self.task.done():
                    raise AssertionError(f"stream ended: {self.error}")
                self._changed.clear()
                await self._changed.wait()

    async def event(self, device: str, event_type: int, timeout: float = 30.0) -> events_pb2.Event:
        def found(r: Reader) -> bool:
            return any(e.device == device and e.event_type == event_type for e in r.events)

        await self.until(found, timeout)
        return next(e for e in self.events if e.device == device and e.event_type == event_type)

    async def ended(self, timeout: float = 30.0) -> grpc.aio.AioRpcError:
        async with asyncio.timeout(timeout):
            await self.task
        assert self.error is not None, "the stream ended without an error"
        return self.error

    async def close(self) -> None:
        self.call.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self.task


def stream(channel: grpc.aio.Channel, **fields: object) -> Reader:
    return Reader(ev_grpc.EventServiceStub(channel).StreamEvents(rr.StreamEventsRequest(**fields)))  # type: ignore[arg-type]


async def opened(channel: grpc.aio.Channel, **fields: object) -> Reader:
    """A fresh stream whose subscription is in place (its snapshot has arrived): nothing later is missed."""
    reader = stream(channel, include_snapshot=True, **fields)
    await reader.until(lambda r: len(r.items) >= 1)
    assert reader.items[0].HasField("snapshot")
    return reader


def types(events: list[events_pb2.Event]) -> list[str]:
    return [ET.Name(e.event_type).removeprefix("EVENT_TYPE_").lower() for e in events]


@contextlib.asynccontextmanager
async def other_stack(tmp_path: Path, **overrides: object) -> AsyncIterator[Stack]:
    """A second stack with its own configuration (small windows and queues)."""
    async with demo_simulator() as sim:
        server = await start_server(server_config(tmp_path, sim.port, **overrides))
        channel = grpc.aio.insecure_channel(f"127.0.0.1:{server.port}")
        try:
            yield Stack(sim, sim.switch, server, channel)
        finally:
            await channel.close()
            await server.stop(grace=0.5)


async def unsubscribed(stack: Stack) -> None:
    """Wait until the server has released every hub subscription (cancellation reaches it asynchronously)."""
    await until(lambda: not stack.core.hub.subscribers, what="every hub subscription released")


async def _dnd(stack: Stack, extension: str, enabled: bool, request_id: str = "") -> None:
    stub = station_grpc.StationServiceStub(stack.channel)
    metadata = (("x-request-id", request_id),) if request_id else None
    await stub.SetDoNotDisturb(
        station_rr.SetDoNotDisturbRequest(extension=extension, enabled=enabled), metadata=metadata
    )


# ------------------------------------------------------------------------------------------ validation


async def test_devices_are_required_and_must_be_monitored(stack: Stack) -> None:
    reader = stream(stack.channel)
    err = await reader.ended()
    assert err.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert error_info(err).metadata["field"] == "devices"

    reader = stream(stack.channel, devices=["101", "999"])
    err = await reader.ended()
    assert err.code() == grpc.StatusCode.FAILED_PRECONDITION
    info = error_info(err)
    assert info.reason == "NOT_MONITORED"
    assert info.metadata["extension"] == "999"


# ------------------------------------------------------------------------------------------ call events


async def test_snapshot_then_call_events_in_order(stack: Stack) -> None:
    cc = cc_grpc.CallControlServiceStub(stack.channel)
    reader = stream(stack.channel, devices=["101", "102"], include_snapshot=True)
    await reader.until(lambda r: len(r.items) >= 1)
    first = reader.items[0]
    assert first.HasField("snapshot")
    snap = first.snapshot
    assert [d.device for d in snap.devices] == ["101", "102"]
    assert all(d.monitored and not d.calls for d in snap.devices)

    made = await cc.MakeCall(cc_rr.MakeCallRequest(extension="101", destination="102"))
    call_id = made.call.call_id
    offered = await reader.event("102", ET.EVENT_TYPE_OFFERED)
    await cc.AnswerCall(cc_rr.AnswerCallRequest(extension="102"))
    await reader.event("101", ET.EVENT_TYPE_CONNECTED)
    await cc.HoldCall(cc_rr.HoldCallRequest(extension="101"))
    await reader.event("102", ET.EVENT_TYPE_HELD)

    # A second subscriber now gets the held call in its snapshot, consistent with its start sequence.
    late = stream(stack.channel, devices=["101", "102"], include_snapshot=True)
    await late.until(lambda r: len(r.items) >= 1)
    late_snap = late.items[0].snapshot
    assert late_snap.sequence >= reader.events[-1].sequence
    by_device = {d.device: d for d in late_snap.devices}
    assert [c.call.call_id for c in by_device["101"].calls] == [call_id]
    assert by_device["101"].calls[0].state == CS.CONNECTION_STATE_HOLD
    assert by_device["102"].calls[0].state == CS.CONNECTION_STATE_CONNECTED
    parties = {p.device: p.state for p in by_device["101"].calls[0].parties}
    assert parties == {"101": CS.CONNECTION_STATE_HOLD, "102": CS.CONNECTION_STATE_CONNECTED}

    await cc.RetrieveCall(cc_rr.RetrieveCallRequest(extension="101"))
    await reader.event("102", ET.EVENT_TYPE_RETRIEVED)
    await cc.HangupCall(cc_rr.HangupCallRequest(extension="101"))
    await reader.event("101", ET.EVENT_TYPE_IDLE)
    await reader.event("102", ET.EVENT_TYPE_IDLE)
    await late.event("102", ET.EVENT_TYPE_IDLE)

    assert types(reader.of("101")) == ["alerting", "connected", "held", "retrieved", "disconnected", "idle"]
    assert types(reader.of("102")) == ["offered", "connected", "held", "retrieved", "disconnected", "idle"]
    # The late subscriber sees exactly what followed its snapshot.
    assert types(late.of("101")) == ["retrieved", "disconnected", "idle"]

    sequences = [e.sequence for e in reader.events]
    assert sequences == sorted(sequences)
    assert len(set(sequences)) == len(sequences)
    assert sequences[0] > snap.sequence
    assert late.events[0].sequence > late_snap.sequence

    # Key fields.
    assert offered.call.call_id == call_id
    assert len(offered.call.ucid) == 20
    assert offered.offered.calling == "101"
    assert offered.offered.called == "102"
    assert offered.offered.alerting == "102"
    assert offered.offered.original_calling == "101"
    alerting = reader.of("101")[0]
    assert alerting.alerting.alerting == "102"
    assert alerting.call.ucid == offered.call.ucid
    connected = reader.of("102")[1]
    assert connected.connected.answering == "102"
    assert reader.of("101")[2].held.holding == "101"
    assert reader.of("101")[3].retrieved.retrieving == "101"
    disconnected = reader.of("102")[4]
    assert disconnected.disconnected.releasing == "101"
    assert disconnected.disconnected.cause_name == "normalClearing"
    assert disconnected.disconnected.cause == 48
    idle = reader.of("101")[5]
    assert idle.device == "101"
    assert idle.HasField("idle")
    # Envelope: reference IDs stable per device, time set.
    assert len({e.reference_id for e in reader.of("101")}) == 1
    assert reader.of("101")[0].reference_id != reader.of("102")[0].reference_id
    assert all(e.time.seconds > 0 for e in reader.events)
    await reader.close()
    await late.close()
    await unsubscribed(stack)


async def test_user_data_travels_with_the_call(stack: Stack) -> None:
    cc = cc_grpc.CallControlServiceStub(stack.channel)
    reader = await opened(stack.channel, devices=["103", "104"])
    await cc.MakeCall(cc_rr.MakeCallRequest(extension="103", destination="104", user_data="order=42"))
    offered = await reader.event("104", ET.EVENT_TYPE_OFFERED)
    assert len(offered.offered.uui) == 44
    assert offered.offered.uui.startswith("FCCCCCCC")
    assert offered.offered.user_data == "order=42"
    alert = stack.core.calls.last_alert("104")
    assert alert is not None
    assert alert.user_data == "order=42"
    assert alert.calling == "103"
    await cc.HangupCall(cc_rr.HangupCallRequest(extension="103"))
    await reader.event("104", ET.EVENT_TYPE_IDLE)
    hangup = stack.core.calls.last_hangup("104")
    assert hangup is not None
    assert hangup.releasing == "103"
    assert hangup.call_id == offered.call.call_id
    await reader.close()


async def test_busy_destination_fails_with_the_cause(stack: Stack) -> None:
    cc = cc_grpc.CallControlServiceStub(stack.channel)
    reader = await opened(stack.channel, devices=["105"])
    await _dnd(stack, "106", True)
    await cc.MakeCall(cc_rr.MakeCallRequest(extension="105", destination="106"))
    failed = await reader.event("105", ET.EVENT_TYPE_FAILED)
    assert failed.failed.failing == "106"
    assert failed.failed.cause_name == "doNotDisturb"
    assert failed.failed.cause == 14
    await reader.close()


async def test_transfer_and_conference(stack: Stack) -> None:
    cc = cc_grpc.CallControlServiceStub(stack.channel)
    reader = await opened(stack.channel, devices=["101", "102", "103"])

    async def consult(first: str) -> tuple[str, str]:
        made = await cc.MakeCall(cc_rr.MakeCallRequest(extension=first, destination="102"))
        await reader.event("102", ET.EVENT_TYPE_OFFERED)
        await cc.AnswerCall(cc_rr.AnswerCallRequest(extension="102"))
        consulted = await cc.ConsultationCall(cc_rr.ConsultationCallRequest(extension=first, destination="103"))
        await reader.until(lambda r: any(e.event_type == ET.EVENT_TYPE_OFFERED for e in r.of("103")))
        await cc.AnswerCall(cc_rr.AnswerCallRequest(extension="103"))
        await reader.until(lambda r: any(e.event_type == ET.EVENT_TYPE_CONNECTED for e in r.of("103")))
        assert consulted.primary_call_id == made.call.call_id
        return consulted.primary_call_id, consulted.secondary_call_id

    primary, secondary = await consult("101")
    await cc.TransferCall(cc_rr.TransferCallRequest(extension="101", mode=cc_enums.TRANSFER_MODE_TWO_STEP))
    transferred = await reader.event("101", ET.EVENT_TYPE_TRANSFERRED)
    p = transferred.transferred
    assert (p.transferring, p.transferred) == ("101", "103")
    assert (p.primary_call_id, p.secondary_call_id) == (primary, secondary)
    assert sorted(p.parties) == ["102", "103"]
    assert transferred.call.call_id == primary
    await reader.event("101", ET.EVENT_TYPE_IDLE)
    at_103 = await reader.event("103", ET.EVENT_TYPE_TRANSFERRED)
    assert at_103.call.call_id == primary
    assert stack.core.calls.calls_at("101") == []
    assert [c.call_id for c in stack.core.calls.calls_at("103")] == [primary]
    await cc.HangupCall(cc_rr.HangupCallRequest(extension="103"))
    await reader.event("102", ET.EVENT_TYPE_IDLE)
    await reader.event("103", ET.EVENT_TYPE_IDLE)

    reader.items.clear()
    primary, secondary = await consult("101")
    await cc.ConferenceCall(cc_rr.ConferenceCallRequest(extension="101", mode=cc_enums.CONFERENCE_MODE_TWO_STEP))
    conferenced = await reader.event("101", ET.EVENT_TYPE_CONFERENCED)
    c = conferenced.conferenced
    assert (c.controller, c.added_party) == ("101", "103")
    assert (c.primary_call_id, c.secondary_call_id) == (primary, secondary)
    assert sorted(c.parties) == ["101", "102", "103"]
    call = stack.core.calls.call(primary)
    assert call is not None
    assert set(call.parties) == {"101", "102", "103"}
    assert stack.core.calls.call(secondary) is None
    await cc.HangupCall(cc_rr.HangupCallRequest(extension="101"))
    await cc.HangupCall(cc_rr.HangupCallRequest(extension="102"))
    for device in ("101", "102", "103"):
        await reader.event(device, ET.EVENT_TYPE_IDLE)
    await reader.close()


# ------------------------------------------------------------------------------------------ agent


async def test_agent_state_changes(stack: Stack) -> None:
    agent = agent_grpc.AgentServiceStub(stack.channel)
    reader = await opened(stack.channel, devices=["107"])
    agent_types = frozenset({ET.EVENT_TYPE_AGENT_STATE_CHANGED})
    await agent.Login(agent_rr.LoginRequest(extension="107", agent_id="12345", password="67890", split="201"))
    await reader.until(lambda r: len(r.of("107", agent_types)) >= 2)
    states = [e.agent_state_changed.state for e in reader.of("107", agent_types)]
    assert states[-1].agent_id == "12345"
    assert states[-1].work_mode != agent_enums.WORK_MODE_NULL

    await agent.SetAgentState(
        agent_rr.SetAgentStateRequest(extension="107", work_mode=agent_enums.WORK_MODE_AUX, reason_code=7)
    )
    await reader.until(lambda r: r.of("107", agent_types)[-1].agent_state_changed.state.reason_code == 7)
    aux = reader.of("107", agent_types)[-1].agent_state_changed.state
    assert aux.work_mode == agent_enums.WORK_MODE_AUX
    assert aux.split == "201"

    await agent.SetAgentState(agent_rr.SetAgentStateRequest(extension="107", work_mode=agent_enums.WORK_MODE_AUTO_IN))
    await reader.until(
        lambda r: r.of("107", agent_types)[-1].agent_state_changed.state.work_mode == agent_enums.WORK_MODE_AUTO_IN
    )
    snap = stack.core.calls.snapshot(["107"])
    assert snap.devices[0].agent.work_mode == agent_enums.WORK_MODE_AUTO_IN

    await agent.Logout(agent_rr.LogoutRequest(extension="107"))
    await reader.until(
        lambda r: r.of("107", agent_types)[-1].agent_state_changed.state.work_mode == agent_enums.WORK_MODE_NULL
    )
    assert not stack.core.calls.snapshot(["107"]).devices[0].HasField("agent")
    await reader.close()


# ------------------------------------------------------------------------------------------ request IDs


async def test_request_id_is_carried_by_the_caused_event(stack: Stack) -> None:
    reader = await opened(stack.channel, devices=["108"])
    await _dnd(stack, "108", True, request_id="req-dnd-1")
    event = await reader.event("108", ET.EVENT_TYPE_DO_NOT_DISTURB_CHANGED)
    assert event.do_not_disturb_changed.enabled
    assert event.request_id == "req-dnd-1"
    snap = stack.core.calls.snapshot(["108"])
    assert snap.devices[0].do_not_disturb
    await _dnd(stack, "108", False)
    await reader.close()


# ------------------------------------------------------------------------------------------ resume


async def test_resume_replays_exactly_the_missed_events(stack: Stack) -> None:
    witness = await opened(stack.channel, all_devices=True)
    first = await opened(stack.channel, devices=["109"])
    await _dnd(stack, "109", True)
    await first.event("109", ET.EVENT_TYPE_DO_NOT_DISTURB_CHANGED)
    last = first.events[-1].sequence
    await first.close()

    # While disconnected: events of 109 and of others.
    for enabled in (False, True, False):
        await _dnd(stack, "109", enabled)
        await _dnd(stack, "110", enabled)
    dnd_types = frozenset({ET.EVENT_TYPE_DO_NOT_DISTURB_CHANGED})
    await witness.until(lambda r: len(r.of("110", dnd_types)) >= 3)

    resumed = stream(stack.channel, devices=["109"], resume_after_sequence=last, include_snapshot=True)
    expected = [e for e in witness.events if e.sequence > last and e.device in ("109", "")]
    await resumed.until(lambda r: len(r.events) >= len(expected))
    assert not any(i.HasField("snapshot") or i.HasField("resume_gap") for i in resumed.items)
    assert resumed.events == expected
    assert [e.do_not_disturb_changed.enabled for e in resumed.of("109", dnd_types)] == [False, True, False]

    # And live events continue after the replay.
    await _dnd(stack, "109", True)
    await resumed.until(lambda r: len(r.events) == len(expected) + 1)
    assert resumed.events[-1].sequence > expected[-1].sequence
    for reader in (witness, resumed):
        await reader.close()


async def test_resume_beyond_the_window_says_gap_and_sends_a_snapshot(tmp_path: Path) -> None:
    async with other_stack(tmp_path, event_window=5) as small:
        first = await opened(small.channel, devices=["101"])
        await _dnd(small, "101", True)
        await first.event("101", ET.EVENT_TYPE_DO_NOT_DISTURB_CHANGED)
        last = first.events[-1].sequence
        await first.close()
        for i in range(8):
            await _dnd(small, "102", i % 2 == 0)
        await _dnd(small, "101", False)

        resumed = stream(small.channel, devices=["101"], resume_after_sequence=last)
        await resumed.until(lambda r: len(r.items) >= 2)
        gap, snapshot = resumed.items[0], resumed.items[1]
        assert gap.HasField("resume_gap")
        assert gap.resume_gap.requested_sequence == last
        assert gap.resume_gap.oldest_available_sequence == small.core.hub.oldest_sequence > last + 1
        assert snapshot.HasField("snapshot")
        assert snapshot.snapshot.sequence == small.core.hub.last_sequence
        assert [d.device for d in snapshot.snapshot.devices] == ["101"]
        assert not snapshot.snapshot.devices[0].do_not_disturb
        await _dnd(small, "101", True)
        live = await resumed.event("101", ET.EVENT_TYPE_DO_NOT_DISTURB_CHANGED)
        assert live.sequence == snapshot.snapshot.sequence + 1

        # A sequence from the future (another instance) is a gap as well.
        future = stream(small.channel, devices=["101"], resume_after_sequence=10_000)
        await future.until(lambda r: len(r.items) >= 2)
        assert future.items[0].HasField("resume_gap")
        assert future.items[1].HasField("snapshot")
        await resumed.close()
        await future.close()


# ------------------------------------------------------------------------------------------ overflow


async def test_a_slow_subscriber_overflows_while_a_fast_one_gets_everything(tmp_path: Path) -> None:
    async with other_stack(tmp_path, subscriber_queue=16) as small:
        hub = small.core.hub
        # The slow client never reads: after gRPC's flow-control window fills, its queue overflows.
        slow_channel = grpc.aio.insecure_channel(
            f"127.0.0.1:{small.server.port}", options=[("grpc.http2.bdp_probe", 0)]
        )
        fast: Reader | None = None
        try:
            slow_call = ev_grpc.EventServiceStub(slow_channel).StreamEvents(rr.StreamEventsRequest(devices=["101"]))
            fast = await opened(small.channel, devices=["101"])
            await asyncio.sleep(0.2)
            await fast.until(lambda r: hub.subscribers >= 2)
            start = hub.last_sequence
            big = "x" * 20_000
            published: list[int] = []
            for _ in range(60):
                for _ in range(8):

                    def build(seq: int) -> events_pb2.Event:
                        ev = events_pb2.Event(sequence=seq, event_type=ET.EVENT_TYPE_PHONE_CHANGED, device="101")
                        ev.phone_changed.display.contents = big
                        return ev

                    published.append(hub.publish("101", build))
                target = published[-1]

                def caught_up(r: Reader, target: int = target) -> bool:
                    return bool(r.events) and r.events[-1].sequence >= target

                await fast.until(caught_up)
            assert [e.sequence for e in fast.events] == published
            assert published[0] == start + 1

            async def drain() -> None:
                async with asyncio.timeout(60):
                    async for _ in slow_call:
                        pass

            with pytest.raises(grpc.aio.AioRpcError) as caught:
                await drain()
            err = caught.value
            assert err.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
            info = error_info(err)
            assert info.reason == "STREAM_OVERFLOW"
            missed, last = int(info.metadata["missed"]), int(info.metadata["last_sequence"])
            assert missed > 0
            assert start <= last < published[-1]
            assert hub.dropped_subscribers == 1
        finally:
            if fast is not None:
                await fast.close()
            await slow_channel.close()


# ------------------------------------------------------------------------------------------ link and shutdown


async def test_link_failover_is_reported_and_no_event_is_lost_after_recovery(stack: Stack) -> None:
    cc = cc_grpc.CallControlServiceStub(stack.channel)
    reader = await opened(stack.channel, devices=["103", "104"])
    link_types = frozenset({ET.EVENT_TYPE_LINK_STATE_CHANGED})
    await asyncio.sleep(0.1)
    stack.sim.faults.drop_connections()

    def states(r: Reader) -> list[int]:
        return [e.link_state_changed.state for e in r.of("", link_types)]

    await reader.until(lambda r: common_enums.LINK_STATE_UP in states(r), timeout=30)
    link_events = reader.of("", link_types)
    assert states(reader)[0] == common_enums.LINK_STATE_DOWN
    assert link_events[0].link_state_changed.previous_state == common_enums.LINK_STATE_UP
    assert link_events[0].link_state_changed.link == "sim"
    assert link_events[0].link_state_changed.reason
    up = link_events[-1].link_state_changed
    assert up.state == common_enums.LINK_STATE_UP
    assert up.endpoint.startswith("127.0.0.1:")

    # The monitors are back: a call after recovery is seen, in full.
    async with asyncio.timeout(30):
        while True:
            try:
                await cc.MakeCall(cc_rr.MakeCallRequest(extension="103", destination="104"))
                break
            except grpc.aio.AioRpcError:
                await asyncio.sleep(0.1)
    await reader.event("104", ET.EVENT_TYPE_OFFERED)
    await cc.HangupCall(cc_rr.HangupCallRequest(extension="103"))
    await reader.event("104", ET.EVENT_TYPE_IDLE)
    assert types(reader.of("103")) == ["alerting", "disconnected", "idle"]
    assert types(reader.of("104")) == ["offered", "disconnected", "idle"]
    await reader.close()


async def test_graceful_shutdown_ends_streams_with_unavailable(tmp_path: Path) -> None:
    async with other_stack(tmp_path) as other:
        reader = stream(other.channel, all_devices=True, include_snapshot=True)
        await reader.until(lambda r: len(r.items) >= 1)
        assert len(reader.items[0].snapshot.devices) == len(other.core.link.monitored)
        await other.server.stop(grace=1.0)
        err = await reader.ended()
        assert err.code() == grpc.StatusCode.UNAVAILABLE
        assert error_info(err).reason == "SHUTTING_DOWN"


# ------------------------------------------------------------------------------------------ tracker helpers


async def test_wait_for_sees_the_event_of_a_request(stack: Stack) -> None:
    before = stack.core.hub.last_sequence
    await _dnd(stack, "110", True)
    found = await stack.core.calls.wait_for(
        "110",
        lambda e: e.event_type == ET.EVENT_TYPE_DO_NOT_DISTURB_CHANGED,
        30.0,
        after_sequence=before,
    )
    assert found is not None
    assert found.do_not_disturb_changed.enabled
    missing = await stack.core.calls.wait_for("110", lambda e: e.event_type == ET.EVENT_TYPE_CONNECTED, 0.2)
    assert missing is None
    assert stack.core.hub.subscribers == 0


# ------------------------------------------------------------------------------------------ tracing


async def test_a_stream_cancelled_while_its_sends_wait_closes_its_span_in_its_own_context(
    stack: Stack, caplog: pytest.LogCaptureFixture
) -> None:
    """A client that goes away while the server's sends wait for flow control leaves the response generators
    suspended at a `yield`. They must be closed in the call's own task: closed later by the event loop's
    finalizer, in another task, the OpenTelemetry interceptor fails to detach its span's context."""
    exporter = memory_exporter()
    caplog.set_level(logging.ERROR, logger="opentelemetry.context")
    hub = stack.core.hub
    # No BDP probing: the flow-control window stays small, so the server's sends soon wait for the client.
    channel = grpc.aio.insecure_channel(f"127.0.0.1:{stack.server.port}", options=[("grpc.http2.bdp_probe", 0)])
    try:
        call = ev_grpc.EventServiceStub(channel).StreamEvents(
            rr.StreamEventsRequest(devices=["101"], include_snapshot=True)
        )
        first = await asyncio.wait_for(call.read(), 30)  # the snapshot: the subscription is in place
        assert isinstance(first, rr.StreamEventsResponse)
        assert first.HasField("snapshot")
        big = "x" * 20_000

        def build(seq: int) -> events_pb2.Event:
            ev = events_pb2.Event(sequence=seq, event_type=ET.EVENT_TYPE_PHONE_CHANGED, device="101")
            ev.phone_changed.display.contents = big
            return ev

        published = [hub.publish("101", build) for _ in range(40)]  # 800 kB, far beyond the window
        event = await asyncio.wait_for(call.read(), 30)  # the server is sending; the client reads no more
        assert isinstance(event, rr.StreamEventsResponse)
        assert event.event.sequence == published[0]
        call.cancel()

        name = "/callwire.events.v1.EventService/StreamEvents"
        async with asyncio.timeout(30):
            while not any(s.name == name for s in exporter.get_finished_spans()):
                gc.collect()  # an unclosed generator is finalized (in another task) once collected
                await asyncio.sleep(0.01)
        failures = [r for r in caplog.records if r.name == "opentelemetry.context"]
        assert not failures, failures[0].getMessage()
    finally:
        await channel.close()
        exporter.clear()


# ------------------------------------------------------------------------------------------ serialization


async def test_an_event_is_serialized_once_for_all_its_streams(stack: Stack) -> None:
    """Every stream watching a device writes its events: the first stream serializes an event and the others
    write the same bytes (the method's response serializer passes bytes through), and a client still reads
    the event it always did."""
    from callwire_server.services.events import EventServicer

    class Accepting:  # what the servicer uses of its context here: it sends the headers once it accepted
        async def send_initial_metadata(self, metadata: object) -> None:
            return None

    servicer = EventServicer(stack.core)
    one = aiter(servicer.StreamEvents(rr.StreamEventsRequest(devices=["101"]), Accepting()))
    all_devices = aiter(servicer.StreamEvents(rr.StreamEventsRequest(all_devices=True), Accepting()))
    first = asyncio.ensure_future(anext(one))
    second = asyncio.ensure_future(anext(all_devices))
    await asyncio.sleep(0)  # both generators have subscribed before the event is published
    reader = await opened(stack.channel, devices=["101"])
    try:
        await _dnd(stack, "101", True)
        wire_one = await asyncio.wait_for(first, 30)
        assert isinstance(wire_one, bytes)
        sent = rr.StreamEventsResponse.FromString(wire_one)
        wire_all = await asyncio.wait_for(second, 30)
        while isinstance(wire_all, bytes) and rr.StreamEventsResponse.FromString(wire_all).event.sequence < (
            sent.event.sequence
        ):
            wire_all = await asyncio.wait_for(anext(all_devices), 30)
        assert wire_all is wire_one
        received = await reader.event("101", ET.EVENT_TYPE_DO_NOT_DISTURB_CHANGED)
        assert sent.event == received
    finally:
        await one.aclose()  # type: ignore[attr-defined]
        await all_devices.aclose()  # type: ignore[attr-defined]
        await reader.close()
        await _dnd(stack, "101", False)
