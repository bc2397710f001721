"""EventService.StreamEvents: a snapshot, then the live events of the hub, per the lifecycle in the contract.

Each stream is one hub subscription (its own bounded queue), taken *before* the snapshot is built and with
no await in between, so the snapshot is exactly the state at the subscription's start sequence and the
live events follow it with no gap. Every subscription also watches the tracker's link device key, so
link_state_changed events reach streams of specific devices too.

Writing: after each wait the writer drains whatever else is already queued (`drain_ready`) and yields it
without waiting again. An event goes to every stream that watches its device (three or more for a busy
station), so it is serialized once, by the first stream that writes it, and the others write the same bytes:
the method is registered with a response serializer that passes bytes through (`_serialize`), and the
servicer keeps the serialized `StreamEventsResponse` of the recent events by sequence (`_WireCache`).

Endings: overflow -> STREAM_OVERFLOW (RESOURCE_EXHAUSTED) with `missed` and `last_sequence`; hub closed by
shutdown -> SHUTTING_DOWN (UNAVAILABLE); client cancel -> the generator is closed. The subscription is
released in every case.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import grpc

from callwire.events.v1 import enums_pb2 as ev_enums
from callwire.events.v1 import message_pb2 as events_pb2
from callwire.events.v1 import request_response_pb2 as rr
from callwire.events.v1 import service_pb2, service_pb2_grpc

from ..core import Core
from ..hub import SubscriptionClosed, SubscriptionOverflow, TokenProblem
from ..tracker import LINK_DEVICE
from ._common import CallwireError, invalid_argument

#: Events written per wake-up before the writer checks the queue again.
_BATCH = 256
#: Serialized events kept for the streams still to write them: more than a subscriber queue holds (1,000 by
#: default), so that a stream that lags behind still finds them; a miss only costs a serialization.
_WIRE_CACHE_SIZE = 4096


def _serialize(item: rr.StreamEventsResponse | bytes) -> bytes:
    """StreamEvents' response serializer: live events arrive already serialized, the other items as messages."""
    return item if isinstance(item, bytes) else item.SerializeToString()


class _WireCache:
    """The serialized `StreamEventsResponse` of each recent event, by sequence, shared by every stream."""

    def __init__(self, size: int = _WIRE_CACHE_SIZE) -> None:
        self._size = size
        self._by_sequence: dict[int, bytes] = {}

    def __call__(self, event: events_pb2.Event) -> bytes:
        by_sequence = self._by_sequence
        wire = by_sequence.get(event.sequence)
        if wire is None:
            wire = rr.StreamEventsResponse(event=event).SerializeToString()
            by_sequence[event.sequence] = wire
            if len(by_sequence) > self._size:
                del by_sequence[next(iter(by_sequence))]  # the oldest insertion
        return wire


class EventServicer(service_pb2_grpc.EventServiceServicer):
    def __init__(self, core: Core) -> None:
        self.core = core
        self._wire = _WireCache()

    def _devices(self, request: rr.StreamEventsRequest) -> list[str] | None:
        if request.all_devices:
            return None
        devices: list[str] = []
        for raw in request.devices:
            device = raw.strip()
            if device and device not in devices:
                devices.append(device)
        if not devices:
            raise invalid_argument("devices", "give the devices to watch, or set all_devices")
        for device in devices:
            self.core.require_monitored(device)
        return devices

    def _resume_point(self, request: rr.StreamEventsRequest) -> tuple[int | None, ev_enums.ResumeGapReason]:
        """The sequence to resume after (None: fresh, or a token naming no position of this server) and the
        ResumeGap reason when the request's token names none."""
        legacy = request.HasField("resume_after_sequence")
        if not request.resume_token:
            return (request.resume_after_sequence if legacy else None), ev_enums.RESUME_GAP_REASON_UNSPECIFIED
        if legacy:
            raise invalid_argument("resume_token", "give resume_token or resume_after_sequence, not both")
        position = self.core.hub.resume_position(request.resume_token)
        if position is TokenProblem.OTHER_EPOCH:
            return None, ev_enums.RESUME_GAP_REASON_OTHER_EPOCH
        if isinstance(position, TokenProblem):
            return None, ev_enums.RESUME_GAP_REASON_INVALID_TOKEN
        return position, ev_enums.RESUME_GAP_REASON_UNSPECIFIED

    async def StreamEvents(
        self, request: rr.StreamEventsRequest, context: Any
    ) -> AsyncIterator[rr.StreamEventsResponse | bytes]:
        devices = self._devices(request)
        resume, refused = self._resume_point(request)
        if self.core.shutting_down:
            raise CallwireError("SHUTTING_DOWN", "the server is shutting down; reconnect to another instance")
        # Accepted: the headers go now, before the first event (interceptors.ACCEPTED_BY_THE_SERVICER); a refusal
        # above went out as a status alone.
        await context.send_initial_metadata(())
        hub = self.core.hub
        watch = None if devices is None else [*devices, LINK_DEVICE]
        # subscribe and snapshot with no await in between: the snapshot is the state at start_sequence.
        sub = hub.subscribe(watch, resume_after=resume)
        gap = sub.gap or refused != ev_enums.RESUME_GAP_REASON_UNSPECIFIED
        first: list[rr.StreamEventsResponse] = []
        if gap:
            first.append(
                rr.StreamEventsResponse(
                    resume_gap=events_pb2.ResumeGap(
                        requested_sequence=resume or 0,
                        oldest_available_sequence=hub.oldest_sequence,
                        reason=refused or ev_enums.RESUME_GAP_REASON_NOT_HELD,
                    )
                )
            )
        if gap or (resume is None and request.include_snapshot):
            snapshot = self.core.calls.snapshot(devices)
            snapshot.sequence = sub.start_sequence
            snapshot.resume_token = hub.resume_token(sub.start_sequence)
            first.append(rr.StreamEventsResponse(snapshot=snapshot))
        last = sub.start_sequence if resume is None or gap else resume
        wire = self._wire

        def resume_here() -> dict[str, str]:
            return {"resume_token": hub.resume_token(last), "last_sequence": str(last)}

        try:
            for item in first:
                yield item
            while True:
                try:
                    event = await sub.next()
                except SubscriptionOverflow as exc:
                    behind = f"it fell {exc.capacity} events behind"
                    if exc.outrun:
                        behind = "its replay fell out of the event window"
                    raise CallwireError(
                        "STREAM_OVERFLOW",
                        f"this stream was ended because {behind}; {exc.missed} events were not delivered. "
                        "Resume with the resume_token of the last event received (also in this error's metadata)",
                        metadata={"missed": str(exc.missed), **resume_here()},
                    ) from None
                except SubscriptionClosed:
                    raise CallwireError(
                        "SHUTTING_DOWN",
                        f"the server is shutting down; resume on another instance after sequence {last} "
                        "with the resume_token of the last event received",
                        metadata=resume_here(),
                    ) from None
                yield wire(event)
                last = event.sequence
                for more in sub.drain_ready(_BATCH):
                    yield wire(more)
                    last = more.sequence
        finally:
            sub.close()


def register(server: grpc.aio.Server, core: Core) -> str:
    """As the generated `add_EventServiceServicer_to_server`, with the pass-through response serializer."""
    name: str = service_pb2.DESCRIPTOR.services_by_name["EventService"].full_name
    handlers = {
        "StreamEvents": grpc.unary_stream_rpc_method_handler(
            EventServicer(core).StreamEvents,
            request_deserializer=rr.StreamEventsRequest.FromString,
            response_serializer=_serialize,
        )
    }
    server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler(name, handlers),))
    server.add_registered_method_handlers(name, handlers)
    return name
