"""Call events: each CSTA call-control event of a monitored extension applied to the state and translated into
its `Event` (offered/alerting, connected, held, retrieved, failed, disconnected, transferred, conferenced, idle).

Every method applies one event and publishes without yielding (see the package docstring). The call data of
the legacy offer/connect events (calling/called, UCID, UUI and user data, the Avaya private data) is kept on the
call, so later events of the call carry it too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from callwire.common.v1 import enums_pb2 as common_enums
from callwire.events.v1 import enums_pb2 as ev_enums
from callwire_csta import codec as csta

from ..mapping import CONNECTION_STATE, cause, device_of, private_data
from .publishing import Publisher
from .state import AlertInfo, Device, HangupInfo, TrackedCall, TrackerState

CS = common_enums.ConnectionState


class CallEvents:
    """Applies and publishes call-control events."""

    def __init__(self, state: TrackerState, publisher: Publisher, extension_of: Callable[[str], str]) -> None:
        self._x = extension_of
        self._calls = state.calls
        self._call_devices = state.call_devices
        self._devices = state.devices
        self._get_call = state.get_call
        self._attach = state.attach
        self._detach = state.detach
        self._own = state.own
        self._touch = state.touch
        self._envelope = publisher.envelope
        self._publish = publisher.publish
        self._publish_idle = publisher.publish_idle

    # ------------------------------------------------------------------------------ call data

    def _fill_call_data(self, call: TrackedCall, msg: Any, uui_hex: str, data: str) -> None:
        """Calling/called, UCID, UUI and the Avaya private data of a Delivered/Established/Diverted event."""
        x = self._x
        calling = device_of(x, msg.calling_device)
        called = device_of(x, msg.called_device)
        if calling:
            call.calling = calling
            if not call.original_calling:
                call.original_calling = calling
        if called:
            call.called = called
            if not call.original_called:
                call.original_called = called
        linkage = msg.call_linkage_data
        if linkage is not None and linkage.ucid:
            call.ucid = linkage.ucid
        if uui_hex:
            call.uui = uui_hex
            call.user_data = data
        redirection = msg.last_redirection_device
        if redirection is not None and redirection.number_dialed is not None:
            call.last_redirection = x(redirection.number_dialed.value)
        cls = (
            csta.DeliveredEventPrivateData if isinstance(msg, csta.DeliveredEvent) else csta.EstablishedEventPrivateData
        )
        priv = private_data(msg, cls)
        if priv is not None:
            if priv.trunk_group:
                call.trunk_group = priv.trunk_group
            if priv.trunk_member:
                call.trunk_member = priv.trunk_member
            if priv.acd_group is not None:
                call.split = x(priv.acd_group.value)
            if priv.user_entered_code is not None and priv.user_entered_code.data:
                call.uec = priv.user_entered_code.data
            info = priv.original_call_info
            if info is not None:
                orig_calling = device_of(x, info.network_calling_device)
                orig_called = device_of(x, info.network_called_device)
                if orig_calling:
                    call.original_calling = orig_calling
                if orig_called:
                    call.original_called = orig_called
                if info.trunk_group and not call.trunk_group:
                    call.trunk_group = info.trunk_group
                if info.trunk_member and not call.trunk_member:
                    call.trunk_member = info.trunk_member
        network_calling = getattr(msg, "network_calling_device", None)
        network_called = getattr(msg, "network_called_device", None)
        call.cli = device_of(x, network_calling) or call.cli or call.calling
        call.dnis = device_of(x, network_called) or call.dnis or call.called

    @staticmethod
    def _call_fields(target: Any, call: TrackedCall) -> None:
        target.original_calling = call.original_calling
        target.original_called = call.original_called
        target.calling = call.calling
        target.called = call.called
        target.uui = call.uui
        target.uec = call.uec
        target.split = call.split
        target.user_data = call.user_data
        target.trunk_group = call.trunk_group
        target.trunk_member = call.trunk_member
        target.last_redirection = call.last_redirection

    # ------------------------------------------------------------------------------ one call

    def delivered(self, dev: Device, msg: csta.DeliveredEvent, at: float, uui_hex: str, data: str) -> None:
        call_id = msg.connection.call_id or ""
        call = self._get_call(call_id)
        self._fill_call_data(call, msg, uui_hex, data)
        alerting = device_of(self._x, msg.alerting_device)
        if alerting:
            call.parties[alerting] = CS.CONNECTION_STATE_ALERTING
        if call.calling and call.calling not in call.parties:
            call.parties[call.calling] = CS.CONNECTION_STATE_CONNECTED
        ext = dev.extension
        self._own(dev, call, msg.local_connection_info)
        call.updated_at = at
        if call.state_of(ext) != CS.CONNECTION_STATE_NULL:
            self._attach(dev, call)
        payload: Any
        incoming = alerting == ext or msg.local_connection_info is csta.LocalConnectionState.ALERTING
        # The last alert at the device, incoming or outgoing: the reference's `userdata` alert answer for the
        # caller shows its own call ringing at the called party.
        dev.last_alert = AlertInfo(
            call_id=call.call_id,
            ucid=call.ucid,
            calling=call.calling,
            called=call.called,
            alerting=alerting,
            cli=call.cli,
            dnis=call.dnis,
            uec=call.uec,
            split=call.split,
            trunk_group=call.trunk_group,
            trunk_member=call.trunk_member,
            uui=call.uui,
            user_data=call.user_data,
            time=at,
        )
        if incoming:
            ev = self._envelope(ev_enums.EVENT_TYPE_OFFERED, dev, at, call)
            payload = ev.offered
        else:
            ev = self._envelope(ev_enums.EVENT_TYPE_ALERTING, dev, at, call)
            payload = ev.alerting
        self._call_fields(payload, call)
        payload.alerting = alerting
        self._publish(ext, ev)

    def established(self, dev: Device, msg: csta.EstablishedEvent, at: float, uui_hex: str, data: str) -> None:
        call = self._get_call(msg.established_connection.call_id or "")
        self._fill_call_data(call, msg, uui_hex, data)
        answering = device_of(self._x, msg.answering_device)
        if answering:
            call.parties[answering] = CS.CONNECTION_STATE_CONNECTED
        if call.calling and call.calling not in call.parties:
            call.parties[call.calling] = CS.CONNECTION_STATE_CONNECTED
        self._touch(dev, call, msg.local_connection_info, at)
        ev = self._envelope(ev_enums.EVENT_TYPE_CONNECTED, dev, at, call)
        self._call_fields(ev.connected, call)
        ev.connected.answering = answering
        self._publish(dev.extension, ev)

    def held(self, dev: Device, msg: csta.HeldEvent, at: float) -> None:
        call = self._get_call(msg.held_connection.call_id or "")
        holding = device_of(self._x, msg.holding_device)
        if holding:
            call.parties[holding] = CS.CONNECTION_STATE_HOLD
        self._touch(dev, call, msg.local_connection_info, at)
        ev = self._envelope(ev_enums.EVENT_TYPE_HELD, dev, at, call)
        ev.held.holding = holding
        self._publish(dev.extension, ev)

    def retrieved(self, dev: Device, msg: csta.RetrievedEvent, at: float) -> None:
        call = self._get_call(msg.retrieved_connection.call_id or "")
        retrieving = device_of(self._x, msg.retrieving_device)
        if retrieving:
            call.parties[retrieving] = CS.CONNECTION_STATE_CONNECTED
        self._touch(dev, call, msg.local_connection_info, at)
        ev = self._envelope(ev_enums.EVENT_TYPE_RETRIEVED, dev, at, call)
        ev.retrieved.retrieving = retrieving
        self._publish(dev.extension, ev)

    def failed(self, dev: Device, msg: csta.FailedEvent, at: float) -> None:
        x = self._x
        call = self._get_call(msg.failed_connection.call_id or "")
        failing = device_of(x, msg.failing_device)
        if failing:
            call.parties[failing] = CS.CONNECTION_STATE_FAIL
        called = device_of(x, msg.called_device)
        if called and not call.called:
            call.called = called
        if msg.call_linkage_data is not None and msg.call_linkage_data.ucid:
            call.ucid = msg.call_linkage_data.ucid
        self._touch(dev, call, msg.local_connection_info, at)
        ev = self._envelope(ev_enums.EVENT_TYPE_FAILED, dev, at, call)
        ev.failed.failing = failing
        ev.failed.called = called or call.called
        ev.failed.cause, ev.failed.cause_name = cause(msg.cause)
        self._publish(dev.extension, ev)

    def cleared(self, dev: Device, msg: csta.ConnectionClearedEvent, at: float, uui_hex: str, data: str) -> None:
        ext = dev.extension
        call_id = msg.dropped_connection.call_id or ""
        call = self._calls.get(call_id) or TrackedCall(call_id)
        if msg.call_linkage_data is not None and msg.call_linkage_data.ucid:
            call.ucid = msg.call_linkage_data.ucid
        releasing = device_of(self._x, msg.releasing_device)
        if not releasing and msg.dropped_connection.device_id is not None:
            releasing = self._x(msg.dropped_connection.device_id.value)
        if releasing:
            call.parties.pop(releasing, None)
        self._own(dev, call, msg.local_connection_info)
        call.updated_at = at
        ev = self._envelope(ev_enums.EVENT_TYPE_DISCONNECTED, dev, at, call)
        payload = ev.disconnected
        payload.releasing = releasing
        payload.uui = uui_hex
        payload.user_data = data
        payload.cause, payload.cause_name = cause(msg.cause)
        gone = releasing == ext or ext not in call.parties
        # The hang-up data is read by the party that stays as well (e.g. PIN verification: the IVR leaves).
        dev.last_hangup = HangupInfo(
            call_id=call_id, ucid=call.ucid, releasing=releasing, uui=uui_hex, user_data=data, time=at
        )
        self._publish(ext, ev)
        if gone and self._detach(ext, call_id) and not dev.calls:
            self._publish_idle(dev, at, payload.cause_name, call)

    def call_cleared(self, dev: Device, msg: csta.CallClearedEvent, at: float) -> None:
        call_id = msg.cleared_call.call_id or ""
        call = self._calls.get(call_id)
        removed = self._detach(dev.extension, call_id)
        if call is not None:
            call.parties.pop(dev.extension, None)
        if call_id not in self._call_devices:
            self._calls.pop(call_id, None)
        if removed and not dev.calls:
            self._publish_idle(dev, at, msg.cause.value if msg.cause else "", call)

    def originated(self, dev: Device, msg: csta.OriginatedEvent | csta.ServiceInitiatedEvent) -> None:
        if isinstance(msg, csta.OriginatedEvent):
            conn = msg.originated_connection
            called = device_of(self._x, msg.called_device)
        else:
            conn = msg.initiated_connection
            called = ""
        call = self._get_call(conn.call_id or "")
        if msg.call_linkage_data is not None and msg.call_linkage_data.ucid:
            call.ucid = msg.call_linkage_data.ucid
        if called:
            call.called = call.called or called
            call.original_called = call.original_called or called
        call.calling = call.calling or dev.extension
        call.original_calling = call.original_calling or dev.extension
        state = msg.local_connection_info
        call.parties[dev.extension] = CONNECTION_STATE[state] if state else CS.CONNECTION_STATE_INITIATED
        self._attach(dev, call)

    def diverted(self, dev: Device, msg: csta.DivertedEvent, at: float) -> None:
        call = self._calls.get(msg.connection.call_id or "")
        if call is None:
            return
        diverting = device_of(self._x, msg.diverting_device)
        if diverting:
            call.parties.pop(diverting, None)
            call.last_redirection = diverting
        self._own(dev, call, msg.local_connection_info)
        if dev.extension not in call.parties:
            self._detach(dev.extension, call.call_id)

    def queued(self, dev: Device, msg: csta.QueuedEvent) -> None:
        call = self._get_call(msg.queued_connection.call_id or "")
        queue = device_of(self._x, msg.queue)
        if queue:
            call.parties[queue] = CS.CONNECTION_STATE_QUEUED
            call.split = call.split or queue

    def _merge(
        self,
        primary_id: str,
        secondary_id: str,
        items: tuple[csta.ConnectionListItem, ...],
        leaving: str,
    ) -> tuple[TrackedCall, list[str]]:
        """Move the parties of the secondary call into the resulting call; its parties in order."""
        x = self._x
        result_id = primary_id
        for item in items:
            if item.new_connection is not None and item.new_connection.call_id:
                result_id = item.new_connection.call_id
                break
        result = self._get_call(result_id)
        primary = self._calls.get(primary_id)
        secondary = self._calls.get(secondary_id) if secondary_id else None
        for old in (primary, secondary):
            if old is None or old is result:
                continue
            for name in ("ucid", "calling", "called", "original_calling", "original_called", "uui", "user_data"):
                if not getattr(result, name) and getattr(old, name):
                    setattr(result, name, getattr(old, name))
            for device, state in old.parties.items():
                result.parties.setdefault(device, state)
        parties: list[str] = []
        for item in items:
            endpoint = item.endpoint
            if endpoint is not None and endpoint.device_id is not None:
                party = x(endpoint.device_id.value)
                parties.append(party)
                if party not in result.parties or result.parties[party] == CS.CONNECTION_STATE_HOLD:
                    result.parties[party] = CS.CONNECTION_STATE_CONNECTED
        if leaving:
            result.parties.pop(leaving, None)
        # Every tracked device on the old calls is now on the resulting call.
        for old_id in (primary_id, secondary_id):
            if not old_id or old_id == result.call_id:
                continue
            for holder in list(self._call_devices.get(old_id, ())):
                holder_dev = self._devices.get(holder)
                self._detach(holder, old_id)
                if holder_dev is not None and holder in result.parties:
                    self._attach(holder_dev, result)
            self._calls.pop(old_id, None)
        return result, parties

    def transferred(self, dev: Device, msg: csta.TransferedEvent, at: float, uui_hex: str, data: str) -> None:
        x = self._x
        ext = dev.extension
        primary_id = msg.primary_old_call.call_id or ""
        secondary_id = (msg.secondary_old_call.call_id or "") if msg.secondary_old_call is not None else ""
        transferring = device_of(x, msg.transferring_device)
        had_calls = bool(dev.calls)
        result, parties = self._merge(primary_id, secondary_id, msg.transferred_connections, transferring)
        if uui_hex:
            result.uui, result.user_data = uui_hex, data
        priv = private_data(msg, csta.TransferredEventPrivateData)
        if priv is not None and priv.trunk_list:
            first = priv.trunk_list[0]
            result.trunk_group = first.trunk_group or result.trunk_group
            result.trunk_member = first.trunk_member or result.trunk_member
        self._own(dev, result, msg.local_connection_info)
        result.updated_at = at
        if ext == transferring or ext not in result.parties:
            self._detach(ext, primary_id)
            self._detach(ext, secondary_id)
            self._detach(ext, result.call_id)
        else:
            self._attach(dev, result)
        ev = self._envelope(ev_enums.EVENT_TYPE_TRANSFERRED, dev, at, result)
        p = ev.transferred
        p.transferring = transferring
        p.transferred = device_of(x, msg.transferred_to_device)
        p.uui = result.uui
        p.user_data = result.user_data
        p.trunk_group = result.trunk_group
        p.trunk_member = result.trunk_member
        p.primary_call_id = primary_id
        p.secondary_call_id = secondary_id
        p.parties.extend(parties)
        self._publish(ext, ev)
        if had_calls and not dev.calls:
            self._publish_idle(dev, at, msg.cause.value if msg.cause else "", result)

    def conferenced(self, dev: Device, msg: csta.ConferencedEvent, at: float, uui_hex: str, data: str) -> None:
        x = self._x
        primary_id = msg.primary_old_call.call_id or ""
        secondary_id = (msg.secondary_old_call.call_id or "") if msg.secondary_old_call is not None else ""
        result, parties = self._merge(primary_id, secondary_id, msg.conference_connections, "")
        if uui_hex:
            result.uui, result.user_data = uui_hex, data
        priv = private_data(msg, csta.ConferencedEventPrivateData)
        if priv is not None and priv.trunk_list:
            first = priv.trunk_list[0]
            result.trunk_group = first.trunk_group or result.trunk_group
            result.trunk_member = first.trunk_member or result.trunk_member
        self._own(dev, result, msg.local_connection_info)
        result.updated_at = at
        if dev.extension in result.parties:
            self._attach(dev, result)
        ev = self._envelope(ev_enums.EVENT_TYPE_CONFERENCED, dev, at, result)
        p = ev.conferenced
        p.controller = device_of(x, msg.conferencing_device)
        p.added_party = device_of(x, msg.added_party)
        p.uui = result.uui
        p.user_data = result.user_data
        p.trunk_group = result.trunk_group
        p.trunk_member = result.trunk_member
        p.primary_call_id = primary_id
        p.secondary_call_id = secondary_id
        p.parties.extend(parties)
        self._publish(dev.extension, ev)
