"""What a client is told when the CSTA link fails: UNAVAILABLE (LINK_DOWN, safe to retry) when the request
was not sent, DEADLINE_EXCEEDED (LINK_TIMEOUT, outcome unknown) when the link went while it was in flight."""

from __future__ import annotations

import asyncio

import grpc
import pytest
from google.rpc import error_details_pb2
from grpc_stack import Stack
from grpc_status import rpc_status

from callwire.station.v1 import request_response_pb2 as rr
from callwire.station.v1 import service_pb2_grpc
from callwire_server.link import LinkState


def reason(err: grpc.aio.AioRpcError) -> str:
    status = rpc_status.from_call(err)
    assert status is not None
    info = error_details_pb2.ErrorInfo()
    assert status.details[0].Unpack(info)
    found: str = info.reason
    return found


async def test_a_request_in_flight_when_the_link_drops_is_a_timeout(stack: Stack) -> None:
    station = service_pb2_grpc.StationServiceStub(stack.channel)
    stack.sim.faults.stall()  # the switch reads nothing more: the request stays in flight
    call = station.SetMessageWaiting(rr.SetMessageWaitingRequest(extension="101", enabled=True))
    await asyncio.sleep(0.2)
    stack.sim.faults.refuse_connections(True)
    stack.sim.faults.drop_connections()
    with pytest.raises(grpc.aio.AioRpcError) as lost:
        await call
    assert lost.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
    assert reason(lost.value) == "LINK_TIMEOUT"
    assert "lost before the switch answered" in (lost.value.details() or "")

    for _ in range(100):
        if stack.core.link.state is LinkState.DOWN:
            break
        await asyncio.sleep(0.02)
    with pytest.raises(grpc.aio.AioRpcError) as down:
        await station.SetMessageWaiting(rr.SetMessageWaitingRequest(extension="101", enabled=True))
    assert down.value.code() == grpc.StatusCode.UNAVAILABLE
    assert reason(down.value) == "LINK_DOWN"

    stack.sim.faults.resume()
    stack.sim.faults.refuse_connections(False)
    for _ in range(200):
        if stack.core.link.state is LinkState.UP:
            break
        await asyncio.sleep(0.02)
    await station.SetMessageWaiting(rr.SetMessageWaitingRequest(extension="101", enabled=True))
