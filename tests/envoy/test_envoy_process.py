"""Envoy as a child process: it goes when the process that started it goes, even killed without a chance to
stop it (`setpriv --pdeathsig`, see `dying_with_parent`)."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import sys
import time
from pathlib import Path

import pytest
from envoy_support import SOURCE

CHILD = """
import asyncio, sys
from pathlib import Path
from callwire_server.envoy import EnvoySettings, free_port, start_envoy

async def main() -> None:
    workdir = Path(sys.argv[1])
    settings = EnvoySettings(upstreams=[("127.0.0.1", free_port())], port=free_port(), admin_port=free_port())
    envoy = await start_envoy(settings, workdir, source=Path(sys.argv[2]))
    print(envoy.process.pid, flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)  # until killed

asyncio.run(main())
"""


def _gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return True
    return state in ("Z", "X")  # exited; reaped or not is up to whoever adopted it


@pytest.mark.skipif(sys.platform != "linux" or shutil.which("setpriv") is None, reason="Linux with setpriv only")
async def test_envoy_exits_when_the_process_that_started_it_is_killed(tmp_path: Path) -> None:
    parent = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        CHILD,
        str(tmp_path),
        str(SOURCE),
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
    )
    envoy_pid = 0
    try:
        assert parent.stdout is not None
        envoy_pid = int(await asyncio.wait_for(parent.stdout.readline(), 60))
        assert not _gone(envoy_pid)
        parent.kill()  # SIGKILL: the parent cannot stop Envoy itself
        await parent.wait()
        deadline = time.monotonic() + 30
        while not _gone(envoy_pid):
            assert time.monotonic() < deadline, f"Envoy {envoy_pid} outlived the process that started it"
            await asyncio.sleep(0.05)
    finally:
        if parent.returncode is None:
            parent.kill()
            await parent.wait()
        if envoy_pid and not _gone(envoy_pid):
            os.kill(envoy_pid, signal.SIGKILL)
