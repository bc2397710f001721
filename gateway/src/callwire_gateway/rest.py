"""The REST interface (port 9001): one legacy request per HTTP request, by path (`/{name}`) or body, with CORS
for the origins the policy allows, a rate limit per client address, and the softphone page.
"""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING, Any

from aiohttp import web
from opentelemetry import propagate

from .errors import LegacyError, invalid
from .legacy import HANDLERS, decode, fail
from .limits import TokenBucket, rate_limited, too_large

if TYPE_CHECKING:
    from .app import Gateway

#: CORS answers name the one origin allowed (never `*`); `Vary` keeps caches from serving them to another.
CORS_HEADERS = {
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
    "Access-Control-Allow-Headers": "Content-Type, Authorization, traceparent, tracestate, X-Request-Id",
    "Access-Control-Max-Age": "600",
}


def cors(request: web.Request) -> dict[str, str]:
    """CORS headers for an answer to `request`, whose Origin (if any) the policy already allowed."""
    origin = request.headers.get("Origin")
    if origin is None:
        return {"Vary": "Origin"}
    return {**CORS_HEADERS, "Access-Control-Allow-Origin": origin, "Vary": "Origin"}


class RestSession:
    """A REST request: no connection to deliver events to, so monitor requests only reach the server."""

    def __init__(self, address: str) -> None:
        self.address = address

    async def start_monitor(self, extension: str) -> None:
        return None

    async def stop_monitor(self, extension: str) -> None:
        return None


class RestFront:
    """The aiohttp application of the REST interface and its handlers."""

    def __init__(self, gateway: Gateway) -> None:
        self.gateway = gateway

    def _bucket(self, address: str) -> TokenBucket:
        buckets = self.gateway.rest_buckets
        bucket = buckets.get(address)
        if bucket is None:
            if len(buckets) > 10_000:
                buckets.clear()
            limits = self.gateway.limits
            bucket = buckets[address] = TokenBucket(limits.rate, limits.burst)
        return bucket

    async def _read_body(self, request: web.Request) -> bytes:
        """The whole body as HTTP frames it, however many TCP segments it comes in: `Content-Length` bytes, or
        every chunk of a chunked body (aiohttp decodes both into `request.content`, which ends where the body
        does). 413 as soon as it is known to exceed the limit: at once from a larger `Content-Length`, else
        when the bytes read pass it. The rest of a refused body is not read; aiohttp discards it."""
        limit = self.gateway.limits.max_message_size
        declared = request.content_length
        if declared is not None and declared > limit:
            raise too_large(declared, limit)
        body = bytearray()
        async for chunk in request.content.iter_any():
            body += chunk
            if len(body) > limit:
                raise too_large(declared, limit)
        return bytes(body)

    async def _rest(self, request: web.Request) -> web.Response:
        address = request.remote or ""
        name = request.match_info.get("name", "")
        fields: dict[str, Any]
        try:
            refusal = self.gateway.origins.refusal(request.headers)
            if refusal is not None:
                raise refusal
            if not self._bucket(address).take():
                raise rate_limited()
            if request.method == "POST":
                body = await self._read_body(request)
                fields = decode(body) if body.strip() else {}
            else:
                fields = {k: v for k, v in request.query.items() if k != "payload"}
            if name:
                given = fields.get("request")
                if given is not None and given != name:
                    raise invalid(f"the path names request {name!r} but the body names {given!r}")
                fields["request"] = name
        except LegacyError as exc:
            rid = request.query.get("id", "")
            headers = {"Vary": "Origin"} if exc.http_status == 403 else cors(request)
            return web.json_response(fail(rid, exc), status=exc.http_status, headers=headers)
        parent = propagate.extract({k.lower(): v for k, v in request.headers.items()})
        response, status = await self.gateway.run_request_status(fields, RestSession(address), parent, "rest")
        return web.json_response(response, status=status, headers=cors(request))

    async def _options(self, request: web.Request) -> web.Response:
        refusal = self.gateway.origins.refusal(request.headers)
        if refusal is not None:
            return web.json_response(fail("", refusal), status=403, headers={"Vary": "Origin"})
        return web.Response(status=204, headers=cors(request))

    async def _softphone(self, request: web.Request) -> web.Response:
        html = resources.files("callwire_gateway").joinpath("static/softphone.html").read_text(encoding="utf-8")
        # The page connects to this gateway's WebSocket port unless `?ws=` or `?wsport=` says otherwise.
        html = html.replace("__CALLWIRE_WS_PORT__", str(self.gateway.ws_port))
        return web.Response(text=html, content_type="text/html", headers={"Cache-Control": "no-cache"})

    async def _index(self, request: web.Request) -> web.Response:
        if request.method == "POST":
            return await self._rest(request)
        body = {
            "service": "Callwire legacy gateway",
            "websocket_port": self.gateway.ws_port,
            "softphone": "/softphone",
            "requests": sorted(HANDLERS),
        }
        return web.json_response(body)

    def app(self) -> web.Application:
        app = web.Application(client_max_size=self.gateway.limits.hard_max_message_size)
        app.router.add_route("OPTIONS", "/{tail:.*}", self._options)
        app.router.add_get("/softphone", self._softphone)
        app.router.add_route("*", "/", self._index)
        app.router.add_get("/{name}", self._rest)
        app.router.add_post("/{name}", self._rest)
        return app
