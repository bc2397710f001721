"""The link's window of requests in flight (`LinkConfig.max_in_flight`), over real TCP against the simulated
switch: requests beyond it wait in order, each still gets exactly one answer, and a start or failover with
more stations than there are invoke IDs (9,998) monitors every one of them."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from link_support import PASSWORD, USER, States, Trace, device, make_config, running_link, running_simulator

from callwire_csta.codec import (
    MAX_INVOKE_ID,
    DeviceID,
    GetDoNotDisturb,
    GetDoNotDisturbResponse,
    GetTrunkGroupInfo,
)
from callwire_csta.link import (
    CstaLink,
    CstaRequestError,
    Endpoint,
    LinkConfig,
    LinkDown,
    LinkState,
    LinkTimeout,
    NotSupportedBySwitch,
)
from callwire_csta.link._config import MAX_IN_FLIGHT
from callwire_sim.site import Site, Station
from callwire_sim.switch import Switch
from callwire_sim.transport import SimulatorServer
from callwire_testkit import until


@pytest.fixture
async def sim() -> AsyncIterator[SimulatorServer]:
    async with running_simulator() as server:
        yield server


def _outstanding(trace: Trace) -> int:
    """The most requests that were on the wire at once, from the protocol trace (events excluded)."""
    open_ids: set[int] = set()
    most = 0
    for direction, invoke_id, _ in trace.items:
        if direction == "out":
            open_ids.add(invoke_id)
            most = max(most, len(open_ids))
        else:
            open_ids.discard(invoke_id)
    return most


async def test_requests_beyond_the_window_wait_and_each_gets_its_answer(sim: SimulatorServer) -> None:
    async with running_link(sim, max_in_flight=4) as link:
        trace = Trace()
        link.add_trace_listener(trace.record)
        answers = await asyncio.gather(*(link.request(GetDoNotDisturb(device=device(link, "101"))) for _ in range(50)))
        assert all(isinstance(a, GetDoNotDisturbResponse) for a in answers)
        assert sum(1 for d, _, _ in trace.items if d == "out") == 50
        assert _outstanding(trace) == 4
        assert link._conn is not None
        assert link._conn.core.in_flight == 0


async def test_a_waiting_request_counts_its_deadline_from_the_wire_and_a_cancelled_one_is_never_sent(
    sim: SimulatorServer,
) -> None:
    async with running_link(sim, max_in_flight=1, request_timeout=0.3) as link:
        trace = Trace()
        link.add_trace_listener(trace.record)
        sim.faults.stall()
        first = asyncio.ensure_future(link.request(GetDoNotDisturb(device=device(link, "101"))))
        dropped = asyncio.ensure_future(link.request(GetDoNotDisturb(device=device(link, "102"))))
        waiting = asyncio.ensure_future(link.request(GetDoNotDisturb(device=device(link, "103"))))
        conn = link._conn
        assert conn is not None
        await until(lambda: conn.core.in_flight == 1 and len(conn._queued) == 2, what="one sent, two waiting")
        dropped.cancel()
        # The first one times out after 0.3 s on the wire; only then is the third written, with a fresh 0.3 s.
        with pytest.raises(LinkTimeout):
            await first
        assert not waiting.done()
        sim.faults.resume()
        assert isinstance(await waiting, GetDoNotDisturbResponse)
        sent = [xml for d, _, xml in trace.items if d == "out"]
        assert len(sent) == 2
        assert b"103" in sent[1]
        assert not any(b"102" in xml for xml in sent)
        assert dropped.cancelled()


async def test_requests_waiting_for_the_window_fail_once_when_the_link_is_lost(sim: SimulatorServer) -> None:
    async with running_link(sim, max_in_flight=2) as link:
        states = States()
        link.add_state_listener(states)
        sim.faults.stall()
        calls = [asyncio.ensure_future(link.request(GetDoNotDisturb(device=device(link, "101")))) for _ in range(10)]
        conn = link._conn
        assert conn is not None
        await until(lambda: conn.core.in_flight == 2 and len(conn._queued) == 8, what="two sent, eight waiting")
        sim.faults.drop_connections()
        outcomes = await asyncio.gather(*calls, return_exceptions=True)
        assert all(isinstance(o, LinkDown) for o in outcomes), outcomes
        sim.faults.resume()
        await states.reach(LinkState.UP)


def test_the_window_must_leave_invoke_ids_for_the_session() -> None:
    settings = {"endpoints": (Endpoint("127.0.0.1", 4721),), "username": USER, "password": PASSWORD}
    for bad in (0, MAX_INVOKE_ID):
        with pytest.raises(ValueError, match="max_in_flight"):
            LinkConfig(**settings, max_in_flight=bad)  # type: ignore[arg-type]
    assert LinkConfig(**settings, max_in_flight=MAX_IN_FLIGHT).max_in_flight == MAX_IN_FLIGHT  # type: ignore[arg-type]


#: More stations than there are invoke IDs: all of them pipelined at once ran out of IDs, and every
#: extension whose request could not get one was dropped from the monitored set.
MANY = MAX_INVOKE_ID + 1_000


async def test_more_stations_than_invoke_ids_are_all_monitored_when_the_link_comes_up_and_after_a_new_session() -> None:
    extensions = [str(300_000 + i) for i in range(MANY)]
    site = Site(stations=tuple(Station(extension=e, name=f"S {e}") for e in extensions))
    server = SimulatorServer(Switch(site), host="127.0.0.1", port=0, username=USER, password=PASSWORD)
    await server.start()
    server.faults.refuse_connections(True)
    config: LinkConfig = make_config(server, request_timeout=30.0)
    link = CstaLink(config)
    states = States()
    link.add_state_listener(states)
    try:
        with pytest.raises(LinkDown):
            await link.start()
        for ext in extensions:  # remembered while the link is down, all monitored in one go once it is up
            with pytest.raises(LinkDown):
                await link.monitor(ext)
        mark = len(states.items)
        server.faults.refuse_connections(False)
        await states.reach(LinkState.UP, since=mark, timeout=120)
        assert link.monitored == frozenset(extensions)
        assert all(link.monitor_active(ext) for ext in extensions)

        # The switch ends the session: a fresh one resolves and monitors every station again.
        mark = len(states.items)
        server.faults.terminate_sessions()
        up = await states.reach(LinkState.UP, since=mark, timeout=120)
        assert up.reason == "session started"
        assert link.monitored == frozenset(extensions)
        assert all(link.monitor_active(ext) for ext in extensions)
        assert len({link._ext_to_xref[ext] for ext in extensions}) == MANY
    finally:
        await link.stop()
        await server.stop()


async def test_submit_gives_the_answer_or_the_error_as_a_future() -> None:
    """`submit` is `request` without a coroutine (the tracker gathers four per station at start): answers and
    refusals alike arrive on the future, never as an exception from the call itself."""
    async with running_simulator(advertise_callwire_services=False) as server, running_link(server) as link:
        answer, refused, invented = await asyncio.gather(
            link.submit(GetDoNotDisturb(device=device(link, "101"))),
            link.submit(GetDoNotDisturb(device=device(link, "99999"))),
            link.submit(GetTrunkGroupInfo(device=DeviceID(value="410"))),
            return_exceptions=True,
        )
        assert isinstance(answer, GetDoNotDisturbResponse)
        assert isinstance(refused, CstaRequestError)
        assert isinstance(invented, NotSupportedBySwitch)
    down = link.submit(GetDoNotDisturb(device=device(link, "101")))  # stopped: LinkDown on the future
    with pytest.raises(LinkDown):
        await down
