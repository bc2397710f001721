from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from typing import ClassVar as _ClassVar

DESCRIPTOR: _descriptor.FileDescriptor

class DeviceType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DEVICE_TYPE_UNSPECIFIED: _ClassVar[DeviceType]
    DEVICE_TYPE_STATION: _ClassVar[DeviceType]
    DEVICE_TYPE_ACD_SPLIT: _ClassVar[DeviceType]
    DEVICE_TYPE_VDN: _ClassVar[DeviceType]
    DEVICE_TYPE_TRUNK: _ClassVar[DeviceType]
    DEVICE_TYPE_ANNOUNCEMENT: _ClassVar[DeviceType]
    DEVICE_TYPE_LOGICAL_AGENT: _ClassVar[DeviceType]
    DEVICE_TYPE_OTHER: _ClassVar[DeviceType]

class DeviceClass(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DEVICE_CLASS_UNSPECIFIED: _ClassVar[DeviceClass]
    DEVICE_CLASS_VOICE: _ClassVar[DeviceClass]
    DEVICE_CLASS_DATA: _ClassVar[DeviceClass]
    DEVICE_CLASS_IMAGE: _ClassVar[DeviceClass]
    DEVICE_CLASS_OTHER: _ClassVar[DeviceClass]
DEVICE_TYPE_UNSPECIFIED: DeviceType
DEVICE_TYPE_STATION: DeviceType
DEVICE_TYPE_ACD_SPLIT: DeviceType
DEVICE_TYPE_VDN: DeviceType
DEVICE_TYPE_TRUNK: DeviceType
DEVICE_TYPE_ANNOUNCEMENT: DeviceType
DEVICE_TYPE_LOGICAL_AGENT: DeviceType
DEVICE_TYPE_OTHER: DeviceType
DEVICE_CLASS_UNSPECIFIED: DeviceClass
DEVICE_CLASS_VOICE: DeviceClass
DEVICE_CLASS_DATA: DeviceClass
DEVICE_CLASS_IMAGE: DeviceClass
DEVICE_CLASS_OTHER: DeviceClass
