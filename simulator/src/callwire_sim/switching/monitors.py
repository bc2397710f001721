"""Monitors: MonitorStart and MonitorStop. A monitor belongs to a session, watches a device (or, with an empty
deviceObject, the session itself, as DMCC clients do) and carries the event filter the client asked for.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from callwire_csta import codec as c
from callwire_csta.codec import Message

from ..filters import event_filter
from .errors import op_error
from .events import find_private
from .model import TRUNK, Device, Handler, Monitor, SwitchSession

if TYPE_CHECKING:
    from .state import SwitchState

__all__ = ["Monitors"]


class Monitors:
    """Starts and stops the monitors of the sessions."""

    def __init__(self, state: SwitchState) -> None:
        self.state = state

    def handlers(self) -> Mapping[type[Message], Handler]:
        return {c.MonitorStart: self.monitor_start, c.MonitorStop: self.monitor_stop}

    def monitor_start(self, s: SwitchSession, r: c.MonitorStart) -> Message:
        obj = r.monitor_object
        if obj.call_object is not None:
            raise op_error("invalidMonitorObjectType")
        dev: Device | None
        if obj.device_object is None or not obj.device_object.value.strip():
            dev = None  # a session-level monitor (DMCC device-services events); nothing to deliver here
        else:
            dev = self.state.device(obj.device_object)
            if dev.kind == TRUNK:
                raise op_error("invalidMonitorObject")
        avaya = find_private(r.extensions, "AvayaEvents")
        xref = self.state.next_xref()
        monitor = Monitor(xref=xref, session=s, device=dev, wants=event_filter(r.requested_monitor_filter, avaya))
        s.monitors[xref] = monitor
        self.state.monitors[xref] = monitor
        if dev is not None:
            dev.monitors.append(monitor)
        # Every flag is applied as asked, so the echo is the request: the ECMA groups in actualMonitorFilter,
        # the Avaya ones (invertFilter included) in the private usedFilter.
        return c.MonitorStartResponse(
            monitor_cross_ref_id=xref,
            actual_monitor_filter=r.requested_monitor_filter,
            extensions=c.private(c.MonitorStartResponsePrivateData(used_filter=avaya)) if avaya is not None else None,
        )

    def stop(self, s: SwitchSession, xref: str) -> None:
        monitor = s.monitors.pop(xref, None)
        if monitor is None:
            raise op_error("invalidMonitorCrossRefID")
        self.state.monitors.pop(xref, None)
        if monitor.device is not None and monitor in monitor.device.monitors:
            monitor.device.monitors.remove(monitor)

    def monitor_stop(self, s: SwitchSession, r: c.MonitorStop) -> Message:
        self.stop(s, r.monitor_cross_ref_id)
        return c.MonitorStopResponse()
