from buf.validate import validate_pb2 as _validate_pb2
from callwire.device.v1 import enums_pb2 as _enums_pb2
from callwire.device.v1 import message_pb2 as _message_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class GetLinkStatusRequest(_message.Message):
    __slots__ = ("link_name",)
    LINK_NAME_FIELD_NUMBER: _ClassVar[int]
    link_name: str
    def __init__(self, link_name: _Optional[str] = ...) -> None: ...

class GetLinkStatusResponse(_message.Message):
    __slots__ = ("links",)
    LINKS_FIELD_NUMBER: _ClassVar[int]
    links: _containers.RepeatedCompositeFieldContainer[_message_pb2.DmccLink]
    def __init__(self, links: _Optional[_Iterable[_Union[_message_pb2.DmccLink, _Mapping]]] = ...) -> None: ...

class GetButtonInformationRequest(_message.Message):
    __slots__ = ("extension", "button")
    EXTENSION_FIELD_NUMBER: _ClassVar[int]
    BUTTON_FIELD_NUMBER: _ClassVar[int]
    extension: str
    button: str
    def __init__(self, extension: _Optional[str] = ..., button: _Optional[str] = ...) -> None: ...

class GetButtonInformationResponse(_message.Message):
    __slots__ = ("buttons",)
    BUTTONS_FIELD_NUMBER: _ClassVar[int]
    buttons: _containers.RepeatedCompositeFieldContainer[_message_pb2.Button]
    def __init__(self, buttons: _Optional[_Iterable[_Union[_message_pb2.Button, _Mapping]]] = ...) -> None: ...

class GetLampModeRequest(_message.Message):
    __slots__ = ("extension", "lamp")
    EXTENSION_FIELD_NUMBER: _ClassVar[int]
    LAMP_FIELD_NUMBER: _ClassVar[int]
    extension: str
    lamp: str
    def __init__(self, extension: _Optional[str] = ..., lamp: _Optional[str] = ...) -> None: ...

class GetLampModeResponse(_message.Message):
    __slots__ = ("lamps",)
    LAMPS_FIELD_NUMBER: _ClassVar[int]
    lamps: _containers.RepeatedCompositeFieldContainer[_message_pb2.Lamp]
    def __init__(self, lamps: _Optional[_Iterable[_Union[_message_pb2.Lamp, _Mapping]]] = ...) -> None: ...

class GetDisplayRequest(_message.Message):
    __slots__ = ("extension", "display_id")
    EXTENSION_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_ID_FIELD_NUMBER: _ClassVar[int]
    extension: str
    display_id: str
    def __init__(self, extension: _Optional[str] = ..., display_id: _Optional[str] = ...) -> None: ...

class GetDisplayResponse(_message.Message):
    __slots__ = ("displays",)
    DISPLAYS_FIELD_NUMBER: _ClassVar[int]
    displays: _containers.RepeatedCompositeFieldContainer[_message_pb2.Display]
    def __init__(self, displays: _Optional[_Iterable[_Union[_message_pb2.Display, _Mapping]]] = ...) -> None: ...

class GetHookswitchStatusRequest(_message.Message):
    __slots__ = ("extension", "hookswitch")
    EXTENSION_FIELD_NUMBER: _ClassVar[int]
    HOOKSWITCH_FIELD_NUMBER: _ClassVar[int]
    extension: str
    hookswitch: str
    def __init__(self, extension: _Optional[str] = ..., hookswitch: _Optional[str] = ...) -> None: ...

class GetHookswitchStatusResponse(_message.Message):
    __slots__ = ("hookswitches",)
    HOOKSWITCHES_FIELD_NUMBER: _ClassVar[int]
    hookswitches: _containers.RepeatedCompositeFieldContainer[_message_pb2.Hookswitch]
    def __init__(self, hookswitches: _Optional[_Iterable[_Union[_message_pb2.Hookswitch, _Mapping]]] = ...) -> None: ...

class GetRingerStatusRequest(_message.Message):
    __slots__ = ("extension", "ringer")
    EXTENSION_FIELD_NUMBER: _ClassVar[int]
    RINGER_FIELD_NUMBER: _ClassVar[int]
    extension: str
    ringer: str
    def __init__(self, extension: _Optional[str] = ..., ringer: _Optional[str] = ...) -> None: ...

class GetRingerStatusResponse(_message.Message):
    __slots__ = ("ringers",)
    RINGERS_FIELD_NUMBER: _ClassVar[int]
    ringers: _containers.RepeatedCompositeFieldContainer[_message_pb2.Ringer]
    def __init__(self, ringers: _Optional[_Iterable[_Union[_message_pb2.Ringer, _Mapping]]] = ...) -> None: ...

class GetRegistrationStateRequest(_message.Message):
    __slots__ = ("extension",)
    EXTENSION_FIELD_NUMBER: _ClassVar[int]
    extension: str
    def __init__(self, extension: _Optional[str] = ...) -> None: ...

class GetRegistrationStateResponse(_message.Message):
    __slots__ = ("state", "gatekeeper_address")
    STATE_FIELD_NUMBER: _ClassVar[int]
    GATEKEEPER_ADDRESS_FIELD_NUMBER: _ClassVar[int]
    state: _enums_pb2.RegistrationState
    gatekeeper_address: str
    def __init__(self, state: _Optional[_Union[_enums_pb2.RegistrationState, str]] = ..., gatekeeper_address: _Optional[str] = ...) -> None: ...

class ValidateDeviceSecurityCodeRequest(_message.Message):
    __slots__ = ("extension", "security_code")
    EXTENSION_FIELD_NUMBER: _ClassVar[int]
    SECURITY_CODE_FIELD_NUMBER: _ClassVar[int]
    extension: str
    security_code: str
    def __init__(self, extension: _Optional[str] = ..., security_code: _Optional[str] = ...) -> None: ...

class ValidateDeviceSecurityCodeResponse(_message.Message):
    __slots__ = ("valid", "reason")
    VALID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    valid: bool
    reason: str
    def __init__(self, valid: _Optional[bool] = ..., reason: _Optional[str] = ...) -> None: ...

class ChangeDeviceSecurityCodeRequest(_message.Message):
    __slots__ = ("extension", "old_security_code", "new_security_code")
    EXTENSION_FIELD_NUMBER: _ClassVar[int]
    OLD_SECURITY_CODE_FIELD_NUMBER: _ClassVar[int]
    NEW_SECURITY_CODE_FIELD_NUMBER: _ClassVar[int]
    extension: str
    old_security_code: str
    new_security_code: str
    def __init__(self, extension: _Optional[str] = ..., old_security_code: _Optional[str] = ..., new_security_code: _Optional[str] = ...) -> None: ...

class ChangeDeviceSecurityCodeResponse(_message.Message):
    __slots__ = ("changed", "reason")
    CHANGED_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    changed: bool
    reason: str
    def __init__(self, changed: _Optional[bool] = ..., reason: _Optional[str] = ...) -> None: ...

class PressButtonRequest(_message.Message):
    __slots__ = ("extension", "button")
    EXTENSION_FIELD_NUMBER: _ClassVar[int]
    BUTTON_FIELD_NUMBER: _ClassVar[int]
    extension: str
    button: str
    def __init__(self, extension: _Optional[str] = ..., button: _Optional[str] = ...) -> None: ...

class PressButtonResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class SetHookswitchStatusRequest(_message.Message):
    __slots__ = ("extension", "hookswitch", "on_hook")
    EXTENSION_FIELD_NUMBER: _ClassVar[int]
    HOOKSWITCH_FIELD_NUMBER: _ClassVar[int]
    ON_HOOK_FIELD_NUMBER: _ClassVar[int]
    extension: str
    hookswitch: str
    on_hook: bool
    def __init__(self, extension: _Optional[str] = ..., hookswitch: _Optional[str] = ..., on_hook: _Optional[bool] = ...) -> None: ...

class SetHookswitchStatusResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...
