"""StationService: the station features a switch keeps per extension (send-all-calls, forwarding, MWI)."""

from __future__ import annotations

from typing import Any

import grpc

from callwire.station.v1 import request_response_pb2 as rr
from callwire.station.v1 import service_pb2, service_pb2_grpc
from callwire_csta import codec as csta

from ..core import Core
from ..mapping import FORWARDING_TO_CSTA
from ._common import extension_of, invalid_argument


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
