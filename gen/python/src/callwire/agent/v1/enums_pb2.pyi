from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from typing import ClassVar as _ClassVar

DESCRIPTOR: _descriptor.FileDescriptor

class WorkMode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    WORK_MODE_UNSPECIFIED: _ClassVar[WorkMode]
    WORK_MODE_NULL: _ClassVar[WorkMode]
    WORK_MODE_AUX: _ClassVar[WorkMode]
    WORK_MODE_AFTER_CALL_WORK: _ClassVar[WorkMode]
    WORK_MODE_MANUAL_IN: _ClassVar[WorkMode]
    WORK_MODE_AUTO_IN: _ClassVar[WorkMode]

class TalkState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TALK_STATE_UNSPECIFIED: _ClassVar[TalkState]
    TALK_STATE_IDLE: _ClassVar[TalkState]
    TALK_STATE_ON_CALL: _ClassVar[TalkState]
WORK_MODE_UNSPECIFIED: WorkMode
WORK_MODE_NULL: WorkMode
WORK_MODE_AUX: WorkMode
WORK_MODE_AFTER_CALL_WORK: WorkMode
WORK_MODE_MANUAL_IN: WorkMode
WORK_MODE_AUTO_IN: WorkMode
TALK_STATE_UNSPECIFIED: TalkState
TALK_STATE_IDLE: TalkState
TALK_STATE_ON_CALL: TalkState
