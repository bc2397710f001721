"""ECMA-323 physical device features (the DMCC phone: buttons, lamps, display, hookswitch, ringer)."""

from __future__ import annotations

import enum

from ._common import CommonArguments, DeviceID
from ._schema import Message, complex_type, el, message

__all__ = [
    "ButtonItem",
    "ButtonPress",
    "ButtonPressResponse",
    "CharacterSet",
    "DisplayListItem",
    "GetButtonInformation",
    "GetButtonInformationResponse",
    "GetDisplay",
    "GetDisplayResponse",
    "GetHookswitchStatus",
    "GetHookswitchStatusResponse",
    "GetLampMode",
    "GetLampModeResponse",
    "GetRingerStatus",
    "GetRingerStatusResponse",
    "HookswitchStatusItem",
    "LampBrightness",
    "LampModeItem",
    "RingMode",
    "RingerStatusItem",
    "SetHookswitchStatus",
    "SetHookswitchStatusResponse",
]


class RingMode(enum.StrEnum):
    RINGING = "ringing"
    NOT_RINGING = "notRinging"


class LampBrightness(enum.StrEnum):
    UNSPECIFIED = "unspecified"
    DIM = "dim"
    BRIGHT = "bright"


class CharacterSet(enum.StrEnum):
    ASCII = "ascii"
    UNICODE = "unicode"
    PROPRIETARY = "proprietary"


@message("GetButtonInformation")
class GetButtonInformation(Message):
    device: DeviceID = el("device")
    button: str | None = el("button", default=None)
    extensions: CommonArguments | None = el("extensions", default=None)


@complex_type
class ButtonItem:
    button: str = el("button")
    button_label: str | None = el("buttonLabel", default=None)
    button_label_settable: bool | None = el("buttonLabelSettable", default=None)
    button_function: str | None = el("buttonFunction", default=None)
    button_associated_number: DeviceID | None = el("buttonAssociatedNumber", default=None)
    button_associated_number_settable: bool | None = el("buttonAssociatedNumberSettable", default=None)
    button_press_indicator: bool | None = el("buttonPressIndicator", default=None)
    lamp_list: tuple[str, ...] = el("lampList", item="lampID", default=())


@message("GetButtonInformationResponse")
class GetButtonInformationResponse(Message):
    button_list: tuple[ButtonItem, ...] = el("buttonList", item="buttonItem", default=())
    extensions: CommonArguments | None = el("extensions", default=None)


@message("ButtonPress")
class ButtonPress(Message):
    device: DeviceID = el("device")
    button: str = el("button")
    extensions: CommonArguments | None = el("extensions", default=None)


@message("ButtonPressResponse")
class ButtonPressResponse(Message):
    extensions: CommonArguments | None = el("extensions", default=None)


@message("GetLampMode")
class GetLampMode(Message):
    device: DeviceID = el("device")
    lamp: str | None = el("lamp", default=None)
    extensions: CommonArguments | None = el("extensions", default=None)


@complex_type
class LampModeItem:
    """`lampMode` is a number: ECMA-269 0 brokenFlutter, 1 flutter, 2 off, 3 steady, 4 wink, 5 unknown, ... ."""

    lamp: str = el("lamp")
    lamp_mode: int = el("lampMode")
    lamp_brightness: LampBrightness | None = el("lampBrightness", default=None)
    lamp_color: int | None = el("lampColor", default=None)
    button: str | None = el("button", default=None)


@message("GetLampModeResponse")
class GetLampModeResponse(Message):
    lamp_mode_list: tuple[LampModeItem, ...] = el("lampModeList", item="lampModeItem", default=())
    extensions: CommonArguments | None = el("extensions", default=None)


@message("GetDisplay")
class GetDisplay(Message):
    device: DeviceID = el("device")
    display: str | None = el("display", default=None)
    extensions: CommonArguments | None = el("extensions", default=None)


@complex_type
class DisplayListItem:
    display_id: str = el("displayID")
    logical_rows: int = el("logicalRows")
    logical_columns: int = el("logicalColumns")
    physical_rows: int | None = el("physicalRows", default=None)
    physical_columns: int | None = el("physicalColumns", default=None)
    physical_base_row_number: int | None = el("physicalBaseRowNumber", default=None)
    physical_base_column_number: int | None = el("physicalBaseColumnNumber", default=None)
    character_set: CharacterSet | None = el("characterSet", default=None)
    contents_of_display: str = el("contentsOfDisplay")


@message("GetDisplayResponse")
class GetDisplayResponse(Message):
    display_list: tuple[DisplayListItem, ...] = el("displayList", item="displayListItem", default=())
    extensions: CommonArguments | None = el("extensions", default=None)


@message("GetHookswitchStatus")
class GetHookswitchStatus(Message):
    device: DeviceID = el("device")
    hookswitch: str | None = el("hookswitch", default=None)
    extensions: CommonArguments | None = el("extensions", default=None)


@complex_type
class HookswitchStatusItem:
    hookswitch: str = el("hookswitch")
    hookswitch_on_hook: bool = el("hookswitchOnHook")


@message("GetHookswitchStatusResponse")
class GetHookswitchStatusResponse(Message):
    hookswitch_status_list: tuple[HookswitchStatusItem, ...] = el(
        "hookswitchStatusList", item="hookswitchStatusItem", default=()
    )
    extensions: CommonArguments | None = el("extensions", default=None)


@message("SetHookswitchStatus")
class SetHookswitchStatus(Message):
    """Note the schema's spelling `hookswitchOnhook` here (lower-case h), unlike `hookswitchOnHook` elsewhere."""

    device: DeviceID = el("device")
    hookswitch: str = el("hookswitch")
    hookswitch_onhook: bool = el("hookswitchOnhook")
    extensions: CommonArguments | None = el("extensions", default=None)


@message("SetHookswitchStatusResponse")
class SetHookswitchStatusResponse(Message):
    extensions: CommonArguments | None = el("extensions", default=None)


@message("GetRingerStatus")
class GetRingerStatus(Message):
    device: DeviceID = el("device")
    ringer: str | None = el("ringer", default=None)
    extensions: CommonArguments | None = el("extensions", default=None)


@complex_type
class RingerStatusItem:
    ringer: str = el("ringer")
    ring_mode: RingMode = el("ringMode")
    ring_count: str | None = el("ringCount", default=None)
    ring_pattern: int | None = el("ringPattern", default=None)
    ring_vol_abs: str | None = el("ringVolAbs", default=None)


@message("GetRingerStatusResponse")
class GetRingerStatusResponse(Message):
    ringer_status_list: tuple[RingerStatusItem, ...] = el("ringerStatusList", item="ringerStatusItem", default=())
    extensions: CommonArguments | None = el("extensions", default=None)
