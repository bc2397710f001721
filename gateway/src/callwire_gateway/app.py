"""The legacy gateway: the ctiSVR WebSocket (port 9003) and REST (port 9001) interfaces over gRPC.

`await start_gateway(grpc_target=..., rest_port=..., ws_port=...)` binds both ports (0 picks free ones; the
bound ports are `gateway.rest_port` / `gateway.ws_port`) and returns a `Gateway`; `await gateway.stop()`
closes them. Every request becomes one RPC on a single channel; every event comes from one
`StreamEvents(all_devices=True)` stream fanned out to the clients that monitor its device.

Limits per WebSocket connection (see `Limits`): messages over `max_message_size` are answered with a fail
envelope and the connection stays open (over `hard_max_message_size` the WebSocket library closes it with
1009); more than `rate` requests per second (burst `burst`) are answered "too many requests"; responses and
events wait in a bounded queue of `queue_size` messages, and a client that lets it fill (it stopped reading)
is disconnected with close code 1008 so it never holds up the others.

Idle connections cost memory, so they do not last: the gateway pings every `ping_interval` seconds and closes
a connection whose pong does not come within `ping_timeout` (a dead peer or one that stopped reading); a
connection that monitors no extension and has sent no request for `idle_timeout` seconds is closed (1008);
one that monitors extensions may stay silent as long as it answers pings (legacy clients only listen). One
address holds at most `max_connections_per_address` connections (HTTP 429 for the next upgrade).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from http import HTTPStatus
from importlib import resources
from typing import Any

import websockets
from aiohttp import web
from opentelemetry import context as otel_context
from opentelemetry import metrics, propagate, trace
from opentelemetry.metrics import CallbackOptions, Observation
from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.datastructures import Headers
from websockets.http11 import Request as WsRequest
from websockets.http11 import Response as WsResponse

from callwire.callcontrol.v1 import request_response_pb2 as cc

from .access import AccessControl
from .errors import LegacyError, invalid
from .events import EventFeed
from .legacy import HANDLERS, decode, dispatch, fail, request_id_of
from .origins import OriginPolicy
from .upstream import ClientTls, Upstream

log = logging.getLogger("callwire.gateway")
tracer = trace.get_tracer("callwire_gateway")
meter = metrics.get_meter("callwire_gateway")

#: Seconds, as the server's histograms (callwire_server.instruments).
_DURATION_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
REQUEST_DURATION = meter.create_histogram(
    "callwire.gateway.request.duration",
    unit="s",
    description="legacy requests answered, by interface (rest, ws), request and result",
    explicit_bucket_boundaries_advisory=_DURATION_BUCKETS,
)
_request_attributes: dict[tuple[str, str, str], dict[str, str]] = {}
#: The running gateways, for the observed instruments (read on the collecting thread: len() only).
_running: dict[int, Gateway] = {}


def _connections(options: CallbackOptions) -> Iterable[Observation]:
    yield Observation(sum(len(g.clients) for g in tuple(_running.values())), {"interface": "ws"})


def _slow_dropped(options: CallbackOptions) -> Iterable[Observation]:
    yield Observation(sum(g.slow_clients_dropped for g in tuple(_running.values())))


meter.create_observable_up_down_counter(
    "callwire.gateway.connections", [_connections], unit="{connection}", description="open WebSocket connections"
)
meter.create_observable_counter(
    "callwire.gateway.clients.dropped",
    [_slow_dropped],
    unit="{connection}",
    description="WebSocket clients disconnected because they stopped reading (outgoing queue full)",
)


def _record_request(interface: str, name: str, result: str, seconds: float) -> None:
    key = (interface, name, result)
    attributes = _request_attributes.get(key)
    if attributes is None:
        attributes = _request_attributes[key] = {"interface": interface, "request": name, "result": result}
    REQUEST_DURATION.record(seconds, attributes)


#: CORS answers name the one origin allowed (never `*`); `Vary` keeps caches from serving them to another.
CORS_HEADERS = {
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
    "Access-Control-Allow-Headers": "Content-Type, Authorization, traceparent, tracestate, X-Request-Id",
    "Access-Control-Max-Age": "600",
}


def _cors(request: web.Request) -> dict[str, str]:
    """CORS headers for an answer to `request`, whose Origin (if any) the policy already allowed."""
    origin = request.headers.get("Origin")
    if origin is None:
        return {"Vary": "Origin"}
    return {**CORS_HEADERS, "Access-Control-Allow-Origin": origin, "Vary": "Origin"}


@dataclass
class Limits:
    """Per-client limits. The defaults suit agent desktops and IVRs; tests and benches lower or raise them."""

    max_message_size: int = 64 * 1024
    hard_max_message_size: int = 1024 * 1024
    rate: float = 50.0
    burst: float = 100.0
    queue_size: int = 1000
    max_in_flight: int = 16
    max_monitors: int = 256
    access_ttl: float = 2.0
    ping_interval: float = 20.0
    """Seconds between pings the gateway sends on every WebSocket connection."""
    ping_timeout: float = 20.0
    """Seconds a pong may take before the connection is closed as dead (1011)."""
    idle_timeout: float = 300.0
    """Seconds a connection that monitors no extension may go without a request before it is closed (1008)."""
    max_connections_per_address: int = 256
    """Open WebSocket connections one client address may hold; further upgrades get HTTP 429."""


class TokenBucket:
    def __init__(self, rate: float, burst: float) -> None:
        self.rate = rate
        self.burst = burst
        self.tokens = burst
        self.stamp = time.monotonic()

    def take(self) -> bool:
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return True
        return False


def _rate_limited() -> LegacyError:
    return LegacyError("RATE_LIMITED", "slow down: the per-connection request limit was exceeded")


def _too_large(size: int | None, limit: int) -> LegacyError:
    what = f"message of {size} bytes" if size is not None else "message"
    return LegacyError("INVALID_ARGUMENT", f"{what} exceeds the {limit}-byte limit", http_status=413)


def _address_of(peer: Any) -> str:
    if isinstance(peer, tuple | list) and peer:
        return str(peer[0])
    return str(peer or "")


class RestSession:
    """A REST request: no connection to deliver events to, so monitor requests only reach the server."""

    def __init__(self, address: str) -> None:
        self.address = address

    async def start_monitor(self, extension: str) -> None:
        return None

    async def stop_monitor(self, extension: str) -> None:
        return None


class WsClient:
    """One WebSocket connection: its subscriptions, limits and bounded outgoing queue."""

    def __init__(self, gateway: Gateway, ws: ServerConnection) -> None:
        self.gateway = gateway
        self.ws = ws
        self.address = _address_of(ws.remote_address)
        limits = gateway.limits
        self.queue: asyncio.Queue[str] = asyncio.Queue(limits.queue_size)
        self.bucket = TokenBucket(limits.rate, limits.burst)
        self.in_flight = asyncio.Semaphore(limits.max_in_flight)
        self.monitors: set[str] = set()
        self.tasks: set[asyncio.Task[None]] = set()
        self.dropped = False
        self.last_request = time.monotonic()
        headers = ws.request.headers if ws.request is not None else Headers()
        self.trace_context = propagate.extract({k.lower(): v for k, v in headers.raw_items()})
        self.writer = asyncio.get_running_loop().create_task(self._write())

    # Subscriber
    def deliver(self, text: str) -> None:
        if self.dropped:
            return
        try:
            self.queue.put_nowait(text)
        except asyncio.QueueFull:
            self._drop()

    def _drop(self) -> None:
        self.dropped = True
        self.gateway.slow_clients_dropped += 1
        log.warning(
            "dropping WebSocket client %s: its outgoing queue of %d messages is full (it stopped reading)",
            self.address,
            self.queue.maxsize,
        )
        self.writer.cancel()
        task = asyncio.get_running_loop().create_task(self.ws.close(1008, "outgoing queue full: client too slow"))
        self.gateway.background.add(task)
        task.add_done_callback(self.gateway.background.discard)

    def refuse(self, refusal: LegacyError) -> None:
        """Close this connection because its address may no longer use the gateway (code 1008, with why)."""
        self.close_for(refusal.error)

    def close_for(self, why: str) -> None:
        """Close this connection with code 1008 and `why` as the reason."""
        if self.dropped:
            return
        self.dropped = True
        log.warning("closing WebSocket client %s: %s", self.address, why)
        self.writer.cancel()
        reason = why.encode()[:123].decode(errors="ignore")  # a close reason holds 123 bytes
        task = asyncio.get_running_loop().create_task(self.ws.close(1008, reason))
        self.gateway.background.add(task)
        task.add_done_callback(self.gateway.background.discard)

    async def _write(self) -> None:
        with contextlib.suppress(websockets.ConnectionClosed):
            while True:
                text = await self.queue.get()
                await self.ws.send(text)

    # Session
    async def start_monitor(self, extension: str) -> None:
        if extension in self.monitors:
            return
        if len(self.monitors) >= self.gateway.limits.max_monitors:
            raise LegacyError(
                "RATE_LIMITED", f"this connection already monitors {len(self.monitors)} extensions", http_status=429
            )
        self.monitors.add(extension)
        self.gateway.subscribe(extension, self)

    async def stop_monitor(self, extension: str) -> None:
        if extension in self.monitors:
            self.monitors.discard(extension)
            await self.gateway.unsubscribe(extension, self)

    async def handle(self, message: str | bytes) -> None:
        self.last_request = time.monotonic()
        size = len(message)
        limits = self.gateway.limits
        if size > limits.max_message_size:
            self.deliver(json.dumps(fail("", _too_large(size, limits.max_message_size))))
            return
        if not self.bucket.take():
            rid: Any = ""
            with contextlib.suppress(LegacyError):
                rid = request_id_of(decode(message))
            self.deliver(json.dumps(fail(rid, _rate_limited())))
            return
        try:
            fields = decode(message)
        except LegacyError as exc:
            self.deliver(json.dumps(fail("", exc)))
            return
        await self.in_flight.acquire()
        task = asyncio.get_running_loop().create_task(self._run(fields))
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def _run(self, fields: dict[str, Any]) -> None:
        try:
            response = await self.gateway.run_request(fields, self, self.trace_context, "ws")
            self.deliver(json.dumps(response))
        finally:
            self.in_flight.release()

    async def close(self) -> None:
        for task in list(self.tasks):
            task.cancel()
        for extension in list(self.monitors):
            await self.stop_monitor(extension)
        self.writer.cancel()


@dataclass
class Gateway:
    upstream: Upstream
    limits: Limits
    host: str
    feed: EventFeed
    access: AccessControl
    origins: OriginPolicy = field(default_factory=OriginPolicy)
    rest_port: int = 0
    ws_port: int = 0
    ws_server: Server | None = None
    runner: web.AppRunner | None = None
    clients: set[WsClient] = field(default_factory=set)
    monitor_counts: dict[str, int] = field(default_factory=dict)
    background: set[asyncio.Task[Any]] = field(default_factory=set)
    access_watch: asyncio.Task[None] | None = None
    idle_watch: asyncio.Task[None] | None = None
    connections_by_address: dict[str, int] = field(default_factory=dict)
    slow_clients_dropped: int = 0
    _rest_buckets: dict[str, TokenBucket] = field(default_factory=dict)

    # ------------------------------------------------------------------------------------- requests

    async def run_request(
        self, fields: dict[str, Any], session: Any, parent: otel_context.Context, interface: str
    ) -> dict[str, Any]:
        response, _ = await self.run_request_status(fields, session, parent, interface)
        return response

    async def run_request_status(
        self, fields: dict[str, Any], session: Any, parent: otel_context.Context, interface: str
    ) -> tuple[dict[str, Any], int]:
        name = fields.get("request")
        known = name if isinstance(name, str) and name in HANDLERS else "request"
        started = time.perf_counter()
        result = "fail"
        span_name = f"legacy {interface} {known}"
        with tracer.start_as_current_span(span_name, context=parent, kind=trace.SpanKind.SERVER) as span:
            try:
                try:
                    await self.access.check(session.address)
                except LegacyError as exc:
                    return fail(request_id_of(fields), exc), exc.http_status
                response, status = await dispatch(fields, session, self.upstream)
                result = "success" if response.get("result") == "success" else "fail"
                if span.is_recording():
                    span.set_attribute("callwire.legacy.request", str(name))
                    span.set_attribute("callwire.legacy.result", str(response.get("result")))
                return response, status
            finally:
                _record_request(interface, known, result, time.perf_counter() - started)

    # ----------------------------------------------------------------------------------- monitors

    def subscribe(self, extension: str, client: WsClient) -> None:
        if self.feed.subscribe(extension, client):
            self.monitor_counts[extension] = self.monitor_counts.get(extension, 0) + 1

    async def unsubscribe(self, extension: str, client: WsClient) -> None:
        if not self.feed.unsubscribe(extension, client):
            return
        left = self.monitor_counts.get(extension, 1) - 1
        if left > 0:
            self.monitor_counts[extension] = left
            return
        self.monitor_counts.pop(extension, None)
        # The last client of this gateway stopped: release the monitor StartMonitor took (configured
        # extensions stay monitored by the server).
        with contextlib.suppress(LegacyError):
            await self.upstream.call("callcontrol", "StopMonitor", cc.StopMonitorRequest(extension=extension))

    # ------------------------------------------------------------------------------------- access

    def _enforce_access(self) -> None:
        """The rules changed: close, at once, every open connection whose address they no longer let in."""
        for client in list(self.clients):
            refusal = self.access.verdict(client.address, open_connection=True)
            if refusal is not None:
                client.refuse(refusal)

    async def _watch_access(self) -> None:
        # Rules change on the server with no event to say so: re-read them on the cache's rhythm, so that an
        # open connection that only listens for events is cut as soon as its address is denied.
        interval = max(self.limits.access_ttl, 0.5)
        while True:
            await asyncio.sleep(interval)
            try:
                await self.access.refresh()
            except Exception:  # the watcher must outlive any one failure
                log.exception("re-reading the access rules failed")

    async def _watch_idle(self) -> None:
        timeout = self.limits.idle_timeout
        while True:
            await asyncio.sleep(min(max(timeout / 4, 0.05), 5.0))
            now = time.monotonic()
            for client in list(self.clients):
                if not client.monitors and now - client.last_request > timeout:
                    client.close_for(f"idle: no request and no monitored extension for {timeout:g} s")

    def _too_many(self, address: str) -> LegacyError | None:
        limit = self.limits.max_connections_per_address
        if self.connections_by_address.get(address, 0) < limit:
            return None
        return LegacyError(
            "RATE_LIMITED", f"address {address} already holds {limit} WebSocket connections", http_status=429
        )

    # ---------------------------------------------------------------------------------- WebSocket

    async def _ws_process_request(self, connection: ServerConnection, request: WsRequest) -> WsResponse | None:
        address = _address_of(connection.remote_address)
        try:
            refusal = self.origins.refusal(request.headers)
            if refusal is not None:
                log.warning("refused a WebSocket from %s: %s", address, refusal.error)
                raise refusal
            await self.access.check(address)
            too_many = self._too_many(address)
            if too_many is not None:
                raise too_many
        except LegacyError as exc:
            body = json.dumps(fail("", exc))
            response = connection.respond(HTTPStatus(exc.http_status), body + "\n")
            response.headers["Content-Type"] = "application/json"
            return response
        return None

    async def _ws_handler(self, ws: ServerConnection) -> None:
        address = _address_of(ws.remote_address)
        # Counted here, not at the upgrade check, which concurrent handshakes of one address can all pass.
        too_many = self._too_many(address)
        if too_many is not None:
            await ws.close(1008, too_many.error.encode()[:123].decode(errors="ignore"))
            return
        self.connections_by_address[address] = self.connections_by_address.get(address, 0) + 1
        client = WsClient(self, ws)
        self.clients.add(client)
        try:
            async for message in ws:
                await client.handle(message)
                if client.dropped:
                    break
        except websockets.ConnectionClosed:
            pass
        finally:
            self.clients.discard(client)
            left = self.connections_by_address.get(address, 1) - 1
            if left > 0:
                self.connections_by_address[address] = left
            else:
                self.connections_by_address.pop(address, None)
            await client.close()

    # --------------------------------------------------------------------------------------- REST

    def _rest_bucket(self, address: str) -> TokenBucket:
        bucket = self._rest_buckets.get(address)
        if bucket is None:
            if len(self._rest_buckets) > 10_000:
                self._rest_buckets.clear()
            bucket = self._rest_buckets[address] = TokenBucket(self.limits.rate, self.limits.burst)
        return bucket

    async def _read_body(self, request: web.Request) -> bytes:
        """The whole body as HTTP frames it, however many TCP segments it comes in: `Content-Length` bytes, or
        every chunk of a chunked body (aiohttp decodes both into `request.content`, which ends where the body
        does). 413 as soon as it is known to exceed the limit: at once from a larger `Content-Length`, else
        when the bytes read pass it. The rest of a refused body is not read; aiohttp discards it."""
        limit = self.limits.max_message_size
        declared = request.content_length
        if declared is not None and declared > limit:
            raise _too_large(declared, limit)
        body = bytearray()
        async for chunk in request.content.iter_any():
            body += chunk
            if len(body) > limit:
                raise _too_large(declared, limit)
        return bytes(body)

    async def _rest(self, request: web.Request) -> web.Response:
        address = request.remote or ""
        name = request.match_info.get("name", "")
        fields: dict[str, Any]
        try:
            refusal = self.origins.refusal(request.headers)
            if refusal is not None:
                raise refusal
            if not self._rest_bucket(address).take():
                raise _rate_limited()
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
            headers = {"Vary": "Origin"} if exc.http_status == 403 else _cors(request)
            return web.json_response(fail(rid, exc), status=exc.http_status, headers=headers)
        parent = propagate.extract({k.lower(): v for k, v in request.headers.items()})
        response, status = await self.run_request_status(fields, RestSession(address), parent, "rest")
        return web.json_response(response, status=status, headers=_cors(request))

    async def _options(self, request: web.Request) -> web.Response:
        refusal = self.origins.refusal(request.headers)
        if refusal is not None:
            return web.json_response(fail("", refusal), status=403, headers={"Vary": "Origin"})
        return web.Response(status=204, headers=_cors(request))

    async def _softphone(self, request: web.Request) -> web.Response:
        html = resources.files("callwire_gateway").joinpath("static/softphone.html").read_text(encoding="utf-8")
        # The page connects to this gateway's WebSocket port unless `?ws=` or `?wsport=` says otherwise.
        html = html.replace("__CALLWIRE_WS_PORT__", str(self.ws_port))
        return web.Response(text=html, content_type="text/html", headers={"Cache-Control": "no-cache"})

    async def _index(self, request: web.Request) -> web.Response:
        if request.method == "POST":
            return await self._rest(request)
        body = {
            "service": "Callwire legacy gateway",
            "websocket_port": self.ws_port,
            "softphone": "/softphone",
            "requests": sorted(HANDLERS),
        }
        return web.json_response(body)

    def _rest_app(self) -> web.Application:
        app = web.Application(client_max_size=self.limits.hard_max_message_size)
        app.router.add_route("OPTIONS", "/{tail:.*}", self._options)
        app.router.add_get("/softphone", self._softphone)
        app.router.add_route("*", "/", self._index)
        app.router.add_get("/{name}", self._rest)
        app.router.add_post("/{name}", self._rest)
        return app

    # ----------------------------------------------------------------------------------- lifecycle

    async def start(self, rest_port: int, ws_port: int) -> None:
        _running[id(self)] = self
        self.feed.start()
        self.access.on_change(self._enforce_access)
        self.access_watch = asyncio.get_running_loop().create_task(self._watch_access(), name="gateway-access")
        self.idle_watch = asyncio.get_running_loop().create_task(self._watch_idle(), name="gateway-idle")
        self.ws_server = await serve(
            self._ws_handler,
            self.host,
            ws_port,
            max_size=self.limits.hard_max_message_size,
            process_request=self._ws_process_request,
            close_timeout=2,
            ping_interval=self.limits.ping_interval,
            ping_timeout=self.limits.ping_timeout,
            backlog=4096,
        )
        self.ws_port = self.ws_server.sockets[0].getsockname()[1]
        self.runner = web.AppRunner(self._rest_app(), access_log=None, handle_signals=False)
        await self.runner.setup()
        site = web.TCPSite(self.runner, self.host, rest_port, backlog=1024)
        await site.start()
        self.rest_port = int(self.runner.addresses[0][1])
        self.origins.ports = {self.rest_port, self.ws_port}
        log.info(
            "legacy gateway: REST on %s:%d, WebSocket on %s:%d", self.host, self.rest_port, self.host, self.ws_port
        )

    async def stop(self) -> None:
        _running.pop(id(self), None)
        for watch in (self.access_watch, self.idle_watch):
            if watch is not None:
                watch.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await watch
        if self.ws_server is not None:
            self.ws_server.close()
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self.ws_server.wait_closed(), 5.0)
        if self.runner is not None:
            await self.runner.cleanup()
        await self.feed.stop()
        for task in list(self.background):
            task.cancel()
        await self.upstream.close()


async def start_gateway(
    *,
    grpc_target: str,
    rest_port: int = 9001,
    ws_port: int = 9003,
    host: str = "127.0.0.1",
    api_key: str | None = None,
    tls: ClientTls | None = None,
    limits: Limits | None = None,
    allowed_origins: Sequence[str] = (),
) -> Gateway:
    """Start the legacy REST and WebSocket interfaces, talking to the Callwire server at `grpc_target`
    (over TLS when `tls` is given; `api_key` should be a key of the gateway role). Web pages of other
    origins than the gateway's own may use it only when listed in `allowed_origins` (`*`: any page)."""
    limits = limits or Limits()
    upstream = Upstream(grpc_target, api_key=api_key, tls=tls)
    gateway = Gateway(
        upstream=upstream,
        limits=limits,
        host=host,
        feed=EventFeed(upstream),
        access=AccessControl(upstream, ttl=limits.access_ttl),
        origins=OriginPolicy(allowed_origins, listen_host=host),
    )
    await gateway.start(rest_port, ws_port)
    return gateway


__all__ = ["ClientTls", "Gateway", "Limits", "start_gateway"]
