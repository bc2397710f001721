"""DeviceService: first-party control of a phone through Avaya DMCC (buttons, lamps, display, hook switch,
ringer, registration, security code), plus the state of the CSTA links (the legacy GetLinkStatus).

The physical-device reads and writes are the ECMA-323 physical device services (`csta/_physical.py`);
registration state and the security-code checks are Avaya services (`csta/_avaya.py`). The lamp, display,
hook switch, ringer and button conversions are `callwire_server.mapping`'s, shared with the event stream
(`phone_changed`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import grpc

from callwire.device.v1 import message_pb2 as device_pb2
from callwire.device.v1 import request_response_pb2 as rr
from callwire.device.v1 import service_pb2, service_pb2_grpc
from callwire_csta import codec as csta
from callwire_csta.link import CstaLink, LinkState

from .. import mapping
from ..core import Core, R
from ._common import CallwireError, extension_of, require

#: CSTA requires a hook switch ID; Communication Manager has one per phone and ignores the value. Avaya's own
#: sample applications send "0000".
DEFAULT_HOOKSWITCH = "0000"

#: CSTA error values a switch gives for an unknown button, lamp or display ID (operation class).
_UNKNOWN_ITEM: dict[str, frozenset[str]] = {
    "button": frozenset({"invalidButtonIdentifier", "invalidButtonID", "invalidButton"}),
    "lamp": frozenset({"invalidLampID", "invalidLampIdentifier", "invalidLamp"}),
    "display_id": frozenset({"invalidDisplayID", "invalidDisplayIdentifier", "invalidDisplay"}),
}
#: Positive answers of Validate/ChangeDeviceSecurityCode (`response` is free text in the Avaya schema).
_YES = frozenset({"true", "valid", "validated", "changed", "success", "succeeded", "ok", "yes", "1"})


def link_statuses(link: CstaLink, link_name: str = "") -> list[device_pb2.DmccLink]:
    """One entry per configured CSTA endpoint: up when the link's session runs on it. The link reconnects by
    itself, so `auto_reconnect` is always true. `link_name` filters by the endpoint's label."""
    active = link.active_endpoint if link.state is LinkState.UP else None
    return [
        device_pb2.DmccLink(link_name=endpoint.label, up=endpoint == active, auto_reconnect=True)
        for endpoint in link.config.endpoints
        if not link_name or endpoint.label == link_name
    ]


def _optional_id(value: str) -> str | None:
    value = value.strip()
    return value or None


class DeviceServicer(service_pb2_grpc.DeviceServiceServicer):
    def __init__(self, core: Core) -> None:
        self.core = core

    def _unknown_item(self, err: CallwireError, field: str, value: str | None, extension: str) -> CallwireError:
        """NOT_FOUND naming `field` when the switch refused `value` as an unknown button/lamp/display."""
        if value is None or err.csta is None or err.csta.value not in _UNKNOWN_ITEM[field]:
            return err
        return self._not_found(field, value, extension, err)

    @staticmethod
    def _not_found(field: str, value: str, extension: str, err: CallwireError | None = None) -> CallwireError:
        return CallwireError(
            "NOT_FOUND",
            f"{field}: {extension} has no {field.replace('_', ' ')} {value!r}",
            metadata={"field": field, "extension": extension},
            csta=err.csta if err is not None else None,
        )

    async def _query(
        self, request: csta.Message, extension: str, field: str, value: str | None, *, expect: type[R]
    ) -> R:
        try:
            return await self.core.invoke(request, expect=expect, extension=extension)
        except CallwireError as err:
            raise self._unknown_item(err, field, value, extension) from None

    # ------------------------------------------------------------------------------------- link

    async def GetLinkStatus(self, request: rr.GetLinkStatusRequest, context: Any) -> rr.GetLinkStatusResponse:
        return rr.GetLinkStatusResponse(links=link_statuses(self.core.link, request.link_name.strip()))

    # ------------------------------------------------------------------------------------ reads

    async def GetButtonInformation(
        self, request: rr.GetButtonInformationRequest, context: Any
    ) -> rr.GetButtonInformationResponse:
        extension = extension_of(request)
        button = _optional_id(request.button)
        answer = await self._query(
            csta.GetButtonInformation(device=self.core.device_id(extension), button=button),
            extension,
            "button",
            button,
            expect=csta.GetButtonInformationResponse,
        )
        items: Iterable[csta.ButtonItem] = answer.button_list
        if button is not None:
            items = [b for b in items if b.button == button]
            if not items:
                raise self._not_found("button", button, extension)
        return rr.GetButtonInformationResponse(buttons=[mapping.button(b, self.core.link.extension_of) for b in items])

    async def GetLampMode(self, request: rr.GetLampModeRequest, context: Any) -> rr.GetLampModeResponse:
        extension = extension_of(request)
        lamp = _optional_id(request.lamp)
        answer = await self._query(
            csta.GetLampMode(device=self.core.device_id(extension), lamp=lamp),
            extension,
            "lamp",
            lamp,
            expect=csta.GetLampModeResponse,
        )
        items: Iterable[csta.LampModeItem] = answer.lamp_mode_list
        if lamp is not None:
            items = [item for item in items if item.lamp == lamp]
            if not items:
                raise self._not_found("lamp", lamp, extension)
        return rr.GetLampModeResponse(lamps=[mapping.lamp(item) for item in items])

    async def GetDisplay(self, request: rr.GetDisplayRequest, context: Any) -> rr.GetDisplayResponse:
        extension = extension_of(request)
        display = _optional_id(request.display_id)
        answer = await self._query(
            csta.GetDisplay(device=self.core.device_id(extension), display=display),
            extension,
            "display_id",
            display,
            expect=csta.GetDisplayResponse,
        )
        items: Iterable[csta.DisplayListItem] = answer.display_list
        if display is not None:
            items = [item for item in items if item.display_id == display]
            if not items:
                raise self._not_found("display_id", display, extension)
        return rr.GetDisplayResponse(displays=[mapping.display(item) for item in items])

    async def GetHookswitchStatus(
        self, request: rr.GetHookswitchStatusRequest, context: Any
    ) -> rr.GetHookswitchStatusResponse:
        extension = extension_of(request)
        answer = await self.core.invoke(
            csta.GetHookswitchStatus(
                device=self.core.device_id(extension), hookswitch=_optional_id(request.hookswitch)
            ),
            expect=csta.GetHookswitchStatusResponse,
            extension=extension,
        )
        return rr.GetHookswitchStatusResponse(
            hookswitches=[mapping.hookswitch(item) for item in answer.hookswitch_status_list]
        )

    async def GetRingerStatus(self, request: rr.GetRingerStatusRequest, context: Any) -> rr.GetRingerStatusResponse:
        extension = extension_of(request)
        answer = await self.core.invoke(
            csta.GetRingerStatus(device=self.core.device_id(extension), ringer=_optional_id(request.ringer)),
            expect=csta.GetRingerStatusResponse,
            extension=extension,
        )
        return rr.GetRingerStatusResponse(ringers=[mapping.ringer(item) for item in answer.ringer_status_list])

    async def GetRegistrationState(
        self, request: rr.GetRegistrationStateRequest, context: Any
    ) -> rr.GetRegistrationStateResponse:
        extension = extension_of(request)
        answer = await self.core.invoke(
            csta.GetRegistrationState(device=self.core.device_id(extension)),
            expect=csta.GetRegistrationStateResponse,
            extension=extension,
        )
        return rr.GetRegistrationStateResponse(
            state=mapping.registration_state(answer.registration_state),
            gatekeeper_address=answer.gatekeeper_address or "",
        )

    # ---------------------------------------------------------------------------- security code

    async def ValidateDeviceSecurityCode(
        self, request: rr.ValidateDeviceSecurityCodeRequest, context: Any
    ) -> rr.ValidateDeviceSecurityCodeResponse:
        extension = extension_of(request)
        code = require(request.security_code, "security_code")
        try:
            answer = await self.core.invoke(
                csta.ValidateDeviceSecurityCode(device=self.core.device_id(extension), security_code=code),
                expect=csta.ValidateDeviceSecurityCodeResponse,
                extension=extension,
            )
        except CallwireError as err:
            # A wrong code is an answer: the switch refuses with a `security` class error.
            if err.reason == "PERMISSION_DENIED" and err.csta is not None:
                return rr.ValidateDeviceSecurityCodeResponse(valid=False, reason=err.csta.value or "security")
            raise
        valid = answer.response is None or answer.response.strip().lower() in _YES
        return rr.ValidateDeviceSecurityCodeResponse(valid=valid, reason="" if valid else (answer.reason or ""))

    async def ChangeDeviceSecurityCode(
        self, request: rr.ChangeDeviceSecurityCodeRequest, context: Any
    ) -> rr.ChangeDeviceSecurityCodeResponse:
        extension = extension_of(request)
        new_code = require(request.new_security_code, "new_security_code")
        # The old code may be empty: a station without a security code has none to give.
        try:
            answer = await self.core.invoke(
                csta.ChangeDeviceSecurityCode(
                    device=self.core.device_id(extension),
                    old_security_code=request.old_security_code.strip(),
                    new_security_code=new_code,
                ),
                expect=csta.ChangeDeviceSecurityCodeResponse,
                extension=extension,
            )
        except CallwireError as err:
            # A refused change is an answer: a wrong old code (`security`) or an unacceptable new one.
            refused = err.reason == "PERMISSION_DENIED" or (
                err.reason == "CSTA_ERROR" and err.code == grpc.StatusCode.INVALID_ARGUMENT
            )
            if refused and err.csta is not None:
                return rr.ChangeDeviceSecurityCodeResponse(changed=False, reason=err.csta.value or "refused")
            raise
        changed = answer.response is None or answer.response.strip().lower() in _YES
        return rr.ChangeDeviceSecurityCodeResponse(changed=changed, reason="" if changed else (answer.reason or ""))

    # ------------------------------------------------------------------------------------ writes

    async def PressButton(self, request: rr.PressButtonRequest, context: Any) -> rr.PressButtonResponse:
        extension = extension_of(request)
        button = require(request.button, "button")
        await self._query(
            csta.ButtonPress(device=self.core.device_id(extension), button=button),
            extension,
            "button",
            button,
            expect=csta.Message,  # a write: any positive answer will do
        )
        return rr.PressButtonResponse()

    async def SetHookswitchStatus(
        self, request: rr.SetHookswitchStatusRequest, context: Any
    ) -> rr.SetHookswitchStatusResponse:
        extension = extension_of(request)
        await self.core.invoke(
            csta.SetHookswitchStatus(
                device=self.core.device_id(extension),
                hookswitch=_optional_id(request.hookswitch) or DEFAULT_HOOKSWITCH,
                hookswitch_onhook=request.on_hook,
            ),
            extension=extension,
        )
        return rr.SetHookswitchStatusResponse()


def register(server: grpc.aio.Server, core: Core) -> str:
    service_pb2_grpc.add_DeviceServiceServicer_to_server(DeviceServicer(core), server)
    return service_pb2.DESCRIPTOR.services_by_name["DeviceService"].full_name
