"""The WebSocket interface (port 9003): the upgrade checks, and one `WsClient` per connection with its
subscriptions, limits and bounded outgoing queue.

A client that lets its queue fill (it stopped reading) is disconnected with close code 1008 so it never holds up
the others; requests over the rate or size limits are answered with a fail envelope and the connection stays.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from http import HTTPStatus
from typing import TYPE_CHECKING, Any

import websockets
from opentelemetry import propagate
from websockets.asyncio.server import ServerConnection
from websockets.datastructures import Headers
from websockets.http11 import Request as WsRequest
from websockets.http11 import Response as WsResponse

from .errors import LegacyError
from .legacy import decode, fail, request_id_of
from .limits import TokenBucket, rate_limited, too_large

if TYPE_CHECKING:
    from .app import Gateway

log = logging.getLogger("callwire.gateway")


def address_of(peer: Any) -> str:
    if isinstance(peer, tuple | list) and peer:
        return str(peer[0])
    return str(peer or "")


class WsClient:
    """One WebSocket connection: its subscriptions, limits and bounded outgoing queue."""

    def __init__(self, gateway: Gateway, ws: ServerConnection) -> None:
        self.gateway = gateway
        self.ws = ws
        self.address = address_of(ws.remote_address)
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
            self.deliver(json.dumps(fail("", too_large(size, limits.max_message_size))))
            return
        if not self.bucket.take():
            rid: Any = ""
            with contextlib.suppress(LegacyError):
                rid = request_id_of(decode(message))
            self.deliver(json.dumps(fail(rid, rate_limited())))
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


class WsFront:
    """The WebSocket server's two callbacks: the upgrade check (origin, access rules, connections per address)
    and the life of one accepted connection."""

    def __init__(self, gateway: Gateway) -> None:
        self.gateway = gateway

    def _too_many(self, address: str) -> LegacyError | None:
        limit = self.gateway.limits.max_connections_per_address
        if self.gateway.connections_by_address.get(address, 0) < limit:
            return None
        return LegacyError(
            "RATE_LIMITED", f"address {address} already holds {limit} WebSocket connections", http_status=429
        )

    async def process_request(self, connection: ServerConnection, request: WsRequest) -> WsResponse | None:
        address = address_of(connection.remote_address)
        try:
            refusal = self.gateway.origins.refusal(request.headers)
            if refusal is not None:
                log.warning("refused a WebSocket from %s: %s", address, refusal.error)
                raise refusal
            await self.gateway.access.check(address)
            too_many = self._too_many(address)
            if too_many is not None:
                raise too_many
        except LegacyError as exc:
            body = json.dumps(fail("", exc))
            response = connection.respond(HTTPStatus(exc.http_status), body + "\n")
            response.headers["Content-Type"] = "application/json"
            return response
        return None

    async def serve(self, ws: ServerConnection) -> None:
        address = address_of(ws.remote_address)
        # Counted here, not at the upgrade check, which concurrent handshakes of one address can all pass.
        too_many = self._too_many(address)
        if too_many is not None:
            await ws.close(1008, too_many.error.encode()[:123].decode(errors="ignore"))
            return
        self.gateway.connections_by_address[address] = self.gateway.connections_by_address.get(address, 0) + 1
        client = WsClient(self.gateway, ws)
        self.gateway.clients.add(client)
        try:
            async for message in ws:
                await client.handle(message)
                if client.dropped:
                    break
        except websockets.ConnectionClosed:
            pass
        finally:
            self.gateway.clients.discard(client)
            left = self.gateway.connections_by_address.get(address, 1) - 1
            if left > 0:
                self.gateway.connections_by_address[address] = left
            else:
                self.gateway.connections_by_address.pop(address, None)
            await client.close()
