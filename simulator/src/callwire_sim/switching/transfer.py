"""The call-control requests that combine two calls or move a party: transfer, conference, reconnect,
alternate, single-step transfer and single-step conference.

After TransferCall/ConferenceCall the resulting call keeps the held (primary) call's ID and UCID.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from callwire_csta import codec as c
from callwire_csta.codec import EventCause, LocalConnectionState, Message

from .errors import op_error, state_error
from .model import Call, Connection, Device, Handler, StationDevice, SwitchSession

if TYPE_CHECKING:
    from .routing import Routing

__all__ = ["Transfers"]

LS = LocalConnectionState


class Transfers:
    """Request handlers for two-call control and single-step transfer/conference."""

    def __init__(self, routing: Routing) -> None:
        self.routing = routing
        self.calls = routing.calls
        self.scripts = routing.scripts
        self.state = routing.state
        self.events = routing.events

    def handlers(self) -> Mapping[type[Message], Handler]:
        return {
            c.TransferCall: self.transfer_call,
            c.ConferenceCall: self.conference_call,
            c.ReconnectCall: self.reconnect_call,
            c.AlternateCall: self.alternate_call,
            c.SingleStepTransferCall: self.single_step_transfer_call,
            c.SingleStepConferenceCall: self.single_step_conference_call,
        }

    # ------------------------------------------------------------------------------- two calls

    def _pair(self, held_cid: c.ConnectionID, active_cid: c.ConnectionID) -> tuple[Connection, Connection]:
        """The held and the active connection of one device on two calls."""
        held, active = self.state.connection(held_cid), self.state.connection(active_cid)
        if held.device is not active.device:
            raise op_error("notSameDevice")
        if held.call is active.call:
            raise op_error("invalidActiveCallID")
        if held.state != LS.HOLD:
            raise state_error("invalidHeldConnectionState")
        if active.state not in (LS.CONNECTED, LS.ALERTING, LS.INITIATED, LS.QUEUED):
            raise state_error("invalidActiveConnectionState")
        return held, active

    def _merge(self, primary: Call, secondary: Call, leaving: Device | None) -> list[c.ConnectionListItem]:
        """Move secondary's parties into primary; the list of (new, old) connections."""
        cid, item = self.events.cid, self.events.connection_item
        items: list[c.ConnectionListItem] = []
        for conn in list(secondary.connections.values()):
            if conn.device is leaving:
                continue
            old = cid(conn)
            secondary.connections.pop(conn.device.id)
            conn.device.connections.pop(secondary.id, None)
            if conn.device.id in primary.connections:  # the same device on both calls: keep one connection
                self.calls.drop(conn)
                continue
            conn.call = primary
            primary.connections[conn.device.id] = conn
            conn.device.connections[primary.id] = conn
            items.append(item(cid(conn), old, conn.device))
        for conn in primary.connections.values():
            if conn.device is leaving:
                continue
            if not any(i.endpoint and i.endpoint.device_id == self.events.did(conn.device) for i in items):
                own = cid(conn)
                items.insert(0, item(own, own, conn.device))
        if not primary.split and secondary.split:
            primary.split, primary.vdn = secondary.split, secondary.vdn
        secondary.ended = True
        self.state.calls.pop(secondary.id, None)
        return items

    def transfer_call(self, s: SwitchSession, r: c.TransferCall) -> Message:
        held, active = self._pair(r.held_call, r.active_call)
        primary, secondary = held.call, active.call
        transferring = held.device
        others = [conn.device for conn in secondary.connections.values() if conn.device is not transferring]
        if not others:
            raise state_error("invalidActiveConnectionState")
        primary_cid, secondary_cid = self.events.cid(held), self.events.cid(active)
        recipients = {
            conn.device.id: conn.device for conn in (*primary.connections.values(), *secondary.connections.values())
        }
        # The transferring device leaves both calls.
        self.calls.drop(held)
        self.calls.drop(active)
        items = self._merge(primary, secondary, transferring)
        event = c.TransferedEvent(
            monitor_cross_ref_id="",
            primary_old_call=primary_cid,
            secondary_old_call=secondary_cid,
            transferring_device=self.events.xd(transferring),
            transferred_to_device=self.events.xd(others[0]),
            transferred_connections=tuple(items),
            cause=EventCause.TRANSFER,
            extensions=self.events.call_private(c.TransferredEventPrivateData, primary),
        )
        self.events.emit(primary, event, *recipients.values())
        if self.calls.live(primary) < 2:
            self.calls.end_call(primary)
        self.calls.deferred.run_after()
        return c.TransferCallResponse(
            transferred_call=c.ConnectionID(call_id=primary.call_id),
            connections=tuple(items),
            extensions=self.events.linkage_private(c.TransferCallResponsePrivateData, primary),
        )

    def conference_call(self, s: SwitchSession, r: c.ConferenceCall) -> Message:
        held, active = self._pair(r.held_call, r.active_call)
        primary, secondary = held.call, active.call
        conferencing = held.device
        others = [conn.device for conn in secondary.connections.values() if conn.device is not conferencing]
        if not others:
            raise state_error("invalidActiveConnectionState")
        primary_cid, secondary_cid = self.events.cid(held), self.events.cid(active)
        self.calls.drop(active)
        items = self._merge(primary, secondary, conferencing)
        self.calls.set_state(held, LS.CONNECTED)
        own = self.events.cid(held)
        items.insert(0, self.events.connection_item(own, primary_cid, conferencing))
        event = c.ConferencedEvent(
            monitor_cross_ref_id="",
            primary_old_call=primary_cid,
            secondary_old_call=secondary_cid,
            conferencing_device=self.events.xd(conferencing),
            added_party=self.events.xd(others[0]),
            conference_connections=tuple(items),
            cause=EventCause.CONFERENCE,
            extensions=self.events.call_private(c.ConferencedEventPrivateData, primary),
        )
        self.events.emit(primary, event)
        self.calls.deferred.run_after()
        return c.ConferenceCallResponse(
            conference_call=own,
            connections=tuple(items),
            extensions=self.events.linkage_private(c.ConferenceCallResponsePrivateData, primary),
        )

    def reconnect_call(self, s: SwitchSession, r: c.ReconnectCall) -> Message:
        held, active = self._pair(r.held_call, r.active_call)
        self.calls.release(active)
        self.calls.retrieve(held)
        return c.ReconnectCallResponse()

    def alternate_call(self, s: SwitchSession, r: c.AlternateCall) -> Message:
        held, active = self._pair(r.held_call, r.active_call)
        if active.state != LS.CONNECTED:
            raise state_error("invalidActiveConnectionState")
        self.calls.hold(active)
        self.calls.retrieve(held)
        return c.AlternateCallResponse()

    # ----------------------------------------------------------------------------- single step

    def single_step_transfer_call(self, s: SwitchSession, r: c.SingleStepTransferCall) -> Message:
        conn = self.state.connection(r.active_call)
        if conn.state not in (LS.CONNECTED, LS.HOLD):
            raise state_error("invalidConnectionState")
        dest, number = self.state.destination(r.transferred_to)
        call = conn.call
        if dest is not None and dest.id in call.connections:
            raise op_error("invalidDestinationDeviceID")
        if r.user_data is not None:
            call.user_data = r.user_data.string
        transferring = conn.device
        old = self.events.cid(conn)
        self.calls.drop(conn)
        self.events.emit(
            call,
            c.TransferedEvent(
                monitor_cross_ref_id="",
                primary_old_call=old,
                transferring_device=self.events.xd(transferring),
                transferred_to_device=self.events.xn(number),
                transferred_connections=self.events.unchanged_connections(call),
                cause=EventCause.SINGLE_STEP_TRANSFER,
            ),
            transferring,
        )
        call.last_redirection = transferring.id
        new = self.routing.offer(call, dest, number, cause=EventCause.SINGLE_STEP_TRANSFER)
        self.calls.deferred.run_after()
        return c.SingleStepTransferCallResponse(
            transferred_call=self.events.cid(new) if new is not None else c.ConnectionID(call_id=call.call_id),
            extensions=self.events.linkage_private(c.SingleStepTransferCallResponsePrivateData, call),
        )

    def single_step_conference_call(self, s: SwitchSession, r: c.SingleStepConferenceCall) -> Message:
        conn = self.state.connection(r.active_call)
        if conn.state not in (LS.CONNECTED, LS.HOLD):
            raise state_error("invalidConnectionState")
        joiner = self.state.device(r.device_to_join)
        if not isinstance(joiner, StationDevice):
            raise op_error("invalidDestinationDeviceID")
        call = conn.call
        if joiner.id in call.connections:
            raise state_error("invalidDestinationDeviceState")
        appearance = self.calls.free_appearance(joiner)
        if appearance is None:
            raise state_error("invalidDestinationDeviceState")
        silent = r.participation_type == c.ParticipationType.SILENT
        new = self.calls.add(call, joiner, LS.CONNECTED, appearance=appearance)
        self.events.emit(
            call,
            c.ConferencedEvent(
                monitor_cross_ref_id="",
                primary_old_call=self.events.cid(conn),
                conferencing_device=self.events.xd(conn.device),
                added_party=self.events.xd(joiner),
                conference_connections=self.events.unchanged_connections(call),
                cause=EventCause.SILENT_PARTICIPATION if silent else EventCause.ACTIVE_PARTICIPATION,
            ),
        )
        self.scripts.joined(new)
        ext = c.private(
            c.SingleStepConferenceCallResponsePrivateData(
                globally_unique_call_linkage_id=call.ucid,
                resulting_connections=tuple(self.events.cid(o) for o in call.connections.values()),
            )
        )
        return c.SingleStepConferenceCallResponse(conferenced_call=self.events.cid(new), extensions=ext)
