"""The connection life cycle of the call model: parties join and leave calls, answer, hold, retrieve, are
diverted and exchange digits, with the events a CM sends for each.

Choices where CM behaviour is not public (see the reference notes):
* When a party leaves and fewer than two parties remain, the call is torn down: ConnectionCleared for the
  leaving party, then CallCleared.
* A station has the call appearances of its buttons; one without call-appearance buttons has three.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from callwire_csta.codec import EventCause, LocalConnectionState

from .errors import op_error, state_error, switch_error
from .model import LIVE_STATES, TRUNK, Agent, Call, Connection, Device, SplitDevice, StationDevice

if TYPE_CHECKING:
    from .deferred import Deferred
    from .events import Events
    from .state import SwitchState

__all__ = ["CallModel"]

LS = LocalConnectionState

#: Characters GenerateDigits and SendDTMFTone accept.
_DTMF = frozenset("0123456789*#ABCDabcd")


class CallModel:
    """Connections of calls: adding and dropping parties, their state changes and the events of each."""

    def __init__(self, state: SwitchState, deferred: Deferred, events: Events) -> None:
        self.state = state
        self.deferred = deferred
        self.events = events
        #: Called (after the step's events) when an agent's station has no call left, with whether the call
        #: that ended was an ACD call; installed by the agent logic (which sits above the call model).
        self.on_agent_idle: Callable[[Agent, bool], None] = lambda _agent, _had_acd: None

    # ----------------------------------------------------------------------------------- parties

    @staticmethod
    def free_appearance(dev: StationDevice) -> str | None:
        used = {conn.appearance for conn in dev.connections.values()}
        for b in dev.buttons:
            if b.function == "call-appearance" and b.id not in used:
                return b.id
        if not any(b.function == "call-appearance" for b in dev.buttons) and len(dev.connections) < 3:
            return f"ca{len(dev.connections) + 1}"
        return None

    def add(self, call: Call, dev: Device, state: LocalConnectionState, **kw: Any) -> Connection:
        conn = Connection(call=call, device=dev, state=state, **kw)
        if isinstance(dev, StationDevice) and conn.appearance is None:
            conn.appearance = self.free_appearance(dev)
        call.connections[dev.id] = conn
        dev.connections[call.id] = conn
        self.deferred.touch(dev)
        return conn

    def set_state(self, conn: Connection, state: LocalConnectionState) -> None:
        conn.state = state
        self.deferred.touch(conn.device)

    def add_trunk(self, call: Call, number: str, state: LocalConnectionState, group: str) -> Connection:
        """An external party on a member of trunk group `group`, with a dynamic device ID."""
        tg = self.state.trunks.get(group)
        member = tg.seize() if tg is not None else None
        if tg is not None and member is None:
            raise switch_error("subscribedResourceAvailability", "trunkLimitExceeded")
        call.parties += 1
        dev = Device(id=f"T{call.id}#{len(call.connections) + 1}", kind=TRUNK, name=number)
        while dev.id in self.state.devices:
            dev.id += "'"
        self.state.devices[dev.id] = dev
        return self.add(call, dev, state, trunk_group=group, trunk_member=member or 0, external_number=number)

    def drop(self, conn: Connection) -> None:
        """Remove a connection without events (callers emit them)."""
        call, dev = conn.call, conn.device
        call.connections.pop(dev.id, None)
        if dev.connections.get(call.id) is conn:
            del dev.connections[call.id]
        conn.state = LS.NULL
        self.deferred.cancel_timers(conn)
        if dev.kind == TRUNK:
            tg = self.state.trunks.get(conn.trunk_group)
            if tg is not None:
                tg.busy.discard(conn.trunk_member)
            self.state.devices.pop(dev.id, None)
        elif isinstance(dev, SplitDevice):
            if conn in dev.queue:
                dev.queue.remove(conn)
        elif isinstance(dev, StationDevice):
            self.deferred.touch(dev)
            agent = dev.agent
            if agent is not None and not dev.connections:
                had_acd = conn.acd
                self.deferred.after(lambda: self.on_agent_idle(agent, had_acd))

    @staticmethod
    def live(call: Call) -> int:
        """How many parties take part in `call` (queued included)."""
        return sum(1 for conn in call.connections.values() if conn.state in LIVE_STATES or conn.state == LS.QUEUED)

    def release(self, conn: Connection, data: bytes | None = None, cause: EventCause | None = None) -> None:
        """A party leaves: ConnectionCleared, and the call ends when fewer than two parties remain."""
        call = conn.call
        if call.ended or call.connections.get(conn.device.id) is not conn:
            return
        event = self.events.connection_cleared(conn, data, cause or EventCause.NORMAL_CLEARING)
        dev = conn.device
        self.drop(conn)
        self.events.emit(call, event, dev)
        if self.live(call) < 2:
            self.end_call(call, cause or EventCause.NORMAL_CLEARING)
        self.deferred.run_after()

    def end_call(self, call: Call, cause: EventCause = EventCause.NORMAL_CLEARING) -> None:
        if call.ended:
            return
        if call.connections:
            self.events.emit(call, self.events.call_cleared(call, cause))
        for conn in list(call.connections.values()):
            self.drop(conn)
        call.ended = True
        self.state.calls.pop(call.id, None)

    def clear_call(self, call: Call, data: bytes | None) -> None:
        """Every party leaves at once (ClearCall): ConnectionCleared for each, then CallCleared."""
        for other in list(call.connections.values()):
            event = self.events.connection_cleared(other, data, EventCause.NORMAL_CLEARING, with_linkage=False)
            self.events.emit(call, event)
        self.end_call(call)
        self.deferred.run_after()

    # ------------------------------------------------------------------------------ state changes

    def initiate(self, call: Call, caller: StationDevice, appearance: str) -> Connection:
        """The caller's connection on a call it makes, announced with ServiceInitiated."""
        conn = self.add(call, caller, LS.INITIATED, appearance=appearance)
        self.events.emit(call, self.events.service_initiated(conn))
        return conn

    def originate(self, call: Call, caller: StationDevice, appearance: str, number: str) -> Connection:
        """The caller's connection, initiated and then connected towards `number` (Originated)."""
        conn = self.initiate(call, caller, appearance)
        self.set_state(conn, LS.CONNECTED)
        self.events.emit(call, self.events.originated(conn, number))
        return conn

    def deliver(self, conn: Connection, cause: EventCause | None) -> None:
        """Delivered for an alerting connection."""
        self.events.emit(conn.call, self.events.delivered(conn, cause))

    def answer(self, conn: Connection, cause: EventCause | None = None) -> None:
        self.set_state(conn, LS.CONNECTED)
        self.events.emit(conn.call, self.events.established(conn, cause))

    def fail(self, call: Call, dev: Device, cause: EventCause) -> None:
        """`dev` cannot take `call` (busy, do not disturb): Failed, without a connection on the call."""
        conn = Connection(call=call, device=dev, state=LS.FAIL)
        event = self.events.failed(conn, self.events.xd(dev), self.events.xn(call.calling), cause)
        self.events.emit(call, event, dev)

    def hold(self, conn: Connection) -> None:
        self.set_state(conn, LS.HOLD)
        self.events.emit(conn.call, self.events.held(conn))

    def retrieve(self, conn: Connection) -> None:
        self.set_state(conn, LS.CONNECTED)
        self.events.emit(conn.call, self.events.retrieved(conn))

    def divert(self, conn: Connection, number: str, cause: EventCause) -> None:
        """`conn` leaves its call towards `number` (deflection, pickup): Diverted."""
        call, dev = conn.call, conn.device
        event = self.events.diverted(conn, number, cause)
        self.drop(conn)
        self.events.emit(call, event, dev)

    # ------------------------------------------------------------------------------------ digits

    def generate(self, conn: Connection, digits: str) -> None:
        """`conn` sends DTMF digits into its call (GenerateDigits, SendDTMFTone)."""
        if conn.state != LS.CONNECTED:
            raise state_error("invalidConnectionState")
        if not digits or any(ch not in _DTMF for ch in digits):
            raise op_error("invalidParameterValue")
        self.events.emit(conn.call, self.events.digits_generated(conn, digits))
        self.digits_from(conn, digits)

    def digits_from(self, conn: Connection, digits: str) -> None:
        """Every other party of `conn`'s call hears `digits`."""
        for other in conn.call.connections.values():
            if other is not conn:
                self._hear(other, digits)

    def _hear(self, conn: Connection, digits: str) -> None:
        far_end = self.state.far_end
        if isinstance(conn.device, StationDevice):
            conn.device.received_digits.append(digits)
        elif conn.device.kind == TRUNK:
            far_end.hear_digits(conn.external_number, digits)
        if conn.device.kind != TRUNK:
            far_end.hear_digits(conn.device.id, digits)
