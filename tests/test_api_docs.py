"""docs/api.md, generated from the proto comments by `make generate`, documents the whole contract.

The descriptors are the list of what exists; the reference must name every service and RPC, message and field,
enum and value (ErrorReason's values are the error reasons). Freshness against the protos is `make
check-generated`'s job; this test catches a generator or template change that silently drops a kind of item.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from google.protobuf.descriptor import Descriptor, EnumDescriptor, FileDescriptor

import callwire
from callwire.common.v1 import enums_pb2

API_MD = Path(__file__).resolve().parents[1] / "docs" / "api.md"


def _contract_files() -> list[FileDescriptor]:
    # The generated packages are namespace packages (no __init__.py), which pkgutil does not walk.
    files = []
    for root in callwire.__path__:
        for module in sorted(Path(root).rglob("*_pb2.py")):
            name = ".".join(("callwire", *module.relative_to(root).with_suffix("").parts))
            files.append(importlib.import_module(name).DESCRIPTOR)
    return files


def _messages(message: Descriptor) -> Iterator[Descriptor]:
    yield message
    for nested in message.nested_types:
        if not message.GetOptions().map_entry:
            yield from _messages(nested)


def _enums(files: list[FileDescriptor]) -> Iterator[EnumDescriptor]:
    for file in files:
        yield from file.enum_types_by_name.values()
        for top in file.message_types_by_name.values():
            for message in _messages(top):
                yield from message.enum_types


def _sections() -> dict[str, str]:
    """Each `<a name="...">` anchor of the reference with the text up to the next anchor."""
    text = API_MD.read_text(encoding="utf-8")
    parts = re.split(r'<a name="([^"]+)"></a>', text)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def _anchor(full_name: str) -> str:
    return full_name.replace(".", "-")


FILES = _contract_files()
SECTIONS = _sections()


def test_the_contract_is_found() -> None:
    packages = {f.package.split(".")[1] for f in FILES}
    assert {"admin", "callcontrol", "common", "events"} <= packages
    assert enums_pb2.DESCRIPTOR in FILES


@pytest.mark.parametrize("service", [s for f in FILES for s in f.services_by_name.values()], ids=lambda s: s.full_name)
def test_every_rpc_is_documented(service: object) -> None:
    section = SECTIONS.get(_anchor(service.full_name))  # type: ignore[attr-defined]
    assert section is not None, f"{service.full_name} has no section in docs/api.md"  # type: ignore[attr-defined]
    missing = [m.name for m in service.methods if f"\n| {m.name} | " not in section]  # type: ignore[attr-defined]
    assert not missing, f"RPCs missing from docs/api.md: {missing}"


@pytest.mark.parametrize(
    "message",
    [
        m
        for f in FILES
        for top in f.message_types_by_name.values()
        for m in _messages(top)
        if not m.GetOptions().map_entry
    ],
    ids=lambda m: m.full_name,
)
def test_every_message_and_field_is_documented(message: Descriptor) -> None:
    section = SECTIONS.get(_anchor(message.full_name))
    assert section is not None, f"{message.full_name} has no section in docs/api.md"
    missing = [f.name for f in message.fields if f"\n| {f.name} | " not in section]
    assert not missing, f"fields of {message.full_name} missing from docs/api.md: {missing}"


@pytest.mark.parametrize("enum", list(_enums(FILES)), ids=lambda e: e.full_name)
def test_every_enum_value_is_documented(enum: EnumDescriptor) -> None:
    section = SECTIONS.get(_anchor(enum.full_name))
    assert section is not None, f"{enum.full_name} has no section in docs/api.md"
    missing = [v.name for v in enum.values if f"\n| {v.name} | {v.number} | " not in section]
    assert not missing, f"values of {enum.full_name} missing from docs/api.md: {missing}"


def test_every_error_reason_is_documented_with_its_meaning() -> None:
    section = SECTIONS[_anchor(enums_pb2.ErrorReason.DESCRIPTOR.full_name)]
    for value in enums_pb2.ErrorReason.DESCRIPTOR.values:
        row = re.search(rf"^\| {value.name} \| {value.number} \| (.*) \|$", section, re.MULTILINE)
        assert row is not None, f"{value.name} is missing from docs/api.md"
        assert row.group(1).strip(), f"{value.name} has no description in docs/api.md"
