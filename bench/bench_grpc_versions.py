"""grpcio versions compared on the bare grpc.aio unary path, to choose the pin.

grpcio's asyncio unary path has an open throughput regression since 1.75.1 (grpc/grpc issue 43092). This
script builds a throwaway virtual environment per grpcio version under a temporary directory (with uv:
`uv venv` + `uv pip install grpcio==X uvloop`), and in each runs the same benchmark: a generic-handler
bytes echo (no generated stubs, which pin the grpcio version they were generated with), the server in one
process and the client in another, measuring

- unary throughput: 8 concurrent callers for a few seconds (calls/s);
- sequential latency: one caller, p50 and p99.

Each version runs `--rounds` times, interleaved with the others, under asyncio and under uvloop; the table
shows the median of the rounds and the ratio to the repository's pin (1.85.1). Nothing in the repository
changes: the decision is written up in bench/README.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _common import ECHO_UNARY, echo_server, machine, ratio, run, stats_ms, table, timed_sequential

PINNED = "1.85.1"
VERSIONS = ("1.75.0", "1.75.1", PINNED, "1.85.3")
UVLOOP = "uvloop==0.23.0"
ROOT = Path(__file__).resolve().parent.parent
PAYLOAD = b"x" * 32


# ================================================================================= inside a throwaway venv


async def _serve() -> None:
    server, port = echo_server()
    await server.start()
    print(port, flush=True)
    await asyncio.to_thread(sys.stdin.read)  # until the parent closes stdin
    await server.stop(0)


async def _client(port: int, seconds: float, callers: int, calls: int) -> dict[str, Any]:
    import grpc

    channel = grpc.aio.insecure_channel(f"127.0.0.1:{port}")
    unary = channel.unary_unary(ECHO_UNARY)

    async def call() -> None:
        await unary(PAYLOAD)

    await channel.channel_ready()
    sequential = stats_ms(await timed_sequential(call, calls, calls // 10))
    done = 0

    async def caller(until: float) -> None:
        nonlocal done
        while time.perf_counter() < until:
            await unary(PAYLOAD)
            done += 1

    warm_until = time.perf_counter() + 0.5
    await asyncio.gather(*(caller(warm_until) for _ in range(callers)))
    done = 0
    start = time.perf_counter()
    await asyncio.gather(*(caller(start + seconds) for _ in range(callers)))
    qps = done / (time.perf_counter() - start)
    await channel.close()
    return {"version": grpc.__version__, "qps": qps, "p50": sequential.p50, "p99": sequential.p99}


def worker(args: argparse.Namespace) -> int:
    """Run the echo server in a child process of this interpreter and the client here; print JSON."""
    server = subprocess.Popen(
        [sys.executable, __file__, "--serve", "--loop", args.loop],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        port = int(server.stdout.readline())
        result = run(lambda: _client(port, args.seconds, args.callers, args.calls), args.loop)
    finally:
        if server.stdin is not None:
            server.stdin.close()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
    print(json.dumps({"loop": args.loop, **result}))
    return 0


# ================================================================================= orchestrator


def _uv() -> str:
    local = ROOT / ".tools" / "bin" / "uv"
    found = str(local) if local.exists() else shutil.which("uv")
    if found is None:
        raise SystemExit("uv not found: run `make setup` (it installs uv into .tools/)")
    return found


def _make_venv(uv: str, base: Path, version: str) -> Path | None:
    venv = base / f"grpcio-{version}"
    env = {**os.environ, "UV_PYTHON_DOWNLOADS": "never"}
    subprocess.run([uv, "venv", "-q", "--python", sys.executable, str(venv)], check=True, env=env)
    python = venv / "bin" / "python"
    done = subprocess.run(
        [uv, "pip", "install", "-q", "--python", str(python), f"grpcio=={version}", UVLOOP],
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        print(f"grpcio {version}: not installable here, skipped ({done.stderr.strip().splitlines()[-1:]})")
        return None
    return python


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--versions", default=",".join(VERSIONS))
    parser.add_argument("--loops", default="asyncio,uvloop")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=3.0, help="throughput measurement per run")
    parser.add_argument("--callers", type=int, default=8)
    parser.add_argument("--calls", type=int, default=2000, help="sequential calls per run")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--loop", default="asyncio", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        run(_serve, args.loop)
        return 0
    if args.worker:
        return worker(args)

    versions = [v for v in args.versions.split(",") if v]
    loops = [x for x in args.loops.split(",") if x]
    print(f"# grpcio versions, bare grpc.aio unary echo\n\n{machine()}\n")
    print(
        f"{args.callers} concurrent callers for {args.seconds:.0f} s (throughput), {args.calls:,} sequential calls "
        f"(latency); median of {args.rounds} interleaved rounds; server and client in separate processes\n"
    )
    uv = _uv()
    results: dict[tuple[str, str], list[dict[str, Any]]] = {}
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="callwire-grpc-versions-") as tmp:
        pythons = {v: p for v in versions if (p := _make_venv(uv, Path(tmp), v)) is not None}
        for round_ in range(args.rounds):
            order = list(pythons) if round_ % 2 == 0 else list(reversed(pythons))
            for version in order:
                for loop in loops:
                    out = subprocess.run(
                        [
                            str(pythons[version]),
                            __file__,
                            "--worker",
                            "--loop",
                            loop,
                            "--seconds",
                            str(args.seconds),
                            "--callers",
                            str(args.callers),
                            "--calls",
                            str(args.calls),
                        ],
                        check=True,
                        capture_output=True,
                        text=True,
                        timeout=120,
                    )
                    got = json.loads(out.stdout.strip().splitlines()[-1])
                    if got["version"] != version:
                        raise SystemExit(f"venv for {version} imported grpcio {got['version']}")
                    results.setdefault((version, loop), []).append(got)

    def median(version: str, loop: str, key: str) -> float:
        return float(statistics.median(float(r[key]) for r in results[(version, loop)]))

    rows: list[list[object]] = []
    for loop in loops:
        for version in pythons:
            qps, p50, p99 = (median(version, loop, k) for k in ("qps", "p50", "p99"))
            base = [median(PINNED, loop, k) for k in ("qps", "p50", "p99")] if PINNED in pythons else [float("nan")] * 3
            rows.append(
                [
                    f"{version} {loop}",
                    qps,
                    ratio(qps, base[0]),
                    p50,
                    ratio(p50, base[1]),
                    p99,
                    ratio(p99, base[2]),
                ]
            )
    print(
        table(
            [
                "grpcio / loop",
                "unary calls/s",
                f"vs {PINNED}",
                "seq p50 ms",
                f"vs {PINNED}",
                "seq p99 ms",
                f"vs {PINNED}",
            ],
            rows,
        )
    )
    spread = {
        f"{v} {lp}": f"{min(r['qps'] for r in rs):,.0f}-{max(r['qps'] for r in rs):,.0f}"
        for (v, lp), rs in results.items()
    }
    print("\nthroughput range over the rounds (calls/s): " + "; ".join(f"{k}: {x}" for k, x in spread.items()))
    print(f"\n(total {time.monotonic() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
