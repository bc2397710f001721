"""One legacy request as the handlers see it: the decoded fields with typed, checked accessors, the client
session, the RPC call, and the registry each handler module fills.

Ids and numbers are accepted as strings or numbers; a missing or mistyped field fails with
"invalid request: ..." naming it.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from google.protobuf import duration_pb2

from ..errors import invalid
from ..upstream import Upstream
from .wire import ECHO, Fields, json_type

_EXTENSION = re.compile(r"^[^\s\x00-\x1f]{1,32}$")
#: What no field may hold: lone surrogates are not text (JSON can write them as `\ud800`, but nothing can encode
#: them), and the rest are characters XML 1.0 does not allow, which the CSTA link could never send.
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
#: Fields of free text that never reach the link (user data is stored, only its key travels): control characters
#: stay allowed there, lone surrogates do not.
_FREE_TEXT = frozenset({"data"})


class Session(Protocol):
    """What a handler may know about the client connection."""

    address: str

    async def start_monitor(self, extension: str) -> None: ...

    async def stop_monitor(self, extension: str) -> None: ...


@dataclass
class Request:
    """One decoded legacy request with typed accessors for its fields."""

    fields: dict[str, Any]
    session: Session
    upstream: Upstream
    name: str = ""
    request_id: str = ""
    seen: set[str] = field(default_factory=set)

    def text(self, name: str, *, required: bool = False, default: str = "", max_len: int = 65536) -> str:
        value = self.fields.get(name)
        if value is None:
            if required:
                raise invalid(f"missing field `{name}`")
            return default
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise invalid(f"field `{name}` must be a string, not {json_type(value)}")
        out = str(value)
        if required and not out.strip():
            raise invalid(f"field `{name}` is empty")
        if len(out) > max_len:
            raise invalid(f"field `{name}` is longer than {max_len} characters")
        bad = (_SURROGATE if name in _FREE_TEXT else _NOT_TEXT).search(out)
        if bad is not None:
            raise invalid(f"field `{name}` holds a character that is not allowed (U+{ord(bad.group()):04X})")
        return out

    def device(self, name: str = "extension", *, required: bool = True) -> str:
        value = self.text(name, required=required, max_len=32).strip()
        if value and not _EXTENSION.match(value):
            raise invalid(f"field `{name}` is not an extension: {value!r}")
        return value

    def integer(self, name: str, *, default: int | None = None, low: int = 0, high: int = 2**31 - 1) -> int:
        value = self.fields.get(name)
        if value is None or value == "":
            if default is None:
                raise invalid(f"missing field `{name}`")
            return default
        if isinstance(value, bool):
            raise invalid(f"field `{name}` must be a number, not boolean")
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, str) and re.fullmatch(r"\s*-?\d{1,10}\s*", value):
            value = int(value)
        if not isinstance(value, int):
            raise invalid(f"field `{name}` must be a number, not {json_type(value)}")
        if not low <= value <= high:
            raise invalid(f"field `{name}` must be between {low} and {high}")
        return value

    def flag(self, name: str, *, default: bool | None = None) -> bool:
        value = self.fields.get(name)
        if value is None or value == "":
            if default is None:
                raise invalid(f"missing field `{name}`")
            return default
        if isinstance(value, bool):
            return value
        if isinstance(value, int) and value in (0, 1):
            return bool(value)
        if isinstance(value, str) and value.strip().lower() in ("true", "false", "on", "off", "1", "0", "yes", "no"):
            return value.strip().lower() in ("true", "on", "1", "yes")
        raise invalid(f'field `{name}` must be "true" or "false"')

    def choice(self, name: str, options: Mapping[str, Any], *, default: str | None = None) -> Any:
        value = self.text(name, required=default is None, default=default or "").strip().lower()
        if value not in options:
            shown = value if len(value) <= ECHO else value[:ECHO] + "..."
            raise invalid(f"field `{name}` must be one of {', '.join(sorted(options))}, not {shown!r}")
        return options[value]

    async def call(
        self,
        service: str,
        method: str,
        message: Any,
        *,
        console: tuple[str, str] | None = None,
        timeout: float | None = None,
    ) -> Any:
        return await self.upstream.call(
            service,
            method,
            message,
            request_id=self.request_id,
            client_address=self.session.address,
            console=console,
            timeout=timeout,
        )


def callid_number(call_id: str) -> int | str:
    """The reference sends call IDs in events and user data answers as numbers (Avaya's are decimal)."""
    return int(call_id) if call_id.isdigit() and len(call_id) < 16 else call_id


def bool_text(value: bool) -> str:
    return "true" if value else "false"


def seconds(value: int) -> duration_pb2.Duration:
    return duration_pb2.Duration(seconds=value)


OK: Fields = {"error": ""}

Handler = Callable[[Request], Awaitable[Fields]]
Handlers = dict[str, Handler]


def registrar(table: Handlers) -> Callable[..., Callable[[Handler], Handler]]:
    """A decorator that enters a handler in `table` under each request name it is given."""

    def handler(*names: str) -> Callable[[Handler], Handler]:
        def register(fn: Handler) -> Handler:
            for name in names:
                table[name] = fn
            return fn

        return register

    return handler
