from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from typing import ClassVar as _ClassVar

DESCRIPTOR: _descriptor.FileDescriptor

class EventType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    EVENT_TYPE_UNSPECIFIED: _ClassVar[EventType]
    EVENT_TYPE_OFFERED: _ClassVar[EventType]
    EVENT_TYPE_ALERTING: _ClassVar[EventType]
    EVENT_TYPE_CONNECTED: _ClassVar[EventType]
    EVENT_TYPE_FAILED: _ClassVar[EventType]
    EVENT_TYPE_HELD: _ClassVar[EventType]
    EVENT_TYPE_RETRIEVED: _ClassVar[EventType]
    EVENT_TYPE_DISCONNECTED: _ClassVar[EventType]
    EVENT_TYPE_TRANSFERRED: _ClassVar[EventType]
    EVENT_TYPE_CONFERENCED: _ClassVar[EventType]
    EVENT_TYPE_IDLE: _ClassVar[EventType]
    EVENT_TYPE_AGENT_STATE_CHANGED: _ClassVar[EventType]
    EVENT_TYPE_DO_NOT_DISTURB_CHANGED: _ClassVar[EventType]
    EVENT_TYPE_FORWARDING_CHANGED: _ClassVar[EventType]
    EVENT_TYPE_MESSAGE_WAITING_CHANGED: _ClassVar[EventType]
    EVENT_TYPE_LINK_STATE_CHANGED: _ClassVar[EventType]
    EVENT_TYPE_PHONE_CHANGED: _ClassVar[EventType]

class ResumeGapReason(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    RESUME_GAP_REASON_UNSPECIFIED: _ClassVar[ResumeGapReason]
    RESUME_GAP_REASON_NOT_HELD: _ClassVar[ResumeGapReason]
    RESUME_GAP_REASON_OTHER_EPOCH: _ClassVar[ResumeGapReason]
    RESUME_GAP_REASON_INVALID_TOKEN: _ClassVar[ResumeGapReason]
EVENT_TYPE_UNSPECIFIED: EventType
EVENT_TYPE_OFFERED: EventType
EVENT_TYPE_ALERTING: EventType
EVENT_TYPE_CONNECTED: EventType
EVENT_TYPE_FAILED: EventType
EVENT_TYPE_HELD: EventType
EVENT_TYPE_RETRIEVED: EventType
EVENT_TYPE_DISCONNECTED: EventType
EVENT_TYPE_TRANSFERRED: EventType
EVENT_TYPE_CONFERENCED: EventType
EVENT_TYPE_IDLE: EventType
EVENT_TYPE_AGENT_STATE_CHANGED: EventType
EVENT_TYPE_DO_NOT_DISTURB_CHANGED: EventType
EVENT_TYPE_FORWARDING_CHANGED: EventType
EVENT_TYPE_MESSAGE_WAITING_CHANGED: EventType
EVENT_TYPE_LINK_STATE_CHANGED: EventType
EVENT_TYPE_PHONE_CHANGED: EventType
RESUME_GAP_REASON_UNSPECIFIED: ResumeGapReason
RESUME_GAP_REASON_NOT_HELD: ResumeGapReason
RESUME_GAP_REASON_OTHER_EPOCH: ResumeGapReason
RESUME_GAP_REASON_INVALID_TOKEN: ResumeGapReason
