"""The gateway's one gRPC channel to the Callwire server, with OpenTelemetry client spans and the stubs."""

from __future__ import annotations

import string
from typing import Any

import grpc
from opentelemetry.instrumentation.grpc import aio_client_interceptors

from callwire.admin.v1 import service_pb2_grpc as admin_grpc
from callwire.agent.v1 import service_pb2_grpc as agent_grpc
from callwire.callcontrol.v1 import service_pb2_grpc as callcontrol_grpc
from callwire.device.v1 import service_pb2_grpc as device_grpc
from callwire.events.v1 import service_pb2_grpc as events_grpc
from callwire.query.v1 import service_pb2_grpc as query_grpc
from callwire.station.v1 import service_pb2_grpc as station_grpc
from callwire.userdata.v1 import service_pb2_grpc as userdata_grpc

from .errors import from_rpc_error

_PRINTABLE = set(string.printable) - set("\r\n\t\x0b\x0c")


def _metadata_value(value: str) -> str | None:
    """`value` if it can travel as an ASCII gRPC metadata value, else None (then it is not sent)."""
    if value and len(value) <= 256 and all(c in _PRINTABLE for c in value):
        return value
    return None


class Upstream:
    """Stubs of every service on one channel; `call` turns failures into `LegacyError`."""

    def __init__(self, target: str, *, api_key: str | None = None, timeout: float = 15.0) -> None:
        self.target = target
        self.timeout = timeout
        self.channel = grpc.aio.insecure_channel(
            target,
            interceptors=aio_client_interceptors(),  # type: ignore[no-untyped-call]
            options=[("grpc.keepalive_time_ms", 30_000), ("grpc.max_receive_message_length", 16 * 1024 * 1024)],
        )
        self._auth: tuple[tuple[str, str], ...] = (("authorization", f"Bearer {api_key}"),) if api_key else ()
        self.stubs: dict[str, Any] = {
            "admin": admin_grpc.AdminServiceStub(self.channel),
            "agent": agent_grpc.AgentServiceStub(self.channel),
            "callcontrol": callcontrol_grpc.CallControlServiceStub(self.channel),
            "device": device_grpc.DeviceServiceStub(self.channel),
            "events": events_grpc.EventServiceStub(self.channel),
            "query": query_grpc.QueryServiceStub(self.channel),
            "station": station_grpc.StationServiceStub(self.channel),
            "userdata": userdata_grpc.UserDataServiceStub(self.channel),
        }

    def metadata(self, request_id: str = "") -> tuple[tuple[str, str], ...]:
        rid = _metadata_value(request_id)
        return (*self._auth, ("x-request-id", rid)) if rid else self._auth

    async def call(
        self, service: str, method: str, request: Any, *, request_id: str = "", timeout: float | None = None
    ) -> Any:
        """Call `service.method(request)`; a gRPC failure raises the matching `LegacyError`."""
        rpc = getattr(self.stubs[service], method)
        try:
            return await rpc(request, metadata=self.metadata(request_id), timeout=timeout or self.timeout)
        except grpc.aio.AioRpcError as exc:
            raise from_rpc_error(exc) from None

    async def close(self) -> None:
        await self.channel.close()
