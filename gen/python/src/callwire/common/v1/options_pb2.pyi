from google.protobuf import descriptor_pb2 as _descriptor_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class AccessRole(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ACCESS_ROLE_UNSPECIFIED: _ClassVar[AccessRole]
    ACCESS_ROLE_AGENT: _ClassVar[AccessRole]
    ACCESS_ROLE_SUPERVISOR: _ClassVar[AccessRole]
    ACCESS_ROLE_ADMIN: _ClassVar[AccessRole]
ACCESS_ROLE_UNSPECIFIED: AccessRole
ACCESS_ROLE_AGENT: AccessRole
ACCESS_ROLE_SUPERVISOR: AccessRole
ACCESS_ROLE_ADMIN: AccessRole
ERROR_SURFACE_FIELD_NUMBER: _ClassVar[int]
error_surface: _descriptor.FieldDescriptor
ACCESS_FIELD_NUMBER: _ClassVar[int]
access: _descriptor.FieldDescriptor

class ErrorSurface(_message.Message):
    __slots__ = ("grpc_code", "http_status", "legacy_error")
    GRPC_CODE_FIELD_NUMBER: _ClassVar[int]
    HTTP_STATUS_FIELD_NUMBER: _ClassVar[int]
    LEGACY_ERROR_FIELD_NUMBER: _ClassVar[int]
    grpc_code: int
    http_status: int
    legacy_error: str
    def __init__(self, grpc_code: _Optional[int] = ..., http_status: _Optional[int] = ..., legacy_error: _Optional[str] = ...) -> None: ...

class Access(_message.Message):
    __slots__ = ("min_role", "gateway", "device", "call", "party", "destination", "remote", "lookup", "user_data", "unscoped", "all_devices", "gateway_with_console_credentials")
    MIN_ROLE_FIELD_NUMBER: _ClassVar[int]
    GATEWAY_FIELD_NUMBER: _ClassVar[int]
    DEVICE_FIELD_NUMBER: _ClassVar[int]
    CALL_FIELD_NUMBER: _ClassVar[int]
    PARTY_FIELD_NUMBER: _ClassVar[int]
    DESTINATION_FIELD_NUMBER: _ClassVar[int]
    REMOTE_FIELD_NUMBER: _ClassVar[int]
    LOOKUP_FIELD_NUMBER: _ClassVar[int]
    USER_DATA_FIELD_NUMBER: _ClassVar[int]
    UNSCOPED_FIELD_NUMBER: _ClassVar[int]
    ALL_DEVICES_FIELD_NUMBER: _ClassVar[int]
    GATEWAY_WITH_CONSOLE_CREDENTIALS_FIELD_NUMBER: _ClassVar[int]
    min_role: AccessRole
    gateway: bool
    device: _containers.RepeatedScalarFieldContainer[str]
    call: _containers.RepeatedScalarFieldContainer[str]
    party: _containers.RepeatedScalarFieldContainer[str]
    destination: _containers.RepeatedScalarFieldContainer[str]
    remote: _containers.RepeatedScalarFieldContainer[str]
    lookup: _containers.RepeatedScalarFieldContainer[str]
    user_data: _containers.RepeatedScalarFieldContainer[str]
    unscoped: _containers.RepeatedScalarFieldContainer[str]
    all_devices: _containers.RepeatedScalarFieldContainer[str]
    gateway_with_console_credentials: bool
    def __init__(self, min_role: _Optional[_Union[AccessRole, str]] = ..., gateway: _Optional[bool] = ..., device: _Optional[_Iterable[str]] = ..., call: _Optional[_Iterable[str]] = ..., party: _Optional[_Iterable[str]] = ..., destination: _Optional[_Iterable[str]] = ..., remote: _Optional[_Iterable[str]] = ..., lookup: _Optional[_Iterable[str]] = ..., user_data: _Optional[_Iterable[str]] = ..., unscoped: _Optional[_Iterable[str]] = ..., all_devices: _Optional[_Iterable[str]] = ..., gateway_with_console_credentials: _Optional[bool] = ...) -> None: ...
