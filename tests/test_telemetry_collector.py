"""One trace per request, across processes, received by a real OpenTelemetry Collector.

The collector (built by tools/build-otelcol: OTLP receiver, batch processor, debug exporter) runs as its own
process; `callwire-sim`, `callwire serve` and `callwire gateway` run as three more, configured only by the
standard OTEL_* variables. A REST request and a WebSocket request, each with a client's `traceparent`, must
arrive at the collector as one trace each: the gateway's legacy span, its gRPC client span, the server's gRPC
span and the CSTA invoke span, each the parent of the next. The spans are read from the debug exporter's
detailed log, the one output this collector has.
"""

from __future__ import annotations

import asyncio
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
import pytest
from telemetry_procs import OTEL_CLEAN, OTELCOL, WAIT, callwire, simulator
from websockets.asyncio.client import connect

from callwire_testkit import Proc, free_port, start

pytestmark = [
    pytest.mark.timeout(900),
    pytest.mark.skipif(not OTELCOL.exists(), reason="no collector: `make tools` (tools/build-otelcol) builds it"),
]

COLLECTOR_CONFIG = """
receivers:
  otlp:
    protocols:
      grpc:
        endpoint: 127.0.0.1:{port}
processors:
  batch:
    timeout: 100ms
exporters:
  debug:
    verbosity: detailed
service:
  telemetry:
    metrics:
      level: none
  pipelines:
    traces:
      receivers: [otlp]
      processors: [batch]
      exporters: [debug]
"""


@dataclass
class Span:
    service: str
    scope: str
    trace_id: str = ""
    parent_id: str = ""
    span_id: str = ""
    name: str = ""
    kind: str = ""
    attributes: dict[str, str] = field(default_factory=dict)


_FIELD = re.compile(r"^ {4}(Trace ID|Parent ID|ID|Name|Kind) +: ?(.*)$")
_ATTRIBUTE = re.compile(r"^ {5}-> ([^:]+): \w+\((.*)\)$")


def parse_debug_log(text: str) -> list[Span]:
    """The spans of the debug exporter's `verbosity: detailed` output."""
    spans: list[Span] = []
    service = scope = ""
    current: Span | None = None
    in_resource = False
    for raw in text.splitlines():
        line = raw.split("\t")[-1] if raw.startswith("20") else raw  # the first line of a block has a log prefix
        if line.startswith("ResourceSpans #"):
            service, current, in_resource = "", None, False
        elif line.startswith("Resource attributes:"):
            in_resource = True
        elif line.startswith("InstrumentationScope "):
            scope, in_resource = line.split(" ")[1], False
        elif line.startswith("Span #"):
            current = Span(service=service, scope=scope)
            spans.append(current)
        elif (m := _ATTRIBUTE.match(line)) is not None:
            if in_resource and m.group(1) == "service.name":
                service = m.group(2)
            elif current is not None:
                current.attributes[m.group(1)] = m.group(2)
        elif current is not None and (m := _FIELD.match(line)) is not None:
            key, value = m.group(1), m.group(2).strip()
            if key == "Trace ID":
                current.trace_id = value
            elif key == "Parent ID":
                current.parent_id = value
            elif key == "ID":
                current.span_id = value
            elif key == "Name":
                current.name = value
            else:
                current.kind = value
    return spans


def chain(spans: list[Span], trace_id: str, parent_id: str, legacy: str, rpc: str, csta: str) -> list[Span] | None:
    """The gateway's legacy span (child of `parent_id`), its client span, the server span and the CSTA span of
    `trace_id`, each the parent of the next; None while one is missing."""
    of_trace = [s for s in spans if s.trace_id == trace_id]

    def child(parent: str, service: str, name: str, kind: str) -> Span | None:
        return next(
            (s for s in of_trace if (s.parent_id, s.service, s.name, s.kind) == (parent, service, name, kind)), None
        )

    found: list[Span] = []
    step = child(parent_id, "callwire-gateway", legacy, "Server")
    for service, name, kind in (
        ("callwire-gateway", rpc, "Client"),
        ("callwire-server", rpc, "Server"),
        ("callwire-server", csta, "Internal"),
    ):
        if step is None:
            return None
        found.append(step)
        step = child(step.span_id, service, name, kind)
    if step is None:
        return None
    return [*found, step]


async def test_one_trace_links_gateway_server_and_csta_spans_at_a_real_collector(tmp_path: Path) -> None:
    otlp_port, sim_port = free_port(), free_port()
    (tmp_path / "collector.yaml").write_text(COLLECTOR_CONFIG.format(port=otlp_port))
    (tmp_path / "callwire.toml").write_text(
        f"""
store_url = "sqlite+aiosqlite:///{tmp_path}/callwire.db"
data_dir = "{tmp_path}"
monitor = ["101", "102"]

[grpc]
address = "127.0.0.1:0"
require_api_key = false

[link]
username = "ctiuser"
password = "ctipass"

[[link.endpoints]]
name = "simulator"
host = "127.0.0.1"
port = {sim_port}
"""
    )
    env = {
        **OTEL_CLEAN,
        "OTEL_EXPORTER_OTLP_ENDPOINT": f"http://127.0.0.1:{otlp_port}",
        "OTEL_BSP_SCHEDULE_DELAY": "100",
        "OTEL_METRICS_EXPORTER": "none",
    }
    procs: list[Proc] = []
    try:
        collector = await start("collector", [str(OTELCOL), "--config", str(tmp_path / "collector.yaml")])
        procs.append(collector)
        sim = await start("callwire-sim", simulator(sim_port))
        procs.append(sim)
        await collector.wait_for(lambda t: "Everything is ready" in t, "collector start")
        await sim.wait_for(lambda t: f":{sim_port}" in t, "simulator start")
        server = await start(
            "callwire serve",
            callwire("--log-format", "json", "serve", "--config", str(tmp_path / "callwire.toml")),
            env=env,
        )
        procs.append(server)
        grpc_port = (await server.search(r"callwire: gRPC on \S+ \(port (\d+)\)", "server start")).group(1)
        gateway = await start(
            "callwire gateway",
            callwire(
                "--log-format",
                "json",
                "gateway",
                "--server",
                f"127.0.0.1:{grpc_port}",
                "--rest-port",
                "0",
                "--ws-port",
                "0",
            ),
            env=env,
        )
        procs.append(gateway)
        ports = await gateway.search(r"REST (http://127\.0\.0\.1:\d+)/ +WebSocket (ws://127\.0\.0\.1:\d+)/", "gateway")
        rest, ws_url = ports.group(1), ports.group(2)
        assert "telemetry: traces otlp, metrics off" in server.text, server.text

        rest_trace, rest_parent = "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7"
        headers = {"traceparent": f"00-{rest_trace}-{rest_parent}-01"}
        async with aiohttp.ClientSession() as http:
            async with http.get(f"{rest}/makecall?id=1&extension=101&destination=102", headers=headers) as resp:
                assert (await resp.json())["result"] == "success"
            async with http.get(f"{rest}/hangup?id=2&extension=101") as resp:
                assert (await resp.json())["result"] == "success"

        ws_trace, ws_parent = "0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331"
        async with connect(ws_url, additional_headers={"traceparent": f"00-{ws_trace}-{ws_parent}-01"}) as ws:
            await ws.send(json.dumps({"id": "3", "request": "querydevicename", "extension": "101"}))
            assert json.loads(await asyncio.wait_for(ws.recv(), WAIT))["name"] == "Peter"

        rpc_make = "/callwire.callcontrol.v1.CallControlService/MakeCall"
        rpc_name = "/callwire.query.v1.QueryService/GetDeviceName"

        def both_traces(text: str) -> bool:
            spans = parse_debug_log(text)
            return (
                chain(spans, rest_trace, rest_parent, "legacy rest makecall", rpc_make, "csta MakeCall") is not None
                and chain(
                    spans, ws_trace, ws_parent, "legacy ws querydevicename", rpc_name, "csta GetPhysicalDeviceName"
                )
                is not None
            )

        text = await collector.wait_for(both_traces, "both traces, linked, at the collector")
        spans = parse_debug_log(text)
        made = chain(spans, rest_trace, rest_parent, "legacy rest makecall", rpc_make, "csta MakeCall")
        assert made is not None
        legacy, _client, served, invoke = made
        assert legacy.attributes["callwire.legacy.result"] == "success"
        assert served.attributes["rpc.grpc.status_code"] == "0"
        assert invoke.attributes["csta.device"] == "101"
        assert int(invoke.attributes["csta.invoke_id"]) > 0
        assert {s.scope for s in made} >= {"callwire_gateway", "callwire.server"}
        # Each process names itself: service.name, and an instance ID with its version.
        assert "service.instance.id" in text
        assert "service.version: Str(0.1.0)" in text
    finally:
        for proc in reversed(procs):
            await proc.stop()
