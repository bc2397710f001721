"""The OpenTelemetry server interceptor runs where a call can have a span or a trace context, and only there.

A real grpc.aio server on a real socket, with the server's `TracingInterceptor` in front of a handler that
answers the trace ID current while it runs. The provider the interceptor sees is given to it, so the
process's global provider (another test may have installed one) does not decide what these tests see.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

import grpc
import pytest
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider

from callwire_server.interceptors import TracingInterceptor
from callwire_server.telemetry import current_trace_ids

METHOD = "/test.Trace/Current"
TRACE_ID = "5bf92f3577b34da6a3ce929d0e0e4737"
PARENT_ID = "00f067aa0ba902b8"
TRACEPARENT = f"00-{TRACE_ID}-{PARENT_ID}-01"


async def _current(request: bytes, context: grpc.aio.ServicerContext[bytes, bytes]) -> bytes:
    """The current trace ID, and whether the OpenTelemetry interceptor wrapped the servicer context."""
    ids = current_trace_ids()
    wrapped = type(context).__name__ == "_OpenTelemetryAioServicerContext"
    return f"{ids[0] if ids else '-'} {'wrapped' if wrapped else 'bare'}".encode()


Call = Callable[..., "grpc.aio.UnaryUnaryCall[bytes, bytes]"]


async def _serve(provider: Callable[[], trace.TracerProvider]) -> AsyncIterator[Call]:
    server = grpc.aio.server(interceptors=[TracingInterceptor(provider)])
    handler = grpc.method_handlers_generic_handler(
        "test.Trace", {"Current": grpc.unary_unary_rpc_method_handler(_current)}
    )
    server.add_generic_rpc_handlers((handler,))
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    channel = grpc.aio.insecure_channel(f"127.0.0.1:{port}")
    try:
        yield channel.unary_unary(METHOD)
    finally:
        await channel.close()
        await server.stop(None)


@pytest.fixture
async def no_provider() -> AsyncIterator[Call]:
    async for call in _serve(trace.ProxyTracerProvider):
        yield call


@pytest.fixture
async def sdk_provider() -> AsyncIterator[Call]:
    provider = TracerProvider()
    try:
        async for call in _serve(lambda: provider):
            yield call
    finally:
        provider.shutdown()


async def test_without_a_provider_a_call_without_trace_context_skips_the_span_interceptor(no_provider: Call) -> None:
    assert await no_provider(b"") == b"- bare"


async def test_without_a_provider_a_clients_traceparent_still_becomes_current(no_provider: Call) -> None:
    # The JSON logs and the CSTA child spans of this call carry the client's trace.
    answer = await no_provider(b"", metadata=(("traceparent", TRACEPARENT),))
    assert answer == f"{TRACE_ID} wrapped".encode()


async def test_with_a_provider_every_call_gets_the_span_interceptor(sdk_provider: Call) -> None:
    assert (await sdk_provider(b"")).endswith(b" wrapped")
    answer = await sdk_provider(b"", metadata=(("traceparent", TRACEPARENT),))
    assert answer == f"{TRACE_ID} wrapped".encode()
