"""No import cycles between the modules of the hand-written packages.

The graph is read from the source with `ast`, not by importing: every `import` and `from ... import` counts,
those inside functions too (a lazy import hides a cycle, it does not remove it). Only imports under
`if TYPE_CHECKING:` are left out, since they never run. An edge goes to the module named and, for
`from X import name`, to `X.name` when that is a module itself; the parent packages Python imports on the way
are not edges, but a submodule that imports a name from its own package's `__init__` is one (and a cycle when
the `__init__` imports that submodule). Generated code (`_gen`) is not read; imports built at run time
(`importlib.import_module`) are not seen.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterator, Mapping
from collections.abc import Set as AbstractSet
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: Top-level package -> its source folder: every part's `src/` (`server/src/callwire_server`, the codec's
#: `csta/src/callwire_csta`, the SDK's `sdk/python/src/callwire_sdk`, ...), so a new part is covered at once.
PACKAGES = {
    init.parent.name: init.parent
    for pattern in ("*/src/*/__init__.py", "*/*/src/*/__init__.py")
    for init in sorted(ROOT.glob(pattern))
    if not init.is_relative_to(ROOT / "gen")
}
GENERATED = {"_gen"}


def _modules() -> dict[str, Path]:
    """Every hand-written module: dotted name -> file."""
    found: dict[str, Path] = {}
    for top, folder in PACKAGES.items():
        for path in sorted(folder.rglob("*.py")):
            parts = path.relative_to(folder).with_suffix("").parts
            if GENERATED & set(parts):
                continue
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join((top, *parts))] = path
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement, at any depth, except those under `if TYPE_CHECKING:` (its `else` counts)."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        elif isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.orelse:
                yield from _imports(ast.Module(body=[child], type_ignores=[]))
        else:
            yield from _imports(node)


def _targets(module: str, is_package: bool, node: ast.Import | ast.ImportFrom, known: set[str]) -> set[str]:
    """The known modules an import statement of `module` loads (by name, not the parents on the way)."""
    if isinstance(node, ast.Import):
        return {alias.name for alias in node.names if alias.name in known}
    if node.level:
        base = module.split(".") if is_package else module.split(".")[:-1]
        base = base[: len(base) - (node.level - 1)]
        source = ".".join([*base, node.module] if node.module else base)
    else:
        source = node.module or ""
    found = set()
    for alias in node.names:
        if f"{source}.{alias.name}" in known:
            found.add(f"{source}.{alias.name}")  # a submodule
        elif source in known:
            found.add(source)  # a name defined in the module (or the package's __init__)
    return found


@functools.cache
def import_graph() -> dict[str, frozenset[str]]:
    """Module -> the modules it imports (read once per test session)."""
    modules = _modules()
    known = set(modules)
    graph: dict[str, frozenset[str]] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        is_package = path.name == "__init__.py"
        edges: set[str] = set()
        for node in _imports(tree):
            edges |= _targets(name, is_package, node, known)
        edges.discard(name)
        graph[name] = frozenset(edges)
    return graph


def cycles(graph: Mapping[str, AbstractSet[str]]) -> list[list[str]]:
    """One cycle (as a path that returns to its start) per strongly connected component with more than one
    module (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    components.append(sorted(component))
    return [_path_within(graph, set(c), c[0]) for c in components]


def _path_within(graph: Mapping[str, AbstractSet[str]], members: set[str], start: str) -> list[str]:
    """A shortest cycle through `start` inside one strongly connected component (breadth first)."""
    previous: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for child in sorted(graph[node] & members):
                if child == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(previous[path[-1]])
                    return [*reversed(path), start]
                if child not in previous:
                    previous[child] = node
                    following.append(child)
        frontier = following
    raise AssertionError(f"{start} is in a component but on no cycle")  # pragma: no cover


def test_the_graph_is_read() -> None:
    """Every part is read, and the reader sees the imports it must."""
    assert {"callwire_server", "callwire_sim", "callwire_gateway", "callwire_sdk"} <= set(PACKAGES)
    graph = import_graph()
    assert "callwire_server.core" in graph["callwire_server.app"]
    assert "callwire_server.tracker" in graph["callwire_server.core"]
    assert graph["callwire_server.mapping"], "the mapping module imports the codec"


def test_the_cycle_finder_finds_lazy_and_package_cycles() -> None:
    """A cycle made of a lazy import, and the `__init__` <-> submodule cycle, are both found."""
    source = {
        "p": "from .sub import thing\n",
        "p.sub": "from . import helper\n",
        "p.helper": "def f():\n    from .sub import thing\n",
        "p.leaf": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from . import sub\n",
    }
    known = set(source)
    graph = {
        name: set().union(*(_targets(name, name == "p", node, known) for node in _imports(ast.parse(text)))) - {name}
        for name, text in source.items()
    }
    assert graph["p.leaf"] == set()
    assert cycles(graph) == [["p.helper", "p.sub", "p.helper"]]
    graph["p.helper"].add("p")  # a submodule importing from its own package's __init__
    assert cycles(graph) == [["p", "p.sub", "p.helper", "p"]]


@pytest.mark.parametrize("package", sorted(PACKAGES))
def test_no_import_cycles(package: str) -> None:
    found = [c for c in cycles(import_graph()) if any(m == package or m.startswith(f"{package}.") for m in c)]
    assert not found, "import cycles:\n" + "\n".join("  " + " -> ".join(c) for c in found)
