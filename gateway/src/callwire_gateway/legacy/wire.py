"""The legacy JSON on the wire: a strict decoder for requests, the `id` to echo, and the fail envelope.

Kept apart from the handlers: the WebSocket and REST fronts use it to answer requests they refuse before any
handler runs (too large, too many, not JSON).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from typing import Any, NoReturn

from ..errors import LegacyError, invalid

Fields = dict[str, Any]

_TYPOGRAPHIC = "“”‘’"
_UNQUOTED_KEY = re.compile(r"[{,]\s*[A-Za-z_][A-Za-z0-9_]*\s*:")
#: How much of a client's value an error message repeats.
ECHO = 32


class _NotJson(ValueError):
    """JSON that Python's parser would take but the standard does not (NaN, Infinity, numbers out of range)."""


def _refuse_constant(name: str) -> NoReturn:
    raise _NotJson(f"{name} is not JSON")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _NotJson(f"number out of range: {text[:ECHO]}")
    return value


def decode(text: str | bytes) -> dict[str, Any]:
    """Strict JSON object, or `LegacyError` with a parse error that says what is wrong."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            raise invalid("the message is not UTF-8 text") from None
    try:
        value = json.loads(text, parse_constant=_refuse_constant, parse_float=_finite_float)
    except _NotJson as exc:
        raise invalid(f"not valid JSON: {exc}") from None
    except RecursionError:
        raise invalid("not valid JSON: it nests too deeply") from None
    except json.JSONDecodeError as exc:
        hint = ""
        if any(c in text for c in _TYPOGRAPHIC):
            hint = ' (typographic quotes are not JSON quotes: use ")'
        elif _UNQUOTED_KEY.search(text):
            hint = " (JSON keys must be quoted)"
        raise invalid(f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}{hint}") from None
    except ValueError:  # an integer of more digits than Python converts (4,300)
        raise invalid("not valid JSON: a number has too many digits") from None
    if not isinstance(value, dict):
        raise invalid(f"the message must be a JSON object, not {type(value).__name__}")
    return value


def request_id_of(fields: Mapping[str, Any]) -> Any:
    """The `id` to echo: a string or number as given; anything else (or nothing) becomes ""."""
    value = fields.get("id", "")
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return ""
    if isinstance(value, float) and not math.isfinite(value):  # never answer NaN or Infinity: they are not JSON
        return ""
    return value


def json_type(value: object) -> str:
    """The JSON name of a decoded value's type, for error messages."""
    names = {dict: "object", list: "array", float: "number", str: "string", int: "number", bool: "boolean"}
    return names.get(type(value), "null")


def fail(request_id: Any, exc: LegacyError) -> Fields:
    return {"msgtype": "response", "id": request_id, "result": "fail", "error": exc.error}
