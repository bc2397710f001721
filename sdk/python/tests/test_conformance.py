"""The conformance suite through the Python SDK, and the completeness check: every RPC has a scenario."""

from __future__ import annotations

from pathlib import Path

import pytest
from conformance import covered, load, run_scenario, scenario_files

import callwire_sdk


def test_every_rpc_has_a_scenario() -> None:
    done: set[str] = set()
    for path in scenario_files():
        done |= covered(load(path))
    missing = sorted(set(callwire_sdk.RPCS) - done)
    assert not missing, f"RPCs without a conformance scenario in sdk/conformance/scenarios: {missing}"


@pytest.mark.timeout(180)
@pytest.mark.parametrize("path", scenario_files(), ids=lambda p: p.stem)
async def test_scenario(path: Path, tmp_path: Path) -> None:
    await run_scenario(path, tmp_path)
