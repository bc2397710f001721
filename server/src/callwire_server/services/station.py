"""StationService: the station features a switch keeps per extension (send-all-calls, forwarding, MWI)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import grpc

from callwire.station.v1 import enums_pb2, service_pb2, service_pb2_grpc
from callwire.station.v1 import message_pb2 as station_pb2
from callwire.station.v1 import request_response_pb2 as rr
from callwire_csta import codec as csta

from ..core import Core
from ._common import extension_of, invalid_argument

FORWARDING_TO_CSTA = {
    enums_pb2.FORWARDING_TYPE_IMMEDIATE: csta.ForwardingType.FORWARD_IMMEDIATE,
    enums_pb2.FORWARDING_TYPE_BUSY: csta.ForwardingType.FORWARD_BUSY,
    enums_pb2.FORWARDING_TYPE_NO_ANSWER: csta.ForwardingType.FORWARD_NO_ANS,
    enums_pb2.FORWARDING_TYPE_DO_NOT_DISTURB: csta.ForwardingType.FORWARD_DND,
    enums_pb2.FORWARDING_TYPE_BUSY_INTERNAL: csta.ForwardingType.FORWARD_BUSY_INT,
    enums_pb2.FORWARDING_TYPE_BUSY_EXTERNAL: csta.ForwardingType.FORWARD_BUSY_EXT,
    enums_pb2.FORWARDING_TYPE_NO_ANSWER_INTERNAL: csta.ForwardingType.FORWARD_NO_ANS_INT,
    enums_pb2.FORWARDING_TYPE_NO_ANSWER_EXTERNAL: csta.ForwardingType.FORWARD_NO_ANS_EXT,
    enums_pb2.FORWARDING_TYPE_IMMEDIATE_INTERNAL: csta.ForwardingType.FORWARD_IMM_INT,
    enums_pb2.FORWARDING_TYPE_IMMEDIATE_EXTERNAL: csta.ForwardingType.FORWARD_IMM_EXT,
    enums_pb2.FORWARDING_TYPE_DO_NOT_DISTURB_INTERNAL: csta.ForwardingType.FORWARD_DND_INT,
    enums_pb2.FORWARDING_TYPE_DO_NOT_DISTURB_EXTERNAL: csta.ForwardingType.FORWARD_DND_EXT,
}
FORWARDING_FROM_CSTA = {v: k for k, v in FORWARDING_TO_CSTA.items()}


def forwarding_entries(
    answer: csta.GetForwardingResponse, extension_of: Callable[[str], str]
) -> list[station_pb2.ForwardingEntry]:
    """A GetForwarding answer as the contract's entries (destinations as extensions via `extension_of`)."""
    entries = []
    for item in answer.forwarding_list:
        kind = FORWARDING_FROM_CSTA.get(item.forwarding_type)
        if kind is None:  # pragma: no cover - every ECMA-323 forwarding type is mapped
            continue
        entries.append(
            station_pb2.ForwardingEntry(
                type=kind,
                enabled=item.forward_status,
                destination=extension_of(item.forward_dn.value) if item.forward_dn and item.forward_dn.value else "",
                ring_count=item.ring_count or 0,
            )
        )
    return entries


class StationServicer(service_pb2_grpc.StationServiceServicer):
    def __init__(self, core: Core) -> None:
        self.core = core

    async def SetDoNotDisturb(self, request: rr.SetDoNotDisturbRequest, context: Any) -> rr.SetDoNotDisturbResponse:
        extension = extension_of(request)
        await self.core.invoke(
            csta.SetDoNotDisturb(device=self.core.device_id(extension), do_not_disturb_on=request.enabled),
            extension=extension,
        )
        return rr.SetDoNotDisturbResponse()

    async def SetForwarding(self, request: rr.SetForwardingRequest, context: Any) -> rr.SetForwardingResponse:
        extension = extension_of(request)
        kind = FORWARDING_TO_CSTA.get(request.type)
        if kind is None:
            raise invalid_argument("type", "give a forwarding type (FORWARDING_TYPE_IMMEDIATE, ...)")
        destination = request.destination.strip()
        if request.enabled and not destination:
            raise invalid_argument("destination", "is required to turn forwarding on")
        await self.core.invoke(
            csta.SetForwarding(
                device=self.core.device_id(extension),
                forwarding_type=kind,
                activate_forward=request.enabled,
                forward_dn=csta.DeviceID(value=destination) if destination else None,
                ring_count=request.ring_count if request.HasField("ring_count") else None,
            ),
            extension=extension,
        )
        return rr.SetForwardingResponse()

    async def SetMessageWaiting(
        self, request: rr.SetMessageWaitingRequest, context: Any
    ) -> rr.SetMessageWaitingResponse:
        extension = extension_of(request)
        await self.core.invoke(
            csta.SetMessageWaitingIndicator(device=self.core.device_id(extension), message_waiting_on=request.enabled),
            extension=extension,
        )
        return rr.SetMessageWaitingResponse()


def register(server: grpc.aio.Server, core: Core) -> str:
    service_pb2_grpc.add_StationServiceServicer_to_server(StationServicer(core), server)
    return service_pb2.DESCRIPTOR.services_by_name["StationService"].full_name
