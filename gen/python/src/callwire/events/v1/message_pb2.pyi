import datetime

from callwire.agent.v1 import message_pb2 as _message_pb2
from callwire.common.v1 import enums_pb2 as _enums_pb2
from callwire.common.v1 import message_pb2 as _message_pb2_1
from callwire.device.v1 import enums_pb2 as _enums_pb2_1
from callwire.device.v1 import message_pb2 as _message_pb2_1_1
from callwire.events.v1 import enums_pb2 as _enums_pb2_1_1
from callwire.station.v1 import message_pb2 as _message_pb2_1_1_1
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Event(_message.Message):
    __slots__ = ("sequence", "time", "event_type", "device", "call", "request_id", "reference_id", "resume_token", "offered", "alerting", "connected", "failed", "held", "retrieved", "disconnected", "transferred", "conferenced", "idle", "agent_state_changed", "do_not_disturb_changed", "forwarding_changed", "message_waiting_changed", "link_state_changed", "phone_changed")
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    TIME_FIELD_NUMBER: _ClassVar[int]
    EVENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    DEVICE_FIELD_NUMBER: _ClassVar[int]
    CALL_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    REFERENCE_ID_FIELD_NUMBER: _ClassVar[int]
    RESUME_TOKEN_FIELD_NUMBER: _ClassVar[int]
    OFFERED_FIELD_NUMBER: _ClassVar[int]
    ALERTING_FIELD_NUMBER: _ClassVar[int]
    CONNECTED_FIELD_NUMBER: _ClassVar[int]
    FAILED_FIELD_NUMBER: _ClassVar[int]
    HELD_FIELD_NUMBER: _ClassVar[int]
    RETRIEVED_FIELD_NUMBER: _ClassVar[int]
    DISCONNECTED_FIELD_NUMBER: _ClassVar[int]
    TRANSFERRED_FIELD_NUMBER: _ClassVar[int]
    CONFERENCED_FIELD_NUMBER: _ClassVar[int]
    IDLE_FIELD_NUMBER: _ClassVar[int]
    AGENT_STATE_CHANGED_FIELD_NUMBER: _ClassVar[int]
    DO_NOT_DISTURB_CHANGED_FIELD_NUMBER: _ClassVar[int]
    FORWARDING_CHANGED_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_WAITING_CHANGED_FIELD_NUMBER: _ClassVar[int]
    LINK_STATE_CHANGED_FIELD_NUMBER: _ClassVar[int]
    PHONE_CHANGED_FIELD_NUMBER: _ClassVar[int]
    sequence: int
    time: _timestamp_pb2.Timestamp
    event_type: _enums_pb2_1_1.EventType
    device: str
    call: _message_pb2_1.CallRef
    request_id: str
    reference_id: int
    resume_token: str
    offered: OfferedEventAttributes
    alerting: AlertingEventAttributes
    connected: ConnectedEventAttributes
    failed: FailedEventAttributes
    held: HeldEventAttributes
    retrieved: RetrievedEventAttributes
    disconnected: DisconnectedEventAttributes
    transferred: TransferredEventAttributes
    conferenced: ConferencedEventAttributes
    idle: IdleEventAttributes
    agent_state_changed: AgentStateChangedEventAttributes
    do_not_disturb_changed: DoNotDisturbChangedEventAttributes
    forwarding_changed: ForwardingChangedEventAttributes
    message_waiting_changed: MessageWaitingChangedEventAttributes
    link_state_changed: LinkStateChangedEventAttributes
    phone_changed: PhoneChangedEventAttributes
    def __init__(self, sequence: _Optional[int] = ..., time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., event_type: _Optional[_Union[_enums_pb2_1_1.EventType, str]] = ..., device: _Optional[str] = ..., call: _Optional[_Union[_message_pb2_1.CallRef, _Mapping]] = ..., request_id: _Optional[str] = ..., reference_id: _Optional[int] = ..., resume_token: _Optional[str] = ..., offered: _Optional[_Union[OfferedEventAttributes, _Mapping]] = ..., alerting: _Optional[_Union[AlertingEventAttributes, _Mapping]] = ..., connected: _Optional[_Union[ConnectedEventAttributes, _Mapping]] = ..., failed: _Optional[_Union[FailedEventAttributes, _Mapping]] = ..., held: _Optional[_Union[HeldEventAttributes, _Mapping]] = ..., retrieved: _Optional[_Union[RetrievedEventAttributes, _Mapping]] = ..., disconnected: _Optional[_Union[DisconnectedEventAttributes, _Mapping]] = ..., transferred: _Optional[_Union[TransferredEventAttributes, _Mapping]] = ..., conferenced: _Optional[_Union[ConferencedEventAttributes, _Mapping]] = ..., idle: _Optional[_Union[IdleEventAttributes, _Mapping]] = ..., agent_state_changed: _Optional[_Union[AgentStateChangedEventAttributes, _Mapping]] = ..., do_not_disturb_changed: _Optional[_Union[DoNotDisturbChangedEventAttributes, _Mapping]] = ..., forwarding_changed: _Optional[_Union[ForwardingChangedEventAttributes, _Mapping]] = ..., message_waiting_changed: _Optional[_Union[MessageWaitingChangedEventAttributes, _Mapping]] = ..., link_state_changed: _Optional[_Union[LinkStateChangedEventAttributes, _Mapping]] = ..., phone_changed: _Optional[_Union[PhoneChangedEventAttributes, _Mapping]] = ...) -> None: ...

class OfferedEventAttributes(_message.Message):
    __slots__ = ("original_calling", "original_called", "calling", "called", "alerting", "uui", "uec", "split", "user_data", "trunk_group", "trunk_member", "last_redirection")
    ORIGINAL_CALLING_FIELD_NUMBER: _ClassVar[int]
    ORIGINAL_CALLED_FIELD_NUMBER: _ClassVar[int]
    CALLING_FIELD_NUMBER: _ClassVar[int]
    CALLED_FIELD_NUMBER: _ClassVar[int]
    ALERTING_FIELD_NUMBER: _ClassVar[int]
    UUI_FIELD_NUMBER: _ClassVar[int]
    UEC_FIELD_NUMBER: _ClassVar[int]
    SPLIT_FIELD_NUMBER: _ClassVar[int]
    USER_DATA_FIELD_NUMBER: _ClassVar[int]
    TRUNK_GROUP_FIELD_NUMBER: _ClassVar[int]
    TRUNK_MEMBER_FIELD_NUMBER: _ClassVar[int]
    LAST_REDIRECTION_FIELD_NUMBER: _ClassVar[int]
    original_calling: str
    original_called: str
    calling: str
    called: str
    alerting: str
    uui: str
    uec: str
    split: str
    user_data: str
    trunk_group: str
    trunk_member: str
    last_redirection: str
    def __init__(self, original_calling: _Optional[str] = ..., original_called: _Optional[str] = ..., calling: _Optional[str] = ..., called: _Optional[str] = ..., alerting: _Optional[str] = ..., uui: _Optional[str] = ..., uec: _Optional[str] = ..., split: _Optional[str] = ..., user_data: _Optional[str] = ..., trunk_group: _Optional[str] = ..., trunk_member: _Optional[str] = ..., last_redirection: _Optional[str] = ...) -> None: ...

class AlertingEventAttributes(_message.Message):
    __slots__ = ("original_calling", "original_called", "calling", "called", "alerting", "uui", "uec", "split", "user_data", "trunk_group", "trunk_member", "last_redirection")
    ORIGINAL_CALLING_FIELD_NUMBER: _ClassVar[int]
    ORIGINAL_CALLED_FIELD_NUMBER: _ClassVar[int]
    CALLING_FIELD_NUMBER: _ClassVar[int]
    CALLED_FIELD_NUMBER: _ClassVar[int]
    ALERTING_FIELD_NUMBER: _ClassVar[int]
    UUI_FIELD_NUMBER: _ClassVar[int]
    UEC_FIELD_NUMBER: _ClassVar[int]
    SPLIT_FIELD_NUMBER: _ClassVar[int]
    USER_DATA_FIELD_NUMBER: _ClassVar[int]
    TRUNK_GROUP_FIELD_NUMBER: _ClassVar[int]
    TRUNK_MEMBER_FIELD_NUMBER: _ClassVar[int]
    LAST_REDIRECTION_FIELD_NUMBER: _ClassVar[int]
    original_calling: str
    original_called: str
    calling: str
    called: str
    alerting: str
    uui: str
    uec: str
    split: str
    user_data: str
    trunk_group: str
    trunk_member: str
    last_redirection: str
    def __init__(self, original_calling: _Optional[str] = ..., original_called: _Optional[str] = ..., calling: _Optional[str] = ..., called: _Optional[str] = ..., alerting: _Optional[str] = ..., uui: _Optional[str] = ..., uec: _Optional[str] = ..., split: _Optional[str] = ..., user_data: _Optional[str] = ..., trunk_group: _Optional[str] = ..., trunk_member: _Optional[str] = ..., last_redirection: _Optional[str] = ...) -> None: ...

class ConnectedEventAttributes(_message.Message):
    __slots__ = ("original_calling", "original_called", "calling", "called", "answering", "uui", "uec", "split", "user_data", "trunk_group", "trunk_member", "last_redirection")
    ORIGINAL_CALLING_FIELD_NUMBER: _ClassVar[int]
    ORIGINAL_CALLED_FIELD_NUMBER: _ClassVar[int]
    CALLING_FIELD_NUMBER: _ClassVar[int]
    CALLED_FIELD_NUMBER: _ClassVar[int]
    ANSWERING_FIELD_NUMBER: _ClassVar[int]
    UUI_FIELD_NUMBER: _ClassVar[int]
    UEC_FIELD_NUMBER: _ClassVar[int]
    SPLIT_FIELD_NUMBER: _ClassVar[int]
    USER_DATA_FIELD_NUMBER: _ClassVar[int]
    TRUNK_GROUP_FIELD_NUMBER: _ClassVar[int]
    TRUNK_MEMBER_FIELD_NUMBER: _ClassVar[int]
    LAST_REDIRECTION_FIELD_NUMBER: _ClassVar[int]
    original_calling: str
    original_called: str
    calling: str
    called: str
    answering: str
    uui: str
    uec: str
    split: str
    user_data: str
    trunk_group: str
    trunk_member: str
    last_redirection: str
    def __init__(self, original_calling: _Optional[str] = ..., original_called: _Optional[str] = ..., calling: _Optional[str] = ..., called: _Optional[str] = ..., answering: _Optional[str] = ..., uui: _Optional[str] = ..., uec: _Optional[str] = ..., split: _Optional[str] = ..., user_data: _Optional[str] = ..., trunk_group: _Optional[str] = ..., trunk_member: _Optional[str] = ..., last_redirection: _Optional[str] = ...) -> None: ...

class FailedEventAttributes(_message.Message):
    __slots__ = ("failing", "called", "cause", "cause_name")
    FAILING_FIELD_NUMBER: _ClassVar[int]
    CALLED_FIELD_NUMBER: _ClassVar[int]
    CAUSE_FIELD_NUMBER: _ClassVar[int]
    CAUSE_NAME_FIELD_NUMBER: _ClassVar[int]
    failing: str
    called: str
    cause: int
    cause_name: str
    def __init__(self, failing: _Optional[str] = ..., called: _Optional[str] = ..., cause: _Optional[int] = ..., cause_name: _Optional[str] = ...) -> None: ...

class HeldEventAttributes(_message.Message):
    __slots__ = ("holding",)
    HOLDING_FIELD_NUMBER: _ClassVar[int]
    holding: str
    def __init__(self, holding: _Optional[str] = ...) -> None: ...

class RetrievedEventAttributes(_message.Message):
    __slots__ = ("retrieving",)
    RETRIEVING_FIELD_NUMBER: _ClassVar[int]
    retrieving: str
    def __init__(self, retrieving: _Optional[str] = ...) -> None: ...

class DisconnectedEventAttributes(_message.Message):
    __slots__ = ("releasing", "uui", "user_data", "cause", "cause_name")
    RELEASING_FIELD_NUMBER: _ClassVar[int]
    UUI_FIELD_NUMBER: _ClassVar[int]
    USER_DATA_FIELD_NUMBER: _ClassVar[int]
    CAUSE_FIELD_NUMBER: _ClassVar[int]
    CAUSE_NAME_FIELD_NUMBER: _ClassVar[int]
    releasing: str
    uui: str
    user_data: str
    cause: int
    cause_name: str
    def __init__(self, releasing: _Optional[str] = ..., uui: _Optional[str] = ..., user_data: _Optional[str] = ..., cause: _Optional[int] = ..., cause_name: _Optional[str] = ...) -> None: ...

class TransferredEventAttributes(_message.Message):
    __slots__ = ("transferring", "transferred", "uui", "user_data", "trunk_group", "trunk_member", "primary_call_id", "secondary_call_id", "parties")
    TRANSFERRING_FIELD_NUMBER: _ClassVar[int]
    TRANSFERRED_FIELD_NUMBER: _ClassVar[int]
    UUI_FIELD_NUMBER: _ClassVar[int]
    USER_DATA_FIELD_NUMBER: _ClassVar[int]
    TRUNK_GROUP_FIELD_NUMBER: _ClassVar[int]
    TRUNK_MEMBER_FIELD_NUMBER: _ClassVar[int]
    PRIMARY_CALL_ID_FIELD_NUMBER: _ClassVar[int]
    SECONDARY_CALL_ID_FIELD_NUMBER: _ClassVar[int]
    PARTIES_FIELD_NUMBER: _ClassVar[int]
    transferring: str
    transferred: str
    uui: str
    user_data: str
    trunk_group: str
    trunk_member: str
    primary_call_id: str
    secondary_call_id: str
    parties: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, transferring: _Optional[str] = ..., transferred: _Optional[str] = ..., uui: _Optional[str] = ..., user_data: _Optional[str] = ..., trunk_group: _Optional[str] = ..., trunk_member: _Optional[str] = ..., primary_call_id: _Optional[str] = ..., secondary_call_id: _Optional[str] = ..., parties: _Optional[_Iterable[str]] = ...) -> None: ...

class ConferencedEventAttributes(_message.Message):
    __slots__ = ("controller", "added_party", "uui", "user_data", "trunk_group", "trunk_member", "primary_call_id", "secondary_call_id", "parties")
    CONTROLLER_FIELD_NUMBER: _ClassVar[int]
    ADDED_PARTY_FIELD_NUMBER: _ClassVar[int]
    UUI_FIELD_NUMBER: _ClassVar[int]
    USER_DATA_FIELD_NUMBER: _ClassVar[int]
    TRUNK_GROUP_FIELD_NUMBER: _ClassVar[int]
    TRUNK_MEMBER_FIELD_NUMBER: _ClassVar[int]
    PRIMARY_CALL_ID_FIELD_NUMBER: _ClassVar[int]
    SECONDARY_CALL_ID_FIELD_NUMBER: _ClassVar[int]
    PARTIES_FIELD_NUMBER: _ClassVar[int]
    controller: str
    added_party: str
    uui: str
    user_data: str
    trunk_group: str
    trunk_member: str
    primary_call_id: str
    secondary_call_id: str
    parties: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, controller: _Optional[str] = ..., added_party: _Optional[str] = ..., uui: _Optional[str] = ..., user_data: _Optional[str] = ..., trunk_group: _Optional[str] = ..., trunk_member: _Optional[str] = ..., primary_call_id: _Optional[str] = ..., secondary_call_id: _Optional[str] = ..., parties: _Optional[_Iterable[str]] = ...) -> None: ...

class IdleEventAttributes(_message.Message):
    __slots__ = ("cause_name",)
    CAUSE_NAME_FIELD_NUMBER: _ClassVar[int]
    cause_name: str
    def __init__(self, cause_name: _Optional[str] = ...) -> None: ...

class AgentStateChangedEventAttributes(_message.Message):
    __slots__ = ("state",)
    STATE_FIELD_NUMBER: _ClassVar[int]
    state: _message_pb2.AgentState
    def __init__(self, state: _Optional[_Union[_message_pb2.AgentState, _Mapping]] = ...) -> None: ...

class DoNotDisturbChangedEventAttributes(_message.Message):
    __slots__ = ("enabled",)
    ENABLED_FIELD_NUMBER: _ClassVar[int]
    enabled: bool
    def __init__(self, enabled: _Optional[bool] = ...) -> None: ...

class ForwardingChangedEventAttributes(_message.Message):
    __slots__ = ("entry",)
    ENTRY_FIELD_NUMBER: _ClassVar[int]
    entry: _message_pb2_1_1_1.ForwardingEntry
    def __init__(self, entry: _Optional[_Union[_message_pb2_1_1_1.ForwardingEntry, _Mapping]] = ...) -> None: ...

class MessageWaitingChangedEventAttributes(_message.Message):
    __slots__ = ("enabled", "device_for_message")
    ENABLED_FIELD_NUMBER: _ClassVar[int]
    DEVICE_FOR_MESSAGE_FIELD_NUMBER: _ClassVar[int]
    enabled: bool
    device_for_message: str
    def __init__(self, enabled: _Optional[bool] = ..., device_for_message: _Optional[str] = ...) -> None: ...

class LinkStateChangedEventAttributes(_message.Message):
    __slots__ = ("link", "endpoint", "state", "previous_state", "reason")
    LINK_FIELD_NUMBER: _ClassVar[int]
    ENDPOINT_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_STATE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    link: str
    endpoint: str
    state: _enums_pb2.LinkState
    previous_state: _enums_pb2.LinkState
    reason: str
    def __init__(self, link: _Optional[str] = ..., endpoint: _Optional[str] = ..., state: _Optional[_Union[_enums_pb2.LinkState, str]] = ..., previous_state: _Optional[_Union[_enums_pb2.LinkState, str]] = ..., reason: _Optional[str] = ...) -> None: ...

class PhoneChangedEventAttributes(_message.Message):
    __slots__ = ("lamp", "display", "hookswitch", "ringer", "button", "button_pressed", "registration_state")
    LAMP_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_FIELD_NUMBER: _ClassVar[int]
    HOOKSWITCH_FIELD_NUMBER: _ClassVar[int]
    RINGER_FIELD_NUMBER: _ClassVar[int]
    BUTTON_FIELD_NUMBER: _ClassVar[int]
    BUTTON_PRESSED_FIELD_NUMBER: _ClassVar[int]
    REGISTRATION_STATE_FIELD_NUMBER: _ClassVar[int]
    lamp: _message_pb2_1_1.Lamp
    display: _message_pb2_1_1.Display
    hookswitch: _message_pb2_1_1.Hookswitch
    ringer: _message_pb2_1_1.Ringer
    button: _message_pb2_1_1.Button
    button_pressed: str
    registration_state: _enums_pb2_1.RegistrationState
    def __init__(self, lamp: _Optional[_Union[_message_pb2_1_1.Lamp, _Mapping]] = ..., display: _Optional[_Union[_message_pb2_1_1.Display, _Mapping]] = ..., hookswitch: _Optional[_Union[_message_pb2_1_1.Hookswitch, _Mapping]] = ..., ringer: _Optional[_Union[_message_pb2_1_1.Ringer, _Mapping]] = ..., button: _Optional[_Union[_message_pb2_1_1.Button, _Mapping]] = ..., button_pressed: _Optional[str] = ..., registration_state: _Optional[_Union[_enums_pb2_1.RegistrationState, str]] = ...) -> None: ...

class Snapshot(_message.Message):
    __slots__ = ("sequence", "time", "devices", "resume_token")
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    TIME_FIELD_NUMBER: _ClassVar[int]
    DEVICES_FIELD_NUMBER: _ClassVar[int]
    RESUME_TOKEN_FIELD_NUMBER: _ClassVar[int]
    sequence: int
    time: _timestamp_pb2.Timestamp
    devices: _containers.RepeatedCompositeFieldContainer[DeviceSnapshot]
    resume_token: str
    def __init__(self, sequence: _Optional[int] = ..., time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., devices: _Optional[_Iterable[_Union[DeviceSnapshot, _Mapping]]] = ..., resume_token: _Optional[str] = ...) -> None: ...

class DeviceSnapshot(_message.Message):
    __slots__ = ("device", "monitored", "calls", "agent", "do_not_disturb", "forwarding", "message_waiting")
    DEVICE_FIELD_NUMBER: _ClassVar[int]
    MONITORED_FIELD_NUMBER: _ClassVar[int]
    CALLS_FIELD_NUMBER: _ClassVar[int]
    AGENT_FIELD_NUMBER: _ClassVar[int]
    DO_NOT_DISTURB_FIELD_NUMBER: _ClassVar[int]
    FORWARDING_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_WAITING_FIELD_NUMBER: _ClassVar[int]
    device: str
    monitored: bool
    calls: _containers.RepeatedCompositeFieldContainer[_message_pb2_1.CallSnapshot]
    agent: _message_pb2.AgentState
    do_not_disturb: bool
    forwarding: _containers.RepeatedCompositeFieldContainer[_message_pb2_1_1_1.ForwardingEntry]
    message_waiting: bool
    def __init__(self, device: _Optional[str] = ..., monitored: _Optional[bool] = ..., calls: _Optional[_Iterable[_Union[_message_pb2_1.CallSnapshot, _Mapping]]] = ..., agent: _Optional[_Union[_message_pb2.AgentState, _Mapping]] = ..., do_not_disturb: _Optional[bool] = ..., forwarding: _Optional[_Iterable[_Union[_message_pb2_1_1_1.ForwardingEntry, _Mapping]]] = ..., message_waiting: _Optional[bool] = ...) -> None: ...

class ResumeGap(_message.Message):
    __slots__ = ("requested_sequence", "oldest_available_sequence", "reason")
    REQUESTED_SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    OLDEST_AVAILABLE_SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    requested_sequence: int
    oldest_available_sequence: int
    reason: _enums_pb2_1_1.ResumeGapReason
    def __init__(self, requested_sequence: _Optional[int] = ..., oldest_available_sequence: _Optional[int] = ..., reason: _Optional[_Union[_enums_pb2_1_1.ResumeGapReason, str]] = ...) -> None: ...
