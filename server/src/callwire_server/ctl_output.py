"""What `callwire ctl` prints: aligned tables and records for people, `--json` for scripts, from one answer.

Every command hands back the admin API's response message. `--json` prints it in the contract's own JSON
mapping (snake_case field names, enum value names, RFC 3339 times), so scripts can rely on the API
reference; the text form shows the same entries and fields, with enum prefixes stripped and times and
durations written for people. Nothing here talks to the server.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC
from typing import Any, TextIO

from google.protobuf import json_format
from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import Message


@dataclass(frozen=True)
class Table:
    """One row per entry of `message`'s repeated `field`, one column per name in `columns`."""

    message: Message
    field: str
    columns: tuple[str, ...]
    footer: str = ""
    """A text-only summary line (a count): scripts count the JSON array themselves."""


@dataclass(frozen=True)
class Record:
    """One message as `name: value` lines (its set fields, or `fields`); `note` follows in text only."""

    message: Message
    fields: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Done:
    """A command that changed something: `text` for people, the response message (often empty) as JSON."""

    message: Message
    text: str


Output = Table | Record | Done


def to_json(message: Message) -> dict[str, Any]:
    """The proto3 JSON mapping with field names as in the .proto files, and every field present."""
    return json_format.MessageToDict(
        message, preserving_proto_field_name=True, always_print_fields_with_no_presence=True
    )


def json_line(message: Message) -> str:
    """One message as a single JSON line (for streams: JSON Lines)."""
    return json.dumps(to_json(message), ensure_ascii=False)


def render(output: Output, *, as_json: bool, out: TextIO) -> None:
    if as_json:
        out.write(json.dumps(to_json(output.message), indent=2, ensure_ascii=False) + "\n")
    elif isinstance(output, Table):
        rows = [[cell(entry, name) for name in output.columns] for entry in getattr(output.message, output.field)]
        for line in table_lines([name.replace("_", " ").upper() for name in output.columns], rows):
            out.write(line + "\n")
        if output.footer:
            out.write(output.footer + "\n")
    elif isinstance(output, Record):
        names = output.fields or tuple(f.name for f in output.message.DESCRIPTOR.fields)
        width = max(len(name) for name in names) + 1
        for name in names:
            out.write(f"{name + ':':<{width}} {cell(output.message, name)}".rstrip() + "\n")
        if output.note:
            out.write(output.note + "\n")
    else:
        out.write(output.text + "\n")


def table_lines(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """Columns padded to their widest cell, two spaces apart; no trailing blanks."""
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    return ["  ".join(f"{value:<{widths[i]}}" for i, value in enumerate(row)).rstrip() for row in [header, *rows]]


def cell(message: Message, name: str) -> str:
    """A field written for people: enum names without their prefix, yes/no, lists comma-separated (empty: `*`,
    which for an API key's extensions means every extension), times in UTC, durations as H:MM:SS."""
    field = message.DESCRIPTOR.fields_by_name[name]
    value = getattr(message, name)
    if field.is_repeated:
        return ",".join(str(v) for v in value) or "*"
    if field.type == FieldDescriptor.TYPE_ENUM:
        assert field.enum_type is not None
        return enum_text(field.enum_type, value)
    if field.type == FieldDescriptor.TYPE_BOOL:
        return "yes" if value else "no"
    if field.type == FieldDescriptor.TYPE_MESSAGE:
        if not message.HasField(name):
            return "-"
        full_name = field.message_type.full_name if field.message_type else ""
        if full_name == "google.protobuf.Timestamp":
            return f"{value.ToDatetime(tzinfo=UTC):%Y-%m-%d %H:%M:%S}Z"
        if full_name == "google.protobuf.Duration":
            return str(value.ToTimedelta()).split(".")[0]
        return json.dumps(to_json(value), ensure_ascii=False)
    return str(value)


def enum_text(enum: Any, number: int) -> str:
    """`EXTENSION_SOURCE_CONFIG` -> `config`: the value name without the enum's common prefix."""
    value = enum.values_by_number.get(number)
    if value is None:
        return str(number)
    prefix = "".join("_" + c if c.isupper() and i else c for i, c in enumerate(enum.name)).upper() + "_"
    return str(value.name).removeprefix(prefix).lower()
