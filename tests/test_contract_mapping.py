"""Completeness of the contracts against the legacy reference, through proto/mapping.yaml.

tests/data/reference.json is the legacy ctiSVR/ivrSVR reference transcribed to strict JSON. The mapping
table must name an RPC for every legacy request and function, an envelope payload for every legacy event
(and an envelope path for each of its JSON keys), and must list every RPC of every compiled service with
the same HTTP binding as its `google.api.http` annotation. This module only reads descriptors and files:
it must not start a server.
"""

from __future__ import annotations

import importlib
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from google.api import annotations_pb2
from google.protobuf.descriptor import Descriptor, FieldDescriptor, MethodDescriptor, ServiceDescriptor

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = json.loads((ROOT / "tests" / "data" / "reference.json").read_text(encoding="utf-8"))
MAPPING: dict[str, Any] = yaml.safe_load((ROOT / "proto" / "mapping.yaml").read_text(encoding="utf-8"))
README = (ROOT / "proto" / "README.md").read_text(encoding="utf-8")

HTTP_PATTERNS = ("get", "put", "post", "delete", "patch")
ENVELOPE = "callwire.events.v1.Event"
PAYLOAD_ONEOF = "attributes"


def _services() -> dict[str, ServiceDescriptor]:
    """Every service of every `proto/callwire/<domain>/<version>/service.proto`, by full name.

    Found from the proto sources, not the generated tree, so a domain whose code was not regenerated fails
    to import instead of being skipped.
    """
    found: dict[str, ServiceDescriptor] = {}
    for source in sorted((ROOT / "proto" / "callwire").glob("*/*/service.proto")):
        domain, version = source.parent.parent.name, source.parent.name
        module = importlib.import_module(f"callwire.{domain}.{version}.service_pb2")
        for service in module.DESCRIPTOR.services_by_name.values():
            found[service.full_name] = service
    assert found, "no service.proto found under proto/callwire"
    return found


SERVICES = _services()
METHODS: dict[str, MethodDescriptor] = {
    f"{service.full_name}/{method.name}": method for service in SERVICES.values() for method in service.methods
}


def _rules(method: MethodDescriptor) -> Iterator[Any]:
    """The method's HTTP rule and its additional bindings; nothing when it has no annotation."""
    options = method.GetOptions()
    if not options.HasExtension(annotations_pb2.http):
        return
    rule = options.Extensions[annotations_pb2.http]
    yield rule
    yield from rule.additional_bindings


def _binding(rule: Any) -> tuple[str, str]:
    pattern = rule.WhichOneof("pattern")
    assert pattern in HTTP_PATTERNS, f"unsupported HTTP pattern {pattern!r}"
    return pattern.upper(), str(getattr(rule, pattern))


def _annotation(method: MethodDescriptor) -> dict[str, str] | None:
    rules = list(_rules(method))
    if not rules:
        return None
    http_method, path = _binding(rules[0])
    return {"method": http_method, "path": path}


def _is_unary(method: MethodDescriptor) -> bool:
    return not (method.client_streaming or method.server_streaming)


def _request_key(name: str, type_: str | None) -> str:
    return f"{name}/{type_}" if type_ else name


def _mapped_requests() -> dict[str, dict[str, Any]]:
    entries: dict[str, dict[str, Any]] = {}
    for entry in MAPPING["requests"]:
        key = _request_key(entry["request"], entry.get("type"))
        assert key not in entries, f"request {key} is mapped twice"
        entries[key] = entry
    return entries


MAPPED_REQUESTS = _mapped_requests()


def _all_mapping_rows() -> list[dict[str, Any]]:
    return [*MAPPING["requests"], *MAPPING["rpcs_without_legacy"]]


def _resolve(message: Descriptor, path: str) -> FieldDescriptor:
    """The field a dotted path names, starting at `message`; fails on an unknown segment."""
    field: FieldDescriptor | None = None
    current: Descriptor | None = message
    for segment in path.split("."):
        assert current is not None, f"{path}: {segment} is below a scalar field"
        field = current.fields_by_name.get(segment)
        assert field is not None, f"{path}: {current.full_name} has no field {segment!r}"
        current = field.message_type
    assert field is not None
    return field


def _envelope() -> Descriptor:
    module = importlib.import_module("callwire.events.v1.message_pb2")
    descriptor: Descriptor = module.DESCRIPTOR.message_types_by_name["Event"]
    assert descriptor.full_name == ENVELOPE
    return descriptor


# --- the reference is covered -------------------------------------------------------------------------


def test_reference_transcription_is_complete() -> None:
    assert len(REFERENCE["functions"]) >= 59
    assert len(REFERENCE["requests"]) >= 53
    assert set(REFERENCE["events"]) >= {"offer", "alert", "connect", "disconnect", "idle"}
    for entry in REFERENCE["requests"]:
        assert entry["examples"], entry["title"]
        assert entry["responses"], entry["title"]
        for example in entry["examples"]:
            assert example["request"] == entry["request"]


@pytest.mark.parametrize(
    "key",
    sorted({_request_key(e["request"], e.get("type")) for e in REFERENCE["requests"]}),
)
def test_every_legacy_request_is_mapped(key: str) -> None:
    assert key in MAPPED_REQUESTS, f"legacy request {key} has no row in proto/mapping.yaml"


def test_every_legacy_request_example_has_a_mapped_request_name() -> None:
    names = {row["request"] for row in MAPPING["requests"]}
    for entry in REFERENCE["requests"]:
        for example in entry["examples"]:
            assert example["request"] in names


@pytest.mark.parametrize("function", REFERENCE["functions"])
def test_every_reference_function_is_mapped(function: str) -> None:
    functions = {row["function"] for row in MAPPING["requests"]}
    assert function in functions, f"reference function {function!r} has no row in proto/mapping.yaml"


def test_mapped_functions_exist_in_the_reference() -> None:
    functions = set(REFERENCE["functions"])
    for row in MAPPING["requests"]:
        assert row["function"] is None or row["function"] in functions, row


def test_requests_without_example_are_marked() -> None:
    documented = {e["request"] for e in REFERENCE["requests"]}
    for row in MAPPING["requests"]:
        has_example = row["request"] in documented
        assert row.get("example", True) == has_example, row["request"]
        assert re.fullmatch(r"[a-z]+", row["request"]), row["request"]


# --- every RPC is mapped, and the mapping matches the descriptors ------------------------------------


def test_services_are_found() -> None:
    expected = {
        "callwire.callcontrol.v1.CallControlService",
        "callwire.agent.v1.AgentService",
        "callwire.query.v1.QueryService",
        "callwire.station.v1.StationService",
        "callwire.device.v1.DeviceService",
        "callwire.userdata.v1.UserDataService",
        "callwire.admin.v1.AdminService",
        "callwire.events.v1.EventService",
    }
    assert expected <= set(SERVICES)


@pytest.mark.parametrize("rpc", sorted(METHODS))
def test_every_rpc_is_mapped(rpc: str) -> None:
    legacy = {row["rpc"] for row in MAPPING["requests"]}
    new = [row["rpc"] for row in MAPPING["rpcs_without_legacy"]]
    assert rpc in legacy or rpc in new, f"{rpc} is missing from proto/mapping.yaml"
    assert not (rpc in legacy and rpc in new), f"{rpc} is both legacy-mapped and listed as new"
    assert new.count(rpc) <= 1, f"{rpc} is listed twice in rpcs_without_legacy"


def test_rows_without_legacy_say_why() -> None:
    for row in MAPPING["rpcs_without_legacy"]:
        assert "legacy" in row, row["rpc"]
        assert row["legacy"] is None, row["rpc"]
        assert isinstance(row.get("reason"), str), row["rpc"]
        assert row["reason"].strip(), row["rpc"]


@pytest.mark.parametrize("row", _all_mapping_rows(), ids=lambda row: str(row.get("request") or row["rpc"]))
def test_mapped_rpc_exists_with_its_http_binding(row: dict[str, Any]) -> None:
    rpc = row["rpc"]
    assert rpc in METHODS, f"mapped RPC {rpc} does not exist"
    assert "http" in row, f"{rpc}: row has no http key"
    assert row["http"] == _annotation(METHODS[rpc]), f"{rpc}: mapping and google.api.http differ"


@pytest.mark.parametrize("rpc", sorted(METHODS))
def test_unary_rpcs_have_a_valid_http_annotation(rpc: str) -> None:
    method = METHODS[rpc]
    rules = list(_rules(method))
    if not _is_unary(method):
        return
    assert rules, f"unary RPC {rpc} has no google.api.http annotation"
    for rule in rules:
        http_method, path = _binding(rule)
        assert path.startswith("/v1/"), f"{rpc}: {path}"
        if http_method in ("GET", "DELETE"):
            assert rule.body == "", f"{rpc}: {http_method} must not have a body"
        else:
            assert rule.body == "*", f'{rpc}: {http_method} must use body: "*"'
        for variable in re.findall(r"\{([^}=]+)(?:=[^}]*)?\}", path):
            field = _resolve(method.input_type, variable)
            assert field.type != FieldDescriptor.TYPE_MESSAGE, f"{rpc}: {{{variable}}} is a message"
            assert not field.is_repeated, f"{rpc}: {{{variable}}} is repeated"


def test_http_bindings_are_unique() -> None:
    seen: dict[tuple[str, str], str] = {}
    for rpc, method in METHODS.items():
        for rule in _rules(method):
            http_method, path = _binding(rule)
            # Envoy matches templates, not names: {a} and {b} in the same place are the same route.
            key = (http_method, re.sub(r"\{[^}]+\}", "{}", path))
            assert key not in seen, f"{rpc} and {seen[key]} share {http_method} {path}"
            seen[key] = rpc


# --- events -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("event_type", sorted(REFERENCE["events"]))
def test_every_legacy_event_is_mapped(event_type: str) -> None:
    rows = {row["event"]: row for row in MAPPING["events"]}
    assert event_type in rows, f"legacy event {event_type} has no row in proto/mapping.yaml"
    row = rows[event_type]
    envelope = _envelope()
    oneof = envelope.oneofs_by_name[PAYLOAD_ONEOF]
    assert row["payload"] in {f.name for f in oneof.fields}, f"{row['payload']} is not in Event.{PAYLOAD_ONEOF}"
    example = REFERENCE["events"][event_type]
    for key in example:
        assert key in row["fields"], f"{event_type}: legacy key {key!r} has no envelope path"
    for key, path in row["fields"].items():
        assert key in example, f"{event_type}: mapped key {key!r} is not in the reference example"
        if path is None:
            continue
        _resolve(envelope, path)
        head = path.split(".")[0]
        if head in {f.name for f in oneof.fields}:
            assert head == row["payload"], f"{event_type}: {key} maps into another payload ({head})"


def test_every_envelope_payload_is_accounted_for() -> None:
    envelope = _envelope()
    payloads = {f.name for f in envelope.oneofs_by_name[PAYLOAD_ONEOF].fields}
    mapped = [row["payload"] for row in MAPPING["events"]]
    new = [row["payload"] for row in MAPPING["payloads_without_legacy"]]
    assert sorted(mapped + new) == sorted(payloads)
    for row in MAPPING["payloads_without_legacy"]:
        assert row["legacy"] is None, row
        assert row["reason"].strip(), row


def test_event_types_match_payloads() -> None:
    envelope = _envelope()
    event_type = envelope.fields_by_name["event_type"].enum_type
    assert event_type is not None
    names = {value.name for value in event_type.values}
    for field in envelope.oneofs_by_name[PAYLOAD_ONEOF].fields:
        assert f"EVENT_TYPE_{field.name.upper()}" in names, field.name


# --- the README renders the table ---------------------------------------------------------------------


def test_readme_lists_every_request_and_rpc() -> None:
    for row in MAPPING["requests"]:
        assert f"`{row['request']}`" in README, row["request"]
    for rpc in METHODS:
        service_method = rpc.rsplit(".", 1)[1]
        assert f"`{service_method}`" in README, rpc
    for row in MAPPING["events"]:
        assert f"`{row['event']}`" in README, row["event"]
