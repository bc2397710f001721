"""What the Python SDK adds over the raw generated stub, measured in the same run against the same server.

The conformance harness (simulated switch + server) runs in a child process. This process calls:

a. unary: `QueryService.GetDeviceName("101")` sequentially, in rounds alternating between the grpcio stub
   (protobuf messages) and the SDK (`client.query.get_device_name`, betterproto2 messages, request ID and typed
   errors), so that drift on a busy machine hits both alike; p50 of each, and the ratio.
b. stream: a history of call events is made first; each round replays it from the same resume token to one
   subscriber, through the raw `StreamEvents` stub and through `client.events.stream(...)` in turn; events per
   second of each, and the ratio.

c. the same two measurements for the TypeScript SDK (sdk/typescript/bench/sdk-bench.ts, when built) against a
   bare Connect-ES client on the same kind of transport.

Targets (issue: SDKs): unary overhead <= 10% at p50; stream throughput >= 90% of the raw stub's.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from pathlib import Path

import grpc

from callwire.events.v1 import request_response_pb2 as ev_rr
from callwire.events.v1 import service_pb2_grpc as ev_grpc
from callwire.query.v1 import request_response_pb2 as q_rr
from callwire.query.v1 import service_pb2_grpc as q_grpc
from callwire_sdk import Client, events

sys.path.insert(0, str(Path(__file__).parent))
from _common import machine, stats_ms

HARNESS = Path(__file__).resolve().parent.parent / "sdk" / "conformance" / "harness.py"
TS_BENCH = Path(__file__).resolve().parent.parent / "sdk" / "typescript" / "dist" / "bench" / "sdk-bench.js"


async def unary(target: str, rounds: int, calls: int) -> tuple[float, float]:
    raw_times: list[float] = []
    sdk_times: list[float] = []
    async with grpc.aio.insecure_channel(target) as channel, Client.connect(target) as client:
        stub = q_grpc.QueryServiceStub(channel)
        request = q_rr.GetDeviceNameRequest(device="101")
        for _ in range(50):  # warm both paths (channel, caches) before measuring
            await stub.GetDeviceName(request)
            await client.query.get_device_name(device="101")
        for _ in range(rounds):
            for _ in range(calls):
                start = time.perf_counter()
                await stub.GetDeviceName(request, metadata=(("x-request-id", "bench"),))
                raw_times.append(time.perf_counter() - start)
            for _ in range(calls):
                start = time.perf_counter()
                await client.query.get_device_name(device="101")
                sdk_times.append(time.perf_counter() - start)
    return stats_ms(raw_times).p50, stats_ms(sdk_times).p50


async def stream(target: str, rounds: int, cycles: int) -> tuple[float, float, int, str, int]:
    async with grpc.aio.insecure_channel(target) as channel, Client.connect(target) as client:
        stub = ev_grpc.EventServiceStub(channel)
        first = stub.StreamEvents(ev_rr.StreamEventsRequest(all_devices=True, include_snapshot=True))
        snapshot = await anext(aiter(first))
        first.cancel()
        token = snapshot.snapshot.resume_token
        for _ in range(cycles):  # the history: each cycle rings, connects and clears a call
            await client.call_control.make_call(extension="101", destination="102")
            await client.call_control.answer_call(extension="102")
            await client.call_control.hangup_call(extension="101")
        probe = stub.StreamEvents(ev_rr.StreamEventsRequest(all_devices=True, include_snapshot=True))
        last = (await anext(aiter(probe))).snapshot.sequence
        probe.cancel()

        async def raw() -> int:
            call = stub.StreamEvents(ev_rr.StreamEventsRequest(all_devices=True, resume_token=token))
            count = 0
            try:
                async for item in call:
                    count += 1
                    if item.event.sequence >= last:
                        return count
            finally:
                call.cancel()
            return count

        async def sdk() -> int:
            count = 0
            items = client.events.stream(all_devices=True, resume_token=token)
            try:
                async for item in items:
                    count += 1
                    if isinstance(item, events.Event) and item.sequence >= last:
                        return count
            finally:
                await items.aclose()
            return count

        raw_rates: list[float] = []
        sdk_rates: list[float] = []
        count = 0
        for _ in range(rounds):
            for runner, rates in ((raw, raw_rates), (sdk, sdk_rates)):
                start = time.perf_counter()
                count = await runner()
                rates.append(count / (time.perf_counter() - start))
        raw_rates.sort()
        sdk_rates.sort()
        return raw_rates[len(raw_rates) // 2], sdk_rates[len(sdk_rates) // 2], count, token, last


async def typescript(target: str, token: str, last: int, rounds: int, calls: int) -> dict[str, float] | None:
    """The TypeScript SDK's figures from sdk/typescript/bench/sdk-bench.ts (built by `npm run build`)."""
    script = TS_BENCH
    if not script.exists():
        return None
    proc = await asyncio.create_subprocess_exec(
        "node", str(script), target, token, str(last), str(rounds), str(calls), stdout=asyncio.subprocess.PIPE
    )
    out, _ = await asyncio.wait_for(proc.communicate(), 600)
    if proc.returncode != 0:
        raise RuntimeError(f"the TypeScript benchmark failed ({proc.returncode})")
    figures: dict[str, float] = json.loads(out.decode().strip().splitlines()[-1])
    return figures


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--calls", type=int, default=400, help="unary calls per round and path")
    parser.add_argument("--cycles", type=int, default=150, help="call cycles in the replayed history")
    args = parser.parse_args()
    harness = await asyncio.create_subprocess_exec(
        sys.executable, str(HARNESS), stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE
    )
    assert harness.stdin is not None
    assert harness.stdout is not None
    try:
        target = json.loads(await asyncio.wait_for(harness.stdout.readline(), 120))["target"]
        raw_p50, sdk_p50 = await unary(target, args.rounds, args.calls)
        raw_rate, sdk_rate, count, token, last = await stream(target, args.rounds, args.cycles)
        ts = await typescript(target, token, last, args.rounds, args.calls)
    finally:
        harness.stdin.close()
        await harness.wait()
    print(f"bench_sdk ({machine()})")
    print(f"a. unary GetDeviceName p50: raw stub {raw_p50:.3f} ms, SDK {sdk_p50:.3f} ms,")
    print(f"   SDK/raw = {sdk_p50 / raw_p50:.3f} (target <= 1.10)")
    print(f"b. stream replay of {count} items, one subscriber: raw stub {raw_rate:,.0f}/s, SDK {sdk_rate:,.0f}/s,")
    print(f"   SDK/raw = {sdk_rate / raw_rate:.3f} (target >= 0.90)")
    if ts is None:
        print("TypeScript: not built (cd sdk/typescript && npm run build), skipped")
        return
    print("TypeScript SDK against a bare Connect-ES client:")
    unary_ratio = ts["sdkP50"] / ts["rawP50"]
    print(f"a. unary p50: raw {ts['rawP50']:.3f} ms, SDK {ts['sdkP50']:.3f} ms, SDK/raw = {unary_ratio:.3f}")
    print(f"b. stream replay of {ts['items']:.0f} items: raw {ts['rawRate']:,.0f}/s, SDK {ts['sdkRate']:,.0f}/s,")
    print(f"   SDK/raw = {ts['sdkRate'] / ts['rawRate']:.3f}")


if __name__ == "__main__":
    asyncio.run(main())
