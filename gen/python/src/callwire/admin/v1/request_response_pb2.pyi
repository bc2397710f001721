import datetime

from buf.validate import validate_pb2 as _validate_pb2
from callwire.admin.v1 import enums_pb2 as _enums_pb2
from callwire.admin.v1 import message_pb2 as _message_pb2
from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class GetMyExtensionRequest(_message.Message):
    __slots__ = ("address",)
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    address: str
    def __init__(self, address: _Optional[str] = ...) -> None: ...

class GetMyExtensionResponse(_message.Message):
    __slots__ = ("extension", "address")
    EXTENSION_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    extension: str
    address: str
    def __init__(self, extension: _Optional[str] = ..., address: _Optional[str] = ...) -> None: ...

class ListExtensionsRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListExtensionsResponse(_message.Message):
    __slots__ = ("extensions",)
    EXTENSIONS_FIELD_NUMBER: _ClassVar[int]
    extensions: _containers.RepeatedCompositeFieldContainer[_message_pb2.MonitoredExtension]
    def __init__(self, extensions: _Optional[_Iterable[_Union[_message_pb2.MonitoredExtension, _Mapping]]] = ...) -> None: ...

class AddExtensionRequest(_message.Message):
    __slots__ = ("extension",)
    EXTENSION_FIELD_NUMBER: _ClassVar[int]
    extension: str
    def __init__(self, extension: _Optional[str] = ...) -> None: ...

class AddExtensionResponse(_message.Message):
    __slots__ = ("extension",)
    EXTENSION_FIELD_NUMBER: _ClassVar[int]
    extension: _message_pb2.MonitoredExtension
    def __init__(self, extension: _Optional[_Union[_message_pb2.MonitoredExtension, _Mapping]] = ...) -> None: ...

class DeleteExtensionRequest(_message.Message):
    __slots__ = ("extension",)
    EXTENSION_FIELD_NUMBER: _ClassVar[int]
    extension: str
    def __init__(self, extension: _Optional[str] = ...) -> None: ...

class DeleteExtensionResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListAccessRulesRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListAccessRulesResponse(_message.Message):
    __slots__ = ("rules",)
    RULES_FIELD_NUMBER: _ClassVar[int]
    rules: _containers.RepeatedCompositeFieldContainer[_message_pb2.AccessRule]
    def __init__(self, rules: _Optional[_Iterable[_Union[_message_pb2.AccessRule, _Mapping]]] = ...) -> None: ...

class AddAccessRuleRequest(_message.Message):
    __slots__ = ("rule",)
    RULE_FIELD_NUMBER: _ClassVar[int]
    rule: _message_pb2.AccessRule
    def __init__(self, rule: _Optional[_Union[_message_pb2.AccessRule, _Mapping]] = ...) -> None: ...

class AddAccessRuleResponse(_message.Message):
    __slots__ = ("rule",)
    RULE_FIELD_NUMBER: _ClassVar[int]
    rule: _message_pb2.AccessRule
    def __init__(self, rule: _Optional[_Union[_message_pb2.AccessRule, _Mapping]] = ...) -> None: ...

class DeleteAccessRuleRequest(_message.Message):
    __slots__ = ("address", "kind")
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    address: str
    kind: _enums_pb2.AccessRuleKind
    def __init__(self, address: _Optional[str] = ..., kind: _Optional[_Union[_enums_pb2.AccessRuleKind, str]] = ...) -> None: ...

class DeleteAccessRuleResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListAddressMappingsRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListAddressMappingsResponse(_message.Message):
    __slots__ = ("mappings",)
    MAPPINGS_FIELD_NUMBER: _ClassVar[int]
    mappings: _containers.RepeatedCompositeFieldContainer[_message_pb2.AddressMapping]
    def __init__(self, mappings: _Optional[_Iterable[_Union[_message_pb2.AddressMapping, _Mapping]]] = ...) -> None: ...

class SetAddressMappingRequest(_message.Message):
    __slots__ = ("mapping",)
    MAPPING_FIELD_NUMBER: _ClassVar[int]
    mapping: _message_pb2.AddressMapping
    def __init__(self, mapping: _Optional[_Union[_message_pb2.AddressMapping, _Mapping]] = ...) -> None: ...

class SetAddressMappingResponse(_message.Message):
    __slots__ = ("mapping",)
    MAPPING_FIELD_NUMBER: _ClassVar[int]
    mapping: _message_pb2.AddressMapping
    def __init__(self, mapping: _Optional[_Union[_message_pb2.AddressMapping, _Mapping]] = ...) -> None: ...

class DeleteAddressMappingRequest(_message.Message):
    __slots__ = ("address",)
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    address: str
    def __init__(self, address: _Optional[str] = ...) -> None: ...

class DeleteAddressMappingResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListSettingsRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListSettingsResponse(_message.Message):
    __slots__ = ("settings",)
    SETTINGS_FIELD_NUMBER: _ClassVar[int]
    settings: _containers.RepeatedCompositeFieldContainer[_message_pb2.Setting]
    def __init__(self, settings: _Optional[_Iterable[_Union[_message_pb2.Setting, _Mapping]]] = ...) -> None: ...

class UpdateSettingRequest(_message.Message):
    __slots__ = ("name", "value")
    NAME_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    name: str
    value: str
    def __init__(self, name: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...

class UpdateSettingResponse(_message.Message):
    __slots__ = ("setting",)
    SETTING_FIELD_NUMBER: _ClassVar[int]
    setting: _message_pb2.Setting
    def __init__(self, setting: _Optional[_Union[_message_pb2.Setting, _Mapping]] = ...) -> None: ...

class ListLinksRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListLinksResponse(_message.Message):
    __slots__ = ("links",)
    LINKS_FIELD_NUMBER: _ClassVar[int]
    links: _containers.RepeatedCompositeFieldContainer[_message_pb2.Link]
    def __init__(self, links: _Optional[_Iterable[_Union[_message_pb2.Link, _Mapping]]] = ...) -> None: ...

class CreateApiKeyRequest(_message.Message):
    __slots__ = ("name", "role", "extensions", "expire_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    EXTENSIONS_FIELD_NUMBER: _ClassVar[int]
    EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    role: _enums_pb2.ApiKeyRole
    extensions: _containers.RepeatedScalarFieldContainer[str]
    expire_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., role: _Optional[_Union[_enums_pb2.ApiKeyRole, str]] = ..., extensions: _Optional[_Iterable[str]] = ..., expire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class CreateApiKeyResponse(_message.Message):
    __slots__ = ("key", "secret")
    KEY_FIELD_NUMBER: _ClassVar[int]
    SECRET_FIELD_NUMBER: _ClassVar[int]
    key: _message_pb2.ApiKey
    secret: str
    def __init__(self, key: _Optional[_Union[_message_pb2.ApiKey, _Mapping]] = ..., secret: _Optional[str] = ...) -> None: ...

class ListApiKeysRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListApiKeysResponse(_message.Message):
    __slots__ = ("keys",)
    KEYS_FIELD_NUMBER: _ClassVar[int]
    keys: _containers.RepeatedCompositeFieldContainer[_message_pb2.ApiKey]
    def __init__(self, keys: _Optional[_Iterable[_Union[_message_pb2.ApiKey, _Mapping]]] = ...) -> None: ...

class RevokeApiKeyRequest(_message.Message):
    __slots__ = ("key_id",)
    KEY_ID_FIELD_NUMBER: _ClassVar[int]
    key_id: str
    def __init__(self, key_id: _Optional[str] = ...) -> None: ...

class RevokeApiKeyResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class EncryptPasswordRequest(_message.Message):
    __slots__ = ("password",)
    PASSWORD_FIELD_NUMBER: _ClassVar[int]
    password: str
    def __init__(self, password: _Optional[str] = ...) -> None: ...

class EncryptPasswordResponse(_message.Message):
    __slots__ = ("encrypted_password",)
    ENCRYPTED_PASSWORD_FIELD_NUMBER: _ClassVar[int]
    encrypted_password: str
    def __init__(self, encrypted_password: _Optional[str] = ...) -> None: ...

class VerifyConsoleCredentialsRequest(_message.Message):
    __slots__ = ("username", "encrypted_password")
    USERNAME_FIELD_NUMBER: _ClassVar[int]
    ENCRYPTED_PASSWORD_FIELD_NUMBER: _ClassVar[int]
    username: str
    encrypted_password: str
    def __init__(self, username: _Optional[str] = ..., encrypted_password: _Optional[str] = ...) -> None: ...

class VerifyConsoleCredentialsResponse(_message.Message):
    __slots__ = ("valid",)
    VALID_FIELD_NUMBER: _ClassVar[int]
    valid: bool
    def __init__(self, valid: _Optional[bool] = ...) -> None: ...

class GetServerInfoRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetServerInfoResponse(_message.Message):
    __slots__ = ("version", "build", "start_time", "uptime", "instance_id", "license_company", "license_count", "license_type", "license_start_date", "license_end_date")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    BUILD_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    UPTIME_FIELD_NUMBER: _ClassVar[int]
    INSTANCE_ID_FIELD_NUMBER: _ClassVar[int]
    LICENSE_COMPANY_FIELD_NUMBER: _ClassVar[int]
    LICENSE_COUNT_FIELD_NUMBER: _ClassVar[int]
    LICENSE_TYPE_FIELD_NUMBER: _ClassVar[int]
    LICENSE_START_DATE_FIELD_NUMBER: _ClassVar[int]
    LICENSE_END_DATE_FIELD_NUMBER: _ClassVar[int]
    version: str
    build: str
    start_time: _timestamp_pb2.Timestamp
    uptime: _duration_pb2.Duration
    instance_id: str
    license_company: str
    license_count: str
    license_type: str
    license_start_date: str
    license_end_date: str
    def __init__(self, version: _Optional[str] = ..., build: _Optional[str] = ..., start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., uptime: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., instance_id: _Optional[str] = ..., license_company: _Optional[str] = ..., license_count: _Optional[str] = ..., license_type: _Optional[str] = ..., license_start_date: _Optional[str] = ..., license_end_date: _Optional[str] = ...) -> None: ...

class StreamProtocolTraceRequest(_message.Message):
    __slots__ = ("devices",)
    DEVICES_FIELD_NUMBER: _ClassVar[int]
    devices: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, devices: _Optional[_Iterable[str]] = ...) -> None: ...

class StreamProtocolTraceResponse(_message.Message):
    __slots__ = ("direction", "invoke_id", "time", "xml", "link")
    DIRECTION_FIELD_NUMBER: _ClassVar[int]
    INVOKE_ID_FIELD_NUMBER: _ClassVar[int]
    TIME_FIELD_NUMBER: _ClassVar[int]
    XML_FIELD_NUMBER: _ClassVar[int]
    LINK_FIELD_NUMBER: _ClassVar[int]
    direction: _enums_pb2.TraceDirection
    invoke_id: str
    time: _timestamp_pb2.Timestamp
    xml: str
    link: str
    def __init__(self, direction: _Optional[_Union[_enums_pb2.TraceDirection, str]] = ..., invoke_id: _Optional[str] = ..., time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., xml: _Optional[str] = ..., link: _Optional[str] = ...) -> None: ...
