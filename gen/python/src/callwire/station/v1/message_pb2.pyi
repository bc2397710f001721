from callwire.station.v1 import enums_pb2 as _enums_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ForwardingEntry(_message.Message):
    __slots__ = ("type", "enabled", "destination", "ring_count")
    TYPE_FIELD_NUMBER: _ClassVar[int]
    ENABLED_FIELD_NUMBER: _ClassVar[int]
    DESTINATION_FIELD_NUMBER: _ClassVar[int]
    RING_COUNT_FIELD_NUMBER: _ClassVar[int]
    type: _enums_pb2.ForwardingType
    enabled: bool
    destination: str
    ring_count: int
    def __init__(self, type: _Optional[_Union[_enums_pb2.ForwardingType, str]] = ..., enabled: _Optional[bool] = ..., destination: _Optional[str] = ..., ring_count: _Optional[int] = ...) -> None: ...
