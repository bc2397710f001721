from buf.validate import validate_pb2 as _validate_pb2
from callwire.events.v1 import message_pb2 as _message_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class StreamEventsRequest(_message.Message):
    __slots__ = ("devices", "all_devices", "resume_after_sequence", "include_snapshot", "resume_token")
    DEVICES_FIELD_NUMBER: _ClassVar[int]
    ALL_DEVICES_FIELD_NUMBER: _ClassVar[int]
    RESUME_AFTER_SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_SNAPSHOT_FIELD_NUMBER: _ClassVar[int]
    RESUME_TOKEN_FIELD_NUMBER: _ClassVar[int]
    devices: _containers.RepeatedScalarFieldContainer[str]
    all_devices: bool
    resume_after_sequence: int
    include_snapshot: bool
    resume_token: str
    def __init__(self, devices: _Optional[_Iterable[str]] = ..., all_devices: _Optional[bool] = ..., resume_after_sequence: _Optional[int] = ..., include_snapshot: _Optional[bool] = ..., resume_token: _Optional[str] = ...) -> None: ...

class StreamEventsResponse(_message.Message):
    __slots__ = ("snapshot", "event", "resume_gap")
    SNAPSHOT_FIELD_NUMBER: _ClassVar[int]
    EVENT_FIELD_NUMBER: _ClassVar[int]
    RESUME_GAP_FIELD_NUMBER: _ClassVar[int]
    snapshot: _message_pb2.Snapshot
    event: _message_pb2.Event
    resume_gap: _message_pb2.ResumeGap
    def __init__(self, snapshot: _Optional[_Union[_message_pb2.Snapshot, _Mapping]] = ..., event: _Optional[_Union[_message_pb2.Event, _Mapping]] = ..., resume_gap: _Optional[_Union[_message_pb2.ResumeGap, _Mapping]] = ...) -> None: ...
