"""ECMA-323 ed3 types shared by requests, responses and events (device IDs, connections, private data)."""

from __future__ import annotations

import enum

from ._schema import Message, any_el, attr, complex_type, el, flag, text

__all__ = [
    "CallLinkageData",
    "CallLinkageDataList",
    "CalledDeviceID",
    "CallingDeviceID",
    "CommonArguments",
    "ConnectionID",
    "ConnectionListItem",
    "ConnectionListItemEndpoint",
    "CorrelatorData",
    "DeviceHistoryListItem",
    "DeviceID",
    "EventCause",
    "ExtendedDeviceID",
    "GlobalCallData",
    "GlobalCallLinkageID",
    "LocalConnectionState",
    "Private",
    "PrivateData",
    "RedirectionDeviceID",
    "SubjectDeviceID",
    "TypeOfNumber",
    "UserData",
    "private",
    "private_items",
]


class TypeOfNumber(enum.StrEnum):
    DIALING_NUMBER = "dialingNumber"
    DEVICE_NUMBER = "deviceNumber"
    IMPLICIT_PUBLIC = "implicitPublic"
    IMPLICIT_PRIVATE = "implicitPrivate"
    OTHER = "other"
    #: A dynamic device ID (LocalDeviceID only), e.g. an external trunk party `T13815#2` on Avaya CM.
    DYNAMIC = "dynamic"


#: ECMA-323 EventCause (the `cause` of events, the `reason` of some requests); values exactly as in the schema.
class EventCause(enum.StrEnum):
    ACD_BUSY = "aCDBusy"
    ACD_FORWARD = "aCDForward"
    ACD_SATURATED = "aCDSaturated"
    ACTIVATION = "activation"
    ACTIVE_PARTICIPATION = "activeParticipation"
    ALERT_TIME_EXPIRED = "alertTimeExpired"
    ALTERNATE = "alternate"
    AUTO_WORK = "autoWork"
    BABBLE = "babble"
    BAD_ATTRIBUTE = "badAttribute"
    BAD_GRAMMAR = "badGrammar"
    BAD_URI = "badURI"
    BAD_VOICE = "badVoice"
    BLOCKED = "blocked"
    BUSY = "busy"
    BUSY_OVERFLOW = "busyOverflow"
    CALENDAR_OVERFLOW = "calendarOverflow"
    CALL_BACK = "callBack"
    CALL_CANCELLED = "callCancelled"
    CALL_FORWARD = "callForward"
    CALL_FORWARD_IMMEDIATE = "callForwardImmediate"
    CALL_FORWARD_BUSY = "callForwardBusy"
    CALL_FORWARD_NO_ANSWER = "callForwardNoAnswer"
    CALL_NOT_ANSWERED = "callNotAnswered"
    CALL_PICKUP = "callPickup"
    CAMP_ON = "campOn"
    CAMP_ON_TRUNKS = "campOnTrunks"
    CAPACITY_OVERFLOW = "capacityOverflow"
    CHARACTER_COUNT_REACHED = "characterCountReached"
    CONFERENCE = "conference"
    CONSULTATION = "consultation"
    DEST_DETECTED = "destDetected"
    DEST_NOT_OBTAINABLE = "destNotObtainable"
    DEST_OUT_OF_ORDER = "destOutOfOrder"
    DISTRIBUTED = "distributed"
    DISTRIBUTION_DELAY = "distributionDelay"
    DO_NOT_DISTURB = "doNotDisturb"
    DTMF_DIGIT_DETECTED = "dTMFDigitDetected"
    DUPLICATE_DTMF = "duplicateDTMF"
    DURATION_EXCEEDED = "durationExceeded"
    EARLY_STOP = "earlyStop"
    EMPTY_QUEUE = "emptyQueue"
    END_OF_MESSAGE_DETECTED = "endOfMessageDetected"
    ENTERING_DISTRIBUTION = "enteringDistribution"
    FORCED_PAUSE = "forcedPause"
    FORCED_TRANSITION = "forcedTransition"
    INCOMPATIBLE_DESTINATION = "incompatibleDestination"
    INTERDIGIT_TIMEOUT = "interdigitTimeout"
    INTRUDE = "intrude"
    INVALID_ACCOUNT_CODE = "invalidAccountCode"
    INVALID_CONNECTION = "invalidConnection"
    INVALID_CONNECTION_STATE = "invalidConnectionState"
    INVALID_NUMBER_FORMAT = "invalidNumberFormat"
    JOIN_CALL = "joinCall"
    KEY_OPERATION = "keyOperation"
    KEY_OPERATION_IN_USE = "keyOperationInUse"
    LOCKOUT = "lockout"
    MAINTENANCE = "maintenance"
    MAKE_CALL = "makeCall"
    MAKE_PREDICTIVE_CALL = "makePredictiveCall"
    MAX_TIMEOUT = "maxTimeout"
    MESSAGE_DURATION_EXCEEDED = "messageDurationExceeded"
    MESSAGE_SIZE_EXCEEDED = "messageSizeExceeded"
    MULTIPLE_ALERTING = "multipleAlerting"
    MULTIPLE_QUEUING = "multipleQueuing"
    NETWORK_CONGESTION = "networkCongestion"
    NETWORK_DIALLING = "networkDialling"
    NETWORK_NOT_OBTAINABLE = "networkNotObtainable"
    NETWORK_OUT_OF_ORDER = "networkOutOfOrder"
    NETWORK_SIGNAL = "networkSignal"
    NEW_CALL = "newCall"
    NEXT_MESSAGE = "nextMessage"
    NO_AVAILABLE_AGENTS = "noAvailableAgents"
    NORMAL = "normal"
    NORMAL_CLEARING = "normalClearing"
    NO_AUDIO_SAVED = "noAudioSaved"
    NO_QUEUE = "noQueue"
    NO_RULE = "noRule"
    NO_SPEECH_DETECTED = "noSpeechDetected"
    NOT_AVAILABLE_BEARER_SERVICE = "notAvailableBearerService"
    NOT_SUPPORTED_BEARER_SERVICE = "notSupportedBearerService"
    NUMBER_CHANGED = "numberChanged"
    NUMBER_UNALLOCATED = "numberUnallocated"
    OUT_OF_GRAMMAR = "outOfGrammar"
    OVERFLOW = "overflow"
    OVERRIDE = "override"
    PARK = "park"
    PATH_REPLACEMENT = "pathReplacement"
    QUEUE_CLEARED = "queueCleared"
    QUEUE_TIME_OVERFLOW = "queueTimeOverflow"
    RECALL = "recall"
    RECALL_BUSY = "recallBusy"
    RECALL_FORWARDED = "recallForwarded"
    RECALL_NO_ANSWER = "recallNoAnswer"
    RECALL_RESOURCES_NOT_AVAILABLE = "recallResourcesNotAvailable"
    REDIRECTED = "redirected"
    REMAINS_IN_QUEUE = "remainsInQueue"
    REORDER_TONE = "reorderTone"
    RESERVED = "reserved"
    RESOURCES_NOT_AVAILABLE = "resourcesNotAvailable"
    SELECTED_TRUNK_BUSY = "selectedTrunkBusy"
    SILENT_PARTICIPATION = "silentParticipation"
    SINGLE_STEP_CONFERENCE = "singleStepConference"
    SINGLE_STEP_TRANSFER = "singleStepTransfer"
    SPEECH_DETECTED = "speechDetected"
    SUSPEND = "suspend"
    SWITCHING_FUNCTION_TERMINATED = "switchingFunctionTerminated"
    TERMINATION_CHARACTER_RECEIVED = "terminationCharacterReceived"
    TIMEOUT = "timeout"
    TRANSFER = "transfer"
    TRUNKS_BUSY = "trunksBusy"
    UNAUTHORISED_BEARER_SERVICE = "unauthorisedBearerService"
    UNKNOWN_OVERFLOW = "unknownOverflow"


class LocalConnectionState(enum.StrEnum):
    NULL = "null"
    INITIATED = "initiated"
    ALERTING = "alerting"
    CONNECTED = "connected"
    HOLD = "hold"
    QUEUED = "queued"
    FAIL = "fail"


@complex_type
class DeviceID:
    """A device identifier as text, e.g. `101`, or on Avaya AES `101:CM::0`."""

    value: str = text()
    type_of_number: TypeOfNumber | None = attr("typeOfNumber", default=None)
    media_class: str | None = attr("mediaClass", default=None)


@complex_type
class ConnectionID:
    """A party in a call: the call ID and the device (schema order: callID, then deviceID)."""

    call_id: str | None = el("callID", default=None)
    device_id: DeviceID | None = el("deviceID", default=None)


@complex_type
class ExtendedDeviceID:
    """A device reference in events (SubjectDeviceID, CallingDeviceID, CalledDeviceID, ...): a choice."""

    device_identifier: DeviceID | None = el("deviceIdentifier", default=None)
    not_known: bool = flag("notKnown", default=False)
    restricted: bool = flag("restricted", default=False)

    @property
    def device(self) -> str | None:
        return self.device_identifier.value if self.device_identifier else None


@complex_type
class RedirectionDeviceID:
    """`lastRedirectionDevice`: a dialled number or one of the empty markers."""

    number_dialed: DeviceID | None = el("numberDialed", default=None)
    not_known: bool = flag("notKnown", default=False)
    not_required: bool = flag("notRequired", default=False)
    not_specified: bool = flag("notSpecified", default=False)
    restricted: bool = flag("restricted", default=False)


@complex_type
class UserData:
    """User-to-user information (UUI): hexBinary in `<string>`."""

    string: bytes | None = el("string", default=None)


@complex_type
class PrivateData:
    """`<privateData>`: vendor messages inside `<private>` (Avaya: namespace http://www.avaya.com/csta)."""

    private: Private | None = el("private", default=None)


@complex_type
class Private:
    items: tuple[Message, ...] = any_el(default=())


@complex_type
class CommonArguments:
    """`<extensions>` (CSTACommonArguments): carries the private data of a message."""

    private_data: PrivateData | None = el("privateData", default=None)


def private(*items: Message) -> CommonArguments:
    """Wrap vendor private-data messages as a message's `extensions`."""
    return CommonArguments(private_data=PrivateData(private=Private(items=items)))


def private_items(extensions: CommonArguments | None) -> tuple[Message, ...]:
    """The private-data messages of an `extensions` value (empty when absent)."""
    if extensions is None or extensions.private_data is None or extensions.private_data.private is None:
        return ()
    return extensions.private_data.private.items


@complex_type
class GlobalCallLinkageID:
    globally_unique_call_linkage_id: str | None = el("globallyUniqueCallLinkageID", default=None)
    sub_domain_call_linkage_id: str | None = el("subDomainCallLinkageID", default=None)


@complex_type
class GlobalCallData:
    global_call_switching_sub_domain_name: str | None = el("globalCallSwitchingSubDomainName", default=None)
    global_call_linkage_id: GlobalCallLinkageID | None = el("globalCallLinkageID", default=None)
    call_linkage_id_timestamp: str | None = el("callLinkageIDTimestamp", default=None)


@complex_type
class CallLinkageData:
    """Carries the Avaya UCID in `globalCallData/globalCallLinkageID/globallyUniqueCallLinkageID`."""

    global_call_data: GlobalCallData | None = el("globalCallData", default=None)

    @classmethod
    def for_ucid(cls, ucid: str) -> CallLinkageData:
        return cls(
            global_call_data=GlobalCallData(
                global_call_linkage_id=GlobalCallLinkageID(globally_unique_call_linkage_id=ucid)
            )
        )

    @property
    def ucid(self) -> str | None:
        gcd = self.global_call_data
        if gcd is None or gcd.global_call_linkage_id is None:
            return None
        return gcd.global_call_linkage_id.globally_unique_call_linkage_id


#: The wrapper types of ExtendedDeviceID in events (same content, different element names).
SubjectDeviceID = ExtendedDeviceID
CallingDeviceID = ExtendedDeviceID
CalledDeviceID = ExtendedDeviceID


@complex_type
class ConnectionListItemEndpoint:
    """`connectionListItem/endpoint`: a choice of `deviceID` (not `deviceIdentifier`), `notKnown`, `restricted`."""

    device_id: DeviceID | None = el("deviceID", default=None)
    not_known: bool = flag("notKnown", default=False)
    restricted: bool = flag("restricted", default=False)


@complex_type
class ConnectionListItem:
    new_connection: ConnectionID | None = el("newConnection", default=None)
    old_connection: ConnectionID | None = el("oldConnection", default=None)
    endpoint: ConnectionListItemEndpoint | None = el("endpoint", default=None)


@complex_type
class CorrelatorData:
    """Opaque application data that follows the call: hexBinary in `<string>`."""

    string: bytes | None = el("string", default=None)


@complex_type
class CallLinkageDataList:
    new_call_linkage_data: CallLinkageData | None = el("newCallLinkageData", default=None)
    old_call_linkage_data: CallLinkageData | None = el("oldCallLinkageData", default=None)


@complex_type
class DeviceHistoryListItem:
    old_device_id: RedirectionDeviceID | None = el("oldDeviceID", default=None)
    event_cause: EventCause | None = el("eventCause", default=None)
    old_connection_id: ConnectionID | None = el("oldConnectionID", default=None)
