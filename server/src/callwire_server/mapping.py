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
from callwire.common.v1 import enums_pb2 as common_enums
from callwire.device.v1 import enums_pb2 as device_enums
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


def own_states(answer: csta.SnapshotDeviceResponse) -> dict[str, int]:
    """call_id -> the device's own common.v1.ConnectionState, from a SnapshotDevice answer."""
    own: dict[str, int] = {}
    for info in answer.cross_ref_id_or_snapshot_data.snapshot_data or ():
        cid = info.connection_identifier.call_id
        if not cid:
            continue
        compound = info.local_call_state.compound_call_state if info.local_call_state else None
        first = compound.local_connection_state[0] if compound and compound.local_connection_state else None
        own[cid] = CONNECTION_STATE[first] if first is not None else CS.CONNECTION_STATE_CONNECTED
    return own


#: The link's state as the contracts show it (a link that is stopped or not started yet is down).
LINK_STATE: dict[LinkState, common_enums.LinkState] = {
    LinkState.UP: common_enums.LINK_STATE_UP,
    LinkState.DOWN: common_enums.LINK_STATE_DOWN,
    LinkState.CONNECTING: common_enums.LINK_STATE_CONNECTING,
    LinkState.STOPPED: common_enums.LINK_STATE_DOWN,
    LinkState.IDLE: common_enums.LINK_STATE_DOWN,
}

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
#: The work modes in which an agent takes ACD calls.
READY_MODES = frozenset({agent_enums.WORK_MODE_AUTO_IN, agent_enums.WORK_MODE_MANUAL_IN})


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
