"""REST/JSON through Envoy against the same RPC called directly with gRPC, in the same run.

`callwire up --no-gateway --envoy` runs in a child process (simulated switch, server and the Envoy that
renders deploy/envoy/envoy.yaml); this process calls GetDeviceName("101") in rounds that alternate between
the three ways, so that drift on a busy machine hits all three alike:

- gRPC directly to the server (the baseline),
- REST/JSON through Envoy (`GET /v1/devices/101/name`, a kept-alive HTTP/1.1 connection),
- gRPC through Envoy (for reference).

Target: REST through Envoy adds < 1 ms at p50 over direct gRPC.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import signal
import socket
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import aiohttp
import grpc

from callwire.query.v1 import request_response_pb2 as q_rr
from callwire.query.v1 import service_pb2_grpc as q_grpc

sys.path.insert(0, str(Path(__file__).parent))
from _common import machine, stats_ms


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


async def _start_up(data_dir: Path) -> tuple[asyncio.subprocess.Process, int, int]:
    envoy_port = _free_port()
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "callwire_server.cli",
        "up",
        *("--grpc", "127.0.0.1:0", "--sim-port", "0", "--sim-control-port", "-1", "--no-gateway"),
        *("--data-dir", str(data_dir), "--envoy", "--envoy-port", str(envoy_port)),
        *("--envoy-admin-port", str(_free_port())),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,
    )
    assert process.stdout is not None
    banner = ""
    async with asyncio.timeout(120):
        while "Ctrl-C stops." not in banner:
            line = (await process.stdout.readline()).decode()
            if not line:
                raise SystemExit(f"callwire up ended: {banner}")
            banner += line
    found = re.search(r"gRPC server: +127\.0\.0\.1:(\d+)", banner)
    if found is None or f"127.0.0.1:{envoy_port}/" not in banner:
        raise SystemExit(f"callwire up did not start Envoy: {banner}")
    return process, int(found.group(1)), envoy_port


async def _timed(call: Callable[[], Awaitable[None]], count: int) -> list[float]:
    out = []
    for _ in range(count):
        t0 = time.perf_counter()
        await call()
        out.append(time.perf_counter() - t0)
    return out


def _row(name: str, value: float, base: float) -> str:
    return f"  {name:<34} {value:>8.3f} ms   direct gRPC {base:>8.3f} ms   +{value - base:.3f} ms"


async def main_async(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="bench-envoy-") as tmp:
        process, grpc_port, envoy_port = await _start_up(Path(tmp))
        try:
            request = q_rr.GetDeviceNameRequest(device="101")
            url = f"http://127.0.0.1:{envoy_port}/v1/devices/101/name"
            async with (
                grpc.aio.insecure_channel(f"127.0.0.1:{grpc_port}") as direct_channel,
                grpc.aio.insecure_channel(f"127.0.0.1:{envoy_port}") as envoy_channel,
                aiohttp.ClientSession() as http,
            ):
                direct = q_grpc.QueryServiceStub(direct_channel)
                through = q_grpc.QueryServiceStub(envoy_channel)

                async def grpc_direct() -> None:
                    await direct.GetDeviceName(request)

                async def grpc_envoy() -> None:
                    await through.GetDeviceName(request)

                async def rest_envoy() -> None:
                    async with http.get(url) as response:
                        body = await response.json()
                    if response.status != 200 or "name" not in body:
                        raise SystemExit(f"REST answer {response.status}: {body}")

                ways = {"direct": grpc_direct, "rest": rest_envoy, "grpc_envoy": grpc_envoy}
                samples: dict[str, list[float]] = {name: [] for name in ways}
                for call in ways.values():
                    await _timed(call, 100)  # warm-up: connections, caches
                rounds = max(1, args.requests // args.round)
                for _ in range(rounds):
                    for name, call in ways.items():
                        samples[name] += await _timed(call, args.round)
            base = stats_ms(samples["direct"])
            rest = stats_ms(samples["rest"])
            via = stats_ms(samples["grpc_envoy"])
            print(f"{machine()}")
            print(
                f"GetDeviceName(101), {base.n} sequential requests each way, in {rounds} alternating rounds "
                "(server, switch and Envoy in one child process tree):"
            )
            print(_row("REST/JSON through Envoy p50", rest.p50, base.p50))
            print(_row("REST/JSON through Envoy p99", rest.p99, base.p99))
            print(_row("gRPC through Envoy p50", via.p50, base.p50))
            print(_row("gRPC through Envoy p99", via.p99, base.p99))
            added = rest.p50 - base.p50
            print(f"  REST through Envoy adds {added:.3f} ms at p50 (target < 1 ms): {'OK' if added < 1 else 'MISSED'}")
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(process.wait(), 30)
            except TimeoutError:
                process.kill()
                await process.wait()
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=3000, help="requests per way (default: %(default)s)")
    parser.add_argument("--round", type=int, default=250, help="requests per way in one round (default: %(default)s)")
    return asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    sys.exit(main())
