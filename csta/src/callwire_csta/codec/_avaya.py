"""Avaya private data and Avaya-only services (namespace http://www.avaya.com/csta).

Private data rides in a message's `<extensions><privateData><private>`; Avaya-only services (GetDeviceId,
GetAcdSplit, SelectiveListeningHold, ...) are root messages in the Avaya namespace. Children of these
types are written in the Avaya namespace (the Avaya schema qualifies its local elements).

Messages marked "Callwire-defined" are not in the public Avaya DMCC schema: they are Callwire's own
Avaya-namespace messages, answered by the simulator (and by Callwire's AES adapter where it maps them to
other services). See the distribution's README.md for the mapping table.

Size: a catalogue, not logic. One declaration per Avaya element or message, in the order of the Avaya
schema, each a few lines; split by count the namespace would be scattered across files with no seam of
meaning, and finding a message by its XML name would mean knowing which file it fell into.
"""

from __future__ import annotations

import enum

from ._common import (
    CalledDeviceID,
    CallingDeviceID,
    CallLinkageData,
    ConnectionID,
    DeviceID,
    EventCause,
    LocalConnectionState,
    SubjectDeviceID,
    UserData,
)
from ._schema import AVAYA_NS, Message, complex_type, el, message

__all__ = [
    "AgentLoggedOffEventPrivateData",
    "AgentLoginExtensionEvent",
    "AgentNotReadyEventPrivateData",
    "AgentReadyEventPrivateData",
    "AgentWorkingAfterCallEventPrivateData",
    "AvayaEvents",
    "CallClearedEventPrivateData",
    "CallControlPrivateEvents",
    "CallPrivateData",
    "ChangeDeviceSecurityCode",
    "ChangeDeviceSecurityCodeResponse",
    "ChannelType",
    "ClearConnectionPrivateData",
    "ConferenceCallResponsePrivateData",
    "ConferencedEventPrivateData",
    "ConsultationCallPrivateData",
    "ConsultationCallResponsePrivateData",
    "DeliveredEventPrivateData",
    "DependencyMode",
    "DeviceType",
    "DropResource",
    "EnteredDigitsEvent",
    "EstablishedEventPrivateData",
    "GetAcdSplit",
    "GetAcdSplitResponse",
    "GetAgentLogin",
    "GetAgentLoginResponse",
    "GetAgentStateResponsePrivateData",
    "GetCallClassifierInfo",
    "GetCallClassifierInfoResponse",
    "GetCallLinkageData",
    "GetCallLinkageDataResponse",
    "GetDeviceId",
    "GetDeviceIdResponse",
    "GetDeviceInfo",
    "GetDeviceInfoResponse",
    "GetMessageWaitingIndicatorResponsePrivateData",
    "GetPhysicalDeviceName",
    "GetPhysicalDeviceNameResponse",
    "GetRegistrationState",
    "GetRegistrationStateResponse",
    "GetThirdPartyDeviceId",
    "GetThirdPartyDeviceIdResponse",
    "GetTimeOfDay",
    "GetTimeOfDayResponse",
    "GetTrunkGroupInfo",
    "GetTrunkGroupInfoResponse",
    "IPAddress",
    "InterflowPriority",
    "InterflowType",
    "LogicalDeviceFeaturePrivateEvents",
    "LoginInfo",
    "LookAheadInfo",
    "MWIApplicationType",
    "MakeCallPrivateData",
    "MakeCallResponsePrivateData",
    "MediaInfo",
    "MediaMode",
    "MonitorStartResponsePrivateData",
    "OriginalCallInfo",
    "OriginatedEventPrivateData",
    "PhysicalDeviceFeaturesPrivateEvents",
    "ReasonCode",
    "ReconnectCallPrivateData",
    "RegisterFailedEvent",
    "RegisterTerminalEventsFilter",
    "RegisterTerminalRequest",
    "RegisterTerminalResponse",
    "RegisteredEvent",
    "RegistrationState",
    "ReleaseDeviceId",
    "ReleaseDeviceIdResponse",
    "SelectiveListening",
    "SelectiveListeningHold",
    "SelectiveListeningHoldResponse",
    "SelectiveListeningRetrieve",
    "SelectiveListeningRetrieveResponse",
    "SendDTMFTone",
    "SendDTMFToneResponse",
    "ServiceLinkStatusEvent",
    "ServiceState",
    "SetAgentStatePrivateData",
    "SetAgentStateResponsePrivateData",
    "SingleStepConferenceCallResponsePrivateData",
    "SingleStepTransferCallResponsePrivateData",
    "SnapshotDevicePrivateData",
    "SnapshotDeviceResponsePrivateData",
    "StationStatus",
    "TalkState",
    "TerminalEvents",
    "TerminalUnregisteredEvent",
    "TransferCallResponsePrivateData",
    "TransferredEventPrivateData",
    "TrunkInterfaceInfoItem",
    "TypeOfCall",
    "UnregisterTerminalRequest",
    "UnregisterTerminalResponse",
    "UserEnteredCode",
    "UserEnteredCodeIndicator",
    "UserEnteredCodeType",
    "ValidateDeviceSecurityCode",
    "ValidateDeviceSecurityCodeResponse",
    "WorkMode",
]


class WorkMode(enum.StrEnum):
    AUTO_IN = "autoIn"
    MANUAL_IN = "manualIn"
    AFTER_CALL_WORK = "afterCallWork"
    AUX_WORK = "auxWork"


class TalkState(enum.StrEnum):
    ON_CALL = "onCall"
    IDLE = "idle"


class ReasonCode(enum.StrEnum):
    NONE = "none"
    ANSWER_NORMAL = "answerNormal"
    ANSWER_TIMED = "answerTimed"
    ANSWER_VOICE_ENERGY = "answerVoiceEnergy"
    ANSWER_MACHINE_DETECTED = "answerMachineDetected"
    REORDER = "reorder"
    NO_CIRCUIT = "noCircuit"
    INTERCEPT = "intercept"
    UNASSIGNED_NUMBER = "unassignedNumber"
    INVALID_NUMBER = "invalidNumber"
    UNSPECIFIED = "unspecified"


class DropResource(enum.StrEnum):
    DR_CALL_CLASSIFIER = "DR_CALL_CLASSIFIER"
    DR_TONE_GENERATOR = "DR_TONE_GENERATOR"


class TypeOfCall(enum.StrEnum):
    NORMAL = "normal"
    DIRECT_AGENT = "directAgent"
    SUPERVISOR_ASSIST = "supervisorAssist"


class MWIApplicationType(enum.StrEnum):
    CTI_ASAI = "CTI_ASAI"
    PROPERTY_MGMT = "PropertyMgmt"
    MESSAGE_CENTER = "MessageCenter"
    VOICE_MESSAGING = "VoiceMessaging"
    LEAVE_WORD_CALLING = "LeaveWordCalling"


class StationStatus(enum.StrEnum):
    BUSY = "busy"
    IDLE = "idle"


class ServiceState(enum.StrEnum):
    IN_SERVICE = "inService"
    OUT_OF_SERVICE = "outOfService"
    UNKNOWN = "unknown"


class InterflowType(enum.StrEnum):
    NO_INTERFLOW = "noInterflow"
    ALL_INTERFLOW = "allInterflow"
    THRESHOLD_INTERFLOW = "thresholdInterflow"
    VECTORING_INTERFLOW = "vectoringInterflow"


class InterflowPriority(enum.StrEnum):
    NOT_IN_QUEUE = "notInQueue"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    TOP = "top"


class UserEnteredCodeType(enum.StrEnum):
    ANY = "any"
    LOGIN_DIGITS = "loginDigits"
    CALL_PROMPTER = "callPrompter"
    DATABASE_PROVIDED = "databaseProvided"
    TONE_DETECTOR = "toneDetector"


class UserEnteredCodeIndicator(enum.StrEnum):
    COLLECT = "collect"
    ENTERED = "entered"


class ChannelType(enum.StrEnum):
    UNKNOWN = "UNKNOWN"
    VOICE = "VOICE"
    VIDEO = "VIDEO"


class MediaMode(enum.StrEnum):
    NONE = "NONE"
    CLIENT = "CLIENT"
    SERVER = "SERVER"
    TELECOMMUTER = "TELECOMMUTER"


class DependencyMode(enum.StrEnum):
    MAIN = "MAIN"
    DEPENDENT = "DEPENDENT"
    INDEPENDENT = "INDEPENDENT"


class RegistrationState(enum.StrEnum):
    IDLE = "IDLE"
    REGISTERING = "REGISTERING"
    REGISTERED = "REGISTERED"
    UNREGISTERING = "UNREGISTERING"


class DeviceType(enum.StrEnum):
    ACD_SPLIT = "acdSplit"
    ANNOUNCEMENT = "announcement"
    DATA = "data"
    LOGICAL_AGENT = "logicalAgent"
    STATION = "station"
    TRUNK_ACCESS_CODE = "trunkAccessCode"
    VDN = "vdn"
    UNKNOWN = "unknown"


# ------------------------------------------------------------------------------------------ device IDs


@message("GetDeviceId", AVAYA_NS)
class GetDeviceId(Message):
    switch_name: str = el("switchName")
    switch_ip_interface: str | None = el("switchIPInterface", default=None)
    extension: str = el("extension")
    #: 0, 1 or 2 (the schema's DeviceInstance enum).
    device_instance: int | None = el("deviceInstance", default=None)
    controllable_by_other_sessions: bool | None = el("controllableByOtherSessions", default=None)


@message("GetDeviceIdResponse", AVAYA_NS)
class GetDeviceIdResponse(Message):
    device: DeviceID = el("device")


@message("GetThirdPartyDeviceId", AVAYA_NS)
class GetThirdPartyDeviceId(Message):
    switch_name: str | None = el("switchName", default=None)
    extension: str = el("extension")
    device_instance: int | None = el("deviceInstance", default=None)


@message("GetThirdPartyDeviceIdResponse", AVAYA_NS)
class GetThirdPartyDeviceIdResponse(Message):
    device: DeviceID = el("device")


@message("ReleaseDeviceId", AVAYA_NS)
class ReleaseDeviceId(Message):
    device: DeviceID = el("device")


@message("ReleaseDeviceIdResponse", AVAYA_NS)
class ReleaseDeviceIdResponse(Message):
    pass


# ------------------------------------------------------------------------------ registration (DMCC phone)


@complex_type
class LoginInfo:
    e911: str | None = el("e911", default=None)
    force_login: bool | None = el("forceLogin", default=None)
    unicode_script: int | None = el("unicodeScript", default=None)
    shared_control: bool | None = el("sharedControl", default=None)
    password: str | None = el("password", default=None)
    telecommuter_extension: str | None = el("telecommuterExtension", default=None)
    media_mode: MediaMode | None = el("mediaMode", default=None)
    dependency_mode: DependencyMode | None = el("dependencyMode", default=None)


@complex_type
class IPAddress:
    address: str = el("address")
    port: int = el("port")


@complex_type
class MediaInfo:
    rtp_address: IPAddress | None = el("rtpAddress", default=None)
    rtcp_address: IPAddress | None = el("rtcpAddress", default=None)
    codecs: tuple[str, ...] = el("codecs", default=())
    packet_size: int | None = el("packetSize", default=None)
    encryption_list: tuple[str, ...] = el("encryptionList", default=())


@message("RegisterTerminalRequest", AVAYA_NS)
class RegisterTerminalRequest(Message):
    device: DeviceID = el("device")
    login_info: LoginInfo | None = el("loginInfo", default=None)
    local_media_info: MediaInfo | None = el("localMediaInfo", default=None)


@message("RegisterTerminalResponse", AVAYA_NS)
class RegisterTerminalResponse(Message):
    device: SubjectDeviceID | None = el("device", default=None)
    signaling_encryption: str | None = el("signalingEncryption", default=None)
    code: str | None = el("code", default=None)
    reason: str | None = el("reason", default=None)


@message("UnregisterTerminalRequest", AVAYA_NS)
class UnregisterTerminalRequest(Message):
    device: DeviceID = el("device")
    force_logout: bool | None = el("forceLogout", default=None)


@message("UnregisterTerminalResponse", AVAYA_NS)
class UnregisterTerminalResponse(Message):
    device: SubjectDeviceID | None = el("device", default=None)
    code: str | None = el("code", default=None)
    reason: str | None = el("reason", default=None)


@message("GetRegistrationState", AVAYA_NS)
class GetRegistrationState(Message):
    device: DeviceID = el("device")


@message("GetRegistrationStateResponse", AVAYA_NS)
class GetRegistrationStateResponse(Message):
    registration_state: RegistrationState = el("registrationState")
    gatekeeper_address: str | None = el("gatekeeperAddress", default=None)


@message("ChangeDeviceSecurityCode", AVAYA_NS)
class ChangeDeviceSecurityCode(Message):
    device: DeviceID = el("device")
    old_security_code: str = el("oldSecurityCode")
    new_security_code: str = el("newSecurityCode")


@message("ChangeDeviceSecurityCodeResponse", AVAYA_NS)
class ChangeDeviceSecurityCodeResponse(Message):
    response: str | None = el("response", default=None)
    reason: str | None = el("reason", default=None)


@message("ValidateDeviceSecurityCode", AVAYA_NS)
class ValidateDeviceSecurityCode(Message):
    device: DeviceID = el("device")
    security_code: str = el("securityCode")


@message("ValidateDeviceSecurityCodeResponse", AVAYA_NS)
class ValidateDeviceSecurityCodeResponse(Message):
    response: str | None = el("response", default=None)
    reason: str | None = el("reason", default=None)


@message("RegisteredEvent", AVAYA_NS)
class RegisteredEvent(Message):
    monitor_cross_ref_id: str = el("monitorCrossRefID")
    device: SubjectDeviceID | None = el("device", default=None)


@message("RegisterFailedEvent", AVAYA_NS)
class RegisterFailedEvent(Message):
    monitor_cross_ref_id: str = el("monitorCrossRefID")
    device: SubjectDeviceID | None = el("device", default=None)
    reason: str | None = el("reason", default=None)
    code: str | None = el("code", default=None)


@message("TerminalUnregisteredEvent", AVAYA_NS)
class TerminalUnregisteredEvent(Message):
    monitor_cross_ref_id: str = el("monitorCrossRefID")
    device: SubjectDeviceID | None = el("device", default=None)
    reason: str | None = el("reason", default=None)
    code: str | None = el("code", default=None)


# ------------------------------------------------------------------------------ monitor filter (private)


@complex_type
class TerminalEvents:
    registered: bool | None = el("registered", default=None)
    unregistered: bool | None = el("unregistered", default=None)
    register_failed: bool | None = el("registerFailed", default=None)


@complex_type
class RegisterTerminalEventsFilter:
    """`terminalUnregisteredEvent` in AvayaEvents: the TerminalUnregisteredEvent and its re-registration."""

    unregistered: bool | None = el("unregistered", default=None)
    reregistered: bool | None = el("reregistered", default=None)


@complex_type
class PhysicalDeviceFeaturesPrivateEvents:
    e911_call_blocked: bool | None = el("e911CallBlocked", default=None)
    service_link_status_changed: bool | None = el("serviceLinkStatusChanged", default=None)


@complex_type
class CallControlPrivateEvents:
    entered_digits: bool | None = el("enteredDigits", default=None)


@complex_type
class LogicalDeviceFeaturePrivateEvents:
    agent_login_extension: bool | None = el("agentLoginExtension", default=None)


@message("AvayaEvents", AVAYA_NS)
class AvayaEvents(Message):
    """MonitorStart private filter. With `invertFilter` true, a `true` flag means "deliver" (f-me/dmcc)."""

    invert_filter: bool | None = el("invertFilter", default=None)
    terminal: TerminalEvents | None = el("terminal", default=None)
    terminal_unregistered_event: RegisterTerminalEventsFilter | None = el("terminalUnregisteredEvent", default=None)
    physical_device_features_private_events: PhysicalDeviceFeaturesPrivateEvents | None = el(
        "physicalDeviceFeaturesPrivateEvents", default=None
    )
    call_control_private: CallControlPrivateEvents | None = el("callControlPrivate", default=None)
    logical_device_feature_private: LogicalDeviceFeaturePrivateEvents | None = el(
        "logicalDeviceFeaturePrivate", default=None
    )


@message("MonitorStartResponsePrivateData", AVAYA_NS)
class MonitorStartResponsePrivateData(Message):
    """The private part of the filter really applied (`usedFilter`), beside the ECMA `actualMonitorFilter`."""

    used_filter: AvayaEvents | None = el("usedFilter", default=None)


# ------------------------------------------------------------------------------ call-control private data


@complex_type
class CallPrivateData:
    dest_route: DeviceID | None = el("destRoute", default=None)
    acd_group: DeviceID | None = el("acdGroup", default=None)
    type_of_call: TypeOfCall | None = el("typeOfCall", default=None)


@message("MakeCallPrivateData", AVAYA_NS)
class MakeCallPrivateData(Message):
    call_private_data: CallPrivateData | None = el("callPrivateData", default=None)


@message("MakeCallResponsePrivateData", AVAYA_NS)
class MakeCallResponsePrivateData(Message):
    call_linkage_data: CallLinkageData | None = el("callLinkageData", default=None)


@message("ConsultationCallPrivateData", AVAYA_NS)
class ConsultationCallPrivateData(Message):
    call_private_data: CallPrivateData | None = el("callPrivateData", default=None)


@message("ConsultationCallResponsePrivateData", AVAYA_NS)
class ConsultationCallResponsePrivateData(Message):
    call_linkage_data: CallLinkageData | None = el("callLinkageData", default=None)


@message("TransferCallResponsePrivateData", AVAYA_NS)
class TransferCallResponsePrivateData(Message):
    call_linkage_data: CallLinkageData | None = el("callLinkageData", default=None)


@message("ConferenceCallResponsePrivateData", AVAYA_NS)
class ConferenceCallResponsePrivateData(Message):
    call_linkage_data: CallLinkageData | None = el("callLinkageData", default=None)


@message("SingleStepTransferCallResponsePrivateData", AVAYA_NS)
class SingleStepTransferCallResponsePrivateData(Message):
    call_linkage_data: CallLinkageData | None = el("callLinkageData", default=None)


@message("SingleStepConferenceCallResponsePrivateData", AVAYA_NS)
class SingleStepConferenceCallResponsePrivateData(Message):
    globally_unique_call_linkage_id: str | None = el("globallyUniqueCallLinkageID", default=None)
    resulting_connections: tuple[ConnectionID, ...] = el("resultingConnections", item="connection", default=())


@message("ClearConnectionPrivateData", AVAYA_NS)
class ClearConnectionPrivateData(Message):
    drop_resource: DropResource | None = el("dropResource", default=None)


@message("ReconnectCallPrivateData", AVAYA_NS)
class ReconnectCallPrivateData(Message):
    drop_resource: DropResource | None = el("dropResource", default=None)
    user_data: UserData | None = el("userData", default=None)


@complex_type
class SelectiveListening:
    subject_connection: ConnectionID = el("subjectConnection")
    all_parties: bool | None = el("allParties", default=None)
    selected_party: ConnectionID | None = el("selectedParty", default=None)


@message("SelectiveListeningHold", AVAYA_NS)
class SelectiveListeningHold(Message):
    selective_listening: SelectiveListening = el("selectiveListening")


@message("SelectiveListeningHoldResponse", AVAYA_NS)
class SelectiveListeningHoldResponse(Message):
    pass


@message("SelectiveListeningRetrieve", AVAYA_NS)
class SelectiveListeningRetrieve(Message):
    selective_listening: SelectiveListening = el("selectiveListening")


@message("SelectiveListeningRetrieveResponse", AVAYA_NS)
class SelectiveListeningRetrieveResponse(Message):
    """Absent from the extracted structure file (only the Hold response is there); named by symmetry."""


@message("SendDTMFTone", AVAYA_NS)
class SendDTMFTone(Message):
    sender: ConnectionID = el("sender")
    tones: str = el("tones")
    tone_duration: int | None = el("toneDuration", default=None)
    pause_duration: int | None = el("pauseDuration", default=None)


@message("SendDTMFToneResponse", AVAYA_NS)
class SendDTMFToneResponse(Message):
    pass


@message("GetCallLinkageData", AVAYA_NS)
class GetCallLinkageData(Message):
    call: ConnectionID = el("call")


@message("GetCallLinkageDataResponse", AVAYA_NS)
class GetCallLinkageDataResponse(Message):
    call_linkage_data: CallLinkageData | None = el("callLinkageData", default=None)


# ----------------------------------------------------------------------------------- agent private data


@message("SetAgentStatePrivateData", AVAYA_NS)
class SetAgentStatePrivateData(Message):
    work_mode: WorkMode | None = el("workMode", default=None)
    reason_code: int | None = el("reasonCode", default=None)
    enable_pending: bool | None = el("enablePending", default=None)


@message("SetAgentStateResponsePrivateData", AVAYA_NS)
class SetAgentStateResponsePrivateData(Message):
    is_pending: bool | None = el("isPending", default=None)


@message("GetAgentStateResponsePrivateData", AVAYA_NS)
class GetAgentStateResponsePrivateData(Message):
    """The schema has no `pendingWorkMode` here (only the agent events carry it)."""

    work_mode: WorkMode | None = el("workMode", default=None)
    talk_state: TalkState | None = el("talkState", default=None)
    reason_code: int | None = el("reasonCode", default=None)
    pending_reason_code: int | None = el("pendingReasonCode", default=None)


@message("AgentReadyEventPrivateData", AVAYA_NS)
class AgentReadyEventPrivateData(Message):
    reason_code: int | None = el("reasonCode", default=None)
    pending_work_mode: WorkMode | None = el("pendingWorkMode", default=None)
    pending_reason_code: int | None = el("pendingReasonCode", default=None)


@message("AgentNotReadyEventPrivateData", AVAYA_NS)
class AgentNotReadyEventPrivateData(Message):
    reason_code: int | None = el("reasonCode", default=None)
    pending_work_mode: WorkMode | None = el("pendingWorkMode", default=None)
    pending_reason_code: int | None = el("pendingReasonCode", default=None)


@message("AgentWorkingAfterCallEventPrivateData", AVAYA_NS)
class AgentWorkingAfterCallEventPrivateData(Message):
    reason_code: int | None = el("reasonCode", default=None)
    pending_work_mode: WorkMode | None = el("pendingWorkMode", default=None)
    pending_reason_code: int | None = el("pendingReasonCode", default=None)


@message("AgentLoggedOffEventPrivateData", AVAYA_NS)
class AgentLoggedOffEventPrivateData(Message):
    reason_code: int | None = el("reasonCode", default=None)


@message("GetAcdSplit", AVAYA_NS)
class GetAcdSplit(Message):
    device: DeviceID = el("device")


@message("GetAcdSplitResponse", AVAYA_NS)
class GetAcdSplitResponse(Message):
    available_agents: int = el("availableAgents")
    calls_in_queue: int = el("callsInQueue")
    agents_logged_in: int = el("agentsLoggedIn")


@message("GetAgentLogin", AVAYA_NS)
class GetAgentLogin(Message):
    device: DeviceID = el("device")


@message("GetAgentLoginResponse", AVAYA_NS)
class GetAgentLoginResponse(Message):
    """Empty in the Avaya schema: AES reports the extensions in AgentLoginExtensionEvent(s) on the session
    monitor. Callwire adds the optional `agentLoginExtensionList` (same shape as the event's) so one response
    can carry the answer; an empty response from a real AES still decodes, with the list `None`."""

    agent_login_extension_list: tuple[str, ...] | None = el(
        "agentLoginExtensionList", item="agentExtension", default=None
    )


@message("AgentLoginExtensionEvent", AVAYA_NS)
class AgentLoginExtensionEvent(Message):
    monitor_cross_ref_id: str = el("monitorCrossRefID")
    agent_login_extension_list: tuple[str, ...] = el("agentLoginExtensionList", item="agentExtension", default=())
    is_final_response: bool | None = el("isFinalResponse", default=None)


@message("GetMessageWaitingIndicatorResponsePrivateData", AVAYA_NS)
class GetMessageWaitingIndicatorResponsePrivateData(Message):
    mwi_application_type: tuple[MWIApplicationType, ...] = el("mwiApplicationType", default=())


@message("SnapshotDevicePrivateData", AVAYA_NS)
class SnapshotDevicePrivateData(Message):
    get_station_status: bool | None = el("getStationStatus", default=None)


@message("SnapshotDeviceResponsePrivateData", AVAYA_NS)
class SnapshotDeviceResponsePrivateData(Message):
    station_status: StationStatus | None = el("stationStatus", default=None)
    service_state: ServiceState | None = el("serviceState", default=None)


# ----------------------------------------------------------------------------------- event private data


@complex_type
class LookAheadInfo:
    type: InterflowType | None = el("type", default=None)
    priority: InterflowPriority | None = el("priority", default=None)
    hours: int | None = el("hours", default=None)
    minutes: int | None = el("minutes", default=None)
    seconds: int | None = el("seconds", default=None)
    source_vdn: str | None = el("sourceVDN", default=None)


@complex_type
class UserEnteredCode:
    user_entered_code_type: UserEnteredCodeType | None = el("userEnteredCodeType", default=None)
    user_entered_code_indicator: UserEnteredCodeIndicator | None = el("userEnteredCodeIndicator", default=None)
    data: str | None = el("data", default=None)
    collect_vdn: DeviceID | None = el("collectVDN", default=None)


@complex_type
class OriginalCallInfo:
    reason: int | None = el("reason", default=None)
    network_calling_device: CallingDeviceID | None = el("networkCallingDevice", default=None)
    network_called_device: CalledDeviceID | None = el("networkCalledDevice", default=None)
    trunk_group: str | None = el("trunkGroup", default=None)
    trunk_member: str | None = el("trunkMember", default=None)
    look_ahead_info: LookAheadInfo | None = el("lookAheadInfo", default=None)
    user_entered_code: UserEnteredCode | None = el("userEnteredCode", default=None)
    user_data: UserData | None = el("userData", default=None)
    call_linkage_data: CallLinkageData | None = el("callLinkageData", default=None)


@complex_type
class TrunkInterfaceInfoItem:
    connection_asn: ConnectionID | None = el("connection_asn", default=None)
    trunk_group: str | None = el("trunkGroup", default=None)
    trunk_member: str | None = el("trunkMember", default=None)


@message("DeliveredEventPrivateData", AVAYA_NS)
class DeliveredEventPrivateData(Message):
    trunk_group: str | None = el("trunkGroup", default=None)
    trunk_member: str | None = el("trunkMember", default=None)
    acd_group: DeviceID | None = el("acdGroup", default=None)
    look_ahead_info: LookAheadInfo | None = el("lookAheadInfo", default=None)
    user_entered_code: UserEnteredCode | None = el("userEnteredCode", default=None)
    distributing_device: SubjectDeviceID | None = el("distributingDevice", default=None)
    distributing_vdn: SubjectDeviceID | None = el("distributingVDN", default=None)
    original_call_info: OriginalCallInfo | None = el("originalCallInfo", default=None)
    channel_type: ChannelType | None = el("channelType", default=None)


@message("EstablishedEventPrivateData", AVAYA_NS)
class EstablishedEventPrivateData(Message):
    trunk_group: str | None = el("trunkGroup", default=None)
    trunk_member: str | None = el("trunkMember", default=None)
    acd_group: DeviceID | None = el("acdGroup", default=None)
    look_ahead_info: LookAheadInfo | None = el("lookAheadInfo", default=None)
    user_entered_code: UserEnteredCode | None = el("userEnteredCode", default=None)
    reason: ReasonCode | None = el("reason", default=None)
    distributing_device: SubjectDeviceID | None = el("distributingDevice", default=None)
    distributing_vdn: SubjectDeviceID | None = el("distributingVDN", default=None)
    original_call_info: OriginalCallInfo | None = el("originalCallInfo", default=None)
    channel_type: ChannelType | None = el("channelType", default=None)


@message("OriginatedEventPrivateData", AVAYA_NS)
class OriginatedEventPrivateData(Message):
    logical_agent: str | None = el("logicalAgent", default=None)
    user_data: UserData | None = el("userData", default=None)


@message("TransferredEventPrivateData", AVAYA_NS)
class TransferredEventPrivateData(Message):
    """Note: the Avaya type is spelled `Transferred` (two "r"), the ECMA event `TransferedEvent` (one)."""

    distributing_device: SubjectDeviceID | None = el("distributingDevice", default=None)
    distributing_vdn: SubjectDeviceID | None = el("distributingVDN", default=None)
    trunk_list: tuple[TrunkInterfaceInfoItem, ...] = el("trunkList", item="trunkInterfaceInfoItem", default=())
    original_call_info: OriginalCallInfo | None = el("originalCallInfo", default=None)


@message("ConferencedEventPrivateData", AVAYA_NS)
class ConferencedEventPrivateData(Message):
    distributing_device: SubjectDeviceID | None = el("distributingDevice", default=None)
    distributing_vdn: SubjectDeviceID | None = el("distributingVDN", default=None)
    trunk_list: tuple[TrunkInterfaceInfoItem, ...] = el("trunkList", item="trunkInterfaceInfoItem", default=())
    original_call_info: OriginalCallInfo | None = el("originalCallInfo", default=None)


@message("CallClearedEventPrivateData", AVAYA_NS)
class CallClearedEventPrivateData(Message):
    reason: ReasonCode | None = el("reason", default=None)


@message("ServiceLinkStatusEvent", AVAYA_NS)
class ServiceLinkStatusEvent(Message):
    monitor_cross_ref_id: str = el("monitorCrossRefID")
    device: SubjectDeviceID | None = el("device", default=None)
    service_link_up: bool = el("serviceLinkUp")


@message("EnteredDigitsEvent", AVAYA_NS)
class EnteredDigitsEvent(Message):
    monitor_cross_ref_id: str = el("monitorCrossRefID")
    connection: ConnectionID | None = el("connection", default=None)
    digits: str = el("digits")
    local_connection_info: LocalConnectionState | None = el("localConnectionInfo", default=None)
    cause: EventCause | None = el("cause", default=None)


# ------------------------------------------------------------------------------------- switch queries


@message("GetTimeOfDay", AVAYA_NS)
class GetTimeOfDay(Message):
    switch_name: str | None = el("switchName", default=None)


@message("GetTimeOfDayResponse", AVAYA_NS)
class GetTimeOfDayResponse(Message):
    switch_name: str | None = el("switchName", default=None)
    year: int = el("year")
    month: int = el("month")
    day: int = el("day")
    hour: int = el("hour")
    minute: int = el("minute")
    second: int = el("second")


@message("GetPhysicalDeviceName", AVAYA_NS)
class GetPhysicalDeviceName(Message):
    """The device's administered name (TSAPI "query device name")."""

    device: DeviceID = el("device")


@message("GetPhysicalDeviceNameResponse", AVAYA_NS)
class GetPhysicalDeviceNameResponse(Message):
    device_type: DeviceType | None = el("deviceType", default=None)
    device: str | None = el("device", default=None)
    name: str | None = el("name", default=None)


# Callwire-defined (not in the public Avaya schema): the TSAPI queries that DMCC XML does not expose.


@message("GetDeviceInfo", AVAYA_NS)
class GetDeviceInfo(Message):
    """Callwire-defined. TSAPI "query device info": the device's type and class."""

    device: DeviceID = el("device")


@message("GetDeviceInfoResponse", AVAYA_NS)
class GetDeviceInfoResponse(Message):
    """Callwire-defined. `deviceClass` is one of voice, data, image, other (TSAPI DeviceClass); `extensionClass`
    and `associatedClass` carry TSAPI's ATTQueryDeviceInfo classes (vdn, hunt, announcement, data, other,
    logicalAgent, cti) of the device and of its associated device."""

    device: DeviceID | None = el("device", default=None)
    device_type: DeviceType | None = el("deviceType", default=None)
    device_class: str | None = el("deviceClass", default=None)
    extension_class: str | None = el("extensionClass", default=None)
    associated_class: str | None = el("associatedClass", default=None)
    associated_device: DeviceID | None = el("associatedDevice", default=None)


@message("GetTrunkGroupInfo", AVAYA_NS)
class GetTrunkGroupInfo(Message):
    """Callwire-defined. TSAPI "query trunk group": idle and used trunks of a trunk group (by TAC or number)."""

    device: DeviceID = el("device")


@message("GetTrunkGroupInfoResponse", AVAYA_NS)
class GetTrunkGroupInfoResponse(Message):
    """Callwire-defined."""

    idle_trunks: int = el("idleTrunks")
    used_trunks: int = el("usedTrunks")


@message("GetCallClassifierInfo", AVAYA_NS)
class GetCallClassifierInfo(Message):
    """Callwire-defined. TSAPI "query call classifier": call-classifier ports of the switch."""

    switch_name: str | None = el("switchName", default=None)


@message("GetCallClassifierInfoResponse", AVAYA_NS)
class GetCallClassifierInfoResponse(Message):
    """Callwire-defined."""

    num_avail_ports: int = el("numAvailPorts")
    num_in_use_ports: int = el("numInUsePorts")
