"""DeviceService: first-party control of a phone through Avaya DMCC (buttons, lamps, display, hook switch,
ringer, registration, security code), plus the state of the CSTA links (the legacy GetLinkStatus).

The physical-device reads and writes are the ECMA-323 physical device services (`csta/_physical.py`);
registration state and the security-code checks are Avaya services (`csta/_avaya.py`). The lamp, display,
hook switch, ringer and button conversions are public so that the event stream (`phone_changed`) can share
them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import grpc

from callwire.device.v1 import enums_pb2, service_pb2, service_pb2_grpc
from callwire.device.v1 import message_pb2 as device_pb2
from callwire.device.v1 import request_response_pb2 as rr
from callwire_csta import codec as csta
from callwire_csta.link import CstaLink, LinkState

from ..core import Core, R
from ._common import CallwireError, extension_of, require

#: CSTA requires a hook switch ID; Communication Manager has one per phone and ignores the value. Avaya's own
#: sample applications send "0000".
DEFAULT_HOOKSWITCH = "0000"

#: ECMA-269 `lampMode` numbers.
_LAMP_MODES: dict[int, enums_pb2.LampMode] = {
    0: enums_pb2.LAMP_MODE_BROKEN_FLUTTER,
    1: enums_pb2.LAMP_MODE_FLUTTER,
    2: enums_pb2.LAMP_MODE_OFF,
    3: enums_pb2.LAMP_MODE_STEADY,
    4: enums_pb2.LAMP_MODE_WINK,
}
#: ECMA-269 `lampColor` numbers.
_LAMP_COLORS: dict[int, enums_pb2.LampColor] = {
    0: enums_pb2.LAMP_COLOR_NO_COLOR,
    1: enums_pb2.LAMP_COLOR_RED,
    2: enums_pb2.LAMP_COLOR_YELLOW,
    3: enums_pb2.LAMP_COLOR_GREEN,
    4: enums_pb2.LAMP_COLOR_BLUE,
}
_BRIGHTNESS: dict[csta.LampBrightness, enums_pb2.LampBrightness] = {
    csta.LampBrightness.UNSPECIFIED: enums_pb2.LAMP_BRIGHTNESS_NORMAL,
    csta.LampBrightness.DIM: enums_pb2.LAMP_BRIGHTNESS_DIM,
    csta.LampBrightness.BRIGHT: enums_pb2.LAMP_BRIGHTNESS_BRIGHT,
}
_CHARSET: dict[csta.CharacterSet, enums_pb2.CharacterSet] = {
    csta.CharacterSet.ASCII: enums_pb2.CHARACTER_SET_ASCII,
    csta.CharacterSet.UNICODE: enums_pb2.CHARACTER_SET_UNICODE,
    csta.CharacterSet.PROPRIETARY: enums_pb2.CHARACTER_SET_PROPRIETARY,
}
_RING_MODE: dict[csta.RingMode, enums_pb2.RingMode] = {
    csta.RingMode.RINGING: enums_pb2.RING_MODE_RINGING,
    csta.RingMode.NOT_RINGING: enums_pb2.RING_MODE_NOT_RINGING,
}
_REGISTRATION: dict[csta.RegistrationState, enums_pb2.RegistrationState] = {
    csta.RegistrationState.IDLE: enums_pb2.REGISTRATION_STATE_IDLE,
    csta.RegistrationState.REGISTERING: enums_pb2.REGISTRATION_STATE_REGISTERING,
    csta.RegistrationState.REGISTERED: enums_pb2.REGISTRATION_STATE_REGISTERED,
    csta.RegistrationState.UNREGISTERING: enums_pb2.REGISTRATION_STATE_UNREGISTERING,
}
#: CSTA error values a switch gives for an unknown button, lamp or display ID (operation class).
_UNKNOWN_ITEM: dict[str, frozenset[str]] = {
    "button": frozenset({"invalidButtonIdentifier", "invalidButtonID", "invalidButton"}),
    "lamp": frozenset({"invalidLampID", "invalidLampIdentifier", "invalidLamp"}),
    "display_id": frozenset({"invalidDisplayID", "invalidDisplayIdentifier", "invalidDisplay"}),
}
#: Positive answers of Validate/ChangeDeviceSecurityCode (`response` is free text in the Avaya schema).
_YES = frozenset({"true", "valid", "validated", "changed", "success", "succeeded", "ok", "yes", "1"})


def _number(text: str | None) -> int:
    """A number the schema types as a string (`ringCount`, `ringVolAbs`); 0 when absent or not a number."""
    try:
        return int((text or "").strip())
    except ValueError:
        return 0


def lamp_mode(code: int) -> tuple[enums_pb2.LampMode, int]:
    """The contract's lamp mode and `mode_code` (set for LAMP_MODE_OTHER only) for an ECMA-269 number."""
    mode = _LAMP_MODES.get(code)
    return (mode, 0) if mode is not None else (enums_pb2.LAMP_MODE_OTHER, code)


def lamp_color(code: int | None) -> tuple[enums_pb2.LampColor, int]:
    """The contract's lamp colour and `color_code` (LAMP_COLOR_OTHER only); UNSPECIFIED when not reported."""
    if code is None:
        return enums_pb2.LAMP_COLOR_UNSPECIFIED, 0
    color = _LAMP_COLORS.get(code)
    return (color, 0) if color is not None else (enums_pb2.LAMP_COLOR_OTHER, code)


def lamp_brightness(value: csta.LampBrightness | None) -> enums_pb2.LampBrightness:
    """Absent or `unspecified` brightness is normal brightness."""
    return (
        _BRIGHTNESS.get(value, enums_pb2.LAMP_BRIGHTNESS_NORMAL)
        if value is not None
        else enums_pb2.LAMP_BRIGHTNESS_NORMAL
    )


def lamp_from_csta(item: csta.LampModeItem) -> device_pb2.Lamp:
    mode, mode_code = lamp_mode(item.lamp_mode)
    color, color_code = lamp_color(item.lamp_color)
    return device_pb2.Lamp(
        lamp=item.lamp,
        mode=mode,
        mode_code=mode_code,
        brightness=lamp_brightness(item.lamp_brightness),
        color=color,
        color_code=color_code,
        button=item.button or "",
    )


def display_from_csta(item: csta.DisplayListItem) -> device_pb2.Display:
    return device_pb2.Display(
        display_id=item.display_id,
        logical_rows=item.logical_rows,
        logical_columns=item.logical_columns,
        physical_rows=item.physical_rows or 0,
        physical_columns=item.physical_columns or 0,
        physical_base_row_number=item.physical_base_row_number or 0,
        physical_base_column_number=item.physical_base_column_number or 0,
        character_set=(
            _CHARSET.get(item.character_set, enums_pb2.CHARACTER_SET_ASCII)
            if item.character_set is not None
            else enums_pb2.CHARACTER_SET_ASCII
        ),
        contents=item.contents_of_display,
    )


def ringer_from_csta(item: csta.RingerStatusItem) -> device_pb2.Ringer:
    return device_pb2.Ringer(
        ringer=item.ringer,
        ring_mode=_RING_MODE.get(item.ring_mode, enums_pb2.RING_MODE_UNSPECIFIED),
        ring_count=_number(item.ring_count),
        ring_pattern=item.ring_pattern or 0,
        ring_volume=_number(item.ring_vol_abs),
    )


def hookswitch_from_csta(item: csta.HookswitchStatusItem) -> device_pb2.Hookswitch:
    return device_pb2.Hookswitch(hookswitch=item.hookswitch, on_hook=item.hookswitch_on_hook)


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
        return rr.GetButtonInformationResponse(buttons=[self._button(b) for b in items])

    def _button(self, item: csta.ButtonItem) -> device_pb2.Button:
        number = item.button_associated_number
        return device_pb2.Button(
            button=item.button,
            label=item.button_label or "",
            label_settable=bool(item.button_label_settable),
            function=item.button_function or "",
            associated_number=self.core.link.extension_of(number.value) if number is not None else "",
            associated_number_settable=bool(item.button_associated_number_settable),
            press_indicator=bool(item.button_press_indicator),
            lamp_ids=list(item.lamp_list),
        )

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
        return rr.GetLampModeResponse(lamps=[lamp_from_csta(item) for item in items])

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
        return rr.GetDisplayResponse(displays=[display_from_csta(item) for item in items])

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
            hookswitches=[hookswitch_from_csta(item) for item in answer.hookswitch_status_list]
        )

    async def GetRingerStatus(self, request: rr.GetRingerStatusRequest, context: Any) -> rr.GetRingerStatusResponse:
        extension = extension_of(request)
        answer = await self.core.invoke(
            csta.GetRingerStatus(device=self.core.device_id(extension), ringer=_optional_id(request.ringer)),
            expect=csta.GetRingerStatusResponse,
            extension=extension,
        )
        return rr.GetRingerStatusResponse(ringers=[ringer_from_csta(item) for item in answer.ringer_status_list])

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
            state=_REGISTRATION.get(answer.registration_state, enums_pb2.REGISTRATION_STATE_IDLE),
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
