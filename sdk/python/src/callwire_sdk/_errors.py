"""Typed errors: every failed call raises a CallwireError subclass chosen by the ErrorInfo reason.

The server sends each error as a gRPC status with a google.rpc.ErrorInfo detail (domain "callwire.io") and, for
errors the switch caused, a common.v1.CstaErrorDetail. This module decodes them; the subclasses (one per
ErrorReason) are generated into _surface.py and register themselves here by their reason.
"""

from __future__ import annotations

from typing import ClassVar

import grpc
from google.rpc import error_details_pb2, status_pb2

from ._gen.callwire.common.v1 import CstaErrorDetail

DOMAIN = "callwire.io"
_BY_REASON: dict[str, type[CallwireError]] = {}


class CallwireError(Exception):
    """A Callwire call failed. `reason` is the ErrorInfo reason (e.g. "NO_ACTIVE_CALL")."""

    reason: ClassVar[str] = ""
    grpc_code: ClassVar[int] = 2
    retry_safe: ClassVar[bool] = False
    """Whether the error table says the request was not carried out, so sending it again is safe."""

    def __init__(
        self,
        message: str,
        *,
        code: grpc.StatusCode = grpc.StatusCode.UNKNOWN,
        metadata: dict[str, str] | None = None,
        csta: CstaErrorDetail | None = None,
        request_id: str = "",
        method: str = "",
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.metadata: dict[str, str] = dict(metadata or {})
        self.csta = csta
        self.request_id = request_id
        self.method = method

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if cls.reason:
            _BY_REASON[cls.reason] = cls

    def __str__(self) -> str:
        reason = self.reason or self.code.name
        return f"{reason}: {self.message} (request {self.request_id or '-'}, {self.method or '-'})"


class TransportError(CallwireError):
    """No Callwire answer: the server is unreachable, TLS failed, or the client's deadline passed.

    `code` is the gRPC status (UNAVAILABLE, DEADLINE_EXCEEDED...); there is no reason from the server.
    """


class UnknownReasonError(CallwireError):
    """The server answered with a reason this SDK version does not know (a newer server)."""


def _status_details(err: grpc.aio.AioRpcError) -> status_pb2.Status | None:
    for key, value in err.trailing_metadata() or ():
        if key == "grpc-status-details-bin" and isinstance(value, bytes):
            status = status_pb2.Status()
            status.ParseFromString(value)
            return status
    return None


def from_rpc_error(err: grpc.aio.AioRpcError, *, request_id: str, method: str) -> CallwireError:
    """The typed error for a failed call."""
    status = _status_details(err)
    info: error_details_pb2.ErrorInfo | None = None
    csta: CstaErrorDetail | None = None
    for detail in status.details if status is not None else ():
        if detail.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
            info = error_details_pb2.ErrorInfo()
            detail.Unpack(info)
        elif detail.type_url.endswith("/callwire.common.v1.CstaErrorDetail"):
            csta = CstaErrorDetail.parse(detail.value)
    message = err.details() or ""
    if info is None or info.domain != DOMAIN:
        return TransportError(message, code=err.code(), request_id=request_id, method=method)
    cls = _BY_REASON.get(info.reason)
    if cls is None:
        error: CallwireError = UnknownReasonError(
            message, code=err.code(), metadata=dict(info.metadata), csta=csta, request_id=request_id, method=method
        )
        error.metadata.setdefault("reason", info.reason)
        return error
    return cls(message, code=err.code(), metadata=dict(info.metadata), csta=csta, request_id=request_id, method=method)
