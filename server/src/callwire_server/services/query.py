"""QueryService: switch state read on demand (splits, trunks, clock, device names and features, snapshots).

Every RPC is one or a few CSTA / Avaya requests through `Core.invoke`; nothing is answered from a cache. The
message each query uses is listed in `csta/README.md` (GetAcdSplit, GetCallClassifierInfo,
GetTimeOfDay, GetPhysicalDeviceName, GetDeviceInfo, Get{DoNotDisturb,Forwarding,MessageWaitingIndicator},
SnapshotDevice with the `getStationStatus` private data, GetTrunkGroupInfo, GetCallLinkageData, SnapshotCall).
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

import grpc

from callwire.common.v1 import enums_pb2 as common_enums
from callwire.common.v1 import message_pb2 as common_pb2
from callwire.query.v1 import request_response_pb2 as rr
from callwire.query.v1 import service_pb2, service_pb2_grpc
from callwire_csta import codec as csta

from ..core import Core
from ..mapping import connection_state, device_class, device_type, forwarding_entries, own_state
from ._common import CallwireError, extension_of, invalid_argument, require


def call_id_of(request: object, field: str = "call_id") -> str:
    """The request's call ID: required, no blanks, at most 32 characters (Avaya CM call IDs are decimal)."""
    value = require(str(getattr(request, field, "")), field)
    if len(value) > 32 or any(c.isspace() for c in value):
        raise invalid_argument(field, f"{value!r} is not a call ID")
    return value


def full_year(year: int, now: float | None = None) -> int:
    """A four-digit year from the switch's (the legacy answer is the year modulo 100), nearest to today."""
    if year >= 100:
        return year
    this_year = time.localtime(now).tm_year
    full = this_year - this_year % 100 + year
    if full > this_year + 50:
        full -= 100
    elif full < this_year - 50:
        full += 100
    return full


class QueryServicer(service_pb2_grpc.QueryServiceServicer):
    def __init__(self, core: Core) -> None:
        self.core = core

    # ------------------------------------------------------------------------------------------ helpers

    def _device_text(self, device: csta.DeviceID | None) -> str:
        """A device as the contract shows it: the extension of an AES ID, other IDs (`T13815#2`) unchanged."""
        if device is None or not device.value:
            return ""
        return self.core.link.extension_of(device.value)

    def _call_connection(self, call_id: str) -> csta.ConnectionID:
        """A connection naming the call: with a monitored party's device when the tracker knows the call (AES
        expects a full connection ID), the call ID alone otherwise."""
        tracked = self.core.calls.call(call_id)
        if tracked is not None:
            monitored = self.core.link.monitored
            for device in tracked.parties:
                if device in monitored:
                    return csta.ConnectionID(call_id=call_id, device_id=self.core.device_id(device))
        return csta.ConnectionID(call_id=call_id)

    def _party_device(self, info: csta.SnapshotCallResponseInfo) -> str:
        if info.device_on_call is not None and info.device_on_call.device_identifier is not None:
            return self._device_text(info.device_on_call.device_identifier)
        if info.call_identifier is not None:
            return self._device_text(info.call_identifier.device_id)
        return ""

    async def _snapshot_call(
        self, connection: csta.ConnectionID, *, extension: str = ""
    ) -> tuple[common_pb2.CallRef, list[common_pb2.Party]]:
        call_id = connection.call_id or ""
        answer = await self.core.invoke(
            csta.SnapshotCall(snapshot_object=connection),
            expect=csta.SnapshotCallResponse,
            extension=extension,
            call_id=call_id,
        )
        ucid = answer.call_linkage_data.ucid if answer.call_linkage_data is not None else None
        data = answer.cross_ref_id_or_snapshot_data.snapshot_data or ()
        parties = [
            common_pb2.Party(device=self._party_device(info), state=connection_state(info.local_connection_info))
            for info in data
        ]
        return common_pb2.CallRef(call_id=call_id, ucid=ucid or ""), parties

    # ---------------------------------------------------------------------------------- switch-wide

    async def GetAcdSplit(self, request: rr.GetAcdSplitRequest, context: Any) -> rr.GetAcdSplitResponse:
        split = extension_of(request, "split")
        answer = await self.core.invoke(
            csta.GetAcdSplit(device=self.core.device_id(split)), expect=csta.GetAcdSplitResponse, extension=split
        )
        return rr.GetAcdSplitResponse(
            agents_available=answer.available_agents,
            calls_in_queue=answer.calls_in_queue,
            agents_logged_on=answer.agents_logged_in,
        )

    async def GetCallClassifier(
        self, request: rr.GetCallClassifierRequest, context: Any
    ) -> rr.GetCallClassifierResponse:
        answer = await self.core.invoke(
            csta.GetCallClassifierInfo(switch_name=self.core.link.config.switch_name),
            expect=csta.GetCallClassifierInfoResponse,
        )
        return rr.GetCallClassifierResponse(idle_ports=answer.num_avail_ports, in_use_ports=answer.num_in_use_ports)

    async def GetTimeOfDay(self, request: rr.GetTimeOfDayRequest, context: Any) -> rr.GetTimeOfDayResponse:
        answer = await self.core.invoke(
            csta.GetTimeOfDay(switch_name=self.core.link.config.switch_name), expect=csta.GetTimeOfDayResponse
        )
        return rr.GetTimeOfDayResponse(
            year=full_year(answer.year),
            month=answer.month,
            day=answer.day,
            hour=answer.hour,
            minute=answer.minute,
            second=answer.second,
        )

    async def GetTrunkGroup(self, request: rr.GetTrunkGroupRequest, context: Any) -> rr.GetTrunkGroupResponse:
        group = extension_of(request, "trunk_group")
        # A trunk group is named by its number (or TAC), never by a station-style AES device ID.
        answer = await self.core.invoke(
            csta.GetTrunkGroupInfo(device=csta.DeviceID(value=group)),
            expect=csta.GetTrunkGroupInfoResponse,
            extension=group,
        )
        return rr.GetTrunkGroupResponse(idle_trunks=answer.idle_trunks, used_trunks=answer.used_trunks)

    # ------------------------------------------------------------------------------------- devices

    async def GetDeviceName(self, request: rr.GetDeviceNameRequest, context: Any) -> rr.GetDeviceNameResponse:
        device = extension_of(request, "device")
        answer = await self.core.invoke(
            csta.GetPhysicalDeviceName(device=self.core.device_id(device)),
            expect=csta.GetPhysicalDeviceNameResponse,
            extension=device,
        )
        return rr.GetDeviceNameResponse(name=answer.name or "")

    async def GetDeviceInfo(self, request: rr.GetDeviceInfoRequest, context: Any) -> rr.GetDeviceInfoResponse:
        device = extension_of(request, "device")
        answer = await self.core.invoke(
            csta.GetDeviceInfo(device=self.core.device_id(device)), expect=csta.GetDeviceInfoResponse, extension=device
        )
        return rr.GetDeviceInfoResponse(
            device_type=device_type(answer.device_type),
            device_class=device_class(answer.device_class),
            extension_class=answer.extension_class or "",
            associated_class=answer.associated_class or "",
            associated_device=self._device_text(answer.associated_device),
        )

    async def GetDoNotDisturb(self, request: rr.GetDoNotDisturbRequest, context: Any) -> rr.GetDoNotDisturbResponse:
        extension = extension_of(request)
        answer = await self.core.invoke(
            csta.GetDoNotDisturb(device=self.core.device_id(extension)),
            expect=csta.GetDoNotDisturbResponse,
            extension=extension,
        )
        return rr.GetDoNotDisturbResponse(enabled=answer.do_not_disturb_on)

    async def GetForwarding(self, request: rr.GetForwardingRequest, context: Any) -> rr.GetForwardingResponse:
        extension = extension_of(request)
        answer = await self.core.invoke(
            csta.GetForwarding(device=self.core.device_id(extension)),
            expect=csta.GetForwardingResponse,
            extension=extension,
        )
        entries = forwarding_entries(answer, self.core.link.extension_of)
        return rr.GetForwardingResponse(entries=entries)

    async def GetMessageWaiting(
        self, request: rr.GetMessageWaitingRequest, context: Any
    ) -> rr.GetMessageWaitingResponse:
        extension = extension_of(request)
        answer = await self.core.invoke(
            csta.GetMessageWaitingIndicator(device=self.core.device_id(extension)),
            expect=csta.GetMessageWaitingIndicatorResponse,
            extension=extension,
        )
        return rr.GetMessageWaitingResponse(enabled=answer.message_waiting_on)

    async def GetStationStatus(self, request: rr.GetStationStatusRequest, context: Any) -> rr.GetStationStatusResponse:
        extension = extension_of(request)
        answer = await self.core.invoke(
            csta.SnapshotDevice(
                snapshot_object=self.core.device_id(extension),
                extensions=csta.private(csta.SnapshotDevicePrivateData(get_station_status=True)),
            ),
            expect=csta.SnapshotDeviceResponse,
            extension=extension,
        )
        for item in csta.private_items(answer.extensions):
            if isinstance(item, csta.SnapshotDeviceResponsePrivateData) and item.station_status is not None:
                return rr.GetStationStatusResponse(busy=item.station_status == csta.StationStatus.BUSY)
        # No station status in the private data: busy when the device has a call.
        return rr.GetStationStatusResponse(busy=bool(answer.cross_ref_id_or_snapshot_data.snapshot_data))

    # ------------------------------------------------------------------------------------------ calls

    async def GetUcid(self, request: rr.GetUcidRequest, context: Any) -> rr.GetUcidResponse:
        call_id = call_id_of(request)
        answer = await self.core.invoke(
            csta.GetCallLinkageData(call=self._call_connection(call_id)),
            expect=csta.GetCallLinkageDataResponse,
            call_id=call_id,
        )
        ucid = answer.call_linkage_data.ucid if answer.call_linkage_data is not None else None
        return rr.GetUcidResponse(ucid=ucid or "")

    async def SnapshotDevice(self, request: rr.SnapshotDeviceRequest, context: Any) -> rr.SnapshotDeviceResponse:
        device = extension_of(request, "device")
        answer = await self.core.invoke(
            csta.SnapshotDevice(snapshot_object=self.core.device_id(device)),
            expect=csta.SnapshotDeviceResponse,
            extension=device,
        )
        infos = answer.cross_ref_id_or_snapshot_data.snapshot_data or ()
        results = await asyncio.gather(
            *(self._snapshot_call(info.connection_identifier, extension=device) for info in infos),
            return_exceptions=True,
        )
        calls: list[common_pb2.CallSnapshot] = []
        for info, result in zip(infos, results, strict=True):
            if isinstance(result, CallwireError) and result.reason == "CALL_NOT_FOUND":
                continue  # the call ended between the two snapshots
            if isinstance(result, BaseException):
                raise result
            ref, parties = result
            own = self._own_state(info, parties, device)
            calls.append(common_pb2.CallSnapshot(call=ref, state=own, parties=parties))
        return rr.SnapshotDeviceResponse(device=device, calls=calls)

    def _own_state(
        self, info: csta.SnapshotDeviceResponseInfo, parties: list[common_pb2.Party], device: str
    ) -> common_enums.ConnectionState:
        """The snapshotted device's own state: from SnapshotDevice's local call state, else its party entry."""
        state = own_state(info)
        if state is not None:
            return state
        me = self._device_text(info.connection_identifier.device_id) or device
        for party in parties:
            if party.device == me:
                return party.state
        return common_enums.CONNECTION_STATE_NULL

    async def SnapshotCall(self, request: rr.SnapshotCallRequest, context: Any) -> rr.SnapshotCallResponse:
        call_id = call_id_of(request)
        ref, parties = await self._snapshot_call(self._call_connection(call_id))
        return rr.SnapshotCallResponse(call=ref, parties=parties)


def register(server: grpc.aio.Server, core: Core) -> str:
    service_pb2_grpc.add_QueryServiceServicer_to_server(QueryServicer(core), server)
    return service_pb2.DESCRIPTOR.services_by_name["QueryService"].full_name
