"""Run one decoded legacy request: find its handler, answer the envelope, and never let a failure go unanswered."""

from __future__ import annotations

import logging
from typing import Any

from ..errors import LegacyError, invalid
from ..upstream import Upstream
from . import admin, agent, calls, dmcc, queries
from .request import Handlers, Request, Session
from .wire import Fields, fail, json_type, request_id_of

log = logging.getLogger("callwire.gateway")


def _merged(*tables: Handlers) -> Handlers:
    """One table of every request; a name claimed by two modules is a bug caught at import, not a silent win."""
    merged: Handlers = {}
    for table in tables:
        for name, fn in table.items():
            if name in merged:
                raise RuntimeError(f"legacy request {name!r} has two handlers")
            merged[name] = fn
    return merged


#: Request name (lower case) -> handler: every legacy request the gateway answers.
HANDLERS: Handlers = _merged(agent.HANDLERS, calls.HANDLERS, queries.HANDLERS, admin.HANDLERS, dmcc.HANDLERS)


async def dispatch(fields: dict[str, Any], session: Session, upstream: Upstream) -> tuple[Fields, int]:
    """Run one decoded request: the complete response object (success or fail) and its HTTP status."""
    request_id = request_id_of(fields)
    try:
        name = fields.get("request")
        if name is None:
            raise invalid("missing field `request`")
        if not isinstance(name, str):
            raise invalid(f"field `request` must be a string, not {json_type(name)}")
        fn = HANDLERS.get(name.strip().lower())
        if fn is None:
            raise invalid(f"unknown request {name[:64]!r}")
        req = Request(fields, session, upstream, name=name, request_id=str(request_id))
        out = await fn(req)
    except LegacyError as exc:
        return fail(request_id, exc), exc.http_status
    except Exception as exc:  # a gateway bug must answer, never kill the connection
        log.exception("request %r failed", fields.get("request"))
        err = LegacyError("INTERNAL", f"{type(exc).__name__}: {exc}")
        return fail(request_id, err), err.http_status
    return {"msgtype": "response", "id": request_id, "result": "success", **out}, 200
