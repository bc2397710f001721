"""The legacy ctiSVR/ivrSVR requests: decode the JSON object, call the RPC, answer the reference's fields.

Each handler takes the decoded request and returns the response fields after the envelope
(`msgtype`, `id`, `result`), with exactly the reference's names, order and JSON types. Ids and numbers are
accepted as strings or numbers; a missing or mistyped field fails with "invalid request: ..." naming it.

Inside: `wire` (strict JSON, the id to echo, the fail envelope), `request` (the typed field accessors and the
handler registry), one module of handlers per domain (`agent`, `calls`, `queries`, `admin`, `dmcc`), and
`dispatch`, which joins their tables and answers every request exactly once.
"""

from __future__ import annotations

from .dispatch import HANDLERS, dispatch
from .request import OK, Handler, Request, Session
from .wire import Fields, decode, fail, request_id_of

__all__ = ["HANDLERS", "OK", "Fields", "Handler", "Request", "Session", "decode", "dispatch", "fail", "request_id_of"]
