from buf.validate import validate_pb2 as _validate_pb2
from callwire.agent.v1 import enums_pb2 as _enums_pb2
from callwire.agent.v1 import message_pb2 as _message_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class LoginRequest(_message.Message):
    __slots__ = ("extension", "agent_id", "password", "split", "initial_work_mode")
    EXTENSION_FIELD_NUMBER: _ClassVar[int]
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    PASSWORD_FIELD_NUMBER: _ClassVar[int]
    SPLIT_FIELD_NUMBER: _ClassVar[int]
    INITIAL_WORK_MODE_FIELD_NUMBER: _ClassVar[int]
    extension: str
    agent_id: str
    password: str
    split: str
    initial_work_mode: _enums_pb2.WorkMode
    def __init__(self, extension: _Optional[str] = ..., agent_id: _Optional[str] = ..., password: _Optional[str] = ..., split: _Optional[str] = ..., initial_work_mode: _Optional[_Union[_enums_pb2.WorkMode, str]] = ...) -> None: ...

class LoginResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class LogoutRequest(_message.Message):
    __slots__ = ("extension", "agent_id", "password", "split", "reason_code")
    EXTENSION_FIELD_NUMBER: _ClassVar[int]
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    PASSWORD_FIELD_NUMBER: _ClassVar[int]
    SPLIT_FIELD_NUMBER: _ClassVar[int]
    REASON_CODE_FIELD_NUMBER: _ClassVar[int]
    extension: str
    agent_id: str
    password: str
    split: str
    reason_code: int
    def __init__(self, extension: _Optional[str] = ..., agent_id: _Optional[str] = ..., password: _Optional[str] = ..., split: _Optional[str] = ..., reason_code: _Optional[int] = ...) -> None: ...

class LogoutResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class SetAgentStateRequest(_message.Message):
    __slots__ = ("extension", "work_mode", "reason_code", "enable_pending")
    EXTENSION_FIELD_NUMBER: _ClassVar[int]
    WORK_MODE_FIELD_NUMBER: _ClassVar[int]
    REASON_CODE_FIELD_NUMBER: _ClassVar[int]
    ENABLE_PENDING_FIELD_NUMBER: _ClassVar[int]
    extension: str
    work_mode: _enums_pb2.WorkMode
    reason_code: int
    enable_pending: bool
    def __init__(self, extension: _Optional[str] = ..., work_mode: _Optional[_Union[_enums_pb2.WorkMode, str]] = ..., reason_code: _Optional[int] = ..., enable_pending: _Optional[bool] = ...) -> None: ...

class SetAgentStateResponse(_message.Message):
    __slots__ = ("pending",)
    PENDING_FIELD_NUMBER: _ClassVar[int]
    pending: bool
    def __init__(self, pending: _Optional[bool] = ...) -> None: ...

class GetAgentStateRequest(_message.Message):
    __slots__ = ("extension", "split")
    EXTENSION_FIELD_NUMBER: _ClassVar[int]
    SPLIT_FIELD_NUMBER: _ClassVar[int]
    extension: str
    split: str
    def __init__(self, extension: _Optional[str] = ..., split: _Optional[str] = ...) -> None: ...

class GetAgentStateResponse(_message.Message):
    __slots__ = ("state",)
    STATE_FIELD_NUMBER: _ClassVar[int]
    state: _message_pb2.AgentState
    def __init__(self, state: _Optional[_Union[_message_pb2.AgentState, _Mapping]] = ...) -> None: ...

class GetAgentLoginRequest(_message.Message):
    __slots__ = ("split",)
    SPLIT_FIELD_NUMBER: _ClassVar[int]
    split: str
    def __init__(self, split: _Optional[str] = ...) -> None: ...

class GetAgentLoginResponse(_message.Message):
    __slots__ = ("split", "extensions")
    SPLIT_FIELD_NUMBER: _ClassVar[int]
    EXTENSIONS_FIELD_NUMBER: _ClassVar[int]
    split: str
    extensions: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, split: _Optional[str] = ..., extensions: _Optional[_Iterable[str]] = ...) -> None: ...

class GetSplitSkillStatusRequest(_message.Message):
    __slots__ = ("split",)
    SPLIT_FIELD_NUMBER: _ClassVar[int]
    split: str
    def __init__(self, split: _Optional[str] = ...) -> None: ...

class GetSplitSkillStatusResponse(_message.Message):
    __slots__ = ("split", "agents")
    SPLIT_FIELD_NUMBER: _ClassVar[int]
    AGENTS_FIELD_NUMBER: _ClassVar[int]
    split: str
    agents: _containers.RepeatedCompositeFieldContainer[_message_pb2.SplitAgent]
    def __init__(self, split: _Optional[str] = ..., agents: _Optional[_Iterable[_Union[_message_pb2.SplitAgent, _Mapping]]] = ...) -> None: ...
