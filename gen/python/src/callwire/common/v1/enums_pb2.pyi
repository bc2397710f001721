from callwire.common.v1 import options_pb2 as _options_pb2
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from typing import ClassVar as _ClassVar

DESCRIPTOR: _descriptor.FileDescriptor

class CstaErrorClass(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CSTA_ERROR_CLASS_UNSPECIFIED: _ClassVar[CstaErrorClass]
    CSTA_ERROR_CLASS_OPERATION: _ClassVar[CstaErrorClass]
    CSTA_ERROR_CLASS_SECURITY: _ClassVar[CstaErrorClass]
    CSTA_ERROR_CLASS_STATE_INCOMPATIBILITY: _ClassVar[CstaErrorClass]
    CSTA_ERROR_CLASS_SYSTEM_RESOURCE_AVAILABILITY: _ClassVar[CstaErrorClass]
    CSTA_ERROR_CLASS_SUBSCRIBED_RESOURCE_AVAILABILITY: _ClassVar[CstaErrorClass]
    CSTA_ERROR_CLASS_PERFORMANCE_MANAGEMENT: _ClassVar[CstaErrorClass]
    CSTA_ERROR_CLASS_PRIVATE_DATA: _ClassVar[CstaErrorClass]
    CSTA_ERROR_CLASS_PRIVATE_ERROR_CODE: _ClassVar[CstaErrorClass]
    CSTA_ERROR_CLASS_UNSPECIFIED_ERROR: _ClassVar[CstaErrorClass]

class ErrorReason(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ERROR_REASON_UNSPECIFIED: _ClassVar[ErrorReason]
    ERROR_REASON_INVALID_ARGUMENT: _ClassVar[ErrorReason]
    ERROR_REASON_UNKNOWN_EXTENSION: _ClassVar[ErrorReason]
    ERROR_REASON_NOT_MONITORED: _ClassVar[ErrorReason]
    ERROR_REASON_INVALID_STATE: _ClassVar[ErrorReason]
    ERROR_REASON_NO_ACTIVE_CALL: _ClassVar[ErrorReason]
    ERROR_REASON_NO_HELD_CALL: _ClassVar[ErrorReason]
    ERROR_REASON_CALL_NOT_FOUND: _ClassVar[ErrorReason]
    ERROR_REASON_CSTA_ERROR: _ClassVar[ErrorReason]
    ERROR_REASON_LINK_DOWN: _ClassVar[ErrorReason]
    ERROR_REASON_LINK_TIMEOUT: _ClassVar[ErrorReason]
    ERROR_REASON_PERMISSION_DENIED: _ClassVar[ErrorReason]
    ERROR_REASON_UNAUTHENTICATED: _ClassVar[ErrorReason]
    ERROR_REASON_USER_DATA_TOO_LARGE: _ClassVar[ErrorReason]
    ERROR_REASON_USER_DATA_NOT_FOUND: _ClassVar[ErrorReason]
    ERROR_REASON_STREAM_OVERFLOW: _ClassVar[ErrorReason]
    ERROR_REASON_RESUME_GAP: _ClassVar[ErrorReason]
    ERROR_REASON_RATE_LIMITED: _ClassVar[ErrorReason]
    ERROR_REASON_ALREADY_EXISTS: _ClassVar[ErrorReason]
    ERROR_REASON_NOT_FOUND: _ClassVar[ErrorReason]
    ERROR_REASON_NO_PHANTOM_DEVICE: _ClassVar[ErrorReason]
    ERROR_REASON_SHUTTING_DOWN: _ClassVar[ErrorReason]
    ERROR_REASON_INTERNAL: _ClassVar[ErrorReason]

class ConnectionState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CONNECTION_STATE_UNSPECIFIED: _ClassVar[ConnectionState]
    CONNECTION_STATE_NULL: _ClassVar[ConnectionState]
    CONNECTION_STATE_INITIATED: _ClassVar[ConnectionState]
    CONNECTION_STATE_ALERTING: _ClassVar[ConnectionState]
    CONNECTION_STATE_CONNECTED: _ClassVar[ConnectionState]
    CONNECTION_STATE_HOLD: _ClassVar[ConnectionState]
    CONNECTION_STATE_QUEUED: _ClassVar[ConnectionState]
    CONNECTION_STATE_FAIL: _ClassVar[ConnectionState]

class LinkState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    LINK_STATE_UNSPECIFIED: _ClassVar[LinkState]
    LINK_STATE_UP: _ClassVar[LinkState]
    LINK_STATE_DOWN: _ClassVar[LinkState]
    LINK_STATE_CONNECTING: _ClassVar[LinkState]
    LINK_STATE_STANDBY: _ClassVar[LinkState]
CSTA_ERROR_CLASS_UNSPECIFIED: CstaErrorClass
CSTA_ERROR_CLASS_OPERATION: CstaErrorClass
CSTA_ERROR_CLASS_SECURITY: CstaErrorClass
CSTA_ERROR_CLASS_STATE_INCOMPATIBILITY: CstaErrorClass
CSTA_ERROR_CLASS_SYSTEM_RESOURCE_AVAILABILITY: CstaErrorClass
CSTA_ERROR_CLASS_SUBSCRIBED_RESOURCE_AVAILABILITY: CstaErrorClass
CSTA_ERROR_CLASS_PERFORMANCE_MANAGEMENT: CstaErrorClass
CSTA_ERROR_CLASS_PRIVATE_DATA: CstaErrorClass
CSTA_ERROR_CLASS_PRIVATE_ERROR_CODE: CstaErrorClass
CSTA_ERROR_CLASS_UNSPECIFIED_ERROR: CstaErrorClass
ERROR_REASON_UNSPECIFIED: ErrorReason
ERROR_REASON_INVALID_ARGUMENT: ErrorReason
ERROR_REASON_UNKNOWN_EXTENSION: ErrorReason
ERROR_REASON_NOT_MONITORED: ErrorReason
ERROR_REASON_INVALID_STATE: ErrorReason
ERROR_REASON_NO_ACTIVE_CALL: ErrorReason
ERROR_REASON_NO_HELD_CALL: ErrorReason
ERROR_REASON_CALL_NOT_FOUND: ErrorReason
ERROR_REASON_CSTA_ERROR: ErrorReason
ERROR_REASON_LINK_DOWN: ErrorReason
ERROR_REASON_LINK_TIMEOUT: ErrorReason
ERROR_REASON_PERMISSION_DENIED: ErrorReason
ERROR_REASON_UNAUTHENTICATED: ErrorReason
ERROR_REASON_USER_DATA_TOO_LARGE: ErrorReason
ERROR_REASON_USER_DATA_NOT_FOUND: ErrorReason
ERROR_REASON_STREAM_OVERFLOW: ErrorReason
ERROR_REASON_RESUME_GAP: ErrorReason
ERROR_REASON_RATE_LIMITED: ErrorReason
ERROR_REASON_ALREADY_EXISTS: ErrorReason
ERROR_REASON_NOT_FOUND: ErrorReason
ERROR_REASON_NO_PHANTOM_DEVICE: ErrorReason
ERROR_REASON_SHUTTING_DOWN: ErrorReason
ERROR_REASON_INTERNAL: ErrorReason
CONNECTION_STATE_UNSPECIFIED: ConnectionState
CONNECTION_STATE_NULL: ConnectionState
CONNECTION_STATE_INITIATED: ConnectionState
CONNECTION_STATE_ALERTING: ConnectionState
CONNECTION_STATE_CONNECTED: ConnectionState
CONNECTION_STATE_HOLD: ConnectionState
CONNECTION_STATE_QUEUED: ConnectionState
CONNECTION_STATE_FAIL: ConnectionState
LINK_STATE_UNSPECIFIED: LinkState
LINK_STATE_UP: LinkState
LINK_STATE_DOWN: LinkState
LINK_STATE_CONNECTING: LinkState
LINK_STATE_STANDBY: LinkState
