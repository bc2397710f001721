"""Checks of the values the store's methods take: each returns the value to store or raises ``InvalidValue``
naming the field, so that bad input never reaches the database."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Final

from callwire_server.store import access
from callwire_server.store.errors import InvalidValue
from callwire_server.store.records import AccessKind, Role

_EXTENSION_RE = re.compile(r"^[0-9A-Za-z#*+.:_-]{1,64}$")
_SETTING_NAME_RE = re.compile(r"^[A-Za-z0-9_.:-]{1,128}$")
NAME_MAX: Final = 128


def extension(value: str, field: str = "extension") -> str:
    text = value.strip() if isinstance(value, str) else value
    if not isinstance(text, str) or not _EXTENSION_RE.match(text):
        raise InvalidValue(field, f"expected 1-64 characters of digits, letters or #*+.:_-, got {value!r}")
    return text


def label(value: str, field: str, *, required: bool = False, max_len: int = NAME_MAX) -> str:
    text = value.strip()
    if required and not text:
        raise InvalidValue(field, "must not be empty")
    if len(text) > max_len:
        raise InvalidValue(field, f"at most {max_len} characters")
    if any(not ch.isprintable() for ch in text):
        raise InvalidValue(field, "must not contain control characters")
    return text


def text(value: str, field: str) -> str:
    if not isinstance(value, str):
        raise InvalidValue(field, "must be a string")
    if "\x00" in value:
        raise InvalidValue(field, "must not contain NUL characters")
    return value


def setting_name(value: str) -> str:
    if not _SETTING_NAME_RE.match(value):
        raise InvalidValue("name", f"expected 1-128 characters of letters, digits or _.:-, got {value!r}")
    return value


def kind(value: AccessKind | str) -> AccessKind:
    try:
        return AccessKind(value.upper() if isinstance(value, str) else value)
    except ValueError:
        raise InvalidValue("kind", f"expected ALLOW or DENY, got {value!r}") from None


def role(value: Role | str) -> Role:
    try:
        return Role(value.lower() if isinstance(value, str) else value)
    except ValueError:
        raise InvalidValue("role", f"expected agent, supervisor or admin, got {value!r}") from None


def port(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < 65536:
        raise InvalidValue("port", f"expected 1-65535, got {value!r}")
    return value


def priority(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidValue("priority", f"expected an integer >= 0, got {value!r}")
    return value


def ttl(value: timedelta | None) -> timedelta | None:
    if value is not None and value <= timedelta(0):
        raise InvalidValue("ttl", "must be positive (or None for no expiry)")
    return value


def address_sort_key(text: str) -> tuple[int, int, int]:
    network = access.parse_network(text)
    return (network.version, int(network.network_address), network.prefixlen)
