"""Snapshots and the switch-wide queries: SnapshotDevice/SnapshotCall, the AES device-ID services, UCID, time
of day, device names and types, trunk groups, call classifiers and system status. Nothing here changes state.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING

from callwire_csta import codec as c
from callwire_csta.codec import Message

from .errors import op_error
from .events import device_id, find_private
from .model import SPLIT, STATION, TRUNK, VDN, Device, Handler, SwitchSession
from .state import parse_extension

if TYPE_CHECKING:
    from .events import Events
    from .state import SwitchState

__all__ = ["Queries"]

# One logger for the whole switch, named after its façade, so that log settings keep working after the split.
log = logging.getLogger("callwire_sim.switch")


class Queries:
    """Read-only requests about devices, calls and the switch."""

    def __init__(self, state: SwitchState, events: Events) -> None:
        self.state = state
        self.events = events
        self.switch_name = state.switch_name

    def handlers(self) -> Mapping[type[Message], Handler]:
        return {
            c.SnapshotDevice: self.snapshot_device,
            c.SnapshotCall: self.snapshot_call,
            c.GetDeviceId: self.get_device_id,
            c.GetThirdPartyDeviceId: self.get_third_party_device_id,
            c.ReleaseDeviceId: self.release_device_id,
            c.GetCallLinkageData: self.get_call_linkage_data,
            c.GetTimeOfDay: self.get_time_of_day,
            c.GetPhysicalDeviceName: self.get_physical_device_name,
            c.GetDeviceInfo: self.get_device_info,
            c.GetTrunkGroupInfo: self.get_trunk_group_info,
            c.GetCallClassifierInfo: self.get_call_classifier_info,
            c.RequestSystemStatus: self.request_system_status,
        }

    # ------------------------------------------------------------------------------- snapshots

    def snapshot_device(self, s: SwitchSession, r: c.SnapshotDevice) -> Message:
        dev = self.state.device(r.snapshot_object)
        infos = []
        for conn in dev.connections.values():
            states = (conn.state, *(o.state for o in conn.call.connections.values() if o is not conn))
            infos.append(
                c.SnapshotDeviceResponseInfo(
                    connection_identifier=self.events.cid(conn),
                    local_call_state=c.CallState(
                        compound_call_state=c.CompoundCallState(local_connection_state=states)
                    ),
                )
            )
        ext = None
        if find_private(r.extensions, "SnapshotDevicePrivateData") is not None:
            ext = c.private(
                c.SnapshotDeviceResponsePrivateData(
                    station_status=c.StationStatus("busy" if dev.connections else "idle"),
                    service_state=c.ServiceState("inService"),
                )
            )
        return c.SnapshotDeviceResponse(
            cross_ref_id_or_snapshot_data=c.SnapshotDeviceCrossRefIDorSnapshotData(snapshot_data=tuple(infos)),
            extensions=ext,
        )

    def snapshot_call(self, s: SwitchSession, r: c.SnapshotCall) -> Message:
        cid = r.snapshot_object
        call = self.state.call(cid.call_id) if cid.call_id is not None else None
        if call is None:
            raise op_error("invalidCallID")
        infos = tuple(
            c.SnapshotCallResponseInfo(
                device_on_call=self.events.xd(conn.device),
                call_identifier=self.events.cid(conn),
                local_connection_info=conn.state,
            )
            for conn in call.connections.values()
        )
        return c.SnapshotCallResponse(
            cross_ref_id_or_snapshot_data=c.SnapshotCallCrossRefIDorSnapshotData(snapshot_data=infos),
            calling_device=self.events.xn(call.calling),
            called_device=self.events.xn(call.called),
            call_linkage_data=c.CallLinkageData.for_ucid(call.ucid),
        )

    # ------------------------------------------------------------------------------ device IDs

    def _switch_named(self, name: str | None) -> bool:
        """AES takes the switch connection name or one of the switch's addresses as `switchName`."""
        if not name:
            return True
        if name == self.switch_name or name in self.state.site.switch_addresses:
            return True
        log.warning(
            "GetDeviceId: switchName %r is neither the switch connection name %r nor one of its addresses %s",
            name,
            self.switch_name,
            list(self.state.site.switch_addresses),
        )
        return False

    def get_device_id(self, s: SwitchSession, r: c.GetDeviceId) -> Message:
        dev = self.state.devices.get(parse_extension(r.extension))
        if dev is None or dev.kind == TRUNK:
            raise op_error("invalidDeviceID")
        if not self._switch_named(r.switch_name):
            raise op_error("invalidDeviceID")
        instance = r.device_instance or 0
        # Named by its address, the switch's device IDs carry that address (as a DMCC client then writes them).
        by_address = r.switch_name if r.switch_name in self.state.site.switch_addresses else ""
        ip = r.switch_ip_interface or by_address
        return c.GetDeviceIdResponse(device=device_id(f"{dev.id}:{self.switch_name}:{ip}:{instance}"))

    def get_third_party_device_id(self, s: SwitchSession, r: c.GetThirdPartyDeviceId) -> Message:
        dev = self.state.devices.get(parse_extension(r.extension))
        if dev is None or dev.kind == TRUNK:
            raise op_error("invalidDeviceID")
        if not self._switch_named(r.switch_name):
            raise op_error("invalidDeviceID")
        return c.GetThirdPartyDeviceIdResponse(device=device_id(self.events.qualified(dev)))

    def release_device_id(self, s: SwitchSession, r: c.ReleaseDeviceId) -> Message:
        self.state.device(r.device)
        return c.ReleaseDeviceIdResponse()

    # ------------------------------------------------------------------------ the switch, devices

    def get_call_linkage_data(self, s: SwitchSession, r: c.GetCallLinkageData) -> Message:
        call = self.state.call(r.call.call_id)
        if call is None:
            raise op_error("invalidCallID")
        return c.GetCallLinkageDataResponse(call_linkage_data=c.CallLinkageData.for_ucid(call.ucid))

    def get_time_of_day(self, s: SwitchSession, r: c.GetTimeOfDay) -> Message:
        now = time.localtime()
        return c.GetTimeOfDayResponse(
            switch_name=self.switch_name,
            year=now.tm_year % 100,
            month=now.tm_mon,
            day=now.tm_mday,
            hour=now.tm_hour,
            minute=now.tm_min,
            second=now.tm_sec,
        )

    @staticmethod
    def _device_type(dev: Device) -> c.DeviceType:
        T = c.DeviceType
        return {STATION: T.STATION, SPLIT: T.ACD_SPLIT, VDN: T.VDN}.get(dev.kind, T.UNKNOWN)

    def get_physical_device_name(self, s: SwitchSession, r: c.GetPhysicalDeviceName) -> Message:
        dev = self.state.device(r.device)
        return c.GetPhysicalDeviceNameResponse(device_type=self._device_type(dev), device=dev.id, name=dev.name)

    def get_device_info(self, s: SwitchSession, r: c.GetDeviceInfo) -> Message:
        dev = self.state.device(r.device)
        return c.GetDeviceInfoResponse(
            device=device_id(self.events.qualified(dev)),
            device_type=self._device_type(dev),
            device_class="voice" if dev.kind == STATION else "other",
            # CM reports stations as extension class "other"; no associated device, so its class is "other".
            extension_class={SPLIT: "hunt", VDN: "vdn"}.get(dev.kind, "other"),
            associated_class="other",
        )

    def get_trunk_group_info(self, s: SwitchSession, r: c.GetTrunkGroupInfo) -> Message:
        tg = self.state.trunks.get(parse_extension(r.device.value))
        if tg is None:
            raise op_error("invalidDeviceID")
        return c.GetTrunkGroupInfoResponse(idle_trunks=tg.group.members - tg.used, used_trunks=tg.used)

    def get_call_classifier_info(self, s: SwitchSession, r: c.GetCallClassifierInfo) -> Message:
        if r.switch_name and r.switch_name != self.switch_name:
            raise op_error("invalidDeviceID")
        ports, busy = self.state.site.call_classifier_ports, self.state.site.call_classifier_busy
        return c.GetCallClassifierInfoResponse(num_avail_ports=ports - busy, num_in_use_ports=busy)

    def request_system_status(self, s: SwitchSession, r: c.RequestSystemStatus) -> Message:
        return c.RequestSystemStatusResponse(system_status=c.SystemStatusValue.NORMAL)
