"""Requests safe to retry: x-request-id as an idempotency key, over gRPC, the real link and the simulator."""

from __future__ import annotations

import asyncio
from pathlib import Path

import grpc
import pytest
from grpc_stack import Stack, running_stack

from callwire.callcontrol.v1 import request_response_pb2 as cc_rr
from callwire.callcontrol.v1 import service_pb2_grpc as cc_grpc
from callwire.query.v1 import request_response_pb2 as query_rr
from callwire.query.v1 import service_pb2_grpc as query_grpc
from callwire_server.config import GrpcConfig
from callwire_server.idempotency import IdempotencyKeys, has_side_effects
from callwire_testkit import error_info, until

MAKE_CALL = "/callwire.callcontrol.v1.CallControlService/MakeCall"


def key(request_id: str) -> tuple[tuple[str, str], ...]:
    return (("x-request-id", request_id),)


def calls_of(stack: Stack, extension: str) -> list[int]:
    return [cid for cid in stack.switch.call_ids() if stack.switch.connection_state(cid, extension) is not None]


async def test_a_make_call_that_ran_out_of_time_is_placed_once_and_its_retry_gets_the_call(stack: Stack) -> None:
    """The switch stalls, so the first MakeCall cannot finish before the client's deadline however fast or slow
    the machine is; once it is released the first request goes on and places the call, and a retry with the same
    request ID gets that call instead of placing another."""
    calls = cc_grpc.CallControlServiceStub(stack.channel)
    request = cc_rr.MakeCallRequest(extension="101", destination="102")
    await stack.channel.channel_ready()  # connecting is not part of the deadline
    stack.sim.faults.stall()
    try:
        first = asyncio.ensure_future(calls.MakeCall(request, metadata=key("dial-1"), timeout=1.0))
        # The deadline is long enough for the request to reach the server on a busy machine; the stalled switch
        # then holds it past the deadline.
        await until(lambda: len(stack.core.idempotency) == 1 or first.done())
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await first
        assert caught.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
        assert len(stack.core.idempotency) == 1, "the first request did not reach the server before its deadline"
        assert calls_of(stack, "101") == []
    finally:
        stack.sim.faults.resume()
    await until(lambda: calls_of(stack, "101"))  # the first request went on after its client stopped waiting
    retried = await calls.MakeCall(request, metadata=key("dial-1"))
    again = await calls.MakeCall(request, metadata=key("dial-1"))
    assert again == retried
    assert calls_of(stack, "101") == [int(retried.call.call_id)]


async def test_a_retry_while_the_first_is_in_flight_waits_for_its_outcome(stack: Stack) -> None:
    """The switch stalls: the client's deadline passes while the MakeCall is on its way; the first request goes
    on, a retry sent meanwhile waits for it, and both see the one call the switch placed."""
    calls = cc_grpc.CallControlServiceStub(stack.channel)
    request = cc_rr.MakeCallRequest(extension="101", destination="102", user_data="once")
    stack.sim.faults.stall()
    try:
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await calls.MakeCall(request, metadata=key("dial-2"), timeout=0.2)
        assert caught.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
        retry = asyncio.ensure_future(calls.MakeCall(request, metadata=key("dial-2")))
        assert not retry.done()
    finally:
        stack.sim.faults.resume()
    retried = await retry
    assert calls_of(stack, "101") == [int(retried.call.call_id)]
    # Without a request ID (or with a new one) a request is a new request.
    fresh = await calls.MakeCall(cc_rr.MakeCallRequest(extension="103", destination="104"))
    assert calls_of(stack, "103") == [int(fresh.call.call_id)]


async def test_the_same_request_id_with_another_request_is_refused(stack: Stack) -> None:
    calls = cc_grpc.CallControlServiceStub(stack.channel)
    await calls.MakeCall(cc_rr.MakeCallRequest(extension="101", destination="102"), metadata=key("dial-3"))
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await calls.MakeCall(cc_rr.MakeCallRequest(extension="101", destination="103"), metadata=key("dial-3"))
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    info = error_info(caught.value)
    assert info.reason == "INVALID_ARGUMENT"
    assert info.metadata["field"] == "x-request-id"
    assert "dial-3" in (caught.value.details() or "")
    assert len(calls_of(stack, "101")) == 1
    # Another method may carry the same request ID (a client that tags a flow with one ID).
    await calls.HangupCall(cc_rr.HangupCallRequest(extension="101"), metadata=key("dial-3"))
    assert calls_of(stack, "101") == []


async def test_errors_are_remembered_too(stack: Stack) -> None:
    calls = cc_grpc.CallControlServiceStub(stack.channel)
    request = cc_rr.HangupCallRequest(extension="101")
    for _ in range(2):
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await calls.HangupCall(request, metadata=key("hang-1"))
        assert error_info(caught.value).reason == "NO_ACTIVE_CALL"
    made = await calls.MakeCall(cc_rr.MakeCallRequest(extension="101", destination="102"))
    with pytest.raises(grpc.aio.AioRpcError) as caught:  # the first outcome, not a second hang-up
        await calls.HangupCall(request, metadata=key("hang-1"))
    assert error_info(caught.value).reason == "NO_ACTIVE_CALL"
    assert calls_of(stack, "101") == [int(made.call.call_id)]


async def test_reads_are_answered_afresh(stack: Stack) -> None:
    query = query_grpc.QueryServiceStub(stack.channel)
    first = await query.GetTimeOfDay(query_rr.GetTimeOfDayRequest(), metadata=key("read-1"))
    assert first is not None
    assert len(stack.core.idempotency) == 0
    assert not has_side_effects("/callwire.query.v1.QueryService/GetTimeOfDay")
    assert not has_side_effects("/callwire.events.v1.EventService/StreamEvents")
    assert not has_side_effects("/no.such.v1.Service/Method")
    assert has_side_effects(MAKE_CALL)
    assert has_side_effects("/callwire.admin.v1.AdminService/AddExtension")


async def test_request_ids_are_scoped_per_api_key(tmp_path: Path) -> None:
    """Two clients that happen to send the same request ID each get their own call."""
    async with running_stack(tmp_path, grpc=GrpcConfig(address="127.0.0.1:0", require_api_key=True)) as running:
        switch, server, channel = running.switch, running.server, running.channel
        calls = cc_grpc.CallControlServiceStub(channel)
        request = cc_rr.MakeCallRequest(extension="101", destination="67896789")
        made = []
        for name in ("desk a", "desk b"):
            secret = (await server.core.store.create_api_key(name, "agent", ["101"])).secret
            metadata = (("authorization", f"Bearer {secret}"), ("x-request-id", "1"))
            made.append((await calls.MakeCall(request, metadata=metadata)).call.call_id)
        assert made[0] != made[1]
        assert sorted(switch.call_ids()) == sorted(int(c) for c in made)


async def test_outcomes_are_forgotten_after_the_window_and_beyond_the_bound() -> None:
    now = [0.0]
    keys = IdempotencyKeys(window=600.0, max_entries=2, clock=lambda: now[0])
    acted: list[str] = []
    request = cc_rr.MakeCallRequest(extension="101", destination="102")

    async def act(label: str) -> str:
        acted.append(label)
        return label

    assert await keys.run(MAKE_CALL, "", "a", request, lambda: act("a1")) == "a1"
    assert await keys.run(MAKE_CALL, "", "a", request, lambda: act("a2")) == "a1"
    now[0] = 599.0
    assert await keys.run(MAKE_CALL, "", "a", request, lambda: act("a3")) == "a1"
    now[0] = 600.0
    assert await keys.run(MAKE_CALL, "", "a", request, lambda: act("a4")) == "a4"  # the window has passed
    await keys.run(MAKE_CALL, "", "b", request, lambda: act("b1"))
    await keys.run(MAKE_CALL, "", "c", request, lambda: act("c1"))  # the bound: "a" leaves
    assert len(keys) == 2
    assert await keys.run(MAKE_CALL, "", "a", request, lambda: act("a5")) == "a5"
    assert acted == ["a1", "a4", "b1", "c1", "a5"]
