"""What a client is told when the CSTA link fails: UNAVAILABLE (LINK_DOWN, safe to retry) when the request
was not sent, DEADLINE_EXCEEDED (LINK_TIMEOUT, outcome unknown) when the link went while it was in flight."""

from __future__ import annotations

import asyncio

import grpc
import pytest
from grpc_stack import Stack

from callwire.station.v1 import request_response_pb2 as rr
from callwire.station.v1 import service_pb2_grpc
from callwire_csta.link import LinkState
from callwire_testkit import error_info, until


async def link_reaches(stack: Stack, state: LinkState) -> None:
    await until(lambda: stack.core.link.state is state, what=f"link {state.value}")


async def test_a_request_in_flight_when_the_link_drops_is_a_timeout(stack: Stack) -> None:
    station = service_pb2_grpc.StationServiceStub(stack.channel)
    sent = asyncio.get_running_loop().create_future()

    def on_frame(direction: str, _invoke_id: int, xml: bytes) -> None:
        if direction == "out" and b"MessageWaiting" in xml and not sent.done():
            sent.set_result(None)

    stack.core.link.add_trace_listener(on_frame)
    stack.sim.faults.stall()  # the switch reads nothing more: the request stays in flight
    call = station.SetMessageWaiting(rr.SetMessageWaitingRequest(extension="101", enabled=True))
    await asyncio.wait_for(sent, 30)  # written to the link: from now on it is in flight
    stack.sim.faults.refuse_connections(True)
    stack.sim.faults.drop_connections()
    with pytest.raises(grpc.aio.AioRpcError) as lost:
        await call
    assert lost.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
    assert error_info(lost.value).reason == "LINK_TIMEOUT"
    assert "lost before the switch answered" in (lost.value.details() or "")

    await link_reaches(stack, LinkState.DOWN)
    with pytest.raises(grpc.aio.AioRpcError) as down:
        await station.SetMessageWaiting(rr.SetMessageWaitingRequest(extension="101", enabled=True))
    assert down.value.code() == grpc.StatusCode.UNAVAILABLE
    assert error_info(down.value).reason == "LINK_DOWN"

    stack.sim.faults.resume()
    stack.sim.faults.refuse_connections(False)
    await link_reaches(stack, LinkState.UP)
    await station.SetMessageWaiting(rr.SetMessageWaitingRequest(extension="101", enabled=True))
