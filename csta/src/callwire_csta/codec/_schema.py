"""Declarative XML binding for CSTA messages: frozen dataclasses in, bytes out, and back. No I/O.

A message is a frozen, keyword-only dataclass decorated with `@message(tag, namespace)`; a nested type
uses `@complex_type`. Fields are declared in schema order, because XML element order is significant:

    @message("MakeCall")
    class MakeCall:
        calling_device: DeviceID = el("callingDevice")
        called_directory_number: DeviceID = el("calledDirectoryNumber")
        user_data: UserData | None = el("userData", default=None)

Field kinds: `el(name)` a child element; `el(name, item=...)` a list wrapper element whose children are
`item` elements; `text()` the element's own text; `attr(name)` an attribute; `flag(name)` an empty
element present when True (`<notKnown/>`); `any_el(default=())` foreign root messages (private data, session
login info), each in its own namespace. Python types: str, int, bool, bytes (hexBinary), StrEnum
subclasses, complex types, `tuple[T, ...]` for lists, `T | None` for optional.

Children are written in the namespace of the message that contains them (ECMA-323 qualifies local
elements with the schema's target namespace; the Avaya private types do the same with theirs). The
decoder matches children by local name only, so it accepts peers that put CSTA requests under the
`.../ed3/privN` protocol-version namespace, as some DMCC clients do.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar

from lxml import etree

from ._errors import UnknownMessageError, XmlDecodeError, XmlEncodeError

CSTA_NS = "http://www.ecma-international.org/standards/ecma-323/csta/ed3"
AVAYA_NS = "http://www.avaya.com/csta"
SESSION_NS = "http://www.ecma-international.org/standards/ecma-354/appl_session"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
_CSTA_NS_PREFIX = "http://www.ecma-international.org/standards/ecma-323/csta/"

T = TypeVar("T")

_ELEMENT, _LIST, _TEXT, _ATTR, _FLAG, _ANY = range(6)


@dataclass(frozen=True, slots=True)
class _Spec:
    kind: int
    name: str = ""
    item: str = ""


def el(name: str, *, item: str = "", default: Any = dataclasses.MISSING) -> Any:
    """A child element (or, with `item`, a list wrapper whose children are `item` elements; default `()`)."""
    return dataclasses.field(default=default, metadata={"xml": _Spec(_LIST if item else _ELEMENT, name, item)})


def text(*, default: Any = dataclasses.MISSING) -> Any:
    """The element's own text content."""
    return dataclasses.field(default=default, metadata={"xml": _Spec(_TEXT)})


def attr(name: str, *, default: Any = None) -> Any:
    """An XML attribute."""
    return dataclasses.field(default=default, metadata={"xml": _Spec(_ATTR, name)})


def flag(name: str, *, default: bool = False) -> Any:
    """An empty element, present when the field is True. Declare with `default=False` (PEP 681 needs it)."""
    return dataclasses.field(default=default, metadata={"xml": _Spec(_FLAG, name)})


def any_el(*, default: tuple[()] = ()) -> Any:
    """Foreign root messages embedded as children (private data, session login info); `default=()`."""
    return dataclasses.field(default=default, metadata={"xml": _Spec(_ANY)})


@dataclass(frozen=True, slots=True)
class _Field:
    attr_name: str
    spec: _Spec
    py_type: Any  # the unwrapped type: str, int, bool, bytes, an enum, a complex type, or Message for any
    optional: bool
    required: bool
    is_tuple: bool
    is_complex: bool  # a dataclass type, read recursively (cached so decoding does no reflection)


@typing.dataclass_transform(kw_only_default=True, frozen_default=True, field_specifiers=(el, text, attr, flag, any_el))
class Message:
    """Base of every root message. `XML_TAG`/`XML_NS` are set by `@message`, which makes it a dataclass."""

    XML_TAG: ClassVar[str]
    XML_NS: ClassVar[str]
    XSI_TYPE: ClassVar[str | None] = None


_REGISTRY: dict[tuple[str, str], type[Message]] = {}
_BY_TAG: dict[str, list[type[Message]]] = {}
_FIELDS: dict[type, tuple[_Field, ...]] = {}


def _dataclass(cls: type[T]) -> type[T]:
    return dataclass(frozen=True, kw_only=True, slots=True)(cls)


@typing.dataclass_transform(kw_only_default=True, frozen_default=True, field_specifiers=(el, text, attr, flag, any_el))
def complex_type(cls: type[T]) -> type[T]:
    """Declare a nested XML type (not a root message)."""
    return _dataclass(cls)


def message(tag: str, namespace: str = CSTA_NS, *, xsi_type: str | None = None) -> Callable[[type[T]], type[T]]:
    """Declare a root message `<tag xmlns=namespace>` and register it for decoding."""

    def wrap(cls: type[T]) -> type[T]:
        if not issubclass(cls, Message):
            raise TypeError(f"{cls.__name__} must subclass Message")
        cls.XML_TAG = tag
        cls.XML_NS = namespace
        cls.XSI_TYPE = xsi_type
        out = _dataclass(cls)
        key = (namespace, tag)
        if key in _REGISTRY:
            raise TypeError(f"message <{tag}> in {namespace} is declared twice")
        _REGISTRY[key] = typing.cast(type[Message], out)
        _BY_TAG.setdefault(tag, []).append(typing.cast(type[Message], out))
        return out

    return wrap


def registered_messages() -> dict[tuple[str, str], type[Message]]:
    """Every registered root message, by (namespace, tag)."""
    return dict(_REGISTRY)


def _fields(cls: type) -> tuple[_Field, ...]:
    cached = _FIELDS.get(cls)
    if cached is not None:
        return cached
    hints = typing.get_type_hints(cls)
    out: list[_Field] = []
    for f in dataclasses.fields(cls):
        spec = f.metadata.get("xml")
        if spec is None:
            raise TypeError(f"{cls.__name__}.{f.name} has no XML declaration")
        tp = hints[f.name]
        optional = False
        if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            optional = len(args) != len(typing.get_args(tp))
            if len(args) != 1:
                raise TypeError(f"{cls.__name__}.{f.name}: only `T | None` unions are supported")
            tp = args[0]
        is_tuple = typing.get_origin(tp) is tuple
        if is_tuple:
            tp = typing.get_args(tp)[0]
        required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING and not optional
        is_complex = isinstance(tp, type) and dataclasses.is_dataclass(tp)
        out.append(_Field(f.name, spec, tp, optional, required, is_tuple, is_complex))
    result = tuple(out)
    _FIELDS[cls] = result
    return result


# ---------------------------------------------------------------------------------------------- encode


def _scalar_to_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, bytes):
        return value.hex().upper()
    return str(value)


def _fill(node: etree._Element, obj: Any, ns: str) -> None:
    for f in _fields(type(obj)):
        value = getattr(obj, f.attr_name)
        kind = f.spec.kind
        if kind == _TEXT:
            node.text = _scalar_to_text(value)
        elif value is None:
            continue
        elif kind == _ATTR:
            node.set(f.spec.name, _scalar_to_text(value))
        elif kind == _FLAG:
            if value:
                etree.SubElement(node, f"{{{ns}}}{f.spec.name}")
        elif kind == _ANY:
            for child in value:
                node.append(_build(child))
        elif kind == _LIST:
            wrapper = etree.SubElement(node, f"{{{ns}}}{f.spec.name}")
            for item in value:
                _sub(wrapper, f.spec.item, item, ns)
        elif f.is_tuple:  # a repeated element without a wrapper
            for item in value:
                _sub(node, f.spec.name, item, ns)
        else:
            _sub(node, f.spec.name, value, ns)


def _sub(parent: etree._Element, name: str, value: Any, ns: str) -> None:
    child = etree.SubElement(parent, f"{{{ns}}}{name}")
    if dataclasses.is_dataclass(value):
        _fill(child, value, ns)
    else:
        child.text = _scalar_to_text(value)


def _build(msg: Message) -> etree._Element:
    nsmap: dict[str | None, str] = {None: msg.XML_NS}
    if msg.XSI_TYPE:
        nsmap["xsi"] = XSI_NS
    root = etree.Element(f"{{{msg.XML_NS}}}{msg.XML_TAG}", nsmap=nsmap)
    if msg.XSI_TYPE:
        root.set(f"{{{XSI_NS}}}type", msg.XSI_TYPE)
    _fill(root, msg, msg.XML_NS)
    return root


def encode_xml(msg: Message) -> bytes:
    """The UTF-8 XML document of `msg`, with an XML declaration; `XmlEncodeError` if a value is not XML text."""
    try:
        return typing.cast(bytes, etree.tostring(_build(msg), xml_declaration=True, encoding="UTF-8"))
    except ValueError as exc:
        # lxml refuses characters XML 1.0 does not allow, UTF-8 refuses lone surrogates; anything else is a bug.
        if not isinstance(exc, UnicodeEncodeError) and "XML compatible" not in str(exc):
            raise
        raise XmlEncodeError(f"{msg.XML_TAG} holds a character XML does not allow: {exc}") from None


# ---------------------------------------------------------------------------------------------- decode

_PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    dtd_validation=False,
    huge_tree=False,
    remove_comments=True,
    remove_pis=True,
)
#: Nesting deeper than any CSTA message needs is refused before it can cost memory or stack.
MAX_DEPTH = 32


def _local(tag: Any) -> str:
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def _ns(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def _text_to_scalar(tp: Any, raw: str | None, where: str) -> Any:
    value = (raw or "").strip()
    try:
        if tp is str:
            return raw or ""
        if tp is bool:
            if value in ("true", "1"):
                return True
            if value in ("false", "0"):
                return False
            raise ValueError(value)
        if tp is int:
            return int(value)
        if tp is bytes:
            return bytes.fromhex(value)
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return tp(value)
    except ValueError:
        raise XmlDecodeError(f"{where}: {value!r} is not a valid {getattr(tp, '__name__', tp)}") from None
    raise TypeError(f"unsupported field type {tp!r}")


def _read(cls: type, node: etree._Element, where: str, depth: int) -> Any:
    if depth > MAX_DEPTH:
        raise XmlDecodeError(f"{where}: nesting deeper than {MAX_DEPTH} levels")
    children: dict[str, list[etree._Element]] = {}
    for child in node:
        tag = child.tag
        if isinstance(tag, str):
            local = tag[tag.find("}") + 1 :]
            found = children.get(local)
            if found is None:
                children[local] = [child]
            else:
                found.append(child)
    kwargs: dict[str, Any] = {}
    for f in _fields(cls):
        kind = f.spec.kind
        if kind in (_ELEMENT, _LIST):
            nodes = children.get(f.spec.name)
            if nodes is None:
                if f.required:
                    raise XmlDecodeError(f"{where}/{f.spec.name}: required element is missing")
                continue
            if kind == _LIST:
                path = f"{where}/{f.spec.name}"
                item = f.spec.item
                kwargs[f.attr_name] = tuple(
                    _element_value(f, c, path, item, depth)
                    for c in nodes[0]
                    if isinstance(c.tag, str) and c.tag[c.tag.find("}") + 1 :] == item
                )
            elif f.is_tuple:
                kwargs[f.attr_name] = tuple(_element_value(f, c, where, f.spec.name, depth) for c in nodes)
            else:
                kwargs[f.attr_name] = _element_value(f, nodes[0], where, f.spec.name, depth)
        elif kind == _TEXT:
            kwargs[f.attr_name] = _text_to_scalar(f.py_type, node.text, where)
        elif kind == _ATTR:
            raw = node.get(f.spec.name)
            if raw is not None:
                kwargs[f.attr_name] = _text_to_scalar(f.py_type, raw, f"{where}/{f.spec.name}")
        elif kind == _FLAG:
            kwargs[f.attr_name] = f.spec.name in children
        else:  # _ANY: registered foreign messages; unknown vendor elements are skipped, not fatal
            items = []
            for child in node:
                if isinstance(child.tag, str):
                    key = (_ns(child.tag), _local(child.tag))
                    found_cls = _REGISTRY.get(key) or _lenient(key[0], key[1])
                    if found_cls is not None:
                        items.append(_read(found_cls, child, f"{where}/{key[1]}", depth + 1))
            kwargs[f.attr_name] = tuple(items)
    try:
        return cls(**kwargs)
    except TypeError as exc:
        raise XmlDecodeError(f"{where}: {exc}") from None


def _element_value(f: _Field, node: etree._Element, where: str, name: str, depth: int) -> Any:
    if f.is_complex:
        return _read(f.py_type, node, f"{where}/{name}", depth + 1)
    if len(node):
        raise XmlDecodeError(f"{where}/{name}: expected text, found child elements")
    return _text_to_scalar(f.py_type, node.text, f"{where}/{name}")


def _lenient(ns: str, local: str) -> type[Message] | None:
    """A message written in no namespace, or Avaya's in the CSTA or ECMA-354 default namespace it sits in: AES
    accepts both from clients (e.g. `<SessionLoginInfo>` inside StartApplicationSession without its own xmlns).
    The CSTA name wins when both namespaces declare the same local name."""
    if ns and ns != SESSION_NS and not ns.startswith(_CSTA_NS_PREFIX):
        return None
    return _REGISTRY.get((CSTA_NS, local)) or _REGISTRY.get((AVAYA_NS, local))


def _lookup(tag: str) -> type[Message]:
    ns, local = _ns(tag), _local(tag)
    cls = _REGISTRY.get((ns, local))
    if cls is not None:
        return cls
    # .../ed3/privN and later editions use the same element names; no namespace at all is accepted too
    cls = _lenient(ns, local)
    if cls is not None:
        return cls
    raise UnknownMessageError(ns, local)


def decode_xml(data: bytes) -> Message:
    """Parse one XML document into its registered message. Raises only `XmlDecodeError` subclasses."""
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise XmlDecodeError("document type declarations and entities are not accepted")
    try:
        root = etree.fromstring(data, _PARSER)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise XmlDecodeError(f"malformed XML: {exc}") from None
    if root is None or not isinstance(root.tag, str):
        raise XmlDecodeError("no root element")
    docinfo = root.getroottree().docinfo
    if docinfo.internalDTD is not None or docinfo.doctype:  # e.g. a DTD in a UTF-16 document
        raise XmlDecodeError("document type declarations and entities are not accepted")
    cls = _lookup(root.tag)
    return typing.cast(Message, _read(cls, root, cls.XML_TAG, 0))


#: Vendor elements nested in a message that carry their own namespace.
_FOREIGN_PARTS = frozenset({"SessionLoginInfo", "AvayaEvents"})


def namespace_slips(data: bytes) -> list[tuple[str, str, str]]:
    """What `decode_xml` tolerated in `data`: (element, its namespace, the expected one) for a root message
    or a nested vendor part (SessionLoginInfo, AvayaEvents) outside its namespace. Any CSTA edition's
    namespace counts as the CSTA one. Empty for a document that cannot be parsed."""
    try:
        root = etree.fromstring(data, _PARSER)
    except (etree.XMLSyntaxError, ValueError):
        return []
    if root is None:
        return []
    expected_ns: dict[str, list[str]] = {}
    for ns, local in _REGISTRY:
        expected_ns.setdefault(local, []).append(ns)
    slips: list[tuple[str, str, str]] = []
    for node in root.iter():
        if not isinstance(node.tag, str) or (node is not root and _local(node.tag) not in _FOREIGN_PARTS):
            continue
        local, got = _local(node.tag), _ns(node.tag)
        expected = expected_ns.get(local, [])
        if not expected or got in expected:
            continue
        if got.startswith(_CSTA_NS_PREFIX) and any(ns.startswith(_CSTA_NS_PREFIX) for ns in expected):
            continue
        slips.append((local, got, expected[0]))
    return slips
