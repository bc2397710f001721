"""Events into the hub: the `Event` envelope of a device's event, and the link's state changes.

Link state changes are published under the reserved device key `LINK_DEVICE` ("") so that the events service
can subscribe every stream to them.
"""

from __future__ import annotations

from collections.abc import Callable

from callwire.common.v1 import enums_pb2 as common_enums
from callwire.events.v1 import enums_pb2 as ev_enums
from callwire.events.v1 import message_pb2 as events_pb2

from ..hub import EventHub
from ..mapping import LINK_STATE
from .inbox import LinkChange
from .state import Device, TrackedCall

#: The hub device key of link state events; every StreamEvents subscription watches it.
LINK_DEVICE = ""


class Publisher:
    """Builds envelopes and publishes them; counts what it published."""

    def __init__(
        self,
        hub: EventHub[events_pb2.Event],
        request_id_for: Callable[[str], str],
        link_state: common_enums.LinkState,
    ) -> None:
        self._hub = hub
        self._request_id_for = request_id_for
        self._link_state = link_state
        self.events_out = 0

    def envelope(self, event_type: int, dev: Device, received_at: float, call: TrackedCall | None) -> events_pb2.Event:
        """An event of `dev` (its payload is the caller's to fill), stamped with the time the link read it and
        the request that caused it, if one did."""
        ev = events_pb2.Event(
            event_type=event_type,  # type: ignore[arg-type]
            device=dev.extension,
            request_id=self._request_id_for(dev.extension),
            reference_id=dev.reference_id,
        )
        seconds = int(received_at)
        ev.time.seconds = seconds
        ev.time.nanos = int((received_at - seconds) * 1e9)
        if call is not None:
            ev.call.call_id = call.call_id
            ev.call.ucid = call.ucid
        return ev

    def publish(self, device: str, ev: events_pb2.Event) -> None:
        hub = self._hub

        def build(seq: int) -> events_pb2.Event:
            ev.sequence = seq
            ev.resume_token = hub.resume_token(seq)
            return ev

        hub.publish(device, build)
        self.events_out += 1

    def publish_idle(self, dev: Device, received_at: float, cause: str, call: TrackedCall | None) -> None:
        ev = self.envelope(ev_enums.EVENT_TYPE_IDLE, dev, received_at, call)
        ev.idle.cause_name = cause
        self.publish(dev.extension, ev)

    def link_change(self, item: LinkChange) -> None:
        """Publish a change of the link's state (not a repeat of the state it is in)."""
        change = item.change
        state = LINK_STATE[change.state]
        previous = self._link_state
        if state == previous:
            return
        self._link_state = state
        endpoint = change.endpoint
        ev = events_pb2.Event(event_type=ev_enums.EVENT_TYPE_LINK_STATE_CHANGED)
        seconds = int(item.at)
        ev.time.seconds = seconds
        ev.time.nanos = int((item.at - seconds) * 1e9)
        p = ev.link_state_changed
        if endpoint is not None:
            p.link = endpoint.label
            p.endpoint = f"{endpoint.host}:{endpoint.port}"
        p.state = state
        p.previous_state = previous
        if state != common_enums.LINK_STATE_UP:
            p.reason = change.reason
        self.publish(LINK_DEVICE, ev)
