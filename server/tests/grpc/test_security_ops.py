"""Security and operations over real sockets: API keys with roles and scope, TLS and mTLS, health that
follows the CSTA link, reflection, and OpenTelemetry spans from the gRPC call down to the CSTA invoke."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import grpc
import pytest
from certs import make_pki
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc
from grpc_stack import Stack, memory_exporter, running_stack

from callwire.admin.v1 import request_response_pb2 as admin_rr
from callwire.admin.v1 import service_pb2_grpc as admin_grpc
from callwire.query.v1 import request_response_pb2 as query_rr
from callwire.query.v1 import service_pb2_grpc as query_grpc
from callwire.station.v1 import request_response_pb2 as station_rr
from callwire.station.v1 import service_pb2_grpc as station_grpc
from callwire_server.app import RunningServer, start_server
from callwire_server.config import GrpcConfig
from callwire_server.store import Role
from callwire_sim.transport import SimulatorServer
from callwire_testkit import expect_error, until
from callwire_testkit.demo import demo_simulator, server_config


@dataclass
class Secured:
    sim: SimulatorServer
    server: RunningServer
    channel: grpc.aio.Channel
    admin_key: str
    agent_key: str
    supervisor_key: str


def md(key: str) -> tuple[tuple[str, str], ...]:
    return (("authorization", f"Bearer {key}"),)


@pytest.fixture
async def secured(tmp_path: Path) -> AsyncIterator[Secured]:
    async with running_stack(tmp_path, grpc=GrpcConfig(address="127.0.0.1:0", require_api_key=True)) as running:
        store = running.server.core.store
        admin = (await store.create_api_key("ops", Role.ADMIN)).secret
        agent = (await store.create_api_key("desk-101", Role.AGENT, ["101"])).secret
        supervisor = (await store.create_api_key("wallboard", Role.SUPERVISOR)).secret
        yield Secured(running.sim, running.server, running.channel, admin, agent, supervisor)


async def test_a_key_is_required_and_must_be_valid(secured: Secured) -> None:
    station = station_grpc.StationServiceStub(secured.channel)
    request = station_rr.SetMessageWaitingRequest(extension="101", enabled=True)
    unauth = grpc.StatusCode.UNAUTHENTICATED
    assert (await expect_error(station.SetMessageWaiting(request), unauth)).reason == "UNAUTHENTICATED"
    bad_scheme = station.SetMessageWaiting(request, metadata=(("authorization", f"Basic {secured.agent_key}"),))
    assert (await expect_error(bad_scheme, unauth)).reason == "UNAUTHENTICATED"
    unknown = station.SetMessageWaiting(request, metadata=md("cw_0000_not-a-key"))
    assert (await expect_error(unknown, unauth)).reason == "UNAUTHENTICATED"
    await station.SetMessageWaiting(request, metadata=md(secured.agent_key))


async def test_roles_and_extension_scope(secured: Secured) -> None:
    station = station_grpc.StationServiceStub(secured.channel)
    admin = admin_grpc.AdminServiceStub(secured.channel)
    query = query_grpc.QueryServiceStub(secured.channel)
    denied = grpc.StatusCode.PERMISSION_DENIED
    other = station.SetMessageWaiting(
        station_rr.SetMessageWaitingRequest(extension="102", enabled=True), metadata=md(secured.agent_key)
    )
    assert (await expect_error(other, denied)).reason == "PERMISSION_DENIED"
    add = admin.AddExtension(admin_rr.AddExtensionRequest(extension="111"), metadata=md(secured.agent_key))
    assert (await expect_error(add, denied)).reason == "PERMISSION_DENIED"
    split = query_rr.GetAcdSplitRequest(split="201")
    assert (
        await expect_error(query.GetAcdSplit(split, metadata=md(secured.agent_key)), denied)
    ).reason == "PERMISSION_DENIED"
    assert (await query.GetAcdSplit(split, metadata=md(secured.supervisor_key))).agents_logged_on >= 0
    add_as_supervisor = admin.AddExtension(
        admin_rr.AddExtensionRequest(extension="111"), metadata=md(secured.supervisor_key)
    )
    assert (await expect_error(add_as_supervisor, denied)).reason == "PERMISSION_DENIED"
    await admin.AddExtension(admin_rr.AddExtensionRequest(extension="111"), metadata=md(secured.admin_key))
    info = await admin.GetServerInfo(admin_rr.GetServerInfoRequest(), metadata=md(secured.agent_key))
    assert info.version.startswith("Callwire")


async def test_a_revoked_key_stops_working_at_once(secured: Secured) -> None:
    admin = admin_grpc.AdminServiceStub(secured.channel)
    station = station_grpc.StationServiceStub(secured.channel)
    request = station_rr.SetMessageWaitingRequest(extension="101", enabled=False)
    await station.SetMessageWaiting(request, metadata=md(secured.agent_key))  # now cached as valid
    keys = (await admin.ListApiKeys(admin_rr.ListApiKeysRequest(), metadata=md(secured.admin_key))).keys
    (desk,) = [k for k in keys if k.name == "desk-101"]
    await admin.RevokeApiKey(admin_rr.RevokeApiKeyRequest(key_id=desk.key_id), metadata=md(secured.admin_key))
    revoked = station.SetMessageWaiting(request, metadata=md(secured.agent_key))
    assert (await expect_error(revoked, grpc.StatusCode.UNAUTHENTICATED)).reason == "UNAUTHENTICATED"


async def test_health_and_reflection_are_open_and_health_follows_the_link(secured: Secured) -> None:
    health = health_pb2_grpc.HealthStub(secured.channel)
    serving, not_serving = health_pb2.HealthCheckResponse.SERVING, health_pb2.HealthCheckResponse.NOT_SERVING

    async def status_becomes(wanted: int) -> None:
        async def reached() -> bool:
            return bool((await health.Check(health_pb2.HealthCheckRequest())).status == wanted)

        await until(reached, what=f"health status {wanted}", interval=0.05)

    await status_becomes(serving)
    secured.sim.faults.refuse_connections(True)
    secured.sim.faults.drop_connections()
    await status_becomes(not_serving)
    secured.sim.faults.refuse_connections(False)
    await status_becomes(serving)

    stub = reflection_pb2_grpc.ServerReflectionStub(secured.channel)
    answers = stub.ServerReflectionInfo(iter([reflection_pb2.ServerReflectionRequest(list_services="")]))
    names = set()
    async for answer in answers:
        names |= {s.name for s in answer.list_services_response.service}
        break
    assert {"callwire.callcontrol.v1.CallControlService", "callwire.events.v1.EventService"} <= names
    assert "grpc.health.v1.Health" in names


async def test_tls_and_mutual_tls(tmp_path: Path) -> None:
    ca, server_pem, client_pem = make_pki(tmp_path)
    async with demo_simulator() as sim:
        grpc_config = GrpcConfig(
            address="127.0.0.1:0",
            require_api_key=False,
            tls_cert=server_pem.cert,
            tls_key=server_pem.key,
            client_ca=ca.cert,
        )
        server = await start_server(server_config(tmp_path, sim.port, grpc=grpc_config))
        target = f"localhost:{server.port}"
        request = station_rr.SetMessageWaitingRequest(extension="101", enabled=True)
        try:
            with_cert = grpc.ssl_channel_credentials(
                root_certificates=ca.cert.read_bytes(),
                private_key=client_pem.key.read_bytes(),
                certificate_chain=client_pem.cert.read_bytes(),
            )
            async with grpc.aio.secure_channel(target, with_cert) as channel:
                await station_grpc.StationServiceStub(channel).SetMessageWaiting(request)
            without_cert = grpc.ssl_channel_credentials(root_certificates=ca.cert.read_bytes())
            async with grpc.aio.secure_channel(target, without_cert) as channel:
                with pytest.raises(grpc.aio.AioRpcError) as refused:
                    await station_grpc.StationServiceStub(channel).SetMessageWaiting(request, timeout=30)
                assert refused.value.code() == grpc.StatusCode.UNAVAILABLE
            async with grpc.aio.insecure_channel(target) as channel:
                with pytest.raises(grpc.aio.AioRpcError):
                    await station_grpc.StationServiceStub(channel).SetMessageWaiting(request, timeout=30)
        finally:
            await server.stop(grace=0.5)


async def test_a_server_span_with_a_child_span_per_csta_invoke(stack: Stack) -> None:
    exporter = memory_exporter()
    station = station_grpc.StationServiceStub(stack.channel)
    await station.SetDoNotDisturb(station_rr.SetDoNotDisturbRequest(extension="104", enabled=True))
    spans = exporter.get_finished_spans()
    (rpc,) = [s for s in spans if s.name == "/callwire.station.v1.StationService/SetDoNotDisturb"]
    (invoke,) = [s for s in spans if s.name == "csta SetDoNotDisturb"]
    assert invoke.parent is not None
    assert invoke.parent.span_id == rpc.context.span_id
    assert invoke.context.trace_id == rpc.context.trace_id
    attributes = dict(invoke.attributes or {})
    assert attributes["csta.service"] == "SetDoNotDisturb"
    assert attributes["csta.device"] == "104"
    invoke_id = attributes["csta.invoke_id"]
    assert isinstance(invoke_id, int)
    assert 1 <= invoke_id <= 9998
    exporter.clear()
