"""ECMA-323 system services: system status (OpenScape-style heartbeat), SystemRegister, and Escape."""

from __future__ import annotations

import enum

from ._common import CommonArguments, PrivateData
from ._schema import Message, complex_type, el, message

__all__ = [
    "Escape",
    "EscapeResponse",
    "RequestSystemStatus",
    "RequestSystemStatusResponse",
    "RequestTypes",
    "StatusFilter",
    "SystemRegister",
    "SystemRegisterResponse",
    "SystemStatus",
    "SystemStatusResponse",
    "SystemStatusValue",
]


class SystemStatusValue(enum.StrEnum):
    DISABLED = "disabled"
    PARTIALLY_DISABLED = "partiallyDisabled"
    ENABLED = "enabled"
    INITIALIZING = "initializing"
    MESSAGES_LOST = "messagesLost"
    NORMAL = "normal"
    OVERLOAD_IMMINENT = "overloadImminent"
    OVERLOAD_REACHED = "overloadReached"
    OVERLOAD_RELIEVED = "overloadRelieved"


@message("SystemStatus")
class SystemStatus(Message):
    sys_stat_register_id: str | None = el("sysStatRegisterID", default=None)
    system_status: SystemStatusValue = el("systemStatus")
    extensions: CommonArguments | None = el("extensions", default=None)


@message("SystemStatusResponse")
class SystemStatusResponse(Message):
    extensions: CommonArguments | None = el("extensions", default=None)


@message("RequestSystemStatus")
class RequestSystemStatus(Message):
    sys_stat_register_id: str | None = el("sysStatRegisterID", default=None)
    extensions: CommonArguments | None = el("extensions", default=None)


@message("RequestSystemStatusResponse")
class RequestSystemStatusResponse(Message):
    system_status: SystemStatusValue = el("systemStatus")
    extensions: CommonArguments | None = el("extensions", default=None)


@complex_type
class RequestTypes:
    system_status: bool | None = el("systemStatus", default=None)
    request_system_status: bool | None = el("requestSystemStatus", default=None)
    switching_function_caps_changed: bool | None = el("switchingFunctionCapsChanged", default=None)
    switching_function_devices_changed: bool | None = el("switchingFunctionDevicesChanged", default=None)


@complex_type
class StatusFilter:
    """A `true` flag filters (suppresses) SystemStatus reports of that value. `messageLost` is the schema's name."""

    initializing: bool | None = el("initializing", default=None)
    enabled: bool | None = el("enabled", default=None)
    normal: bool | None = el("normal", default=None)
    message_lost: bool | None = el("messageLost", default=None)
    disabled: bool | None = el("disabled", default=None)
    partially_disabled: bool | None = el("partiallyDisabled", default=None)
    overload_imminent: bool | None = el("overloadImminent", default=None)
    overload_reached: bool | None = el("overloadReached", default=None)
    overload_relieved: bool | None = el("overloadRelieved", default=None)


@message("SystemRegister")
class SystemRegister(Message):
    request_types: RequestTypes = el("requestTypes")
    requested_status_filter: StatusFilter | None = el("requestedStatusFilter", default=None)
    extensions: CommonArguments | None = el("extensions", default=None)


@message("SystemRegisterResponse")
class SystemRegisterResponse(Message):
    sys_stat_register_id: str = el("sysStatRegisterID")
    actual_status_filter: StatusFilter | None = el("actualStatusFilter", default=None)
    extensions: CommonArguments | None = el("extensions", default=None)


@message("Escape")
class Escape(Message):
    """A vendor service carried entirely in private data. The schema gives Escape no `extensions`."""

    escape_register_id: str | None = el("escapeRegisterID", default=None)
    private_data: PrivateData | None = el("privateData", default=None)


@message("EscapeResponse")
class EscapeResponse(Message):
    extensions: CommonArguments | None = el("extensions", default=None)
