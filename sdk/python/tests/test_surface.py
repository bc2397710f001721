"""The SDK's surface is complete: every RPC of the contracts has a method, every ErrorReason an exception class.

The RPCs are found by walking the descriptors of the contracts (the grpcio-generated modules), not the SDK's own
table, so an RPC added to proto/ without `make generate` fails here.
"""

from __future__ import annotations

import importlib
import inspect
import json
import re
from pathlib import Path
from typing import Any

import callwire
import callwire_sdk
from callwire.common.v1 import enums_pb2 as common_enums


def contract_rpcs() -> dict[str, Any]:
    rpcs: dict[str, Any] = {}
    root = Path(next(iter(callwire.__path__)))
    for source in sorted(root.glob("*/v*/service_pb2.py")):
        name = ".".join(("callwire", *source.relative_to(root).with_suffix("").parts))
        file = importlib.import_module(name).DESCRIPTOR
        for service in file.services_by_name.values():
            for method in service.methods:
                rpcs[f"/{service.full_name}/{method.name}"] = method
    return rpcs


def snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()


def test_every_rpc_has_an_sdk_method() -> None:
    rpcs = contract_rpcs()
    assert len(rpcs) >= 82
    missing = []
    for path, method in rpcs.items():
        entry = callwire_sdk.RPCS.get(path)
        if entry is None:
            missing.append(path)
            continue
        attr, name, _, _ = entry
        handle = {
            "admin": callwire_sdk.AdminServiceClient,
            "agent": callwire_sdk.AgentServiceClient,
            "call_control": callwire_sdk.CallControlServiceClient,
            "device": callwire_sdk.DeviceServiceClient,
            "events": callwire_sdk.Events,
            "query": callwire_sdk.QueryServiceClient,
            "station": callwire_sdk.StationServiceClient,
            "user_data": callwire_sdk.UserDataServiceClient,
        }[attr]
        function = getattr(handle, name, None)
        if function is None or name != snake(method.name):
            missing.append(path)
            continue
        params = inspect.signature(function).parameters
        fields = [field.name for field in method.input_type.fields]
        assert [f for f in fields if f.rstrip("_") not in params and f + "_" not in params] == [], path
        assert function.__doc__, f"{path}: no docstring"
        assert method.name in function.__doc__, f"{path}: the docstring is not the proto comment"
    assert not missing, f"RPCs without an SDK method (run `make generate`): {missing}"


def test_every_error_reason_has_a_class() -> None:
    for value in common_enums.ErrorReason.DESCRIPTOR.values:
        if value.number == 0:
            continue
        reason = value.name.removeprefix("ERROR_REASON_")
        cls = callwire_sdk.ERRORS.get(reason)
        assert cls is not None, reason
        assert issubclass(cls, callwire_sdk.CallwireError)
        assert cls.reason == reason


def test_only_the_error_table_safe_reasons_retry() -> None:
    assert {name for name, cls in callwire_sdk.ERRORS.items() if cls.retry_safe} == {"LINK_DOWN"}


def test_one_version_for_both_sdks() -> None:
    package = json.loads((Path(__file__).resolve().parents[2] / "typescript" / "package.json").read_text())
    assert package["version"] == callwire_sdk.__version__
