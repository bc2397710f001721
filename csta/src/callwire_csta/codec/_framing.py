"""DMCC / ECMA-323 Annex J framing: an 8-byte header, then the XML payload. No I/O.

    bytes 0-1  format indicator 0x0000 (XML without SOAP)
    bytes 2-3  total frame length, header included, big-endian, in bytes
    bytes 4-7  invoke ID as 4 ASCII digits; 9999 marks an unsolicited event

`FrameDecoder` is fed whatever the socket delivers and yields complete frames (the websockets/h11
"receive_data -> events" shape). A broken header or an over-long frame raises `FramingError`; after
that the stream cannot be resynchronised and the link must be dropped.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

from ._errors import FramingError

HEADER_SIZE = 8
FORMAT_XML = 0x0000
EVENT_INVOKE_ID = 9999
MAX_INVOKE_ID = 9998
#: The 16-bit length field caps a frame at 65 535 bytes, header included.
MAX_FRAME_SIZE = 0xFFFF
_HEADER = struct.Struct(">HH4s")


@dataclass(frozen=True, slots=True)
class Frame:
    invoke_id: int
    payload: bytes

    @property
    def is_event(self) -> bool:
        return self.invoke_id == EVENT_INVOKE_ID


def encode_frame(invoke_id: int, payload: bytes, *, max_size: int = MAX_FRAME_SIZE) -> bytes:
    """Frame `payload` (already-encoded XML bytes) under `invoke_id` (0-9999)."""
    if not 0 <= invoke_id <= EVENT_INVOKE_ID:
        raise FramingError(f"invoke ID {invoke_id} is outside 0..9999")
    length = HEADER_SIZE + len(payload)
    if length > min(max_size, MAX_FRAME_SIZE):
        raise FramingError(f"frame of {length} bytes exceeds the limit of {min(max_size, MAX_FRAME_SIZE)}")
    return _HEADER.pack(FORMAT_XML, length, b"%04d" % invoke_id) + payload


class FrameDecoder:
    """Incremental frame parser: `feed(data)` returns the frames completed by `data`."""

    def __init__(self, *, max_size: int = MAX_FRAME_SIZE) -> None:
        self._buffer = bytearray()
        self._max_size = min(max_size, MAX_FRAME_SIZE)
        self._broken = False

    @property
    def buffered(self) -> int:
        """Bytes received but not yet part of a complete frame."""
        return len(self._buffer)

    def feed(self, data: bytes) -> list[Frame]:
        if self._broken:
            raise FramingError("the stream already failed to parse; it cannot be resynchronised")
        self._buffer += data
        frames: list[Frame] = []
        while len(self._buffer) >= HEADER_SIZE:
            fmt, length, raw_id = _HEADER.unpack_from(self._buffer)
            if fmt != FORMAT_XML:
                self._broken = True
                raise FramingError(f"unsupported frame format 0x{fmt:04x} (expected 0x0000, XML without SOAP)")
            if length < HEADER_SIZE or length > self._max_size:
                self._broken = True
                raise FramingError(f"frame length {length} is outside {HEADER_SIZE}..{self._max_size}")
            if not raw_id.isdigit():
                self._broken = True
                raise FramingError(f"invoke ID {bytes(raw_id)!r} is not 4 ASCII digits")
            if len(self._buffer) < length:
                break
            frames.append(Frame(int(raw_id), bytes(self._buffer[HEADER_SIZE:length])))
            del self._buffer[:length]
        return frames
