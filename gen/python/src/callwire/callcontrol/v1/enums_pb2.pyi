from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from typing import ClassVar as _ClassVar

DESCRIPTOR: _descriptor.FileDescriptor

class TransferMode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TRANSFER_MODE_UNSPECIFIED: _ClassVar[TransferMode]
    TRANSFER_MODE_AUTO: _ClassVar[TransferMode]
    TRANSFER_MODE_SINGLE_STEP: _ClassVar[TransferMode]
    TRANSFER_MODE_TWO_STEP: _ClassVar[TransferMode]

class ConferenceMode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CONFERENCE_MODE_UNSPECIFIED: _ClassVar[ConferenceMode]
    CONFERENCE_MODE_AUTO: _ClassVar[ConferenceMode]
    CONFERENCE_MODE_SINGLE_STEP: _ClassVar[ConferenceMode]
    CONFERENCE_MODE_TWO_STEP: _ClassVar[ConferenceMode]

class Participation(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PARTICIPATION_UNSPECIFIED: _ClassVar[Participation]
    PARTICIPATION_ACTIVE: _ClassVar[Participation]
    PARTICIPATION_SILENT: _ClassVar[Participation]

class PhantomWaitEvent(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PHANTOM_WAIT_EVENT_UNSPECIFIED: _ClassVar[PhantomWaitEvent]
    PHANTOM_WAIT_EVENT_CONNECT: _ClassVar[PhantomWaitEvent]
    PHANTOM_WAIT_EVENT_DISCONNECT: _ClassVar[PhantomWaitEvent]
TRANSFER_MODE_UNSPECIFIED: TransferMode
TRANSFER_MODE_AUTO: TransferMode
TRANSFER_MODE_SINGLE_STEP: TransferMode
TRANSFER_MODE_TWO_STEP: TransferMode
CONFERENCE_MODE_UNSPECIFIED: ConferenceMode
CONFERENCE_MODE_AUTO: ConferenceMode
CONFERENCE_MODE_SINGLE_STEP: ConferenceMode
CONFERENCE_MODE_TWO_STEP: ConferenceMode
PARTICIPATION_UNSPECIFIED: Participation
PARTICIPATION_ACTIVE: Participation
PARTICIPATION_SILENT: Participation
PHANTOM_WAIT_EVENT_UNSPECIFIED: PhantomWaitEvent
PHANTOM_WAIT_EVENT_CONNECT: PhantomWaitEvent
PHANTOM_WAIT_EVENT_DISCONNECT: PhantomWaitEvent
