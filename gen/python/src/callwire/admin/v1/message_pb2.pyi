import datetime

from buf.validate import validate_pb2 as _validate_pb2
from callwire.admin.v1 import enums_pb2 as _enums_pb2
from callwire.common.v1 import enums_pb2 as _enums_pb2_1
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class MonitoredExtension(_message.Message):
    __slots__ = ("extension", "monitored", "reason", "source", "monitor_state")
    EXTENSION_FIELD_NUMBER: _ClassVar[int]
    MONITORED_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    MONITOR_STATE_FIELD_NUMBER: _ClassVar[int]
    extension: str
    monitored: bool
    reason: str
    source: _enums_pb2.ExtensionSource
    monitor_state: _enums_pb2.MonitorState
    def __init__(self, extension: _Optional[str] = ..., monitored: _Optional[bool] = ..., reason: _Optional[str] = ..., source: _Optional[_Union[_enums_pb2.ExtensionSource, str]] = ..., monitor_state: _Optional[_Union[_enums_pb2.MonitorState, str]] = ...) -> None: ...

class AccessRule(_message.Message):
    __slots__ = ("kind", "address", "name")
    KIND_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    kind: _enums_pb2.AccessRuleKind
    address: str
    name: str
    def __init__(self, kind: _Optional[_Union[_enums_pb2.AccessRuleKind, str]] = ..., address: _Optional[str] = ..., name: _Optional[str] = ...) -> None: ...

class AddressMapping(_message.Message):
    __slots__ = ("address", "extension")
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    EXTENSION_FIELD_NUMBER: _ClassVar[int]
    address: str
    extension: str
    def __init__(self, address: _Optional[str] = ..., extension: _Optional[str] = ...) -> None: ...

class Setting(_message.Message):
    __slots__ = ("name", "value", "secret", "value_set", "description", "restart_required")
    NAME_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    SECRET_FIELD_NUMBER: _ClassVar[int]
    VALUE_SET_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    RESTART_REQUIRED_FIELD_NUMBER: _ClassVar[int]
    name: str
    value: str
    secret: bool
    value_set: bool
    description: str
    restart_required: bool
    def __init__(self, name: _Optional[str] = ..., value: _Optional[str] = ..., secret: _Optional[bool] = ..., value_set: _Optional[bool] = ..., description: _Optional[str] = ..., restart_required: _Optional[bool] = ...) -> None: ...

class Link(_message.Message):
    __slots__ = ("name", "endpoint", "state", "session_id", "state_change_time", "last_error")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ENDPOINT_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    STATE_CHANGE_TIME_FIELD_NUMBER: _ClassVar[int]
    LAST_ERROR_FIELD_NUMBER: _ClassVar[int]
    name: str
    endpoint: str
    state: _enums_pb2_1.LinkState
    session_id: str
    state_change_time: _timestamp_pb2.Timestamp
    last_error: str
    def __init__(self, name: _Optional[str] = ..., endpoint: _Optional[str] = ..., state: _Optional[_Union[_enums_pb2_1.LinkState, str]] = ..., session_id: _Optional[str] = ..., state_change_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., last_error: _Optional[str] = ...) -> None: ...

class ApiKey(_message.Message):
    __slots__ = ("key_id", "name", "role", "extensions", "create_time", "expire_time", "last_use_time")
    KEY_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    EXTENSIONS_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    LAST_USE_TIME_FIELD_NUMBER: _ClassVar[int]
    key_id: str
    name: str
    role: _enums_pb2.ApiKeyRole
    extensions: _containers.RepeatedScalarFieldContainer[str]
    create_time: _timestamp_pb2.Timestamp
    expire_time: _timestamp_pb2.Timestamp
    last_use_time: _timestamp_pb2.Timestamp
    def __init__(self, key_id: _Optional[str] = ..., name: _Optional[str] = ..., role: _Optional[_Union[_enums_pb2.ApiKeyRole, str]] = ..., extensions: _Optional[_Iterable[str]] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., expire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., last_use_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
