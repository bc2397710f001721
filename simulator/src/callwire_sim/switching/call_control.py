"""The call-control requests on one call: make, answer, clear, hold, retrieve, consult, deflect, pick up,
digits and selective listening. The requests that combine two calls or add a party are in `transfer`.

CM takes a call to a number its dial plan does not assign and gives the caller intercept tone; numbers of at
least `EXTERNAL_MIN_DIGITS` digits, and numbers with a far-end script, are external.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from callwire_csta import codec as c
from callwire_csta.codec import EventCause, LocalConnectionState, Message

from .errors import SwitchError, op_error, state_error
from .model import STATION, Connection, Handler, StationDevice, SwitchSession
from .state import parse_extension

if TYPE_CHECKING:
    from .routing import Routing

__all__ = ["CallControl"]

LS = LocalConnectionState


class CallControl:
    """Request handlers for single-call control."""

    def __init__(self, routing: Routing) -> None:
        self.routing = routing
        self.calls = routing.calls
        self.state = routing.state
        self.events = routing.events

    def handlers(self) -> Mapping[type[Message], Handler]:
        return {
            c.MakeCall: self.make_call,
            c.AnswerCall: self.answer_call,
            c.ClearConnection: self.clear_connection,
            c.ClearCall: self.clear_call,
            c.HoldCall: self.hold_call,
            c.RetrieveCall: self.retrieve_call,
            c.ConsultationCall: self.consultation_call,
            c.DeflectCall: self.deflect_call,
            c.DirectedPickupCall: self.directed_pickup_call,
            c.GroupPickupCall: self.group_pickup_call,
            c.GenerateDigits: self.generate_digits,
            c.SendDTMFTone: self.send_dtmf_tone,
            c.SelectiveListeningHold: self.selective_listening_hold,
            c.SelectiveListeningRetrieve: self.selective_listening_retrieve,
        }

    # ------------------------------------------------------------------------------- make a call

    def make_call(self, s: SwitchSession, r: c.MakeCall) -> Message:
        # The error value says which party was wrong, so that a client can name it.
        if r.calling_device is None or parse_extension(r.calling_device.value) not in self.state.devices:
            raise op_error("invalidCallingDeviceID")
        caller = self.state.device(r.calling_device)
        if not isinstance(caller, StationDevice):
            raise op_error("requestIncompatibleWithCallingDevice")
        called = parse_extension(r.called_directory_number.value) if r.called_directory_number is not None else ""
        if called.isdigit() and called not in self.state.devices and not self.state.is_external(called):
            return self._make_call_to_unassigned(caller, called, r)
        try:
            dest, number = self.state.destination(r.called_directory_number)
        except SwitchError as exc:
            if exc.error.value == "invalidDeviceID":
                raise op_error("invalidCalledDeviceID") from None
            raise
        appearance = self.calls.free_appearance(caller)
        if appearance is None:
            raise state_error("invalidCallingDeviceState")
        if dest is caller:
            raise op_error("invalidCalledDeviceID")
        call = self.state.new_call(caller.id, number, r.user_data.string if r.user_data else None)
        conn = self.calls.originate(call, caller, appearance, number)
        self.routing.offer(call, dest, number)
        return self._make_call_response(conn)

    def _make_call_to_unassigned(self, caller: StationDevice, number: str, r: c.MakeCall) -> Message:
        """The request succeeds, the caller's connection fails (FailedEvent, cause destNotObtainable) and stays
        in the fail state until the caller hangs up."""
        appearance = self.calls.free_appearance(caller)
        if appearance is None:
            raise state_error("invalidCallingDeviceState")
        call = self.state.new_call(caller.id, number, r.user_data.string if r.user_data else None)
        conn = self.calls.initiate(call, caller, appearance)
        self.calls.set_state(conn, LS.FAIL)
        cause = EventCause.DEST_NOT_OBTAINABLE
        self.events.emit(call, self.events.failed(conn, self.events.xn(number), self.events.xd(caller), cause))
        return self._make_call_response(conn)

    def _make_call_response(self, conn: Connection) -> Message:
        return c.MakeCallResponse(
            calling_device=self.events.cid(conn),
            extensions=self.events.linkage_private(c.MakeCallResponsePrivateData, conn.call),
        )

    # --------------------------------------------------------------------- answer, clear, hold

    def answer_call(self, s: SwitchSession, r: c.AnswerCall) -> Message:
        conn = self.state.connection(r.call_to_be_answered)
        if conn.state != LS.ALERTING:
            raise state_error("invalidConnectionState")
        if conn.device.kind != STATION:
            raise op_error("requestIncompatibleWithObject")
        self.calls.answer(conn)
        return c.AnswerCallResponse()

    def clear_connection(self, s: SwitchSession, r: c.ClearConnection) -> Message:
        conn = self.state.connection(r.connection_to_be_cleared)
        self.calls.release(conn, r.user_data.string if r.user_data else None)
        return c.ClearConnectionResponse()

    def clear_call(self, s: SwitchSession, r: c.ClearCall) -> Message:
        conn = self.state.connection(r.call_to_be_cleared)
        self.calls.clear_call(conn.call, r.user_data.string if r.user_data else None)
        return c.ClearCallResponse()

    def hold_call(self, s: SwitchSession, r: c.HoldCall) -> Message:
        conn = self.state.connection(r.call_to_be_held)
        if conn.device.kind != STATION:
            raise op_error("requestIncompatibleWithObject")
        if conn.state != LS.CONNECTED:
            raise state_error("invalidConnectionState")
        self.calls.hold(conn)
        return c.HoldCallResponse()

    def retrieve_call(self, s: SwitchSession, r: c.RetrieveCall) -> Message:
        conn = self.state.connection(r.call_to_be_retrieved)
        if conn.state != LS.HOLD:
            raise state_error("invalidConnectionState")
        self.calls.retrieve(conn)
        return c.RetrieveCallResponse()

    def consultation_call(self, s: SwitchSession, r: c.ConsultationCall) -> Message:
        existing = self.state.connection(r.existing_call)
        dev = existing.device
        if not isinstance(dev, StationDevice):
            raise op_error("requestIncompatibleWithObject")
        if existing.state != LS.CONNECTED:
            raise state_error("invalidConnectionState")
        dest, number = self.state.destination(r.consulted_device)
        if dest is dev:
            raise op_error("invalidCalledDeviceID")
        appearance = self.calls.free_appearance(dev)
        if appearance is None:
            raise state_error("invalidDeviceState")
        self.calls.hold(existing)
        call = self.state.new_call(dev.id, number, r.user_data.string if r.user_data else None)
        conn = self.calls.originate(call, dev, appearance, number)
        self.routing.offer(call, dest, number)
        return c.ConsultationCallResponse(
            initiated_call=self.events.cid(conn),
            extensions=self.events.linkage_private(c.ConsultationCallResponsePrivateData, call),
        )

    # ------------------------------------------------------------------------ deflect, pick up

    def deflect_call(self, s: SwitchSession, r: c.DeflectCall) -> Message:
        conn = self.state.connection(r.call_to_be_diverted)
        if conn.state != LS.ALERTING or conn.device.kind != STATION:
            raise state_error("invalidConnectionState")
        dest, number = self.state.destination(r.new_destination)
        call = conn.call
        if dest is not None and dest.id in call.connections:
            raise op_error("invalidDestinationDeviceID")
        self.calls.divert(conn, number, EventCause.REDIRECTED)
        call.last_redirection = conn.device.id
        self.routing.offer(call, dest, number, cause=EventCause.REDIRECTED)
        self.calls.deferred.run_after()
        return c.DeflectCallResponse()

    def _pickup(self, conn: Connection, requester: StationDevice) -> Connection:
        if conn.state != LS.ALERTING or conn.device.kind != STATION:
            raise state_error("invalidConnectionState")
        if requester.id in conn.call.connections:
            raise state_error("invalidDeviceState")
        appearance = self.calls.free_appearance(requester)
        if appearance is None:
            raise state_error("invalidDeviceState")
        call = conn.call
        acd = conn.acd
        self.calls.divert(conn, requester.id, EventCause.CALL_PICKUP)
        call.last_redirection = conn.device.id
        new = self.calls.add(call, requester, LS.ALERTING, appearance=appearance, acd=acd)
        self.calls.answer(new, EventCause.CALL_PICKUP)
        self.calls.deferred.run_after()
        return new

    def directed_pickup_call(self, s: SwitchSession, r: c.DirectedPickupCall) -> Message:
        conn = self.state.connection(r.call_to_be_picked_up)
        requester = self.state.station(r.requesting_device)
        new = self._pickup(conn, requester)
        return c.DirectedPickupCallResponse(picked_call=self.events.cid(new))

    def group_pickup_call(self, s: SwitchSession, r: c.GroupPickupCall) -> Message:
        requester = self.state.station(r.new_destination)
        group = requester.station.pickup_group if requester.station else 0
        if r.pick_group is not None:
            try:
                group = int(parse_extension(r.pick_group.value))
            except ValueError:
                raise op_error("invalidParameterValue") from None
        target: Connection | None = None
        for member in self.state.pickup_groups.get(group, ()):
            if member is requester:
                continue
            for conn in member.connections.values():
                if conn.state == LS.ALERTING and (target is None or conn.call.id < target.call.id):
                    target = conn
        if target is None:
            raise state_error("noCallToAnswer")
        new = self._pickup(target, requester)
        return c.GroupPickupCallResponse(picked_call=self.events.cid(new))

    # ------------------------------------------------------------------- digits, listening

    def generate_digits(self, s: SwitchSession, r: c.GenerateDigits) -> Message:
        self.calls.generate(self.state.connection(r.connection_to_send_digits), r.characters_to_send)
        return c.GenerateDigitsResponse()

    def send_dtmf_tone(self, s: SwitchSession, r: c.SendDTMFTone) -> Message:
        self.calls.generate(self.state.connection(r.sender), r.tones)
        return c.SendDTMFToneResponse()

    def _selective(self, r: c.SelectiveListeningHold | c.SelectiveListeningRetrieve, hold: bool) -> None:
        sl = r.selective_listening
        if sl is None:
            raise op_error("invalidParameterValue")
        subject = self.state.connection(sl.subject_connection)
        key = "*"
        if not sl.all_parties:
            party = self.state.connection(sl.selected_party)
            if party.call is not subject.call or party is subject:
                raise op_error("invalidConnectionID")
            key = party.device.id
        if hold:
            subject.listen_held.add(key)
        elif key == "*":
            subject.listen_held.clear()
        else:
            subject.listen_held.discard(key)

    def selective_listening_hold(self, s: SwitchSession, r: c.SelectiveListeningHold) -> Message:
        self._selective(r, True)
        return c.SelectiveListeningHoldResponse()

    def selective_listening_retrieve(self, s: SwitchSession, r: c.SelectiveListeningRetrieve) -> Message:
        self._selective(r, False)
        return c.SelectiveListeningRetrieveResponse()
