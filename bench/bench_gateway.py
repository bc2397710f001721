"""Legacy gateway benchmark: what the REST/WebSocket gateway adds on top of gRPC, and event fan-out.

Prints, as ratios to baselines measured in the same run:

1. WebSocket request-to-response p50/p99 (`querydevicename`) against the same RPC (`GetDeviceName`) called
   directly over gRPC (target: the gateway adds under 0.5 ms at p50);
2. REST (`GET /querydevicename?...`) the same;
3. event delivery to N concurrent WebSocket clients, each monitoring its own station, at R events/s in total
   (default 2,000 clients, 2,000 events/s; target: every client connected and served, p99 under 100 ms),
   against the same events read directly from one gRPC `StreamEvents` stream.

The server side runs in a child process (simulator + server + gateway for 1-2; for 3 a stand-in upstream
serving `StreamEvents` with stamped events at the given rate, plus a second gateway), the clients here.
Localhost only, bounded loops; finishes by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import multiprocessing.connection
import os
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _common import stats_ms

Conn = multiprocessing.connection.Connection


def _raise_fd_limit(want: int) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = min(max(soft, want), hard)
    if target > soft:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))


# ------------------------------------------------------------------------------------- the child process


async def _fake_upstream(
    rate: float, seconds: float, devices: list[str], go: dict[str, asyncio.Event]
) -> tuple[Any, int]:
    """A gRPC server with just what the gateway needs for events: stamped offers at `rate` per second."""
    import grpc
    from google.protobuf import timestamp_pb2

    from callwire.admin.v1 import request_response_pb2 as admin_rr
    from callwire.admin.v1 import service_pb2_grpc as admin_grpc
    from callwire.callcontrol.v1 import request_response_pb2 as cc_rr
    from callwire.callcontrol.v1 import service_pb2_grpc as cc_grpc
    from callwire.events.v1 import enums_pb2 as ev_enums
    from callwire.events.v1 import message_pb2 as ev_msg
    from callwire.events.v1 import request_response_pb2 as ev_rr
    from callwire.events.v1 import service_pb2_grpc as ev_grpc

    class Admin(admin_grpc.AdminServiceServicer):  # type: ignore[misc]
        async def ListAccessRules(self, request: Any, context: Any) -> Any:
            return admin_rr.ListAccessRulesResponse()

    class Calls(cc_grpc.CallControlServiceServicer):  # type: ignore[misc]
        async def StartMonitor(self, request: Any, context: Any) -> Any:
            return cc_rr.StartMonitorResponse()

        async def StopMonitor(self, request: Any, context: Any) -> Any:
            return cc_rr.StopMonitorResponse()

    class Events(ev_grpc.EventServiceServicer):  # type: ignore[misc]
        async def StreamEvents(self, request: Any, context: Any) -> Any:
            yield ev_rr.StreamEventsResponse(snapshot=ev_msg.Snapshot(sequence=0))
            # The baseline client asks for devices ["direct"]; the gateway for all devices. Each phase
            # runs alone, so the baseline does not share the process with the gateway's fan-out.
            await go["direct" if list(request.devices) == ["direct"] else "fan"].wait()
            total = int(rate * seconds)
            start = time.perf_counter()
            for seq in range(1, total + 1):
                due = start + seq / rate
                delay = due - time.perf_counter()
                if delay > 0:
                    await asyncio.sleep(delay)
                now = time.time()
                ts = timestamp_pb2.Timestamp()
                ts.FromNanoseconds(int(now * 1e9))
                event = ev_msg.Event(
                    sequence=seq,
                    time=ts,
                    event_type=ev_enums.EVENT_TYPE_OFFERED,
                    device=devices[seq % len(devices)],
                    reference_id=1,
                )
                event.call.call_id = str(seq)
                event.offered.alerting = event.device
                event.offered.user_data = repr(now)  # the send stamp, read back from `custdata`
                yield ev_rr.StreamEventsResponse(event=event)

    server = grpc.aio.server()
    admin_grpc.add_AdminServiceServicer_to_server(Admin(), server)
    cc_grpc.add_CallControlServiceServicer_to_server(Calls(), server)
    ev_grpc.add_EventServiceServicer_to_server(Events(), server)
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    return server, port


async def _child(conn: Conn, params: dict[str, Any]) -> None:
    from callwire_csta.link import Endpoint, LinkConfig
    from callwire_gateway.app import Limits, start_gateway
    from callwire_server.app import start_server
    from callwire_server.config import GrpcConfig, ServerConfig
    from callwire_sim.site import demo_site
    from callwire_sim.switch import Switch
    from callwire_sim.transport import SimulatorServer

    loop = asyncio.get_running_loop()
    tmp = Path(tempfile.mkdtemp(prefix="callwire-bench-gw-"))
    switch = Switch(demo_site())
    sim = SimulatorServer(switch, port=0)
    await sim.start()
    config = ServerConfig(
        grpc=GrpcConfig(address="127.0.0.1:0", require_api_key=False),
        link=LinkConfig(
            endpoints=(Endpoint("127.0.0.1", sim.port, name="sim"),), username="ctiuser", password="ctipass"
        ),
        store_url=f"sqlite+aiosqlite:///{tmp}/callwire.db",
        data_dir=tmp,
        monitor=("101", "102"),
    )
    server = await start_server(config)
    no_limits = Limits(rate=1e9, burst=1e9, access_ttl=60.0, queue_size=10_000, max_connections_per_address=100_000)
    gateway = await start_gateway(grpc_target=f"127.0.0.1:{server.port}", rest_port=0, ws_port=0, limits=no_limits)

    go = {"direct": asyncio.Event(), "fan": asyncio.Event()}
    phase = "direct"
    devices = [str(300_000 + i) for i in range(params["clients"])]
    fake, fake_port = await _fake_upstream(params["rate"], params["seconds"], devices, go)
    fan = await start_gateway(grpc_target=f"127.0.0.1:{fake_port}", rest_port=0, ws_port=0, limits=no_limits)
    conn.send(
        {
            "grpc": server.port,
            "rest": gateway.rest_port,
            "ws": gateway.ws_port,
            "fake": fake_port,
            "fan_ws": fan.ws_port,
            "devices": devices,
        }
    )
    while True:
        command = await loop.run_in_executor(None, conn.recv)
        if command == "go":
            cpu0 = os.times()
            go[phase].set()
            conn.send("started")
        elif command == "cpu":
            cpu1 = os.times()
            conn.send((cpu1.user - cpu0.user) + (cpu1.system - cpu0.system))
        elif command == "reset":
            phase = "fan"
            conn.send("ok")
        else:
            break
    await fan.stop()
    await fake.stop(0)
    await gateway.stop()
    await server.stop(grace=0.5)
    await sim.stop()
    switch.close()
    conn.send("stopped")


def _child_main(conn: Conn, params: dict[str, Any]) -> None:
    _raise_fd_limit(params["clients"] * 2 + 1024)
    try:
        import uvloop

        uvloop.install()
    except ImportError:
        pass
    asyncio.run(_child(conn, params))


# ----------------------------------------------------------------------------------------- measurements


async def _grpc_latency(port: int, n: int) -> list[float]:
    import grpc

    from callwire.query.v1 import request_response_pb2 as q_rr
    from callwire.query.v1 import service_pb2_grpc as q_grpc

    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        stub = q_grpc.QueryServiceStub(channel)
        request = q_rr.GetDeviceNameRequest(device="101")
        for _ in range(50):
            await stub.GetDeviceName(request)
        out = []
        for _ in range(n):
            t0 = time.perf_counter()
            await stub.GetDeviceName(request)
            out.append(time.perf_counter() - t0)
        return out


async def _ws_latency(port: int, n: int) -> list[float]:
    from websockets.asyncio.client import connect

    async with connect(f"ws://127.0.0.1:{port}/") as ws:
        out = []
        for i in range(n + 50):
            body = json.dumps({"id": str(i), "request": "querydevicename", "extension": "101"})
            t0 = time.perf_counter()
            await ws.send(body)
            resp = json.loads(await ws.recv())
            if i >= 50:
                out.append(time.perf_counter() - t0)
            assert resp["result"] == "success", resp
        return out


async def _rest_latency(port: int, n: int) -> list[float]:
    import aiohttp

    url = f"http://127.0.0.1:{port}/querydevicename"
    async with aiohttp.ClientSession() as http:
        out = []
        for i in range(n + 50):
            t0 = time.perf_counter()
            async with http.get(url, params={"id": str(i), "extension": "101"}) as resp:
                body = await resp.json()
            if i >= 50:
                out.append(time.perf_counter() - t0)
            assert body["result"] == "success", body
        return out


async def _direct_events(port: int, expected: int, conn: Conn) -> list[float]:
    """Baseline: the same stamped events read straight from one gRPC stream."""
    import grpc

    from callwire.events.v1 import request_response_pb2 as ev_rr
    from callwire.events.v1 import service_pb2_grpc as ev_grpc

    lat: list[float] = []
    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        stream = ev_grpc.EventServiceStub(channel).StreamEvents(ev_rr.StreamEventsRequest(devices=["direct"]))
        await stream.read()  # the snapshot
        conn.send("go")
        conn.recv()
        while len(lat) < expected:
            item = await asyncio.wait_for(stream.read(), 30)
            lat.append(time.time() - float(item.event.offered.user_data))
        stream.cancel()
    return lat


async def _fanout(port: int, devices: list[str], expected: int, conn: Conn) -> tuple[list[float], int, int]:
    from websockets.asyncio.client import connect

    sem = asyncio.Semaphore(200)
    clients: list[Any] = []

    async def one(device: str) -> None:
        async with sem:
            ws = await connect(f"ws://127.0.0.1:{port}/", open_timeout=30, ping_interval=None)
            await ws.send(json.dumps({"id": "m", "request": "startmonitor", "extension": device}))
            resp = json.loads(await ws.recv())
            assert resp["result"] == "success", resp
            clients.append(ws)

    await asyncio.gather(*(one(d) for d in devices))
    connected = len(clients)
    lat: list[float] = []
    served: set[int] = set()
    per_client = expected // len(devices)

    async def reader(index: int, ws: Any) -> None:
        for _ in range(per_client):
            event = json.loads(await ws.recv())
            lat.append(time.time() - float(event["custdata"]))
        served.add(index)

    conn.send("go")
    conn.recv()
    await asyncio.wait_for(asyncio.gather(*(reader(i, ws) for i, ws in enumerate(clients))), 60)
    await asyncio.gather(*(ws.close() for ws in clients))
    return lat, connected, len(served)


def _row(name: str, value: Any, base: Any) -> str:
    added = value - base
    return f"  {name:<30} {value:>8.3f} ms   baseline {base:>8.3f} ms   ratio {value / base:5.2f}x   +{added:.3f} ms"


async def main_async(args: argparse.Namespace) -> int:
    _raise_fd_limit(args.clients * 2 + 1024)
    loop = asyncio.get_running_loop()
    ctx = multiprocessing.get_context("spawn")
    parent, child = ctx.Pipe()
    proc = ctx.Process(
        target=_child_main,
        args=(child, {"clients": args.clients, "rate": args.rate, "seconds": args.seconds}),
        daemon=True,
    )
    proc.start()
    info = await loop.run_in_executor(None, parent.recv)
    try:
        grpc_lat = stats_ms(await _grpc_latency(info["grpc"], args.requests))
        ws_lat = stats_ms(await _ws_latency(info["ws"], args.requests))
        rest_lat = stats_ms(await _rest_latency(info["rest"], args.requests))
        print(f"Request to response, {args.requests} sequential requests (querydevicename / GetDeviceName):")
        print(_row("WebSocket p50", ws_lat.p50, grpc_lat.p50))
        print(_row("WebSocket p99", ws_lat.p99, grpc_lat.p99))
        print(_row("REST p50", rest_lat.p50, grpc_lat.p50))
        print(_row("REST p99", rest_lat.p99, grpc_lat.p99))
        added = ws_lat.p50 - grpc_lat.p50
        print(f"  WebSocket adds {added:.3f} ms at p50 (target < 0.5 ms): {'OK' if added < 0.5 else 'MISSED'}")

        expected = int(args.rate * args.seconds)
        direct = await _direct_events(info["fake"], expected, parent)
        parent.send("reset")
        parent.recv()
        direct_stats = stats_ms(direct)
        lat, connected, served = await _fanout(info["fan_ws"], info["devices"], expected, parent)
        parent.send("cpu")
        cpu = await loop.run_in_executor(None, parent.recv)
        fan = stats_ms(lat)
        print(
            f"Event delivery: {args.clients} WebSocket clients, one station each, {args.rate:.0f} events/s in total, "
            f"{args.seconds:.0f} s ({expected} events):"
        )
        print(f"  clients connected {connected}/{args.clients}, served {served}/{args.clients}, events {fan.n}")
        print(_row("event latency p50", fan.p50, direct_stats.p50))
        print(_row("event latency p99", fan.p99, direct_stats.p99))
        print(f"  gateway+upstream process CPU: {cpu / max(1, expected) * 1e6:.0f} us per event")
        ok = connected == served == args.clients and fan.p99 < 100
        print(f"  target (all served, p99 < 100 ms): {'OK' if ok else 'MISSED'}")
    finally:
        parent.send("stop")
        await loop_recv(parent)
        proc.join(10)
    return 0


async def loop_recv(conn: Conn) -> Any:
    return await asyncio.get_running_loop().run_in_executor(None, conn.recv)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=2000)
    parser.add_argument("--rate", type=float, default=2000.0)
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).parent))
    return asyncio.run(main_async(args))


if __name__ == "__main__":
    sys.exit(main())
