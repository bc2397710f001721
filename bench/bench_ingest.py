"""Ingest benchmark: the highest sustained rate of CSTA events through link -> tracker -> hub -> StreamEvents.

Processes (multiprocessing, spawn), pinned with sched_setaffinity (what `taskset` does):

- core 0: the Callwire server (`start_server`, 1,000 monitored stations), or in the baseline runs a bare
  framed-TCP reader that decodes the same frames with the codec (`FrameDecoder` + `decode`) and nothing else;
- core 1: the event source and the subscribers.

The source is the simulated switch (`callwire_sim`): it serves the server's session, device IDs, monitors
and snapshots as usual; before the measured runs it makes every station send one MessageWaitingEvent on and
one off through its own model (which also gives every stream its first message, with its response headers),
keeps the framed bytes of those events (one pair per station, with the server's monitor cross-reference),
and then writes them on the session's socket at a controlled rate, alternating on/off per station on random
stations: so the source costs a socket write per millisecond, not a switch model per event. The bare reader
gets the same frames from the same source, at the same rates, on a socket of its own.

Latency is from the source's write of the frame (time.time()) to the subscriber's receipt (time.time(), same
host clock); "publish" latency is to the hub's publish in the server (a counter appended to in `hub.publish`).
A rate is sustained when the source kept it (>= 98%), every event reached every stream that watches its
station (and the hub published each exactly once), and p99 < 100 ms. Rates are tried in ascending order
until one is not sustained.

Subscriber configurations: 0 (the hub publishes to nobody; latency to the publish), 3 (three streams
watching all stations: 3 writes per event, as below) and 1,000 + 2 (1,000 streams each watching its own
station, 2 watching all: 3 writes per event, 1,002 HTTP/2 connections).

Noisy neighbour (`--sections hog`, or `--hog`): a CPU hog (`stress-ng --cpu 1` if installed, else a busy-loop
child) pinned to the server's core for the whole section; the 1,000 + 2 configuration and the baseline run
there. Target: 2,000 events/s, every event delivered, p99 < 100 ms.

`--profile FILE` runs the server under cProfile during one extra run at `--profile-rate` and writes the stats.
`--quick` is a tiny run (smoke test).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import cProfile
import gc
import logging
import multiprocessing
import multiprocessing.connection
import os
import random
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from _common import (
    ECHO_STREAM,
    ChildProcess,
    EchoStreams,
    children,
    echo_server,
    machine,
    machine_busy,
    percentile,
    run,
    table,
)

Conn = multiprocessing.connection.Connection
Reply = dict[str, Any]

USERNAME = "ctiuser"
PASSWORD = "ctipass"
#: Where the measured process runs; the source and the subscribers run on the other core.
SERVER_CPU = 0
LOAD_CPU = 1
#: p99 target, seconds.
P99_TARGET = 0.100
#: The bare fan-out's messages: the event's number, padded to the size of a serialized StreamEventsResponse.
SEQ = struct.Struct("<q")
EVENT_BYTES = 100
DEFAULT_RATES = "1000,2000,3000,4000,5000,6000,8000,10000,12000,16000,20000,24000,32000"


def extensions(count: int, first: int = 300_000) -> list[str]:
    return [str(first + i) for i in range(count)]


def _threads_cpu() -> dict[str, float]:
    """CPU seconds of this process by thread, from /proc: the event loop's thread ("loop"), the other threads
    Python started ("python threads": grpc.aio's completion-queue poller, idle helpers) and grpc's C-core
    threads under their own names."""
    out: dict[str, float] = {}
    tick = os.sysconf("SC_CLK_TCK")
    pid = os.getpid()
    try:
        tasks = os.listdir("/proc/self/task")
    except OSError:
        return out
    with open("/proc/self/comm") as f:
        python_name = f.read().strip()
    for tid in tasks:
        try:
            with open(f"/proc/self/task/{tid}/stat") as f:
                raw = f.read()
        except OSError:
            continue
        comm = raw[raw.index("(") + 1 : raw.rindex(")")]
        fields = raw[raw.rindex(")") + 2 :].split()
        seconds = (int(fields[11]) + int(fields[12])) / tick  # utime, stime
        name = "loop" if int(tid) == pid else "python threads" if comm == python_name else comm.rstrip("0123456789-_")
        out[name] = out.get(name, 0.0) + seconds
    return out


def _pin(cpu: int | None) -> None:
    if cpu is not None and hasattr(os, "sched_setaffinity") and (os.cpu_count() or 1) > cpu:
        os.sched_setaffinity(0, {cpu})


# ================================================================================= child processes


def _child_main(role: str, loop: str, cpu: int | None, conn: Conn, params: dict[str, Any]) -> None:
    _pin(cpu)  # before anything starts a thread: grpc's threads inherit the mask
    logging.basicConfig(level=logging.ERROR, format=f"[{role}] %(levelname)s %(name)s %(message)s")
    roles: dict[str, Callable[[Conn, dict[str, Any]], Coroutine[Any, Any, None]]] = {
        "source": _source,
        "server": _server,
        "bare": _bare,
        "fanout": _fanout,
        "clients": _clients,
    }
    try:
        run(lambda: roles[role](conn, params), loop)
    except BaseException:
        with contextlib.suppress(Exception):
            conn.send({"error": f"{role}: {traceback.format_exc()}"})
        raise


async def _commands(conn: Conn, handle: Callable[[Reply], Coroutine[Any, Any, Reply | None]]) -> None:
    """Answer the orchestrator's commands until `stop` (or the pipe closes)."""
    while True:
        try:
            cmd: Reply = await asyncio.to_thread(conn.recv)
        except EOFError:
            return
        if cmd["cmd"] == "cpu":
            conn.send({"cpu": time.process_time()})
            continue
        try:
            reply = await handle(cmd)
        except Exception:
            conn.send({"error": traceback.format_exc()})
            continue
        conn.send(reply or {})
        if cmd["cmd"] == "stop":
            return


async def _source(conn: Conn, params: dict[str, Any]) -> None:
    """The simulated switch, and the event source: captured MWI frames written at a rate."""
    from callwire_csta import codec as csta
    from callwire_sim.site import Site, Station
    from callwire_sim.switch import Switch
    from callwire_sim.transport import SimulatorServer

    stations: list[str] = params["stations"]
    # extension -> [payload of MWI off, payload of MWI on], as the simulator wrote them for the server's monitor
    captured: dict[str, list[bytes | None]] = {}

    def trace(direction: str, invoke_id: int, payload: bytes) -> None:
        if direction != "out" or invoke_id != csta.EVENT_INVOKE_ID or b"MessageWaitingEvent" not in payload:
            return
        msg = csta.decode_xml(payload)
        device = msg.target_device.device_identifier if isinstance(msg, csta.MessageWaitingEvent) else None
        if isinstance(msg, csta.MessageWaitingEvent) and device is not None:
            ext = device.value.split(":", 1)[0]
            captured.setdefault(ext, [None, None])[int(msg.message_waiting_on)] = payload

    switch = Switch(Site(stations=tuple(Station(extension=e, name=f"Bench {e}") for e in stations)))
    server = SimulatorServer(switch, port=0, username=USERNAME, password=PASSWORD, trace=trace)
    await server.start()

    bare_writers: list[asyncio.StreamWriter] = []

    async def accept_bare(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        bare_writers.append(writer)
        with contextlib.suppress(Exception):
            await reader.read()  # until the reader goes away
        bare_writers.remove(writer)
        writer.close()

    bare = await asyncio.start_server(accept_bare, "127.0.0.1", 0)
    conn.send({"port": server.port, "bare_port": bare.sockets[0].getsockname()[1]})
    frames: dict[str, tuple[bytes, bytes]] = {}
    # Each station's lamp as the server last heard it (the capture leaves every one off): its next event flips it.
    state = dict.fromkeys(stations, 0)

    async def capture() -> Reply:
        session = switch.open_session(lambda _event: None)
        for on in (True, False):
            for ext in stations:
                device = csta.DeviceID(value=f"{ext}:{switch.switch_name}::0")
                switch.handle(session, csta.SetMessageWaitingIndicator(device=device, message_waiting_on=on))
                await asyncio.sleep(0.002)  # ~500 events/s: every stream gets its first events unhurried
        switch.close_session(session)
        for ext in stations:
            off, on_ = captured.get(ext, [None, None])
            if off is None or on_ is None:
                raise RuntimeError(f"no MessageWaitingEvent frames captured for {ext}")
            frames[ext] = (
                csta.encode_frame(csta.EVENT_INVOKE_ID, off),
                csta.encode_frame(csta.EVENT_INVOKE_ID, on_),
            )
        return {"frame_bytes": sum(len(a) + len(b) for a, b in frames.values()) // (2 * len(frames))}

    async def pump(rate: float, seconds: float, target: str, seed: int) -> Reply:
        if target == "bare":
            if len(bare_writers) != 1:
                raise RuntimeError(f"{len(bare_writers)} bare readers connected, expected 1")
            write: Callable[[bytes], None] = bare_writers[0].write
        else:
            sessions = [a for a in server.sessions.values() if a.connection is not None]
            if len(sessions) != 1:
                raise RuntimeError(f"{len(sessions)} live sessions, expected 1")
            connection = sessions[0].connection
            assert connection is not None
            write = connection.write_raw
        count = max(1, int(rate * seconds))
        rng = random.Random(seed)
        devices: list[str] = []
        out: list[bytes] = []
        for _ in range(count):
            ext = rng.choice(stations)
            state[ext] ^= 1
            devices.append(ext)
            out.append(frames[ext][state[ext]])
        sent_at: list[float] = []
        clock = time.time
        cpu0 = time.process_time()
        start = clock()
        sent = 0
        while sent < count:
            now = clock()
            due = min(count, int((now - start) * rate) + 1)
            if due > sent:
                write(b"".join(out[sent:due]))
                sent_at.extend([now] * (due - sent))
                sent = due
            await asyncio.sleep(0.0005)
        elapsed = clock() - start
        return {
            "sent": count,
            "elapsed": elapsed,
            "rate": count / elapsed if elapsed > 0 else 0.0,
            "devices": devices,
            "sent_at": sent_at,
            "cpu": time.process_time() - cpu0,
        }

    async def handle(cmd: Reply) -> Reply | None:
        if cmd["cmd"] == "capture":
            return await capture()
        if cmd["cmd"] == "pump":
            return await pump(cmd["rate"], cmd["seconds"], cmd["target"], cmd["seed"])
        if cmd["cmd"] == "frames":
            return {"frames": [f for pair in frames.values() for f in pair]}
        if cmd["cmd"] == "stop":
            bare.close()
            await server.stop()
            switch.close()
            return None
        raise ValueError(cmd)

    await _commands(conn, handle)


async def _server(conn: Conn, params: dict[str, Any]) -> None:
    """The Callwire server monitoring the stations; the hub's publishes are time-stamped."""
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
    running = await start_server(config)
    channel = grpc.aio.insecure_channel(f"127.0.0.1:{running.port}")
    health = health_pb2_grpc.HealthStub(channel)
    serving = health_pb2.HealthCheckResponse.SERVING
    while (await health.Check(health_pb2.HealthCheckRequest())).status != serving:  # noqa: ASYNC110 - polled
        await asyncio.sleep(0.01)
    await channel.close()
    freeze_startup_objects()  # as `callwire up` and `callwire serve` do once the server is up
    hub = running.core.hub

    # Publish times (index: sequence - 1 - first): one append per event, to measure the ingest without streams.
    published: list[float] = []
    clock = time.time
    original_publish = hub.publish

    def publish(device: str, build: Any) -> int:
        seq = original_publish(device, build)
        published.append(clock())
        return seq

    hub.publish = publish  # type: ignore[method-assign]
    # Collector pauses of the server: [count, total seconds, longest, full (generation 2) collections], since the
    # last mark; wall time, so a collection preempted by other work on the core counts long.
    pauses = [0, 0.0, 0.0, 0]
    gc_started = [0.0]

    def gc_pause(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            gc_started[0] = time.perf_counter()
            return
        pause = time.perf_counter() - gc_started[0]
        pauses[0] += 1
        pauses[1] += pause
        pauses[2] = max(pauses[2], pause)
        pauses[3] += info["generation"] == 2

    gc.callbacks.append(gc_pause)
    marks: dict[str, int] = {}
    threads_before: dict[str, float] = {}
    profiler: cProfile.Profile | None = None
    conn.send({"port": running.port})

    async def handle(cmd: Reply) -> Reply | None:
        nonlocal profiler
        if cmd["cmd"] == "streams":
            subs: set[object] = set(hub.subscriptions)
            return {"n": len(subs), "dropped": hub.dropped_subscribers}
        if cmd["cmd"] == "mark":
            published.clear()
            pauses[:] = [0, 0.0, 0.0, 0]
            marks["first"] = hub.last_sequence
            threads_before.clear()
            threads_before.update(_threads_cpu())
            if cmd.get("profile"):
                profiler = cProfile.Profile(time.thread_time)  # CPU of the loop thread: not skewed by preemption
                profiler.enable()
            return {"first": hub.last_sequence}
        if cmd["cmd"] == "published":
            if profiler is not None:
                profiler.disable()
                profiler.dump_stats(cmd["profile_file"])
                profiler = None
            now = _threads_cpu()
            return {
                "published": list(published),
                "last": hub.last_sequence,
                "dropped": hub.dropped_subscribers,
                "gc": list(pauses),
                "threads": {k: v - threads_before.get(k, 0.0) for k, v in now.items()},
            }
        if cmd["cmd"] == "stages":
            return await _stages(running.core, cmd["frames"], cmd["count"])
        if cmd["cmd"] == "stop":
            await running.stop(grace=0.5)
            return None
        raise ValueError(cmd)

    await _commands(conn, handle)


async def _stages(core: Any, frames: list[bytes], count: int) -> Reply:
    """CPU microseconds per event of each ingest stage, in this server, on its loop thread (no streams open):
    decode alone; the link's data_received (framing, decode, dispatch to the tracker's queue); the tracker's
    turn (apply, proto build, publish into the hub); a proto build alone; the serialization of one
    StreamEventsResponse. The events go through the live link's protocol object, so the tracker's state and
    the hub move as they do for events from the socket."""
    from callwire.events.v1 import enums_pb2 as ev_enums
    from callwire.events.v1 import message_pb2 as events_pb2
    from callwire.events.v1 import request_response_pb2 as ev_rr
    from callwire_csta import codec as csta

    clock = time.thread_time
    payloads = [csta.FrameDecoder().feed(f)[0] for f in frames]
    started = clock()
    for i in range(count):
        csta.decode(payloads[i % len(payloads)])
    decode = (clock() - started) / count
    conn = core.link._conn
    tracker = core.calls
    batch = 8  # frames per read, as the source writes them at a few thousand per second
    chunks = [b"".join(frames[(i * batch + j) % len(frames)] for j in range(batch)) for i in range(count // batch)]
    before = tracker.events_out
    link_cpu = tracker_cpu = 0.0
    for chunk in chunks:
        a = clock()
        conn.data_received(chunk)
        b = clock()
        await asyncio.sleep(0)  # the tracker's consumer takes what the link queued
        link_cpu += b - a
        tracker_cpu += clock() - b
    done = tracker.events_out - before
    started = clock()
    for i in range(count):
        ev = events_pb2.Event(event_type=ev_enums.EVENT_TYPE_MESSAGE_WAITING_CHANGED, device="300000", reference_id=7)
        ev.time.seconds = 1_700_000_000 + i
        ev.time.nanos = 1000
        ev.message_waiting_changed.enabled = bool(i & 1)
        ev.sequence = i
        ev.resume_token = core.hub.resume_token(i)
    build = (clock() - started) / count
    started = clock()
    for _ in range(count):
        ev_rr.StreamEventsResponse(event=ev).SerializeToString()
    serialise = (clock() - started) / count
    return {
        "events": done,
        "decode": decode * 1e6,
        "link": link_cpu / max(1, done) * 1e6,
        "tracker": tracker_cpu / max(1, done) * 1e6,
        "build": build * 1e6,
        "serialise": serialise * 1e6,
    }


async def _bare(conn: Conn, params: dict[str, Any]) -> None:
    """The baseline: a framed-TCP reader decoding every frame with the codec, nothing more."""
    from callwire_csta import codec as csta

    received: list[float] = []
    clock = time.time

    class Reader(asyncio.Protocol):
        def __init__(self) -> None:
            self.decoder = csta.FrameDecoder()

        def data_received(self, data: bytes) -> None:
            for frame in self.decoder.feed(data):
                csta.decode(frame)
                received.append(clock())

    loop = asyncio.get_running_loop()
    transport, _ = await loop.create_connection(Reader, "127.0.0.1", params["port"])
    conn.send({"ok": True})

    async def handle(cmd: Reply) -> Reply | None:
        if cmd["cmd"] == "mark":
            received.clear()
            return {}
        if cmd["cmd"] == "received":
            return {"received": list(received)}
        if cmd["cmd"] == "stop":
            transport.close()
            return None
        raise ValueError(cmd)

    await _commands(conn, handle)


async def _fanout(conn: Conn, params: dict[str, Any]) -> None:
    """The second baseline: the bare reader, plus a bare grpc.aio server-streaming service (generic handler, bytes)
    that writes each event to the streams of its station and to the all-station streams, as the hub does: what
    any Python gRPC server must spend on the same fan-out."""
    from callwire_csta import codec as csta

    streams = EchoStreams()
    server, port = echo_server(streams=streams)
    await server.start()
    published: list[float] = []
    clock = time.time
    padding = b"\x00" * (EVENT_BYTES - SEQ.size)
    counter = [0]

    class Reader(asyncio.Protocol):
        def __init__(self) -> None:
            self.decoder = csta.FrameDecoder()

        def data_received(self, data: bytes) -> None:
            for frame in self.decoder.feed(data):
                msg = csta.decode(frame)
                assert isinstance(msg, csta.MessageWaitingEvent)
                device = msg.target_device.device_identifier
                counter[0] += 1
                streams.push(device.value.split(":", 1)[0] if device else "", SEQ.pack(counter[0]) + padding)
                published.append(clock())

    loop = asyncio.get_running_loop()
    transport, _ = await loop.create_connection(Reader, "127.0.0.1", params["source_port"])
    conn.send({"port": port})

    async def handle(cmd: Reply) -> Reply | None:
        if cmd["cmd"] == "streams":
            return {"n": streams.count, "dropped": 0}
        if cmd["cmd"] == "mark":
            published.clear()
            return {"first": counter[0]}
        if cmd["cmd"] == "published":
            return {"published": list(published), "last": counter[0], "dropped": 0, "gc": [0, 0.0, 0.0, 0]}
        if cmd["cmd"] == "stop":
            transport.close()
            streams.close()
            await server.stop(0.5)
            return None
        raise ValueError(cmd)

    await _commands(conn, handle)


async def _clients(conn: Conn, params: dict[str, Any]) -> None:
    """One channel and one StreamEvents stream per subscriber; (sequence, receipt time) of every event."""
    import grpc

    from callwire.events.v1 import request_response_pb2 as ev_rr
    from callwire.events.v1 import service_pb2_grpc as ev_grpc

    keys: list[str | None] = [*params["own"], *([None] * int(params["all"]))]
    seen: list[list[tuple[int, float]]] = [[] for _ in keys]
    errors: dict[str, int] = {}
    channels: list[Any] = []
    options = [("grpc.use_local_subchannel_pool", 1)]

    async def watch(index: int, key: str | None) -> None:
        channel = grpc.aio.insecure_channel(f"127.0.0.1:{params['port']}", options=options)
        channels.append(channel)
        request = (
            ev_rr.StreamEventsRequest(all_devices=True) if key is None else ev_rr.StreamEventsRequest(devices=[key])
        )
        mine = seen[index]
        clock = time.time
        while True:  # a stream ended by the server (an overflow) subscribes again, for the next try
            try:
                if params.get("echo"):
                    async for payload in channel.unary_stream(ECHO_STREAM)(b"*" if key is None else key.encode()):
                        mine.append((SEQ.unpack_from(payload)[0], clock()))
                    return
                async for item in ev_grpc.EventServiceStub(channel).StreamEvents(request):
                    now = clock()
                    if item.HasField("event"):
                        mine.append((item.event.sequence, now))
                return
            except grpc.aio.AioRpcError as exc:
                name = exc.code().name
                if name == "CANCELLED":
                    return
                errors[name] = errors.get(name, 0) + 1
            await asyncio.sleep(0.2)

    tasks = [asyncio.create_task(watch(i, key)) for i, key in enumerate(keys)]
    conn.send({"started": len(tasks)})

    async def handle(cmd: Reply) -> Reply | None:
        if cmd["cmd"] == "mark":
            for mine in seen:
                mine.clear()
            errors.clear()
            return {}
        if cmd["cmd"] == "count":
            return {"received": sum(len(m) for m in seen), "errors": dict(errors)}
        if cmd["cmd"] == "report":
            first: int = cmd["first"]
            sent_at: list[float] = cmd["sent_at"]
            devices: list[str] = cmd["devices"]
            per_device: dict[str, int] = {}
            for d in devices:
                per_device[d] = per_device.get(d, 0) + 1
            latencies: list[float] = []
            expected = received = 0
            for key, mine in zip(keys, seen, strict=True):
                expected += len(devices) if key is None else per_device.get(key, 0)
                for seq, at in mine:
                    i = seq - first - 1
                    if 0 <= i < len(sent_at) and (key is None or devices[i] == key):
                        latencies.append(at - sent_at[i])
                        received += 1
            return {"latencies": latencies, "expected": expected, "received": received, "errors": dict(errors)}
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

    def __init__(self, role: str, loop: str, cpu: int | None, **params: Any) -> None:
        super().__init__(role, _child_main, (role, loop, cpu), params)


@contextlib.contextmanager
def cpu_hog(cpu: int | None) -> Any:
    """A process spinning on `cpu` for as long as the block runs: stress-ng if installed, else a busy loop."""
    stress = shutil.which("stress-ng")
    if stress:
        cmd = [stress, "--cpu", "1", "--cpu-method", "int64", "--quiet", "--timeout", "3600"]
        what = "stress-ng --cpu 1"
    else:
        cmd = [sys.executable, "-c", "while True: pass"]
        what = "a busy-loop Python child"
    if cpu is not None and shutil.which("taskset"):
        cmd = ["taskset", "-c", str(cpu), *cmd]
        what += f" on core {cpu} (taskset)"
    proc = subprocess.Popen(cmd, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield what
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def _stats(latencies: list[float]) -> dict[str, float]:
    ordered = sorted(latencies)
    if not ordered:
        return {"p50": float("nan"), "p99": float("nan"), "max": float("nan")}
    return {"p50": percentile(ordered, 50), "p99": percentile(ordered, 99), "max": ordered[-1]}


def _cpu(procs: dict[str, Child]) -> dict[str, float]:
    return {name: child.ask("cpu")["cpu"] for name, child in procs.items()}


def _measure_callwire(
    args: argparse.Namespace,
    source: Child,
    server: Child,
    clients: Child | None,
    rate: float,
    seed: int,
    profile: str = "",
    target: str = "cw",
) -> dict[str, Any]:
    first = server.ask("mark", profile=bool(profile))["first"]
    if clients is not None:
        clients.ask("mark")
    procs = {"server": server, "source": source, **({"clients": clients} if clients is not None else {})}
    before, busy0 = _cpu(procs), machine_busy()
    pumped = source.ask("pump", timeout=args.seconds + 120, rate=rate, seconds=args.seconds, target=target, seed=seed)
    total = len(pumped["devices"])
    # Let the server drain what is still queued (bounded: a run that falls behind is not sustained anyway).
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        got = server.ask("published", profile_file=profile)
        profile = ""
        if got["last"] - first >= total:
            break
        time.sleep(0.2)
    if clients is not None:
        expected_rx = None
        last = -1
        while time.monotonic() < deadline:
            n = clients.ask("count")["received"]
            if n == last:
                break
            last = n
            time.sleep(0.3)
        report = clients.ask("report", timeout=120, first=first, sent_at=pumped["sent_at"], devices=pumped["devices"])
        expected_rx, received, errors = report["expected"], report["received"], report["errors"]
        latency = _stats(report["latencies"])
    after, busy1 = _cpu(procs), machine_busy()
    published = got["published"]
    pub_lat = [published[i] - pumped["sent_at"][i] for i in range(min(len(published), total))]
    if clients is None:
        expected_rx, received, errors = total, len(published), {}
        latency = _stats(pub_lat)
    elapsed = pumped["elapsed"]
    cpu = {k: (after[k] - before[k]) for k in procs}
    cpu["source"] = pumped["cpu"]
    return {
        "target": rate,
        "rate": pumped["rate"],
        "events": total,
        "published": got["last"] - first,
        "expected": expected_rx,
        "received": received,
        "errors": errors,
        "dropped": got["dropped"],
        "latency": latency,
        "publish": _stats(pub_lat),
        "cpu": {k: v / elapsed for k, v in cpu.items()},
        "server_us": cpu["server"] / total * 1e6,
        "gc": got["gc"],
        "threads": {k: v / total * 1e6 for k, v in got.get("threads", {}).items() if v > 0},
        "other_cpu": max(0.0, (busy1 - busy0) / elapsed - sum(cpu.values()) / elapsed),
    }


def _measure_bare(args: argparse.Namespace, source: Child, bare: Child, rate: float, seed: int) -> dict[str, Any]:
    bare.ask("mark")
    procs = {"bare": bare}
    before, busy0 = _cpu(procs), machine_busy()
    pumped = source.ask("pump", timeout=args.seconds + 120, rate=rate, seconds=args.seconds, target="bare", seed=seed)
    total = len(pumped["devices"])
    deadline = time.monotonic() + 10
    while True:
        got = bare.ask("received")["received"]
        if len(got) >= total or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    after, busy1 = _cpu(procs), machine_busy()
    elapsed = pumped["elapsed"]
    lat = [got[i] - pumped["sent_at"][i] for i in range(min(len(got), total))]
    cpu = {"bare": after["bare"] - before["bare"], "source": pumped["cpu"]}
    return {
        "target": rate,
        "rate": pumped["rate"],
        "events": total,
        "published": len(got),
        "expected": total,
        "received": len(got),
        "errors": {},
        "dropped": 0,
        "latency": _stats(lat),
        "publish": _stats(lat),
        "cpu": {k: v / elapsed for k, v in cpu.items()},
        "server_us": cpu["bare"] / total * 1e6,
        "gc": [0, 0.0, 0.0, 0],
        "other_cpu": max(0.0, (busy1 - busy0) / elapsed - sum(cpu.values()) / elapsed),
    }


def _met(res: dict[str, Any]) -> bool:
    return bool(
        res["rate"] >= 0.98 * res["target"]
        and res["published"] == res["events"]
        and res["received"] == res["expected"]
        and not res["errors"]
        and res["latency"]["p99"] < P99_TARGET
    )


def _row(label: str, res: dict[str, Any]) -> list[object]:
    lat, pub = res["latency"], res["publish"]
    cpu = ", ".join(f"{k} {v:.0%}" for k, v in res["cpu"].items()) + f"; others {res['other_cpu']:.0%}"
    errs = ", ".join(f"{k} x{v}" for k, v in res["errors"].items())
    return [
        label,
        f"{res['target']:,.0f}",
        res["rate"],
        f"{res['received']:,}/{res['expected']:,}" + (f" ({errs})" if errs else ""),
        pub["p99"] * 1e3,
        lat["p50"] * 1e3,
        lat["p99"] * 1e3,
        lat["max"] * 1e3,
        f"{res['server_us']:.0f}",
        f"{res['gc'][0]} ({res['gc'][3]} full), {res['gc'][1] * 1e3:.0f} ms, max {res['gc'][2] * 1e3:.0f} ms",
        cpu,
        "yes" if _met(res) else "NO",
    ]


HEADERS = [
    "run",
    "target/s",
    "sent/s",
    "delivered/expected",
    "publish p99 ms",
    "p50 ms",
    "p99 ms",
    "max ms",
    "us CPU/event",
    "server GC: n, total, max",
    "CPU (share of a core)",
    "sustained",
]


def _ladder(
    args: argparse.Namespace,
    measure: Callable[[float, int], dict[str, Any]],
    label: str,
    ready: Callable[[], None] = lambda: None,
) -> dict[str, Any]:
    """Rates in ascending order until one is not sustained in `args.tries` tries (the machine is shared: a burst
    of other work can spoil one run); the rows and the highest sustained rate. `ready` waits, before a retry,
    until every stream is open again."""
    rows: list[list[object]] = []
    best: dict[str, Any] | None = None
    runs: list[dict[str, Any]] = []
    seed = 0
    for rate in args.rates:
        met = False
        for attempt in range(args.tries):
            if attempt:
                ready()
                time.sleep(1.0)
            seed += 1
            res = measure(rate, seed)
            runs.append(res)
            rows.append(_row(label if not attempt else f"{label} (try {attempt + 1})", res))
            print(table(HEADERS, rows[-1:]).splitlines()[-1], flush=True)
            if _met(res):
                met = True
                break
        if not met:
            break
        best = res
    return {"rows": rows, "best": best, "runs": runs}


def _all_open(server: Child, want: int) -> None:
    deadline = time.monotonic() + 120
    while (n := server.ask("streams")["n"]) < want:
        if time.monotonic() > deadline:
            raise TimeoutError(f"only {n} of {want} streams opened")
        time.sleep(0.2)


def _callwire_config(
    args: argparse.Namespace, stations: list[str], own: int, all_: int, label: str, *, hogged: bool = False
) -> dict[str, Any]:
    with children() as kids, tempfile.TemporaryDirectory() as tmp:
        source = Child("source", "asyncio", LOAD_CPU, stations=stations)
        kids.append(source)
        ports = source.recv()
        server = Child("server", args.loop, SERVER_CPU, sim_port=ports["port"], stations=stations, tmpdir=tmp)
        kids.append(server)
        port = server.recv(timeout=300)["port"]
        clients = None
        if own or all_:
            clients = Child("clients", args.loop, LOAD_CPU, port=port, own=stations[:own], all=all_)
            kids.append(clients)
            clients.recv()
            _all_open(server, own + all_)
        source.ask("capture", timeout=300)
        time.sleep(1.0)
        out = _ladder(
            args,
            lambda rate, seed: _measure_callwire(args, source, server, clients, rate, seed),
            label,
            lambda: _all_open(server, own + all_),
        )
        if clients is None and not hogged:
            frames = source.ask("frames")["frames"]
            out["stages"] = server.ask("stages", timeout=300, frames=frames, count=args.stage_events)
        if args.profile and not hogged and own == args.subscribers:
            path = args.profile
            print(f"(profiling the server at {args.profile_rate:,.0f}/s into {path})", flush=True)
            res = _measure_callwire(args, source, server, clients, args.profile_rate, 99, profile=path)
            out["profiled"] = res
            print(table(HEADERS, [_row(label + " (cProfile)", res)]).splitlines()[-1], flush=True)
    return out


def _bare_config(args: argparse.Namespace, stations: list[str], label: str) -> dict[str, Any]:
    with children() as kids, tempfile.TemporaryDirectory() as tmp:
        source = Child("source", "asyncio", LOAD_CPU, stations=stations)
        kids.append(source)
        ports = source.recv()
        # the simulator must send the frames once to capture them: a server takes them, then leaves
        server = Child("server", args.loop, SERVER_CPU, sim_port=ports["port"], stations=stations, tmpdir=tmp)
        server.recv(timeout=300)
        source.ask("capture", timeout=300)
        server.close()
        bare = Child("bare", args.loop, SERVER_CPU, port=ports["bare_port"])
        kids.append(bare)
        bare.recv()
        time.sleep(0.5)
        return _ladder(args, lambda rate, seed: _measure_bare(args, source, bare, rate, seed), label)


def _fanout_config(args: argparse.Namespace, stations: list[str], own: int, all_: int, label: str) -> dict[str, Any]:
    with children() as kids, tempfile.TemporaryDirectory() as tmp:
        source = Child("source", "asyncio", LOAD_CPU, stations=stations)
        kids.append(source)
        ports = source.recv()
        server = Child("server", args.loop, SERVER_CPU, sim_port=ports["port"], stations=stations, tmpdir=tmp)
        server.recv(timeout=300)
        source.ask("capture", timeout=300)
        server.close()
        fanout = Child("fanout", args.loop, SERVER_CPU, source_port=ports["bare_port"])
        kids.append(fanout)
        port = fanout.recv()["port"]
        clients = Child("clients", args.loop, LOAD_CPU, port=port, own=stations[:own], all=all_, echo=True)
        kids.append(clients)
        clients.recv()
        _all_open(fanout, own + all_)
        # every stream's first message (with its headers) before the measured runs, as for Callwire
        _measure_callwire(args, source, fanout, clients, 500, 0, target="bare")
        time.sleep(0.5)
        return _ladder(
            args,
            lambda rate, seed: _measure_callwire(args, source, fanout, clients, rate, seed, target="bare"),
            label,
            lambda: _all_open(fanout, own + all_),
        )


def section(args: argparse.Namespace, hogged: bool) -> dict[str, Any]:
    stations = extensions(args.subscribers)
    configs = [("0 subscribers", 0, 0), ("3 all-station streams", 0, 3)]
    configs.append((f"{args.subscribers:,} own + {args.all_subscribers} all", args.subscribers, args.all_subscribers))
    chosen = (
        [configs[-1]]
        if hogged
        else [c for c, key in zip(configs, ("0", "3", "full"), strict=True) if key in args.configs]
    )
    results: dict[str, Any] = {}
    print("\n" + table(HEADERS, []).splitlines()[0] + "\n" + table(HEADERS, []).splitlines()[1], flush=True)
    if "bare" in args.configs:
        results["bare"] = _bare_config(args, stations, "bare framed-TCP reader + codec")
    if "fanout" in args.configs:
        own, all_ = args.subscribers, args.all_subscribers
        results["fanout"] = _fanout_config(
            args, stations, own, all_, f"bare reader + bare grpc.aio fan-out, {own:,} own + {all_} all"
        )
    for label, own, all_ in chosen:
        results[label] = _callwire_config(args, stations, own, all_, f"Callwire, {label}", hogged=hogged)
    return results


def summary(args: argparse.Namespace, name: str, results: dict[str, Any], note: str) -> list[str]:
    bare = results["bare"]["best"] if "bare" in results else None
    bare_rate = bare["target"] if bare else 0.0
    lines = [f"{name} ({note}):"]
    lines.append(
        f"- baseline, bare framed-TCP reader + codec: {bare_rate:,.0f}/s sustained"
        + (f" ({bare['server_us']:.0f} us CPU per event)" if bare else "")
    )
    fan = results.get("fanout")
    fan_best = fan["best"] if fan else None
    if fan is not None:
        fan_us = fan["runs"][-1]["server_us"] if fan["runs"] else float("nan")
        lines.append(
            f"- baseline, bare reader + bare grpc.aio fan-out to the same streams: "
            f"{fan_best['target'] if fan_best else 0:,.0f}/s sustained"
            + (f" ({fan_best['server_us']:.0f} us CPU per event)" if fan_best else "")
            + f"; at the last rate tried: {fan_us:.0f} us/event"
        )
    for key, res in results.items():
        if key in ("bare", "fanout"):
            continue
        best = res["best"]
        rate = best["target"] if best else 0.0
        ratio = f"{rate / bare_rate:.2f}x of the bare reader" if bare_rate else "-"
        if fan_best and "own" in key:
            ratio += f", {rate / fan_best['target']:.2f}x of the bare fan-out"
        us = res["runs"][-1]["server_us"] if res["runs"] else float("nan")
        detail = ""
        if best:
            detail = (
                f", p99 {best['latency']['p99'] * 1e3:.1f} ms, {best['received']:,}/{best['expected']:,} delivered"
                f", server {best['server_us']:.0f} us CPU per event"
            )
        lines.append(
            f"- Callwire, {key}: {rate:,.0f}/s sustained ({ratio}){detail}; at the last rate tried: {us:.0f} us/event"
        )
        if fan is not None and "own" in key:
            pairs = [
                f"{r['target']:,.0f}/s {r['server_us'] / f_us:.2f}x"
                for r in res["runs"]
                if (f_us := _us_at(fan, r["target"])) and _met(r)
            ]
            if pairs:
                lines.append(f"  server CPU per event against the bare fan-out's at the same rate: {', '.join(pairs)}")
    return lines


def _us_at(res: dict[str, Any], rate: float) -> float | None:
    """The server's CPU per event in the run of `res` at `rate` (None if that rate was not run)."""
    for run_ in res["runs"]:
        if run_["target"] == rate:
            return float(run_["server_us"])
    return None


def stages(results: dict[str, Any]) -> list[str]:
    """Where an event's microseconds go: the in-process stage timings of the 0-subscriber server, and the stream
    writes from the difference between configurations at the same rate (the highest rate all of them ran)."""
    zero = results.get("0 subscribers")
    if not zero or "stages" not in zero:
        return []
    st = zero["stages"]
    lines = [
        "Where an event's CPU goes (server loop thread, microseconds per event):",
        f"- decode (lxml parse + binding): {st['decode']:.1f}",
        f"- link data_received (framing, decode, dispatch to the tracker's queue): {st['link']:.1f}",
        f"- tracker (apply, proto build, publish into the hub): {st['tracker']:.1f}, of which a proto build of the"
        f" Event with its resume token alone: {st['build']:.1f}",
        f"- serialise one StreamEventsResponse (once per event, shared by its streams): {st['serialise']:.1f}",
    ]
    others = {k: v for k, v in results.items() if k not in ("bare", "0 subscribers") and v["runs"]}
    for key, res in others.items():
        common = [r["target"] for r in res["runs"] if _us_at(zero, r["target"]) is not None]
        if not common:
            continue
        rate = max(common)
        us0, us = _us_at(zero, rate), _us_at(res, rate)
        assert us0 is not None
        assert us is not None
        if key == "fanout":
            lines.append(f"- the bare grpc.aio fan-out (decode included) at {rate:,.0f}/s: {us:.0f} us/event")
            continue
        lines.append(
            f"- stream writes, {key}, at {rate:,.0f}/s: {us:.0f} us/event against {us0:.0f} with no subscriber:"
            f" {us - us0:.0f} us for its 3 writes, {(us - us0) / 3:.0f} us per write (all processes and threads)"
        )
        last = res["best"] or res["runs"][-1]
        if last.get("threads"):
            split = ", ".join(f"{k} {v:.0f}" for k, v in sorted(last["threads"].items(), key=lambda kv: -kv[1]))
            lines.append(f"  the server's threads at {last['target']:,.0f}/s, us per event: {split}")
    return lines


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sections", default="plain,hog", help="plain (one core each), hog (noisy neighbour)")
    parser.add_argument(
        "--configs",
        default="bare,fanout,0,3,full",
        help="baseline and subscriber configurations (default: %(default)s)",
    )
    parser.add_argument("--hog", action="store_true", help="the noisy-neighbour section only (--sections hog)")
    parser.add_argument("--loop", default="uvloop", help="event loop of the server and the clients (%(default)s)")
    parser.add_argument("--rates", default=DEFAULT_RATES, help="events/s tried in turn (default: %(default)s)")
    parser.add_argument("--hog-rates", default="1000,2000,3000,4000,5000,6000", help="rates with the hog")
    parser.add_argument("--seconds", type=float, default=4.0, help="duration of each rate (default: %(default)s)")
    parser.add_argument("--subscribers", type=int, default=1000, help="single-station streams (and stations)")
    parser.add_argument("--all-subscribers", type=int, default=2, help="all-station streams beside them")
    parser.add_argument("--profile", default="", help="write a cProfile of the server (1,000 + 2) to this file")
    parser.add_argument("--profile-rate", type=float, default=2000.0, help="rate of the profiled run")
    parser.add_argument("--tries", type=int, default=2, help="tries of a rate before it counts as missed")
    parser.add_argument("--stage-events", type=int, default=16_000, help="events per stage measurement")
    parser.add_argument("--quick", action="store_true", help="a tiny run (smoke test)")
    args = parser.parse_args(argv)
    if args.hog:
        args.sections = "hog"
    if args.quick:
        args.subscribers, args.seconds, args.stage_events = 20, 1.0, 400
        args.rates = args.hog_rates = "200,400"
    args.sections = [s for s in args.sections.split(",") if s]
    args.configs = [s for s in args.configs.split(",") if s]
    args.rates = [float(x) for x in args.rates.split(",") if x]
    args.hog_rates = [float(x) for x in args.hog_rates.split(",") if x]
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.monotonic()
    print(f"# Callwire ingest benchmark\n\n{machine()}; server ({args.loop}) on core {SERVER_CPU}, source and")
    print(f"subscribers on core {LOAD_CPU}; {args.seconds:.0f} s per rate; load average {os.getloadavg()[0]:.2f}")
    lines: list[str] = []
    if "plain" in args.sections:
        print("\n## Ingest, one core for the server")
        res = section(args, hogged=False)
        lines += summary(args, "One core", res, f"load average before {os.getloadavg()[0]:.2f}")
        lines += stages(res)
    if "hog" in args.sections:
        args.rates = args.hog_rates
        with cpu_hog(SERVER_CPU) as what:
            print(f"\n## Noisy neighbour: {what} for the whole section")
            res = section(args, hogged=True)
        lines += summary(args, "With a CPU hog on the server's core", res, what)
    print("\n## Summary\n")
    print(f"Callwire bench_ingest, {machine()}")
    print("\n".join(lines))
    print(f"\n(total {time.monotonic() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
