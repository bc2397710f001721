"""Helpers shared by the benchmarks: statistics, tables, event loops, memory, and a bare grpc.aio echo.

Only the standard library and grpcio are imported here (grpcio lazily), so that `bench_grpc_versions.py`
can use this module inside throwaway virtual environments that hold nothing but one grpcio version.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import multiprocessing
import multiprocessing.connection
import os
import platform
import struct
import time
from collections.abc import Awaitable, Callable, Coroutine, Iterator, Sequence
from dataclasses import asdict, dataclass
from typing import Any, TypeVar

T = TypeVar("T")

#: The bare echo service: one unary method and one server-streaming method, bytes in and out, no stubs.
ECHO_SERVICE = "bench.Echo"
ECHO_UNARY = f"/{ECHO_SERVICE}/Unary"
ECHO_STREAM = f"/{ECHO_SERVICE}/Stream"
#: Server-streaming payloads start with the send time (a double, time.time()); padded to a typical event size.
STAMP = struct.Struct("<d")


# ------------------------------------------------------------------------------------------ statistics


@dataclass(frozen=True)
class Stats:
    """Latency summary in milliseconds."""

    n: int
    p50: float
    p99: float
    max: float
    mean: float

    def as_dict(self) -> dict[str, float]:
        return {k: float(v) for k, v in asdict(self).items()}

    @staticmethod
    def from_dict(raw: dict[str, float]) -> Stats:
        return Stats(int(raw["n"]), raw["p50"], raw["p99"], raw["max"], raw["mean"])


def percentile(ordered: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100) of an ascending sequence, nearest-rank."""
    if not ordered:
        return math.nan
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def stats_ms(seconds: Sequence[float]) -> Stats:
    """Summarise latencies given in seconds as milliseconds."""
    ordered = sorted(seconds)
    if not ordered:
        return Stats(0, math.nan, math.nan, math.nan, math.nan)
    return Stats(
        len(ordered),
        percentile(ordered, 50) * 1e3,
        percentile(ordered, 99) * 1e3,
        ordered[-1] * 1e3,
        sum(ordered) / len(ordered) * 1e3,
    )


def ratio(value: float, base: float) -> str:
    if not base or math.isnan(value) or math.isnan(base):
        return "-"
    return f"{value / base:.2f}x"


# ------------------------------------------------------------------------------------------ output


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A plain-text table (also valid Markdown)."""
    cells = [[str(h) for h in headers], *[[_cell(c) for c in row] for row in rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]

    def line(row: Sequence[str]) -> str:
        return (
            "| "
            + " | ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True)))
            + " |"
        )

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(cells[0]), rule, *(line(r) for r in cells[1:])])


def _cell(value: object) -> str:
    if isinstance(value, float):
        if math.isnan(value):
            return "-"
        return f"{value:.3f}" if abs(value) < 10 else f"{value:,.1f}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def machine() -> str:
    """One line describing where the figures come from."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            for raw in f:
                if raw.startswith("model name"):
                    cpu = raw.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return (
        f"{time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores ({cpu}), Linux {platform.release()}, "
        f"Python {platform.python_version()}"
    )


# ------------------------------------------------------------------------------------------ process


def rss_kib() -> tuple[int, int]:
    """(VmRSS, VmHWM) of this process in KiB, from /proc/self/status (0 where it cannot be read)."""
    found = {"VmRSS": 0, "VmHWM": 0}
    try:
        with open("/proc/self/status") as f:
            for raw in f:
                key, _, rest = raw.partition(":")
                if key in found:
                    found[key] = int(rest.split()[0])
    except OSError:
        pass
    return found["VmRSS"], found["VmHWM"]


def machine_busy() -> float:
    """CPU seconds the whole machine has spent busy since boot (all cores, from /proc/stat; 0 if unknown).

    The difference over a run, minus the CPU of the benchmark's own processes, is load from elsewhere
    (other jobs on the machine), which the benchmarks print so that a disturbed run can be recognised.
    """
    try:
        with open("/proc/stat") as f:
            fields = [int(x) for x in f.readline().split()[1:]]
    except (OSError, ValueError):
        return 0.0
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def loop_factory(name: str) -> Callable[[], asyncio.AbstractEventLoop]:
    """`asyncio` (the standard selector loop) or `uvloop`."""
    if name == "uvloop":
        import uvloop

        return uvloop.new_event_loop
    if name == "asyncio":
        return asyncio.new_event_loop
    raise ValueError(f"unknown event loop {name!r}")


def run(main: Callable[[], Coroutine[Any, Any, T]], loop: str) -> T:
    """Run `main()` on a fresh loop of the named kind."""
    with asyncio.Runner(loop_factory=loop_factory(loop)) as runner:
        return runner.run(main())


async def timed_sequential(call: Callable[[], Awaitable[object]], count: int, warmup: int) -> list[float]:
    """Latencies (seconds) of `count` sequential awaits of `call()`, after `warmup` untimed ones."""
    for _ in range(warmup):
        await call()
    out: list[float] = []
    clock = time.perf_counter
    for _ in range(count):
        start = clock()
        await call()
        out.append(clock() - start)
    return out


# ------------------------------------------------------------------------------------------ bare grpc.aio echo


class EchoStreams:
    """Server-streaming fan-out for the bare baseline: stream `key` gets what is pushed under it and under "*"."""

    def __init__(self) -> None:
        self.by_key: dict[str, list[asyncio.Queue[bytes]]] = {}
        self.count = 0

    def push(self, key: str, payload: bytes) -> None:
        for q in self.by_key.get(key, ()):
            q.put_nowait(payload)
        for q in self.by_key.get("*", ()):
            q.put_nowait(payload)

    def close(self) -> None:
        for queues in self.by_key.values():
            for q in queues:
                q.put_nowait(b"")


def echo_server(address: str = "127.0.0.1:0", streams: EchoStreams | None = None) -> tuple[Any, int]:
    """A grpc.aio server with the bare echo service (generic handlers, raw bytes). Returns (server, port)."""
    import grpc

    async def unary(request: bytes, context: Any) -> bytes:
        return request

    async def stream(request: bytes, context: Any) -> Any:
        assert streams is not None
        key = request.decode()
        queue: asyncio.Queue[bytes] = asyncio.Queue()
        streams.by_key.setdefault(key, []).append(queue)
        streams.count += 1
        try:
            while True:
                payload = await queue.get()
                if not payload:
                    return
                yield payload
        finally:
            streams.count -= 1
            streams.by_key[key].remove(queue)

    handlers = {"Unary": grpc.unary_unary_rpc_method_handler(unary)}
    if streams is not None:
        handlers["Stream"] = grpc.unary_stream_rpc_method_handler(stream)
    server = grpc.aio.server()
    server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler(ECHO_SERVICE, handlers),))
    port = server.add_insecure_port(address)
    return server, int(port)


# ----------------------------------------------------------------------------------------- child processes

Reply = dict[str, Any]


class ChildProcess:
    """A child process (spawned) running one role of a benchmark, driven over a pipe: `target(*args, conn,
    params)` runs in the child and answers each command sent with `ask` by one reply (an `error` key fails it)."""

    def __init__(self, role: str, target: Callable[..., None], args: tuple[Any, ...], params: dict[str, Any]) -> None:
        ctx = multiprocessing.get_context("spawn")
        self.role = role
        self.conn, child_conn = ctx.Pipe()
        self.proc = ctx.Process(target=target, args=(*args, child_conn, params), daemon=True)
        self.proc.start()
        child_conn.close()

    def recv(self, timeout: float = 120.0) -> Reply:
        if not self.conn.poll(timeout):
            raise TimeoutError(f"{self.role}: no answer in {timeout:.0f}s")
        reply: Reply = self.conn.recv()
        if "error" in reply:
            raise RuntimeError(reply["error"])
        return reply

    def ask(self, cmd: str, timeout: float = 120.0, **args: Any) -> Reply:
        self.conn.send({"cmd": cmd, **args})
        return self.recv(timeout)

    def close(self) -> None:
        if self.proc.is_alive():
            with contextlib.suppress(Exception):
                self.ask("stop", timeout=15)
        self.proc.join(10)
        if self.proc.is_alive():
            self.proc.terminate()
            self.proc.join(5)


@contextlib.contextmanager
def children() -> Iterator[list[ChildProcess]]:
    """A list to append started children to; each is closed on the way out, the last started first."""
    started: list[ChildProcess] = []
    try:
        yield started
    finally:
        for child in reversed(started):
            child.close()
