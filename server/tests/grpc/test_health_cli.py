"""`callwire health`, the container health check: a separate process asking grpc.health.v1 of a server."""

from __future__ import annotations

import pytest
from grpc_stack import Stack

from callwire_testkit import python_module, refused_port, run

# Starts Python processes; on a busy machine one start can take seconds.
pytestmark = pytest.mark.timeout(600)


async def health(server: str) -> tuple[int, str]:
    done = await run(
        python_module("callwire_server.cli", "health", "--server", server, "--timeout", "60"), merge_stderr=True
    )
    return done.returncode, done.out


async def test_health_exits_0_when_the_server_is_serving(stack: Stack) -> None:
    code, out = await health(f"127.0.0.1:{stack.server.port}")
    assert code == 0, out
    assert out.strip().endswith(": SERVING")


async def test_health_exits_1_when_no_server_answers() -> None:
    with refused_port() as port:  # the connection is refused at once
        code, out = await health(f"127.0.0.1:{port}")
    assert code == 1, out
    assert "UNAVAILABLE" in out
