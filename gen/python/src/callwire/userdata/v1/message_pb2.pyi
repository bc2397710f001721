from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class AlertCallData(_message.Message):
    __slots__ = ("calling", "called", "alerting", "cli", "dnis", "uec", "split", "trunk_group", "trunk_member")
    CALLING_FIELD_NUMBER: _ClassVar[int]
    CALLED_FIELD_NUMBER: _ClassVar[int]
    ALERTING_FIELD_NUMBER: _ClassVar[int]
    CLI_FIELD_NUMBER: _ClassVar[int]
    DNIS_FIELD_NUMBER: _ClassVar[int]
    UEC_FIELD_NUMBER: _ClassVar[int]
    SPLIT_FIELD_NUMBER: _ClassVar[int]
    TRUNK_GROUP_FIELD_NUMBER: _ClassVar[int]
    TRUNK_MEMBER_FIELD_NUMBER: _ClassVar[int]
    calling: str
    called: str
    alerting: str
    cli: str
    dnis: str
    uec: str
    split: str
    trunk_group: str
    trunk_member: str
    def __init__(self, calling: _Optional[str] = ..., called: _Optional[str] = ..., alerting: _Optional[str] = ..., cli: _Optional[str] = ..., dnis: _Optional[str] = ..., uec: _Optional[str] = ..., split: _Optional[str] = ..., trunk_group: _Optional[str] = ..., trunk_member: _Optional[str] = ...) -> None: ...
