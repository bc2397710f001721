from callwire.agent.v1 import enums_pb2 as _enums_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class AgentState(_message.Message):
    __slots__ = ("agent_id", "work_mode", "talk_state", "reason_code", "pending_work_mode", "pending_reason_code", "split")
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    WORK_MODE_FIELD_NUMBER: _ClassVar[int]
    TALK_STATE_FIELD_NUMBER: _ClassVar[int]
    REASON_CODE_FIELD_NUMBER: _ClassVar[int]
    PENDING_WORK_MODE_FIELD_NUMBER: _ClassVar[int]
    PENDING_REASON_CODE_FIELD_NUMBER: _ClassVar[int]
    SPLIT_FIELD_NUMBER: _ClassVar[int]
    agent_id: str
    work_mode: _enums_pb2.WorkMode
    talk_state: _enums_pb2.TalkState
    reason_code: int
    pending_work_mode: _enums_pb2.WorkMode
    pending_reason_code: int
    split: str
    def __init__(self, agent_id: _Optional[str] = ..., work_mode: _Optional[_Union[_enums_pb2.WorkMode, str]] = ..., talk_state: _Optional[_Union[_enums_pb2.TalkState, str]] = ..., reason_code: _Optional[int] = ..., pending_work_mode: _Optional[_Union[_enums_pb2.WorkMode, str]] = ..., pending_reason_code: _Optional[int] = ..., split: _Optional[str] = ...) -> None: ...

class SplitAgent(_message.Message):
    __slots__ = ("extension", "agent_id", "work_mode", "talk_state", "reason_code")
    EXTENSION_FIELD_NUMBER: _ClassVar[int]
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    WORK_MODE_FIELD_NUMBER: _ClassVar[int]
    TALK_STATE_FIELD_NUMBER: _ClassVar[int]
    REASON_CODE_FIELD_NUMBER: _ClassVar[int]
    extension: str
    agent_id: str
    work_mode: _enums_pb2.WorkMode
    talk_state: _enums_pb2.TalkState
    reason_code: int
    def __init__(self, extension: _Optional[str] = ..., agent_id: _Optional[str] = ..., work_mode: _Optional[_Union[_enums_pb2.WorkMode, str]] = ..., talk_state: _Optional[_Union[_enums_pb2.TalkState, str]] = ..., reason_code: _Optional[int] = ...) -> None: ...
