from callwire.device.v1 import enums_pb2 as _enums_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Button(_message.Message):
    __slots__ = ("button", "label", "label_settable", "function", "associated_number", "associated_number_settable", "press_indicator", "lamp_ids")
    BUTTON_FIELD_NUMBER: _ClassVar[int]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    LABEL_SETTABLE_FIELD_NUMBER: _ClassVar[int]
    FUNCTION_FIELD_NUMBER: _ClassVar[int]
    ASSOCIATED_NUMBER_FIELD_NUMBER: _ClassVar[int]
    ASSOCIATED_NUMBER_SETTABLE_FIELD_NUMBER: _ClassVar[int]
    PRESS_INDICATOR_FIELD_NUMBER: _ClassVar[int]
    LAMP_IDS_FIELD_NUMBER: _ClassVar[int]
    button: str
    label: str
    label_settable: bool
    function: str
    associated_number: str
    associated_number_settable: bool
    press_indicator: bool
    lamp_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, button: _Optional[str] = ..., label: _Optional[str] = ..., label_settable: _Optional[bool] = ..., function: _Optional[str] = ..., associated_number: _Optional[str] = ..., associated_number_settable: _Optional[bool] = ..., press_indicator: _Optional[bool] = ..., lamp_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class Lamp(_message.Message):
    __slots__ = ("lamp", "mode", "mode_code", "brightness", "color", "color_code", "button", "label")
    LAMP_FIELD_NUMBER: _ClassVar[int]
    MODE_FIELD_NUMBER: _ClassVar[int]
    MODE_CODE_FIELD_NUMBER: _ClassVar[int]
    BRIGHTNESS_FIELD_NUMBER: _ClassVar[int]
    COLOR_FIELD_NUMBER: _ClassVar[int]
    COLOR_CODE_FIELD_NUMBER: _ClassVar[int]
    BUTTON_FIELD_NUMBER: _ClassVar[int]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    lamp: str
    mode: _enums_pb2.LampMode
    mode_code: int
    brightness: _enums_pb2.LampBrightness
    color: _enums_pb2.LampColor
    color_code: int
    button: str
    label: str
    def __init__(self, lamp: _Optional[str] = ..., mode: _Optional[_Union[_enums_pb2.LampMode, str]] = ..., mode_code: _Optional[int] = ..., brightness: _Optional[_Union[_enums_pb2.LampBrightness, str]] = ..., color: _Optional[_Union[_enums_pb2.LampColor, str]] = ..., color_code: _Optional[int] = ..., button: _Optional[str] = ..., label: _Optional[str] = ...) -> None: ...

class Display(_message.Message):
    __slots__ = ("display_id", "logical_rows", "logical_columns", "physical_rows", "physical_columns", "physical_base_row_number", "physical_base_column_number", "character_set", "contents")
    DISPLAY_ID_FIELD_NUMBER: _ClassVar[int]
    LOGICAL_ROWS_FIELD_NUMBER: _ClassVar[int]
    LOGICAL_COLUMNS_FIELD_NUMBER: _ClassVar[int]
    PHYSICAL_ROWS_FIELD_NUMBER: _ClassVar[int]
    PHYSICAL_COLUMNS_FIELD_NUMBER: _ClassVar[int]
    PHYSICAL_BASE_ROW_NUMBER_FIELD_NUMBER: _ClassVar[int]
    PHYSICAL_BASE_COLUMN_NUMBER_FIELD_NUMBER: _ClassVar[int]
    CHARACTER_SET_FIELD_NUMBER: _ClassVar[int]
    CONTENTS_FIELD_NUMBER: _ClassVar[int]
    display_id: str
    logical_rows: int
    logical_columns: int
    physical_rows: int
    physical_columns: int
    physical_base_row_number: int
    physical_base_column_number: int
    character_set: _enums_pb2.CharacterSet
    contents: str
    def __init__(self, display_id: _Optional[str] = ..., logical_rows: _Optional[int] = ..., logical_columns: _Optional[int] = ..., physical_rows: _Optional[int] = ..., physical_columns: _Optional[int] = ..., physical_base_row_number: _Optional[int] = ..., physical_base_column_number: _Optional[int] = ..., character_set: _Optional[_Union[_enums_pb2.CharacterSet, str]] = ..., contents: _Optional[str] = ...) -> None: ...

class Hookswitch(_message.Message):
    __slots__ = ("hookswitch", "on_hook")
    HOOKSWITCH_FIELD_NUMBER: _ClassVar[int]
    ON_HOOK_FIELD_NUMBER: _ClassVar[int]
    hookswitch: str
    on_hook: bool
    def __init__(self, hookswitch: _Optional[str] = ..., on_hook: _Optional[bool] = ...) -> None: ...

class Ringer(_message.Message):
    __slots__ = ("ringer", "ring_mode", "ring_count", "ring_pattern", "ring_volume")
    RINGER_FIELD_NUMBER: _ClassVar[int]
    RING_MODE_FIELD_NUMBER: _ClassVar[int]
    RING_COUNT_FIELD_NUMBER: _ClassVar[int]
    RING_PATTERN_FIELD_NUMBER: _ClassVar[int]
    RING_VOLUME_FIELD_NUMBER: _ClassVar[int]
    ringer: str
    ring_mode: _enums_pb2.RingMode
    ring_count: int
    ring_pattern: int
    ring_volume: int
    def __init__(self, ringer: _Optional[str] = ..., ring_mode: _Optional[_Union[_enums_pb2.RingMode, str]] = ..., ring_count: _Optional[int] = ..., ring_pattern: _Optional[int] = ..., ring_volume: _Optional[int] = ...) -> None: ...

class DmccLink(_message.Message):
    __slots__ = ("link_name", "up", "auto_reconnect")
    LINK_NAME_FIELD_NUMBER: _ClassVar[int]
    UP_FIELD_NUMBER: _ClassVar[int]
    AUTO_RECONNECT_FIELD_NUMBER: _ClassVar[int]
    link_name: str
    up: bool
    auto_reconnect: bool
    def __init__(self, link_name: _Optional[str] = ..., up: _Optional[bool] = ..., auto_reconnect: _Optional[bool] = ...) -> None: ...
