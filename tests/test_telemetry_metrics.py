"""Metrics and export, as an operator meets them: `callwire up` in its own process, scraped over HTTP by the
Prometheus text format after real calls; and requests that succeed while the OTLP collector is down."""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import grpc
import pytest
from prometheus_client.parser import text_string_to_metric_families
from telemetry_procs import OTEL_CLEAN, WAIT, callwire
from websockets.asyncio.client import connect

from callwire.callcontrol.v1 import request_response_pb2 as cc
from callwire.callcontrol.v1 import service_pb2_grpc as cc_grpc
from callwire.query.v1 import request_response_pb2 as q
from callwire.query.v1 import service_pb2_grpc as q_grpc
from callwire_testkit import Proc, refused_port, start

# Each test starts Python processes; on a busy machine one start takes seconds.
pytestmark = pytest.mark.timeout(600)


@dataclass
class Up:
    proc: Proc
    grpc: str
    rest: str
    ws: str
    metrics: str | None


@asynccontextmanager
async def callwire_up(data_dir: Path, *extra: str, env: dict[str, str] | None = None) -> AsyncIterator[Up]:
    proc = await start(
        "callwire up",
        callwire(
            "up",
            "--grpc",
            "127.0.0.1:0",
            "--sim-port",
            "0",
            "--sim-control-port",
            "-1",
            "--rest-port",
            "0",
            "--ws-port",
            "0",
            "--data-dir",
            str(data_dir),
            *extra,
        ),
        env={**OTEL_CLEAN, **(env or {})},
    )
    try:
        banner = await proc.wait_for(lambda t: "Ctrl-C stops." in t, "banner")
        grpc_port = re.search(r"gRPC server: +127\.0\.0\.1:(\d+)", banner)
        gateway = re.search(r"REST (http://127\.0\.0\.1:\d+)/ +WebSocket (ws://127\.0\.0\.1:\d+)/", banner)
        metrics = re.search(r"Prometheus (http://\S+/metrics)", banner)
        assert grpc_port, banner
        assert gateway, banner
        yield Up(
            proc, f"127.0.0.1:{grpc_port.group(1)}", gateway.group(1), gateway.group(2), metrics and metrics.group(1)
        )
    finally:
        await proc.stop()


Samples = dict[str, list[tuple[dict[str, str], float]]]


async def scrape(url: str) -> Samples:
    async with aiohttp.ClientSession() as http, http.get(url) as resp:
        assert resp.status == 200
        assert resp.headers["Content-Type"].startswith("text/plain")
        text = await resp.text()
    samples: Samples = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            samples.setdefault(sample.name, []).append((sample.labels, sample.value))
    return samples


def value(samples: Samples, name: str, **labels: str) -> float:
    """The sum of `name`'s samples whose labels include `labels` (fails if there is none)."""
    found = [v for have, v in samples.get(name, []) if all(have.get(k) == want for k, want in labels.items())]
    assert found, f"no sample {name} {labels}; have {samples.get(name)}"
    return sum(found)


async def test_prometheus_scrape_shows_rpc_csta_event_link_and_gateway_metrics(tmp_path: Path) -> None:
    async with callwire_up(tmp_path, "--metrics-port", "0") as up:
        assert up.metrics is not None, up.proc.text
        async with grpc.aio.insecure_channel(up.grpc) as channel:
            calls = cc_grpc.CallControlServiceStub(channel)
            made = await calls.MakeCall(cc.MakeCallRequest(extension="101", destination="102"))
            assert made.call.call_id
            await calls.AnswerCall(cc.AnswerCallRequest(extension="102"))
            await calls.HangupCall(cc.HangupCallRequest(extension="101"))
            query = q_grpc.QueryServiceStub(channel)
            with pytest.raises(grpc.aio.AioRpcError) as refused:
                await query.GetDeviceName(q.GetDeviceNameRequest(device=""))
            refused_code = refused.value.code().name
            async with connect(up.ws) as ws:
                await ws.send(json.dumps({"id": "1", "request": "querydevicename", "extension": "101"}))
                answer = json.loads(await asyncio.wait_for(ws.recv(), WAIT))
                assert answer["name"] == "Peter"
                samples = await scrape(up.metrics)
                assert value(samples, "callwire_gateway_connections", interface="ws") == 1

        rpc = "rpc_server_call_duration_seconds_count"
        service = "callwire.callcontrol.v1.CallControlService"
        for method in ("MakeCall", "AnswerCall", "HangupCall"):
            assert value(samples, rpc, rpc_service=service, rpc_method=method, rpc_grpc_status_code="OK") == 1
        assert value(samples, rpc, rpc_method="GetDeviceName", rpc_grpc_status_code=refused_code) == 1
        # The gateway's own call for the WebSocket request, through the same server.
        assert value(samples, rpc, rpc_method="GetDeviceName", rpc_grpc_status_code="OK") >= 1
        assert value(samples, "rpc_server_call_duration_seconds_bucket", rpc_method="MakeCall", le="+Inf") == 1

        csta = "callwire_csta_request_duration_seconds_count"
        assert value(samples, csta, csta_request="MakeCall", outcome="ok") == 1
        assert value(samples, csta, csta_request="AnswerCall", outcome="ok") == 1
        assert value(samples, "callwire_csta_request_duration_seconds_sum", csta_request="MakeCall") > 0

        assert value(samples, "callwire_csta_link_up", endpoint="simulator") == 1
        assert value(samples, "callwire_csta_messages_total", direction="out") > 0
        assert value(samples, "callwire_csta_messages_total", direction="in", kind="event") > 0
        assert value(samples, "callwire_csta_messages_total", direction="in", kind="response") > 0
        assert value(samples, "callwire_devices_monitored") >= 16  # the demo stations of `callwire up`
        published = value(samples, "callwire_events_published_total")
        assert published > 0  # the call's events
        assert value(samples, "callwire_events_delivered_total") > 0  # to the gateway's event stream
        assert value(samples, "callwire_events_dropped_total") == 0
        assert value(samples, "callwire_events_subscribers_dropped_total") == 0
        assert value(samples, "callwire_events_subscribers") >= 1
        assert value(samples, "callwire_events_queued") >= 0
        assert "callwire_events_queue_depth_max" in samples
        gw = "callwire_gateway_request_duration_seconds_count"
        assert value(samples, gw, interface="ws", request="querydevicename", result="success") == 1
        assert value(samples, "target_info", service_name="callwire") == 1
        assert "process_cpu_seconds_total" in samples

        # Counters move with the traffic: the WebSocket closed, one more call.
        async with grpc.aio.insecure_channel(up.grpc) as channel:
            calls = cc_grpc.CallControlServiceStub(channel)
            await calls.MakeCall(cc.MakeCallRequest(extension="103", destination="104"))
            await calls.HangupCall(cc.HangupCallRequest(extension="103"))

        async def settled() -> Samples:
            while True:  # the WebSocket's close reaches the gateway a moment after the client's
                later = await scrape(up.metrics or "")
                if value(later, "callwire_gateway_connections", interface="ws") == 0:
                    return later
                await asyncio.sleep(0.05)

        later = await asyncio.wait_for(settled(), WAIT)
        assert value(later, rpc, rpc_service=service, rpc_method="MakeCall", rpc_grpc_status_code="OK") == 2
        assert value(later, "callwire_events_published_total") > published


async def test_requests_succeed_and_the_server_stops_while_the_collector_is_down(tmp_path: Path) -> None:
    # A port bound but never listening: every OTLP export is refused at once, and nothing else can take it.
    with refused_port() as port:
        endpoint = f"http://127.0.0.1:{port}"
        env = {
            "OTEL_EXPORTER_OTLP_ENDPOINT": endpoint,
            "OTEL_BSP_SCHEDULE_DELAY": "50",  # export attempts while the requests run
            "OTEL_METRIC_EXPORT_INTERVAL": "200",
        }
        async with callwire_up(tmp_path, env=env) as up:
            assert re.search(r"telemetry: +traces otlp, metrics otlp", up.proc.text), up.proc.text
            async with grpc.aio.insecure_channel(up.grpc) as channel, aiohttp.ClientSession() as http:
                calls = cc_grpc.CallControlServiceStub(channel)
                for n in range(20):
                    made = await calls.MakeCall(cc.MakeCallRequest(extension="101", destination="102"))
                    assert made.call.call_id
                    await calls.HangupCall(cc.HangupCallRequest(extension="101"))
                    async with http.get(f"{up.rest}/querydevicename?id={n}&extension=101") as resp:
                        assert (await resp.json())["name"] == "Peter"
            # The exporter did try, and failed, meanwhile: the requests above were served regardless.
            await up.proc.wait_for(
                lambda t: (
                    f"exporting traces to {endpoint.removeprefix('http://')}" in t
                    or f"Failed to export traces to {endpoint.removeprefix('http://')}" in t
                ),
                "a failed trace export in the log",
            )
            loop = asyncio.get_running_loop()
            stopping = loop.time()
            assert await up.proc.stop() == 0
            # Shutdown waits a bounded time for the last batch (telemetry.SHUTDOWN_SECONDS per pipeline), not the
            # exporter's retries; the bound here is loose, for a busy machine.
            assert loop.time() - stopping < WAIT


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("OTEL_TRACES_EXPORTER", "zipkin", "unknown exporter 'zipkin'"),
        ("OTEL_METRICS_EXPORTER", "statsd", "unknown exporter 'statsd'"),
        ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf", "OTLP over gRPC only"),
    ],
)
async def test_an_otel_setting_that_cannot_be_honoured_stops_the_command_with_why(
    tmp_path: Path, variable: str, value: str, message: str
) -> None:
    env = {**OTEL_CLEAN, "OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:4317", variable: value}
    proc = await start("callwire serve", callwire("serve", "--config", str(tmp_path / "unused.toml")), env=env)
    try:
        assert await asyncio.wait_for(proc.process.wait(), WAIT) == 2
    finally:
        await proc.stop()
    assert message in proc.text, proc.text
