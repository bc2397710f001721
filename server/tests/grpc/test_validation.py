"""The contracts' `buf.validate` rules, enforced at the server's edge.

Bad input is INVALID_ARGUMENT naming the field, the answer stays small whatever the client sent, and nothing
unvalidated reaches the CSTA link. A completeness test fails when a request field has no rule.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import grpc
import pytest
from buf.validate import validate_pb2
from google.protobuf import descriptor
from google.rpc import error_details_pb2
from grpc_stack import Stack

from callwire.admin.v1 import enums_pb2 as admin_enums
from callwire.admin.v1 import request_response_pb2 as admin_rr
from callwire.admin.v1 import service_pb2_grpc as admin_grpc
from callwire.agent.v1 import enums_pb2 as agent_enums
from callwire.agent.v1 import request_response_pb2 as agent_rr
from callwire.agent.v1 import service_pb2_grpc as agent_grpc
from callwire.callcontrol.v1 import request_response_pb2 as rr
from callwire.callcontrol.v1 import service_pb2_grpc
from callwire.events.v1 import request_response_pb2 as events_rr
from callwire.events.v1 import service_pb2_grpc as events_grpc
from callwire.query.v1 import request_response_pb2 as query_rr
from callwire.query.v1 import service_pb2_grpc as query_grpc
from callwire_csta.link import RequestNotSendable
from callwire_server.errors import MAX_MESSAGE_CHARS, MAX_METADATA_CHARS, CallwireError, from_link_error
from callwire_testkit import error_info

ROOT = Path(__file__).resolve().parents[3]

#: Request fields that need no rule, with the reason. Every other field of a request (and of the messages a
#: request carries) must have a `buf.validate.field` rule: the completeness test below fails otherwise.
FREE_FIELDS = {
    "callwire.events.v1.StreamEventsRequest.resume_after_sequence": "any sequence: an unknown one gives ResumeGap",
}


def request_messages() -> list[descriptor.Descriptor]:
    found: dict[str, descriptor.Descriptor] = {}
    for path in sorted((ROOT / "proto" / "callwire").glob("*/v1/service.proto")):
        module = importlib.import_module(f"callwire.{path.parent.parent.name}.v1.service_pb2")
        for service in module.DESCRIPTOR.services_by_name.values():
            for method in service.methods:
                found[method.input_type.full_name] = method.input_type
    return list(found.values())


def fields_needing_rules(message: descriptor.Descriptor) -> list[descriptor.FieldDescriptor]:
    """The fields of `message` and of the Callwire messages it carries, booleans aside (any value is valid)."""
    out: list[descriptor.FieldDescriptor] = []
    for field in message.fields:
        if field.type == descriptor.FieldDescriptor.TYPE_BOOL:
            continue
        out.append(field)
        if field.message_type is not None and field.message_type.full_name.startswith("callwire."):
            out.extend(fields_needing_rules(field.message_type))
    return out


@pytest.mark.parametrize("message", request_messages(), ids=lambda m: m.name)
def test_every_request_field_has_a_validation_rule(message: descriptor.Descriptor) -> None:
    missing = [
        field.full_name
        for field in fields_needing_rules(message)
        if field.full_name not in FREE_FIELDS and not field.GetOptions().HasExtension(validate_pb2.field)  # type: ignore[arg-type]
    ]
    assert not missing, f"give these request fields a buf.validate rule (or a reason in FREE_FIELDS): {missing}"


async def invalid(call: object, field: str) -> error_details_pb2.ErrorInfo:
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await call  # type: ignore[misc]
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT, caught.value.details()
    info, message = (error_info(caught.value), caught.value.details())
    assert info.reason == "INVALID_ARGUMENT"
    assert info.domain == "callwire.io"
    assert info.metadata["field"] == field, (dict(info.metadata), message)
    assert message.startswith(f"{field}: ")
    return info


def link_requests(stack: Stack) -> list[bytes]:
    """Start recording what the server writes to the switch; the list fills as frames are sent."""
    sent: list[bytes] = []
    stack.core.link.add_trace_listener(lambda direction, _id, xml: sent.append(xml) if direction == "out" else None)
    return sent


async def test_oversized_values_never_reach_the_link(stack: Stack) -> None:
    """A 1 MB destination and a 10,000-character extension: refused by the rules, the switch never sees them."""
    calls = service_pb2_grpc.CallControlServiceStub(stack.channel)
    sent = link_requests(stack)
    await invalid(calls.MakeCall(rr.MakeCallRequest(extension="101", destination="6" * 1_000_000)), "destination")
    info = await invalid(calls.HoldCall(rr.HoldCallRequest(extension="1" * 10_000)), "extension")
    assert all(len(value) <= MAX_METADATA_CHARS for value in info.metadata.values())
    await invalid(calls.MakeCall(rr.MakeCallRequest(extension="101", destination="67\x0189")), "destination")
    await invalid(calls.MakeCall(rr.MakeCallRequest(extension="101", destination="")), "destination")
    await invalid(
        calls.MakeCall(rr.MakeCallRequest(extension="101", destination="102", user_data="x" * 65_537)), "user_data"
    )
    assert not [xml for xml in sent if b"MakeCall" in xml or b"HoldCall" in xml]
    made = await calls.MakeCall(rr.MakeCallRequest(extension="101", destination="102"))  # the server is fine
    assert made.call.call_id


async def test_character_sets_lengths_and_enums(stack: Stack) -> None:
    calls = service_pb2_grpc.CallControlServiceStub(stack.channel)
    agents = agent_grpc.AgentServiceStub(stack.channel)
    queries = query_grpc.QueryServiceStub(stack.channel)
    await invalid(calls.HoldCall(rr.HoldCallRequest(extension="10 1")), "extension")
    await invalid(calls.HoldCall(rr.HoldCallRequest(extension="101", call_id="1" * 33)), "call_id")
    await invalid(calls.SendDtmf(rr.SendDtmfRequest(extension="101", digits="1" * 65)), "digits")
    await invalid(calls.TransferCall(rr.TransferCallRequest(extension="101", destination="102")), "mode")
    info = await invalid(
        calls.TransferCall(rr.TransferCallRequest(extension="101", destination="102", mode=99)),  # type: ignore[arg-type]
        "mode",
    )
    assert info.metadata["rule"] == "enum.defined_only"
    await invalid(calls.DropParty(rr.DropPartyRequest(extension="101", party="T1234 #2")), "party")
    await invalid(agents.Login(agent_rr.LoginRequest(extension="101", agent_id="12a45")), "agent_id")
    await invalid(
        agents.SetAgentState(
            agent_rr.SetAgentStateRequest(extension="101", work_mode=agent_enums.WORK_MODE_AUX, reason_code=100)
        ),
        "reason_code",
    )
    await invalid(queries.GetDeviceName(query_rr.GetDeviceNameRequest(device="1\ufffe")), "device")


async def test_nested_and_repeated_fields_are_named_by_path(stack: Stack) -> None:
    admin = admin_grpc.AdminServiceStub(stack.channel)
    await invalid(admin.AddAccessRule(admin_rr.AddAccessRuleRequest()), "rule")
    await invalid(
        admin.CreateApiKey(
            admin_rr.CreateApiKeyRequest(name="desk", role=admin_enums.API_KEY_ROLE_AGENT, extensions=["101", "10x"])
        ),
        "extensions[1]",
    )
    events = events_grpc.EventServiceStub(stack.channel)
    stream = events.StreamEvents(events_rr.StreamEventsRequest(devices=["101", "x" * 40]))
    await invalid(stream.read(), "devices[1]")


def test_error_answers_are_bounded_whatever_they_carry() -> None:
    err = CallwireError("UNKNOWN_EXTENSION", "unknown device " + "1" * 10_000, metadata={"extension": "1" * 10_000})
    status = err.to_status()
    details = dict(status.trailing_metadata)["grpc-status-details-bin"]
    assert len(status.details) <= MAX_MESSAGE_CHARS
    assert len(details) < 1024


def test_a_request_the_link_cannot_send_is_invalid_argument() -> None:
    err = from_link_error(RequestNotSendable("cannot send MakeCall: frame of 70219 bytes exceeds the limit of 65535"))
    assert err.reason == "INVALID_ARGUMENT"
    assert err.code == grpc.StatusCode.INVALID_ARGUMENT


async def test_request_bytes_that_do_not_parse_are_invalid_argument(stack: Stack) -> None:
    """A string field that is not UTF-8 (a lone surrogate written as UTF-8): not INTERNAL, and the server is fine."""
    hold = stack.channel.unary_unary("/callwire.callcontrol.v1.CallControlService/HoldCall")
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await hold(b"\x0a\x03\xed\xa0\x80")  # field 1 (extension), 3 bytes: U+D800 in UTF-8
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT, caught.value.details()
    info, message = (error_info(caught.value), caught.value.details())
    assert info.reason == "INVALID_ARGUMENT"
    assert "cannot be parsed" in message
    events = stack.channel.unary_stream("/callwire.events.v1.EventService/StreamEvents")
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await events(b"\x0a\x02\xc3\x28").read()
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT, caught.value.details()
    calls = service_pb2_grpc.CallControlServiceStub(stack.channel)
    await invalid(calls.HoldCall(rr.HoldCallRequest(extension="")), "extension")
