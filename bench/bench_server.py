"""Server benchmarks, each against a baseline measured in the same run: RPC latency, event delivery, scale.

Every piece runs in its own process (multiprocessing, spawn), as in production: the simulated switch
(always the standard asyncio loop: it stands in for AES), the Callwire server, and the gRPC clients. The
orchestrator (this process) only sends commands over pipes and prints. All sockets are on 127.0.0.1.

a. RPC latency: sequential calls of a call-control RPC through gRPC -> server -> link -> simulator, against
   a bare grpc.aio unary echo (generic handler, bytes) plus a bare CSTA round trip of the same request to
   the simulator (a `CstaLink` of its own). Target: p50 and p99 within 1.5x of (echo + CSTA).
b. Event delivery: 1,000 StreamEvents subscribers each watching its own station plus 2 watching all
   stations, with the simulator generating MessageWaiting events on random monitored stations at 2,000/s.
   Latency is from the Event `time` (when the link read the frame) to the subscriber's receipt. Target:
   p99 under 100 ms with every event delivered. Baseline: a bare grpc.aio server-streaming service with
   the same streams, fan-out and rate. Every stream gets one event first (not counted: a stream's first
   message also carries its headers). When the target is missed the rate is stepped down to find what is
   sustained. The CPU taken by other jobs on the machine meanwhile is printed (from /proc/stat).
c. Scale: start-up time (start_server call -> every station monitored and health SERVING) and the
   server's RSS with 20,000 monitored stations, against 100 stations; the simulator's RSS is its own.

a and b run under asyncio and under uvloop (server and client processes); c under uvloop (what
`callwire serve` uses) unless --scale-loops says otherwise. `--quick` shrinks everything for a smoke test.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import logging
import multiprocessing
import multiprocessing.connection
import os
import random
import sys
import tempfile
import time
import traceback
from collections.abc import Awaitable, Callable, Coroutine
from pathlib import Path
from typing import Any

from _common import (
    ECHO_STREAM,
    ECHO_UNARY,
    STAMP,
    ChildProcess,
    EchoStreams,
    Stats,
    children,
    echo_server,
    machine,
    machine_busy,
    ratio,
    rss_kib,
    run,
    stats_ms,
    table,
    timed_sequential,
)

Conn = multiprocessing.connection.Connection
Reply = dict[str, Any]

USERNAME = "ctiuser"
PASSWORD = "ctipass"
#: Extensions of the RPC section's site: the call is 101 -> 102.
RPC_STATIONS = ("101", "102", "103", "104")
#: Size of a serialized Event of the kind section b carries, so the bare stream baseline moves as many bytes.
EVENT_PAYLOAD = 96


def extensions(count: int, first: int = 200_000) -> list[str]:
    return [str(first + i) for i in range(count)]


# ================================================================================= child processes


def _child_main(role: str, loop: str, conn: Conn, params: dict[str, Any]) -> None:
    """Entry point of every child process: run the role's coroutine on the chosen loop."""
    if params.get("pycache"):
        # Bytecode cached as the container image has it (UV_COMPILE_BYTECODE): without it every start compiled
        # the server's libraries from source again (PYTHONDONTWRITEBYTECODE), and section c timed that.
        sys.pycache_prefix = params["pycache"]
        sys.dont_write_bytecode = False
    logging.basicConfig(level=logging.ERROR, format=f"[{role}] %(levelname)s %(name)s %(message)s")
    roles: dict[str, Callable[[Conn, dict[str, Any]], Coroutine[Any, Any, None]]] = {
        "sim": _sim,
        "server": _server,
        "echo": _echo,
        "rpc_client": _rpc_client,
        "event_clients": _event_clients,
        "bare_startup": _bare_startup,
    }
    gc.callbacks.append(_gc_pauses)
    try:
        run(lambda: roles[role](conn, params), loop)
    except BaseException:
        with contextlib.suppress(Exception):
            conn.send({"error": f"{role}: {traceback.format_exc()}"})
        raise


#: Garbage-collector pauses of this process since the last `cpu` command: [count, total s, max s, gen-2 count].
_GC = [0, 0.0, 0.0, 0]
_gc_started = [0.0]


def _gc_pauses(phase: str, info: dict[str, int]) -> None:
    if phase == "start":
        _gc_started[0] = time.perf_counter()
        return
    pause = time.perf_counter() - _gc_started[0]
    _GC[0] += 1
    _GC[1] += pause
    _GC[2] = max(_GC[2], pause)
    _GC[3] += info["generation"] == 2


async def _commands(conn: Conn, handle: Callable[[Reply], Awaitable[Reply | None]]) -> None:
    """Answer the orchestrator's commands until `stop` (or the pipe closes)."""
    while True:
        try:
            cmd: Reply = await asyncio.to_thread(conn.recv)
        except EOFError:
            return
        if cmd["cmd"] == "stop":
            await handle(cmd)
            conn.send({"ok": True})
            return
        if cmd["cmd"] == "cpu":
            conn.send({"cpu": time.process_time(), "gc": list(_GC)})
            _GC[:] = [0, 0.0, 0.0, 0]
            continue
        if cmd["cmd"] == "rss":
            rss, hwm = rss_kib()
            conn.send({"rss": rss, "hwm": hwm})
            continue
        try:
            reply = await handle(cmd)
        except Exception:
            conn.send({"error": traceback.format_exc()})
            continue
        conn.send(reply or {})


async def _sim(conn: Conn, params: dict[str, Any]) -> None:
    """The simulated switch with the given stations; `pump` makes it generate MWI events at a rate."""
    from callwire_csta import codec as csta
    from callwire_sim.site import Site, Station
    from callwire_sim.switch import Switch
    from callwire_sim.transport import SimulatorServer

    site = Site(stations=tuple(Station(extension=e, name=f"Bench {e}") for e in params["stations"]))
    switch = Switch(site)
    server = SimulatorServer(switch, port=0, username=USERNAME, password=PASSWORD)
    await server.start()
    rss, _ = rss_kib()
    conn.send({"port": server.port, "rss": rss})

    async def pump(rate: float, seconds: float, targets: list[str], ordered: bool) -> Reply:
        session = switch.open_session(lambda _event: None)
        rng = random.Random(7)
        order = iter(targets * (1 + int(rate * seconds) // max(1, len(targets))))
        state: dict[str, bool] = {}
        loop = asyncio.get_running_loop()
        sent = 0
        start = loop.time()
        while (elapsed := loop.time() - start) < seconds:
            due = int(elapsed * rate)
            while sent < due:
                ext = next(order) if ordered else rng.choice(targets)
                on = state[ext] = not state.get(ext, False)
                request = csta.SetMessageWaitingIndicator(
                    device=csta.DeviceID(value=f"{ext}:{switch.switch_name}::0"), message_waiting_on=on
                )
                switch.handle(session, request)
                sent += 1
            await asyncio.sleep(0.001)
        switch.close_session(session)
        return {"sent": sent, "elapsed": loop.time() - start}

    async def handle(cmd: Reply) -> Reply | None:
        if cmd["cmd"] == "pump":
            return await pump(cmd["rate"], cmd["seconds"], cmd["targets"], cmd["ordered"])
        if cmd["cmd"] == "stop":
            await server.stop()
            switch.close()
            return None
        raise ValueError(cmd)

    await _commands(conn, handle)


async def _server(conn: Conn, params: dict[str, Any]) -> None:
    """The Callwire server monitoring the given stations; reports start-up time and RSS."""
    import grpc
    from grpc_health.v1 import health_pb2, health_pb2_grpc

    from callwire_csta.link import Endpoint, LinkConfig
    from callwire_server.app import freeze_startup_objects, start_server
    from callwire_server.config import GrpcConfig, ServerConfig

    data = Path(params["tmpdir"])
    config = ServerConfig(
        grpc=GrpcConfig(address="127.0.0.1:0", require_api_key=False),
        link=LinkConfig(
            endpoints=(Endpoint("127.0.0.1", params["sim_port"], name="sim"),),
            username=USERNAME,
            password=PASSWORD,
            request_timeout=30.0,
        ),
        store_url=f"sqlite+aiosqlite:///{data}/callwire.db",
        data_dir=data,
        monitor=tuple(params["stations"]),
    )
    rss_before, _ = rss_kib()
    imported = time.time()
    started = time.perf_counter()
    running = await start_server(config)
    channel = grpc.aio.insecure_channel(f"127.0.0.1:{running.port}")
    health = health_pb2_grpc.HealthStub(channel)
    while True:
        answer = await health.Check(health_pb2.HealthCheckRequest())
        if answer.status == health_pb2.HealthCheckResponse.SERVING:
            break
        await asyncio.sleep(0.01)
    startup = time.perf_counter() - started
    # From the moment the orchestrator started this process (interpreter, imports, configuration included).
    spawned_at = params.get("spawned_at", imported)
    from_spawn = time.time() - spawned_at
    await channel.close()
    freeze_startup_objects()  # as `callwire up` and `callwire serve` do once the server is up
    rss, hwm = rss_kib()
    conn.send(
        {
            "port": running.port,
            "startup": startup,
            "from_spawn": from_spawn,
            "imports": imported - spawned_at,
            "cpu": time.process_time(),
            "monitored": len(running.core.link.monitored),
            "rss_before": rss_before,
            "rss": rss,
            "hwm": hwm,
            "services": running.services,
        }
    )
    hub = running.core.hub

    async def handle(cmd: Reply) -> Reply | None:
        if cmd["cmd"] == "streams":
            # every device-list subscription also watches the link device, so count distinct subscriptions
            subs: set[object] = set(getattr(hub, "_all", ()))
            for watchers in getattr(hub, "_by_device", {}).values():
                subs.update(watchers)
            return {"n": len(subs), "dropped": hub.dropped_subscribers, "last_sequence": hub.last_sequence}
        if cmd["cmd"] == "stop":
            await running.stop(grace=0.5)
            return None
        raise ValueError(cmd)

    await _commands(conn, handle)


#: What Callwire asks the switch per station at start: the device ID, the monitor, then the snapshot (the
#: station's calls, its agent state and its three features), as `app._monitor_all` and the tracker do.
def _startup_requests(csta: Any, extension: str, switch_name: str) -> list[Any]:
    device = csta.DeviceID(value=f"{extension}:{switch_name}::0")
    return [
        csta.GetThirdPartyDeviceId(switch_name=switch_name, extension=extension),
        csta.MonitorStart(monitor_object=csta.MonitorObject(device_object=device)),
        csta.SnapshotDevice(snapshot_object=device),
        csta.GetAgentState(device=device),
        csta.GetDoNotDisturb(device=device),
        csta.GetForwarding(device=device),
        csta.GetMessageWaitingIndicator(device=device),
    ]


async def _bare_startup(conn: Conn, params: dict[str, Any]) -> None:
    """Section c's baseline: the simulator answering the start-up requests of every station to a bare client
    (framing and codec only: no link, tracker, store or gRPC), pipelined within the same window as the link."""
    from callwire_csta import codec as csta
    from callwire_csta.link._protocol import Session

    window = int(params["window"])
    loop = asyncio.get_running_loop()
    decoder = csta.FrameDecoder()
    answers: asyncio.Queue[list[Any]] = asyncio.Queue()

    class Client(asyncio.Protocol):
        def data_received(self, data: bytes) -> None:
            answers.put_nowait([csta.decode(frame) for frame in decoder.feed(data)])

    transport, _ = await loop.create_connection(Client, "127.0.0.1", params["sim_port"])
    # The session's request from the link's no-I/O state machine (credentials, versions), nothing else of it.
    session = Session(
        application_id="bench",
        username=USERNAME,
        password=PASSWORD,
        protocol_version=csta.DEFAULT_PROTOCOL_VERSION,
        requested_duration=180.0,
        cleanup_delay=0,
    )
    transport.write(csta.encode(1, session.start_request()))
    started_answer = (await answers.get())[0]
    assert isinstance(started_answer, csta.StartApplicationSessionPosResponse), started_answer
    cpu = time.process_time()
    started = time.perf_counter()
    requests = (r for ext in params["stations"] for r in _startup_requests(csta, ext, "CM"))
    sent = received = refused = 0
    invoke = 0
    done = False
    while not done or received < sent:
        batch = []
        while not done and sent - received < window:
            request = next(requests, None)
            if request is None:
                done = True
                break
            invoke = invoke % (csta.MAX_INVOKE_ID - 1) + 1
            batch.append(csta.encode(invoke, request))
            sent += 1
        if batch:
            transport.write(b"".join(batch))
        if received < sent:
            got = await answers.get()
            received += len(got)
            refused += sum(isinstance(m, csta.CSTAErrorCode) for m in got)
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu
    transport.close()
    conn.send({"elapsed": elapsed, "requests": sent, "refused": refused, "cpu": cpu})
    await _commands(conn, _nothing)


async def _echo(conn: Conn, params: dict[str, Any]) -> None:
    """The bare grpc.aio baseline server: unary echo, and server streams fed by `pump`."""
    streams = EchoStreams()
    server, port = echo_server(streams=streams)
    await server.start()
    conn.send({"port": port})
    padding = b"\x00" * (EVENT_PAYLOAD - STAMP.size)

    async def pump(rate: float, seconds: float, targets: list[str], ordered: bool) -> Reply:
        rng = random.Random(7)
        order = iter(targets * (1 + int(rate * seconds) // max(1, len(targets))))
        loop = asyncio.get_running_loop()
        sent = 0
        start = loop.time()
        while (elapsed := loop.time() - start) < seconds:
            due = int(elapsed * rate)
            while sent < due:
                streams.push(next(order) if ordered else rng.choice(targets), STAMP.pack(time.time()) + padding)
                sent += 1
            await asyncio.sleep(0.001)
        return {"sent": sent, "elapsed": loop.time() - start}

    async def handle(cmd: Reply) -> Reply | None:
        if cmd["cmd"] == "streams":
            return {"n": streams.count, "dropped": 0}
        if cmd["cmd"] == "pump":
            return await pump(cmd["rate"], cmd["seconds"], cmd["targets"], cmd["ordered"])
        if cmd["cmd"] == "stop":
            streams.close()
            await server.stop(0.5)
            return None
        raise ValueError(cmd)

    await _commands(conn, handle)


async def _rpc_client(conn: Conn, params: dict[str, Any]) -> None:
    """Section a, client side: the control RPC through the server, then both baselines, interleaved."""
    import grpc

    from callwire.callcontrol.v1 import request_response_pb2 as cc_rr
    from callwire.callcontrol.v1 import service_pb2_grpc as cc_grpc
    from callwire.station.v1 import request_response_pb2 as st_rr
    from callwire.station.v1 import service_pb2_grpc as st_grpc
    from callwire_csta import codec as csta
    from callwire_csta.link import CstaLink, Endpoint, LinkConfig

    count, warmup, rounds = int(params["calls"]), int(params["warmup"]), int(params["rounds"])
    channel = grpc.aio.insecure_channel(f"127.0.0.1:{params['server_port']}")
    calls = cc_grpc.CallControlServiceStub(channel)
    stations = st_grpc.StationServiceStub(channel)
    link = CstaLink(
        LinkConfig(
            endpoints=(Endpoint("127.0.0.1", params["sim_port"], name="sim"),), username=USERNAME, password=PASSWORD
        )
    )
    await link.start()
    device = await link.resolve_device_id("101")

    # The measured RPC: HoldCall/RetrieveCall on a connected call 101 -> 102 when CallControlService works,
    # else StationService.SetMessageWaiting (MWI on/off); both alternate so the state returns every two calls.
    rpc_name = "CallControlService.HoldCall/RetrieveCall (alternating, connected call)"
    call_id = ""
    try:
        made = await calls.MakeCall(cc_rr.MakeCallRequest(extension="101", destination="102"), timeout=5)
        call_id = made.call.call_id
        await asyncio.sleep(0.3)  # the tracker learns the call from the Delivered event
        await calls.AnswerCall(cc_rr.AnswerCallRequest(extension="102", call_id=call_id), timeout=5)
        await asyncio.sleep(0.3)
        await calls.HoldCall(cc_rr.HoldCallRequest(extension="101", call_id=call_id), timeout=5)
        await calls.RetrieveCall(cc_rr.RetrieveCallRequest(extension="101", call_id=call_id), timeout=5)
    except grpc.aio.AioRpcError as exc:
        rpc_name = f"StationService.SetMessageWaiting (on/off; CallControl unavailable: {exc.code().name})"
        call_id = ""
    held = False

    async def rpc() -> None:
        nonlocal held
        held = not held
        if not call_id:
            await stations.SetMessageWaiting(st_rr.SetMessageWaitingRequest(extension="101", enabled=held))
        elif held:
            await calls.HoldCall(cc_rr.HoldCallRequest(extension="101", call_id=call_id))
        else:
            await calls.RetrieveCall(cc_rr.RetrieveCallRequest(extension="101", call_id=call_id))

    connection = csta.ConnectionID(call_id=call_id, device_id=csta.DeviceID(value=device))
    raw_held = False

    async def bare_csta() -> None:
        nonlocal raw_held
        raw_held = not raw_held
        if not call_id:
            await link.request(
                csta.SetMessageWaitingIndicator(device=csta.DeviceID(value=device), message_waiting_on=raw_held)
            )
        elif raw_held:
            await link.request(csta.HoldCall(call_to_be_held=connection))
        else:
            await link.request(csta.RetrieveCall(call_to_be_retrieved=connection))

    echo_channel = grpc.aio.insecure_channel(f"127.0.0.1:{params['echo_port']}")
    unary = echo_channel.unary_unary(ECHO_UNARY)
    payload = cc_rr.HoldCallRequest(extension="101", call_id=call_id or "1").SerializeToString()

    async def bare_echo() -> None:
        await unary(payload)

    results: dict[str, list[float]] = {"rpc": [], "csta": [], "echo": []}
    measured: dict[str, Callable[[], Awaitable[None]]] = {"rpc": rpc, "csta": bare_csta, "echo": bare_echo}
    per_round = count // rounds
    for _ in range(rounds):
        for name, fn in measured.items():
            results[name] += await timed_sequential(fn, per_round, warmup)
    await link.stop()
    await echo_channel.close()
    await channel.close()
    conn.send({"rpc_name": rpc_name, **{k: stats_ms(v).as_dict() for k, v in results.items()}})
    await _commands(conn, _nothing)


async def _nothing(cmd: Reply) -> Reply | None:
    return None


async def _event_clients(conn: Conn, params: dict[str, Any]) -> None:
    """Section b, client side: one channel and one stream per subscriber; latency per received event."""
    import grpc

    callwire = params["kind"] == "callwire"
    keys: list[str | None] = [*params["own"], *([None] * int(params["all"]))]
    latencies: list[float] = []
    received = [0]
    errors: dict[str, int] = {}
    channels: list[Any] = []
    options = [("grpc.use_local_subchannel_pool", 1)]

    if callwire:
        from callwire.events.v1 import request_response_pb2 as ev_rr
        from callwire.events.v1 import service_pb2_grpc as ev_grpc

    async def watch(key: str | None) -> None:
        channel = grpc.aio.insecure_channel(f"127.0.0.1:{params['port']}", options=options)
        channels.append(channel)
        clock = time.time
        try:
            if callwire:
                request = (
                    ev_rr.StreamEventsRequest(all_devices=True)
                    if key is None
                    else ev_rr.StreamEventsRequest(devices=[key])
                )
                async for item in ev_grpc.EventServiceStub(channel).StreamEvents(request):
                    now = clock()
                    if item.HasField("event"):
                        stamp = item.event.time
                        latencies.append(now - (stamp.seconds + stamp.nanos * 1e-9))
                        received[0] += 1
            else:
                async for payload in channel.unary_stream(ECHO_STREAM)(b"*" if key is None else key.encode()):
                    latencies.append(clock() - STAMP.unpack_from(payload)[0])
                    received[0] += 1
        except grpc.aio.AioRpcError as exc:
            name = exc.code().name
            if name != "CANCELLED":
                errors[name] = errors.get(name, 0) + 1

    tasks = [asyncio.create_task(watch(key)) for key in keys]
    conn.send({"started": len(tasks)})

    async def handle(cmd: Reply) -> Reply | None:
        if cmd["cmd"] == "reset":
            latencies.clear()
            received[0] = 0
            return {}
        if cmd["cmd"] == "report":
            late = sum(1 for x in latencies if x > 0.1)
            return {"stats": stats_ms(latencies).as_dict(), "received": received[0], "errors": errors, "late": late}
        if cmd["cmd"] == "stop":
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            for channel in channels:
                await channel.close()
            return None
        raise ValueError(cmd)

    await _commands(conn, handle)


# ================================================================================= orchestrator


class Child(ChildProcess):
    """A child process running one role, driven over a pipe."""

    def __init__(self, role: str, loop: str, **params: Any) -> None:
        super().__init__(role, _child_main, (role, loop), params)


def section_rpc(args: argparse.Namespace) -> dict[str, Any]:
    print(f"\n## a. RPC latency: {args.calls:,} sequential calls per path, {args.rounds} interleaved rounds\n")
    rows: list[list[object]] = []
    out: dict[str, Any] = {}
    for loop in args.loops:
        with children() as kids, tempfile.TemporaryDirectory() as tmp:
            sim = Child("sim", "asyncio", stations=list(RPC_STATIONS))
            kids.append(sim)
            sim_port = sim.recv()["port"]
            server = Child("server", loop, sim_port=sim_port, stations=list(RPC_STATIONS), tmpdir=tmp)
            kids.append(server)
            echo = Child("echo", loop)
            kids.append(echo)
            server_port, echo_port = server.recv()["port"], echo.recv()["port"]
            client = Child(
                "rpc_client",
                loop,
                server_port=server_port,
                sim_port=sim_port,
                echo_port=echo_port,
                calls=args.calls,
                warmup=args.warmup,
                rounds=args.rounds,
            )
            kids.append(client)
            got = client.recv(timeout=170)
        rpc, echo_s, csta_s = (Stats.from_dict(got[k]) for k in ("rpc", "echo", "csta"))
        out[loop] = {"name": got["rpc_name"], "rpc": rpc, "echo": echo_s, "csta": csta_s}
        for q in ("p50", "p99"):
            r, e, c = getattr(rpc, q), getattr(echo_s, q), getattr(csta_s, q)
            rows.append([f"{loop} {q}", r, e, c, e + c, ratio(r, e + c), "yes" if r <= 1.5 * (e + c) else "NO"])
    print(f"measured RPC: {next(iter(out.values()))['name']}\n")
    print(
        table(
            ["loop / percentile", "RPC ms", "echo ms", "CSTA ms", "echo+CSTA ms", "ratio", "<= 1.5x"],
            rows,
        )
    )
    return out


def _event_run(args: argparse.Namespace, loop: str, kind: str, stations: list[str], rate: float) -> dict[str, Any]:
    """One event-delivery run: `kind` "callwire" (simulator -> server -> streams) or "bare" (grpc.aio only)."""
    own = stations[: args.subscribers]
    want = len(own) + args.all_subscribers
    with children() as kids, tempfile.TemporaryDirectory() as tmp:
        if kind == "callwire":
            sim = Child("sim", "asyncio", stations=stations)
            kids.append(sim)
            server = Child("server", loop, sim_port=sim.recv()["port"], stations=stations, tmpdir=tmp)
            kids.append(server)
            source = sim
        else:
            server = Child("echo", loop)
            kids.append(server)
            source = server
        port = server.recv()["port"]
        clients = Child("event_clients", loop, kind=kind, port=port, own=own, all=args.all_subscribers)
        kids.append(clients)
        clients.recv()
        deadline = time.monotonic() + 60
        while (n := server.ask("streams")["n"]) < want:
            if time.monotonic() > deadline:
                raise TimeoutError(f"only {n} of {want} streams opened")
            time.sleep(0.2)
        if args.warm:
            # Every stream gets its first event before the measured run: the first message of a stream
            # also carries its response headers, a one-off that a long-lived subscriber pays once.
            seconds = len(own) / 500
            source.ask("pump", timeout=seconds + 60, rate=500, seconds=seconds, targets=own, ordered=True)
        time.sleep(1.0)
        clients.ask("reset")
        procs = {"server": server, "clients": clients, **({"sim": source} if source is not server else {})}
        before = {name: child.ask("cpu") for name, child in procs.items()}
        busy0 = machine_busy()
        pumped = source.ask(
            "pump", timeout=args.seconds + 60, rate=rate, seconds=args.seconds, targets=own, ordered=False
        )
        after = {name: child.ask("cpu") for name, child in procs.items()}
        busy1 = machine_busy()
        expected = pumped["sent"] * (1 + args.all_subscribers)
        deadline = time.monotonic() + 10
        last, report = -1, clients.ask("report")
        while report["received"] < expected and report["received"] != last and time.monotonic() < deadline:
            last = report["received"]
            time.sleep(0.5)
            report = clients.ask("report")
        streams = server.ask("streams")
    elapsed = pumped["elapsed"]
    cpu = {name: (after[name]["cpu"] - before[name]["cpu"]) / elapsed for name in procs}
    return {
        "stats": Stats.from_dict(report["stats"]),
        "sent": pumped["sent"],
        "rate": pumped["sent"] / elapsed,
        "target": rate,
        "expected": expected,
        "received": report["received"],
        "late": report["late"],
        "errors": report["errors"],
        "dropped": streams.get("dropped", 0),
        "cpu": cpu,
        "other_cpu": max(0.0, (busy1 - busy0) / elapsed - sum(cpu.values())),
        "server_gc": after["server"]["gc"],
    }


def _met(res: dict[str, Any]) -> bool:
    return bool(res["received"] == res["expected"] and res["stats"].p99 < 100 and res["rate"] >= 0.98 * res["target"])


def _event_row(label: str, res: dict[str, Any]) -> list[object]:
    s: Stats = res["stats"]
    cpu = ", ".join(f"{k} {v:.0%}" for k, v in res["cpu"].items()) + f"; others {res['other_cpu']:.0%}"
    errs = ", ".join(f"{k} x{v}" for k, v in res["errors"].items()) or "-"
    count, _total, longest, gen2 = res["server_gc"]
    return [
        label,
        res["rate"],
        f"{res['received']:,}/{res['expected']:,}",
        s.p50,
        s.p99,
        s.max,
        res["late"],
        errs,
        f"{count} ({gen2} gen2), max {longest * 1e3:.0f} ms",
        cpu,
    ]


def section_events(args: argparse.Namespace) -> dict[str, Any]:
    print(
        f"\n## b. Event delivery: {args.subscribers:,} single-station streams + {args.all_subscribers} all-station"
        f" streams, {args.rate:,.0f} events/s for {args.seconds:.0f} s (MessageWaiting on random stations)\n"
    )
    stations = extensions(args.subscribers + args.all_subscribers)
    rows: list[list[object]] = []
    out: dict[str, Any] = {}
    for loop in args.loops:
        for kind in ("callwire", "bare"):
            out[f"{loop}/{kind}"] = _event_run(args, loop, kind, stations, args.rate)
    for loop in args.loops:
        cw, bare = out[f"{loop}/callwire"], out[f"{loop}/bare"]
        rows.append(_event_row(f"{loop} Callwire (link -> subscriber)", cw))
        rows.append(_event_row(f"{loop} bare grpc.aio stream", bare))
        rows.append(
            [
                f"{loop} ratio Callwire/bare",
                "",
                "",
                ratio(cw["stats"].p50, bare["stats"].p50),
                ratio(cw["stats"].p99, bare["stats"].p99),
                ratio(cw["stats"].max, bare["stats"].max),
                "",
                "target met" if _met(cw) else "TARGET MISSED",
                "",
                "",
            ]
        )
    headers = [
        "run",
        "events/s",
        "delivered/expected",
        "p50 ms",
        "p99 ms",
        "max ms",
        "> 100 ms",
        "stream errors",
        "server GC pauses",
        "CPU (share of 1 core)",
    ]
    print(table(headers, rows))
    # Where the target is missed, step the rate down (last loop only, to bound the run time).
    loop = args.loops[-1]
    if args.find_max and not _met(out[f"{loop}/callwire"]):
        steps: list[list[object]] = []
        for rate in (args.rate * 0.75, args.rate * 0.5, args.rate * 0.25):
            res = _event_run(args, loop, "callwire", stations, rate)
            out[f"{loop}/step/{rate:.0f}"] = res
            steps.append(_event_row(f"{loop} Callwire at {rate:,.0f}/s", res))
            if _met(res):
                out["max_sustained"] = (loop, rate)
                break
        print(f"\nTarget missed at {args.rate:,.0f}/s under {loop}: stepping the rate down\n")
        print(table(headers, steps))
    return out


def _scale_server(loop: str, count: int, pycache: str) -> dict[str, Any]:
    """One start-up: a fresh simulator with `count` stations, then a server process monitoring all of them
    (bytecode cached under `pycache`, written by the first start)."""
    with children() as kids, tempfile.TemporaryDirectory() as tmp:
        stations = extensions(count)
        sim = Child("sim", "asyncio", stations=stations)
        kids.append(sim)
        sim_port = sim.recv()["port"]
        sim_cpu = sim.ask("cpu")["cpu"]
        busy = machine_busy()
        server = Child(
            "server", loop, sim_port=sim_port, stations=stations, tmpdir=tmp, spawned_at=time.time(), pycache=pycache
        )
        kids.append(server)
        got = server.recv(timeout=170)
        busy = machine_busy() - busy
        sim_cpu = sim.ask("cpu")["cpu"] - sim_cpu
        sim_rss = sim.ask("rss")["rss"]
    return {**got, "sim_rss": sim_rss, "sim_cpu": sim_cpu, "busy": busy, "count": count}


def _scale_baseline(loop: str, count: int, window: int) -> dict[str, Any]:
    """The baseline: a fresh simulator with `count` stations answering every station's start-up requests to a
    bare codec client, pipelined within `window` requests."""
    with children() as kids:
        stations = extensions(count)
        sim = Child("sim", "asyncio", stations=stations)
        kids.append(sim)
        sim_port = sim.recv()["port"]
        sim_cpu = sim.ask("cpu")["cpu"]
        client = Child("bare_startup", loop, sim_port=sim_port, stations=stations, window=window)
        kids.append(client)
        got = client.recv(timeout=170)
        sim_cpu = sim.ask("cpu")["cpu"] - sim_cpu
    return {**got, "sim_cpu": sim_cpu, "count": count}


def section_scale(args: argparse.Namespace) -> dict[str, Any]:
    from callwire_csta.link import Endpoint, LinkConfig

    # The bare client keeps as many requests in flight as the server's link does by default.
    window = LinkConfig(endpoints=(Endpoint("127.0.0.1", 1),), username="", password="").max_in_flight
    print(
        f"\n## c. Scale: start-up and memory, {args.stations:,} monitored stations against {args.base_stations}\n\n"
        f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}\n"
    )
    rows: list[list[object]] = []
    out: dict[str, Any] = {}
    pycache = tempfile.TemporaryDirectory(prefix="callwire-bench-pycache-")
    for loop in args.scale_loops:
        bare = out[f"{loop}/bare"] = _scale_baseline(loop, args.stations, window)
        _scale_server(loop, args.base_stations, pycache.name)  # untimed: it writes the bytecode cache
        for count in (args.base_stations, args.stations):
            out[f"{loop}/{count}"] = _scale_server(loop, count, pycache.name)
        base, big = out[f"{loop}/{args.base_stations}"], out[f"{loop}/{args.stations}"]
        rows.append(
            [
                f"{loop} bare codec client ({bare['requests']:,} requests)",
                "-",
                "-",
                bare["elapsed"],
                bare["elapsed"] / bare["count"] * 1e3,
                f"{bare['cpu']:.1f} / {bare['sim_cpu']:.1f}",
                "-",
                "-",
            ]
        )
        for res in (base, big):
            rows.append(
                [
                    f"{loop} server, {res['count']:,} stations",
                    res["monitored"],
                    res["from_spawn"],
                    res["startup"],
                    res["startup"] / res["count"] * 1e3,
                    f"{res['cpu']:.1f} / {res['sim_cpu']:.1f}",
                    res["rss"] / 1024,
                    (res["rss"] - res["rss_before"]) / 1024,
                ]
            )
        per_station_kib = (big["rss"] - base["rss"]) / (args.stations - args.base_stations)
        per_station_ms = (big["startup"] - base["startup"]) / (args.stations - args.base_stations) * 1e3
        out[f"{loop}/per_station"] = {"kib": per_station_kib, "ms": per_station_ms}
        rows.append(
            [
                f"{loop} ratio server/bare, {args.stations:,} stations",
                "",
                ratio(big["from_spawn"], bare["elapsed"]),
                ratio(big["startup"], bare["elapsed"]),
                f"+{per_station_ms:.2f} ms/station over {args.base_stations}",
                "",
                ratio(big["rss"], base["rss"]),
                f"+{per_station_kib:.1f} KiB/station",
            ]
        )
    print(
        table(
            [
                "run",
                "monitored",
                "process start -> ready s",
                "start_server -> ready s",
                "ms/station",
                "CPU s (own / sim)",
                "RSS MiB",
                "of it start_server MiB",
            ],
            rows,
        )
    )
    for loop in args.scale_loops:
        big = out[f"{loop}/{args.stations}"]
        print(
            f"\n{loop}: {args.stations:,} stations ready {big['from_spawn']:.1f} s after the process started "
            f"(imports and configuration {big['imports']:.1f} s), target <= 10 s: "
            f"{'met' if big['from_spawn'] <= 10 else 'MISSED'}; other jobs on the machine meanwhile: "
            f"{max(0.0, big['busy'] - big['cpu'] - big['sim_cpu']) / big['from_spawn']:.0%} of a core; "
            f"simulator RSS {big['sim_rss'] / 1024:.0f} MiB"
        )
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    pycache.cleanup()
    return out


def summary(args: argparse.Namespace, a: dict[str, Any], b: dict[str, Any], c: dict[str, Any]) -> None:
    lines = [f"Callwire bench_server, {machine()}"]
    for loop, res in a.items():
        e_c50 = res["echo"].p50 + res["csta"].p50
        e_c99 = res["echo"].p99 + res["csta"].p99
        lines.append(
            f"- RPC ({loop}): p50 {res['rpc'].p50:.3f} ms ({ratio(res['rpc'].p50, e_c50)} of echo+CSTA "
            f"{e_c50:.3f}), p99 {res['rpc'].p99:.3f} ms ({ratio(res['rpc'].p99, e_c99)} of {e_c99:.3f}); target 1.5x"
        )
    for key, res in b.items():
        if not key.endswith("/callwire"):
            continue
        loop = key.split("/")[0]
        bare = b[f"{loop}/bare"]
        lines.append(
            f"- Events ({loop}): {res['rate']:,.0f}/s to {args.subscribers}+{args.all_subscribers} streams, "
            f"{res['received']:,}/{res['expected']:,} delivered, p50 {res['stats'].p50:.1f} ms, p99 "
            f"{res['stats'].p99:.1f} ms, max {res['stats'].max:.1f} ms (bare grpc.aio: p99 {bare['stats'].p99:.1f} ms,"
            f" ratio {ratio(res['stats'].p99, bare['stats'].p99)}); target p99 < 100 ms"
            f" {'met' if _met(res) else 'MISSED'} (other jobs on the machine: {res['other_cpu']:.0%} of a core)"
        )
    if "max_sustained" in b:
        loop, rate = b["max_sustained"]
        res = b[f"{loop}/step/{rate:.0f}"]
        lines.append(
            f"- Events ({loop}): highest rate meeting the target in this run: {rate:,.0f}/s (p99 "
            f"{res['stats'].p99:.1f} ms, {res['received']:,}/{res['expected']:,} delivered)"
        )
    for loop in args.scale_loops:
        key = f"{loop}/{args.stations}"
        if key not in c:
            continue
        big, per, bare = c[key], c[f"{loop}/per_station"], c[f"{loop}/bare"]
        lines.append(
            f"- Scale ({loop}): {big['monitored']:,} stations monitored and SERVING {big['from_spawn']:.1f} s "
            f"after the "
            f"process started (target 10 s), start_server -> ready {big['startup']:.1f} s, "
            f"{ratio(big['startup'], bare['elapsed'])} of a bare codec client's {bare['elapsed']:.1f} s for the same "
            f"{bare['requests']:,} requests; "
            f"server RSS {big['rss'] / 1024:.0f} MiB (+{per['kib']:.1f} KiB and +{per['ms']:.2f} ms per station "
            f"over {args.base_stations}); simulator RSS {big['sim_rss'] / 1024:.0f} MiB (separate process)"
        )
    print("\n## Summary\n")
    print("\n".join(lines))


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sections", default="a,b,c", help="which sections to run (default: %(default)s)")
    parser.add_argument("--loops", default="asyncio,uvloop", help="event loops for a and b (default: %(default)s)")
    parser.add_argument("--scale-loops", default="uvloop", help="event loops for c (default: %(default)s)")
    parser.add_argument("--calls", type=int, default=2000, help="timed calls per path in a")
    parser.add_argument("--warmup", type=int, default=100, help="untimed calls per path and round in a")
    parser.add_argument("--rounds", type=int, default=4, help="interleaved rounds in a")
    parser.add_argument("--subscribers", type=int, default=1000, help="single-station streams in b")
    parser.add_argument("--all-subscribers", type=int, default=2, help="all-station streams in b")
    parser.add_argument("--rate", type=float, default=2000.0, help="events per second in b")
    parser.add_argument("--seconds", type=float, default=8.0, help="duration of the event run in b")
    parser.add_argument("--cold", dest="warm", action="store_false", help="no first event per stream before b")
    parser.add_argument("--no-find-max", dest="find_max", action="store_false", help="no step-down when b misses")
    parser.add_argument("--stations", type=int, default=20_000, help="monitored stations in c")
    parser.add_argument("--base-stations", type=int, default=100, help="baseline station count in c")
    parser.add_argument("--quick", action="store_true", help="a tiny run of everything (smoke test)")
    args = parser.parse_args(argv)
    args.loops = [x for x in args.loops.split(",") if x]
    args.scale_loops = [x for x in args.scale_loops.split(",") if x]
    if args.quick:
        args.calls, args.warmup, args.rounds = 200, 20, 2
        args.subscribers, args.rate, args.seconds = 50, 200.0, 2.0
        args.stations, args.base_stations = 500, 50
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    sections = set(args.sections.split(","))
    print(f"# Callwire server benchmark\n\n{machine()}")
    started = time.monotonic()
    a = section_rpc(args) if "a" in sections else {}
    b = section_events(args) if "b" in sections else {}
    c = section_scale(args) if "c" in sections else {}
    summary(args, a, b, c)
    print(f"\n(total {time.monotonic() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
