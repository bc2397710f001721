"""ECMA-323 monitoring (MonitorStart/Stop) and snapshot (SnapshotDevice/SnapshotCall) services.

Monitor filter semantics (ECMA-269): a flag set to `true` *suppresses* that event; Avaya's private
`AvayaEvents/invertFilter` (see `_avaya.py`) flips it so `true` means "deliver".
"""

from __future__ import annotations

import enum

from ._common import (
    CalledDeviceID,
    CallingDeviceID,
    CallLinkageData,
    CommonArguments,
    ConnectionID,
    DeviceID,
    LocalConnectionState,
    SubjectDeviceID,
)
from ._schema import Message, complex_type, el, flag, message

__all__ = [
    "CallAssociatedEvents",
    "CallControlEvents",
    "CallState",
    "CompoundCallState",
    "DeviceMaintenanceEvents",
    "LogicalDeviceFeatureEvents",
    "MediaAttachmentEvents",
    "MonitorFilter",
    "MonitorObject",
    "MonitorStart",
    "MonitorStartResponse",
    "MonitorStop",
    "MonitorStopResponse",
    "MonitorType",
    "PhysicalDeviceFeatureEvents",
    "SimpleCallState",
    "SnapshotCall",
    "SnapshotCallCrossRefIDorSnapshotData",
    "SnapshotCallResponse",
    "SnapshotCallResponseInfo",
    "SnapshotDevice",
    "SnapshotDeviceCrossRefIDorSnapshotData",
    "SnapshotDeviceResponse",
    "SnapshotDeviceResponseInfo",
    "VoiceEvents",
]


class MonitorType(enum.StrEnum):
    CALL = "call"
    DEVICE = "device"


class SimpleCallState(enum.StrEnum):
    CALL_NULL = "callNull"
    CALL_PENDING = "callPending"
    CALL_ORIGINATED = "callOriginated"
    CALL_DELIVERED = "callDelivered"
    CALL_DELIVERED_HELD = "callDeliveredHeld"
    CALL_RECEIVED = "callReceived"
    CALL_ESTABLISHED = "callEstablished"
    CALL_ESTABLISHED_HELD = "callEstablishedHeld"
    CALL_RECEIVED_ON_HOLD = "callReceivedOnHold"
    CALL_ESTABLISHED_ON_HOLD = "callEstablishedOnHold"
    CALL_QUEUED = "callQueued"
    CALL_QUEUED_HELD = "callQueuedHeld"
    CALL_FAILED = "callFailed"
    CALL_FAILED_HELD = "callFailedHeld"
    CALL_BLOCKED = "callBlocked"


@complex_type
class MonitorObject:
    """`monitorObject` (CSTAObject): a choice of `callObject` or `deviceObject`."""

    call_object: ConnectionID | None = el("callObject", default=None)
    device_object: DeviceID | None = el("deviceObject", default=None)


@complex_type
class CallControlEvents:
    bridged: bool | None = el("bridged", default=None)
    call_cleared: bool | None = el("callCleared", default=None)
    conferenced: bool | None = el("conferenced", default=None)
    connection_cleared: bool | None = el("connectionCleared", default=None)
    delivered: bool | None = el("delivered", default=None)
    digits_dialed: bool | None = el("digitsDialed", default=None)
    diverted: bool | None = el("diverted", default=None)
    established: bool | None = el("established", default=None)
    failed: bool | None = el("failed", default=None)
    held: bool | None = el("held", default=None)
    network_capabilities_changed: bool | None = el("networkCapabilitiesChanged", default=None)
    network_reached: bool | None = el("networkReached", default=None)
    offered: bool | None = el("offered", default=None)
    originated: bool | None = el("originated", default=None)
    queued: bool | None = el("queued", default=None)
    retrieved: bool | None = el("retrieved", default=None)
    service_initiated: bool | None = el("serviceInitiated", default=None)
    transferred: bool | None = el("transferred", default=None)


@complex_type
class CallAssociatedEvents:
    call_information: bool | None = el("callInformation", default=None)
    charging: bool | None = el("charging", default=None)
    digits_generated: bool | None = el("digitsGenerated", default=None)
    telephony_tones_generated: bool | None = el("telephonyTonesGenerated", default=None)
    service_completion_failure: bool | None = el("serviceCompletionFailure", default=None)


@complex_type
class PhysicalDeviceFeatureEvents:
    button_information: bool | None = el("buttonInformation", default=None)
    button_press: bool | None = el("buttonPress", default=None)
    display_updated: bool | None = el("displayUpdated", default=None)
    hookswitch: bool | None = el("hookswitch", default=None)
    lamp_mode: bool | None = el("lampMode", default=None)
    message_waiting: bool | None = el("messageWaiting", default=None)
    microphone_gain: bool | None = el("microphoneGain", default=None)
    microphone_mute: bool | None = el("microphoneMute", default=None)
    ringer_status: bool | None = el("ringerStatus", default=None)
    speaker_mute: bool | None = el("speakerMute", default=None)
    speaker_volume: bool | None = el("speakerVolume", default=None)


@complex_type
class LogicalDeviceFeatureEvents:
    agent_busy: bool | None = el("agentBusy", default=None)
    agent_logged_on: bool | None = el("agentLoggedOn", default=None)
    agent_logged_off: bool | None = el("agentLoggedOff", default=None)
    agent_not_ready: bool | None = el("agentNotReady", default=None)
    agent_ready: bool | None = el("agentReady", default=None)
    agent_working_after_call: bool | None = el("agentWorkingAfterCall", default=None)
    auto_answer: bool | None = el("autoAnswer", default=None)
    auto_work_mode: bool | None = el("autoWorkMode", default=None)
    call_back: bool | None = el("callBack", default=None)
    call_back_message: bool | None = el("callBackMessage", default=None)
    caller_id_status: bool | None = el("callerIDStatus", default=None)
    do_not_disturb: bool | None = el("doNotDisturb", default=None)
    forwarding: bool | None = el("forwarding", default=None)
    routeing_mode: bool | None = el("routeingMode", default=None)


@complex_type
class MediaAttachmentEvents:
    media_attached: bool | None = el("mediaAttached", default=None)
    media_detached: bool | None = el("mediaDetached", default=None)


@complex_type
class DeviceMaintenanceEvents:
    back_in_service: bool | None = el("backInService", default=None)
    device_capability_changed: bool | None = el("deviceCapabilityChanged", default=None)
    out_of_service: bool | None = el("outOfService", default=None)
    partially_in_service: bool | None = el("partiallyInService", default=None)


@complex_type
class VoiceEvents:
    """DMCC clients name these in their filters (play/record/stop for the media they register)."""

    bookmark_reached: bool | None = el("bookmarkReached", default=None)
    completed: bool | None = el("completed", default=None)
    dtmf_detected: bool | None = el("dtmfDetected", default=None)
    emptied: bool | None = el("emptied", default=None)
    interruption_detected: bool | None = el("interruptionDetected", default=None)
    not_recognized: bool | None = el("notRecognized", default=None)
    play: bool | None = el("play", default=None)
    recognized: bool | None = el("recognized", default=None)
    record: bool | None = el("record", default=None)
    review: bool | None = el("review", default=None)
    started: bool | None = el("started", default=None)
    silence_timeout_expired: bool | None = el("silenceTimeoutExpired", default=None)
    speech_detected: bool | None = el("speechDetected", default=None)
    stop: bool | None = el("stop", default=None)
    suspend_play: bool | None = el("suspendPlay", default=None)
    suspend_record: bool | None = el("suspendRecord", default=None)
    voice_attributes_changed: bool | None = el("voiceAttributesChanged", default=None)
    voice_error_occurred: bool | None = el("voiceErrorOccurred", default=None)


@complex_type
class MonitorFilter:
    """`requestedMonitorFilter` / `actualMonitorFilter`, every group of the ed3 schema in its order
    (`callcontrol` is the schema's lower-case spelling), so that an echo drops nothing a client asked for."""

    callcontrol: CallControlEvents | None = el("callcontrol", default=None)
    call_associated: CallAssociatedEvents | None = el("callAssociated", default=None)
    media_attachment: MediaAttachmentEvents | None = el("mediaAttachment", default=None)
    physical_device_feature: PhysicalDeviceFeatureEvents | None = el("physicalDeviceFeature", default=None)
    logical_device_feature: LogicalDeviceFeatureEvents | None = el("logicalDeviceFeature", default=None)
    maintenance: DeviceMaintenanceEvents | None = el("maintenance", default=None)
    voice: VoiceEvents | None = el("voice", default=None)


@message("MonitorStart")
class MonitorStart(Message):
    monitor_object: MonitorObject = el("monitorObject")
    requested_monitor_filter: MonitorFilter | None = el("requestedMonitorFilter", default=None)
    monitor_type: MonitorType | None = el("monitorType", default=None)
    extensions: CommonArguments | None = el("extensions", default=None)


@message("MonitorStartResponse")
class MonitorStartResponse(Message):
    monitor_cross_ref_id: str = el("monitorCrossRefID")
    actual_monitor_filter: MonitorFilter | None = el("actualMonitorFilter", default=None)
    monitor_existing_calls: bool | None = el("monitorExistingCalls", default=None)
    extensions: CommonArguments | None = el("extensions", default=None)


@message("MonitorStop")
class MonitorStop(Message):
    monitor_cross_ref_id: str = el("monitorCrossRefID")
    extensions: CommonArguments | None = el("extensions", default=None)


@message("MonitorStopResponse")
class MonitorStopResponse(Message):
    extensions: CommonArguments | None = el("extensions", default=None)


@complex_type
class CompoundCallState:
    local_connection_state: tuple[LocalConnectionState, ...] = el("localConnectionState", default=())


@complex_type
class CallState:
    """`localCallState`: a choice of `compoundCallState` (one state per party), `simpleCallState` or `unknown`."""

    compound_call_state: CompoundCallState | None = el("compoundCallState", default=None)
    simple_call_state: SimpleCallState | None = el("simpleCallState", default=None)
    unknown: bool = flag("unknown", default=False)


@complex_type
class SnapshotDeviceResponseInfo:
    connection_identifier: ConnectionID = el("connectionIdentifier")
    endpoint_device: SubjectDeviceID | None = el("endpointDevice", default=None)
    local_call_state: CallState | None = el("localCallState", default=None)


@complex_type
class SnapshotDeviceCrossRefIDorSnapshotData:
    """`crossRefIDorSnapshotData`: the snapshot inline, or a cross-reference for later SnapshotDeviceData."""

    service_cross_ref_id: str | None = el("serviceCrossRefID", default=None)
    snapshot_data: tuple[SnapshotDeviceResponseInfo, ...] | None = el(
        "snapshotData", item="snapshotDeviceResponseInfo", default=None
    )


@message("SnapshotDevice")
class SnapshotDevice(Message):
    snapshot_object: DeviceID = el("snapshotObject")
    extensions: CommonArguments | None = el("extensions", default=None)


@message("SnapshotDeviceResponse")
class SnapshotDeviceResponse(Message):
    cross_ref_id_or_snapshot_data: SnapshotDeviceCrossRefIDorSnapshotData = el("crossRefIDorSnapshotData")
    extensions: CommonArguments | None = el("extensions", default=None)


@complex_type
class SnapshotCallResponseInfo:
    device_on_call: SubjectDeviceID | None = el("deviceOnCall", default=None)
    call_identifier: ConnectionID | None = el("callIdentifier", default=None)
    local_connection_info: LocalConnectionState | None = el("localConnectionInfo", default=None)


@complex_type
class SnapshotCallCrossRefIDorSnapshotData:
    service_cross_ref_id: str | None = el("serviceCrossRefID", default=None)
    snapshot_data: tuple[SnapshotCallResponseInfo, ...] | None = el(
        "snapshotData", item="snapshotCallResponseInfo", default=None
    )


@message("SnapshotCall")
class SnapshotCall(Message):
    snapshot_object: ConnectionID = el("snapshotObject")
    extensions: CommonArguments | None = el("extensions", default=None)


@message("SnapshotCallResponse")
class SnapshotCallResponse(Message):
    cross_ref_id_or_snapshot_data: SnapshotCallCrossRefIDorSnapshotData = el("crossRefIDorSnapshotData")
    calling_device: CallingDeviceID | None = el("callingDevice", default=None)
    called_device: CalledDeviceID | None = el("calledDevice", default=None)
    call_linkage_data: CallLinkageData | None = el("callLinkageData", default=None)
    extensions: CommonArguments | None = el("extensions", default=None)
