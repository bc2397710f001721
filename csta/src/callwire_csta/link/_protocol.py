"""The CSTA link's protocol core: invoke IDs, request correlation and the ECMA-354 session. No I/O.

Bytes in, outcomes out (the websockets/h11 shape): `Correlator.send(message, token)` allocates an invoke ID,
remembers `token` (whatever the I/O layer uses to hand back the answer) and returns the frame to write;
`Correlator.receive_data(data)` turns what the socket delivered into `Reply`, `Event`, `Unmatched`,
`Undecodable`, `Terminated` and `Broken` items. `Session` is the application-session state machine: it
builds StartApplicationSession / ResetApplicationSessionTimer / StopApplicationSession and checks their
answers, with its transitions in one table. Nothing here reads a clock, sleeps or touches a socket.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Container
from dataclasses import dataclass, replace
from typing import Generic, TypeVar

from callwire_csta import codec as csta
from callwire_csta.codec import (
    EVENT_INVOKE_ID,
    MAX_FRAME_SIZE,
    MAX_INVOKE_ID,
    ApplicationInfo,
    ApplicationSessionTerminated,
    ApplicationSpecificInfo,
    CodecError,
    CSTAErrorCode,
    FrameDecoder,
    Message,
    ResetApplicationSessionTimer,
    ResetApplicationSessionTimerNegResponse,
    ResetApplicationSessionTimerPosResponse,
    SessionEndReason,
    SessionLoginInfo,
    StartApplicationSession,
    StartApplicationSessionNegResponse,
    StartApplicationSessionPosResponse,
    StopApplicationSession,
    StopApplicationSessionNegResponse,
    UnknownMessageError,
)

from ._errors import CstaRequestError, LinkDown, LinkError, RequestNotSendable, SessionRefused

log = logging.getLogger("callwire.link")

T = TypeVar("T")

FIRST_INVOKE_ID = 1


class InvokeIdAllocator:
    """Invoke IDs 1..9998 in turn, wrapping before 9999 (the event ID) and skipping IDs still in flight."""

    def __init__(self, *, first: int = FIRST_INVOKE_ID, last: int = MAX_INVOKE_ID, start: int | None = None) -> None:
        if not 0 <= first <= last < EVENT_INVOKE_ID:
            raise ValueError(f"invoke ID range {first}..{last} must lie within 0..{EVENT_INVOKE_ID - 1}")
        self._first = first
        self._last = last
        self._next = first if start is None else start
        if not first <= self._next <= last:
            raise ValueError(f"start {start} is outside {first}..{last}")

    @property
    def next(self) -> int:
        """The ID the next allocation tries first."""
        return self._next

    def allocate(self, in_flight: Container[int]) -> int:
        for _ in range(self._last - self._first + 1):
            candidate = self._next
            self._next = candidate + 1 if candidate < self._last else self._first
            if candidate not in in_flight:
                return candidate
        raise LinkError(f"all {self._last - self._first + 1} invoke IDs are in flight")


# ------------------------------------------------------------------------------------------ inbound items


@dataclass(frozen=True, slots=True)
class Reply(Generic[T]):
    """The answer to a pending request (positive, CSTAErrorCode or session NegResponse: see `check_reply`)."""

    invoke_id: int
    token: T
    message: Message
    payload: bytes
    """The XML as received (for the protocol trace)."""


@dataclass(frozen=True, slots=True)
class Event:
    """An unsolicited message (invoke ID 9999) other than ApplicationSessionTerminated."""

    message: Message
    cross_ref_id: str | None
    payload: bytes


@dataclass(frozen=True, slots=True)
class Terminated:
    """The peer ended the application session (ApplicationSessionTerminated)."""

    message: ApplicationSessionTerminated
    payload: bytes

    @property
    def reason(self) -> str:
        why = self.message.session_term_reason
        return why.defined_term_reason or why.server_term_reason or "unspecified"


@dataclass(frozen=True, slots=True)
class Unmatched:
    """An answer whose invoke ID matches no pending request (e.g. it came after the deadline)."""

    invoke_id: int
    message: Message
    payload: bytes


@dataclass(frozen=True, slots=True)
class Undecodable(Generic[T]):
    """Well-formed XML of a message this codec does not know; `token` is set when it answered a request."""

    invoke_id: int
    token: T | None
    error: UnknownMessageError


@dataclass(frozen=True, slots=True)
class Broken:
    """The byte stream is not CSTA (broken frame, malformed XML); nothing after it can be trusted."""

    error: CodecError


Inbound = Reply[T] | Event | Terminated | Unmatched | Undecodable[T] | Broken


def check_reply(request: str, message: Message) -> LinkError | None:
    """The error a reply stands for (CSTAErrorCode, a session NegResponse), or None when it is positive."""
    if isinstance(message, CSTAErrorCode):
        return CstaRequestError(message, request=request)
    if isinstance(
        message,
        StartApplicationSessionNegResponse
        | ResetApplicationSessionTimerNegResponse
        | StopApplicationSessionNegResponse,
    ):
        code = message.error_code
        reason = code.defined_error or code.appl_error or "unspecified"
        return SessionRefused(f"{request} refused: {reason}", defined_error=code.defined_error)
    return None


class Correlator(Generic[T]):
    """One connection's framing and request correlation: invoke ID in, the pending request's token out."""

    def __init__(self, *, max_frame_size: int = MAX_FRAME_SIZE, ids: InvokeIdAllocator | None = None) -> None:
        self._max_frame_size = max_frame_size
        self._decoder = FrameDecoder(max_size=max_frame_size)
        self._ids = ids or InvokeIdAllocator()
        self._pending: dict[int, T] = {}
        self._closed = False

    @property
    def in_flight(self) -> int:
        return len(self._pending)

    @property
    def closed(self) -> bool:
        return self._closed

    def pending_ids(self) -> frozenset[int]:
        return frozenset(self._pending)

    def send(self, message: Message, token: T) -> tuple[int, bytes]:
        """Register a request; returns its invoke ID and the frame to write. Raises LinkDown once closed."""
        if self._closed:
            raise LinkDown("the connection is closed")
        invoke_id = self._ids.allocate(self._pending)
        try:
            data = csta.encode(invoke_id, message, max_size=self._max_frame_size)
        except CodecError as exc:
            raise RequestNotSendable(f"cannot send {message.XML_TAG}: {exc}") from exc
        self._pending[invoke_id] = token
        return invoke_id, data

    def forget(self, invoke_id: int) -> T | None:
        """Drop a pending request (its deadline passed); a later answer becomes `Unmatched`."""
        return self._pending.pop(invoke_id, None)

    def receive_data(self, data: bytes) -> list[Inbound[T]]:
        """Everything `data` completes, in wire order; a `Broken` item ends the list and closes the core."""
        if self._closed:
            return []
        out: list[Inbound[T]] = []
        try:
            frames = self._decoder.feed(data)
        except CodecError as exc:
            self._closed = True
            return [Broken(exc)]
        for frame in frames:
            try:
                message = csta.decode(frame)
            except UnknownMessageError as exc:
                token = None if frame.invoke_id == EVENT_INVOKE_ID else self._pending.pop(frame.invoke_id, None)
                out.append(Undecodable(frame.invoke_id, token, exc))
                continue
            except CodecError as exc:
                self._closed = True
                out.append(Broken(exc))
                return out
            if frame.invoke_id == EVENT_INVOKE_ID:
                if isinstance(message, ApplicationSessionTerminated):
                    out.append(Terminated(message, frame.payload))
                else:
                    out.append(Event(message, getattr(message, "monitor_cross_ref_id", None), frame.payload))
                continue
            token = self._pending.pop(frame.invoke_id, None)
            if token is None:
                out.append(Unmatched(frame.invoke_id, message, frame.payload))
            else:
                out.append(Reply(frame.invoke_id, token, message, frame.payload))
        return out

    def close(self) -> list[T]:
        """Close the core; returns the tokens of every request still in flight (they must fail)."""
        self._closed = True
        tokens = list(self._pending.values())
        self._pending.clear()
        return tokens


# ------------------------------------------------------------------------------------------ the session


class SessionState(enum.Enum):
    IDLE = "idle"
    STARTING = "starting"
    ACTIVE = "active"
    STOPPING = "stopping"
    ENDED = "ended"


class _Input(enum.Enum):
    START = "start"
    STARTED = "started"
    REFUSED = "refused"
    KEEPALIVE = "keepalive"
    STOP = "stop"
    STOPPED = "stopped"
    TERMINATED = "terminated"
    LOST = "lost"


_S, _I = SessionState, _Input
#: (state, input) -> next state. Anything else is a programming error. A refused re-attach goes back to
#: IDLE so that a fresh session can be started on the same connection.
_TRANSITIONS: dict[tuple[SessionState, _Input], SessionState] = {
    (_S.IDLE, _I.START): _S.STARTING,
    (_S.STARTING, _I.STARTED): _S.ACTIVE,
    (_S.STARTING, _I.REFUSED): _S.IDLE,
    (_S.ACTIVE, _I.KEEPALIVE): _S.ACTIVE,
    (_S.ACTIVE, _I.STOP): _S.STOPPING,
    (_S.STOPPING, _I.KEEPALIVE): _S.STOPPING,  # a keep-alive answered while the stop is on its way
    (_S.STOPPING, _I.STOPPED): _S.ENDED,
    (_S.ENDED, _I.STOPPED): _S.ENDED,  # the peer answers the stop and closes; the close may be seen first
    **{(state, _I.TERMINATED): _S.ENDED for state in SessionState},
    **{(state, _I.LOST): _S.ENDED for state in SessionState},
}


class Session:
    """ECMA-354 application session as DMCC uses it, with SessionLoginInfo credentials and re-attach."""

    def __init__(
        self,
        *,
        application_id: str,
        username: str,
        password: str,
        protocol_version: str,
        requested_duration: float,
        cleanup_delay: int,
    ) -> None:
        self._application_id = application_id
        self._username = username
        self._password = password
        self._protocol_version = protocol_version
        self._requested_duration = max(1, round(requested_duration))
        self._cleanup_delay = cleanup_delay
        self.state = SessionState.IDLE
        self.session_id: str | None = None
        self.actual_duration: float | None = None
        self.actual_protocol_version: str | None = None
        self.reattached = False
        self._reattach_id: str | None = None
        #: The Callwire-defined services the switch advertised when the session started (none on AES).
        self.callwire_services: frozenset[str] = frozenset()

    def _move(self, event: _Input) -> None:
        nxt = _TRANSITIONS.get((self.state, event))
        if nxt is None:
            raise LinkError(f"session: {event.value!r} is not allowed in state {self.state.value!r}")
        self.state = nxt

    def start_request(self, *, reattach_id: str | None = None) -> StartApplicationSession:
        """StartApplicationSession with credentials; with `reattach_id`, ask to resume that session."""
        self._move(_Input.START)
        self._reattach_id = reattach_id
        login = SessionLoginInfo(
            user_name=self._username,
            password=self._password,
            session_cleanup_delay=self._cleanup_delay,
            session_id=reattach_id,
        )
        return StartApplicationSession(
            application_info=ApplicationInfo(
                application_id=self._application_id,
                application_specific_info=ApplicationSpecificInfo(items=(login,)),
            ),
            requested_protocol_versions=(self._protocol_version,),
            requested_session_duration=self._requested_duration,
        )

    def on_start_reply(self, message: Message) -> None:
        """Take the answer to StartApplicationSession; raises SessionRefused (state back to IDLE)."""
        error = check_reply("StartApplicationSession", message)
        if error is not None or not isinstance(message, StartApplicationSessionPosResponse):
            self._move(_Input.REFUSED)
            raise error or SessionRefused(f"StartApplicationSession answered with {message.XML_TAG}")
        self._move(_Input.STARTED)
        self.session_id = message.session_id
        self.actual_duration = float(message.actual_session_duration or self._requested_duration)
        self.actual_protocol_version = message.actual_protocol_version
        self.callwire_services = message.callwire_services
        self.reattached = self._reattach_id is not None and message.session_id == self._reattach_id

    @property
    def keepalive_interval(self) -> float:
        """ResetApplicationSessionTimer is due every half of the granted session duration."""
        return (self.actual_duration or self._requested_duration) / 2

    def keepalive_request(self) -> ResetApplicationSessionTimer:
        if self.state is not SessionState.ACTIVE or self.session_id is None:
            raise LinkError(f"no active session to keep alive (state {self.state.value})")
        return ResetApplicationSessionTimer(
            session_id=self.session_id, requested_session_duration=self._requested_duration
        )

    def on_keepalive_reply(self, message: Message) -> None:
        """Take the keep-alive's answer; raises SessionRefused when the peer did not reset the timer."""
        error = check_reply("ResetApplicationSessionTimer", message)
        if error is not None:
            raise error
        if not isinstance(message, ResetApplicationSessionTimerPosResponse):
            raise SessionRefused(f"ResetApplicationSessionTimer answered with {message.XML_TAG}")
        self._move(_Input.KEEPALIVE)
        if message.actual_session_duration:
            self.actual_duration = float(message.actual_session_duration)

    def stop_request(self, reason: str = "normal") -> StopApplicationSession:
        if self.session_id is None:
            raise LinkError("no session to stop")
        self._move(_Input.STOP)
        return StopApplicationSession(
            session_id=self.session_id, session_end_reason=SessionEndReason(defined_end_reason=reason)
        )

    def on_stop_reply(self, message: Message) -> None:
        self._move(_Input.STOPPED)
        error = check_reply("StopApplicationSession", message)
        if error is not None:
            raise error

    def on_terminated(self) -> None:
        self._move(_Input.TERMINATED)

    def on_lost(self) -> None:
        self._move(_Input.LOST)


M = TypeVar("M", bound=Message)


def redact(message: M) -> M:
    """`message` safe to show in a trace: the session password masked."""
    if isinstance(message, StartApplicationSession):
        spec = message.application_info.application_specific_info
        if spec is not None:
            items = tuple(replace(i, password="***") if isinstance(i, SessionLoginInfo) else i for i in spec.items)
            info = replace(message.application_info, application_specific_info=ApplicationSpecificInfo(items=items))
            return replace(message, application_info=info)
    return message
