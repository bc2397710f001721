import datetime

from buf.validate import validate_pb2 as _validate_pb2
from callwire.common.v1 import message_pb2 as _message_pb2
from callwire.userdata.v1 import message_pb2 as _message_pb2_1
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class SetUserDataRequest(_message.Message):
    __slots__ = ("data", "extension")
    DATA_FIELD_NUMBER: _ClassVar[int]
    EXTENSION_FIELD_NUMBER: _ClassVar[int]
    data: str
    extension: str
    def __init__(self, data: _Optional[str] = ..., extension: _Optional[str] = ...) -> None: ...

class SetUserDataResponse(_message.Message):
    __slots__ = ("uui", "expire_time")
    UUI_FIELD_NUMBER: _ClassVar[int]
    EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    uui: str
    expire_time: _timestamp_pb2.Timestamp
    def __init__(self, uui: _Optional[str] = ..., expire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class GetUserDataRequest(_message.Message):
    __slots__ = ("uui", "extension")
    UUI_FIELD_NUMBER: _ClassVar[int]
    EXTENSION_FIELD_NUMBER: _ClassVar[int]
    uui: str
    extension: str
    def __init__(self, uui: _Optional[str] = ..., extension: _Optional[str] = ...) -> None: ...

class GetUserDataResponse(_message.Message):
    __slots__ = ("data", "expire_time")
    DATA_FIELD_NUMBER: _ClassVar[int]
    EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    data: str
    expire_time: _timestamp_pb2.Timestamp
    def __init__(self, data: _Optional[str] = ..., expire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class UpdateUserDataRequest(_message.Message):
    __slots__ = ("uui", "data", "extension")
    UUI_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    EXTENSION_FIELD_NUMBER: _ClassVar[int]
    uui: str
    data: str
    extension: str
    def __init__(self, uui: _Optional[str] = ..., data: _Optional[str] = ..., extension: _Optional[str] = ...) -> None: ...

class UpdateUserDataResponse(_message.Message):
    __slots__ = ("expire_time",)
    EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    expire_time: _timestamp_pb2.Timestamp
    def __init__(self, expire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class GetAlertUserDataRequest(_message.Message):
    __slots__ = ("extension",)
    EXTENSION_FIELD_NUMBER: _ClassVar[int]
    extension: str
    def __init__(self, extension: _Optional[str] = ...) -> None: ...

class GetAlertUserDataResponse(_message.Message):
    __slots__ = ("call", "call_data", "user_data")
    CALL_FIELD_NUMBER: _ClassVar[int]
    CALL_DATA_FIELD_NUMBER: _ClassVar[int]
    USER_DATA_FIELD_NUMBER: _ClassVar[int]
    call: _message_pb2.CallRef
    call_data: _message_pb2_1.AlertCallData
    user_data: str
    def __init__(self, call: _Optional[_Union[_message_pb2.CallRef, _Mapping]] = ..., call_data: _Optional[_Union[_message_pb2_1.AlertCallData, _Mapping]] = ..., user_data: _Optional[str] = ...) -> None: ...

class GetHangupUserDataRequest(_message.Message):
    __slots__ = ("extension",)
    EXTENSION_FIELD_NUMBER: _ClassVar[int]
    extension: str
    def __init__(self, extension: _Optional[str] = ...) -> None: ...

class GetHangupUserDataResponse(_message.Message):
    __slots__ = ("call", "releasing", "user_data")
    CALL_FIELD_NUMBER: _ClassVar[int]
    RELEASING_FIELD_NUMBER: _ClassVar[int]
    USER_DATA_FIELD_NUMBER: _ClassVar[int]
    call: _message_pb2.CallRef
    releasing: str
    user_data: str
    def __init__(self, call: _Optional[_Union[_message_pb2.CallRef, _Mapping]] = ..., releasing: _Optional[str] = ..., user_data: _Optional[str] = ...) -> None: ...
