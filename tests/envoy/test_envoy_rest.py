"""REST/JSON, gRPC-Web and gRPC through a running Envoy (deploy/envoy/envoy.yaml) to a real server and switch."""

from __future__ import annotations

import asyncio
import json
import ssl
import struct
from pathlib import Path
from typing import Any

import aiohttp
import grpc
import pytest
from envoy_support import EventLines, access_log, rest_stack, self_signed
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from callwire.admin.v1 import request_response_pb2 as admin_rr
from callwire.callcontrol.v1 import request_response_pb2 as cc
from callwire.callcontrol.v1 import service_pb2_grpc as cc_grpc
from callwire.events.v1 import request_response_pb2 as events_rr
from callwire_server.errors import surface


def _reason(body: dict[str, Any]) -> str:
    (info,) = [d for d in body["details"] if d["@type"] == "type.googleapis.com/google.rpc.ErrorInfo"]
    assert info["domain"] == "callwire.io"
    reason: str = info["reason"]
    return reason


async def test_a_call_flow_over_rest_with_its_events_read_over_http(tmp_path: Path) -> None:
    async with rest_stack(tmp_path) as stack:
        stream = await stack.http.post(
            f"{stack.url}/v1/events:stream", json={"devices": ["101", "102"], "includeSnapshot": True}
        )
        try:
            assert stream.status == 200
            events = EventLines(stream)
            first = await events.next()
            assert [d["device"] for d in first["snapshot"]["devices"]] == ["101", "102"]

            made = await stack.http.post(
                f"{stack.url}/v1/calls:make",
                json={"extension": "101", "destination": "102", "userData": "hello"},
                headers={"x-request-id": "rest-flow-1"},
            )
            assert made.status == 200, await made.text()
            call = (await made.json())["call"]
            assert call["callId"]
            assert len(call["ucid"]) == 20
            alerting = await events.until_event("EVENT_TYPE_ALERTING", "101")
            assert alerting["event"]["call"]["callId"] == call["callId"]
            # x-request-id went through Envoy unchanged: the server stamps the events it caused with it.
            assert alerting["event"]["requestId"] == "rest-flow-1"

            answered = await stack.http.post(f"{stack.url}/v1/extensions/102:answer", json={})
            assert answered.status == 200, await answered.text()
            connected = await events.until_event("EVENT_TYPE_CONNECTED", "101")
            assert connected["event"]["call"]["callId"] == call["callId"]

            snapshot = await stack.http.get(f"{stack.url}/v1/devices/101/snapshot")
            assert snapshot.status == 200
            assert [c["call"]["callId"] for c in (await snapshot.json())["calls"]] == [call["callId"]]

            hung = await stack.http.post(f"{stack.url}/v1/extensions/101:hangup", json={})
            assert hung.status == 200, await hung.text()
            await events.until_event("EVENT_TYPE_DISCONNECTED", "102")
            await events.until_event("EVENT_TYPE_IDLE", "101")
        finally:
            stream.close()
    # Read once Envoy has stopped: it flushes its access log now and then, and at exit.
    entries = [e for e in access_log(tmp_path) if e["path"] == "/v1/calls:make"]
    assert entries
    assert entries[0]["rpc"] == "/callwire.callcontrol.v1.CallControlService/MakeCall"
    assert entries[0]["status"] == 200
    assert entries[0]["request_id"] == "rest-flow-1"


# (method, path, JSON body or None, the ErrorReason the server answers with)
ERRORS = [
    ("POST", "/v1/extensions/101:hangup", {}, "NO_ACTIVE_CALL"),
    ("POST", "/v1/calls:make", {"extension": "101"}, "INVALID_ARGUMENT"),
    ("POST", "/v1/extensions/4444:answer", {}, "UNKNOWN_EXTENSION"),
    ("GET", "/v1/user-data/" + "0" * 44, None, "USER_DATA_NOT_FOUND"),
    ("POST", "/v1/user-data", {"data": "x" * 5000}, "USER_DATA_TOO_LARGE"),
    ("DELETE", "/v1/monitored-extensions/4444", None, "NOT_FOUND"),
]


async def test_errors_get_the_http_status_of_the_error_table(tmp_path: Path) -> None:
    async with rest_stack(tmp_path) as stack:
        for method, path, body, reason in ERRORS:
            response = await stack.http.request(method, f"{stack.url}{path}", json=body)
            text = await response.text()
            row = surface(reason)
            assert response.status == row.http_status, (path, reason, response.status, text)
            assert response.content_type == "application/json", text
            answer = json.loads(text)
            assert answer["code"] == row.grpc_code, (path, text)
            assert _reason(answer) == reason, (path, text)
            assert "x-callwire-http-status" not in response.headers
        # A stream refused at its start is refused before its headers: an HTTP error status, like a unary call.
        refused = await stack.http.post(f"{stack.url}/v1/events:stream", json={"devices": ["4444"]})
        text = await refused.text()
        assert refused.status == surface("NOT_MONITORED").http_status, text
        assert _reason(json.loads(text)) == "NOT_MONITORED"


BAD_INPUT = [
    ("malformed JSON", "/v1/calls:make", b'{"extension": "101", "destination": ', 400),
    ("not an object", "/v1/calls:make", b"[1, 2]", 400),
    ("wrong type: list for a string", "/v1/calls:make", b'{"extension": ["101"], "destination": "102"}', 400),
    ("wrong type: object for a string", "/v1/calls:make", b'{"extension": {"a": 1}, "destination": "102"}', 400),
    ("wrong type: number for a bool", "/v1/events:stream", b'{"devices": ["101"], "includeSnapshot": 3}', 400),
    ("wrong type: word for a number", "/v1/events:stream", b'{"devices": ["101"], "resumeAfterSequence": "x"}', 400),
    ("wrong type: object in a list", "/v1/events:stream", b'{"devices": [{"a": 1}]}', 400),
    ("oversize body", "/v1/user-data", b'{"data": "' + b"x" * 70000 + b'"}', 413),
    ("unknown field", "/v1/calls:make", b'{"extension": "101", "destination": "102", "bogus": 1}', 400),
    ("misspelt field", "/v1/calls:make", b'{"extension": "101", "destination": "102", "userdata": "x"}', 400),
    ("unknown nested field", "/v1/events:stream", b'{"devices": ["101"], "nested": {"a": 1}}', 400),
]


@pytest.mark.parametrize(("what", "path", "body", "status"), BAD_INPUT, ids=[b[0] for b in BAD_INPUT])
async def test_bad_input_gets_400_with_the_error_body(
    tmp_path: Path, what: str, path: str, body: bytes, status: int
) -> None:
    async with rest_stack(tmp_path) as stack:
        response = await stack.http.post(f"{stack.url}{path}", data=body, headers={"content-type": "application/json"})
        text = await response.text()
        assert response.status == status, (what, text)
        answer = json.loads(text)
        assert answer["code"] == 3, text
        assert _reason(answer) == "INVALID_ARGUMENT", text
        assert answer["message"], text


async def test_known_fields_in_either_spelling_and_key_like_text_in_values_are_accepted(tmp_path: Path) -> None:
    async with rest_stack(tmp_path) as stack:
        body = b'{"extension": "101", "destination": "102", "user_data": "{\\"bogus\\": 1} and \\"x\\": y"}'
        made = await stack.http.post(
            f"{stack.url}/v1/calls:make", data=body, headers={"content-type": "application/json"}
        )
        assert made.status == 200, await made.text()
        refused = await stack.http.post(f"{stack.url}/v1/calls:make", json={"extension": "101", "bogus": 1})
        assert refused.status == 400
        answer = await refused.json()
        assert _reason(answer) == "INVALID_ARGUMENT"
        assert answer["details"][0]["metadata"]["field"] == "bogus"


async def test_unknown_paths_and_query_parameters_are_refused_with_a_json_body(tmp_path: Path) -> None:
    async with rest_stack(tmp_path) as stack:
        unknown = await stack.http.get(f"{stack.url}/v1/no-such-thing")
        assert unknown.status == 404
        assert (await unknown.json())["code"] == 5
        query = await stack.http.get(f"{stack.url}/v1/server-info?bogus=1")
        assert query.status == 400
        assert _reason(await query.json()) == "INVALID_ARGUMENT"
        ok = await stack.http.get(f"{stack.url}/v1/server-info")
        assert ok.status == 200
        assert (await ok.json())["version"].startswith("Callwire")


def _grpc_web_frame(message: bytes) -> bytes:
    return b"\x00" + struct.pack(">I", len(message)) + message


def _grpc_web_frames(body: bytes) -> tuple[list[bytes], dict[str, str]]:
    """Split a grpc-web response body into its messages and its trailers."""
    messages: list[bytes] = []
    trailers: dict[str, str] = {}
    offset = 0
    while offset < len(body):
        flag, length = body[offset], struct.unpack(">I", body[offset + 1 : offset + 5])[0]
        payload = body[offset + 5 : offset + 5 + length]
        offset += 5 + length
        if flag & 0x80:
            for line in payload.decode().split("\r\n"):
                if line:
                    key, _, value = line.partition(":")
                    trailers[key.strip().lower()] = value.strip()
        else:
            messages.append(payload)
    return messages, trailers


async def test_grpc_web_unary_errors_and_server_streaming(tmp_path: Path) -> None:
    """gRPC-Web as a browser sends it (application/grpc-web+proto, framed by hand; the TypeScript SDK is not here)."""
    async with rest_stack(tmp_path, cors_origins=["http://softphone.example"]) as stack:
        headers = {
            "content-type": "application/grpc-web+proto",
            "x-grpc-web": "1",
            "origin": "http://softphone.example",
        }
        info = await stack.http.post(
            f"{stack.url}/callwire.admin.v1.AdminService/GetServerInfo",
            data=_grpc_web_frame(admin_rr.GetServerInfoRequest().SerializeToString()),
            headers=headers,
        )
        assert info.status == 200
        assert info.headers["access-control-allow-origin"] == "http://softphone.example"
        messages, trailers = _grpc_web_frames(await info.read())
        assert trailers["grpc-status"] == "0"
        assert admin_rr.GetServerInfoResponse.FromString(messages[0]).version.startswith("Callwire")

        refused = await stack.http.post(
            f"{stack.url}/callwire.callcontrol.v1.CallControlService/HangupCall",
            data=_grpc_web_frame(cc.HangupCallRequest(extension="101").SerializeToString()),
            headers=headers,
        )
        assert refused.status == 200  # gRPC-Web carries the error in grpc-status, not the HTTP status
        raw = await refused.read()
        status = refused.headers.get("grpc-status") or _grpc_web_frames(raw)[1]["grpc-status"]
        assert status == str(surface("NO_ACTIVE_CALL").grpc_code)

        stream = await stack.http.post(
            f"{stack.url}/callwire.events.v1.EventService/StreamEvents",
            data=_grpc_web_frame(
                events_rr.StreamEventsRequest(devices=["103"], include_snapshot=True).SerializeToString()
            ),
            headers=headers,
        )
        try:
            assert stream.status == 200
            head = await asyncio.wait_for(stream.content.readexactly(5), 20)
            assert head[0] == 0
            first = await asyncio.wait_for(stream.content.readexactly(struct.unpack(">I", head[1:])[0]), 20)
            snapshot = events_rr.StreamEventsResponse.FromString(first).snapshot
            assert [d.device for d in snapshot.devices] == ["103"]
        finally:
            stream.close()


async def test_cors_allows_only_the_configured_origins(tmp_path: Path) -> None:
    async with rest_stack(tmp_path, cors_origins=["http://crm.example"]) as stack:
        preflight = {"access-control-request-method": "POST", "access-control-request-headers": "content-type"}
        allowed = await stack.http.options(
            f"{stack.url}/v1/calls:make", headers={"origin": "http://crm.example", **preflight}
        )
        assert allowed.status == 200
        assert allowed.headers["access-control-allow-origin"] == "http://crm.example"
        assert "POST" in allowed.headers["access-control-allow-methods"]
        foreign = await stack.http.options(
            f"{stack.url}/v1/calls:make", headers={"origin": "http://evil.example", **preflight}
        )
        assert "access-control-allow-origin" not in foreign.headers
        simple = await stack.http.get(f"{stack.url}/v1/server-info", headers={"origin": "http://evil.example"})
        assert "access-control-allow-origin" not in simple.headers


async def test_plain_grpc_through_envoy(tmp_path: Path) -> None:
    async with (
        rest_stack(tmp_path) as stack,
        grpc.aio.insecure_channel(f"127.0.0.1:{stack.envoy.settings.port}") as channel,
    ):
        calls = cc_grpc.CallControlServiceStub(channel)
        made = await calls.MakeCall(cc.MakeCallRequest(extension="104", destination="105"), timeout=10)
        assert made.call.call_id
        with pytest.raises(grpc.aio.AioRpcError) as refused:
            await calls.HangupCall(cc.HangupCallRequest(extension="106"), timeout=10)
        assert refused.value.code() == grpc.StatusCode.FAILED_PRECONDITION


async def test_traceparent_passes_through_envoy_to_the_server_span(tmp_path: Path) -> None:
    """No tracer in Envoy: the client's traceparent reaches the server, whose span joins the client's trace."""
    exporter = InMemorySpanExporter()
    current = trace.get_tracer_provider()
    if not isinstance(current, TracerProvider):
        current = TracerProvider()
        trace.set_tracer_provider(current)
    current.add_span_processor(SimpleSpanProcessor(exporter))
    trace_id, parent = "5bf92f3577b34da6a3ce929d0e0e4737", "00f067aa0ba902b8"
    async with rest_stack(tmp_path) as stack:
        response = await stack.http.get(
            f"{stack.url}/v1/devices/101/name", headers={"traceparent": f"00-{trace_id}-{parent}-01"}
        )
        assert response.status == 200
    spans = [
        s
        for s in exporter.get_finished_spans()
        if s.name.endswith("QueryService/GetDeviceName") and s.context is not None
    ]
    assert spans
    (span,) = [s for s in spans if s.kind == trace.SpanKind.SERVER]
    assert f"{span.context.trace_id:032x}" == trace_id
    assert span.parent is not None
    assert f"{span.parent.span_id:016x}" == parent
    (entry,) = [e for e in access_log(tmp_path) if e["path"] == "/v1/devices/101/name"]
    assert entry["traceparent"] == f"00-{trace_id}-{parent}-01"


async def test_tls_on_envoys_port(tmp_path: Path) -> None:
    cert, key = self_signed(tmp_path)
    async with rest_stack(tmp_path, tls_cert=cert, tls_key=key) as stack:
        context = ssl.create_default_context(cafile=str(cert))
        url = f"https://127.0.0.1:{stack.envoy.settings.port}/v1/server-info"
        async with stack.http.get(url, ssl=context) as response:
            assert response.status == 200
            assert (await response.json())["version"].startswith("Callwire")
        with pytest.raises(aiohttp.ClientError):
            await stack.http.get(f"{stack.url}/v1/server-info")  # plain HTTP on the TLS port: refused
