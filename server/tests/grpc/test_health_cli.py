"""`callwire health`, the container health check: a separate process asking grpc.health.v1 of a server."""

from __future__ import annotations

import asyncio
import socket
import sys

import pytest
from grpc_stack import Stack

# Starts Python processes; on a busy machine one start can take seconds.
pytestmark = pytest.mark.timeout(600)


async def health(server: str) -> tuple[int, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "callwire_server.cli",
        "health",
        "--server",
        server,
        "--timeout",
        "60",
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    try:
        out, _ = await asyncio.wait_for(process.communicate(), 120)
    finally:
        if process.returncode is None:
            process.kill()
            await process.communicate()
    assert process.returncode is not None
    return process.returncode, out.decode()


async def test_health_exits_0_when_the_server_is_serving(stack: Stack) -> None:
    code, out = await health(f"127.0.0.1:{stack.server.port}")
    assert code == 0, out
    assert out.strip().endswith(": SERVING")


async def test_health_exits_1_when_no_server_answers() -> None:
    with socket.socket() as closed:  # bound, never listening: the connection is refused at once
        closed.bind(("127.0.0.1", 0))
        code, out = await health(f"127.0.0.1:{closed.getsockname()[1]}")
    assert code == 1, out
    assert "UNAVAILABLE" in out
