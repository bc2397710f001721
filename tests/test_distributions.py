"""The workspace's distributions depend on each other without cycles, and each imports only what it declares.

The graph is read from each member's pyproject.toml (its `dependencies`), and the imports from its source with
`ast`: every `import`/`from` statement, those inside functions included (a lazy import is still a dependency),
except those under `if TYPE_CHECKING:`. Entry points are not imports: the server's `callwire` command finds
`up` and `gateway` in the launcher through them, without depending on it.
"""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _members() -> dict[str, Path]:
    workspace = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    found = {}
    for member in workspace["tool"]["uv"]["workspace"]["members"]:
        project = tomllib.loads((ROOT / member / "pyproject.toml").read_text(encoding="utf-8"))
        found[project["project"]["name"]] = ROOT / member
    return found


MEMBERS = _members()


def _project(name: str) -> dict:  # type: ignore[type-arg]
    return tomllib.loads((MEMBERS[name] / "pyproject.toml").read_text(encoding="utf-8"))


def _declared(name: str) -> set[str]:
    """The workspace distributions `name` declares as dependencies."""
    deps = set()
    for requirement in _project(name)["project"].get("dependencies", []):
        dist = re.match(r"[A-Za-z0-9_.-]+", requirement)
        assert dist is not None, requirement
        if dist.group(0) in MEMBERS:
            deps.add(dist.group(0))
    return deps


def _packages(name: str) -> dict[str, Path]:
    """Top-level import name -> source folder, from the wheel's package list."""
    wheel = _project(name)["tool"]["hatch"]["build"]["targets"]["wheel"]
    return {Path(p).name: MEMBERS[name] / p for p in wheel["packages"]}


PACKAGE_OWNER = {package: dist for dist in MEMBERS for package in _packages(dist)}


def _type_checking_only(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imported_top_levels(tree: ast.AST) -> set[str]:
    names: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _type_checking_only(node):
            for branch in node.orelse:
                visit(branch)
            return
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return names


def _used(name: str) -> dict[str, set[str]]:
    """The other workspace distributions whose packages `name`'s source imports, with the importing files."""
    used: dict[str, set[str]] = {}
    for folder in _packages(name).values():
        for source in sorted(folder.rglob("*.py")):
            tree = ast.parse(source.read_text(encoding="utf-8"), str(source))
            for top in _imported_top_levels(tree):
                owner = PACKAGE_OWNER.get(top)
                if owner is not None and owner != name:
                    used.setdefault(owner, set()).add(str(source.relative_to(ROOT)))
    return used


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)) is not None:
                return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)) is not None:
            return found
    return None


def test_the_cycle_finder_finds_a_cycle_and_accepts_a_dag() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def test_the_declared_distribution_graph_is_acyclic() -> None:
    graph = {name: _declared(name) for name in MEMBERS}
    assert _cycle(graph) is None, f"distribution cycle: {' -> '.join(_cycle(graph) or [])}"


@pytest.mark.parametrize("name", sorted(MEMBERS))
def test_a_distribution_imports_only_the_distributions_it_declares(name: str) -> None:
    undeclared = {dist: files for dist, files in _used(name).items() if dist not in _declared(name)}
    assert not undeclared, f"{name} imports undeclared workspace distributions: {undeclared}"


def test_the_csta_library_stands_alone_and_the_simulator_needs_only_it() -> None:
    # The point of the split: an AES/CSTA client needs only callwire-csta (lxml, no gRPC, no store), and the
    # simulated switch needs only the codec, not the server.
    assert _declared("callwire-csta") == set()
    assert set(_project("callwire-csta")["project"]["dependencies"]) == {"lxml==6.1.3"}
    assert _declared("callwire-sim") == {"callwire-csta"}
    assert "callwire-sim" not in _declared("callwire-server")
    assert "callwire-gateway" not in _declared("callwire-server")


def test_the_import_scan_sees_what_the_parts_use() -> None:
    # Guards the scan itself: were it blind, every "imports only what it declares" case would pass vacuously.
    assert {"callwire-api", "callwire-csta"} <= set(_used("callwire-server"))
    assert set(_used("callwire-launcher")) == {"callwire-csta", "callwire-server", "callwire-sim", "callwire-gateway"}
    assert set(_used("callwire-sim")) == {"callwire-csta"}
