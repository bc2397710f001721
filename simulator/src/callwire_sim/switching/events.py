"""The switch's model written in CSTA: device and connection IDs, user data, Avaya private data, the call
events' builders, and the delivery of events to monitors.

Party device IDs are in the AES third-party form `<ext>:<switch>::0`; external parties are dynamic IDs
`T<callid>#<n>` (typeOfNumber="dynamic") with their trunk group and member in private data. Builders only
build: the caller decides when an event goes out, because the order of events and state changes is the
switch's behaviour.
"""

from __future__ import annotations

import dataclasses
import itertools
from typing import TYPE_CHECKING, Any, TypeVar, cast

from callwire_csta import codec as c
from callwire_csta.codec import EventCause, LocalConnectionState, Message

from .model import TRUNK, Call, Connection, Device, SplitDevice, StationDevice

if TYPE_CHECKING:
    from .state import SwitchState

__all__ = ["Events", "device_id", "find_private", "user_data"]

LS = LocalConnectionState
M = TypeVar("M", bound=Message)


def device_id(value: str, ton: c.TypeOfNumber | None = None) -> c.DeviceID:
    return c.DeviceID(value=value, type_of_number=ton, media_class=None)


def user_data(data: bytes | None) -> c.UserData | None:
    return c.UserData(string=data) if data else None


def find_private(ext: c.CommonArguments | None, name: str) -> Any:
    """The Avaya private-data item called `name` in a request's extensions, if any."""
    for item in c.private_items(ext):
        if type(item).__name__ == name:
            return item
    return None


def private_of(cls: type[M], fields: dict[str, Any]) -> c.CommonArguments:
    """Private data of type `cls` with those of `fields` that `cls` has."""
    names = {f.name for f in dataclasses.fields(cast(Any, cls))}  # every Message is a dataclass at run time
    return c.private(cls(**{k: v for k, v in fields.items() if k in names}))


class Events:
    """ID forms, private data and event builders of one switch, and the delivery of events to monitors."""

    def __init__(self, state: SwitchState) -> None:
        self._devices = state.devices
        self.switch_name = state.switch_name

    # ------------------------------------------------------------------------------------ IDs

    def qualified(self, dev: Device) -> str:
        return dev.id if dev.kind == TRUNK else f"{dev.id}:{self.switch_name}::0"

    def did(self, dev: Device) -> c.DeviceID:
        if dev.kind == TRUNK:
            return device_id(dev.id, c.TypeOfNumber.DYNAMIC)
        return device_id(self.qualified(dev))

    def num(self, number: str) -> c.DeviceID:
        """A dialled or reported number: a device of this switch in AES form, anything else as it is."""
        dev = self._devices.get(number)
        if dev is not None and dev.kind != TRUNK:
            return device_id(self.qualified(dev))
        return device_id(number)

    def xd(self, dev: Device) -> c.ExtendedDeviceID:
        return c.ExtendedDeviceID(device_identifier=self.did(dev))

    def xn(self, number: str) -> c.ExtendedDeviceID:
        if not number:
            return c.ExtendedDeviceID(not_known=True)
        return c.ExtendedDeviceID(device_identifier=self.num(number))

    def cid(self, conn: Connection) -> c.ConnectionID:
        return c.ConnectionID(call_id=conn.call.call_id, device_id=self.did(conn.device))

    def redirection(self, call: Call) -> c.RedirectionDeviceID | None:
        if not call.last_redirection:
            return None
        return c.RedirectionDeviceID(number_dialed=self.num(call.last_redirection))

    def connection_item(self, new: c.ConnectionID, old: c.ConnectionID, dev: Device) -> c.ConnectionListItem:
        return c.ConnectionListItem(
            new_connection=new, old_connection=old, endpoint=c.ConnectionListItemEndpoint(device_id=self.did(dev))
        )

    def unchanged_connections(self, call: Call) -> tuple[c.ConnectionListItem, ...]:
        """Every connection of `call` as a list item whose old and new IDs are the same."""
        return tuple(self.connection_item(self.cid(o), self.cid(o), o.device) for o in call.connections.values())

    # -------------------------------------------------------------------------------- delivery

    @staticmethod
    def send(dev: Device, event: Message) -> None:
        """`event` to each monitor of `dev` whose filter lets it through, with that monitor's cross-ref ID."""
        name = type(event).__name__
        for m in dev.monitors:
            if m.wants(name):
                m.session.sink(dataclasses.replace(cast(Any, event), monitor_cross_ref_id=m.xref))

    def emit(self, call: Call, event: Message, *extra: Device) -> None:
        """`event` to every monitored device on `call` (and `extra`), with each one's localConnectionInfo."""
        per_device = hasattr(event, "local_connection_info")
        seen: set[str] = set()
        for dev in itertools.chain((conn.device for conn in call.connections.values()), extra):
            if dev.id in seen:
                continue
            seen.add(dev.id)
            if not dev.monitors:
                continue
            ev = event
            if per_device:
                own = dev.connections.get(call.id)
                state = own.state if own is not None and own.call is call else LS.NULL
                ev = dataclasses.replace(cast(Any, event), local_connection_info=state)
            self.send(dev, ev)

    # ---------------------------------------------------------------------------- private data

    def call_private(self, cls: type[M], call: Call) -> c.CommonArguments | None:
        """Avaya call-event private data (`cls`): trunk group/member, ACD split, distributing VDN, as far as
        `cls` has those fields."""
        trunk = None
        for other in call.connections.values():
            if other.device.kind == TRUNK:
                trunk = other
                break
        if trunk is None and not call.split:
            return None
        fields: dict[str, Any] = {}
        if trunk is not None:
            fields["trunk_group"] = trunk.trunk_group
            fields["trunk_member"] = str(trunk.trunk_member)
        if call.split:
            fields["acd_group"] = self.num(call.split)
        if call.vdn:
            fields["distributing_vdn"] = self.xn(call.vdn)
        return private_of(cls, fields)

    @staticmethod
    def linkage(call: Call) -> c.CallLinkageData:
        return c.CallLinkageData.for_ucid(call.ucid)

    def linkage_private(self, cls: type[M], call: Call) -> c.CommonArguments:
        """A response's private data carrying the call's UCID."""
        return c.private(cast(Any, cls)(call_linkage_data=self.linkage(call)))

    # ------------------------------------------------------------------------------ call events

    def service_initiated(self, conn: Connection) -> c.ServiceInitiatedEvent:
        return c.ServiceInitiatedEvent(
            monitor_cross_ref_id="",
            initiated_connection=self.cid(conn),
            initiating_device=self.xd(conn.device),
            cause=EventCause.MAKE_CALL,
            call_linkage_data=self.linkage(conn.call),
        )

    def originated(self, conn: Connection, number: str) -> c.OriginatedEvent:
        return c.OriginatedEvent(
            monitor_cross_ref_id="",
            originated_connection=self.cid(conn),
            calling_device=self.xd(conn.device),
            called_device=self.xn(number),
            cause=EventCause.MAKE_CALL,
            call_linkage_data=self.linkage(conn.call),
        )

    def delivered(self, conn: Connection, cause: EventCause | None) -> c.DeliveredEvent:
        call = conn.call
        return c.DeliveredEvent(
            monitor_cross_ref_id="",
            connection=self.cid(conn),
            alerting_device=self.xd(conn.device),
            calling_device=self.xn(call.calling),
            called_device=self.xn(call.called),
            last_redirection_device=self.redirection(call),
            user_data=user_data(call.user_data),
            cause=cause or (EventCause.DISTRIBUTED if conn.acd else EventCause.NEW_CALL),
            call_linkage_data=self.linkage(call),
            extensions=self.call_private(c.DeliveredEventPrivateData, call),
        )

    def established(self, conn: Connection, cause: EventCause | None) -> c.EstablishedEvent:
        call = conn.call
        return c.EstablishedEvent(
            monitor_cross_ref_id="",
            established_connection=self.cid(conn),
            answering_device=self.xd(conn.device),
            calling_device=self.xn(call.calling),
            called_device=self.xn(call.called),
            last_redirection_device=self.redirection(call),
            user_data=user_data(call.user_data),
            cause=cause or (EventCause.DISTRIBUTED if conn.acd else EventCause.NEW_CALL),
            call_linkage_data=self.linkage(call),
            extensions=self.call_private(c.EstablishedEventPrivateData, call),
        )

    def queued(self, conn: Connection, split: SplitDevice) -> c.QueuedEvent:
        call = conn.call
        return c.QueuedEvent(
            monitor_cross_ref_id="",
            queued_connection=self.cid(conn),
            queue=self.xd(split),
            calling_device=self.xn(call.calling),
            called_device=self.xn(call.called),
            number_queued=len(split.queue),
            calls_in_front=len(split.queue) - 1,
            user_data=user_data(call.user_data),
            cause=EventCause.NO_AVAILABLE_AGENTS,
            call_linkage_data=self.linkage(call),
        )

    def failed(
        self, conn: Connection, failing: c.ExtendedDeviceID, calling: c.ExtendedDeviceID, cause: EventCause
    ) -> c.FailedEvent:
        call = conn.call
        return c.FailedEvent(
            monitor_cross_ref_id="",
            failed_connection=self.cid(conn),
            failing_device=failing,
            calling_device=calling,
            called_device=self.xn(call.called),
            cause=cause,
            call_linkage_data=self.linkage(call),
        )

    def diverted(self, conn: Connection, number: str, cause: EventCause) -> c.DivertedEvent:
        call = conn.call
        return c.DivertedEvent(
            monitor_cross_ref_id="",
            connection=self.cid(conn),
            diverting_device=self.xd(conn.device),
            new_destination=self.xn(number),
            calling_device=self.xn(call.calling),
            called_device=self.xn(call.called),
            user_data=user_data(call.user_data),
            cause=cause,
        )

    def connection_cleared(
        self, conn: Connection, data: bytes | None, cause: EventCause, *, with_linkage: bool = True
    ) -> c.ConnectionClearedEvent:
        return c.ConnectionClearedEvent(
            monitor_cross_ref_id="",
            dropped_connection=self.cid(conn),
            releasing_device=self.xd(conn.device),
            user_data=user_data(data),
            cause=cause,
            call_linkage_data=self.linkage(conn.call) if with_linkage else None,
        )

    def call_cleared(self, call: Call, cause: EventCause) -> c.CallClearedEvent:
        return c.CallClearedEvent(
            monitor_cross_ref_id="",
            cleared_call=c.ConnectionID(call_id=call.call_id),
            cause=cause,
            call_linkage_data=self.linkage(call),
        )

    def held(self, conn: Connection) -> c.HeldEvent:
        return c.HeldEvent(monitor_cross_ref_id="", held_connection=self.cid(conn), holding_device=self.xd(conn.device))

    def retrieved(self, conn: Connection) -> c.RetrievedEvent:
        return c.RetrievedEvent(
            monitor_cross_ref_id="", retrieved_connection=self.cid(conn), retrieving_device=self.xd(conn.device)
        )

    def digits_generated(self, conn: Connection, digits: str) -> c.DigitsGeneratedEvent:
        return c.DigitsGeneratedEvent(monitor_cross_ref_id="", connection=self.cid(conn), digit_generated_list=digits)

    def do_not_disturb(self, st: StationDevice) -> c.DoNotDisturbEvent:
        return c.DoNotDisturbEvent(monitor_cross_ref_id="", device=self.xd(st), do_not_disturb_on=st.dnd)
