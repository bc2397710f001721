"""The Python examples run as written (as subprocesses) against a running stack."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from harness import conformance_stack  # type: ignore[import-not-found]

from callwire_sdk import Client, agent

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
README = Path(__file__).resolve().parents[3] / "README.md"


async def run_example(*args: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, str(EXAMPLES / args[0]), *args[1:], stdout=asyncio.subprocess.PIPE
    )


async def test_click_to_call_prints_call_id_and_ucid(tmp_path: Path) -> None:
    async with conformance_stack(tmp_path) as stack:
        proc = await run_example("click_to_call.py", "--target", stack["target"], "--user-data", "ticket=42")
        try:
            out, _ = await asyncio.wait_for(proc.communicate(), 60)
        finally:
            if proc.returncode is None:
                proc.kill()
                await proc.wait()
        assert proc.returncode == 0, out
        words = out.decode().split()
        assert words[0] == "call"
        assert words[2] == "ucid"
        assert len(words[3]) == 20


async def test_agent_desktop_answers_and_goes_to_after_call_work(tmp_path: Path) -> None:
    async with conformance_stack(tmp_path) as stack:
        proc = await run_example("agent_desktop.py", "--target", stack["target"], "--calls", "1")
        assert proc.stdout is not None
        try:
            async with Client.connect(stack["target"]) as client:
                lines = []
                while (line := (await asyncio.wait_for(proc.stdout.readline(), 60)).decode().strip()) != "ready":
                    lines.append(line)
                await client.call_control.make_call(extension="102", destination="101")
                while (line := (await asyncio.wait_for(proc.stdout.readline(), 60)).decode().strip()) != "talking":
                    lines.append(line)
                await client.call_control.hangup_call(extension="102")
                await asyncio.wait_for(proc.wait(), 60)
                assert proc.returncode == 0
                state = await client.agent.get_agent_state(extension="101", split="201")
                assert state.state is not None
                assert state.state.work_mode == agent.WorkMode.AFTER_CALL_WORK
        finally:
            if proc.returncode is None:
                proc.kill()
                await proc.wait()


async def test_readme_first_call_runs_as_written(tmp_path: Path) -> None:
    """The README's SDK first call (its first ```python block after the heading), pointed at a test stack."""
    section = README.read_text(encoding="utf-8").split("### A first call with the SDKs", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    assert 'Client.connect("127.0.0.1:50051")' in code
    async with conformance_stack(tmp_path) as stack:
        script = tmp_path / "first_call.py"
        script.write_text(code.replace("127.0.0.1:50051", stack["target"]), encoding="utf-8")
        proc = await asyncio.create_subprocess_exec(sys.executable, str(script), stdout=asyncio.subprocess.PIPE)
        try:
            out, _ = await asyncio.wait_for(proc.communicate(), 60)
        finally:
            if proc.returncode is None:
                proc.kill()
                await proc.wait()
        assert proc.returncode == 0
        lines = out.decode().splitlines()
        assert len(lines[0].split()[1]) == 20  # call ID, then the 20-digit UCID
        assert lines[1].startswith("NO_ACTIVE_CALL")
