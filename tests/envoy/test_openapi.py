"""deploy/openapi/callwire.swagger.json (grpc-gateway's protoc-gen-openapiv2) describes what Envoy serves.

Every documented path and method answers through the real Envoy and server (no 404 for want of a route, no
405), the answers use the documented JSON field names, and the documented request field names are the ones
the transcoder reads.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from envoy_support import ROOT, rest_stack

SPEC: dict[str, Any] = json.loads((ROOT / "deploy/openapi/callwire.swagger.json").read_text())
#: A value for each path parameter that names something the demo site has (or a well-formed unknown one).
PATH_VALUES = {
    "extension": "103",
    "device": "103",
    "split": "201",
    "callId": "1",
    "trunkGroup": "410",
    "uui": "0" * 44,
    "keyId": "no-such-key",
    "name": "user_data_max_size",
}
STREAMS = {"/v1/events:stream", "/v1/protocol-trace:stream"}


def _operations() -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method.upper(), path, operation)
        for path, item in SPEC["paths"].items()
        for method, operation in item.items()
        if method in ("get", "post", "put", "patch", "delete")
    ]


def _schema(ref_or_schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in ref_or_schema:
        ref_or_schema = SPEC["definitions"][ref_or_schema["$ref"].rsplit("/", 1)[1]]
    return ref_or_schema


def _check_names(value: Any, schema: dict[str, Any], where: str) -> None:
    """Every key of `value` is a documented property, recursively."""
    schema = _schema(schema)
    if isinstance(value, dict):
        if "properties" not in schema:
            return  # a map, Any or Struct: free keys
        for key, item in value.items():
            if key not in schema["properties"] and "additionalProperties" in schema:
                continue  # google.protobuf.Any: the packed message's own fields beside "@type"
            assert key in schema["properties"], f"{where}: {key!r} is not documented"
            _check_names(item, schema["properties"][key], f"{where}.{key}")
    elif isinstance(value, list) and "items" in schema:
        for item in value:
            _check_names(item, schema["items"], f"{where}[]")


def _body_schema(operation: dict[str, Any]) -> dict[str, Any] | None:
    for parameter in operation.get("parameters", []):
        if parameter["in"] == "body":
            return _schema(parameter["schema"])
    return None


def test_the_description_covers_every_annotated_rpc() -> None:
    operations = _operations()
    assert SPEC["info"]["title"] == "Callwire REST API"
    assert len(operations) == len({(m, p) for m, p, _ in operations})
    # 80 unary RPCs and the two streams, each with its google.api.http binding.
    assert len(operations) >= 82


async def test_every_documented_operation_answers_through_envoy_with_the_documented_names(tmp_path: Path) -> None:
    async with rest_stack(tmp_path) as stack:
        answered = 0
        for method, template, operation in _operations():
            path = re.sub(r"\{([^}]+)\}", lambda m: PATH_VALUES[m.group(1)], template)
            url = f"{stack.url}{path}"
            body: dict[str, Any] | None = {} if _body_schema(operation) is not None else None
            if template in STREAMS:
                async with stack.http.request(method, url, json={"devices": ["103"]}) as response:
                    assert response.status == 200, (method, template)
                    assert response.content_type == "application/json"
                answered += 1
                continue
            response = await stack.http.request(method, url, json=body)
            text = await response.text()
            assert response.status != 405, (method, template, text)
            answer = json.loads(text)
            if response.status == 200:
                _check_names(answer, operation["responses"]["200"]["schema"], f"{method} {template}")
            else:
                # An error from the server (a google.rpc.Status with its ErrorInfo), not Envoy's "no such route".
                assert answer["details"], (method, template, response.status, text)
                assert "Could not resolve" not in answer["message"], (method, template)
                _check_names(answer, operation["responses"]["default"]["schema"], f"{method} {template}")
            answered += 1
        assert answered == len(_operations())


async def test_documented_request_field_names_are_the_ones_envoy_reads(tmp_path: Path) -> None:
    """A wrong-typed value under a documented name is refused by the transcoder (400 with field "body"), which
    shows the name reached a field; an unknown name would be refused by callwire.lua naming the key instead."""
    async with rest_stack(tmp_path) as stack:
        checked = 0
        for method, template, operation in _operations():
            schema = _body_schema(operation)
            if schema is None or template in STREAMS:
                continue
            names = [n for n, p in schema.get("properties", {}).items() if _schema(p).get("type") == "string"]
            if not names:
                continue
            path = re.sub(r"\{([^}]+)\}", lambda m: PATH_VALUES[m.group(1)], template)
            response = await stack.http.request(method, f"{stack.url}{path}", json={names[0]: [1, 2]})
            answer = await response.json()
            assert response.status == 400, (method, template, names[0], answer)
            (info,) = answer["details"]
            assert info["metadata"]["field"] == "body", (method, template, names[0], answer)
            checked += 1
        assert checked >= 30  # every request with a string field in its body
