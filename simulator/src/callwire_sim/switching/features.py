"""Station features a CTI client sets and reads: send-all-calls (do not disturb), immediate forwarding and the
message-waiting indicator. The call model reads them when it offers a call (see `routing`); the DMCC phone
shows them on lamps (see `phone`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from callwire_csta import codec as c
from callwire_csta.codec import Message

from .errors import op_error
from .model import Forward, Handler, StationDevice, SwitchSession
from .state import parse_extension

if TYPE_CHECKING:
    from .deferred import Deferred
    from .events import Events
    from .state import SwitchState

__all__ = ["Features"]


class Features:
    """Set and Get of do-not-disturb, forwarding and MWI, with their events."""

    def __init__(self, state: SwitchState, deferred: Deferred, events: Events) -> None:
        self.state = state
        self.deferred = deferred
        self.events = events

    def handlers(self) -> Mapping[type[Message], Handler]:
        return {
            c.SetDoNotDisturb: self.set_do_not_disturb,
            c.GetDoNotDisturb: self.get_do_not_disturb,
            c.SetForwarding: self.set_forwarding,
            c.GetForwarding: self.get_forwarding,
            c.SetMessageWaitingIndicator: self.set_message_waiting,
            c.GetMessageWaitingIndicator: self.get_message_waiting,
        }

    def set_dnd(self, st: StationDevice, on: bool) -> None:
        """Send-all-calls on or off (a request or the phone's button): DoNotDisturb."""
        st.dnd = on
        self.deferred.touch(st)
        self.events.send(st, self.events.do_not_disturb(st))

    def set_do_not_disturb(self, s: SwitchSession, r: c.SetDoNotDisturb) -> Message:
        self.set_dnd(self.state.station(r.device), r.do_not_disturb_on)
        return c.SetDoNotDisturbResponse()

    def get_do_not_disturb(self, s: SwitchSession, r: c.GetDoNotDisturb) -> Message:
        return c.GetDoNotDisturbResponse(do_not_disturb_on=self.state.station(r.device).dnd)

    def set_forwarding(self, s: SwitchSession, r: c.SetForwarding) -> Message:
        st = self.state.station(r.device)
        ftype = r.forwarding_type or c.ForwardingType.FORWARD_IMMEDIATE
        if ftype != c.ForwardingType.FORWARD_IMMEDIATE:
            raise op_error("invalidForwardingType")
        if r.activate_forward:
            if r.forward_dn is None:
                raise op_error("invalidForwardingDestination")
            dest = parse_extension(r.forward_dn.value)
            if dest == st.id or (dest not in self.state.devices and not self.state.is_external(dest)):
                raise op_error("invalidForwardingDestination")
            st.forward = Forward(dest)
        else:
            st.forward = None
        self.deferred.touch(st)
        self.events.send(
            st,
            c.ForwardingEvent(
                monitor_cross_ref_id="",
                device=self.events.xd(st),
                forwarding_type=ftype,
                forward_status=st.forward is not None,
                forward_to=self.events.num(st.forward.destination) if st.forward else None,
            ),
        )
        return c.SetForwardingResponse()

    def get_forwarding(self, s: SwitchSession, r: c.GetForwarding) -> Message:
        st = self.state.station(r.device)
        item = c.ForwardListItem(
            forwarding_type=c.ForwardingType.FORWARD_IMMEDIATE,
            forward_status=st.forward is not None,
            forward_dn=self.events.num(st.forward.destination) if st.forward else None,
        )
        return c.GetForwardingResponse(forwarding_list=(item,))

    def set_message_waiting(self, s: SwitchSession, r: c.SetMessageWaitingIndicator) -> Message:
        st = self.state.station(r.device)
        st.mwi = r.message_waiting_on
        self.deferred.touch(st)
        self.events.send(
            st,
            c.MessageWaitingEvent(
                monitor_cross_ref_id="",
                target_device=self.events.xd(st),
                device_for_message=r.device_for_message,
                message_waiting_on=st.mwi,
            ),
        )
        return c.SetMessageWaitingIndicatorResponse()

    def get_message_waiting(self, s: SwitchSession, r: c.GetMessageWaitingIndicator) -> Message:
        st = self.state.station(r.device)
        ext = None
        if st.mwi:
            app = c.MWIApplicationType("CTI_ASAI")
            ext = c.private(c.GetMessageWaitingIndicatorResponsePrivateData(mwi_application_type=(app,)))
        return c.GetMessageWaitingIndicatorResponse(
            message_waiting_on=st.mwi,
            lamp_is_present=any(b.function == "message-waiting" for b in st.buttons),
            extensions=ext,
        )
