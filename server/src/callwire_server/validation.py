"""Request validation at the edge: the contracts' `buf.validate` rules, checked before a request reaches a servicer.

The rules (lengths, character sets of extensions, destinations and digits, defined enums, required fields, size of
user data) are written once in proto/ and read from the descriptors by protovalidate, the same rules every SDK can
check on its side. A request that breaks one is answered INVALID_ARGUMENT naming the field, before any servicer
reads it; the servicers' own checks (those that need settings, the switch or the store) come after.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from google.protobuf.message import DecodeError, Message

from .errors import CallwireError

if TYPE_CHECKING:
    from protovalidate import FieldPathPb, Validator

#: One validator for the process: it compiles each message type's rules once and caches them. Loaded by
#: `prepare()` at server start, not at import: protovalidate takes about a second to import, which every
#: `callwire` command (they import the server) would pay for nothing.
_validator: Validator | None = None


def prepare() -> Validator:
    """Load protovalidate (once); the server calls it at start so that no request waits for it."""
    global _validator
    if _validator is None:
        from protovalidate import Validator

        _validator = Validator()
    return _validator


@dataclass(frozen=True)
class Undecodable:
    """Request bytes that are not a message of the method's type (a string field that is not UTF-8, a broken
    length): `decoding` hands this to the handler instead of raising, which grpc would answer with INTERNAL."""

    error: str


def decoding(deserializer: Callable[[bytes], Any] | None) -> Callable[[bytes], Any] | None:
    """`deserializer`, returning `Undecodable` for bytes it cannot parse."""
    if deserializer is None:
        return None
    parse = deserializer

    def decode(data: bytes) -> Any:
        try:
            return parse(data)
        except DecodeError as exc:
            return Undecodable(str(exc))

    return decode


def refuse_undecodable(request: object) -> None:
    """INVALID_ARGUMENT for a request `decoding` could not parse (before anything reads its fields)."""
    if isinstance(request, Undecodable):
        raise CallwireError(
            "INVALID_ARGUMENT",
            f"the request cannot be parsed: {request.error}",
            metadata={"description": request.error},
        )


def field_path(path: FieldPathPb | None) -> str:
    """A violation's field as the contracts name it: `rule.address`, `devices[2]`."""
    out = ""
    for element in path.elements if path is not None else ():
        out += f".{element.field_name}" if out else element.field_name
        subscript = element.subscript  # a list index or a map key, when the field is repeated or a map
        if subscript is not None:
            value = subscript.value
            out += f"[{value}]" if subscript.field == "index" else f"[{value!r}]"
    return out


def validate_request(request: object) -> None:
    """Raise INVALID_ARGUMENT for the first rule `request` breaks (metadata: `field`, `description`, `rule`)."""
    if not isinstance(request, Message):
        return
    violations = prepare().collect_violations(request, fail_fast=True)
    if not violations:
        return
    violation = violations[0].proto
    field = field_path(violation.field) or request.DESCRIPTOR.name
    description = violation.message or violation.rule_id
    raise CallwireError(
        "INVALID_ARGUMENT",
        f"{field}: {description}",
        metadata={"field": field, "description": description, "rule": violation.rule_id},
    )
