from buf.validate import validate_pb2 as _validate_pb2
from callwire.station.v1 import enums_pb2 as _enums_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class SetDoNotDisturbRequest(_message.Message):
    __slots__ = ("extension", "enabled")
    EXTENSION_FIELD_NUMBER: _ClassVar[int]
    ENABLED_FIELD_NUMBER: _ClassVar[int]
    extension: str
    enabled: bool
    def __init__(self, extension: _Optional[str] = ..., enabled: _Optional[bool] = ...) -> None: ...

class SetDoNotDisturbResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class SetForwardingRequest(_message.Message):
    __slots__ = ("extension", "type", "enabled", "destination", "ring_count")
    EXTENSION_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    ENABLED_FIELD_NUMBER: _ClassVar[int]
    DESTINATION_FIELD_NUMBER: _ClassVar[int]
    RING_COUNT_FIELD_NUMBER: _ClassVar[int]
    extension: str
    type: _enums_pb2.ForwardingType
    enabled: bool
    destination: str
    ring_count: int
    def __init__(self, extension: _Optional[str] = ..., type: _Optional[_Union[_enums_pb2.ForwardingType, str]] = ..., enabled: _Optional[bool] = ..., destination: _Optional[str] = ..., ring_count: _Optional[int] = ...) -> None: ...

class SetForwardingResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class SetMessageWaitingRequest(_message.Message):
    __slots__ = ("extension", "enabled")
    EXTENSION_FIELD_NUMBER: _ClassVar[int]
    ENABLED_FIELD_NUMBER: _ClassVar[int]
    extension: str
    enabled: bool
    def __init__(self, extension: _Optional[str] = ..., enabled: _Optional[bool] = ...) -> None: ...

class SetMessageWaitingResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...
