"""The text writer (`_writer.encode_xml`, what `encode_xml` is) against the lxml tree (`_schema.encode_xml`): the
same bytes for every test vector and for any text a field may hold, or the same refusal."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_vectors import VECTORS

from callwire_csta.codec import (
    ApplicationInfo,
    ApplicationSpecificInfo,
    CommonArguments,
    DeviceID,
    MakeCall,
    Message,
    Private,
    PrivateData,
    SessionLoginInfo,
    StartApplicationSession,
    TypeOfNumber,
    XmlEncodeError,
    _schema,
    _writer,
)


def _both(msg: Message) -> tuple[bytes | type[Exception], bytes | type[Exception]]:
    out: list[bytes | type[Exception]] = []
    for encode in (_writer.encode_xml, _schema.encode_xml):
        try:
            out.append(encode(msg))
        except XmlEncodeError:
            out.append(XmlEncodeError)
    return out[0], out[1]


@pytest.mark.parametrize(("msg", "expected"), VECTORS, ids=[type(m).__name__ for m, _ in VECTORS])
def test_every_vector_is_written_as_lxml_writes_it(msg: Message, expected: bytes) -> None:
    assert _writer.encode_xml(msg) == _schema.encode_xml(msg) == expected


def _call(text: str, media: str) -> MakeCall:
    return MakeCall(
        calling_device=DeviceID(value=text, type_of_number=TypeOfNumber.DIALING_NUMBER, media_class=media),
        called_directory_number=DeviceID(value=f"<{text}&>"),
    )


#: Any code point, lone surrogates and control characters included: what is not XML text must be refused alike.
ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=12)


@given(ANY_TEXT, ANY_TEXT)
def test_any_text_in_elements_and_attributes(text: str, media: str) -> None:
    writer, lxml = _both(_call(text, media))
    assert writer == lxml


@pytest.mark.parametrize(
    "text", ["plain", "", "a&b<c>d", "tab\there\nnew line", "cr\rlf", "quote\"'", "é ü 中 \U0001f600", "\x7f\x85"]
)
def test_escapes_match(text: str) -> None:
    writer, lxml = _both(_call(text, text))
    assert writer == lxml


def test_nested_roots_declare_their_namespace_only_where_it_changes() -> None:
    login = SessionLoginInfo(user_name="u&1", password="p", session_cleanup_delay=60)
    start = StartApplicationSession(
        application_info=ApplicationInfo(
            application_id="app", application_specific_info=ApplicationSpecificInfo(items=(login,))
        ),
        requested_protocol_versions=("v1", "v2"),
        requested_session_duration=180,
    )
    private = MakeCall(
        calling_device=DeviceID(value="101"),
        called_directory_number=DeviceID(value="102"),
        extensions=CommonArguments(private_data=PrivateData(private=Private(items=(login, _call("1", "m"))))),
    )
    for msg in (start, private):
        writer, lxml = _both(msg)
        assert isinstance(writer, bytes)
        assert writer == lxml
