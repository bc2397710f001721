"""Server reflection as grpcurl, Postman or evans use it: a client that knows nothing of the contracts builds its
descriptor pool from reflection alone, then describes and calls a method of every service the server lists, with
messages made from those descriptors (JSON in, JSON out)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

import grpc
from google.protobuf import descriptor_pool, json_format, message_factory
from google.protobuf.descriptor import ServiceDescriptor
from grpc_reflection.v1alpha.proto_reflection_descriptor_database import ProtoReflectionDescriptorDatabase
from grpc_reflection.v1alpha.reflection_pb2 import ServerReflectionRequest
from grpc_reflection.v1alpha.reflection_pb2_grpc import ServerReflectionStub
from grpc_stack import Stack

#: One method per service and its request as JSON; the test fails when the server lists a service not named here.
CALLS: dict[str, tuple[str, dict[str, Any]]] = {
    "callwire.admin.v1.AdminService": ("GetServerInfo", {}),
    "callwire.agent.v1.AgentService": ("GetAgentState", {"extension": "101"}),
    "callwire.callcontrol.v1.CallControlService": ("MakeCall", {"extension": "101", "destination": "102"}),
    "callwire.device.v1.DeviceService": ("GetDisplay", {"extension": "101"}),
    "callwire.events.v1.EventService": ("StreamEvents", {"devices": ["101"], "includeSnapshot": True}),
    "callwire.query.v1.QueryService": ("GetTimeOfDay", {}),
    "callwire.station.v1.StationService": ("SetMessageWaiting", {"extension": "101", "enabled": True}),
    "callwire.userdata.v1.UserDataService": ("SetUserData", {"data": "hello", "extension": "101"}),
    "grpc.health.v1.Health": ("Check", {}),
    "grpc.reflection.v1alpha.ServerReflection": ("ServerReflectionInfo", {"listServices": ""}),
}


@dataclass
class Described:
    service: ServiceDescriptor
    path: str
    request: Any  # a dynamic message built from reflected descriptors only
    response_class: type[Any]
    client_streaming: bool
    server_streaming: bool


def describe_by_reflection(target: str) -> tuple[list[str], list[Described]]:
    """Everything a generic client learns from reflection (blocking: run it in a thread, the server shares our
    loop). The pool starts empty, so every file, its imports (google/api, google/protobuf, ...) included, comes
    over the wire."""
    with grpc.insecure_channel(target) as channel:
        database = ProtoReflectionDescriptorDatabase(channel)
        names = list(database.get_services())
        pool = descriptor_pool.DescriptorPool(database)
        raw = ServerReflectionStub(channel)
        described = []
        for name in names:
            service = pool.FindServiceByName(name)
            method_name, body = CALLS[name]
            method = service.methods_by_name[method_name]
            # `grpcurl describe Service.Method` asks for the file of the method's own symbol.
            (answer,) = raw.ServerReflectionInfo(
                iter([ServerReflectionRequest(file_containing_symbol=method.full_name)])
            )
            assert answer.HasField("file_descriptor_response"), f"{method.full_name}: {answer.error_response}"
            request = message_factory.GetMessageClass(method.input_type)()
            json_format.ParseDict(body, request)
            described.append(
                Described(
                    service,
                    f"/{name}/{method_name}",
                    request,
                    message_factory.GetMessageClass(method.output_type),
                    method.client_streaming,
                    method.server_streaming,
                )
            )
    return names, described


async def call(channel: grpc.aio.Channel, d: Described) -> dict[str, Any]:
    """Call `d` with dynamic messages and return the (first) answer as JSON."""
    serialize, deserialize = type(d.request).SerializeToString, d.response_class.FromString
    if d.client_streaming:
        stream = channel.stream_stream(d.path, request_serializer=serialize, response_deserializer=deserialize)
        answer = await stream(iter([d.request])).read()
    elif d.server_streaming:
        unary_stream = channel.unary_stream(d.path, request_serializer=serialize, response_deserializer=deserialize)
        events = unary_stream(d.request)
        try:
            answer = await events.read()
        finally:
            events.cancel()
    else:
        unary = channel.unary_unary(d.path, request_serializer=serialize, response_deserializer=deserialize)
        answer = await unary(d.request, timeout=10)
    assert answer is not grpc.aio.EOF, d.path
    return json_format.MessageToDict(answer)


async def test_reflection_describes_and_calls_every_service(stack: Stack) -> None:
    names, described = await asyncio.to_thread(describe_by_reflection, f"127.0.0.1:{stack.server.port}")
    assert set(names) == set(CALLS), "name a method to call for each listed service in CALLS"
    assert {*stack.server.services} <= set(names)
    for d in described:
        assert d.service.methods, d.service.full_name
        # Described in full: the HTTP binding of a unary Callwire RPC came along with its google/api import.
        if d.service.full_name.startswith("callwire.") and not d.server_streaming:
            options = d.service.methods_by_name[d.path.rpartition("/")[2]].GetOptions()
            assert options.ListFields(), f"{d.path} lost its google.api.http option"
    answers = {d.path: await call(stack.channel, d) for d in described}
    assert answers["/callwire.admin.v1.AdminService/GetServerInfo"]["version"].startswith("Callwire")
    assert answers["/callwire.callcontrol.v1.CallControlService/MakeCall"]["call"]["callId"]
    assert answers["/callwire.events.v1.EventService/StreamEvents"]["snapshot"]["devices"][0]["device"] == "101"
    assert answers["/grpc.health.v1.Health/Check"]["status"] == "SERVING"
    listed = answers["/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo"]["listServicesResponse"]
    assert {s["name"] for s in listed["service"]} == set(names)
