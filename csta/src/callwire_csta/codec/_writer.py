"""The XML of a message written as text: the same bytes as building the lxml tree (`_schema.encode_xml`), in
a third of the time.

Encoding was a quarter of the work of a start-up with 20,000 stations (seven requests each, and the
simulator's seven answers), and lxml spends most of it creating elements that are serialised at once. This
writer follows `_schema`'s field declarations and lxml's serialisation rules (escapes, `<a/>` for an element
without text or children, `<a></a>` for an empty text, a namespace declared where it changes). What only lxml
decides goes to it: a character that needs checking (control characters, lone surrogates, a carriage return),
an attribute holding a quote or white space other than a blank, and an `xsi:type` below the root.
`csta/tests/codec/test_writer.py` holds both to the same bytes, and the test vectors hold them to the standard.
"""

from __future__ import annotations

import re
from typing import Any

from . import _schema
from ._schema import _ANY, _ATTR, _FLAG, _LIST, _TEXT, XSI_NS, Message, _fields, _scalar_to_text

_DECLARATION = "<?xml version='1.0' encoding='UTF-8'?>\n"
#: Text that is written as it is: no character to escape or to check.
_PLAIN = re.compile(r"[^&<>\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]*")
#: Text whose only special characters are the three escaped in text and in attributes.
_ESCAPABLE = re.compile(r"[^\x00-\x08\x0b\x0c\x0e-\x1f\r\x7f-\x9f\ud800-\udfff\ufffe\uffff]*")


class _NeedsLxml(Exception):
    """Something the text writer leaves to lxml (see the module docstring)."""


def encode_xml(msg: Message) -> bytes:
    """The UTF-8 XML document of `msg`, with an XML declaration; `XmlEncodeError` if a value is not XML text."""
    parts: list[str] = [_DECLARATION]
    try:
        _root(parts, msg, None)
    except _NeedsLxml:
        return _schema.encode_xml(msg)
    return "".join(parts).encode()


def _text(value: Any) -> str:
    text = value if type(value) is str else _scalar_to_text(value)
    if _PLAIN.fullmatch(text):
        return text
    if not _ESCAPABLE.fullmatch(text):
        raise _NeedsLxml
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attribute(value: Any) -> str:
    text = _text(value)
    if '"' in text or "\t" in text or "\n" in text:
        raise _NeedsLxml
    return text


def _root(parts: list[str], msg: Message, scope: str | None) -> None:
    ns = msg.XML_NS
    head = f"<{msg.XML_TAG}" if ns == scope else f'<{msg.XML_TAG} xmlns="{ns}"'
    if msg.XSI_TYPE:
        if scope is not None:
            raise _NeedsLxml  # lxml decides whether a nested root declares the prefix again
        head += f' xmlns:xsi="{XSI_NS}" xsi:type="{_attribute(msg.XSI_TYPE)}"'
    _element(parts, head, msg.XML_TAG, msg, ns)


def _element(parts: list[str], head: str, name: str, obj: Any, ns: str) -> None:
    """`obj`'s element: `head` is its start tag so far (name, declarations), `_fill`'s rules for the rest."""
    attributes = ""
    text: str | None = None
    content: list[str] = []
    for f in _fields(type(obj)):
        value = getattr(obj, f.attr_name)
        kind = f.spec.kind
        if kind == _TEXT:
            text = _text(value)
        elif value is None:
            continue
        elif kind == _ATTR:
            attributes += f' {f.spec.name}="{_attribute(value)}"'
        elif kind == _FLAG:
            if value:
                content.append(f"<{f.spec.name}/>")
        elif kind == _ANY:
            for child in value:
                _root(content, child, ns)
        elif kind == _LIST:
            items: list[str] = []
            for item in value:
                _sub(items, f.spec.item, item, ns)
            wrapper = f.spec.name
            content.append(f"<{wrapper}>{''.join(items)}</{wrapper}>" if items else f"<{wrapper}/>")
        elif f.is_tuple:  # a repeated element without a wrapper
            for item in value:
                _sub(content, f.spec.name, item, ns)
        else:
            _sub(content, f.spec.name, value, ns)
    if text is None and not content:
        parts.append(f"{head}{attributes}/>")
    else:
        parts.append(f"{head}{attributes}>{text or ''}{''.join(content)}</{name}>")


def _sub(parts: list[str], name: str, value: Any, ns: str) -> None:
    if hasattr(value, "__dataclass_fields__"):
        _element(parts, f"<{name}", name, value, ns)
    else:
        parts.append(f"<{name}>{_text(value)}</{name}>")
