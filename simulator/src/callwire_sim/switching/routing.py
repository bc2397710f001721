"""Offering a call to a destination: a station alerts (or forwards, or is busy), a VDN or split goes to ACD, an
external number seizes an outbound trunk; and calls from the network arriving on the inbound trunk group.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from callwire_csta.codec import EventCause, LocalConnectionState

from ..farend import Script
from .errors import op_error
from .model import TRUNK, Call, Connection, Device, SplitDevice, StationDevice, VdnDevice
from .state import parse_extension

if TYPE_CHECKING:
    from .acd import Acd
    from .calls import CallModel
    from .scripts import Scripts

__all__ = ["Routing"]

LS = LocalConnectionState

#: How many forwarding hops a call follows before the last station is offered the call itself.
_MAX_FORWARD_HOPS = 3


class Routing:
    """Where a call goes when it is dialled, forwarded, transferred or deflected."""

    def __init__(self, calls: CallModel, scripts: Scripts, acd: Acd) -> None:
        self.calls = calls
        self.scripts = scripts
        self.acd = acd
        self.state = calls.state
        self.events = calls.events

    def offer(
        self,
        call: Call,
        dev: Device | None,
        number: str,
        *,
        cause: EventCause | None = None,
        hops: int = 0,
    ) -> Connection | None:
        """Offer `call` to a destination: alert a station, queue at a split/VDN, or seize a trunk."""
        if dev is None:
            return self._offer_external(call, number)
        if isinstance(dev, StationDevice):
            if dev.forward is not None and hops < _MAX_FORWARD_HOPS:
                return self._forward(call, dev, hops)
            if dev.dnd or (appearance := self.calls.free_appearance(dev)) is None or dev.id in call.connections:
                self.calls.fail(call, dev, EventCause.DO_NOT_DISTURB if dev.dnd else EventCause.BUSY)
                return None
            conn = self.calls.add(call, dev, LS.ALERTING, appearance=appearance)
            self.calls.deliver(conn, cause)
            self.scripts.offered_to_station(conn)
            return conn
        if isinstance(dev, VdnDevice):
            assert dev.vdn is not None
            call.vdn = dev.id
            split = self.state.devices[dev.vdn.split]
            assert isinstance(split, SplitDevice)
            return self.acd.offer(call, split)
        if isinstance(dev, SplitDevice):
            return self.acd.offer(call, dev)
        raise op_error("invalidDestinationDeviceID")

    def _forward(self, call: Call, dev: StationDevice, hops: int) -> Connection | None:
        """`dev` forwards immediately: Diverted for it (it never had a connection), then the offer goes on."""
        assert dev.forward is not None
        target = self.state.devices.get(dev.forward.destination)
        transient = Connection(call=call, device=dev, state=LS.NULL)
        event = self.events.diverted(transient, dev.forward.destination, EventCause.CALL_FORWARD_IMMEDIATE)
        self.events.emit(call, event, dev)
        call.last_redirection = dev.id
        return self.offer(call, target, dev.forward.destination, cause=EventCause.CALL_FORWARD_IMMEDIATE, hops=hops + 1)

    def _offer_external(self, call: Call, number: str) -> Connection | None:
        script = self.state.far_end.for_external(number)
        conn = self.calls.add_trunk(call, number, LS.ALERTING, self.state.site.outbound_trunk_group)
        if script.busy:
            self.calls.set_state(conn, LS.FAIL)
            self.calls.fail(call, conn.device, EventCause.BUSY)
            return conn
        self.calls.deliver(conn, None)
        self.scripts.start(conn, script)
        return conn

    # ---------------------------------------------------------------------------- the network side

    def incoming_call(self, caller: str, called: str, *, user_data: bytes | None = None) -> int:
        """A call from the network on the inbound trunk group to a station, split or VDN; its call ID."""
        dev = self.state.devices.get(parse_extension(called))
        if dev is None or dev.kind == TRUNK:
            raise op_error("invalidDeviceID")
        call = self.state.new_call(caller, dev.id, user_data)
        trunk = self.calls.add_trunk(call, caller, LS.CONNECTED, self.state.site.inbound_trunk_group)
        call.inbound_trunk = (trunk.trunk_group, trunk.trunk_member)
        self.offer(call, dev, dev.id)
        script = self.state.far_end.for_external(caller)
        if script.hangup_after_ms is not None:
            self.scripts.after_answer(trunk, Script(answer_after_ms=0, hangup_after_ms=script.hangup_after_ms))
        return call.id

    def external_hangup(self, number: str, *, user_data: bytes | None = None) -> int:
        """The external party `number` leaves every call it is on; how many."""
        conns = [
            conn
            for dev in list(self.state.devices.values())
            if dev.kind == TRUNK and dev.name == number
            for conn in dev.connections.values()
        ]
        for conn in conns:
            self.calls.release(conn, user_data)
        return len(conns)
