"""The link under faults, over real TCP against the simulated switch: drops, stalls, garbage, session
termination, an endpoint down, failover. Each test checks that in-flight requests fail once, that the
link comes back, that every monitor is restored and that no event after recovery is lost."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator

import pytest
from link_support import Events, States, Trace, device, make_config, new_simulator, place_call, running_simulator

from callwire_csta import codec as csta
from callwire_csta.codec import ClearCall, ConnectionID, MonitorStop, SnapshotDevice
from callwire_csta.link import CstaLink, LinkDown, LinkState
from callwire_sim.transport import SimulatorServer

EXTENSIONS = ("101", "102", "103", "104")


@pytest.fixture
async def sim() -> AsyncIterator[SimulatorServer]:
    async with running_simulator() as server:
        yield server


async def monitored_link(*servers: SimulatorServer, **overrides: object) -> tuple[CstaLink, Events, States]:
    link = CstaLink(make_config(*servers, **overrides))
    events, states = Events(), States()
    link.add_event_listener(events)
    link.add_state_listener(states)
    await link.start()
    await asyncio.gather(*(link.monitor(ext) for ext in EXTENSIONS))
    return link, events, states


async def assert_recovered(link: CstaLink, events: Events, reference: dict[str, list[str]]) -> None:
    """Monitors restored, and a new call 103 -> 104 yields exactly the events a call gave before the fault."""
    assert link.state is LinkState.UP
    assert link.monitored == frozenset(EXTENSIONS)
    since = len(events.items)
    await place_call(link, events, "103", "104", since=since)
    assert events.kinds("103", since=since) == reference["101"]
    assert events.kinds("104", since=since) == reference["102"]


async def reference_call(link: CstaLink, events: Events) -> tuple[str, dict[str, list[str]]]:
    """Call 101 -> 102, answered; it stays up across the fault. Returns its call ID and events by party."""
    call_id = await place_call(link, events, "101", "102")
    return call_id, {"101": events.kinds("101"), "102": events.kinds("102")}


async def clear(link: CstaLink, events: Events, call_id: str) -> None:
    since = len(events.items)
    await link.request(ClearCall(call_to_be_cleared=ConnectionID(call_id=call_id, device_id=device(link, "101"))))
    await events.event("101", "CallClearedEvent", since=since)


async def test_dropped_mid_call(sim: SimulatorServer) -> None:
    link, events, states = await monitored_link(sim)
    try:
        call_id, reference = await reference_call(link, events)
        session_id = link.session_id
        sim.faults.stall(None)  # hold the answer so that a request is in flight when the link drops
        in_flight = asyncio.ensure_future(link.request(SnapshotDevice(snapshot_object=device(link, "101"))))
        await asyncio.sleep(0)  # let it reach the socket
        mark = len(states.items)
        sim.faults.drop_connections()
        sim.faults.resume()
        with pytest.raises(LinkDown, match="link lost"):
            await in_flight
        down = await states.reach(LinkState.DOWN, since=mark)
        up = await states.reach(LinkState.UP, since=mark)
        assert down.endpoint == up.endpoint == link.active_endpoint
        # A short drop: the old session is re-attached, its monitors kept by the switch.
        assert (up.reason, up.session_id) == ("session re-attached", session_id)
        await assert_recovered(link, events, reference)
        await clear(link, events, call_id)  # the call that was up during the drop is still reported
    finally:
        await link.stop()


async def test_stalled_peer_misses_keepalive_and_the_link_reconnects(
    sim: SimulatorServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="callwire.link")
    link, events, states = await monitored_link(sim, session_duration=1.0, request_timeout=0.5)
    try:
        call_id, reference = await reference_call(link, events)
        old = link.session_id
        mark = len(states.items)
        sim.faults.stall(1.2)  # longer than the 1 s session: the switch expires it meanwhile
        down = await states.reach(LinkState.DOWN, since=mark)
        assert "keep-alive failed: ResetApplicationSessionTimer: no answer" in down.reason
        up = await states.reach(LinkState.UP, since=mark)
        # The re-attach is refused (the session expired on the switch): a fresh session on the same socket.
        assert "re-attach refused" in caplog.text
        assert up.reason == "session started"
        assert up.session_id != old
        await assert_recovered(link, events, reference)
        await clear(link, events, call_id)
    finally:
        await link.stop()


async def test_garbage_on_the_wire_drops_and_reconnects(sim: SimulatorServer) -> None:
    link, events, states = await monitored_link(sim)
    try:
        _, reference = await reference_call(link, events)
        mark = len(states.items)
        sim.faults.send_garbage(b"\x00\x00\x00\x10GARBAGE!<notxml")
        down = await states.reach(LinkState.DOWN, since=mark)
        assert "garbage on the wire" in down.reason
        await states.reach(LinkState.UP, since=mark)
        await assert_recovered(link, events, reference)
    finally:
        await link.stop()


async def test_session_terminated_by_the_peer_starts_a_new_session(sim: SimulatorServer) -> None:
    link, events, states = await monitored_link(sim)
    try:
        call_id, reference = await reference_call(link, events)
        old = link.session_id
        mark = len(states.items)
        sim.faults.terminate_sessions()
        down = await states.reach(LinkState.DOWN, since=mark)
        assert "session terminated by the peer: resourceLimitation" in down.reason
        up = await states.reach(LinkState.UP, since=mark)
        assert up.reason == "session started"
        assert up.session_id not in (None, old)
        assert old not in sim.sessions
        assert up.session_id in sim.sessions
        await assert_recovered(link, events, reference)
        await clear(link, events, call_id)
    finally:
        await link.stop()


async def test_first_endpoint_down_then_failover_back() -> None:
    a, b = await new_simulator(), await new_simulator()
    a.faults.refuse_connections(True)
    link = None
    try:
        link, events, states = await monitored_link(a, b)
        endpoint_a, endpoint_b = link.config.endpoints
        assert link.active_endpoint == endpoint_b
        assert link.session_id in b.sessions
        _, reference = await reference_call(link, events)

        a.faults.refuse_connections(False)
        mark = len(states.items)
        b.faults.drop_connections()  # B fails: the link goes back to the top of the list, A
        down = await states.reach(LinkState.DOWN, since=mark)
        up = await states.reach(LinkState.UP, since=mark)
        assert (down.endpoint, up.endpoint, up.reason) == (endpoint_b, endpoint_a, "session started")
        assert link.active_endpoint == endpoint_a
        assert link.session_id in a.sessions
        assert states.sequence == [LinkState.CONNECTING, LinkState.UP, LinkState.DOWN, LinkState.UP]
        await assert_recovered(link, events, reference)  # A's switch now reports the monitored stations
    finally:
        if link is not None:
            await link.stop()
        await a.stop()
        await b.stop()


async def test_no_endpoint_at_start_then_the_link_comes_up_in_the_background() -> None:
    a = await new_simulator()
    a.faults.refuse_connections(True)
    link = CstaLink(make_config(a))
    events, states = Events(), States()
    link.add_event_listener(events)
    link.add_state_listener(states)
    try:
        with pytest.raises(LinkDown, match="no CSTA endpoint could be reached: sim0"):
            await link.start()
        for ext in ("101", "102"):  # remembered while down, monitored once the link is up
            with pytest.raises(LinkDown, match=f"{ext} is monitored once it is up"):
                await link.monitor(ext)
        assert link.monitored == frozenset({"101", "102"})
        a.faults.refuse_connections(False)
        await states.reach(LinkState.UP)
        await place_call(link, events, "101", "102")
        assert states.sequence == [LinkState.CONNECTING, LinkState.DOWN, LinkState.UP]
    finally:
        await link.stop()
        await a.stop()


async def test_monitor_changes_while_down_are_applied_on_reattach(sim: SimulatorServer) -> None:
    link, events, states = await monitored_link(sim)
    trace = Trace()
    link.add_trace_listener(trace.record)
    try:
        session_id = link.session_id
        xref_104 = link._ext_to_xref["104"]
        mark = len(states.items)
        sim.faults.refuse_connections(True)
        sim.faults.drop_connections()
        await states.reach(LinkState.DOWN, since=mark)
        await link.unmonitor("104")
        with pytest.raises(LinkDown):
            await link.monitor("105")
        sim.faults.refuse_connections(False)
        up = await states.reach(LinkState.UP, since=mark)
        assert (up.reason, up.session_id) == ("session re-attached", session_id)
        assert link.monitored == frozenset({"101", "102", "103", "105"})
        sent = [csta.decode_xml(x) for d, _, x in trace.items if d == "out"]
        assert MonitorStop(monitor_cross_ref_id=xref_104) in sent
        assert [m.XML_TAG for m in sent].count("MonitorStart") == 1  # 105 only: the others survived
        since = len(events.items)
        await place_call(link, events, "103", "105", since=since)
        call = csta.MakeCall(
            calling_device=device(link, "101"),
            called_directory_number=csta.DeviceID(value="104", type_of_number=None, media_class=None),
        )
        await link.request(call)
        await events.event("101", "DeliveredEvent", since=since)  # 104 rings too, but nobody monitors it
        assert {e.extension for e in events.items[since:]} == {"101", "103", "105"}
    finally:
        await link.stop()


async def test_stop_fails_requests_in_flight(sim: SimulatorServer) -> None:
    link = CstaLink(make_config(sim))
    await link.start()
    sim.faults.stall(None)
    in_flight = asyncio.ensure_future(link.request(SnapshotDevice(snapshot_object=device(link, "101")), timeout=5))
    await asyncio.sleep(0)
    stopping = asyncio.ensure_future(link.stop())
    with pytest.raises(LinkDown):
        await in_flight
    sim.faults.resume()
    await stopping
    assert link.state is LinkState.STOPPED
