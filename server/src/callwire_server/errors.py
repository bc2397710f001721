"""Errors as data: every failure becomes a gRPC status with `google.rpc.ErrorInfo` (and the CSTA error).

The mapping from ErrorReason to gRPC code, HTTP status and legacy text is not written here: it is the
`error_surface` option on each `callwire.common.v1.ErrorReason` value in the contracts, read once from the
descriptors, so the server, Envoy users and the legacy gateway share one table.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import grpc
from google.protobuf import any_pb2
from google.rpc import error_details_pb2, status_pb2
from grpc_status import rpc_status

from callwire.common.v1 import enums_pb2, message_pb2, options_pb2
from callwire_csta.link import (
    CstaRequestError,
    LinkDown,
    LinkError,
    LinkLost,
    LinkTimeout,
    NotSupportedBySwitch,
    RequestNotSendable,
)

DOMAIN = "callwire.io"
#: Response metadata naming the error table's HTTP status, for Envoy's JSON transcoding (deploy/envoy/envoy.yaml):
#: the table's status is not always the gRPC code's usual one (NO_ACTIVE_CALL is 409, CSTA_ERROR 502).
HTTP_STATUS_HEADER = "x-callwire-http-status"
#: Bounds on what a status carries back. Clients cap the metadata they accept (8 KiB by default in gRPC) and the
#: message and ErrorInfo travel in it, so a value the client sent (a 10,000-character extension) is never echoed
#: whole: it is cut to these many characters.
MAX_MESSAGE_CHARS = 512
MAX_METADATA_CHARS = 128

_CODES = {code.value[0]: code for code in grpc.StatusCode}
_CLASS: dict[str, enums_pb2.CstaErrorClass] = {
    "operation": enums_pb2.CSTA_ERROR_CLASS_OPERATION,
    "security": enums_pb2.CSTA_ERROR_CLASS_SECURITY,
    "stateIncompatibility": enums_pb2.CSTA_ERROR_CLASS_STATE_INCOMPATIBILITY,
    "systemResourceAvailibility": enums_pb2.CSTA_ERROR_CLASS_SYSTEM_RESOURCE_AVAILABILITY,
    "subscribedResourceAvailability": enums_pb2.CSTA_ERROR_CLASS_SUBSCRIBED_RESOURCE_AVAILABILITY,
    "performanceManagement": enums_pb2.CSTA_ERROR_CLASS_PERFORMANCE_MANAGEMENT,
    "privateData": enums_pb2.CSTA_ERROR_CLASS_PRIVATE_DATA,
    "privateErrorCode": enums_pb2.CSTA_ERROR_CLASS_PRIVATE_ERROR_CODE,
    "unspecified": enums_pb2.CSTA_ERROR_CLASS_UNSPECIFIED_ERROR,
}
#: The gRPC code of a CSTA error that has no more specific reason, by class (see CstaErrorClass).
_CLASS_CODE = {
    "operation": grpc.StatusCode.FAILED_PRECONDITION,
    "security": grpc.StatusCode.PERMISSION_DENIED,
    "stateIncompatibility": grpc.StatusCode.FAILED_PRECONDITION,
    "systemResourceAvailibility": grpc.StatusCode.UNAVAILABLE,
    "subscribedResourceAvailability": grpc.StatusCode.RESOURCE_EXHAUSTED,
    "performanceManagement": grpc.StatusCode.RESOURCE_EXHAUSTED,
}
_UNKNOWN_DEVICE = {
    "invalidDeviceID",
    "invalidCalledDeviceID",
    "invalidCallingDeviceID",
    "invalidDestination",
    "invalidDestinationDeviceID",
}
_UNKNOWN_CALL = {"invalidCallID", "invalidConnectionID", "invalidConnectionIDForActiveCall"}
_OUT_OF_RANGE = {"invalidParameterValue", "valueOutOfRange", "objectNotKnown"}


def surface(reason: str) -> options_pb2.ErrorSurface:
    """The contracts' table row for `reason` (e.g. "NO_ACTIVE_CALL")."""
    value = enums_pb2.ErrorReason.DESCRIPTOR.values_by_name[f"ERROR_REASON_{reason}"]
    row: options_pb2.ErrorSurface = value.GetOptions().Extensions[options_pb2.error_surface]  # type: ignore[index]
    return row


class CallwireError(Exception):
    """A request failure with its ErrorReason, message and ErrorInfo metadata."""

    def __init__(
        self,
        reason: str,
        message: str,
        *,
        metadata: Mapping[str, str] | None = None,
        code: grpc.StatusCode | None = None,
        csta: message_pb2.CstaErrorDetail | None = None,
    ) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message
        self.metadata = dict(metadata or {})
        self.code = code or _CODES[surface(reason).grpc_code]
        self.csta = csta

    def to_status(self) -> grpc.Status:
        metadata = {key: bounded(value, MAX_METADATA_CHARS) for key, value in self.metadata.items()}
        info = error_details_pb2.ErrorInfo(reason=self.reason, domain=DOMAIN, metadata=metadata)
        details = [_pack(info)]
        if self.csta is not None:
            details.append(_pack(self.csta))
        message = bounded(self.message, MAX_MESSAGE_CHARS)
        status = status_pb2.Status(code=self.code.value[0], message=message, details=details)
        converted = rpc_status.to_status(status)
        http_status = (HTTP_STATUS_HEADER, str(surface(self.reason).http_status))
        return _Status(converted.code, converted.details, (*converted.trailing_metadata, http_status))


class _Status(grpc.Status):  # type: ignore[misc]
    """A status with more trailing metadata than grpc_status.rpc_status.to_status gives."""

    def __init__(self, code: grpc.StatusCode, details: str, trailing_metadata: tuple[tuple[str, Any], ...]) -> None:
        self.code = code
        self.details = details
        self.trailing_metadata = trailing_metadata


def bounded(text: str, limit: int) -> str:
    """`text` cut to `limit` characters (marked with "..."), and without lone surrogates, which cannot be sent."""
    if len(text) > limit:
        text = text[: limit - 3] + "..."
    return text.encode("utf-8", "replace").decode("utf-8")


def _pack(msg: object) -> any_pb2.Any:
    packed = any_pb2.Any()
    packed.Pack(msg)  # type: ignore[arg-type]
    return packed


def invalid_argument(field: str, description: str) -> CallwireError:
    return CallwireError(
        "INVALID_ARGUMENT", f"{field}: {description}", metadata={"field": field, "description": description}
    )


def require(value: str, field: str) -> str:
    """`value` stripped, or INVALID_ARGUMENT naming `field` when it is empty."""
    value = value.strip()
    if not value:
        raise invalid_argument(field, "is required")
    return value


def from_link_error(exc: LinkError, *, extension: str = "", call_id: str = "") -> CallwireError:
    """Classify what the link raised: a CSTA refusal by its class and value, or the link's own failure."""
    if isinstance(exc, CstaRequestError):
        cls, value = exc.error_class, exc.value
        detail = message_pb2.CstaErrorDetail(
            error_class=_CLASS.get(cls, enums_pb2.CSTA_ERROR_CLASS_UNSPECIFIED), value=value
        )
        meta = {"csta_class": cls, "csta_value": value}
        if extension:
            meta["extension"] = extension
        what = f"the switch refused the request ({cls}/{value or '-'})"
        if value in _UNKNOWN_DEVICE:
            return CallwireError("UNKNOWN_EXTENSION", f"unknown device {extension}: {what}", metadata=meta, csta=detail)
        if value in _UNKNOWN_CALL:
            if call_id:
                meta["call_id"] = call_id
            return CallwireError(
                "CALL_NOT_FOUND", f"no such call {call_id}: {what}".replace("  ", " "), metadata=meta, csta=detail
            )
        if value == "noActiveCall":
            return CallwireError("NO_ACTIVE_CALL", f"no active call at {extension}: {what}", metadata=meta, csta=detail)
        if value == "noHeldCall":
            return CallwireError("NO_HELD_CALL", f"no held call at {extension}: {what}", metadata=meta, csta=detail)
        if cls == "stateIncompatibility":
            return CallwireError(
                "INVALID_STATE", f"{extension or 'the call'} is in the wrong state: {what}", metadata=meta, csta=detail
            )
        if cls == "security":
            return CallwireError("PERMISSION_DENIED", what, metadata=meta, csta=detail)
        code = (
            grpc.StatusCode.INVALID_ARGUMENT
            if value in _OUT_OF_RANGE
            else _CLASS_CODE.get(cls, grpc.StatusCode.UNKNOWN)
        )
        return CallwireError("CSTA_ERROR", what, metadata=meta, code=code, csta=detail)
    if isinstance(exc, RequestNotSendable):  # nothing was sent: the request itself is at fault
        return CallwireError("INVALID_ARGUMENT", str(exc), metadata={"description": str(exc)})
    if isinstance(exc, NotSupportedBySwitch):
        detail = message_pb2.CstaErrorDetail(
            error_class=enums_pb2.CSTA_ERROR_CLASS_OPERATION, value="serviceNotSupported"
        )
        return CallwireError(
            "CSTA_ERROR",
            f"not supported by this switch: {exc}",
            metadata={"csta_class": "operation", "csta_value": "serviceNotSupported"},
            code=grpc.StatusCode.FAILED_PRECONDITION,
            csta=detail,
        )
    if isinstance(exc, LinkTimeout):
        return CallwireError("LINK_TIMEOUT", f"the switch did not answer in time: {exc}")
    if isinstance(exc, LinkLost):  # written, then the link went: the outcome on the switch is unknown
        return CallwireError("LINK_TIMEOUT", f"the CTI link was lost before the switch answered: {exc}")
    if isinstance(exc, LinkDown):
        return CallwireError("LINK_DOWN", f"no CTI link to the switch: {exc}")
    return CallwireError("INTERNAL", f"CTI link failure: {exc}")


def unexpected_response(request: object, expected: type, received: object) -> CallwireError:
    """INTERNAL for a positive answer of another type than the request's: the switch (or Callwire's catalogue of
    which response answers which request) is wrong, and the client is told which types met, not an assertion."""
    got = type(received).__name__
    return CallwireError(
        "INTERNAL",
        f"the switch answered {type(request).__name__} with {got}, expected {expected.__name__}",
    )
