from callwire.common.v1 import enums_pb2 as _enums_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class CallRef(_message.Message):
    __slots__ = ("call_id", "ucid")
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    UCID_FIELD_NUMBER: _ClassVar[int]
    call_id: str
    ucid: str
    def __init__(self, call_id: _Optional[str] = ..., ucid: _Optional[str] = ...) -> None: ...

class Party(_message.Message):
    __slots__ = ("device", "state")
    DEVICE_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    device: str
    state: _enums_pb2.ConnectionState
    def __init__(self, device: _Optional[str] = ..., state: _Optional[_Union[_enums_pb2.ConnectionState, str]] = ...) -> None: ...

class CallSnapshot(_message.Message):
    __slots__ = ("call", "state", "parties")
    CALL_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    PARTIES_FIELD_NUMBER: _ClassVar[int]
    call: CallRef
    state: _enums_pb2.ConnectionState
    parties: _containers.RepeatedCompositeFieldContainer[Party]
    def __init__(self, call: _Optional[_Union[CallRef, _Mapping]] = ..., state: _Optional[_Union[_enums_pb2.ConnectionState, str]] = ..., parties: _Optional[_Iterable[_Union[Party, _Mapping]]] = ...) -> None: ...

class CstaErrorDetail(_message.Message):
    __slots__ = ("error_class", "value", "invoke_id")
    ERROR_CLASS_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    INVOKE_ID_FIELD_NUMBER: _ClassVar[int]
    error_class: _enums_pb2.CstaErrorClass
    value: str
    invoke_id: str
    def __init__(self, error_class: _Optional[_Union[_enums_pb2.CstaErrorClass, str]] = ..., value: _Optional[str] = ..., invoke_id: _Optional[str] = ...) -> None: ...
