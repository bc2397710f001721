"""No hand-written module grows past about 600 lines without saying why at its top.

A module over the limit must carry, in its module docstring, a paragraph that starts with `Size:` and gives the
reason (a catalogue, one state machine, ...). Generated code (the callwire-api messages, the SDK's `_gen` tree and
`_surface.py`) is exempt.
"""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIMIT = 600
GENERATED_DISTRIBUTIONS = {"callwire-api"}
GENERATED_PARTS = {"_gen", "_surface.py"}


def hand_written_modules() -> list[Path]:
    workspace = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    found = []
    for member in workspace["tool"]["uv"]["workspace"]["members"]:
        project = tomllib.loads((ROOT / member / "pyproject.toml").read_text(encoding="utf-8"))
        if project["project"]["name"] in GENERATED_DISTRIBUTIONS:
            continue
        for package in project["tool"]["hatch"]["build"]["targets"]["wheel"]["packages"]:
            for module in sorted((ROOT / member / package).rglob("*.py")):
                if not GENERATED_PARTS & set(module.relative_to(ROOT / member).parts):
                    found.append(module)
    return found


def says_why(module: Path) -> bool:
    doc = ast.get_docstring(ast.parse(module.read_text(encoding="utf-8"))) or ""
    return any(paragraph.startswith("Size:") and len(paragraph) > 40 for paragraph in doc.split("\n\n"))


def test_every_long_module_says_why_it_is_long() -> None:
    modules = hand_written_modules()
    assert len(modules) > 100  # the walk found the workspace's sources (a broken walk would pass vacuously)
    unexplained = {
        str(m.relative_to(ROOT)): n
        for m in modules
        if (n := len(m.read_text(encoding="utf-8").splitlines())) > LIMIT and not says_why(m)
    }
    assert not unexplained, f"split these, or give the reason in a 'Size:' paragraph of the docstring: {unexplained}"


def test_a_reason_is_a_size_paragraph_of_the_module_docstring(tmp_path: Path) -> None:
    explained = tmp_path / "explained.py"
    explained.write_text('"""A module.\n\nSize: one table of two hundred rows, read top to bottom, with no seam."""\n')
    silent = tmp_path / "silent.py"
    silent.write_text('"""A module.\n\nIt is long."""\n# Size: a comment is not the docstring\n')
    assert says_why(explained)
    assert not says_why(silent)
