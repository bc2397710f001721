import datetime

from buf.validate import validate_pb2 as _validate_pb2
from callwire.callcontrol.v1 import enums_pb2 as _enums_pb2
from callwire.callcontrol.v1 import message_pb2 as _message_pb2
from callwire.common.v1 import message_pb2 as _message_pb2_1
from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class MakeCallRequest(_message.Message):
    __slots__ = ("extension", "destination", "user_data")
    EXTENSION_FIELD_NUMBER: _ClassVar[int]
    DESTINATION_FIELD_NUMBER: _ClassVar[int]
    USER_DATA_FIELD_NUMBER: _ClassVar[int]
    extension: str
    destination: str
    user_data: str
    def __init__(self, extension: _Optional[str] = ..., destination: _Optional[str] = ..., user_data: _Optional[str] = ...) -> None: ...

class MakeCallResponse(_message.Message):
    __slots__ = ("call",)
    CALL_FIELD_NUMBER: _ClassVar[int]
    call: _message_pb2_1.CallRef
    def __init__(self, call: _Optional[_Union[_message_pb2_1.CallRef, _Mapping]] = ...) -> None: ...

class AnswerCallRequest(_message.Message):
    __slots__ = ("extension", "call_id")
    EXTENSION_FIELD_NUMBER: _ClassVar[int]
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    extension: str
    call_id: str
    def __init__(self, extension: _Optional[str] = ..., call_id: _Optional[str] = ...) -> None: ...

class AnswerCallResponse(_message.Message):
    __slots__ = ("call",)
    CALL_FIELD_NUMBER: _ClassVar[int]
    call: _message_pb2_1.CallRef
    def __init__(self, call: _Optional[_Union[_message_pb2_1.CallRef, _Mapping]] = ...) -> None: ...

class HangupCallRequest(_message.Message):
    __slots__ = ("extension", "call_id", "user_data")
    EXTENSION_FIELD_NUMBER: _ClassVar[int]
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    USER_DATA_FIELD_NUMBER: _ClassVar[int]
    extension: str
    call_id: str
    user_data: str
    def __init__(self, extension: _Optional[str] = ..., call_id: _Optional[str] = ..., user_data: _Optional[str] = ...) -> None: ...

class HangupCallResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class DropPartyRequest(_message.Message):
    __slots__ = ("extension", "party", "user_data")
    EXTENSION_FIELD_NUMBER: _ClassVar[int]
    PARTY_FIELD_NUMBER: _ClassVar[int]
    USER_DATA_FIELD_NUMBER: _ClassVar[int]
    extension: str
    party: str
    user_data: str
    def __init__(self, extension: _Optional[str] = ..., party: _Optional[str] = ..., user_data: _Optional[str] = ...) -> None: ...

class DropPartyResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class HoldCallRequest(_message.Message):
    __slots__ = ("extension", "call_id")
    EXTENSION_FIELD_NUMBER: _ClassVar[int]
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    extension: str
    call_id: str
    def __init__(self, extension: _Optional[str] = ..., call_id: _Optional[str] = ...) -> None: ...

class HoldCallResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class RetrieveCallRequest(_message.Message):
    __slots__ = ("extension", "call_id", "party")
    EXTENSION_FIELD_NUMBER: _ClassVar[int]
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    PARTY_FIELD_NUMBER: _ClassVar[int]
    extension: str
    call_id: str
    party: str
    def __init__(self, extension: _Optional[str] = ..., call_id: _Optional[str] = ..., party: _Optional[str] = ...) -> None: ...

class RetrieveCallResponse(_message.Message):
    __slots__ = ("call",)
    CALL_FIELD_NUMBER: _ClassVar[int]
    call: _message_pb2_1.CallRef
    def __init__(self, call: _Optional[_Union[_message_pb2_1.CallRef, _Mapping]] = ...) -> None: ...

class TransferCallRequest(_message.Message):
    __slots__ = ("extension", "destination", "mode", "user_data")
    EXTENSION_FIELD_NUMBER: _ClassVar[int]
    DESTINATION_FIELD_NUMBER: _ClassVar[int]
    MODE_FIELD_NUMBER: _ClassVar[int]
    USER_DATA_FIELD_NUMBER: _ClassVar[int]
    extension: str
    destination: str
    mode: _enums_pb2.TransferMode
    user_data: str
    def __init__(self, extension: _Optional[str] = ..., destination: _Optional[str] = ..., mode: _Optional[_Union[_enums_pb2.TransferMode, str]] = ..., user_data: _Optional[str] = ...) -> None: ...

class TransferCallResponse(_message.Message):
    __slots__ = ("call", "mode")
    CALL_FIELD_NUMBER: _ClassVar[int]
    MODE_FIELD_NUMBER: _ClassVar[int]
    call: _message_pb2_1.CallRef
    mode: _enums_pb2.TransferMode
    def __init__(self, call: _Optional[_Union[_message_pb2_1.CallRef, _Mapping]] = ..., mode: _Optional[_Union[_enums_pb2.TransferMode, str]] = ...) -> None: ...

class ConferenceCallRequest(_message.Message):
    __slots__ = ("extension", "destination", "mode", "user_data")
    EXTENSION_FIELD_NUMBER: _ClassVar[int]
    DESTINATION_FIELD_NUMBER: _ClassVar[int]
    MODE_FIELD_NUMBER: _ClassVar[int]
    USER_DATA_FIELD_NUMBER: _ClassVar[int]
    extension: str
    destination: str
    mode: _enums_pb2.ConferenceMode
    user_data: str
    def __init__(self, extension: _Optional[str] = ..., destination: _Optional[str] = ..., mode: _Optional[_Union[_enums_pb2.ConferenceMode, str]] = ..., user_data: _Optional[str] = ...) -> None: ...

class ConferenceCallResponse(_message.Message):
    __slots__ = ("call", "mode")
    CALL_FIELD_NUMBER: _ClassVar[int]
    MODE_FIELD_NUMBER: _ClassVar[int]
    call: _message_pb2_1.CallRef
    mode: _enums_pb2.ConferenceMode
    def __init__(self, call: _Optional[_Union[_message_pb2_1.CallRef, _Mapping]] = ..., mode: _Optional[_Union[_enums_pb2.ConferenceMode, str]] = ...) -> None: ...

class ConsultationCallRequest(_message.Message):
    __slots__ = ("extension", "destination", "user_data")
    EXTENSION_FIELD_NUMBER: _ClassVar[int]
    DESTINATION_FIELD_NUMBER: _ClassVar[int]
    USER_DATA_FIELD_NUMBER: _ClassVar[int]
    extension: str
    destination: str
    user_data: str
    def __init__(self, extension: _Optional[str] = ..., destination: _Optional[str] = ..., user_data: _Optional[str] = ...) -> None: ...

class ConsultationCallResponse(_message.Message):
    __slots__ = ("primary_call_id", "secondary_call_id", "ucid")
    PRIMARY_CALL_ID_FIELD_NUMBER: _ClassVar[int]
    SECONDARY_CALL_ID_FIELD_NUMBER: _ClassVar[int]
    UCID_FIELD_NUMBER: _ClassVar[int]
    primary_call_id: str
    secondary_call_id: str
    ucid: str
    def __init__(self, primary_call_id: _Optional[str] = ..., secondary_call_id: _Optional[str] = ..., ucid: _Optional[str] = ...) -> None: ...

class ReconnectCallRequest(_message.Message):
    __slots__ = ("extension",)
    EXTENSION_FIELD_NUMBER: _ClassVar[int]
    extension: str
    def __init__(self, extension: _Optional[str] = ...) -> None: ...

class ReconnectCallResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class AlternateCallRequest(_message.Message):
    __slots__ = ("extension",)
    EXTENSION_FIELD_NUMBER: _ClassVar[int]
    extension: str
    def __init__(self, extension: _Optional[str] = ...) -> None: ...

class AlternateCallResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class SingleStepConferenceCallRequest(_message.Message):
    __slots__ = ("extension", "device_to_join", "participation")
    EXTENSION_FIELD_NUMBER: _ClassVar[int]
    DEVICE_TO_JOIN_FIELD_NUMBER: _ClassVar[int]
    PARTICIPATION_FIELD_NUMBER: _ClassVar[int]
    extension: str
    device_to_join: str
    participation: _enums_pb2.Participation
    def __init__(self, extension: _Optional[str] = ..., device_to_join: _Optional[str] = ..., participation: _Optional[_Union[_enums_pb2.Participation, str]] = ...) -> None: ...

class SingleStepConferenceCallResponse(_message.Message):
    __slots__ = ("call",)
    CALL_FIELD_NUMBER: _ClassVar[int]
    call: _message_pb2_1.CallRef
    def __init__(self, call: _Optional[_Union[_message_pb2_1.CallRef, _Mapping]] = ...) -> None: ...

class SingleStepTransferCallRequest(_message.Message):
    __slots__ = ("extension", "destination", "user_data")
    EXTENSION_FIELD_NUMBER: _ClassVar[int]
    DESTINATION_FIELD_NUMBER: _ClassVar[int]
    USER_DATA_FIELD_NUMBER: _ClassVar[int]
    extension: str
    destination: str
    user_data: str
    def __init__(self, extension: _Optional[str] = ..., destination: _Optional[str] = ..., user_data: _Optional[str] = ...) -> None: ...

class SingleStepTransferCallResponse(_message.Message):
    __slots__ = ("call",)
    CALL_FIELD_NUMBER: _ClassVar[int]
    call: _message_pb2_1.CallRef
    def __init__(self, call: _Optional[_Union[_message_pb2_1.CallRef, _Mapping]] = ...) -> None: ...

class SelectiveListeningHoldRequest(_message.Message):
    __slots__ = ("extension", "party", "all_parties")
    EXTENSION_FIELD_NUMBER: _ClassVar[int]
    PARTY_FIELD_NUMBER: _ClassVar[int]
    ALL_PARTIES_FIELD_NUMBER: _ClassVar[int]
    extension: str
    party: str
    all_parties: bool
    def __init__(self, extension: _Optional[str] = ..., party: _Optional[str] = ..., all_parties: _Optional[bool] = ...) -> None: ...

class SelectiveListeningHoldResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class SelectiveListeningRetrieveRequest(_message.Message):
    __slots__ = ("extension", "party", "all_parties")
    EXTENSION_FIELD_NUMBER: _ClassVar[int]
    PARTY_FIELD_NUMBER: _ClassVar[int]
    ALL_PARTIES_FIELD_NUMBER: _ClassVar[int]
    extension: str
    party: str
    all_parties: bool
    def __init__(self, extension: _Optional[str] = ..., party: _Optional[str] = ..., all_parties: _Optional[bool] = ...) -> None: ...

class SelectiveListeningRetrieveResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class SendDtmfRequest(_message.Message):
    __slots__ = ("extension", "digits", "tone_duration", "pause_duration")
    EXTENSION_FIELD_NUMBER: _ClassVar[int]
    DIGITS_FIELD_NUMBER: _ClassVar[int]
    TONE_DURATION_FIELD_NUMBER: _ClassVar[int]
    PAUSE_DURATION_FIELD_NUMBER: _ClassVar[int]
    extension: str
    digits: str
    tone_duration: _duration_pb2.Duration
    pause_duration: _duration_pb2.Duration
    def __init__(self, extension: _Optional[str] = ..., digits: _Optional[str] = ..., tone_duration: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., pause_duration: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ...) -> None: ...

class SendDtmfResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ClearCallRequest(_message.Message):
    __slots__ = ("call_id", "extension", "user_data")
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    EXTENSION_FIELD_NUMBER: _ClassVar[int]
    USER_DATA_FIELD_NUMBER: _ClassVar[int]
    call_id: str
    extension: str
    user_data: str
    def __init__(self, call_id: _Optional[str] = ..., extension: _Optional[str] = ..., user_data: _Optional[str] = ...) -> None: ...

class ClearCallResponse(_message.Message):
    __slots__ = ("calls",)
    CALLS_FIELD_NUMBER: _ClassVar[int]
    calls: _containers.RepeatedCompositeFieldContainer[_message_pb2_1.CallRef]
    def __init__(self, calls: _Optional[_Iterable[_Union[_message_pb2_1.CallRef, _Mapping]]] = ...) -> None: ...

class DeflectCallRequest(_message.Message):
    __slots__ = ("extension", "destination", "call_id")
    EXTENSION_FIELD_NUMBER: _ClassVar[int]
    DESTINATION_FIELD_NUMBER: _ClassVar[int]
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    extension: str
    destination: str
    call_id: str
    def __init__(self, extension: _Optional[str] = ..., destination: _Optional[str] = ..., call_id: _Optional[str] = ...) -> None: ...

class DeflectCallResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class PickupCallRequest(_message.Message):
    __slots__ = ("extension", "destination", "call_id")
    EXTENSION_FIELD_NUMBER: _ClassVar[int]
    DESTINATION_FIELD_NUMBER: _ClassVar[int]
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    extension: str
    destination: str
    call_id: str
    def __init__(self, extension: _Optional[str] = ..., destination: _Optional[str] = ..., call_id: _Optional[str] = ...) -> None: ...

class PickupCallResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class MakePhantomCallRequest(_message.Message):
    __slots__ = ("destination", "duration", "wait_event", "user_data")
    DESTINATION_FIELD_NUMBER: _ClassVar[int]
    DURATION_FIELD_NUMBER: _ClassVar[int]
    WAIT_EVENT_FIELD_NUMBER: _ClassVar[int]
    USER_DATA_FIELD_NUMBER: _ClassVar[int]
    destination: str
    duration: _duration_pb2.Duration
    wait_event: _enums_pb2.PhantomWaitEvent
    user_data: str
    def __init__(self, destination: _Optional[str] = ..., duration: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., wait_event: _Optional[_Union[_enums_pb2.PhantomWaitEvent, str]] = ..., user_data: _Optional[str] = ...) -> None: ...

class MakePhantomCallResponse(_message.Message):
    __slots__ = ("outcome", "phantom_device")
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    PHANTOM_DEVICE_FIELD_NUMBER: _ClassVar[int]
    outcome: _message_pb2.CallOutcome
    phantom_device: str
    def __init__(self, outcome: _Optional[_Union[_message_pb2.CallOutcome, _Mapping]] = ..., phantom_device: _Optional[str] = ...) -> None: ...

class VerifyPinRequest(_message.Message):
    __slots__ = ("extension", "destination", "duration", "user_data")
    EXTENSION_FIELD_NUMBER: _ClassVar[int]
    DESTINATION_FIELD_NUMBER: _ClassVar[int]
    DURATION_FIELD_NUMBER: _ClassVar[int]
    USER_DATA_FIELD_NUMBER: _ClassVar[int]
    extension: str
    destination: str
    duration: _duration_pb2.Duration
    user_data: str
    def __init__(self, extension: _Optional[str] = ..., destination: _Optional[str] = ..., duration: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., user_data: _Optional[str] = ...) -> None: ...

class VerifyPinResponse(_message.Message):
    __slots__ = ("outcome",)
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    outcome: _message_pb2.CallOutcome
    def __init__(self, outcome: _Optional[_Union[_message_pb2.CallOutcome, _Mapping]] = ...) -> None: ...

class StartMonitorRequest(_message.Message):
    __slots__ = ("extension",)
    EXTENSION_FIELD_NUMBER: _ClassVar[int]
    extension: str
    def __init__(self, extension: _Optional[str] = ...) -> None: ...

class StartMonitorResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class StopMonitorRequest(_message.Message):
    __slots__ = ("extension",)
    EXTENSION_FIELD_NUMBER: _ClassVar[int]
    extension: str
    def __init__(self, extension: _Optional[str] = ...) -> None: ...

class StopMonitorResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...
