"""ECMA-323 logical device features: agent state, do-not-disturb (Avaya: Send All Calls), forwarding, MWI."""

from __future__ import annotations

import enum

from ._common import CommonArguments, DeviceID
from ._schema import Message, complex_type, el, message

__all__ = [
    "AgentInfoItem",
    "AgentState",
    "AgentStateCondition",
    "AgentStateEntry",
    "CallOrigination",
    "ForwardDefault",
    "ForwardListItem",
    "ForwardingType",
    "GetAgentState",
    "GetAgentStateResponse",
    "GetDoNotDisturb",
    "GetDoNotDisturbResponse",
    "GetForwarding",
    "GetForwardingResponse",
    "GetMessageWaitingIndicator",
    "GetMessageWaitingIndicatorResponse",
    "PendingAgentState",
    "ReqAgentState",
    "SetAgentState",
    "SetAgentStateResponse",
    "SetDoNotDisturb",
    "SetDoNotDisturbResponse",
    "SetForwarding",
    "SetForwardingResponse",
    "SetMessageWaitingIndicator",
    "SetMessageWaitingIndicatorResponse",
]


class ReqAgentState(enum.StrEnum):
    LOGGED_ON = "loggedOn"
    LOGGED_OFF = "loggedOff"
    NOT_READY = "notReady"
    READY = "ready"
    WORKING_AFTER_CALL = "workingAfterCall"


class AgentState(enum.StrEnum):
    AGENT_NOT_READY = "agentNotReady"
    AGENT_NULL = "agentNull"
    AGENT_READY = "agentReady"
    AGENT_BUSY = "agentBusy"
    AGENT_WORKING_AFTER_CALL = "agentWorkingAfterCall"


class PendingAgentState(enum.StrEnum):
    AGENT_NOT_READY = "agentNotReady"
    AGENT_NULL = "agentNull"
    AGENT_READY = "agentReady"
    AGENT_WORKING_AFTER_CALL = "agentWorkingAfterCall"


class AgentStateCondition(enum.StrEnum):
    FORCED_PAUSE = "forcedPause"
    OTHER = "other"


class ForwardingType(enum.StrEnum):
    FORWARD_IMMEDIATE = "forwardImmediate"
    FORWARD_BUSY = "forwardBusy"
    FORWARD_NO_ANS = "forwardNoAns"
    FORWARD_DND = "forwardDND"
    FORWARD_BUSY_INT = "forwardBusyInt"
    FORWARD_BUSY_EXT = "forwardBusyExt"
    FORWARD_NO_ANS_INT = "forwardNoAnsInt"
    FORWARD_NO_ANS_EXT = "forwardNoAnsExt"
    FORWARD_IMM_INT = "forwardImmInt"
    FORWARD_IMM_EXT = "forwardImmExt"
    FORWARD_DND_INT = "forwardDNDInt"
    FORWARD_DND_EXT = "forwardDNDExt"


class ForwardDefault(enum.StrEnum):
    FORWARDING_TYPE_AND_FORWARD_DN = "forwardingTypeAndForwardDN"
    FORWARDING_TYPE = "forwardingType"
    FORWARD_DN = "forwardDN"


@message("SetAgentState")
class SetAgentState(Message):
    device: DeviceID = el("device")
    requested_agent_state: ReqAgentState = el("requestedAgentState")
    agent_id: str | None = el("agentID", default=None)
    password: bytes | None = el("password", default=None)
    group: DeviceID | None = el("group", default=None)
    extensions: CommonArguments | None = el("extensions", default=None)


@message("SetAgentStateResponse")
class SetAgentStateResponse(Message):
    pending_agent_state: PendingAgentState | None = el("pendingAgentState", default=None)
    extensions: CommonArguments | None = el("extensions", default=None)


@message("GetAgentState")
class GetAgentState(Message):
    device: DeviceID = el("device")
    acd_group: DeviceID | None = el("acdGroup", default=None)
    extensions: CommonArguments | None = el("extensions", default=None)


@complex_type
class AgentInfoItem:
    """`agentInfoItem` (schema type AgentInfo): the agent's state in one ACD group (split/skill)."""

    acd_group: DeviceID | None = el("acdGroup", default=None)
    agent_state: AgentState | None = el("agentState", default=None)
    pending_agent_state: PendingAgentState | None = el("pendingAgentState", default=None)
    agent_state_condition: AgentStateCondition | None = el("agentStateCondition", default=None)


@complex_type
class AgentStateEntry:
    agent_id: str | None = el("agentID", default=None)
    logged_on_state: bool = el("loggedOnState")
    agent_info: tuple[AgentInfoItem, ...] = el("agentInfo", item="agentInfoItem", default=())


@message("GetAgentStateResponse")
class GetAgentStateResponse(Message):
    agent_state_list: tuple[AgentStateEntry, ...] = el("agentStateList", item="agentStateEntry", default=())
    extensions: CommonArguments | None = el("extensions", default=None)


@complex_type
class CallOrigination:
    external: bool | None = el("external", default=None)


@message("SetDoNotDisturb")
class SetDoNotDisturb(Message):
    device: DeviceID = el("device")
    do_not_disturb_on: bool = el("doNotDisturbOn")
    call_origination: CallOrigination | None = el("callOrigination", default=None)
    calling_device_list: tuple[DeviceID, ...] | None = el("callingDeviceList", item="callingDevice", default=None)
    extensions: CommonArguments | None = el("extensions", default=None)


@message("SetDoNotDisturbResponse")
class SetDoNotDisturbResponse(Message):
    extensions: CommonArguments | None = el("extensions", default=None)


@message("GetDoNotDisturb")
class GetDoNotDisturb(Message):
    device: DeviceID = el("device")
    extensions: CommonArguments | None = el("extensions", default=None)


@message("GetDoNotDisturbResponse")
class GetDoNotDisturbResponse(Message):
    do_not_disturb_on: bool = el("doNotDisturbOn")
    call_origination: CallOrigination | None = el("callOrigination", default=None)
    calling_device_list: tuple[DeviceID, ...] | None = el("callingDeviceList", item="callingDevice", default=None)
    extensions: CommonArguments | None = el("extensions", default=None)


@message("SetForwarding")
class SetForwarding(Message):
    device: DeviceID = el("device")
    forwarding_type: ForwardingType | None = el("forwardingType", default=None)
    activate_forward: bool = el("activateForward")
    forward_dn: DeviceID | None = el("forwardDN", default=None)
    ring_count: int | None = el("ringCount", default=None)
    extensions: CommonArguments | None = el("extensions", default=None)


@message("SetForwardingResponse")
class SetForwardingResponse(Message):
    extensions: CommonArguments | None = el("extensions", default=None)


@message("GetForwarding")
class GetForwarding(Message):
    device: DeviceID = el("device")
    extensions: CommonArguments | None = el("extensions", default=None)


@complex_type
class ForwardListItem:
    forwarding_type: ForwardingType = el("forwardingType")
    forward_status: bool = el("forwardStatus")
    forward_dn: DeviceID | None = el("forwardDN", default=None)
    forward_default: ForwardDefault | None = el("forwardDefault", default=None)
    ring_count: int | None = el("ringCount", default=None)


@message("GetForwardingResponse")
class GetForwardingResponse(Message):
    forwarding_list: tuple[ForwardListItem, ...] = el("forwardingList", item="forwardListItem", default=())
    extensions: CommonArguments | None = el("extensions", default=None)


@message("SetMessageWaitingIndicator")
class SetMessageWaitingIndicator(Message):
    device: DeviceID = el("device")
    message_waiting_on: bool = el("messageWaitingOn")
    device_for_message: DeviceID | None = el("deviceForMessage", default=None)
    extensions: CommonArguments | None = el("extensions", default=None)


@message("SetMessageWaitingIndicatorResponse")
class SetMessageWaitingIndicatorResponse(Message):
    extensions: CommonArguments | None = el("extensions", default=None)


@message("GetMessageWaitingIndicator")
class GetMessageWaitingIndicator(Message):
    device: DeviceID = el("device")
    extensions: CommonArguments | None = el("extensions", default=None)


@message("GetMessageWaitingIndicatorResponse")
class GetMessageWaitingIndicatorResponse(Message):
    message_waiting_on: bool = el("messageWaitingOn")
    device_for_message: DeviceID | None = el("deviceForMessage", default=None)
    lamp_is_present: bool | None = el("lampIsPresent", default=None)
    extensions: CommonArguments | None = el("extensions", default=None)
