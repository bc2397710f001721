from callwire.common.v1 import message_pb2 as _message_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class CallOutcome(_message.Message):
    __slots__ = ("call", "answering", "releasing", "hangup_data", "timed_out")
    CALL_FIELD_NUMBER: _ClassVar[int]
    ANSWERING_FIELD_NUMBER: _ClassVar[int]
    RELEASING_FIELD_NUMBER: _ClassVar[int]
    HANGUP_DATA_FIELD_NUMBER: _ClassVar[int]
    TIMED_OUT_FIELD_NUMBER: _ClassVar[int]
    call: _message_pb2.CallRef
    answering: str
    releasing: str
    hangup_data: str
    timed_out: bool
    def __init__(self, call: _Optional[_Union[_message_pb2.CallRef, _Mapping]] = ..., answering: _Optional[str] = ..., releasing: _Optional[str] = ..., hangup_data: _Optional[str] = ..., timed_out: _Optional[bool] = ...) -> None: ...
