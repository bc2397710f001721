"""Every response-streaming method through the server's whole interceptor chain (OpenTelemetry, Callwire, the
stream adapter): handlers written as async generators (StreamEvents, StreamProtocolTrace, reflection) and ones
that call `context.write` (the health service's Watch) must all stream, never end with UNKNOWN."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import grpc
from google.protobuf import descriptor_pool, message_factory
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection
from grpc_stack import Stack

from callwire.station.v1 import request_response_pb2 as station_rr
from callwire.station.v1 import service_pb2_grpc as station_grpc
from callwire_testkit import until

READ_TIMEOUT = 30.0  # generous for a loaded machine; a healthy stream answers in milliseconds


async def first(call: Any) -> Any:
    message = await asyncio.wait_for(call.read(), READ_TIMEOUT)
    assert message is not grpc.aio.EOF, f"the stream ended with {await call.code()}: {await call.details()}"
    return message


async def trace_traffic(stack: Stack) -> None:
    """The trace streams CSTA frames: cause one once the trace has subscribed."""
    await until(lambda: bool(stack.core.trace_subscribers), timeout=READ_TIMEOUT, what="the trace subscribed")
    station = station_grpc.StationServiceStub(stack.channel)
    await station.SetMessageWaiting(station_rr.SetMessageWaitingRequest(extension="101", enabled=True))


async def nothing(stack: Stack) -> None:
    return None


#: The request of each response-streaming method and what makes it send a first message. The test fails when
#: the server registers a streaming method that is not named here.
STREAMS: dict[str, tuple[dict[str, Any], Callable[[Stack], Awaitable[None]]]] = {
    "/callwire.events.v1.EventService/StreamEvents": ({"devices": ["101"], "include_snapshot": True}, nothing),
    "/callwire.admin.v1.AdminService/StreamProtocolTrace": ({"devices": ["101"]}, trace_traffic),
    "/grpc.health.v1.Health/Watch": ({}, nothing),
    "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo": ({"list_services": ""}, nothing),
}


def streaming_methods(stack: Stack) -> dict[str, tuple[type[Any], type[Any], bool]]:
    """Every response-streaming method the server registers: path -> (request class, response class, whether the
    client streams too)."""
    pool = descriptor_pool.Default()
    found = {}
    for name in [*stack.server.services, health.SERVICE_NAME, reflection.SERVICE_NAME]:
        for method in pool.FindServiceByName(name).methods:
            if method.server_streaming:
                found[f"/{name}/{method.name}"] = (
                    message_factory.GetMessageClass(method.input_type),
                    message_factory.GetMessageClass(method.output_type),
                    method.client_streaming,
                )
    return found


async def test_every_streaming_method_streams_through_every_interceptor(stack: Stack) -> None:
    methods = streaming_methods(stack)
    assert set(methods) == set(STREAMS), "name each streaming method's request in STREAMS"
    for path, (request_class, response_class, client_streaming) in methods.items():
        body, cause = STREAMS[path]
        request = request_class(**body)
        options = {
            "request_serializer": request_class.SerializeToString,
            "response_deserializer": response_class.FromString,
        }

        async def requests(r: Any = request) -> AsyncIterator[Any]:
            yield r
            await asyncio.Event().wait()  # keep the request side open, as a reflection client does

        if client_streaming:
            call: Any = stack.channel.stream_stream(path, **options)(requests())
        else:
            call = stack.channel.unary_stream(path, **options)(request)
        try:
            await cause(stack)
            answer = await first(call)
            assert isinstance(answer, response_class), path
        finally:
            call.cancel()


async def test_health_watch_reports_the_link_going_down_and_up(stack: Stack) -> None:
    serving, not_serving = health_pb2.HealthCheckResponse.SERVING, health_pb2.HealthCheckResponse.NOT_SERVING
    watch = health_pb2_grpc.HealthStub(stack.channel).Watch(health_pb2.HealthCheckRequest())
    try:
        assert (await first(watch)).status == serving
        stack.sim.faults.refuse_connections(True)
        stack.sim.faults.drop_connections()
        assert (await first(watch)).status == not_serving
        stack.sim.faults.refuse_connections(False)
        assert (await first(watch)).status == serving
    finally:
        watch.cancel()
