from google.protobuf import descriptor_pb2 as _descriptor_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor
ERROR_SURFACE_FIELD_NUMBER: _ClassVar[int]
error_surface: _descriptor.FieldDescriptor

class ErrorSurface(_message.Message):
    __slots__ = ("grpc_code", "http_status", "legacy_error")
    GRPC_CODE_FIELD_NUMBER: _ClassVar[int]
    HTTP_STATUS_FIELD_NUMBER: _ClassVar[int]
    LEGACY_ERROR_FIELD_NUMBER: _ClassVar[int]
    grpc_code: int
    http_status: int
    legacy_error: str
    def __init__(self, grpc_code: _Optional[int] = ..., http_status: _Optional[int] = ..., legacy_error: _Optional[str] = ...) -> None: ...
