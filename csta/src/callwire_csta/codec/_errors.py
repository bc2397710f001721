"""The codec's documented errors. The decoder raises only `CodecError` subclasses, whatever the input."""

from __future__ import annotations


class CodecError(Exception):
    """Bytes or XML that are not a valid CSTA message. The only exception the codec raises on input."""


class FramingError(CodecError):
    """A frame header that is broken, or a frame over the size limit."""


class XmlEncodeError(CodecError):
    """A message that cannot be written as XML 1.0: it holds a control character, U+FFFE/U+FFFF or a lone surrogate."""


class XmlDecodeError(CodecError):
    """A payload that is not well-formed XML, is hostile (DTD, entities), or does not match its schema."""


class UnknownMessageError(XmlDecodeError):
    """Well-formed XML whose root element is not a message this codec knows."""

    def __init__(self, namespace: str, tag: str) -> None:
        super().__init__(f"unknown message <{tag}> in namespace {namespace!r}")
        self.namespace = namespace
        self.tag = tag
