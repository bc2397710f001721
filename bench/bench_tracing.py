"""What tracing costs on the control RPC: tracing off against tracing on (every request sampled, every span
exported over OTLP), measured in the same run. Target: p50 with tracing on < 1.15x of tracing off.

Three `callwire up --no-gateway` processes run side by side, each with its own simulated switch, and differ only
in their OTEL_* variables:

- off:     OTEL_SDK_DISABLED=true: no SDK at all, the OpenTelemetry API's no-op spans and instruments;
- default: what `callwire up` does when no collector is named: no tracer or meter provider is installed (the
           API's proxies, which a client's traceparent still passes through);
- on:      OTEL_TRACES_SAMPLER=always_on, spans exported over OTLP/gRPC to a sink in its own process (a real
           OTLP TraceService server that counts what it receives, so the export is checked, not assumed), and
           metrics pushed over OTLP to the same sink every second.

The measured RPC is HoldCall/RetrieveCall, alternating on a connected call 101 -> 102 (gRPC -> server -> link ->
simulator), as in bench_server.py section a. The client (this process, uvloop) calls each server in turn,
`--rounds` interleaved rounds, so that load from elsewhere falls on every variant alike.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import multiprocessing
import multiprocessing.connection
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _common import machine, machine_busy, ratio, run, stats_ms, table, timed_sequential

VARIANTS = ("off", "default", "on")
TARGET = 1.15


def _sink_main(conn: multiprocessing.connection.Connection) -> None:
    """A minimal OTLP/gRPC receiver (traces and metrics) that counts spans; answers its count when asked."""
    import grpc
    from opentelemetry.proto.collector.metrics.v1 import metrics_service_pb2, metrics_service_pb2_grpc
    from opentelemetry.proto.collector.trace.v1 import trace_service_pb2, trace_service_pb2_grpc

    received = {"spans": 0, "metric_exports": 0}

    class Traces(trace_service_pb2_grpc.TraceServiceServicer):
        async def Export(self, request: Any, context: Any) -> Any:
            received["spans"] += sum(len(s.spans) for r in request.resource_spans for s in r.scope_spans)
            return trace_service_pb2.ExportTraceServiceResponse()

    class Metrics(metrics_service_pb2_grpc.MetricsServiceServicer):
        async def Export(self, request: Any, context: Any) -> Any:
            received["metric_exports"] += 1
            return metrics_service_pb2.ExportMetricsServiceResponse()

    async def main() -> None:
        server = grpc.aio.server()
        trace_service_pb2_grpc.add_TraceServiceServicer_to_server(Traces(), server)  # type: ignore[no-untyped-call]
        metrics_service_pb2_grpc.add_MetricsServiceServicer_to_server(Metrics(), server)  # type: ignore[no-untyped-call]
        port = server.add_insecure_port("127.0.0.1:0")
        await server.start()
        conn.send(port)
        loop = asyncio.get_running_loop()
        while True:
            ready = await loop.run_in_executor(None, conn.poll, 0.2)
            if ready:
                command = conn.recv()
                conn.send(dict(received))
                if command == "stop":
                    break
        await server.stop(1)

    asyncio.run(main())


def _start_up(variant: str, data_dir: Path, sink_port: int) -> tuple[subprocess.Popen[str], int]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OTEL_")}
    if variant == "off":
        env["OTEL_SDK_DISABLED"] = "true"
    elif variant == "on":
        env |= {
            "OTEL_EXPORTER_OTLP_ENDPOINT": f"http://127.0.0.1:{sink_port}",
            "OTEL_TRACES_SAMPLER": "always_on",
        }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "callwire_server.cli",
            "--log-level",
            "WARNING",
            "up",
            "--no-gateway",
            "--grpc",
            "127.0.0.1:0",
            "--sim-port",
            "0",
            "--sim-control-port",
            "-1",
            "--data-dir",
            str(data_dir),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    banner = ""
    deadline = time.monotonic() + 300
    while "Ctrl-C stops." not in banner:
        line = process.stdout.readline()
        if not line or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError(f"callwire up ({variant}) did not start: {banner}")
        banner += line
    found = re.search(r"gRPC server: +127\.0\.0\.1:(\d+)", banner)
    assert found is not None, banner
    return process, int(found.group(1))


async def _measure(ports: dict[str, int], calls: int, warmup: int, rounds: int) -> dict[str, list[float]]:
    import grpc

    from callwire.callcontrol.v1 import request_response_pb2 as cc
    from callwire.callcontrol.v1 import service_pb2_grpc as cc_grpc

    channels = {v: grpc.aio.insecure_channel(f"127.0.0.1:{p}") for v, p in ports.items()}
    try:
        rpcs = {}
        for variant, channel in channels.items():
            stub = cc_grpc.CallControlServiceStub(channel)
            made = await stub.MakeCall(cc.MakeCallRequest(extension="101", destination="102"), timeout=30)
            call_id = made.call.call_id
            await asyncio.sleep(0.3)  # the tracker learns the call from the Delivered event
            await stub.AnswerCall(cc.AnswerCallRequest(extension="102", call_id=call_id), timeout=30)
            await asyncio.sleep(0.3)

            def make(stub: Any = stub, call_id: str = call_id) -> Any:
                held = False

                async def rpc() -> None:
                    nonlocal held
                    held = not held
                    if held:
                        await stub.HoldCall(cc.HoldCallRequest(extension="101", call_id=call_id))
                    else:
                        await stub.RetrieveCall(cc.RetrieveCallRequest(extension="101", call_id=call_id))

                return rpc

            rpcs[variant] = make()
        results: dict[str, list[float]] = {v: [] for v in ports}
        per_round = calls // rounds
        for _ in range(rounds):
            for variant, rpc in rpcs.items():
                results[variant] += await timed_sequential(rpc, per_round, warmup)
        return results
    finally:
        for channel in channels.values():
            await channel.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--calls", type=int, default=2000, help="timed calls per variant (default: %(default)s)")
    parser.add_argument("--warmup", type=int, default=100, help="untimed calls per variant and round")
    parser.add_argument("--rounds", type=int, default=4, help="interleaved rounds (default: %(default)s)")
    parser.add_argument("--quick", action="store_true", help="a small run (smoke test)")
    args = parser.parse_args(argv)
    if args.quick:
        args.calls, args.warmup, args.rounds = 200, 20, 2

    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    sink = context.Process(target=_sink_main, args=(theirs,), daemon=True)
    sink.start()
    servers: list[subprocess.Popen[str]] = []
    try:
        sink_port = int(ours.recv())
        ports: dict[str, int] = {}
        with tempfile.TemporaryDirectory(prefix="callwire-bench-tracing-") as tmp:
            for variant in VARIANTS:
                process, port = _start_up(variant, Path(tmp) / variant, sink_port)
                servers.append(process)
                ports[variant] = port
            busy_before, started = machine_busy(), time.monotonic()
            results = run(lambda: _measure(ports, args.calls, args.warmup, args.rounds), "uvloop")
            elapsed, busy = time.monotonic() - started, machine_busy() - busy_before
            # The batch processor sends every 5 s (or at 512 spans): wait for the last batch, bounded.
            expected = 2 * (args.calls + args.warmup * args.rounds)
            deadline = time.monotonic() + 30
            while True:
                ours.send("count")
                received = ours.recv()
                if received["spans"] >= expected or time.monotonic() > deadline:
                    break
                time.sleep(0.5)
    finally:
        for process in servers:
            process.terminate()
        for process in servers:
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
        with contextlib.suppress(BrokenPipeError, EOFError, OSError):
            ours.send("stop")
            ours.recv()
        sink.join(10)
        if sink.is_alive():
            sink.kill()

    stats = {v: stats_ms(results[v]) for v in VARIANTS}
    off = stats["off"]
    rows = [
        [
            v,
            stats[v].n,
            f"{stats[v].p50:.3f}",
            f"{stats[v].p99:.3f}",
            f"{stats[v].mean:.3f}",
            ratio(stats[v].p50, off.p50),
        ]
        for v in VARIANTS
    ]
    print(f"Callwire bench_tracing, {machine()}")
    print("RPC: CallControlService.HoldCall/RetrieveCall (alternating, connected call 101 -> 102), uvloop client")
    print(table(["tracing", "calls", "p50 ms", "p99 ms", "mean ms", "p50 vs off"], rows))
    on_ratio = stats["on"].p50 / off.p50
    spans = received["spans"]
    print(
        f"spans received by the OTLP sink from the 'on' server: {spans:,} "
        f"(>= 2 per timed call: the gRPC server span and the CSTA span); metric exports: {received['metric_exports']}"
    )
    print(f"machine CPU busy during the measurement: {busy:.1f} s over {elapsed:.1f} s (all processes, all cores)")
    verdict = "met" if on_ratio < TARGET else "MISSED"
    print(
        f"- Tracing (100% sampled, OTLP export) p50 {stats['on'].p50:.3f} ms vs off {off.p50:.3f} ms: "
        f"{on_ratio:.2f}x; target < {TARGET:.2f}x {verdict}"
    )
    if spans < 2 * stats["on"].n:
        print("the 'on' server exported fewer spans than it served calls: the comparison is not valid")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
