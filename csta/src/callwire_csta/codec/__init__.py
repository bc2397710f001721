"""The CSTA codec: DMCC framing, ECMA-323 XML, ECMA-354 sessions and Avaya private data. No I/O.

Bytes in, typed messages out, and back: `FrameDecoder.feed(data)` gives `Frame`s, `decode(frame)` gives
the message; `encode(invoke_id, message)` gives the bytes to send. The decoder raises only `CodecError`
subclasses, whatever it is fed (see csta/tests/codec/test_fuzz.py).
"""

from __future__ import annotations

from . import _avaya, _callcontrol, _common, _events, _logical, _monitoring, _physical, _session, _system
from ._avaya import *  # noqa: F403
from ._callcontrol import *  # noqa: F403
from ._common import *  # noqa: F403
from ._error_code import CSTAErrorCode
from ._errors import CodecError, FramingError, UnknownMessageError, XmlDecodeError, XmlEncodeError
from ._events import *  # noqa: F403
from ._framing import EVENT_INVOKE_ID, MAX_FRAME_SIZE, MAX_INVOKE_ID, Frame, FrameDecoder, encode_frame
from ._logical import *  # noqa: F403
from ._monitoring import *  # noqa: F403
from ._physical import *  # noqa: F403
from ._schema import (
    AVAYA_NS,
    CSTA_NS,
    SESSION_NS,
    Message,
    decode_xml,
    namespace_slips,
    registered_messages,
)
from ._session import *  # noqa: F403
from ._system import *  # noqa: F403
from ._writer import encode_xml


def encode(invoke_id: int, msg: Message, *, max_size: int = MAX_FRAME_SIZE) -> bytes:
    """The framed bytes of `msg` under `invoke_id`."""
    return encode_frame(invoke_id, encode_xml(msg), max_size=max_size)


def decode(frame: Frame) -> Message:
    """The message in `frame`'s payload."""
    return decode_xml(frame.payload)


__all__ = [  # noqa: RUF022
    "AVAYA_NS",
    "CSTA_NS",
    "SESSION_NS",
    "EVENT_INVOKE_ID",
    "MAX_FRAME_SIZE",
    "MAX_INVOKE_ID",
    "CSTAErrorCode",
    "CodecError",
    "Frame",
    "FrameDecoder",
    "FramingError",
    "Message",
    "UnknownMessageError",
    "XmlDecodeError",
    "XmlEncodeError",
    "decode",
    "decode_xml",
    "encode",
    "encode_frame",
    "encode_xml",
    "namespace_slips",
    "registered_messages",
]
__all__ += _common.__all__
__all__ += _callcontrol.__all__
__all__ += _monitoring.__all__
__all__ += _logical.__all__
__all__ += _physical.__all__
__all__ += _events.__all__
__all__ += _avaya.__all__
__all__ += _system.__all__
__all__ += _session.__all__
