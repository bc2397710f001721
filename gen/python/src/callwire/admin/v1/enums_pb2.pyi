from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from typing import ClassVar as _ClassVar

DESCRIPTOR: _descriptor.FileDescriptor

class AccessRuleKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ACCESS_RULE_KIND_UNSPECIFIED: _ClassVar[AccessRuleKind]
    ACCESS_RULE_KIND_ALLOW: _ClassVar[AccessRuleKind]
    ACCESS_RULE_KIND_DENY: _ClassVar[AccessRuleKind]

class ApiKeyRole(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    API_KEY_ROLE_UNSPECIFIED: _ClassVar[ApiKeyRole]
    API_KEY_ROLE_AGENT: _ClassVar[ApiKeyRole]
    API_KEY_ROLE_SUPERVISOR: _ClassVar[ApiKeyRole]
    API_KEY_ROLE_ADMIN: _ClassVar[ApiKeyRole]
    API_KEY_ROLE_GATEWAY: _ClassVar[ApiKeyRole]

class TraceDirection(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TRACE_DIRECTION_UNSPECIFIED: _ClassVar[TraceDirection]
    TRACE_DIRECTION_SENT: _ClassVar[TraceDirection]
    TRACE_DIRECTION_RECEIVED: _ClassVar[TraceDirection]

class ExtensionSource(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    EXTENSION_SOURCE_UNSPECIFIED: _ClassVar[ExtensionSource]
    EXTENSION_SOURCE_CONFIG: _ClassVar[ExtensionSource]
    EXTENSION_SOURCE_STORE: _ClassVar[ExtensionSource]
    EXTENSION_SOURCE_RUNTIME: _ClassVar[ExtensionSource]

class MonitorState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    MONITOR_STATE_UNSPECIFIED: _ClassVar[MonitorState]
    MONITOR_STATE_MONITORED: _ClassVar[MonitorState]
    MONITOR_STATE_PENDING: _ClassVar[MonitorState]
    MONITOR_STATE_FAILED: _ClassVar[MonitorState]
ACCESS_RULE_KIND_UNSPECIFIED: AccessRuleKind
ACCESS_RULE_KIND_ALLOW: AccessRuleKind
ACCESS_RULE_KIND_DENY: AccessRuleKind
API_KEY_ROLE_UNSPECIFIED: ApiKeyRole
API_KEY_ROLE_AGENT: ApiKeyRole
API_KEY_ROLE_SUPERVISOR: ApiKeyRole
API_KEY_ROLE_ADMIN: ApiKeyRole
API_KEY_ROLE_GATEWAY: ApiKeyRole
TRACE_DIRECTION_UNSPECIFIED: TraceDirection
TRACE_DIRECTION_SENT: TraceDirection
TRACE_DIRECTION_RECEIVED: TraceDirection
EXTENSION_SOURCE_UNSPECIFIED: ExtensionSource
EXTENSION_SOURCE_CONFIG: ExtensionSource
EXTENSION_SOURCE_STORE: ExtensionSource
EXTENSION_SOURCE_RUNTIME: ExtensionSource
MONITOR_STATE_UNSPECIFIED: MonitorState
MONITOR_STATE_MONITORED: MonitorState
MONITOR_STATE_PENDING: MonitorState
MONITOR_STATE_FAILED: MonitorState
