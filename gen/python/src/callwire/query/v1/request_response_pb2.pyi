from buf.validate import validate_pb2 as _validate_pb2
from callwire.common.v1 import message_pb2 as _message_pb2
from callwire.query.v1 import enums_pb2 as _enums_pb2
from callwire.station.v1 import message_pb2 as _message_pb2_1
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class GetAcdSplitRequest(_message.Message):
    __slots__ = ("split",)
    SPLIT_FIELD_NUMBER: _ClassVar[int]
    split: str
    def __init__(self, split: _Optional[str] = ...) -> None: ...

class GetAcdSplitResponse(_message.Message):
    __slots__ = ("agents_available", "calls_in_queue", "agents_logged_on")
    AGENTS_AVAILABLE_FIELD_NUMBER: _ClassVar[int]
    CALLS_IN_QUEUE_FIELD_NUMBER: _ClassVar[int]
    AGENTS_LOGGED_ON_FIELD_NUMBER: _ClassVar[int]
    agents_available: int
    calls_in_queue: int
    agents_logged_on: int
    def __init__(self, agents_available: _Optional[int] = ..., calls_in_queue: _Optional[int] = ..., agents_logged_on: _Optional[int] = ...) -> None: ...

class GetCallClassifierRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetCallClassifierResponse(_message.Message):
    __slots__ = ("idle_ports", "in_use_ports")
    IDLE_PORTS_FIELD_NUMBER: _ClassVar[int]
    IN_USE_PORTS_FIELD_NUMBER: _ClassVar[int]
    idle_ports: int
    in_use_ports: int
    def __init__(self, idle_ports: _Optional[int] = ..., in_use_ports: _Optional[int] = ...) -> None: ...

class GetTimeOfDayRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetTimeOfDayResponse(_message.Message):
    __slots__ = ("year", "month", "day", "hour", "minute", "second")
    YEAR_FIELD_NUMBER: _ClassVar[int]
    MONTH_FIELD_NUMBER: _ClassVar[int]
    DAY_FIELD_NUMBER: _ClassVar[int]
    HOUR_FIELD_NUMBER: _ClassVar[int]
    MINUTE_FIELD_NUMBER: _ClassVar[int]
    SECOND_FIELD_NUMBER: _ClassVar[int]
    year: int
    month: int
    day: int
    hour: int
    minute: int
    second: int
    def __init__(self, year: _Optional[int] = ..., month: _Optional[int] = ..., day: _Optional[int] = ..., hour: _Optional[int] = ..., minute: _Optional[int] = ..., second: _Optional[int] = ...) -> None: ...

class GetDeviceNameRequest(_message.Message):
    __slots__ = ("device",)
    DEVICE_FIELD_NUMBER: _ClassVar[int]
    device: str
    def __init__(self, device: _Optional[str] = ...) -> None: ...

class GetDeviceNameResponse(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class GetDeviceInfoRequest(_message.Message):
    __slots__ = ("device",)
    DEVICE_FIELD_NUMBER: _ClassVar[int]
    device: str
    def __init__(self, device: _Optional[str] = ...) -> None: ...

class GetDeviceInfoResponse(_message.Message):
    __slots__ = ("device_type", "device_class", "extension_class", "associated_class", "associated_device")
    DEVICE_TYPE_FIELD_NUMBER: _ClassVar[int]
    DEVICE_CLASS_FIELD_NUMBER: _ClassVar[int]
    EXTENSION_CLASS_FIELD_NUMBER: _ClassVar[int]
    ASSOCIATED_CLASS_FIELD_NUMBER: _ClassVar[int]
    ASSOCIATED_DEVICE_FIELD_NUMBER: _ClassVar[int]
    device_type: _enums_pb2.DeviceType
    device_class: _enums_pb2.DeviceClass
    extension_class: str
    associated_class: str
    associated_device: str
    def __init__(self, device_type: _Optional[_Union[_enums_pb2.DeviceType, str]] = ..., device_class: _Optional[_Union[_enums_pb2.DeviceClass, str]] = ..., extension_class: _Optional[str] = ..., associated_class: _Optional[str] = ..., associated_device: _Optional[str] = ...) -> None: ...

class GetDoNotDisturbRequest(_message.Message):
    __slots__ = ("extension",)
    EXTENSION_FIELD_NUMBER: _ClassVar[int]
    extension: str
    def __init__(self, extension: _Optional[str] = ...) -> None: ...

class GetDoNotDisturbResponse(_message.Message):
    __slots__ = ("enabled",)
    ENABLED_FIELD_NUMBER: _ClassVar[int]
    enabled: bool
    def __init__(self, enabled: _Optional[bool] = ...) -> None: ...

class GetForwardingRequest(_message.Message):
    __slots__ = ("extension",)
    EXTENSION_FIELD_NUMBER: _ClassVar[int]
    extension: str
    def __init__(self, extension: _Optional[str] = ...) -> None: ...

class GetForwardingResponse(_message.Message):
    __slots__ = ("entries",)
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    entries: _containers.RepeatedCompositeFieldContainer[_message_pb2_1.ForwardingEntry]
    def __init__(self, entries: _Optional[_Iterable[_Union[_message_pb2_1.ForwardingEntry, _Mapping]]] = ...) -> None: ...

class GetMessageWaitingRequest(_message.Message):
    __slots__ = ("extension",)
    EXTENSION_FIELD_NUMBER: _ClassVar[int]
    extension: str
    def __init__(self, extension: _Optional[str] = ...) -> None: ...

class GetMessageWaitingResponse(_message.Message):
    __slots__ = ("enabled",)
    ENABLED_FIELD_NUMBER: _ClassVar[int]
    enabled: bool
    def __init__(self, enabled: _Optional[bool] = ...) -> None: ...

class GetStationStatusRequest(_message.Message):
    __slots__ = ("extension",)
    EXTENSION_FIELD_NUMBER: _ClassVar[int]
    extension: str
    def __init__(self, extension: _Optional[str] = ...) -> None: ...

class GetStationStatusResponse(_message.Message):
    __slots__ = ("busy",)
    BUSY_FIELD_NUMBER: _ClassVar[int]
    busy: bool
    def __init__(self, busy: _Optional[bool] = ...) -> None: ...

class GetTrunkGroupRequest(_message.Message):
    __slots__ = ("trunk_group",)
    TRUNK_GROUP_FIELD_NUMBER: _ClassVar[int]
    trunk_group: str
    def __init__(self, trunk_group: _Optional[str] = ...) -> None: ...

class GetTrunkGroupResponse(_message.Message):
    __slots__ = ("idle_trunks", "used_trunks")
    IDLE_TRUNKS_FIELD_NUMBER: _ClassVar[int]
    USED_TRUNKS_FIELD_NUMBER: _ClassVar[int]
    idle_trunks: int
    used_trunks: int
    def __init__(self, idle_trunks: _Optional[int] = ..., used_trunks: _Optional[int] = ...) -> None: ...

class GetUcidRequest(_message.Message):
    __slots__ = ("call_id",)
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    call_id: str
    def __init__(self, call_id: _Optional[str] = ...) -> None: ...

class GetUcidResponse(_message.Message):
    __slots__ = ("ucid",)
    UCID_FIELD_NUMBER: _ClassVar[int]
    ucid: str
    def __init__(self, ucid: _Optional[str] = ...) -> None: ...

class SnapshotDeviceRequest(_message.Message):
    __slots__ = ("device",)
    DEVICE_FIELD_NUMBER: _ClassVar[int]
    device: str
    def __init__(self, device: _Optional[str] = ...) -> None: ...

class SnapshotDeviceResponse(_message.Message):
    __slots__ = ("device", "calls")
    DEVICE_FIELD_NUMBER: _ClassVar[int]
    CALLS_FIELD_NUMBER: _ClassVar[int]
    device: str
    calls: _containers.RepeatedCompositeFieldContainer[_message_pb2.CallSnapshot]
    def __init__(self, device: _Optional[str] = ..., calls: _Optional[_Iterable[_Union[_message_pb2.CallSnapshot, _Mapping]]] = ...) -> None: ...

class SnapshotCallRequest(_message.Message):
    __slots__ = ("call_id",)
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    call_id: str
    def __init__(self, call_id: _Optional[str] = ...) -> None: ...

class SnapshotCallResponse(_message.Message):
    __slots__ = ("call", "parties")
    CALL_FIELD_NUMBER: _ClassVar[int]
    PARTIES_FIELD_NUMBER: _ClassVar[int]
    call: _message_pb2.CallRef
    parties: _containers.RepeatedCompositeFieldContainer[_message_pb2.Party]
    def __init__(self, call: _Optional[_Union[_message_pb2.CallRef, _Mapping]] = ..., parties: _Optional[_Iterable[_Union[_message_pb2.Party, _Mapping]]] = ...) -> None: ...
