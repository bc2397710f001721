"""Completeness of the access table in the contracts: every RPC has its `(callwire.common.v1.access)` option,
and every string field of every request (nested messages included) is classified exactly once, so a new field
that names a device, party or call cannot slip past the extension scope of API keys."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from google.protobuf import descriptor, message_factory
from test_completeness import RPCS

from callwire_server.security import FIELD_KINDS, access_of_method, field_values

Field = descriptor.FieldDescriptor


def string_paths(message: descriptor.Descriptor, prefix: str = "") -> set[str]:
    """Every string field of `message` by path; well-known types (durations, timestamps) name nothing."""
    found: set[str] = set()
    for field in message.fields:
        if field.type == Field.TYPE_STRING:
            found.add(prefix + field.name)
        elif field.type == Field.TYPE_MESSAGE:
            assert field.message_type is not None
            if not field.message_type.full_name.startswith("google.protobuf."):
                found |= string_paths(field.message_type, f"{prefix}{field.name}.")
    return found


def field_at(message: descriptor.Descriptor, path: str) -> descriptor.FieldDescriptor:
    head, _, rest = path.partition(".")
    field = message.fields_by_name[head]
    if not rest:
        return field
    assert field.message_type is not None
    return field_at(field.message_type, rest)


@pytest.mark.parametrize(("service", "method"), RPCS, ids=lambda x: getattr(x, "name", ""))
def test_every_rpc_has_an_access_rule_for_every_field(
    service: descriptor.ServiceDescriptor, method: descriptor.MethodDescriptor
) -> None:
    row = access_of_method(method.full_name)
    assert row is not None, f"{method.full_name} has no (callwire.common.v1.access) option with a min_role"
    classified = [path for kind in FIELD_KINDS for path in row.fields[kind]]
    duplicates = {path for path in classified if classified.count(path) > 1}
    assert not duplicates, f"{method.name}: fields classified twice: {sorted(duplicates)}"
    wanted = string_paths(method.input_type)
    assert not wanted - set(classified), (
        f"{method.name}: string fields with no scope rule: {sorted(wanted - set(classified))}"
    )
    assert not set(classified) - wanted, (
        f"{method.name}: rules for fields that do not exist: {set(classified) - wanted}"
    )
    for path in row.all_devices:
        field = field_at(method.input_type, path)
        assert field.type == Field.TYPE_BOOL or field.is_repeated, (
            f"{method.name}.{path}: all_devices needs a bool or list"
        )
    request = message_factory.GetMessageClass(method.input_type)()
    for path in classified:
        assert field_values(request, path) in ([""], []), path  # the paths resolve on a real message


def test_the_table_covers_the_legacy_gateway_and_keeps_it_away_from_administration() -> None:
    rows = {m.name: access_of_method(m.full_name) for _, m in RPCS}
    gateway = {name for name, row in rows.items() if row is not None and row.gateway}
    assert {"MakeCall", "StreamEvents", "GetMyExtension", "VerifyConsoleCredentials", "ListAccessRules"} <= gateway
    assert not gateway & {"AddExtension", "CreateApiKey", "RevokeApiKey", "UpdateSetting", "AddAccessRule"}
    # The legacy console's writes, and nothing else, are the gateway's with the console credentials its client
    # gave; never marked both ways (the credentials would be for nothing).
    console = {name for name, row in rows.items() if row is not None and row.gateway_with_console_credentials}
    assert console == {"AddExtension", "DeleteExtension"}
    assert not console & gateway


def test_the_readme_explains_every_kind_of_field() -> None:
    """The README's table of kinds (Security: what is enforced where) names exactly the kinds the option has."""
    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text()
    section = readme.split("## Security: what is enforced where", 1)[1].split("\n## ", 1)[0]
    rows = set(re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.M))
    assert rows == {*FIELD_KINDS, "all_devices"}
