"""One socket to one endpoint, as an `asyncio.Protocol`: feeds the no-I/O core, resolves request futures,
dispatches events and keeps the session alive. The supervisor that opens, replaces and closes connections is
`CstaLink` (`_link.py`); this module only moves bytes and keeps deadlines for one connection.
"""

from __future__ import annotations

import asyncio
import collections
import logging
import socket
import time
import typing
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from callwire_csta.codec import EVENT_INVOKE_ID, Message, encode_xml

from ._config import Endpoint
from ._errors import LinkDown, LinkError, LinkLost, LinkTimeout, SessionRefused
from ._protocol import (
    Broken,
    Correlator,
    Event,
    Inbound,
    Reply,
    SessionState,
    Terminated,
    Undecodable,
    Unmatched,
    check_reply,
    redact,
)

if TYPE_CHECKING:
    from ._link import CstaLink

log = logging.getLogger("callwire.link")

#: Bytes of the DMCC frame header before the XML (format, length, invoke ID).
_HEADER_SIZE = 8


class _Pending:
    __slots__ = ("future", "message", "on_invoke", "raw", "request", "timeout", "timer")

    def __init__(self, future: asyncio.Future[Message], message: Message, raw: bool, timeout: float) -> None:
        self.future = future
        self.request = message.XML_TAG
        #: Kept only while the request waits for room in the window (see `_Connection.send`).
        self.message: Message | None = None
        self.on_invoke: Callable[[int], None] | None = None
        #: Session requests get whatever the peer answered; the session core interprets it.
        self.raw = raw
        self.timeout = timeout
        self.timer: asyncio.TimerHandle | None = None


class _Connection(asyncio.Protocol):
    """One socket to one endpoint: feeds the core, resolves futures, dispatches events, keeps the session alive."""

    def __init__(self, link: CstaLink, endpoint: Endpoint) -> None:
        self._link = link
        self.endpoint = endpoint
        self._loop = asyncio.get_running_loop()
        self.core: Correlator[_Pending] = Correlator(max_frame_size=link.config.max_frame_size)
        self.session = link._new_session()
        self.transport: asyncio.Transport | None = None
        self.lost: asyncio.Future[str] = self._loop.create_future()
        self.failure: str | None = None
        #: The peer ended the session (or denies knowing it): a re-attach is pointless.
        self.session_gone = False
        self._keepalive_timer: asyncio.TimerHandle | None = None
        #: Requests beyond the window, in the order they were made; written as answers free room.
        self._queued: collections.deque[_Pending] = collections.deque()
        self._window = link.config.max_in_flight
        #: Frames held back until the end of this turn of the event loop (`_flush`). A lone request (nothing
        #: else in flight) goes out at once and waits for nothing; while others are in flight, frames go out
        #: together once per turn: a system call per frame cost more than encoding it when 20,000 stations
        #: are monitored at start.
        self._out: list[bytes] | None = None

    @property
    def failed(self) -> bool:
        return self.failure is not None

    # ------------------------------------------------------------------------------ asyncio callbacks

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # uvloop's transports are not asyncio.Transport subclasses, but have the same interface.
        self.transport = typing.cast(asyncio.Transport, transport)
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            # Without TCP_NODELAY every small response waited ~44 ms for Nagle / delayed ACK.
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def data_received(self, data: bytes) -> None:
        items = self.core.receive_data(data)
        if not items:
            return
        self._receive(items)
        if self._queued:  # answers freed room in the window
            self._send_queued()

    def _receive(self, items: list[Inbound[_Pending]]) -> None:
        link = self._link
        received_at = time.time()
        link.frames_received += len(items)
        for item in items:
            if isinstance(item, Event):
                link.events_received += 1
                link._dispatch_event(item, received_at)
            elif isinstance(item, Reply):
                if link._trace_listeners:
                    link._trace("in", item.invoke_id, item.payload)
                self._settle(item.token, item.message)
            elif isinstance(item, Terminated):
                if link._trace_listeners:
                    link._trace("in", EVENT_INVOKE_ID, item.payload)
                self.session_gone = True
                self.session.on_terminated()
                self.fail(f"session terminated by the peer: {item.reason}")
            elif isinstance(item, Unmatched):
                if link._trace_listeners:
                    link._trace("in", item.invoke_id, item.payload)
                log.warning(
                    "dropping answer that matches no request invoke=%04d message=%s endpoint=%s",
                    item.invoke_id,
                    item.message.XML_TAG,
                    self.endpoint.label,
                )
            elif isinstance(item, Undecodable):
                log.warning("unknown message invoke=%04d: %s", item.invoke_id, item.error)
                if item.token is not None:
                    self._resolve(item.token, error=LinkError(f"{item.token.request}: unknown answer: {item.error}"))
            elif isinstance(item, Broken):
                self.fail(f"garbage on the wire: {item.error}")
                return

    def eof_received(self) -> bool:
        self.fail("the peer closed the connection")
        return False

    def connection_lost(self, exc: Exception | None) -> None:
        self.fail(f"connection lost: {exc}" if exc else "connection closed")

    # ------------------------------------------------------------------------------ requests

    def send(
        self,
        message: Message,
        timeout: float,
        *,
        raw: bool = False,
        on_invoke: Callable[[int], None] | None = None,
    ) -> asyncio.Future[Message]:
        """Write `message`; the future gets the positive answer or one LinkError. Raises LinkDown if failed.

        With `raw`, a negative answer (CSTAErrorCode, a session NegResponse) is the future's result too.
        `on_invoke` is told the invoke ID the request goes out under (for traces and logs).

        At most `max_in_flight` requests are on the wire at once: one beyond it waits, in order, until an
        answer (or a deadline) frees room, and `timeout` counts from when it is written. Session requests
        (`raw`: start, keep-alive, stop) never wait, so a long queue cannot expire the session.
        """
        if self.failure is not None or self.transport is None:
            raise LinkDown(f"link to {self.endpoint.label} is down: {self.failure or 'not connected'}")
        future: asyncio.Future[Message] = self._loop.create_future()
        pending = _Pending(future, message, raw, timeout)
        if raw or (not self._queued and self.core.in_flight < self._window):
            self._write(message, pending, on_invoke)
        else:
            pending.message, pending.on_invoke = message, on_invoke
            self._queued.append(pending)
        return future

    def send_many(self, messages: Sequence[Message], timeout: float) -> list[asyncio.Future[Message]]:
        """`send` for each of `messages`; a request that cannot be sent has a failed future."""
        futures: list[asyncio.Future[Message]] = []
        for message in messages:
            try:
                futures.append(self.send(message, timeout))
            except LinkError as exc:
                failed: asyncio.Future[Message] = self._loop.create_future()
                failed.set_exception(exc)
                futures.append(failed)
        return futures

    def _write(self, message: Message, pending: _Pending, on_invoke: Callable[[int], None] | None) -> None:
        """Put `pending` on the wire: invoke ID, deadline, trace, frame."""
        assert self.transport is not None
        invoke_id, data = self.core.send(message, pending)
        if on_invoke is not None:
            on_invoke(invoke_id)
        pending.timer = self._loop.call_later(pending.timeout, self._expire, invoke_id, pending.timeout)
        if self._link._trace_listeners:
            shown = redact(message)
            self._link._trace("out", invoke_id, data[_HEADER_SIZE:] if shown is message else encode_xml(shown))
        out = self._out
        if out is not None:
            out.append(data)
        elif self.core.in_flight == 1:
            self.transport.write(data)
        else:
            self._out = [data]
            self._loop.call_soon(self._flush)
        self._link.frames_sent += 1

    def _send_queued(self) -> None:
        """Write waiting requests while the window has room; those whose caller gave up are dropped unsent."""
        queued = self._queued
        while queued and self.core.in_flight < self._window and self.failure is None:
            pending = queued.popleft()
            message, on_invoke = pending.message, pending.on_invoke
            pending.message = pending.on_invoke = None
            if pending.future.done() or message is None:  # cancelled while it waited
                continue
            try:
                self._write(message, pending, on_invoke)
            except LinkError as exc:  # it cannot be encoded: only this request fails
                self._resolve(pending, error=exc)

    def _flush(self) -> None:
        out, self._out = self._out, None
        if out and self.transport is not None and self.failure is None:
            self.transport.write(out[0] if len(out) == 1 else b"".join(out))

    def _settle(self, pending: _Pending, message: Message) -> None:
        error = None if pending.raw else check_reply(pending.request, message)
        if error is None:
            self._resolve(pending, result=message)
        else:
            self._resolve(pending, error=error)

    def _resolve(self, pending: _Pending, *, result: Message | None = None, error: LinkError | None = None) -> None:
        if pending.timer is not None:
            pending.timer.cancel()
        if pending.future.done():  # the caller gave up (cancelled)
            return
        if error is not None:
            pending.future.set_exception(error)
        else:
            assert result is not None
            pending.future.set_result(result)

    def _expire(self, invoke_id: int, timeout: float) -> None:
        pending = self.core.forget(invoke_id)
        if pending is None:
            return
        log.warning("request timed out invoke=%04d request=%s after=%.3fs", invoke_id, pending.request, timeout)
        self._resolve(pending, error=LinkTimeout(f"{pending.request}: no answer within {timeout:g}s"))
        if self._queued:
            self._send_queued()

    # ------------------------------------------------------------------------------ keep-alive

    def start_keepalive(self) -> None:
        interval = self.session.keepalive_interval
        self._keepalive_timer = self._loop.call_later(interval, self._send_keepalive)

    def _send_keepalive(self) -> None:
        self._keepalive_timer = None
        if self.failed:
            return
        interval = self.session.keepalive_interval
        # The peer expires the session `interval` after this reset is due; a missed answer must be noticed
        # well before that, so that a stalled peer is detected by us rather than by its session timer.
        timeout = min(self._link.config.request_timeout, interval / 2)
        try:
            future = self.send(self.session.keepalive_request(), timeout, raw=True)
        except LinkError as exc:
            self.fail(f"keep-alive could not be sent: {exc}")
            return
        future.add_done_callback(self._keepalive_done)

    def _keepalive_done(self, future: asyncio.Future[Message]) -> None:
        if future.cancelled():
            return
        error = future.exception()  # always retrieved, even when the connection already failed
        if self.failed:
            return
        if error is None:
            try:
                self.session.on_keepalive_reply(future.result())
            except LinkError as exc:
                error = exc
        if error is not None:
            self.session_gone = isinstance(error, SessionRefused)
            self.fail(f"keep-alive failed: {error}")
            return
        log.debug("keep-alive answered session=%s endpoint=%s", self.session.session_id, self.endpoint.label)
        self.start_keepalive()

    # ------------------------------------------------------------------------------ failure

    def fail(self, reason: str) -> None:
        """Give up this connection: every request in flight gets LinkDown, the socket is aborted."""
        if self.failure is not None:
            return
        self.failure = reason
        if self.session.state is not SessionState.ENDED:
            self.session.on_lost()
        if self._keepalive_timer is not None:
            self._keepalive_timer.cancel()
            self._keepalive_timer = None
        for pending in self.core.close():
            self._resolve(pending, error=LinkLost(f"{pending.request}: link lost: {reason}"))
        queued, self._queued = self._queued, collections.deque()
        for pending in queued:
            pending.message = pending.on_invoke = None
            self._resolve(pending, error=LinkLost(f"{pending.request}: link lost before it was sent: {reason}"))
        if self.transport is not None:
            self.transport.abort()
        if not self.lost.done():
            self.lost.set_result(reason)
