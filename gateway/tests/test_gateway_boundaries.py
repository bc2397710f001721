"""The gateway implements the legacy API only through the gRPC contracts: no server or simulator imports."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).parents[1] / "src" / "callwire_gateway"
ALLOWED = ("callwire", "google", "grpc", "grpc_status", "websockets", "aiohttp", "opentelemetry")
FORBIDDEN = ("callwire_server", "callwire_sim", "callwire_sdk")


def _imports(path: Path) -> list[str]:
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
    return names


def test_gateway_imports_only_contracts_and_libraries() -> None:
    import sys

    modules = sorted(PACKAGE.rglob("*.py"))
    assert len(modules) >= 5
    for path in modules:
        for name in _imports(path):
            top = name.split(".")[0]
            assert top not in FORBIDDEN, f"{path.name} imports {name}: the gateway may only call the gRPC contracts"
            assert top in ALLOWED or top in sys.stdlib_module_names, f"{path.name} imports {name}"
