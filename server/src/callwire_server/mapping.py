"""CSTA values to the contracts' values, in one place.

The RPC paths (`services/`) and the event path (`tracker/`) both map through this module, so a lamp, an agent's
work mode, a forwarding entry or a cause reads the same in an RPC answer, an event and a snapshot. Where the
switch leaves a value out, the contract's comment decides what a client sees, and it is decided here once.

A leaf: it imports the CSTA codec, the link's state enum and the generated messages, never another module of
the server.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from callwire.agent.v1 import enums_pb2 as agent_enums
from callwire.agent.v1 import message_pb2 as agent_pb2
from callwire.common.v1 import enums_pb2 as common_enums
from callwire.device.v1 import enums_pb2 as device_enums
from callwire.device.v1 import message_pb2 as device_pb2
from callwire.query.v1 import enums_pb2 as query_enums
from callwire.station.v1 import enums_pb2 as station_enums
from callwire.station.v1 import message_pb2 as station_pb2
from callwire_csta import codec as csta
from callwire_csta.link import LinkState

# ------------------------------------------------------------------------------------------ helpers


def private_data(message: Any, cls: type[Any]) -> Any:
    """The vendor private data of type `cls` in `message`'s extensions, else None."""
    for item in csta.private_items(getattr(message, "extensions", None)):
        if isinstance(item, cls):
            return item
    return None


def device_of(extension_of: Callable[[str], str], x: csta.ExtendedDeviceID | None) -> str:
    """An event's device as the contracts show it (an AES device ID as its extension); "" when absent."""
    if x is None or x.device_identifier is None:
        return ""
    return extension_of(x.device_identifier.value)


# --------------------------------------------------------------------------------- calls and the link

CS = common_enums.ConnectionState
#: ECMA-269 LocalConnectionState -> the contract's ConnectionState.
CONNECTION_STATE: dict[csta.LocalConnectionState, common_enums.ConnectionState] = {
    csta.LocalConnectionState.NULL: CS.CONNECTION_STATE_NULL,
    csta.LocalConnectionState.INITIATED: CS.CONNECTION_STATE_INITIATED,
    csta.LocalConnectionState.ALERTING: CS.CONNECTION_STATE_ALERTING,
    csta.LocalConnectionState.CONNECTED: CS.CONNECTION_STATE_CONNECTED,
    csta.LocalConnectionState.HOLD: CS.CONNECTION_STATE_HOLD,
    csta.LocalConnectionState.QUEUED: CS.CONNECTION_STATE_QUEUED,
    csta.LocalConnectionState.FAIL: CS.CONNECTION_STATE_FAIL,
}


def connection_state(state: csta.LocalConnectionState | None) -> common_enums.ConnectionState:
    """The contract's state for a CSTA local connection state (NULL when the switch gave none)."""
    if state is None:
        return CS.CONNECTION_STATE_NULL
    return CONNECTION_STATE.get(state, CS.CONNECTION_STATE_NULL)


_S = csta.SimpleCallState
_L = csta.LocalConnectionState
#: ECMA-269 simple call states name the local and the remote connection state; the local one is what we need.
SIMPLE_LOCAL: dict[csta.SimpleCallState, csta.LocalConnectionState] = {
    _S.CALL_NULL: _L.NULL,
    _S.CALL_PENDING: _L.INITIATED,
    _S.CALL_ORIGINATED: _L.CONNECTED,
    _S.CALL_DELIVERED: _L.CONNECTED,
    _S.CALL_DELIVERED_HELD: _L.HOLD,
    _S.CALL_RECEIVED: _L.ALERTING,
    _S.CALL_ESTABLISHED: _L.CONNECTED,
    _S.CALL_ESTABLISHED_HELD: _L.HOLD,
    _S.CALL_RECEIVED_ON_HOLD: _L.ALERTING,
    _S.CALL_ESTABLISHED_ON_HOLD: _L.CONNECTED,
    _S.CALL_QUEUED: _L.CONNECTED,
    _S.CALL_QUEUED_HELD: _L.HOLD,
    _S.CALL_FAILED: _L.CONNECTED,
    _S.CALL_FAILED_HELD: _L.HOLD,
    _S.CALL_BLOCKED: _L.FAIL,
}


def own_state(info: csta.SnapshotDeviceResponseInfo) -> common_enums.ConnectionState | None:
    """The snapshotted device's own state on one call of a SnapshotDevice answer: the local connection state
    of its compound call state, else the local half of its simple call state; None when the switch gave neither."""
    local = info.local_call_state
    if local is None:
        return None
    if local.compound_call_state is not None and local.compound_call_state.local_connection_state:
        return connection_state(local.compound_call_state.local_connection_state[0])
    if local.simple_call_state is not None:
        return connection_state(SIMPLE_LOCAL.get(local.simple_call_state))
    return None


def own_states(answer: csta.SnapshotDeviceResponse) -> dict[str, int]:
    """call_id -> the device's own common.v1.ConnectionState, from a SnapshotDevice answer (CONNECTED for a call
    the switch lists without a state: the device is on it)."""
    own: dict[str, int] = {}
    for info in answer.cross_ref_id_or_snapshot_data.snapshot_data or ():
        cid = info.connection_identifier.call_id
        if not cid:
            continue
        state = own_state(info)
        own[cid] = state if state is not None else CS.CONNECTION_STATE_CONNECTED
    return own


#: The link's state as the contracts show it (a link that is stopped or not started yet is down).
LINK_STATE: dict[LinkState, common_enums.LinkState] = {
    LinkState.UP: common_enums.LINK_STATE_UP,
    LinkState.DOWN: common_enums.LINK_STATE_DOWN,
    LinkState.CONNECTING: common_enums.LINK_STATE_CONNECTING,
    LinkState.STOPPED: common_enums.LINK_STATE_DOWN,
    LinkState.IDLE: common_enums.LINK_STATE_DOWN,
}

#: GetDeviceInfo's device type (a type the contract does not name is DEVICE_TYPE_OTHER).
DEVICE_TYPE: dict[csta.DeviceType, query_enums.DeviceType] = {
    csta.DeviceType.STATION: query_enums.DEVICE_TYPE_STATION,
    csta.DeviceType.ACD_SPLIT: query_enums.DEVICE_TYPE_ACD_SPLIT,
    csta.DeviceType.VDN: query_enums.DEVICE_TYPE_VDN,
    csta.DeviceType.TRUNK_ACCESS_CODE: query_enums.DEVICE_TYPE_TRUNK,
    csta.DeviceType.ANNOUNCEMENT: query_enums.DEVICE_TYPE_ANNOUNCEMENT,
    csta.DeviceType.LOGICAL_AGENT: query_enums.DEVICE_TYPE_LOGICAL_AGENT,
}
#: GetDeviceInfo's device class (free text in the schema; case and blanks ignored).
DEVICE_CLASS: dict[str, query_enums.DeviceClass] = {
    "voice": query_enums.DEVICE_CLASS_VOICE,
    "data": query_enums.DEVICE_CLASS_DATA,
    "image": query_enums.DEVICE_CLASS_IMAGE,
}


def device_type(value: csta.DeviceType | None) -> query_enums.DeviceType:
    if value is None:
        return query_enums.DEVICE_TYPE_OTHER
    return DEVICE_TYPE.get(value, query_enums.DEVICE_TYPE_OTHER)


def device_class(value: str | None) -> query_enums.DeviceClass:
    return DEVICE_CLASS.get((value or "").strip().lower(), query_enums.DEVICE_CLASS_OTHER)


#: ECMA-285 EventCause numbers (ecma285-asn1/event-cause.asn1), keyed by the ECMA-323 name.
EVENT_CAUSE_NUMBER: dict[str, int] = {
    "aCDBusy": 57,
    "aCDForward": 58,
    "aCDSaturated": 59,
    "activation": 88,
    "activeParticipation": 1,
    "alertTimeExpired": 60,
    "alternate": 2,
    "autoWork": 61,
    "babble": 89,
    "badAttribute": 90,
    "badGrammar": 91,
    "badURI": 93,
    "badVoice": 92,
    "blocked": 35,
    "busy": 3,
    "busyOverflow": 94,
    "calendarOverflow": 95,
    "callBack": 4,
    "callCancelled": 5,
    "callForward": 9,
    "callForwardImmediate": 6,
    "callForwardBusy": 7,
    "callForwardNoAnswer": 8,
    "callNotAnswered": 10,
    "callPickup": 11,
    "campOn": 12,
    "campOnTrunks": 62,
    "capacityOverflow": 96,
    "characterCountReached": 36,
    "conference": 63,
    "consultation": 37,
    "destDetected": 64,
    "destNotObtainable": 13,
    "destOutOfOrder": 65,
    "distributed": 38,
    "distributionDelay": 66,
    "doNotDisturb": 14,
    "dTMFDigitDetected": 39,
    "duplicateDTMF": 97,
    "durationExceeded": 40,
    "earlyStop": 98,
    "emptyQueue": 99,
    "endOfMessageDetected": 41,
    "enteringDistribution": 42,
    "forcedPause": 43,
    "forcedTransition": 67,
    "incompatibleDestination": 15,
    "interdigitTimeout": 100,
    "intrude": 68,
    "invalidAccountCode": 16,
    "invalidConnection": 101,
    "invalidConnectionState": 102,
    "invalidNumberFormat": 69,
    "joinCall": 70,
    "keyOperation": 17,
    "keyOperationInUse": 71,
    "lockout": 18,
    "maintenance": 19,
    "makeCall": 44,
    "makePredictiveCall": 72,
    "maxTimeout": 104,
    "messageDurationExceeded": 73,
    "messageSizeExceeded": 45,
    "multipleAlerting": 74,
    "multipleQueuing": 75,
    "networkCongestion": 20,
    "networkDialling": 76,
    "networkNotObtainable": 21,
    "networkOutOfOrder": 77,
    "networkSignal": 46,
    "newCall": 22,
    "nextMessage": 47,
    "noAvailableAgents": 23,
    "normal": 78,
    "normalClearing": 48,
    "noAudioSaved": 105,
    "noQueue": 106,
    "noRule": 107,
    "noSpeechDetected": 49,
    "notAvailableBearerService": 79,
    "notSupportedBearerService": 80,
    "numberChanged": 50,
    "numberUnallocated": 81,
    "outOfGrammar": 108,
    "overflow": 26,
    "override": 24,
    "park": 25,
    "pathReplacement": 109,
    "queueCleared": 82,
    "queueTimeOverflow": 110,
    "recall": 27,
    "recallBusy": 111,
    "recallForwarded": 112,
    "recallNoAnswer": 113,
    "recallResourcesNotAvailable": 114,
    "redirected": 28,
    "remainsInQueue": 83,
    "reorderTone": 29,
    "reserved": 84,
    "resourcesNotAvailable": 30,
    "selectedTrunkBusy": 85,
    "silentParticipation": 31,
    "singleStepConference": 51,
    "singleStepTransfer": 52,
    "speechDetected": 53,
    "suspend": 86,
    "switchingFunctionTerminated": 54,
    "terminationCharacterReceived": 55,
    "timeout": 56,
    "transfer": 32,
    "trunksBusy": 33,
    "unauthorisedBearerService": 87,
    "unknownOverflow": 115,
}


def cause(value: csta.EventCause | None) -> tuple[int, str]:
    """An event's cause as the contracts give it: the ECMA-285 number (0 when unknown) and the ECMA-323 name."""
    if value is None:
        return 0, ""
    return EVENT_CAUSE_NUMBER.get(value.value, 0), value.value


# ------------------------------------------------------------------------------------------- agents

#: Avaya `workMode` -> the contract's WorkMode.
WORK_MODE_FROM_CSTA: dict[csta.WorkMode, agent_enums.WorkMode] = {
    csta.WorkMode.AUTO_IN: agent_enums.WORK_MODE_AUTO_IN,
    csta.WorkMode.MANUAL_IN: agent_enums.WORK_MODE_MANUAL_IN,
    csta.WorkMode.AFTER_CALL_WORK: agent_enums.WORK_MODE_AFTER_CALL_WORK,
    csta.WorkMode.AUX_WORK: agent_enums.WORK_MODE_AUX,
}
#: The ECMA-323 agent state, for a switch that sends no Avaya `workMode` (READY cannot tell manual-in from
#: auto-in: it reads as MANUAL_IN; a busy agent is in a ready mode).
WORK_MODE_FROM_AGENT_STATE: dict[csta.AgentState, agent_enums.WorkMode] = {
    csta.AgentState.AGENT_NOT_READY: agent_enums.WORK_MODE_AUX,
    csta.AgentState.AGENT_WORKING_AFTER_CALL: agent_enums.WORK_MODE_AFTER_CALL_WORK,
    csta.AgentState.AGENT_READY: agent_enums.WORK_MODE_MANUAL_IN,
    csta.AgentState.AGENT_BUSY: agent_enums.WORK_MODE_MANUAL_IN,
    csta.AgentState.AGENT_NULL: agent_enums.WORK_MODE_NULL,
}
#: GetAgentState reports a pending change only as the ECMA-323 `pendingAgentState` (the Avaya private data
#: has no pending work mode there); a pending READY reads as MANUAL_IN, a pending logout as NULL.
PENDING_WORK_MODE: dict[csta.PendingAgentState, agent_enums.WorkMode] = {
    csta.PendingAgentState.AGENT_NOT_READY: agent_enums.WORK_MODE_AUX,
    csta.PendingAgentState.AGENT_WORKING_AFTER_CALL: agent_enums.WORK_MODE_AFTER_CALL_WORK,
    csta.PendingAgentState.AGENT_READY: agent_enums.WORK_MODE_MANUAL_IN,
    csta.PendingAgentState.AGENT_NULL: agent_enums.WORK_MODE_NULL,
}
TALK_STATE: dict[csta.TalkState, agent_enums.TalkState] = {
    csta.TalkState.ON_CALL: agent_enums.TALK_STATE_ON_CALL,
    csta.TalkState.IDLE: agent_enums.TALK_STATE_IDLE,
}
#: The work modes in which an agent takes ACD calls.
READY_MODES = frozenset({agent_enums.WORK_MODE_AUTO_IN, agent_enums.WORK_MODE_MANUAL_IN})


def reported_work_mode(answer: csta.GetAgentStateResponse) -> agent_enums.WorkMode | None:
    """The work mode a GetAgentState answer names for the logged-on agent: the Avaya `workMode`, else the
    ECMA-323 agent state; None when it names neither (or no agent is logged on)."""
    entry = next((e for e in answer.agent_state_list if e.logged_on_state), None)
    if entry is None:
        return None
    private = private_data(answer, csta.GetAgentStateResponsePrivateData)
    if private is not None and private.work_mode is not None:
        return WORK_MODE_FROM_CSTA[private.work_mode]
    info = next(iter(entry.agent_info), None)
    if info is not None and info.agent_state is not None:
        return WORK_MODE_FROM_AGENT_STATE[info.agent_state]
    return None


def agent_state(answer: csta.GetAgentStateResponse, extension_of: Callable[[str], str]) -> agent_pb2.AgentState:
    """A GetAgentState answer as the contract's AgentState: the GetAgentState RPC and the snapshot after a
    (re)start both read it here.

    The first logged-on agent counts; with none, the work mode is WORK_MODE_NULL. Its work mode is the one the
    answer names (`reported_work_mode`), else AUX (logged on, no mode named); its talk state the Avaya
    `talkState`, else ON_CALL for an agent the ECMA-323 state calls busy, else IDLE. A pending change comes as
    the ECMA-323 `pendingAgentState`, and the pending reason code only with it.
    """
    state = agent_pb2.AgentState(work_mode=agent_enums.WORK_MODE_NULL, talk_state=agent_enums.TALK_STATE_IDLE)
    private = private_data(answer, csta.GetAgentStateResponsePrivateData)
    if private is not None and private.talk_state is not None:
        state.talk_state = TALK_STATE[private.talk_state]
    entry = next((e for e in answer.agent_state_list if e.logged_on_state), None)
    if entry is None:
        return state
    state.agent_id = entry.agent_id or ""
    group = next((i.acd_group for i in entry.agent_info if i.acd_group is not None), None)
    if group is not None:
        state.split = extension_of(group.value)
    info = next(iter(entry.agent_info), None)
    if info is not None:
        if info.agent_state == csta.AgentState.AGENT_BUSY and (private is None or private.talk_state is None):
            state.talk_state = agent_enums.TALK_STATE_ON_CALL
        if info.pending_agent_state is not None:
            state.pending_work_mode = PENDING_WORK_MODE[info.pending_agent_state]
    mode = reported_work_mode(answer)
    state.work_mode = mode if mode is not None and mode != agent_enums.WORK_MODE_NULL else agent_enums.WORK_MODE_AUX
    if private is not None:
        state.reason_code = private.reason_code or 0
        if state.pending_work_mode != agent_enums.WORK_MODE_UNSPECIFIED:
            state.pending_reason_code = private.pending_reason_code or 0
    return state


# -------------------------------------------------------------------------------------- forwarding

FORWARDING_TO_CSTA: dict[station_enums.ForwardingType, csta.ForwardingType] = {
    station_enums.FORWARDING_TYPE_IMMEDIATE: csta.ForwardingType.FORWARD_IMMEDIATE,
    station_enums.FORWARDING_TYPE_BUSY: csta.ForwardingType.FORWARD_BUSY,
    station_enums.FORWARDING_TYPE_NO_ANSWER: csta.ForwardingType.FORWARD_NO_ANS,
    station_enums.FORWARDING_TYPE_DO_NOT_DISTURB: csta.ForwardingType.FORWARD_DND,
    station_enums.FORWARDING_TYPE_BUSY_INTERNAL: csta.ForwardingType.FORWARD_BUSY_INT,
    station_enums.FORWARDING_TYPE_BUSY_EXTERNAL: csta.ForwardingType.FORWARD_BUSY_EXT,
    station_enums.FORWARDING_TYPE_NO_ANSWER_INTERNAL: csta.ForwardingType.FORWARD_NO_ANS_INT,
    station_enums.FORWARDING_TYPE_NO_ANSWER_EXTERNAL: csta.ForwardingType.FORWARD_NO_ANS_EXT,
    station_enums.FORWARDING_TYPE_IMMEDIATE_INTERNAL: csta.ForwardingType.FORWARD_IMM_INT,
    station_enums.FORWARDING_TYPE_IMMEDIATE_EXTERNAL: csta.ForwardingType.FORWARD_IMM_EXT,
    station_enums.FORWARDING_TYPE_DO_NOT_DISTURB_INTERNAL: csta.ForwardingType.FORWARD_DND_INT,
    station_enums.FORWARDING_TYPE_DO_NOT_DISTURB_EXTERNAL: csta.ForwardingType.FORWARD_DND_EXT,
}
FORWARDING_FROM_CSTA: dict[csta.ForwardingType, station_enums.ForwardingType] = {
    v: k for k, v in FORWARDING_TO_CSTA.items()
}


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


# -------------------------------------------------------------------------------------- DMCC phone
# One conversion per phone item for the DeviceService reads (GetLampMode, ...) and the `phone_changed`
# event alike. Where the switch leaves a value out, both read it the same way: an absent lamp brightness is
# the switch's `unspecified` (normal), an absent character set ASCII, an absent colour UNSPECIFIED. A lamp's
# `mode_code` and `color_code` hold the switch's number only for LAMP_MODE_OTHER / LAMP_COLOR_OTHER, as the
# contract says; a button's associated number is shown as the extension.

#: ECMA-269 `lampMode` numbers.
LAMP_MODE: dict[int, device_enums.LampMode] = {
    0: device_enums.LAMP_MODE_BROKEN_FLUTTER,
    1: device_enums.LAMP_MODE_FLUTTER,
    2: device_enums.LAMP_MODE_OFF,
    3: device_enums.LAMP_MODE_STEADY,
    4: device_enums.LAMP_MODE_WINK,
}
#: ECMA-269 `lampColor` numbers.
LAMP_COLOR: dict[int, device_enums.LampColor] = {
    0: device_enums.LAMP_COLOR_NO_COLOR,
    1: device_enums.LAMP_COLOR_RED,
    2: device_enums.LAMP_COLOR_YELLOW,
    3: device_enums.LAMP_COLOR_GREEN,
    4: device_enums.LAMP_COLOR_BLUE,
}
LAMP_BRIGHTNESS: dict[csta.LampBrightness, device_enums.LampBrightness] = {
    csta.LampBrightness.UNSPECIFIED: device_enums.LAMP_BRIGHTNESS_NORMAL,
    csta.LampBrightness.DIM: device_enums.LAMP_BRIGHTNESS_DIM,
    csta.LampBrightness.BRIGHT: device_enums.LAMP_BRIGHTNESS_BRIGHT,
}
CHARACTER_SET: dict[csta.CharacterSet, device_enums.CharacterSet] = {
    csta.CharacterSet.ASCII: device_enums.CHARACTER_SET_ASCII,
    csta.CharacterSet.UNICODE: device_enums.CHARACTER_SET_UNICODE,
    csta.CharacterSet.PROPRIETARY: device_enums.CHARACTER_SET_PROPRIETARY,
}
RING_MODE: dict[csta.RingMode, device_enums.RingMode] = {
    csta.RingMode.RINGING: device_enums.RING_MODE_RINGING,
    csta.RingMode.NOT_RINGING: device_enums.RING_MODE_NOT_RINGING,
}
REGISTRATION_STATE: dict[csta.RegistrationState, device_enums.RegistrationState] = {
    csta.RegistrationState.IDLE: device_enums.REGISTRATION_STATE_IDLE,
    csta.RegistrationState.REGISTERING: device_enums.REGISTRATION_STATE_REGISTERING,
    csta.RegistrationState.REGISTERED: device_enums.REGISTRATION_STATE_REGISTERED,
    csta.RegistrationState.UNREGISTERING: device_enums.REGISTRATION_STATE_UNREGISTERING,
}


def lamp_mode(code: int) -> tuple[device_enums.LampMode, int]:
    """The contract's lamp mode and `mode_code` (set for LAMP_MODE_OTHER only) for an ECMA-269 number."""
    mode = LAMP_MODE.get(code)
    return (mode, 0) if mode is not None else (device_enums.LAMP_MODE_OTHER, code)


def lamp_color(code: int | None) -> tuple[device_enums.LampColor, int]:
    """The contract's lamp colour and `color_code` (LAMP_COLOR_OTHER only); UNSPECIFIED when not reported."""
    if code is None:
        return device_enums.LAMP_COLOR_UNSPECIFIED, 0
    color = LAMP_COLOR.get(code)
    return (color, 0) if color is not None else (device_enums.LAMP_COLOR_OTHER, code)


def lamp_brightness(value: csta.LampBrightness | None) -> device_enums.LampBrightness:
    """Absent or `unspecified` brightness is normal brightness."""
    if value is None:
        return device_enums.LAMP_BRIGHTNESS_NORMAL
    return LAMP_BRIGHTNESS.get(value, device_enums.LAMP_BRIGHTNESS_NORMAL)


def lamp(item: csta.LampModeItem | csta.LampModeEvent) -> device_pb2.Lamp:
    """A lamp from GetLampMode (it names the lamp's button) or from a LampModeEvent (it names its label)."""
    mode, mode_code = lamp_mode(item.lamp_mode)
    color, color_code = lamp_color(item.lamp_color)
    return device_pb2.Lamp(
        lamp=item.lamp,
        mode=mode,
        mode_code=mode_code,
        brightness=lamp_brightness(item.lamp_brightness),
        color=color,
        color_code=color_code,
        button=(item.button or "") if isinstance(item, csta.LampModeItem) else "",
        label=(item.lamp_label or "") if isinstance(item, csta.LampModeEvent) else "",
    )


def character_set(value: csta.CharacterSet | None) -> device_enums.CharacterSet:
    """An absent character set is ASCII."""
    if value is None:
        return device_enums.CHARACTER_SET_ASCII
    return CHARACTER_SET.get(value, device_enums.CHARACTER_SET_ASCII)


def display(item: csta.DisplayListItem | csta.DisplayUpdatedEvent) -> device_pb2.Display:
    return device_pb2.Display(
        display_id=item.display_id,
        logical_rows=item.logical_rows or 0,
        logical_columns=item.logical_columns or 0,
        physical_rows=item.physical_rows or 0,
        physical_columns=item.physical_columns or 0,
        physical_base_row_number=item.physical_base_row_number or 0,
        physical_base_column_number=item.physical_base_column_number or 0,
        character_set=character_set(item.character_set),
        contents=item.contents_of_display,
    )


def number(text: str | None) -> int:
    """A number the schema types as a string (`ringCount`, `ringVolAbs`); 0 when absent or not a number."""
    try:
        return int((text or "").strip())
    except ValueError:
        return 0


def ringer(item: csta.RingerStatusItem | csta.RingerStatusEvent) -> device_pb2.Ringer:
    if isinstance(item, csta.RingerStatusEvent):
        volume = item.ring_volume.vol_abs if item.ring_volume is not None else None
    else:
        volume = number(item.ring_vol_abs)
    return device_pb2.Ringer(
        ringer=item.ringer,
        ring_mode=RING_MODE.get(item.ring_mode, device_enums.RING_MODE_UNSPECIFIED)
        if item.ring_mode is not None
        else device_enums.RING_MODE_UNSPECIFIED,
        ring_count=number(item.ring_count),
        ring_pattern=item.ring_pattern or 0,
        ring_volume=volume or 0,
    )


def hookswitch(item: csta.HookswitchStatusItem | csta.HookswitchEvent) -> device_pb2.Hookswitch:
    return device_pb2.Hookswitch(hookswitch=item.hookswitch, on_hook=item.hookswitch_on_hook)


def button(
    item: csta.ButtonItem | csta.ButtonInformationEvent, extension_of: Callable[[str], str]
) -> device_pb2.Button:
    """A button from GetButtonInformation or a ButtonInformationEvent (which reports only what changed: its
    label, associated number and press indicator)."""
    number_ = item.button_associated_number
    found = device_pb2.Button(
        button=item.button,
        label=item.button_label or "",
        associated_number=extension_of(number_.value) if number_ is not None else "",
        press_indicator=bool(item.button_press_indicator),
    )
    if isinstance(item, csta.ButtonItem):
        found.label_settable = bool(item.button_label_settable)
        found.function = item.button_function or ""
        found.associated_number_settable = bool(item.button_associated_number_settable)
        found.lamp_ids.extend(item.lamp_list)
    return found


def registration_state(value: csta.RegistrationState) -> device_enums.RegistrationState:
    return REGISTRATION_STATE.get(value, device_enums.REGISTRATION_STATE_IDLE)
