"""callwire-csta stands alone as a user installs it: its wheel, in a fresh virtual environment that has nothing
else of the workspace, brings only lxml, imports no gRPC, store or server code, and the README's example runs
from there against the simulated switch."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from callwire_testkit import run
from callwire_testkit.demo import demo_simulator

CSTA = Path(__file__).resolve().parents[1]
ROOT = CSTA.parent
UV = shutil.which("uv", path=str(ROOT / ".tools" / "bin")) or shutil.which("uv")

CHECK = """
import sys
import callwire_csta.codec, callwire_csta.link
from importlib.metadata import distributions
print(sorted(d.metadata["Name"].lower() for d in distributions()))
print(sorted({m.split(".")[0] for m in sys.modules} & {"grpc", "google", "sqlalchemy", "opentelemetry", "callwire",
                                                       "callwire_server", "callwire_sim"}))
"""


@pytest.mark.skipif(UV is None, reason="no uv: `make setup` installs it under .tools/")
async def test_the_wheel_installs_alone_and_runs_the_example(tmp_path: Path) -> None:
    assert UV is not None
    built = await run([UV, "build", "--wheel", "--out-dir", str(tmp_path / "dist"), str(CSTA)], timeout=300)
    assert built.returncode == 0, built
    (wheel,) = (tmp_path / "dist").glob("callwire_csta-*.whl")
    venv = tmp_path / "venv"
    made = await run([UV, "venv", "--quiet", "--python", sys.executable, str(venv)], timeout=120)
    assert made.returncode == 0, made
    python = venv / "bin" / "python"
    installed = await run([UV, "pip", "install", "--quiet", "--python", str(python), str(wheel)], timeout=300)
    assert installed.returncode == 0, installed

    checked = await run([str(python), "-c", CHECK], timeout=60)
    assert checked.returncode == 0, checked
    dists, heavy = checked.out.splitlines()
    assert dists == "['callwire-csta', 'lxml']"
    assert heavy == "[]"

    async with demo_simulator() as sim:
        example = await run(
            [str(python), str(CSTA / "examples" / "make_call.py"), "127.0.0.1", str(sim.port)], timeout=90
        )
    assert example.returncode == 0, example
    assert "102 DeliveredEvent" in example.out.splitlines()
