"""Replay a saved CSTA trace (`callwire ctl trace on --save FILE`) against the server's real link.

`ReplaySwitch` is a TCP peer that plays the switch of a capture: to each request the link sends it answers
what the switch answered to the same request in the capture, followed by the events that came after that
answer (until the capture's next request). `replay(frames)` runs a real `CstaLink` against it: it monitors
the extensions the capture monitored, re-sends the capture's other requests in order, and returns what the
link makes of the switch's frames: one `(extension, event)` line per event, the extension resolved from the
monitor cross-reference as the server does. A capture plus its expected lines is a regression test
(`server/tests/replay/corpus/`); one from a real AES shows whether the server still understands that switch.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Sequence
from dataclasses import dataclass, field

from callwire_csta import codec as csta
from callwire_csta.link import CstaLink, Endpoint, LinkConfig, LinkEvent

from .tracefile import TraceFrame

#: Requests the link makes by itself (session, keep-alive, monitors, device IDs): not re-sent by `replay`.
_LINK_OWN = (
    csta.StartApplicationSession,
    csta.ResetApplicationSessionTimer,
    csta.StopApplicationSession,
    csta.MonitorStart,
    csta.MonitorStop,
    csta.GetThirdPartyDeviceId,
)


@dataclass
class _Exchange:
    request: csta.Message
    answer: bytes | None = None
    events: list[bytes] = field(default_factory=list)
    used: bool = False


def exchanges(frames: Sequence[TraceFrame]) -> list[_Exchange]:
    """The capture as request → (answer, the events after it), in order. Events before any request are dropped."""
    out: list[_Exchange] = []
    by_invoke: dict[str, _Exchange] = {}
    for frame in frames:
        payload = frame.xml.encode("utf-8")
        if frame.direction == "sent":
            ex = _Exchange(csta.decode_xml(payload))
            out.append(ex)
            by_invoke[frame.invoke_id] = ex
        elif frame.invoke_id == f"{csta.EVENT_INVOKE_ID:04d}":
            if out:
                out[-1].events.append(payload)
        elif frame.invoke_id in by_invoke:
            by_invoke.pop(frame.invoke_id).answer = payload
    return out


def _same(recorded: csta.Message, asked: csta.Message) -> bool:
    if isinstance(recorded, csta.StartApplicationSession) and isinstance(asked, csta.StartApplicationSession):
        return True  # credentials are masked in a capture
    if isinstance(recorded, csta.ResetApplicationSessionTimer) and isinstance(asked, csta.ResetApplicationSessionTimer):
        return True
    return recorded == asked


class ReplaySwitch:
    """Plays the switch side of a capture over DMCC framing on 127.0.0.1 (port 0: a free one)."""

    def __init__(self, frames: Sequence[TraceFrame]) -> None:
        self.exchanges = exchanges(frames)
        self.unmatched: list[str] = []
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()

    @property
    def port(self) -> int:
        assert self._server is not None
        return int(self._server.sockets[0].getsockname()[1])

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
        for writer in list(self._writers):
            writer.close()
        if self._server is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._server.wait_closed(), 2)

    def _answer(self, request: csta.Message) -> tuple[bytes, list[bytes]]:
        for ex in self.exchanges:
            if not ex.used and ex.answer is not None and _same(ex.request, request):
                ex.used = True
                return ex.answer, ex.events
        if isinstance(request, csta.ResetApplicationSessionTimer):  # keep-alives beyond the capture's
            return csta.encode_xml(csta.ResetApplicationSessionTimerPosResponse(actual_session_duration=180)), []
        self.unmatched.append(request.XML_TAG)
        return csta.encode_xml(csta.CSTAErrorCode.of("operation", "serviceNotSupported")), []

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._writers.add(writer)
        decoder = csta.FrameDecoder()
        try:
            while data := await reader.read(65536):
                for frame in decoder.feed(data):
                    answer, events = self._answer(csta.decode(frame))
                    writer.write(csta.encode_frame(frame.invoke_id, answer))
                    for event in events:
                        writer.write(csta.encode_frame(csta.EVENT_INVOKE_ID, event))
                await writer.drain()
        except (ConnectionError, csta.CodecError):
            return
        finally:
            self._writers.discard(writer)
            writer.close()


def describe(event: LinkEvent) -> str:
    """One derived event as a line: the extension it is attributed to, the event, its call and cause."""
    msg = event.message
    call = ""
    for name in (
        "connection",
        "established_connection",
        "failed_connection",
        "dropped_connection",
        "initiated_connection",
        "originated_connection",
        "held_connection",
        "retrieved_connection",
        "cleared_call",
    ):
        cid = getattr(msg, name, None)
        if isinstance(cid, csta.ConnectionID) and cid.call_id:
            call = cid.call_id
            break
    cause = getattr(msg, "cause", None)
    return (
        f"{event.extension or '?'} {msg.XML_TAG}"
        + (f" call={call}" if call else "")
        + (f" cause={cause}" if cause else "")
    )


async def replay(frames: Sequence[TraceFrame], *, timeout: float = 10.0) -> list[str]:
    """Run a real link against the capture's switch; the derived event lines, in arrival order."""
    switch = ReplaySwitch(frames)
    await switch.start()
    derived: list[str] = []
    link = CstaLink(
        LinkConfig(
            endpoints=(Endpoint("127.0.0.1", switch.port, name="replay"),),
            username="replay",
            password="replay",
            request_timeout=timeout,
            connect_timeout=timeout,
        )
    )
    link.add_event_listener(lambda event: derived.append(describe(event)))
    try:
        await link.start()
        monitored = [ex.request for ex in switch.exchanges if isinstance(ex.request, csta.MonitorStart)]
        for request in monitored:
            device = request.monitor_object.device_object
            if device is not None and device.value:
                await link.monitor(link.extension_of(device.value))
        for ex in list(switch.exchanges):
            if not ex.used and not isinstance(ex.request, _LINK_OWN):
                with contextlib.suppress(Exception):  # a refusal in the capture is replayed as a refusal
                    await link.request(ex.request)
        with contextlib.suppress(Exception):  # a round trip (answered or refused): every event before it is read
            await link.request(csta.RequestSystemStatus())
    finally:
        await link.stop()
        await switch.stop()
    return derived
