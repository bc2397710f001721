"""ECMA-323 call-control services (clause 17 of ECMA-269): requests and their positive responses.

Only the fields Callwire uses are declared, always in schema order; every request and response ends with
`extensions`, which carries Avaya private data (see `_avaya.py`).
"""

from __future__ import annotations

import enum

from ._common import (
    CommonArguments,
    ConnectionID,
    ConnectionListItem,
    CorrelatorData,
    DeviceID,
    EventCause,
    UserData,
)
from ._schema import Message, el, message

__all__ = [
    "AlternateCall",
    "AlternateCallResponse",
    "AnswerCall",
    "AnswerCallResponse",
    "AutoOriginate",
    "ClearCall",
    "ClearCallResponse",
    "ClearConnection",
    "ClearConnectionResponse",
    "ConferenceCall",
    "ConferenceCallResponse",
    "ConsultOptions",
    "ConsultationCall",
    "ConsultationCallResponse",
    "DeflectCall",
    "DeflectCallResponse",
    "DigitMode",
    "DirectedPickupCall",
    "DirectedPickupCallResponse",
    "GenerateDigits",
    "GenerateDigitsResponse",
    "GroupPickupCall",
    "GroupPickupCallResponse",
    "HoldCall",
    "HoldCallResponse",
    "MakeCall",
    "MakeCallResponse",
    "ParticipationType",
    "ReconnectCall",
    "ReconnectCallResponse",
    "RetrieveCall",
    "RetrieveCallResponse",
    "SingleStepConferenceCall",
    "SingleStepConferenceCallResponse",
    "SingleStepTransferCall",
    "SingleStepTransferCallResponse",
    "TransferCall",
    "TransferCallResponse",
]


class AutoOriginate(enum.StrEnum):
    PROMPT = "prompt"
    DO_NOT_PROMPT = "doNotPrompt"


class ConsultOptions(enum.StrEnum):
    UNRESTRICTED = "unrestricted"
    CONSULT_ONLY = "consultOnly"
    TRANSFER_ONLY = "transferOnly"
    CONFERENCE_ONLY = "conferenceOnly"


class ParticipationType(enum.StrEnum):
    SILENT = "silent"
    ACTIVE = "active"
    NONE = "none"


class DigitMode(enum.StrEnum):
    ROTARY_PULSE = "rotaryPulse"
    DTMF = "dTMF"


@message("MakeCall")
class MakeCall(Message):
    calling_device: DeviceID = el("callingDevice")
    called_directory_number: DeviceID = el("calledDirectoryNumber")
    auto_originate: AutoOriginate | None = el("autoOriginate", default=None)
    correlator_data: CorrelatorData | None = el("correlatorData", default=None)
    user_data: UserData | None = el("userData", default=None)
    extensions: CommonArguments | None = el("extensions", default=None)


@message("MakeCallResponse")
class MakeCallResponse(Message):
    calling_device: ConnectionID = el("callingDevice")
    extensions: CommonArguments | None = el("extensions", default=None)


@message("AnswerCall")
class AnswerCall(Message):
    call_to_be_answered: ConnectionID = el("callToBeAnswered")
    correlator_data: CorrelatorData | None = el("correlatorData", default=None)
    user_data: UserData | None = el("userData", default=None)
    extensions: CommonArguments | None = el("extensions", default=None)


@message("AnswerCallResponse")
class AnswerCallResponse(Message):
    extensions: CommonArguments | None = el("extensions", default=None)


@message("ClearConnection")
class ClearConnection(Message):
    connection_to_be_cleared: ConnectionID = el("connectionToBeCleared")
    correlator_data: CorrelatorData | None = el("correlatorData", default=None)
    user_data: UserData | None = el("userData", default=None)
    reason: EventCause | None = el("reason", default=None)
    extensions: CommonArguments | None = el("extensions", default=None)


@message("ClearConnectionResponse")
class ClearConnectionResponse(Message):
    extensions: CommonArguments | None = el("extensions", default=None)


@message("ClearCall")
class ClearCall(Message):
    call_to_be_cleared: ConnectionID = el("callToBeCleared")
    user_data: UserData | None = el("userData", default=None)
    extensions: CommonArguments | None = el("extensions", default=None)


@message("ClearCallResponse")
class ClearCallResponse(Message):
    extensions: CommonArguments | None = el("extensions", default=None)


@message("HoldCall")
class HoldCall(Message):
    call_to_be_held: ConnectionID = el("callToBeHeld")
    connection_reservation: bool | None = el("connectionReservation", default=None)
    extensions: CommonArguments | None = el("extensions", default=None)


@message("HoldCallResponse")
class HoldCallResponse(Message):
    extensions: CommonArguments | None = el("extensions", default=None)


@message("RetrieveCall")
class RetrieveCall(Message):
    call_to_be_retrieved: ConnectionID = el("callToBeRetrieved")
    extensions: CommonArguments | None = el("extensions", default=None)


@message("RetrieveCallResponse")
class RetrieveCallResponse(Message):
    extensions: CommonArguments | None = el("extensions", default=None)


@message("ConsultationCall")
class ConsultationCall(Message):
    existing_call: ConnectionID = el("existingCall")
    consulted_device: DeviceID = el("consultedDevice")
    connection_reservation: bool | None = el("connectionReservation", default=None)
    correlator_data: CorrelatorData | None = el("correlatorData", default=None)
    user_data: UserData | None = el("userData", default=None)
    consult_options: ConsultOptions | None = el("consultOptions", default=None)
    extensions: CommonArguments | None = el("extensions", default=None)


@message("ConsultationCallResponse")
class ConsultationCallResponse(Message):
    initiated_call: ConnectionID = el("initiatedCall")
    extensions: CommonArguments | None = el("extensions", default=None)


@message("TransferCall")
class TransferCall(Message):
    held_call: ConnectionID = el("heldCall")
    active_call: ConnectionID = el("activeCall")
    extensions: CommonArguments | None = el("extensions", default=None)


@message("TransferCallResponse")
class TransferCallResponse(Message):
    transferred_call: ConnectionID = el("transferredCall")
    connections: tuple[ConnectionListItem, ...] = el("connections", item="connectionListItem", default=())
    extensions: CommonArguments | None = el("extensions", default=None)


@message("ConferenceCall")
class ConferenceCall(Message):
    held_call: ConnectionID = el("heldCall")
    active_call: ConnectionID = el("activeCall")
    extensions: CommonArguments | None = el("extensions", default=None)


@message("ConferenceCallResponse")
class ConferenceCallResponse(Message):
    conference_call: ConnectionID = el("conferenceCall")
    connections: tuple[ConnectionListItem, ...] = el("connections", item="connectionListItem", default=())
    extensions: CommonArguments | None = el("extensions", default=None)


@message("ReconnectCall")
class ReconnectCall(Message):
    active_call: ConnectionID = el("activeCall")
    held_call: ConnectionID = el("heldCall")
    extensions: CommonArguments | None = el("extensions", default=None)


@message("ReconnectCallResponse")
class ReconnectCallResponse(Message):
    extensions: CommonArguments | None = el("extensions", default=None)


@message("AlternateCall")
class AlternateCall(Message):
    held_call: ConnectionID = el("heldCall")
    active_call: ConnectionID = el("activeCall")
    connection_reservation: bool | None = el("connectionReservation", default=None)
    consult_options: ConsultOptions | None = el("consultOptions", default=None)
    extensions: CommonArguments | None = el("extensions", default=None)


@message("AlternateCallResponse")
class AlternateCallResponse(Message):
    extensions: CommonArguments | None = el("extensions", default=None)


@message("SingleStepTransferCall")
class SingleStepTransferCall(Message):
    active_call: ConnectionID = el("activeCall")
    transferred_to: DeviceID = el("transferredTo")
    correlator_data: CorrelatorData | None = el("correlatorData", default=None)
    user_data: UserData | None = el("userData", default=None)
    reason: EventCause | None = el("reason", default=None)
    extensions: CommonArguments | None = el("extensions", default=None)


@message("SingleStepTransferCallResponse")
class SingleStepTransferCallResponse(Message):
    transferred_call: ConnectionID = el("transferredCall")
    connections: tuple[ConnectionListItem, ...] = el("connections", item="connectionListItem", default=())
    extensions: CommonArguments | None = el("extensions", default=None)


@message("SingleStepConferenceCall")
class SingleStepConferenceCall(Message):
    active_call: ConnectionID = el("activeCall")
    device_to_join: DeviceID = el("deviceToJoin")
    participation_type: ParticipationType | None = el("participationType", default=None)
    correlator_data: CorrelatorData | None = el("correlatorData", default=None)
    user_data: UserData | None = el("userData", default=None)
    extensions: CommonArguments | None = el("extensions", default=None)


@message("SingleStepConferenceCallResponse")
class SingleStepConferenceCallResponse(Message):
    conferenced_call: ConnectionID = el("conferencedCall")
    extensions: CommonArguments | None = el("extensions", default=None)


@message("DeflectCall")
class DeflectCall(Message):
    call_to_be_diverted: ConnectionID = el("callToBeDiverted")
    new_destination: DeviceID = el("newDestination")
    correlator_data: CorrelatorData | None = el("correlatorData", default=None)
    user_data: UserData | None = el("userData", default=None)
    reason: EventCause | None = el("reason", default=None)
    extensions: CommonArguments | None = el("extensions", default=None)


@message("DeflectCallResponse")
class DeflectCallResponse(Message):
    extensions: CommonArguments | None = el("extensions", default=None)


@message("DirectedPickupCall")
class DirectedPickupCall(Message):
    call_to_be_picked_up: ConnectionID = el("callToBePickedUp")
    requesting_device: DeviceID = el("requestingDevice")
    correlator_data: CorrelatorData | None = el("correlatorData", default=None)
    user_data: UserData | None = el("userData", default=None)
    extensions: CommonArguments | None = el("extensions", default=None)


@message("DirectedPickupCallResponse")
class DirectedPickupCallResponse(Message):
    picked_call: ConnectionID | None = el("pickedCall", default=None)
    extensions: CommonArguments | None = el("extensions", default=None)


@message("GroupPickupCall")
class GroupPickupCall(Message):
    new_destination: DeviceID = el("newDestination")
    pick_group: DeviceID | None = el("pickGroup", default=None)
    correlator_data: CorrelatorData | None = el("correlatorData", default=None)
    user_data: UserData | None = el("userData", default=None)
    extensions: CommonArguments | None = el("extensions", default=None)


@message("GroupPickupCallResponse")
class GroupPickupCallResponse(Message):
    picked_call: ConnectionID | None = el("pickedCall", default=None)
    extensions: CommonArguments | None = el("extensions", default=None)


@message("GenerateDigits")
class GenerateDigits(Message):
    connection_to_send_digits: ConnectionID = el("connectionToSendDigits")
    digit_mode: DigitMode | None = el("digitMode", default=None)
    characters_to_send: str = el("charactersToSend")
    tone_duration: int | None = el("toneDuration", default=None)
    pulse_rate: int | None = el("pulseRate", default=None)
    pause_duration: int | None = el("pauseDuration", default=None)
    extensions: CommonArguments | None = el("extensions", default=None)


@message("GenerateDigitsResponse")
class GenerateDigitsResponse(Message):
    extensions: CommonArguments | None = el("extensions", default=None)
