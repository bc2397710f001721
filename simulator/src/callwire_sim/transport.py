"""The simulated switch's CSTA server: AES-style TCP (or TLS) listener, DMCC framing, ECMA-354 sessions.

Everything after the session is up goes to the call model (`Switch.handle`); this module only moves
frames, runs the application-session life cycle (credentials, session timer, re-attach within the
cleanup delay, stop, termination) and injects faults on command for the link's fault tests.

A response is always written before the events its request caused (the model emits them during
`handle`; they are held until the response is on the wire), which is what a CTI client sees from AES.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import socket
import ssl as ssl_module
from collections.abc import Callable
from dataclasses import dataclass, field

from callwire_csta import codec as csta
from callwire_csta.codec import (
    ApplicationSessionTerminated,
    CodecError,
    CSTAErrorCode,
    Message,
    MonitorStart,
    ResetApplicationSessionTimer,
    ResetApplicationSessionTimerNegResponse,
    ResetApplicationSessionTimerPosResponse,
    SessionErrorCode,
    SessionTermReason,
    StartApplicationSession,
    StartApplicationSessionNegResponse,
    StartApplicationSessionPosResponse,
    StopApplicationSession,
    StopApplicationSessionPosResponse,
    UnknownMessageError,
)

from .switch import Switch, SwitchError, SwitchSession

log = logging.getLogger("callwire.sim.transport")

MAX_SESSION_DURATION = 3600
MAX_CLEANUP_DELAY = 600


def set_nodelay(writer: asyncio.StreamWriter) -> None:
    """Small CSTA frames must not wait for Nagle: without TCP_NODELAY each response stalled ~44 ms here."""
    sock = writer.get_extra_info("socket")
    if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


@dataclass(eq=False)
class AppSession:
    """One ECMA-354 application session; it outlives its socket for `cleanup_delay` seconds."""

    session_id: str
    switch_session: SwitchSession
    duration: float
    cleanup_delay: float
    connection: _Connection | None = None
    expiry: asyncio.TimerHandle | None = None
    requests: int = 0
    keepalives: int = 0
    history: list[str] = field(default_factory=list)


class Faults:
    """Fault injection on command: what a broken AES or network does to a CTI link."""

    def __init__(self, server: SimulatorServer) -> None:
        self._server = server
        self.refusing = False
        #: While set, events wait in each connection, in order, and responses go on (see `delay_events`).
        self.events_delayed = False
        self._stalled: asyncio.Event | None = None
        self._stall_timer: asyncio.TimerHandle | None = None

    @property
    def stalled(self) -> bool:
        return self._stalled is not None

    def drop_connections(self) -> None:
        """Abort every client socket (RST), as a crashed AES or a cut cable would."""
        for conn in list(self._server.connections):
            conn.abort()

    def stall(self, seconds: float | None = None) -> None:
        """Stop reading and answering anything, keep-alives included, for `seconds` (None: until resume)."""
        if self._stalled is None:
            self._stalled = asyncio.Event()
        if self._stall_timer is not None:
            self._stall_timer.cancel()
            self._stall_timer = None
        if seconds is not None:
            self._stall_timer = asyncio.get_running_loop().call_later(seconds, self.resume)

    def resume(self) -> None:
        if self._stall_timer is not None:
            self._stall_timer.cancel()
            self._stall_timer = None
        if self._stalled is not None:
            self._stalled.set()
            self._stalled = None

    async def wait_unstalled(self) -> None:
        while self._stalled is not None:
            await self._stalled.wait()

    def send_garbage(self, data: bytes = b"\x00\x00\x00\x10GARBAGE!<notxml") -> None:
        """Write raw bytes to every client, outside any framing."""
        for conn in list(self._server.connections):
            conn.write_raw(data)

    def terminate_sessions(self, reason: str = "resourceLimitation") -> None:
        """Send ApplicationSessionTerminated to every client and end those sessions."""
        for conn in list(self._server.connections):
            if conn.app is not None:
                conn.send(
                    csta.EVENT_INVOKE_ID,
                    ApplicationSessionTerminated(
                        session_id=conn.app.session_id,
                        session_term_reason=SessionTermReason(defined_term_reason=reason),
                    ),
                )
                self._server.end_session(conn.app)
            conn.close()

    def delay_events(self) -> None:
        """Keep every event back (responses still go out) until `release_events`: a client's next request then
        arrives before the switch's events about its previous one, as happens with AES under load."""
        self.events_delayed = True

    def release_events(self) -> None:
        """Send the events kept back, in order, and stop delaying them."""
        self.events_delayed = False
        for conn in list(self._server.connections):
            conn.send_late_events()

    def refuse_connections(self, on: bool = True) -> None:
        """While on, new connections are closed as soon as they are accepted (the endpoint is 'down')."""
        self.refusing = on


class SimulatorServer:
    """Serve `switch` over CSTA on host:port (port 0 picks a free one; see `.port`)."""

    def __init__(
        self,
        switch: Switch,
        *,
        host: str = "127.0.0.1",
        port: int = 4721,
        username: str = "ctiuser",
        password: str = "ctipass",
        ssl: ssl_module.SSLContext | None = None,
        max_frame_size: int = csta.MAX_FRAME_SIZE,
        trace: Callable[[str, int, bytes], None] | None = None,
        advertise_callwire_services: bool = True,
    ) -> None:
        """`advertise_callwire_services=False` behaves as AES at session start: no CallwireServices, so a
        Callwire link refuses the Callwire-defined queries itself (they are still answered if sent)."""
        self.switch = switch
        self.advertise_callwire_services = advertise_callwire_services
        self.host = host
        self._port = port
        self.username = username
        self.password = password
        self.ssl = ssl
        self.max_frame_size = max_frame_size
        self.trace = trace
        self.faults = Faults(self)
        self.sessions: dict[str, AppSession] = {}
        self.connections: set[_Connection] = set()
        self._server: asyncio.Server | None = None

    @property
    def port(self) -> int:
        if self._server is not None and self._server.sockets:
            return int(self._server.sockets[0].getsockname()[1])
        return self._port

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._accept, self.host, self._port, ssl=self.ssl)
        log.info("simulated switch listening host=%s port=%d tls=%s", self.host, self.port, self.ssl is not None)

    async def stop(self) -> None:
        self.faults.resume()  # readers parked in a stall must not be cancelled mid-wait
        if self._server is not None:
            self._server.close()
        for conn in list(self.connections):
            conn.abort()
        for app in list(self.sessions.values()):
            self.end_session(app)
        if self._server is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._server.wait_closed(), 2)
            self._server = None

    async def serve_forever(self) -> None:
        await self.start()
        assert self._server is not None
        await self._server.serve_forever()

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if self.faults.refusing:
            writer.transport.abort()
            writer.close()
            return
        set_nodelay(writer)
        conn = _Connection(self, reader, writer)
        self.connections.add(conn)
        try:
            await conn.run()
        finally:
            self.connections.discard(conn)
            conn.detach()

    # -------------------------------------------------------------------------------- sessions

    def start_session(self, conn: _Connection, request: StartApplicationSession) -> Message:
        login = request.login
        if login is None:
            log.warning(
                "session refused: StartApplicationSession has no SessionLoginInfo in "
                "applicationInfo/applicationSpecificInfo (user name and password are required)"
            )
            return StartApplicationSessionNegResponse(
                error_code=SessionErrorCode(defined_error="invalidApplicationInfo")
            )
        if login.user_name != self.username or login.password != self.password:
            log.warning("session refused: bad credentials user=%s", login.user_name)
            return StartApplicationSessionNegResponse(
                error_code=SessionErrorCode(defined_error="invalidApplicationInfo")
            )
        version = request.requested_protocol_versions[0] if request.requested_protocol_versions else ""
        if version and not version.startswith("http://www.ecma-international.org/standards/ecma-323/csta/"):
            return StartApplicationSessionNegResponse(
                error_code=SessionErrorCode(defined_error="requestedProtocolVersionNotSupported")
            )
        duration = float(min(max(request.requested_session_duration or 180, 1), MAX_SESSION_DURATION))
        if login.session_id:
            app = self.sessions.get(login.session_id)
            if app is None or (app.connection is not None and app.connection is not conn):
                return StartApplicationSessionNegResponse(
                    error_code=SessionErrorCode(appl_error="unknown or active session ID")
                )
            if app.expiry is not None:
                app.expiry.cancel()
                app.expiry = None
            app.duration = duration
            app.history.append("reattached")
        else:
            cleanup = float(min(max(login.session_cleanup_delay or 0, 0), MAX_CLEANUP_DELAY))
            app = AppSession(
                session_id=secrets.token_hex(8).upper(),
                switch_session=self.switch.open_session(conn.deliver_event),
                duration=duration,
                cleanup_delay=cleanup,
            )
            self.sessions[app.session_id] = app
        app.switch_session.sink = conn.deliver_event
        app.connection = conn
        conn.app = app
        conn.arm_session_timer()
        # The simulator serves Callwire's own queries too, and says so; AES says nothing here.
        advertised = (
            csta.SessionExtensions(
                items=(csta.CallwireServices(service=tuple(sorted(csta.CALLWIRE_DEFINED_SERVICES))),)
            )
            if self.advertise_callwire_services
            else None
        )
        return StartApplicationSessionPosResponse(
            session_id=app.session_id,
            actual_protocol_version=version or csta.DEFAULT_PROTOCOL_VERSION,
            actual_session_duration=int(duration),
            extensions=advertised,
        )

    def end_session(self, app: AppSession) -> None:
        if self.sessions.pop(app.session_id, None) is None:
            return
        if app.expiry is not None:
            app.expiry.cancel()
        self.switch.close_session(app.switch_session)
        if app.connection is not None:
            app.connection.app = None
            app.connection = None

    def detach_session(self, app: AppSession) -> None:
        """The socket went away without StopApplicationSession: keep the session for its cleanup delay."""
        app.connection = None
        app.switch_session.sink = _discard
        if app.cleanup_delay <= 0:
            self.end_session(app)
            return
        app.expiry = asyncio.get_running_loop().call_later(app.cleanup_delay, self.end_session, app)


def _discard(_event: Message) -> None:
    """Events for a session whose socket is gone are lost, as on AES."""


class _Connection:
    def __init__(self, server: SimulatorServer, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.server = server
        self.reader = reader
        self.writer = writer
        self.app: AppSession | None = None
        self._decoder = csta.FrameDecoder(max_size=server.max_frame_size)
        self._held_events: list[Message] | None = None
        self._late_events: list[Message] = []
        self._session_timer: asyncio.TimerHandle | None = None
        self._closed = False
        #: While the frames of one read are handled, what they cause is collected here and written at once:
        #: a write per response cost the simulator a fifth of its time when a client pipelines thousands. A
        #: read of one request is answered as before, the response on its own ahead of the events, so that
        #: a client's answer is not held behind the decoding of those events.
        self._out: list[bytes] | None = None

    # ------------------------------------------------------------------------------ writing

    def write_raw(self, data: bytes) -> None:
        if self._closed:
            return
        if self._out is not None:
            self._out.append(data)
        else:
            self.writer.write(data)

    def send(self, invoke_id: int, msg: Message) -> None:
        if self._closed:
            return
        payload = csta.encode_xml(msg)
        if self.server.trace is not None:
            self.server.trace("out", invoke_id, payload)
        self.write_raw(csta.encode_frame(invoke_id, payload))

    def _flush(self) -> None:
        out, self._out = self._out, None
        if out and not self._closed:
            self.writer.write(b"".join(out))

    def deliver_event(self, event: Message) -> None:
        if self._held_events is not None:
            self._held_events.append(event)
        else:
            self._send_event(event)

    def _send_event(self, event: Message) -> None:
        if self.server.faults.events_delayed:
            self._late_events.append(event)
        else:
            self.send(csta.EVENT_INVOKE_ID, event)

    def send_late_events(self) -> None:
        late, self._late_events = self._late_events, []
        for event in late:
            self.send(csta.EVENT_INVOKE_ID, event)

    def abort(self) -> None:
        self._closed = True
        self.writer.transport.abort()
        self.writer.close()

    def close(self) -> None:
        self._flush()  # an answer given just before (StopApplicationSession) still goes out
        self._closed = True
        self.writer.close()

    # ------------------------------------------------------------------------------ reading

    async def run(self) -> None:
        try:
            while not self._closed:
                data = await self.reader.read(65536)
                if not data:
                    return
                await self.server.faults.wait_unstalled()
                try:
                    frames = self._decoder.feed(data)
                except CodecError as exc:
                    log.warning("closing connection: %s", exc)
                    return
                self._out = [] if len(frames) > 1 else None
                try:
                    for frame in frames:
                        if self._closed:
                            return
                        if self.server.faults.stalled:
                            self._flush()  # what was answered before the stall goes out; nothing waits
                            await self.server.faults.wait_unstalled()
                            self._out = [] if len(frames) > 1 else None
                        self._handle(frame)
                finally:
                    self._flush()
                await self.writer.drain()
        except (ConnectionError, OSError):
            return
        finally:
            if self._session_timer is not None:
                self._session_timer.cancel()
            if not self._closed:
                self._closed = True
                self.writer.close()

    def _handle(self, frame: csta.Frame) -> None:
        if self.server.trace is not None:
            self.server.trace("in", frame.invoke_id, frame.payload)
        try:
            request = csta.decode(frame)
        except UnknownMessageError as exc:
            # A well-formed request this switch has no service for: the ECMA OperationErrors value for it.
            log.warning("unsupported request invoke=%04d: %s", frame.invoke_id, exc)
            self.send(frame.invoke_id, CSTAErrorCode.of("operation", "serviceNotSupported"))
            return
        except CodecError as exc:
            log.warning("undecodable request invoke=%04d: %s", frame.invoke_id, exc)
            self.send(frame.invoke_id, CSTAErrorCode.of("operation", "invalidParameterValue"))
            return
        if isinstance(request, StartApplicationSession | MonitorStart) or request.XML_NS.encode() not in frame.payload:
            # Tolerated as AES tolerates them, but said, so that a client's author learns what is off.
            for element, got, expected in csta.namespace_slips(frame.payload):
                log.info(
                    "accepted <%s> invoke=%04d in namespace %r; ECMA-323/Avaya put it in %r",
                    element,
                    frame.invoke_id,
                    got,
                    expected,
                )
        if isinstance(request, StartApplicationSession):
            self.send(frame.invoke_id, self.server.start_session(self, request))
            return
        if self.app is None:
            # No application session: AES answers any CSTA request with an error until one is started.
            self.send(frame.invoke_id, CSTAErrorCode.of("security", "securityInfoViolated"))
            return
        if isinstance(request, ResetApplicationSessionTimer):
            if request.session_id != self.app.session_id:
                self.send(
                    frame.invoke_id,
                    ResetApplicationSessionTimerNegResponse(
                        error_code=SessionErrorCode(defined_error="invalidSessionID")
                    ),
                )
                return
            if request.requested_session_duration:
                self.app.duration = float(min(max(request.requested_session_duration, 1), MAX_SESSION_DURATION))
            self.app.keepalives += 1
            self.arm_session_timer()
            self.send(
                frame.invoke_id, ResetApplicationSessionTimerPosResponse(actual_session_duration=int(self.app.duration))
            )
            return
        if isinstance(request, StopApplicationSession):
            self.send(frame.invoke_id, StopApplicationSessionPosResponse())
            self.server.end_session(self.app)
            self.close()
            return
        self.app.requests += 1
        self._held_events = []
        try:
            response = self.server.switch.handle(self.app.switch_session, request)
        except SwitchError as exc:
            response = exc.error
        finally:
            held, self._held_events = self._held_events, None
        self.send(frame.invoke_id, response)
        for event in held:
            self._send_event(event)

    # ------------------------------------------------------------------------------ session timer

    def arm_session_timer(self) -> None:
        if self._session_timer is not None:
            self._session_timer.cancel()
        if self.app is not None:
            self._session_timer = asyncio.get_running_loop().call_later(self.app.duration, self._session_expired)

    def _session_expired(self) -> None:
        app = self.app
        if app is None:
            return
        log.warning("session %s expired: no ResetApplicationSessionTimer within %.0fs", app.session_id, app.duration)
        self.send(
            csta.EVENT_INVOKE_ID,
            ApplicationSessionTerminated(
                session_id=app.session_id,
                session_term_reason=SessionTermReason(defined_term_reason="sessionTimerExpired"),
            ),
        )
        self.server.end_session(app)
        self.close()

    def detach(self) -> None:
        if self._session_timer is not None:
            self._session_timer.cancel()
        app, self.app = self.app, None
        if app is not None and app.connection is self:
            self.server.detach_session(app)
