from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from typing import ClassVar as _ClassVar

DESCRIPTOR: _descriptor.FileDescriptor

class ForwardingType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    FORWARDING_TYPE_UNSPECIFIED: _ClassVar[ForwardingType]
    FORWARDING_TYPE_IMMEDIATE: _ClassVar[ForwardingType]
    FORWARDING_TYPE_BUSY: _ClassVar[ForwardingType]
    FORWARDING_TYPE_NO_ANSWER: _ClassVar[ForwardingType]
    FORWARDING_TYPE_DO_NOT_DISTURB: _ClassVar[ForwardingType]
    FORWARDING_TYPE_BUSY_INTERNAL: _ClassVar[ForwardingType]
    FORWARDING_TYPE_BUSY_EXTERNAL: _ClassVar[ForwardingType]
    FORWARDING_TYPE_NO_ANSWER_INTERNAL: _ClassVar[ForwardingType]
    FORWARDING_TYPE_NO_ANSWER_EXTERNAL: _ClassVar[ForwardingType]
    FORWARDING_TYPE_IMMEDIATE_INTERNAL: _ClassVar[ForwardingType]
    FORWARDING_TYPE_IMMEDIATE_EXTERNAL: _ClassVar[ForwardingType]
    FORWARDING_TYPE_DO_NOT_DISTURB_INTERNAL: _ClassVar[ForwardingType]
    FORWARDING_TYPE_DO_NOT_DISTURB_EXTERNAL: _ClassVar[ForwardingType]
FORWARDING_TYPE_UNSPECIFIED: ForwardingType
FORWARDING_TYPE_IMMEDIATE: ForwardingType
FORWARDING_TYPE_BUSY: ForwardingType
FORWARDING_TYPE_NO_ANSWER: ForwardingType
FORWARDING_TYPE_DO_NOT_DISTURB: ForwardingType
FORWARDING_TYPE_BUSY_INTERNAL: ForwardingType
FORWARDING_TYPE_BUSY_EXTERNAL: ForwardingType
FORWARDING_TYPE_NO_ANSWER_INTERNAL: ForwardingType
FORWARDING_TYPE_NO_ANSWER_EXTERNAL: ForwardingType
FORWARDING_TYPE_IMMEDIATE_INTERNAL: ForwardingType
FORWARDING_TYPE_IMMEDIATE_EXTERNAL: ForwardingType
FORWARDING_TYPE_DO_NOT_DISTURB_INTERNAL: ForwardingType
FORWARDING_TYPE_DO_NOT_DISTURB_EXTERNAL: ForwardingType
