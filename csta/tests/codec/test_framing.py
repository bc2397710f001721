"""ECMA-323 Annex J / DMCC framing: vectors checked both ways, and every way a header can be broken."""

from __future__ import annotations

import pytest

from callwire_csta.codec import EVENT_INVOKE_ID, Frame, FrameDecoder, FramingError, encode_frame

# A MonitorStart as a DMCC client sends it (device ID in the AES form).
MONITOR_START = (
    b'<MonitorStart xmlns="http://www.ecma-international.org/standards/ecma-323/csta/ed3">'
    b'<monitorObject><deviceObject typeOfNumber="other" mediaClass="notKnown">1001:CM1:192.0.2.10:0'
    b"</deviceObject></monitorObject></MonitorStart>"
)


def assert_frame_bytes(invoke_id: int, payload: bytes, expected: bytes) -> None:
    assert encode_frame(invoke_id, payload) == expected
    assert FrameDecoder().feed(expected) == [Frame(invoke_id, payload)]


def test_request_frame_both_ways() -> None:
    header = b"\x00\x00" + (8 + len(MONITOR_START)).to_bytes(2, "big") + b"0001"
    assert_frame_bytes(1, MONITOR_START, header + MONITOR_START)


def test_event_frame_uses_invoke_id_9999() -> None:
    assert_frame_bytes(EVENT_INVOKE_ID, b"<x/>", b"\x00\x00\x00\x0c9999<x/>")
    assert Frame(EVENT_INVOKE_ID, b"").is_event


def test_length_counts_bytes_not_characters() -> None:
    payload = "<n>Zoë 電話</n>".encode()
    frame = encode_frame(42, payload)
    assert int.from_bytes(frame[2:4], "big") == 8 + len(payload)
    assert FrameDecoder().feed(frame) == [Frame(42, payload)]


def test_frames_split_and_coalesced_across_reads() -> None:
    data = encode_frame(1, b"<a/>") + encode_frame(2, b"<bb/>") + encode_frame(9999, b"<c/>")
    decoder = FrameDecoder()
    got: list[Frame] = []
    for i in range(len(data)):
        got += decoder.feed(data[i : i + 1])
    assert [f.invoke_id for f in got] == [1, 2, 9999]
    assert decoder.buffered == 0


@pytest.mark.parametrize(
    ("header", "reason"),
    [
        (b"\x01\x00\x00\x0c0001", "format"),
        (b"\x00\x00\x00\x040001", "length 4"),
        (b"\x00\x00\x00\x0c00a1", "invoke ID"),
    ],
)
def test_broken_header_is_a_typed_error_and_poisons_the_stream(header: bytes, reason: str) -> None:
    decoder = FrameDecoder()
    with pytest.raises(FramingError, match=reason):
        decoder.feed(header + b"<x/>")
    with pytest.raises(FramingError):
        decoder.feed(encode_frame(1, b"<x/>"))


def test_frame_over_the_limit_is_refused_both_ways() -> None:
    with pytest.raises(FramingError, match="exceeds"):
        encode_frame(1, b"x" * 70_000)
    with pytest.raises(FramingError, match="exceeds"):
        encode_frame(1, b"x" * 100, max_size=64)
    decoder = FrameDecoder(max_size=1024)
    with pytest.raises(FramingError, match="outside"):
        decoder.feed(b"\x00\x00\x08\x000001")


def test_invoke_id_range() -> None:
    with pytest.raises(FramingError):
        encode_frame(10000, b"<x/>")
