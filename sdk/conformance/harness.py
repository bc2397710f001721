"""The server every SDK's conformance runner talks to: the simulated switch and the Callwire server on free ports.

`conformance_stack(data_dir, keyed=...)` runs them in this process; `python sdk/conformance/harness.py [--keyed]` runs
them for another language's runner: it prints one JSON line (`{"target": ..., "keys": {...}}`) when the stack is
ready, then serves until its standard input closes. A keyed stack requires API keys and has the keys the auth
scenarios name: `admin` (admin role), `supervisor`, `agent101` (agent role, scoped to extension 101), `revoked`.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import sys
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from callwire_server.app import start_server
from callwire_server.config import GrpcConfig, ServerConfig
from callwire_server.store import Role
from callwire_testkit.demo import demo_simulator, server_config

SCENARIOS = Path(__file__).resolve().parent / "scenarios"


def _config(data_dir: Path, sim_port: int, keyed: bool) -> ServerConfig:
    return server_config(
        data_dir,
        sim_port,
        grpc=GrpcConfig(address="127.0.0.1:0", require_api_key=keyed),
        # Small, so that a paused subscriber (stream_overflow.yaml) overflows after a few dozen events; the
        # runners read every other stream as items arrive.
        subscriber_queue=32,
    )


@contextlib.asynccontextmanager
async def conformance_stack(data_dir: Path, *, keyed: bool = False) -> AsyncIterator[dict[str, Any]]:
    """Start a simulator and a server; yield `{"target": "127.0.0.1:PORT", "keys": {name: secret}}`."""
    async with demo_simulator() as sim:
        server = await start_server(_config(data_dir, sim.port, keyed))
        try:
            keys: dict[str, str] = {}
            if keyed:
                store = server.core.store
                keys["admin"] = (await store.create_api_key("conformance-admin", Role.ADMIN)).secret
                keys["supervisor"] = (await store.create_api_key("conformance-supervisor", Role.SUPERVISOR)).secret
                keys["agent101"] = (await store.create_api_key("conformance-agent101", Role.AGENT, ["101"])).secret
                revoked = await store.create_api_key("conformance-revoked", Role.ADMIN)
                await store.revoke_api_key(revoked.key.key_id)
                keys["revoked"] = revoked.secret
            yield {"target": f"127.0.0.1:{server.port}", "keys": keys}
        finally:
            await server.stop(grace=0.5)


async def _serve(keyed: bool) -> None:
    with tempfile.TemporaryDirectory() as data_dir:
        async with conformance_stack(Path(data_dir), keyed=keyed) as stack:
            print(json.dumps(stack), flush=True)
            # Serve until the runner closes our standard input (or dies, which closes it too).
            await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)


if __name__ == "__main__":
    asyncio.run(_serve("--keyed" in sys.argv[1:]))
