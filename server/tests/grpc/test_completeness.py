"""Completeness: every RPC of the contracts has a servicer method that overrides the
generated UNIMPLEMENTED stub, its service is registered by the server, and a test calls it."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
from google.protobuf import descriptor

from callwire_server import app

ROOT = Path(__file__).resolve().parents[3]
SERVICE_FILES = sorted((ROOT / "proto" / "callwire").glob("*/v1/service.proto"))
TEST_SOURCES = "\n".join(p.read_text() for p in (ROOT / "server" / "tests").rglob("test_*.py"))


def services() -> list[descriptor.ServiceDescriptor]:
    found = []
    for path in SERVICE_FILES:
        domain = path.parent.parent.name
        module = importlib.import_module(f"callwire.{domain}.v1.service_pb2")
        found.extend(module.DESCRIPTOR.services_by_name.values())
    return found


RPCS = [(s, m) for s in services() for m in s.methods]


def test_every_service_is_registered_by_the_server() -> None:
    registered = set()
    for name in app.SERVICE_MODULES:
        module = importlib.import_module(f"callwire_server.services.{name}")
        registered.add(module.register.__module__)
    assert len(registered) == len(app.SERVICE_MODULES)
    domains = {p.parent.parent.name for p in SERVICE_FILES}
    assert domains == set(app.SERVICE_MODULES)


@pytest.mark.parametrize(("service", "method"), RPCS, ids=lambda x: getattr(x, "name", ""))
def test_every_rpc_is_implemented_and_tested(
    service: descriptor.ServiceDescriptor, method: descriptor.MethodDescriptor
) -> None:
    domain = service.full_name.split(".")[1]
    grpc_module = importlib.import_module(f"callwire.{domain}.v1.service_pb2_grpc")
    base = getattr(grpc_module, f"{service.name}Servicer")
    impl_module = importlib.import_module(f"callwire_server.services.{domain}")
    servicers = [
        obj for obj in vars(impl_module).values() if isinstance(obj, type) and issubclass(obj, base) and obj is not base
    ]
    assert len(servicers) == 1, f"one servicer of {service.full_name} in callwire_server.services.{domain}"
    implementation = getattr(servicers[0], method.name)
    assert implementation is not getattr(base, method.name), f"{service.name}.{method.name} is not implemented"
    assert re.search(rf"\.{method.name}\(", TEST_SOURCES), f"no test calls {service.name}.{method.name}"
