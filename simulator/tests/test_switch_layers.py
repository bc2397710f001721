"""The switch's collaborators keep the layering `callwire_sim.switching` documents: a module imports (outside
`if TYPE_CHECKING:`) only modules listed before it, so a new dependency that points upwards fails here, with
the names, before it can become an import cycle."""

from __future__ import annotations

import ast
from pathlib import Path

import callwire_sim.switching

PACKAGE = Path(callwire_sim.switching.__file__).parent

#: Lowest first; the same order as the package docstring.
LAYERS = (
    "model",
    "errors",
    "state",
    "deferred",
    "events",
    "calls",
    "scripts",
    "acd",
    "routing",
    "agents",
    "features",
    "phone",
    "monitors",
    "queries",
    "call_control",
    "transfer",
)


def _sibling_imports(name: str) -> set[str]:
    """The modules of the package that `name` imports at run time (`from .x import y`, `from . import x`)."""
    found: set[str] = set()
    for node in ast.parse((PACKAGE / f"{name}.py").read_text()).body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        for sub in ast.walk(node):
            if isinstance(sub, ast.ImportFrom) and sub.level == 1:
                found.update([sub.module.split(".")[0]] if sub.module else (a.name for a in sub.names))
    return found


def test_every_module_is_a_layer() -> None:
    modules = {p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    assert modules == set(LAYERS)


def test_modules_import_only_lower_layers() -> None:
    upward: dict[str, list[str]] = {}
    for name in LAYERS:
        deps = sorted(d for d in _sibling_imports(name) if d in LAYERS and LAYERS.index(d) >= LAYERS.index(name))
        if deps:
            upward[name] = deps
    assert upward == {}
