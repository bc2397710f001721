"""Helpers shared by the servicers: field validation and enum conversion between the contracts and CSTA."""

from __future__ import annotations

from google.protobuf import duration_pb2

from ..errors import CallwireError, invalid_argument, require

__all__ = ["CallwireError", "extension_of", "invalid_argument", "require", "seconds"]


def extension_of(request: object, field: str = "extension") -> str:
    """The request's extension: required, digits (or an AES device ID), at most 32 characters."""
    value = require(str(getattr(request, field, "")), field)
    if len(value) > 32 or any(c.isspace() for c in value):
        raise invalid_argument(field, f"{value!r} is not an extension")
    return value


def seconds(value: duration_pb2.Duration) -> float:
    """A protobuf Duration in seconds."""
    return float(value.seconds) + value.nanos / 1e9
