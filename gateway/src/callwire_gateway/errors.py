"""Errors of the legacy interfaces: the contracts' error table, gRPC failures and the gateway's own refusals.

Every failure answers the legacy envelope `{"msgtype": "response", "id": ..., "result": "fail", "error": ...}`.
The `error` text and the REST status come from the `error_surface` option on each
`callwire.common.v1.ErrorReason` value (read from the descriptors, never copied here): the legacy text, then
": " and the server's message, which names the field, extension or call.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import grpc
from google.rpc import error_details_pb2, status_pb2

from callwire.common.v1 import enums_pb2, options_pb2

DOMAIN = "callwire.io"
_DETAILS_KEY = "grpc-status-details-bin"


@dataclass(frozen=True)
class Surface:
    """One row of the contracts' error table."""

    reason: str
    grpc_code: int
    http_status: int
    legacy_error: str


def _load_table() -> dict[str, Surface]:
    table: dict[str, Surface] = {}
    for value in enums_pb2.ErrorReason.DESCRIPTOR.values:
        options = value.GetOptions()
        if not options.HasExtension(options_pb2.error_surface):  # type: ignore[arg-type]
            continue
        row: Any = options.Extensions[options_pb2.error_surface]  # type: ignore[index]
        reason = value.name.removeprefix("ERROR_REASON_")
        table[reason] = Surface(reason, row.grpc_code, row.http_status, row.legacy_error)
    return table


#: The error table, by reason name ("NO_ACTIVE_CALL").
TABLE: dict[str, Surface] = _load_table()

#: gRPC failures that carry no Callwire ErrorInfo (the server is unreachable, a service is not built yet...).
_BY_CODE: dict[grpc.StatusCode, tuple[int, str]] = {
    grpc.StatusCode.UNAVAILABLE: (503, "CTI server unavailable"),
    grpc.StatusCode.DEADLINE_EXCEEDED: (504, "CTI server timeout"),
    grpc.StatusCode.UNIMPLEMENTED: (501, "not implemented"),
    grpc.StatusCode.CANCELLED: (503, "cancelled"),
    grpc.StatusCode.INVALID_ARGUMENT: (400, "invalid request"),
    grpc.StatusCode.NOT_FOUND: (404, "not found"),
    grpc.StatusCode.PERMISSION_DENIED: (403, "permission denied"),
    grpc.StatusCode.UNAUTHENTICATED: (401, "unauthenticated"),
    grpc.StatusCode.RESOURCE_EXHAUSTED: (429, "too many requests"),
    grpc.StatusCode.FAILED_PRECONDITION: (409, "invalid state"),
}


class LegacyError(Exception):
    """A failure to answer with `result: "fail"`: the legacy `error` text and the REST status."""

    def __init__(self, reason: str, message: str = "", *, http_status: int | None = None, text: str | None = None):
        surface = TABLE.get(reason)
        base = text if text is not None else (surface.legacy_error if surface else reason.lower().replace("_", " "))
        self.reason = reason
        self.http_status = http_status if http_status is not None else (surface.http_status if surface else 500)
        self.error = f"{base}: {message}" if message else base
        super().__init__(self.error)


def invalid(message: str) -> LegacyError:
    """A malformed request: INVALID_ARGUMENT ("invalid request: <message>"), HTTP 400."""
    return LegacyError("INVALID_ARGUMENT", message)


def unavailable(message: str) -> LegacyError:
    """The server cannot be reached: the same answer as an RPC that failed with UNAVAILABLE (HTTP 503)."""
    http_status, text = _BY_CODE[grpc.StatusCode.UNAVAILABLE]
    return LegacyError("UNAVAILABLE", message, http_status=http_status, text=text)


def from_rpc_error(exc: grpc.aio.AioRpcError) -> LegacyError:
    """The legacy error for a failed RPC, from its `google.rpc.ErrorInfo` when the server sent one."""
    message = exc.details() or ""
    for key, value in exc.trailing_metadata() or ():
        if key != _DETAILS_KEY or not isinstance(value, bytes):
            continue
        status = status_pb2.Status.FromString(value)
        message = status.message or message
        for detail in status.details:
            info = error_details_pb2.ErrorInfo()
            if detail.Is(info.DESCRIPTOR) and detail.Unpack(info) and info.domain == DOMAIN and info.reason in TABLE:
                return LegacyError(info.reason, message)
    http_status, text = _BY_CODE.get(exc.code(), (500, "internal error"))
    return LegacyError(exc.code().name, message, http_status=http_status, text=text)
