from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from typing import ClassVar as _ClassVar

DESCRIPTOR: _descriptor.FileDescriptor

class LampMode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    LAMP_MODE_UNSPECIFIED: _ClassVar[LampMode]
    LAMP_MODE_BROKEN_FLUTTER: _ClassVar[LampMode]
    LAMP_MODE_FLUTTER: _ClassVar[LampMode]
    LAMP_MODE_OFF: _ClassVar[LampMode]
    LAMP_MODE_STEADY: _ClassVar[LampMode]
    LAMP_MODE_WINK: _ClassVar[LampMode]
    LAMP_MODE_OTHER: _ClassVar[LampMode]

class LampBrightness(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    LAMP_BRIGHTNESS_UNSPECIFIED: _ClassVar[LampBrightness]
    LAMP_BRIGHTNESS_NORMAL: _ClassVar[LampBrightness]
    LAMP_BRIGHTNESS_DIM: _ClassVar[LampBrightness]
    LAMP_BRIGHTNESS_BRIGHT: _ClassVar[LampBrightness]

class LampColor(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    LAMP_COLOR_UNSPECIFIED: _ClassVar[LampColor]
    LAMP_COLOR_NO_COLOR: _ClassVar[LampColor]
    LAMP_COLOR_RED: _ClassVar[LampColor]
    LAMP_COLOR_YELLOW: _ClassVar[LampColor]
    LAMP_COLOR_GREEN: _ClassVar[LampColor]
    LAMP_COLOR_BLUE: _ClassVar[LampColor]
    LAMP_COLOR_OTHER: _ClassVar[LampColor]

class RingMode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    RING_MODE_UNSPECIFIED: _ClassVar[RingMode]
    RING_MODE_RINGING: _ClassVar[RingMode]
    RING_MODE_NOT_RINGING: _ClassVar[RingMode]

class CharacterSet(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CHARACTER_SET_UNSPECIFIED: _ClassVar[CharacterSet]
    CHARACTER_SET_ASCII: _ClassVar[CharacterSet]
    CHARACTER_SET_UNICODE: _ClassVar[CharacterSet]
    CHARACTER_SET_PROPRIETARY: _ClassVar[CharacterSet]

class RegistrationState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    REGISTRATION_STATE_UNSPECIFIED: _ClassVar[RegistrationState]
    REGISTRATION_STATE_IDLE: _ClassVar[RegistrationState]
    REGISTRATION_STATE_REGISTERING: _ClassVar[RegistrationState]
    REGISTRATION_STATE_REGISTERED: _ClassVar[RegistrationState]
    REGISTRATION_STATE_UNREGISTERING: _ClassVar[RegistrationState]
LAMP_MODE_UNSPECIFIED: LampMode
LAMP_MODE_BROKEN_FLUTTER: LampMode
LAMP_MODE_FLUTTER: LampMode
LAMP_MODE_OFF: LampMode
LAMP_MODE_STEADY: LampMode
LAMP_MODE_WINK: LampMode
LAMP_MODE_OTHER: LampMode
LAMP_BRIGHTNESS_UNSPECIFIED: LampBrightness
LAMP_BRIGHTNESS_NORMAL: LampBrightness
LAMP_BRIGHTNESS_DIM: LampBrightness
LAMP_BRIGHTNESS_BRIGHT: LampBrightness
LAMP_COLOR_UNSPECIFIED: LampColor
LAMP_COLOR_NO_COLOR: LampColor
LAMP_COLOR_RED: LampColor
LAMP_COLOR_YELLOW: LampColor
LAMP_COLOR_GREEN: LampColor
LAMP_COLOR_BLUE: LampColor
LAMP_COLOR_OTHER: LampColor
RING_MODE_UNSPECIFIED: RingMode
RING_MODE_RINGING: RingMode
RING_MODE_NOT_RINGING: RingMode
CHARACTER_SET_UNSPECIFIED: CharacterSet
CHARACTER_SET_ASCII: CharacterSet
CHARACTER_SET_UNICODE: CharacterSet
CHARACTER_SET_PROPRIETARY: CharacterSet
REGISTRATION_STATE_UNSPECIFIED: RegistrationState
REGISTRATION_STATE_IDLE: RegistrationState
REGISTRATION_STATE_REGISTERING: RegistrationState
REGISTRATION_STATE_REGISTERED: RegistrationState
REGISTRATION_STATE_UNREGISTERING: RegistrationState
