"""The gateway's one gRPC channel to the Callwire server, with OpenTelemetry client spans and the stubs.

The channel speaks TLS (and mTLS with a client certificate) when a `ClientTls` is given; the API key travels
as `authorization: Bearer`, and every call made for a legacy client carries that client's address as
`x-callwire-client-address`, so the server applies the allow/deny rules to the client and not only to the
gateway.
"""

from __future__ import annotations

import secrets
import string
from dataclasses import dataclass
from pathlib import Path
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

#: gRPC metadata naming the legacy client a call is made for (its IP address as the gateway saw it).
CLIENT_ADDRESS_HEADER = "x-callwire-client-address"
#: gRPC metadata passing on the console credentials a legacy client gave, sent only with the calls that need them
#: (AddExtension, DeleteExtension): the server lets the gateway's key make those calls only with the right ones.
#: Binary headers, so a user name or encrypted password of any characters travels exactly as the client sent it.
CONSOLE_USER_HEADER = "x-callwire-console-user-bin"
CONSOLE_PASSWORD_HEADER = "x-callwire-console-password-bin"


@dataclass(frozen=True, kw_only=True)
class ClientTls:
    """TLS to the server: the CA that signed its certificate (None: the system's roots), and for mTLS the
    gateway's own certificate and key (PEM files)."""

    ca_file: Path | None = None
    cert_file: Path | None = None
    key_file: Path | None = None
    server_name: str | None = None
    """The name the server's certificate must carry, when it is not the host of the target."""

    def __post_init__(self) -> None:
        if (self.cert_file is None) != (self.key_file is None):
            raise ValueError("a client certificate needs both cert_file and key_file")

    def credentials(self) -> grpc.ChannelCredentials:
        return grpc.ssl_channel_credentials(
            root_certificates=self.ca_file.read_bytes() if self.ca_file else None,
            private_key=self.key_file.read_bytes() if self.key_file else None,
            certificate_chain=self.cert_file.read_bytes() if self.cert_file else None,
        )

    def options(self) -> list[tuple[str, Any]]:
        return [("grpc.ssl_target_name_override", self.server_name)] if self.server_name else []


def _metadata_value(value: str) -> str | None:
    """`value` if it can travel as an ASCII gRPC metadata value, else None (then it is not sent)."""
    if value and len(value) <= 256 and all(c in _PRINTABLE for c in value):
        return value
    return None


class Upstream:
    """Stubs of every service on one channel; `call` turns failures into `LegacyError`."""

    def __init__(
        self, target: str, *, api_key: str | None = None, tls: ClientTls | None = None, timeout: float = 15.0
    ) -> None:
        self.target = target
        self.timeout = timeout
        options: list[tuple[str, Any]] = [
            ("grpc.keepalive_time_ms", 30_000),
            ("grpc.max_receive_message_length", 16 * 1024 * 1024),
        ]
        interceptors = aio_client_interceptors()  # type: ignore[no-untyped-call]
        if tls is None:
            self.channel = grpc.aio.insecure_channel(target, interceptors=interceptors, options=options)
        else:
            self.channel = grpc.aio.secure_channel(
                target, tls.credentials(), interceptors=interceptors, options=options + tls.options()
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

    def metadata(
        self, request_id: str = "", client_address: str = "", console: tuple[str, str] | None = None
    ) -> tuple[tuple[str, str | bytes], ...]:
        md: tuple[tuple[str, str | bytes], ...] = self._auth
        rid = _metadata_value(request_id)
        if rid:
            # A legacy `id` is the client's tag and repeats (clients count from 1), but the server takes
            # x-request-id as an idempotency key: each call sends the id with a suffix of its own.
            md = (*md, ("x-request-id", f"{rid}~{secrets.token_hex(6)}"))
        address = _metadata_value(client_address)
        if address:
            md = (*md, (CLIENT_ADDRESS_HEADER, address))
        if console is not None:
            username, password = console
            md = (*md, (CONSOLE_USER_HEADER, username.encode()), (CONSOLE_PASSWORD_HEADER, password.encode()))
        return md

    async def call(
        self,
        service: str,
        method: str,
        request: Any,
        *,
        request_id: str = "",
        client_address: str = "",
        console: tuple[str, str] | None = None,
        timeout: float | None = None,
    ) -> Any:
        """Call `service.method(request)` for the legacy client at `client_address` (empty: the gateway's own
        call), with the console credentials (user, encrypted password) it gave when `console` is set; a gRPC
        failure raises the matching `LegacyError`."""
        rpc = getattr(self.stubs[service], method)
        md = self.metadata(request_id, client_address, console)
        try:
            return await rpc(request, metadata=md, timeout=timeout or self.timeout)
        except grpc.aio.AioRpcError as exc:
            raise from_rpc_error(exc) from None

    async def close(self) -> None:
        await self.channel.close()
