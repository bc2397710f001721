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

This module holds the `Gateway` (its state, the request path shared by both interfaces, monitors, access and
idle watches, start and stop); `websocket` and `rest` are the two interfaces, `legacy` the requests, `limits`
the per-client limits, `telemetry` the traces and metrics.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from opentelemetry import context as otel_context
from opentelemetry import trace
from websockets.asyncio.server import Server, serve

from callwire.callcontrol.v1 import request_response_pb2 as cc

from .access import AccessControl
from .errors import LegacyError
from .events import EventFeed
from .legacy import HANDLERS, dispatch, fail, request_id_of
from .limits import Limits, TokenBucket
from .origins import OriginPolicy
from .rest import RestFront
from .telemetry import record_request, tracer, track, untrack
from .upstream import ClientTls, Upstream
from .websocket import WsClient, WsFront

log = logging.getLogger("callwire.gateway")


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
    rest_buckets: dict[str, TokenBucket] = field(default_factory=dict)
    """The REST interface's rate limit per client address."""

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
                record_request(interface, known, result, time.perf_counter() - started)

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

    # ----------------------------------------------------------------------------------- lifecycle

    async def start(self, rest_port: int, ws_port: int) -> None:
        track(self)
        self.feed.start()
        self.access.on_change(self._enforce_access)
        self.access_watch = asyncio.get_running_loop().create_task(self._watch_access(), name="gateway-access")
        self.idle_watch = asyncio.get_running_loop().create_task(self._watch_idle(), name="gateway-idle")
        ws = WsFront(self)
        self.ws_server = await serve(
            ws.serve,
            self.host,
            ws_port,
            max_size=self.limits.hard_max_message_size,
            process_request=ws.process_request,
            close_timeout=2,
            ping_interval=self.limits.ping_interval,
            ping_timeout=self.limits.ping_timeout,
            backlog=4096,
        )
        self.ws_port = self.ws_server.sockets[0].getsockname()[1]
        self.runner = web.AppRunner(RestFront(self).app(), access_log=None, handle_signals=False)
        await self.runner.setup()
        site = web.TCPSite(self.runner, self.host, rest_port, backlog=1024)
        await site.start()
        self.rest_port = int(self.runner.addresses[0][1])
        self.origins.ports = {self.rest_port, self.ws_port}
        log.info(
            "legacy gateway: REST on %s:%d, WebSocket on %s:%d", self.host, self.rest_port, self.host, self.ws_port
        )

    async def stop(self) -> None:
        untrack(self)
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
