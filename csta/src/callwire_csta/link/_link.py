"""The CSTA link: one asyncio connection to the switch at a time, with session, keep-alive and failover.

This layer only moves bytes, keeps deadlines and reconnects; framing, correlation and the session state
machine are the no-I/O core in `_protocol.py`.

Transport choice: an `asyncio.Protocol` (`loop.create_connection`), not streams. `data_received` runs the
core and resolves request futures and event listeners in the same callback, so an event costs no task,
no queue hop and no StreamReader buffering (the link must carry ~2,000 events/s with ms latency).
Deadlines are `loop.call_later` handles, the keep-alive is a timer callback; the only tasks are the
supervisor (connect, wait for failure, reconnect) and the callers' own.

Failover policy: endpoints are tried in priority order, always starting from the first. The link never
leaves a working endpoint on its own; after a failure it tries the endpoints again from the top, so it
returns to a higher-priority endpoint that has come back, and otherwise reaches the next one that
works. A round in which no endpoint works is followed by an exponential backoff (`backoff_initial`
doubling up to `backoff_max`); the first attempt after losing an established link is immediate.

Broken peers: garbage (a broken frame header, malformed XML) ends the connection, because the byte
stream cannot be resynchronised; then the link reconnects. Well-formed XML of a message the codec does
not know is logged and skipped when it is an event, and fails only its request (LinkError) when it is an
answer, so that a new event type from a newer AES does not make the link flap.

Re-attach: after a socket drop (not a session termination, not a stop), the old session ID is offered
(SessionLoginInfo/sessionID) to the endpoint that issued it while `session_cleanup_delay` has not passed.
If the peer resumes the session, its device IDs and monitors are still in place and are kept. If it
refuses, a fresh session is started on the same connection; then device IDs are resolved again and every
monitored extension is monitored again, all requests of a kind pipelined.

Monitors: `monitored` is the set the link keeps monitored. `monitor()` while the link is down remembers
the extension and raises LinkDown; `unmonitor()` forgets it at once. The difference is applied before the
link is reported UP again (MonitorStop of what a re-attached session still holds, MonitorStart of the
rest). An extension the switch refuses is dropped from the set, with an error log.

Size: `CstaLink` is one state machine. The connection in use, the session, the monitored set and the device
IDs change together under the supervisor, and each method here reads or writes that shared state; what stands
apart is apart (one socket: `_connection.py`; value types: `_types.py`; the no-I/O core: `_protocol.py`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from callwire_csta.codec import (
    CALLWIRE_DEFINED_SERVICES,
    EVENT_INVOKE_ID,
    AgentLoginExtensionEvent,
    DeviceID,
    GetAgentLogin,
    GetAgentLoginResponse,
    GetThirdPartyDeviceId,
    GetThirdPartyDeviceIdResponse,
    Message,
    MonitorObject,
    MonitorStart,
    MonitorStartResponse,
    MonitorStop,
    ReleaseDeviceId,
)

from ._config import Endpoint, LinkConfig
from ._connection import _Connection
from ._errors import (
    CstaRequestError,
    LinkDown,
    LinkError,
    LinkTimeout,
    NotSupportedBySwitch,
    SessionRefused,
)
from ._protocol import (
    Event,
    Session,
    SessionState,
)
from ._types import EventListener, LinkEvent, LinkState, LinkStateChange, StateListener, TraceListener

log = logging.getLogger("callwire.link")


#: Why monitors failed, kept for this many extensions (ListExtensions shows it for FAILED entries).
MONITOR_FAILURES_KEPT = 10_000


def _device(value: str) -> DeviceID:
    return DeviceID(value=value, type_of_number=None, media_class=None)


@dataclass(slots=True)
class _DetachedSession:
    """A session whose socket dropped: it may be re-attached on the same endpoint until `expires_at`."""

    endpoint_index: int
    session_id: str
    expires_at: float


class CstaLink:
    """The CSTA link to a switch (Avaya AES or the simulator): see the module docstring for its policies."""

    def __init__(self, config: LinkConfig) -> None:
        self.config = config
        self._state = LinkState.IDLE
        self._conn: _Connection | None = None
        self._active_index: int | None = None
        self._supervisor: asyncio.Task[None] | None = None
        self._first: asyncio.Future[None] | None = None
        self._stopping = False
        self._wakeup: asyncio.Event | None = None
        self._detached: _DetachedSession | None = None
        self._monitored: set[str] = set()
        #: `monitored` as handed out, made again only after a change: the event path asks for every event.
        self._monitored_view: frozenset[str] | None = None
        self._monitoring: dict[str, asyncio.Future[None]] = {}
        #: Why the switch last refused (or did not answer) a monitor, until the extension is monitored or released.
        self._monitor_failures: dict[str, str] = {}
        self._xref_to_ext: dict[str, str] = {}
        self._ext_to_xref: dict[str, str] = {}
        #: Monitors unmonitor() could not stop (link down): stopped when the same session is re-attached.
        self._stale_xrefs: set[str] = set()
        self._device_ids: dict[str, str] = {}
        self._extensions: dict[str, str] = {}
        #: GetAgentLogin: AES answers with an empty response, then AgentLoginExtensionEvents (the last one with
        #: isFinalResponse) that name no split; so one query runs at a time and its events are collected here.
        self._agent_login_lock = asyncio.Lock()
        self._agent_logins: list[str] | None = None
        self._agent_login_xref: str | None = None
        self._agent_login_done: asyncio.Future[None] | None = None
        #: The session's device-less monitor (DMCC session-level events), started for the first GetAgentLogin.
        self._session_xref: str | None = None
        self._event_listeners: list[EventListener] = []
        self._state_listeners: list[StateListener] = []
        self._trace_listeners: list[TraceListener] = []
        # Frame counts for the metrics, across every connection (plain integers: the event path makes no metric
        # call; instruments.py reads them when a reader collects). Received frames include the events.
        self.frames_sent = 0
        self.frames_received = 0
        self.events_received = 0

    # ------------------------------------------------------------------------------ public state

    @property
    def state(self) -> LinkState:
        return self._state

    @property
    def active_endpoint(self) -> Endpoint | None:
        return self.config.endpoints[self._active_index] if self._active_index is not None else None

    @property
    def session_id(self) -> str | None:
        conn = self._conn
        return conn.session.session_id if conn is not None and not conn.failed else None

    @property
    def monitored(self) -> frozenset[str]:
        """The extensions the link keeps monitored (restored after every reconnect and failover)."""
        view = self._monitored_view
        if view is None:
            view = self._monitored_view = frozenset(self._monitored)
        return view

    def is_monitored(self, extension: str) -> bool:
        """Whether `extension` is in `monitored` (no copy of the set)."""
        return extension in self._monitored

    def _keep_monitored(self, extension: str) -> None:
        self._monitored.add(extension)
        self._monitored_view = None

    def _drop_monitored(self, extension: str) -> None:
        self._monitored.discard(extension)
        self._monitored_view = None

    @property
    def monitored_count(self) -> int:
        """How many extensions the link keeps monitored (no copy: safe to read from a metrics thread)."""
        return len(self._monitored)

    def monitor_active(self, extension: str) -> bool:
        """Whether the switch holds a monitor for `extension` on the session that is up now."""
        return self._state is LinkState.UP and extension in self._ext_to_xref

    def monitor_failure(self, extension: str) -> str | None:
        """Why the last monitor of `extension` failed (refused, unanswered); None once monitored or released."""
        return self._monitor_failures.get(extension)

    def add_event_listener(self, callback: EventListener) -> None:
        """`callback(LinkEvent)` for every unsolicited event, called from the event loop; it must not block."""
        self._event_listeners.append(callback)

    def add_state_listener(self, callback: StateListener) -> None:
        self._state_listeners.append(callback)

    def add_trace_listener(self, callback: TraceListener) -> None:
        """`callback(direction, invoke_id, xml)` for every frame ("out"/"in"); passwords are masked."""
        self._trace_listeners.append(callback)

    def remove_trace_listener(self, callback: TraceListener) -> None:
        """Stop calling `callback`; with no listener left, frames are not traced at all (no cost per frame)."""
        with contextlib.suppress(ValueError):
            self._trace_listeners.remove(callback)

    # ------------------------------------------------------------------------------ life cycle

    async def start(self) -> None:
        """Connect to the first endpoint that works; raises LinkDown if none does (retrying goes on)."""
        if self._supervisor is not None:
            raise RuntimeError("the link was already started")
        self._wakeup = asyncio.Event()
        self._set_state(LinkState.CONNECTING, None, "starting")
        first: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._first = first
        self._supervisor = asyncio.create_task(self._supervise(first), name="csta-link-supervisor")
        await first

    async def stop(self) -> None:
        """End the session cleanly (best effort), close the socket and stop reconnecting."""
        if self._stopping:
            return
        self._stopping = True
        if self._wakeup is not None:
            self._wakeup.set()
        conn = self._conn
        if conn is not None and not conn.failed and self._state is LinkState.UP:
            await self._close_session(conn)
        if conn is not None:
            conn.fail("link stopped")
        if self._supervisor is not None:
            self._supervisor.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._supervisor
        if self._first is not None and not self._first.done():
            self._first.set_exception(LinkDown("the link was stopped while starting"))
        self._conn = None
        self._active_index = None
        self._set_state(LinkState.STOPPED, None, "stopped")

    async def _close_session(self, conn: _Connection) -> None:
        timeout = min(self.config.request_timeout, 2.0)
        await self._send_all(conn, [MonitorStop(monitor_cross_ref_id=x) for x in self._ext_to_xref.values()], timeout)
        if self.config.device_id_style == "avaya":
            releases = [ReleaseDeviceId(device=_device(d)) for d in self._device_ids.values()]
            await self._send_all(conn, releases, timeout)
        self._xref_to_ext.clear()
        self._ext_to_xref.clear()
        if conn.failed or conn.session.state is not SessionState.ACTIVE:
            return
        try:
            reply = await conn.send(conn.session.stop_request(), timeout, raw=True)
            conn.session.on_stop_reply(reply)
            log.info("session stopped session=%s endpoint=%s", conn.session.session_id, conn.endpoint.label)
        except LinkError as exc:
            log.warning("StopApplicationSession failed: %s", exc)

    @staticmethod
    async def _send_all(
        conn: _Connection, messages: Sequence[Message], timeout: float
    ) -> list[Message | BaseException]:
        """Pipeline `messages` (as many written at once as the window allows); each result or its error."""
        futures = conn.send_many(messages, timeout)
        return list(await asyncio.gather(*futures, return_exceptions=True))

    # ------------------------------------------------------------------------------ supervisor

    async def _supervise(self, first: asyncio.Future[None]) -> None:
        try:
            await self._reconnect_forever(first)
        except Exception as exc:  # a bug must not leave start() waiting forever
            log.exception("link supervisor failed")
            if not first.done():
                first.set_exception(LinkError(f"link supervisor failed: {exc}"))
            if self._conn is not None:
                self._conn.fail("link supervisor failed")
            self._set_state(LinkState.DOWN, None, f"link supervisor failed: {exc}")

    async def _reconnect_forever(self, first: asyncio.Future[None]) -> None:
        backoff = self.config.backoff_initial
        while not self._stopping:
            conn, errors = await self._connect_round()
            if conn is None:
                reason = "; ".join(errors)
                self._set_state(LinkState.DOWN, None, f"no endpoint available: {reason}")
                if not first.done():
                    first.set_exception(LinkDown(f"no CSTA endpoint could be reached: {reason}"))
                await self._pause(backoff)
                backoff = min(backoff * 2, self.config.backoff_max)
                continue
            backoff = self.config.backoff_initial
            self._conn = conn
            how = "session re-attached" if conn.session.reattached else "session started"
            self._set_state(LinkState.UP, conn.endpoint, how)
            if not first.done():
                first.set_result(None)
            reason = await conn.lost
            if self._stopping:
                return
            self._conn = None
            session = conn.session
            if session.session_id is not None and not conn.session_gone:
                assert self._active_index is not None
                self._detached = _DetachedSession(
                    self._active_index, session.session_id, time.monotonic() + self.config.session_cleanup_delay
                )
            log.warning("link down endpoint=%s reason=%s", conn.endpoint.label, reason)
            self._set_state(LinkState.DOWN, conn.endpoint, reason)

    async def _pause(self, seconds: float) -> None:
        assert self._wakeup is not None
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wakeup.wait(), seconds)

    async def _connect_round(self) -> tuple[_Connection | None, list[str]]:
        errors: list[str] = []
        for index, endpoint in enumerate(self.config.endpoints):
            if self._stopping:
                break
            try:
                conn = await self._open(index, endpoint)
            except (OSError, TimeoutError, LinkError) as exc:
                message = str(exc) or type(exc).__name__
                log.warning("connect failed endpoint=%s error=%s", endpoint.label, message)
                errors.append(f"{endpoint.label}: {message}")
                continue
            return conn, errors
        return None, errors

    async def _open(self, index: int, endpoint: Endpoint) -> _Connection:
        loop = asyncio.get_running_loop()
        conn = _Connection(self, endpoint)
        context = endpoint.make_ssl_context()
        try:
            await asyncio.wait_for(
                loop.create_connection(
                    lambda: conn,
                    endpoint.host,
                    endpoint.port,
                    ssl=context,
                    server_hostname=(endpoint.server_hostname or endpoint.host) if context else None,
                ),
                self.config.connect_timeout,
            )
            await self._start_session(index, conn)
            await self._reconcile(conn, fresh=not conn.session.reattached)
            if conn.failed:
                raise LinkDown(conn.failure or "connection lost")
        except BaseException:
            conn.fail("connect attempt abandoned")
            raise
        self._active_index = index
        conn.start_keepalive()
        return conn

    async def _start_session(self, index: int, conn: _Connection) -> None:
        timeout = self.config.request_timeout
        detached = self._detached
        if detached is not None and time.monotonic() >= detached.expires_at:
            detached = self._detached = None
        if detached is not None and detached.endpoint_index == index:
            request = conn.session.start_request(reattach_id=detached.session_id)
            reply = await conn.send(request, timeout, raw=True)
            if conn.failed:
                raise LinkDown(conn.failure or "connection lost")
            try:
                conn.session.on_start_reply(reply)
            except SessionRefused as exc:
                log.info("re-attach refused session=%s: %s; starting a fresh session", detached.session_id, exc)
                self._detached = None
            else:
                log.info("session re-attached session=%s endpoint=%s", detached.session_id, conn.endpoint.label)
                self._detached = None
                return
        request = conn.session.start_request()
        reply = await conn.send(request, timeout, raw=True)
        if conn.failed:
            raise LinkDown(conn.failure or "connection lost")
        conn.session.on_start_reply(reply)
        self._detached = None  # that old session is abandoned: the peer frees it after its cleanup delay
        log.info(
            "session started session=%s endpoint=%s duration=%s",
            conn.session.session_id,
            conn.endpoint.label,
            conn.session.actual_duration,
        )

    async def _reconcile(self, conn: _Connection, *, fresh: bool) -> None:
        """Bring the switch's monitors in line with `monitored`, before the link is reported UP.

        A fresh session has no device IDs and no monitors: every extension is resolved and monitored again.
        A re-attached session kept them: only what changed while the link was down is stopped or started.
        Each kind of request is pipelined (all written, then all answers awaited).
        """
        if fresh:
            self._session_xref = None
            self._device_ids.clear()
            self._extensions.clear()
            self._xref_to_ext.clear()
            self._ext_to_xref.clear()
            self._stale_xrefs.clear()
        timeout = self.config.request_timeout
        if self._stale_xrefs:
            stale, self._stale_xrefs = sorted(self._stale_xrefs), set()
            await self._send_all(conn, [MonitorStop(monitor_cross_ref_id=x) for x in stale], timeout)
        # monitor() may add extensions meanwhile (the link is not UP yet): loop until none is missing.
        for _ in range(10):
            missing = sorted(ext for ext in self._monitored if ext not in self._ext_to_xref)
            if not missing:
                break
            await self._start_monitors(conn, missing, timeout)
        log.info(
            "monitors %s count=%d endpoint=%s",
            "restored" if fresh else "kept",
            len(self._ext_to_xref),
            conn.endpoint.label,
        )

    async def _start_monitors(self, conn: _Connection, extensions: list[str], timeout: float) -> None:
        if self.config.device_id_style == "avaya":
            unknown = [ext for ext in extensions if ext not in self._device_ids]
            answers = await self._send_all(conn, [self._device_id_request(ext) for ext in unknown], timeout)
            for ext, answer in zip(unknown, answers, strict=True):
                if isinstance(answer, GetThirdPartyDeviceIdResponse):
                    self._remember_device(ext, answer.device.value)
                else:
                    self._monitor_failed(ext, answer)
            extensions = [ext for ext in extensions if ext in self._monitored]
        answers = await self._send_all(conn, [self._monitor_request(ext) for ext in extensions], timeout)
        for ext, answer in zip(extensions, answers, strict=True):
            if isinstance(answer, MonitorStartResponse):
                self._remember_monitor(ext, answer.monitor_cross_ref_id)
            else:
                self._monitor_failed(ext, answer)

    def _monitor_failed(self, extension: str, answer: Message | BaseException) -> None:
        """A refused monitor is dropped (the switch will refuse it again); a lost link fails the connect."""
        if isinstance(answer, LinkDown | LinkTimeout) or not isinstance(answer, Exception):
            raise answer if isinstance(answer, BaseException) else LinkError(f"unexpected {answer.XML_TAG}")
        log.error("cannot monitor extension=%s, dropped from the monitored set: %s", extension, answer)
        self._drop_monitored(extension)
        self._remember_failure(extension, str(answer))

    # ------------------------------------------------------------------------------ requests

    def _up_connection(self) -> _Connection:
        conn = self._conn
        if conn is None or conn.failed or self._state is not LinkState.UP:
            raise LinkDown(f"the CSTA link is {self._state.value}")
        return conn

    async def request(
        self,
        message: Message,
        timeout: float | None = None,
        *,
        on_invoke: Callable[[int], None] | None = None,
    ) -> Message:
        """Send `message` and return the positive answer.

        Raises CstaRequestError (the switch refused), LinkTimeout (no answer in time), LinkDown (the link is
        not up, or was lost while the request was in flight). `on_invoke(invoke_id)` runs as it is sent.
        """
        if isinstance(message, GetAgentLogin):
            return await self._get_agent_login(message, timeout, on_invoke)
        return await self._send(message, timeout, on_invoke)

    def submit(self, message: Message, timeout: float | None = None) -> asyncio.Future[Message]:
        """`request` as a future: the positive answer, or the error `request` would raise. Many requests
        gathered this way cost no task each (a resynchronisation of 20,000 stations makes 80,000 of them)."""
        if isinstance(message, GetAgentLogin):
            return asyncio.ensure_future(self._get_agent_login(message, timeout, None))
        try:
            return self._send(message, timeout, None)
        except LinkError as exc:
            failed: asyncio.Future[Message] = asyncio.get_running_loop().create_future()
            failed.set_exception(exc)
            return failed

    def _send(
        self, message: Message, timeout: float | None, on_invoke: Callable[[int], None] | None
    ) -> asyncio.Future[Message]:
        conn = self._up_connection()
        name = type(message).__name__
        if name in CALLWIRE_DEFINED_SERVICES and name not in conn.session.callwire_services:
            # Invented XML must never reach a real AES: only a switch that advertised it gets it.
            raise NotSupportedBySwitch(
                f"{name} is a Callwire-defined service and this switch does not advertise it "
                "(AES has no such message; see csta/README.md in the source)"
            )
        timeout = self.config.request_timeout if timeout is None else timeout
        return conn.send(message, timeout, on_invoke=on_invoke)

    async def _get_agent_login(
        self, message: GetAgentLogin, timeout: float | None, on_invoke: Callable[[int], None] | None
    ) -> Message:
        """GetAgentLogin the AES way: the response (empty on AES), then the AgentLoginExtensionEvents up to the
        one with isFinalResponse, gathered into one GetAgentLoginResponse. A switch that fills the response
        (an older Callwire simulator) is taken at its word. No final event in time is a LinkTimeout."""
        timeout = self.config.request_timeout if timeout is None else timeout
        async with self._agent_login_lock:
            conn = self._up_connection()
            if self._session_xref is None:
                # AES reports the extensions on a session-level monitor; a switch without one may use another.
                with contextlib.suppress(CstaRequestError):
                    answer = await conn.send(
                        MonitorStart(monitor_object=MonitorObject(device_object=DeviceID(value=""))), timeout
                    )
                    if isinstance(answer, MonitorStartResponse):
                        self._session_xref = answer.monitor_cross_ref_id
            done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
            self._agent_logins, self._agent_login_done, self._agent_login_xref = [], done, None
            try:
                response = await conn.send(message, timeout, on_invoke=on_invoke)
                if not isinstance(response, GetAgentLoginResponse) or response.agent_login_extension_list is not None:
                    return response
                try:
                    await asyncio.wait_for(asyncio.shield(done), timeout)
                except TimeoutError:
                    raise LinkTimeout(
                        f"GetAgentLogin {message.device.value}: the switch answered but sent no final "
                        f"AgentLoginExtensionEvent within {timeout:g}s ({len(self._agent_logins)} extensions so far)"
                    ) from None
                return GetAgentLoginResponse(agent_login_extension_list=tuple(self._agent_logins))
            finally:
                self._agent_logins, self._agent_login_done = None, None

    # ------------------------------------------------------------------------------ device IDs

    def device_id(self, extension: str) -> str:
        """The switch's device ID for `extension`.

        Avaya style: the ID GetThirdPartyDeviceId gave (see `resolve_device_id`), or, before it was asked,
        the shape AES gives third-party IDs (`101:CM::0`, `switch_name` from the config). Plain style: the
        extension itself.
        """
        if self.config.device_id_style == "plain":
            return extension
        return self._device_ids.get(extension) or f"{extension}:{self.config.switch_name}::0"

    def extension_of(self, device_id: str) -> str:
        """The extension of a device ID (`101:CM::0` -> `101`); other IDs (`T13815#2`) come back unchanged."""
        known = self._extensions.get(device_id)
        if known is not None:
            return known
        if self.config.device_id_style == "avaya" and ":" in device_id:
            return device_id.split(":", 1)[0]
        return device_id

    async def resolve_device_id(self, extension: str) -> str:
        """The device ID of `extension`, asking the switch (GetThirdPartyDeviceId) the first time."""
        if self.config.device_id_style == "plain":
            return extension
        known = self._device_ids.get(extension)
        if known is not None:
            return known
        conn = self._up_connection()
        answer = await conn.send(self._device_id_request(extension), self.config.request_timeout)
        if not isinstance(answer, GetThirdPartyDeviceIdResponse):
            raise LinkError(f"GetThirdPartyDeviceId answered with {answer.XML_TAG}")
        if conn.failed or conn is not self._conn:
            raise LinkDown("the link was lost while resolving the device ID")
        self._remember_device(extension, answer.device.value)
        return answer.device.value

    def _device_id_request(self, extension: str) -> GetThirdPartyDeviceId:
        return GetThirdPartyDeviceId(switch_name=self.config.switch_name, extension=extension)

    def _remember_device(self, extension: str, device_id: str) -> None:
        self._device_ids[extension] = device_id
        self._extensions[device_id] = extension

    # ------------------------------------------------------------------------------ monitors

    async def monitor(self, extension: str) -> None:
        """Monitor `extension`; it stays monitored across reconnects and failovers until `unmonitor`.

        While the link is down the extension is remembered, LinkDown is raised (it is not monitored yet), and
        it is monitored as soon as the link is up. A refusal by the switch (CstaRequestError) or a timeout
        (LinkTimeout) leaves it out of `monitored`.
        """
        if extension in self._monitored and extension in self._ext_to_xref:
            return
        in_progress = self._monitoring.get(extension)
        if in_progress is not None:
            await asyncio.shield(in_progress)
            return
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._monitoring[extension] = done
        self._keep_monitored(extension)
        try:
            conn = self._conn
            if conn is None or conn.failed or self._state is not LinkState.UP:
                raise LinkDown(f"the CSTA link is {self._state.value}; {extension} is monitored once it is up")
            try:
                await self.resolve_device_id(extension)
                answer = await conn.send(self._monitor_request(extension), self.config.request_timeout)
            except LinkDown:
                raise  # still remembered: the reconnect monitors it
            except LinkError as exc:
                self._drop_monitored(extension)
                self._remember_failure(extension, str(exc))
                raise
            if conn.failed or conn is not self._conn:
                raise LinkDown("the link was lost while starting the monitor; it is restored with the link")
            assert isinstance(answer, MonitorStartResponse)
            self._remember_monitor(extension, answer.monitor_cross_ref_id)
            log.info("monitoring extension=%s xref=%s", extension, answer.monitor_cross_ref_id)
            done.set_result(None)
        except BaseException as exc:
            done.set_exception(exc)
            done.exception()  # retrieved here: nobody else may be waiting
            raise
        finally:
            del self._monitoring[extension]

    async def unmonitor(self, extension: str) -> None:
        """Stop monitoring `extension`: forgotten at once, MonitorStop sent when the link is up.

        While the link is down nothing is sent (a fresh session has no monitors; a re-attached one gets the
        MonitorStop when it comes back). LinkTimeout/LinkDown while stopping it are raised, and it stays
        forgotten.
        """
        self._drop_monitored(extension)
        self._monitor_failures.pop(extension, None)
        xref = self._ext_to_xref.get(extension)
        conn = self._conn
        if xref is not None and (conn is None or conn.failed or self._state is not LinkState.UP):
            self._xref_to_ext.pop(xref, None)
            self._ext_to_xref.pop(extension, None)
            self._stale_xrefs.add(xref)
            xref = None
        if xref is None or conn is None:
            log.info("stopped monitoring extension=%s (link %s)", extension, self._state.value)
            return
        # Forgotten before the MonitorStop goes out, so that a monitor() meanwhile starts a new one.
        self._xref_to_ext.pop(xref, None)
        self._ext_to_xref.pop(extension, None)
        try:
            await conn.send(MonitorStop(monitor_cross_ref_id=xref), self.config.request_timeout)
        except CstaRequestError as exc:  # the switch no longer has it: it is gone either way
            log.warning("MonitorStop refused extension=%s: %s", extension, exc)
        except LinkError:
            self._stale_xrefs.add(xref)  # stopped on a re-attached session; a fresh one never had it
            raise
        log.info("stopped monitoring extension=%s", extension)

    def _monitor_request(self, extension: str) -> MonitorStart:
        return MonitorStart(monitor_object=MonitorObject(device_object=_device(self.device_id(extension))))

    def _remember_failure(self, extension: str, why: str) -> None:
        # Bounded: any client may ask to monitor numbers the switch does not know (StartMonitor), and each
        # would otherwise stay here for good. The oldest reasons go first.
        self._monitor_failures.pop(extension, None)
        self._monitor_failures[extension] = why
        while len(self._monitor_failures) > MONITOR_FAILURES_KEPT:
            del self._monitor_failures[next(iter(self._monitor_failures))]

    def _remember_monitor(self, extension: str, xref: str) -> None:
        self._xref_to_ext[xref] = extension
        self._ext_to_xref[extension] = xref
        self._monitor_failures.pop(extension, None)

    # ------------------------------------------------------------------------------ listeners

    def _new_session(self) -> Session:
        cfg = self.config
        return Session(
            application_id=cfg.application_id,
            username=cfg.username,
            password=cfg.password,
            protocol_version=cfg.protocol_version,
            requested_duration=cfg.session_duration,
            cleanup_delay=cfg.session_cleanup_delay,
        )

    def _dispatch_event(self, item: Event, received_at: float) -> None:
        msg = item.message
        if isinstance(msg, AgentLoginExtensionEvent) and self._agent_logins is not None:
            # The same answer arrives on each monitor that may carry it: the first monitor's events count.
            if self._agent_login_xref is None:
                self._agent_login_xref = item.cross_ref_id
            if item.cross_ref_id == self._agent_login_xref:
                self._agent_logins.extend(msg.agent_login_extension_list)
                done = self._agent_login_done
                # Only an explicit `false` announces more events; an event without the flag is taken as the last.
                if msg.is_final_response is not False and done is not None and not done.done():
                    done.set_result(None)
        extension = self._xref_to_ext.get(item.cross_ref_id) if item.cross_ref_id is not None else None
        if self._trace_listeners:
            self._trace("in", EVENT_INVOKE_ID, item.payload)
        event = LinkEvent(extension, item.message, received_at)
        for callback in self._event_listeners:
            try:
                callback(event)
            except Exception:
                log.exception("event listener failed")

    def _trace(self, direction: str, invoke_id: int, xml: bytes) -> None:
        for callback in self._trace_listeners:
            try:
                callback(direction, invoke_id, xml)
            except Exception:
                log.exception("trace listener failed")

    def _set_state(self, state: LinkState, endpoint: Endpoint | None, reason: str) -> None:
        if state is self._state:
            return
        self._state = state
        change = LinkStateChange(state, endpoint, reason, self.session_id if state is LinkState.UP else None)
        log.info("link state=%s endpoint=%s reason=%s", state.value, endpoint.label if endpoint else "-", reason)
        for callback in self._state_listeners:
            try:
                callback(change)
            except Exception:
                log.exception("state listener failed")
