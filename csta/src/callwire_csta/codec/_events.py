"""ECMA-323 events. Every event begins with `monitorCrossRefID` (from MonitorStartResponse), arrives with
invoke ID 9999 and is never acknowledged. `TransferedEvent` is the schema's spelling (one "r").

Device references use the ExtendedDeviceID wrapper types (`<callingDevice><deviceIdentifier>...`).
Only fields the product needs are declared, in schema order; `extensions` carries Avaya private data
(DeliveredEventPrivateData, ... in `_avaya.py`).
"""

from __future__ import annotations

import enum

from ._common import (
    CalledDeviceID,
    CallingDeviceID,
    CallLinkageData,
    CallLinkageDataList,
    CommonArguments,
    ConnectionID,
    ConnectionListItem,
    CorrelatorData,
    DeviceID,
    EventCause,
    ExtendedDeviceID,
    LocalConnectionState,
    PrivateData,
    RedirectionDeviceID,
    SubjectDeviceID,
    UserData,
)
from ._logical import CallOrigination, ForwardDefault, ForwardingType, PendingAgentState
from ._physical import CharacterSet, LampBrightness, RingMode
from ._schema import Message, complex_type, el, message

__all__ = [
    "AgentBusyEvent",
    "AgentLoggedOffEvent",
    "AgentLoggedOnEvent",
    "AgentNotReadyEvent",
    "AgentReadyEvent",
    "AgentWorkingAfterCallEvent",
    "AgentWorkingAfterCallPendingState",
    "ButtonInformationEvent",
    "ButtonPressEvent",
    "CallClearedEvent",
    "ConferencedEvent",
    "ConnectionClearedEvent",
    "DeliveredEvent",
    "DigitsGeneratedEvent",
    "DisplayUpdatedEvent",
    "DivertedEvent",
    "DoNotDisturbEvent",
    "EstablishedEvent",
    "FailedEvent",
    "ForwardingEvent",
    "HeldEvent",
    "HookswitchEvent",
    "LampModeEvent",
    "MessageWaitingEvent",
    "OriginatedEvent",
    "PrivateEvent",
    "QueuedEvent",
    "RetrievedEvent",
    "RingerStatusEvent",
    "ServiceInitiatedEvent",
    "TransferedEvent",
    "VolInc",
    "Volume",
]


class AgentWorkingAfterCallPendingState(enum.StrEnum):
    NOT_READY = "notReady"
    READY = "ready"
    NULL = "null"


class VolInc(enum.StrEnum):
    INCREMENT = "increment"
    DECREMENT = "decrement"


@complex_type
class Volume:
    """`ringVolume`: a choice of an absolute volume (0-100) or a step."""

    vol_abs: int | None = el("volAbs", default=None)
    vol_inc: VolInc | None = el("volInc", default=None)


@message("ServiceInitiatedEvent")
class ServiceInitiatedEvent(Message):
    monitor_cross_ref_id: str = el("monitorCrossRefID")
    initiated_connection: ConnectionID = el("initiatedConnection")
    initiating_device: SubjectDeviceID | None = el("initiatingDevice", default=None)
    local_connection_info: LocalConnectionState | None = el("localConnectionInfo", default=None)
    correlator_data: CorrelatorData | None = el("correlatorData", default=None)
    cause: EventCause | None = el("cause", default=None)
    network_calling_device: ExtendedDeviceID | None = el("networkCallingDevice", default=None)
    network_called_device: ExtendedDeviceID | None = el("networkCalledDevice", default=None)
    associated_calling_device: ExtendedDeviceID | None = el("associatedCallingDevice", default=None)
    call_linkage_data: CallLinkageData | None = el("callLinkageData", default=None)
    extensions: CommonArguments | None = el("extensions", default=None)


@message("OriginatedEvent")
class OriginatedEvent(Message):
    monitor_cross_ref_id: str = el("monitorCrossRefID")
    originated_connection: ConnectionID = el("originatedConnection")
    calling_device: SubjectDeviceID | None = el("callingDevice", default=None)
    called_device: CalledDeviceID | None = el("calledDevice", default=None)
    originating_device: DeviceID | None = el("originatingDevice", default=None)
    local_connection_info: LocalConnectionState | None = el("localConnectionInfo", default=None)
    correlator_data: CorrelatorData | None = el("correlatorData", default=None)
    cause: EventCause | None = el("cause", default=None)
    network_calling_device: ExtendedDeviceID | None = el("networkCallingDevice", default=None)
    network_called_device: ExtendedDeviceID | None = el("networkCalledDevice", default=None)
    associated_calling_device: ExtendedDeviceID | None = el("associatedCallingDevice", default=None)
    associated_called_device: ExtendedDeviceID | None = el("associatedCalledDevice", default=None)
    call_linkage_data: CallLinkageData | None = el("callLinkageData", default=None)
    extensions: CommonArguments | None = el("extensions", default=None)


@message("DeliveredEvent")
class DeliveredEvent(Message):
    monitor_cross_ref_id: str = el("monitorCrossRefID")
    connection: ConnectionID = el("connection")
    alerting_device: SubjectDeviceID | None = el("alertingDevice", default=None)
    calling_device: CallingDeviceID | None = el("callingDevice", default=None)
    called_device: CalledDeviceID | None = el("calledDevice", default=None)
    last_redirection_device: RedirectionDeviceID | None = el("lastRedirectionDevice", default=None)
    originating_nid_connection: ConnectionID | None = el("originatingNIDConnection", default=None)
    local_connection_info: LocalConnectionState | None = el("localConnectionInfo", default=None)
    correlator_data: CorrelatorData | None = el("correlatorData", default=None)
    user_data: UserData | None = el("userData", default=None)
    cause: EventCause | None = el("cause", default=None)
    network_calling_device: ExtendedDeviceID | None = el("networkCallingDevice", default=None)
    network_called_device: ExtendedDeviceID | None = el("networkCalledDevice", default=None)
    associated_calling_device: ExtendedDeviceID | None = el("associatedCallingDevice", default=None)
    associated_called_device: ExtendedDeviceID | None = el("associatedCalledDevice", default=None)
    call_linkage_data: CallLinkageData | None = el("callLinkageData", default=None)
    extensions: CommonArguments | None = el("extensions", default=None)


@message("EstablishedEvent")
class EstablishedEvent(Message):
    """`originatinNIDConnection` is the schema's spelling (DeliveredEvent has `originatingNIDConnection`)."""

    monitor_cross_ref_id: str = el("monitorCrossRefID")
    established_connection: ConnectionID = el("establishedConnection")
    answering_device: SubjectDeviceID | None = el("answeringDevice", default=None)
    calling_device: CallingDeviceID | None = el("callingDevice", default=None)
    called_device: CalledDeviceID | None = el("calledDevice", default=None)
    last_redirection_device: RedirectionDeviceID | None = el("lastRedirectionDevice", default=None)
    originatin_nid_connection: ConnectionID | None = el("originatinNIDConnection", default=None)
    local_connection_info: LocalConnectionState | None = el("localConnectionInfo", default=None)
    correlator_data: CorrelatorData | None = el("correlatorData", default=None)
    user_data: UserData | None = el("userData", default=None)
    cause: EventCause | None = el("cause", default=None)
    network_calling_device: ExtendedDeviceID | None = el("networkCallingDevice", default=None)
    network_called_device: ExtendedDeviceID | None = el("networkCalledDevice", default=None)
    associated_calling_device: ExtendedDeviceID | None = el("associatedCallingDevice", default=None)
    associated_called_device: ExtendedDeviceID | None = el("associatedCalledDevice", default=None)
    call_linkage_data: CallLinkageData | None = el("callLinkageData", default=None)
    extensions: CommonArguments | None = el("extensions", default=None)


@message("ConnectionClearedEvent")
class ConnectionClearedEvent(Message):
    monitor_cross_ref_id: str = el("monitorCrossRefID")
    dropped_connection: ConnectionID = el("droppedConnection")
    releasing_device: SubjectDeviceID | None = el("releasingDevice", default=None)
    local_connection_info: LocalConnectionState | None = el("localConnectionInfo", default=None)
    correlator_data: CorrelatorData | None = el("correlatorData", default=None)
    user_data: UserData | None = el("userData", default=None)
    cause: EventCause | None = el("cause", default=None)
    call_linkage_data: CallLinkageData | None = el("callLinkageData", default=None)
    extensions: CommonArguments | None = el("extensions", default=None)


@message("CallClearedEvent")
class CallClearedEvent(Message):
    monitor_cross_ref_id: str = el("monitorCrossRefID")
    cleared_call: ConnectionID = el("clearedCall")
    correlator_data: CorrelatorData | None = el("correlatorData", default=None)
    user_data: UserData | None = el("userData", default=None)
    cause: EventCause | None = el("cause", default=None)
    call_linkage_data: CallLinkageData | None = el("callLinkageData", default=None)
    extensions: CommonArguments | None = el("extensions", default=None)


@message("HeldEvent")
class HeldEvent(Message):
    monitor_cross_ref_id: str = el("monitorCrossRefID")
    held_connection: ConnectionID = el("heldConnection")
    holding_device: SubjectDeviceID | None = el("holdingDevice", default=None)
    local_connection_info: LocalConnectionState | None = el("localConnectionInfo", default=None)
    correlator_data: CorrelatorData | None = el("correlatorData", default=None)
    cause: EventCause | None = el("cause", default=None)
    call_linkage_data: CallLinkageData | None = el("callLinkageData", default=None)
    extensions: CommonArguments | None = el("extensions", default=None)


@message("RetrievedEvent")
class RetrievedEvent(Message):
    monitor_cross_ref_id: str = el("monitorCrossRefID")
    retrieved_connection: ConnectionID = el("retrievedConnection")
    retrieving_device: SubjectDeviceID | None = el("retrievingDevice", default=None)
    local_connection_info: LocalConnectionState | None = el("localConnectionInfo", default=None)
    correlator_data: CorrelatorData | None = el("correlatorData", default=None)
    cause: EventCause | None = el("cause", default=None)
    call_linkage_data: CallLinkageData | None = el("callLinkageData", default=None)
    extensions: CommonArguments | None = el("extensions", default=None)


@message("TransferedEvent")
class TransferedEvent(Message):
    """The schema's spelling: one "r"."""

    monitor_cross_ref_id: str = el("monitorCrossRefID")
    primary_old_call: ConnectionID = el("primaryOldCall")
    secondary_old_call: ConnectionID | None = el("secondaryOldCall", default=None)
    transferring_device: SubjectDeviceID | None = el("transferringDevice", default=None)
    transferred_to_device: SubjectDeviceID | None = el("transferredToDevice", default=None)
    transferred_connections: tuple[ConnectionListItem, ...] = el(
        "transferredConnections", item="connectionListItem", default=()
    )
    local_connection_info: LocalConnectionState | None = el("localConnectionInfo", default=None)
    correlator_data: CorrelatorData | None = el("correlatorData", default=None)
    user_data: UserData | None = el("userData", default=None)
    cause: EventCause | None = el("cause", default=None)
    call_linkage_data_list: CallLinkageDataList | None = el("callLinkageDataList", default=None)
    extensions: CommonArguments | None = el("extensions", default=None)


@message("ConferencedEvent")
class ConferencedEvent(Message):
    monitor_cross_ref_id: str = el("monitorCrossRefID")
    primary_old_call: ConnectionID = el("primaryOldCall")
    secondary_old_call: ConnectionID | None = el("secondaryOldCall", default=None)
    conferencing_device: SubjectDeviceID | None = el("conferencingDevice", default=None)
    added_party: SubjectDeviceID | None = el("addedParty", default=None)
    conference_connections: tuple[ConnectionListItem, ...] = el(
        "conferenceConnections", item="connectionListItem", default=()
    )
    local_connection_info: LocalConnectionState | None = el("localConnectionInfo", default=None)
    correlator_data: CorrelatorData | None = el("correlatorData", default=None)
    user_data: UserData | None = el("userData", default=None)
    cause: EventCause | None = el("cause", default=None)
    call_linkage_data_list: CallLinkageDataList | None = el("callLinkageDataList", default=None)
    extensions: CommonArguments | None = el("extensions", default=None)


@message("DivertedEvent")
class DivertedEvent(Message):
    monitor_cross_ref_id: str = el("monitorCrossRefID")
    connection: ConnectionID = el("connection")
    diverting_device: SubjectDeviceID | None = el("divertingDevice", default=None)
    new_destination: SubjectDeviceID | None = el("newDestination", default=None)
    calling_device: CallingDeviceID | None = el("callingDevice", default=None)
    called_device: CalledDeviceID | None = el("calledDevice", default=None)
    last_redirection_device: RedirectionDeviceID | None = el("lastRedirectionDevice", default=None)
    local_connection_info: LocalConnectionState | None = el("localConnectionInfo", default=None)
    correlator_data: CorrelatorData | None = el("correlatorData", default=None)
    user_data: UserData | None = el("userData", default=None)
    cause: EventCause | None = el("cause", default=None)
    network_calling_device: ExtendedDeviceID | None = el("networkCallingDevice", default=None)
    network_called_device: ExtendedDeviceID | None = el("networkCalledDevice", default=None)
    associated_calling_device: ExtendedDeviceID | None = el("associatedCallingDevice", default=None)
    associated_called_device: ExtendedDeviceID | None = el("associatedCalledDevice", default=None)
    call_linkage_data: CallLinkageData | None = el("callLinkageData", default=None)
    extensions: CommonArguments | None = el("extensions", default=None)


@message("FailedEvent")
class FailedEvent(Message):
    monitor_cross_ref_id: str = el("monitorCrossRefID")
    failed_connection: ConnectionID = el("failedConnection")
    failing_device: SubjectDeviceID | None = el("failingDevice", default=None)
    calling_device: CallingDeviceID | None = el("callingDevice", default=None)
    called_device: CalledDeviceID | None = el("calledDevice", default=None)
    last_redirection_device: RedirectionDeviceID | None = el("lastRedirectionDevice", default=None)
    originating_nid_connection: ConnectionID | None = el("originatingNIDConnection", default=None)
    local_connection_info: LocalConnectionState | None = el("localConnectionInfo", default=None)
    correlator_data: CorrelatorData | None = el("correlatorData", default=None)
    user_data: UserData | None = el("userData", default=None)
    cause: EventCause | None = el("cause", default=None)
    network_calling_device: ExtendedDeviceID | None = el("networkCallingDevice", default=None)
    network_called_device: ExtendedDeviceID | None = el("networkCalledDevice", default=None)
    associated_calling_device: ExtendedDeviceID | None = el("associatedCallingDevice", default=None)
    associated_called_device: ExtendedDeviceID | None = el("associatedCalledDevice", default=None)
    call_linkage_data: CallLinkageData | None = el("callLinkageData", default=None)
    extensions: CommonArguments | None = el("extensions", default=None)


@message("QueuedEvent")
class QueuedEvent(Message):
    monitor_cross_ref_id: str = el("monitorCrossRefID")
    queued_connection: ConnectionID = el("queuedConnection")
    queue: SubjectDeviceID | None = el("queue", default=None)
    calling_device: CallingDeviceID | None = el("callingDevice", default=None)
    called_device: CalledDeviceID | None = el("calledDevice", default=None)
    last_redirection_device: RedirectionDeviceID | None = el("lastRedirectionDevice", default=None)
    number_queued: int | None = el("numberQueued", default=None)
    calls_in_front: int | None = el("callsInFront", default=None)
    local_connection_info: LocalConnectionState | None = el("localConnectionInfo", default=None)
    correlator_data: CorrelatorData | None = el("correlatorData", default=None)
    user_data: UserData | None = el("userData", default=None)
    cause: EventCause | None = el("cause", default=None)
    network_calling_device: ExtendedDeviceID | None = el("networkCallingDevice", default=None)
    network_called_device: ExtendedDeviceID | None = el("networkCalledDevice", default=None)
    associated_calling_device: ExtendedDeviceID | None = el("associatedCallingDevice", default=None)
    associated_called_device: ExtendedDeviceID | None = el("associatedCalledDevice", default=None)
    call_linkage_data: CallLinkageData | None = el("callLinkageData", default=None)
    extensions: CommonArguments | None = el("extensions", default=None)


@message("DigitsGeneratedEvent")
class DigitsGeneratedEvent(Message):
    monitor_cross_ref_id: str = el("monitorCrossRefID")
    connection: ConnectionID = el("connection")
    digit_generated_list: str | None = el("digitGeneratedList", default=None)
    digit_duration_list: tuple[int, ...] | None = el("digitDurationList", item="digitDuration", default=None)
    pause_duration_list: tuple[int, ...] | None = el("pauseDurationList", item="pauseDuration", default=None)
    extensions: CommonArguments | None = el("extensions", default=None)


@message("AgentLoggedOnEvent")
class AgentLoggedOnEvent(Message):
    monitor_cross_ref_id: str = el("monitorCrossRefID")
    agent_device: SubjectDeviceID = el("agentDevice")
    agent_id: str | None = el("agentID", default=None)
    acd_group: DeviceID | None = el("acdGroup", default=None)
    agent_password: bytes | None = el("agentPassword", default=None)
    cause: EventCause | None = el("cause", default=None)
    extensions: CommonArguments | None = el("extensions", default=None)


@message("AgentLoggedOffEvent")
class AgentLoggedOffEvent(Message):
    monitor_cross_ref_id: str = el("monitorCrossRefID")
    agent_device: SubjectDeviceID = el("agentDevice")
    agent_id: str | None = el("agentID", default=None)
    acd_group: DeviceID | None = el("acdGroup", default=None)
    agent_password: bytes | None = el("agentPassword", default=None)
    cause: EventCause | None = el("cause", default=None)
    extensions: CommonArguments | None = el("extensions", default=None)


@message("AgentReadyEvent")
class AgentReadyEvent(Message):
    monitor_cross_ref_id: str = el("monitorCrossRefID")
    agent_device: SubjectDeviceID = el("agentDevice")
    agent_id: str | None = el("agentID", default=None)
    acd_group: DeviceID | None = el("acdGroup", default=None)
    cause: EventCause | None = el("cause", default=None)
    extensions: CommonArguments | None = el("extensions", default=None)


@message("AgentNotReadyEvent")
class AgentNotReadyEvent(Message):
    monitor_cross_ref_id: str = el("monitorCrossRefID")
    agent_device: SubjectDeviceID = el("agentDevice")
    agent_id: str | None = el("agentID", default=None)
    acd_group: DeviceID | None = el("acdGroup", default=None)
    cause: EventCause | None = el("cause", default=None)
    extensions: CommonArguments | None = el("extensions", default=None)


@message("AgentWorkingAfterCallEvent")
class AgentWorkingAfterCallEvent(Message):
    monitor_cross_ref_id: str = el("monitorCrossRefID")
    agent_device: SubjectDeviceID = el("agentDevice")
    agent_id: str | None = el("agentID", default=None)
    acd_group: DeviceID | None = el("acdGroup", default=None)
    pending_agent_state: AgentWorkingAfterCallPendingState | None = el("pendingAgentState", default=None)
    cause: EventCause | None = el("cause", default=None)
    extensions: CommonArguments | None = el("extensions", default=None)


@message("AgentBusyEvent")
class AgentBusyEvent(Message):
    monitor_cross_ref_id: str = el("monitorCrossRefID")
    agent_device: SubjectDeviceID = el("agentDevice")
    agent_id: str | None = el("agentID", default=None)
    acd_group: DeviceID | None = el("acdGroup", default=None)
    pending_agent_state: PendingAgentState | None = el("pendingAgentState", default=None)
    cause: EventCause | None = el("cause", default=None)
    extensions: CommonArguments | None = el("extensions", default=None)


@message("DoNotDisturbEvent")
class DoNotDisturbEvent(Message):
    monitor_cross_ref_id: str = el("monitorCrossRefID")
    device: SubjectDeviceID = el("device")
    do_not_disturb_on: bool = el("doNotDisturbOn")
    call_origination: CallOrigination | None = el("callOrigination", default=None)
    calling_device_list: tuple[DeviceID, ...] | None = el("callingDeviceList", item="callingDevice", default=None)
    extensions: CommonArguments | None = el("extensions", default=None)


@message("ForwardingEvent")
class ForwardingEvent(Message):
    monitor_cross_ref_id: str = el("monitorCrossRefID")
    device: SubjectDeviceID = el("device")
    forwarding_type: ForwardingType | None = el("forwardingType", default=None)
    forward_status: bool = el("forwardStatus")
    forward_to: DeviceID | None = el("forwardTo", default=None)
    forward_default: ForwardDefault | None = el("forwardDefault", default=None)
    ring_count: int | None = el("ringCount", default=None)
    extensions: CommonArguments | None = el("extensions", default=None)


@message("MessageWaitingEvent")
class MessageWaitingEvent(Message):
    monitor_cross_ref_id: str = el("monitorCrossRefID")
    target_device: SubjectDeviceID = el("targetDevice")
    device_for_message: DeviceID | None = el("deviceForMessage", default=None)
    message_waiting_on: bool = el("messageWaitingOn")
    extensions: CommonArguments | None = el("extensions", default=None)


@message("HookswitchEvent")
class HookswitchEvent(Message):
    monitor_cross_ref_id: str = el("monitorCrossRefID")
    device: SubjectDeviceID = el("device")
    hookswitch: str = el("hookswitch")
    hookswitch_on_hook: bool = el("hookswitchOnHook")
    extensions: CommonArguments | None = el("extensions", default=None)


@message("LampModeEvent")
class LampModeEvent(Message):
    monitor_cross_ref_id: str = el("monitorCrossRefID")
    device: SubjectDeviceID = el("device")
    lamp: str = el("lamp")
    lamp_label: str | None = el("lampLabel", default=None)
    lamp_mode: int = el("lampMode")
    lamp_brightness: LampBrightness | None = el("lampBrightness", default=None)
    lamp_color: int | None = el("lampColor", default=None)
    extensions: CommonArguments | None = el("extensions", default=None)


@message("DisplayUpdatedEvent")
class DisplayUpdatedEvent(Message):
    monitor_cross_ref_id: str = el("monitorCrossRefID")
    device: SubjectDeviceID = el("device")
    display_id: str = el("displayID")
    logical_rows: int | None = el("logicalRows", default=None)
    logical_columns: int | None = el("logicalColumns", default=None)
    physical_rows: int | None = el("physicalRows", default=None)
    physical_columns: int | None = el("physicalColumns", default=None)
    physical_base_row_number: int | None = el("physicalBaseRowNumber", default=None)
    physical_base_column_number: int | None = el("physicalBaseColumnNumber", default=None)
    character_set: CharacterSet | None = el("characterSet", default=None)
    contents_of_display: str = el("contentsOfDisplay")
    extensions: CommonArguments | None = el("extensions", default=None)


@message("RingerStatusEvent")
class RingerStatusEvent(Message):
    monitor_cross_ref_id: str = el("monitorCrossRefID")
    device: SubjectDeviceID = el("device")
    ringer: str = el("ringer")
    ring_mode: RingMode | None = el("ringMode", default=None)
    ring_count: str | None = el("ringCount", default=None)
    ring_pattern: int | None = el("ringPattern", default=None)
    ring_volume: Volume | None = el("ringVolume", default=None)
    extensions: CommonArguments | None = el("extensions", default=None)


@message("ButtonInformationEvent")
class ButtonInformationEvent(Message):
    monitor_cross_ref_id: str = el("monitorCrossRefID")
    device: SubjectDeviceID = el("device")
    button: str = el("button")
    button_label: str | None = el("buttonLabel", default=None)
    button_associated_number: DeviceID | None = el("buttonAssociatedNumber", default=None)
    button_press_indicator: bool | None = el("buttonPressIndicator", default=None)
    extensions: CommonArguments | None = el("extensions", default=None)


@message("ButtonPressEvent")
class ButtonPressEvent(Message):
    monitor_cross_ref_id: str = el("monitorCrossRefID")
    device: SubjectDeviceID = el("device")
    button: str = el("button")
    button_label: str | None = el("buttonLabel", default=None)
    button_associated_number: DeviceID | None = el("buttonAssociatedNumber", default=None)
    extensions: CommonArguments | None = el("extensions", default=None)


@message("PrivateEvent")
class PrivateEvent(Message):
    """A vendor event carried entirely in private data (the counterpart of Escape)."""

    monitor_cross_ref_id: str = el("monitorCrossRefID")
    private_data: PrivateData | None = el("privateData", default=None)
