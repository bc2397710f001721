"""A `traceparent` on a REST request or on the WebSocket upgrade continues into the gRPC call."""

from __future__ import annotations

import aiohttp
import pytest
from gwstack import Stack, open_client
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"
EXPORTER = InMemorySpanExporter()


@pytest.fixture(scope="module", autouse=True)
def provider() -> None:
    current = trace.get_tracer_provider()
    if not isinstance(current, TracerProvider):
        tp = TracerProvider()
        tp.add_span_processor(SimpleSpanProcessor(EXPORTER))
        trace.set_tracer_provider(tp)
    else:
        current.add_span_processor(SimpleSpanProcessor(EXPORTER))


def _spans_of_trace() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for span in EXPORTER.get_finished_spans():
        assert span.context is not None
        out.setdefault(f"{span.context.trace_id:032x}", set()).add(span.name)
    return out


async def test_rest_traceparent_reaches_the_server_span(stack: Stack) -> None:
    EXPORTER.clear()
    headers = {"traceparent": f"00-{TRACE_ID}-00f067aa0ba902b7-01"}
    url = f"{stack.rest_url}/querydevicename?id=1&extension=101"
    async with aiohttp.ClientSession() as http, http.get(url, headers=headers) as resp:
        assert (await resp.json())["name"] == "Peter"
    names = _spans_of_trace()[TRACE_ID]
    assert "legacy rest querydevicename" in names
    assert "/callwire.query.v1.QueryService/GetDeviceName" in names  # client and server spans of the RPC


async def test_websocket_upgrade_traceparent_reaches_the_server_span(stack: Stack) -> None:
    EXPORTER.clear()
    trace_id = "0af7651916cd43dd8448eb211c80319c"
    client = await open_client(stack, additional_headers={"traceparent": f"00-{trace_id}-b7ad6b7169203331-01"})
    try:
        assert (await client.request({"id": 1, "request": "querydevicename", "extension": "102"}))["name"] == "Mary"
    finally:
        await client.close()
    names = _spans_of_trace()[trace_id]
    assert "legacy ws querydevicename" in names
    server_spans = [
        s
        for s in EXPORTER.get_finished_spans()
        if s.name.endswith("GetDeviceName") and s.kind == trace.SpanKind.SERVER and s.context is not None
    ]
    assert any(f"{s.context.trace_id:032x}" == trace_id for s in server_spans if s.context is not None)
