"""The Python examples run as written (as subprocesses) against a running stack."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from harness import conformance_stack  # type: ignore[import-not-found]

from callwire_sdk import Client, agent
from callwire_testkit import run, start

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
README = Path(__file__).resolve().parents[3] / "README.md"


def example(*args: str) -> list[str]:
    return [sys.executable, str(EXAMPLES / args[0]), *args[1:]]


async def test_click_to_call_prints_call_id_and_ucid(tmp_path: Path) -> None:
    async with conformance_stack(tmp_path) as stack:
        done = await run(example("click_to_call.py", "--target", stack["target"], "--user-data", "ticket=42"))
        assert done.returncode == 0, done
        words = done.out.split()
        assert words[0] == "call"
        assert words[2] == "ucid"
        assert len(words[3]) == 20


async def test_agent_desktop_answers_and_goes_to_after_call_work(tmp_path: Path) -> None:
    async with conformance_stack(tmp_path) as stack:
        desktop = await start(
            "agent_desktop.py", example("agent_desktop.py", "--target", stack["target"], "--calls", "1")
        )
        try:
            async with Client.connect(stack["target"]) as client:
                await desktop.wait_for(lambda out: "ready" in out.split("\n"), "ready", stdout_only=True, timeout=60)
                await client.call_control.make_call(extension="102", destination="101")
                await desktop.wait_for(
                    lambda out: "talking" in out.split("\n"), "talking", stdout_only=True, timeout=60
                )
                await client.call_control.hangup_call(extension="102")
                await asyncio.wait_for(desktop.process.wait(), 60)
                assert desktop.process.returncode == 0
                state = await client.agent.get_agent_state(extension="101", split="201")
                assert state.state is not None
                assert state.state.work_mode == agent.WorkMode.AFTER_CALL_WORK
        finally:
            await desktop.stop()


async def test_readme_first_call_runs_as_written(tmp_path: Path) -> None:
    """The README's SDK first call (its first ```python block after the heading), pointed at a test stack."""
    section = README.read_text(encoding="utf-8").split("### A first call with the SDKs", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    assert 'Client.connect("127.0.0.1:50051")' in code
    async with conformance_stack(tmp_path) as stack:
        script = tmp_path / "first_call.py"
        script.write_text(code.replace("127.0.0.1:50051", stack["target"]), encoding="utf-8")
        done = await run([sys.executable, str(script)], timeout=60)
        assert done.returncode == 0, done
        lines = done.out.splitlines()
        assert len(lines[0].split()[1]) == 20  # call ID, then the 20-digit UCID
        assert lines[1].startswith("NO_ACTIVE_CALL")
