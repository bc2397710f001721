"""Chaos run: call flows and event streams from several clients while the switch misbehaves and the server dies.

    python bench/chaos.py [--sim-faults N] [--server-kills M] [--seconds S] [--seed X]

Everything runs on loopback, in separate processes where it matters: the simulated switch (`callwire-sim`,
faults through its control port) outlives the server (`callwire serve --config`, SQLite in a temporary data
directory), which is killed with SIGKILL and restarted M times; the legacy gateway runs in this process. While
the simulator drops, stalls, garbles and ends the CSTA session N times, clients keep working:

- gRPC call flows (MakeCall, AnswerCall, HangupCall) on three station pairs;
- legacy REST and WebSocket call flows (makecall, answer, hangup) through the gateway;
- three StreamEvents(all_devices) streams that resume after every ending;
- user-data writes (SetUserData, UpdateUserData) whose acknowledged values are read back at the end.

It prints N, M and four counts whose goal is zero:

- requests without exactly one answer: a gRPC call that hung past its deadline with no answer from the
  server, an HTTP request with no HTTP response, a WebSocket request answered zero or several times;
- events lost without a ResumeGap: on an all-devices stream the sequences of one server's life are
  consecutive; a jump, or a resume onto a restarted server that continues without a ResumeGap, loses events
  silently (a ResumeGap followed by a Snapshot announces the gap and is not a loss);
- acknowledged user-data writes lost: a write the server confirmed that does not read back after the run;
- streams that failed to resume: a stream refused for good, or not live at the end (it must see a final
  marker event).

Exit status 0 when all four are zero. Bounded in time: `--seconds` of chaos (default 60), the restarts, start-up
and the final checks, about two and a half minutes in all (never more than `--seconds` + 240 s); every child
process is killed on the way out, SIGTERM included.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import os
import random
import shutil
import signal
import socket
import sys
import tempfile
import time
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import grpc
import websockets
from google.rpc import error_details_pb2
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_status import rpc_status

from callwire.callcontrol.v1 import request_response_pb2 as cc_rr
from callwire.callcontrol.v1 import service_pb2_grpc as cc_grpc
from callwire.events.v1 import enums_pb2 as ev_enums
from callwire.events.v1 import request_response_pb2 as ev_rr
from callwire.events.v1 import service_pb2_grpc as ev_grpc
from callwire.station.v1 import request_response_pb2 as st_rr
from callwire.station.v1 import service_pb2_grpc as st_grpc
from callwire.userdata.v1 import request_response_pb2 as ud_rr
from callwire.userdata.v1 import service_pb2_grpc as ud_grpc
from callwire_gateway.app import Gateway, Limits, start_gateway
from callwire_sim.control import send_command

ROOT = Path(__file__).resolve().parents[1]
STATIONS = [str(n) for n in range(101, 111)] + ["60123", "61450", "61451", "66711", "66820", "66910"]
PHANTOMS = [str(n) for n in range(41101, 41111)]
GRPC_PAIRS = [("101", "102"), ("103", "104"), ("105", "106")]
REST_PAIR = ("107", "108")
WS_PAIR = ("109", "66910")
MARKER = "110"  # do-not-disturb toggled at the end: every stream must see it
STREAMS = 3
DEADLINE = 10.0  # gRPC deadline of each request
NO_ANSWER = 30.0  # past this, a request that has had no answer counts as unanswered
SIM_FAULTS = ("drop", "stall 3", "garbage", "end-session")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def reason_of(err: grpc.aio.AioRpcError) -> str:
    """The ErrorInfo reason of a status the server sent; empty when the status did not come from the server."""
    with contextlib.suppress(Exception):
        status = rpc_status.from_call(err)
        if status is not None:
            for detail in status.details:
                info = error_details_pb2.ErrorInfo()
                if detail.Unpack(info):
                    return str(info.reason)
    return ""


# ------------------------------------------------------------------------------------------------ figures


@dataclass
class Figures:
    requests: Counter[str] = field(default_factory=Counter)
    outcomes: Counter[str] = field(default_factory=Counter)
    unanswered: list[str] = field(default_factory=list)
    events: int = 0
    resumes: int = 0
    announced_gaps: int = 0
    overflows: int = 0
    lost_events: int = 0
    lost_detail: list[str] = field(default_factory=list)
    failed_resumes: list[str] = field(default_factory=list)
    acknowledged_writes: int = 0
    lost_writes: list[str] = field(default_factory=list)
    sim_faults: list[str] = field(default_factory=list)
    server_kills: int = 0
    downtime: list[float] = field(default_factory=list)

    def answered(self, kind: str, outcome: str) -> None:
        self.requests[kind] += 1
        self.outcomes[f"{kind} {outcome}"] += 1

    def no_answer(self, kind: str, what: str) -> None:
        self.requests[kind] += 1
        self.unanswered.append(f"{kind}: {what}")


# ------------------------------------------------------------------------------------------------ processes


class Processes:
    """The simulator and the server as child processes, each in its own process group, killed on exit."""

    def __init__(self, workdir: Path, figures: Figures) -> None:
        self.workdir = workdir
        self.figures = figures
        self.sim_port = free_port()
        self.control_port = free_port()
        self.grpc_port = free_port()
        self.sim: asyncio.subprocess.Process | None = None
        self.server: asyncio.subprocess.Process | None = None
        self.generation = 0
        """Incremented when the server is killed: which server's life an item a client receives belongs to."""
        self.ready = asyncio.Event()

    def config(self) -> Path:
        data = self.workdir / "data"
        data.mkdir(exist_ok=True)
        path = self.workdir / "callwire.toml"
        path.write_text(
            f'store_url = "sqlite+aiosqlite:///{data}/callwire.db"\n'
            f'data_dir = "{data}"\n'
            f"phantom_devices = {json.dumps(PHANTOMS)}\n"
            f"monitor = {json.dumps(STATIONS)}\n"
            "[grpc]\n"
            f'address = "127.0.0.1:{self.grpc_port}"\n'
            "require_api_key = false\n"
            "[link]\n"
            'username = "ctiuser"\n'
            'password = "ctipass"\n'
            "session_duration = 10.0\n"
            "request_timeout = 5.0\n"
            "connect_timeout = 2.0\n"
            "backoff_max = 1.0\n"
            "[[link.endpoints]]\n"
            'name = "sim"\n'
            'host = "127.0.0.1"\n'
            f"port = {self.sim_port}\n"
        )
        return path

    async def _spawn(self, *args: str, log: str) -> asyncio.subprocess.Process:
        out = (self.workdir / log).open("ab")
        try:
            return await asyncio.create_subprocess_exec(
                *args, stdout=out, stderr=out, stdin=asyncio.subprocess.DEVNULL, start_new_session=True
            )
        finally:
            out.close()

    async def start_sim(self) -> None:
        self.sim = await self._spawn(
            sys.executable,
            "-m",
            "callwire_sim.cli",
            "--port",
            str(self.sim_port),
            "--control-port",
            str(self.control_port),
            "--log-level",
            "WARNING",
            log="sim.log",
        )
        async with asyncio.timeout(60):
            while True:
                with contextlib.suppress(OSError):
                    if (await send_command("127.0.0.1", self.control_port, "status")).startswith("ok"):
                        return
                await asyncio.sleep(0.1)

    async def start_server(self) -> None:
        self.server = await self._spawn(
            sys.executable,
            "-m",
            "callwire_server.cli",
            "--log-level",
            "WARNING",
            "serve",
            "--config",
            str(self.config()),
            log="server.log",
        )

    async def wait_serving(self, channel: grpc.aio.Channel, timeout: float = 90.0) -> None:
        """Until the server answers health SERVING (its CSTA link is up)."""
        health = health_pb2_grpc.HealthStub(channel)
        async with asyncio.timeout(timeout):
            while True:
                with contextlib.suppress(grpc.aio.AioRpcError):
                    answer = await health.Check(health_pb2.HealthCheckRequest(), timeout=2)
                    if answer.status == health_pb2.HealthCheckResponse.SERVING:
                        self.ready.set()
                        return
                await asyncio.sleep(0.1)

    async def kill_server(self) -> None:
        self.ready.clear()
        if self.server is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.server.pid, signal.SIGKILL)
            await self.server.wait()
        self.generation += 1
        self.figures.server_kills += 1

    async def sim_fault(self, command: str) -> None:
        answer = await send_command("127.0.0.1", self.control_port, command)
        if not answer.startswith("ok"):
            raise RuntimeError(f"the simulator refused {command!r}: {answer}")
        self.figures.sim_faults.append(command.split()[0])

    async def stop(self) -> None:
        for process in (self.server, self.sim):
            if process is None:
                continue
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            await process.wait()


# ------------------------------------------------------------------------------------------------ clients


async def grpc_request(
    figures: Figures, kind: str, call: Callable[..., Awaitable[Any]], request: Any, request_id: str
) -> bool:
    """One unary call with a deadline; records its one answer (or that it had none). True when it succeeded."""
    try:
        await asyncio.wait_for(call(request, timeout=DEADLINE, metadata=(("x-request-id", request_id),)), NO_ANSWER)
    except TimeoutError:
        figures.no_answer(kind, f"{request_id}: no answer within {NO_ANSWER:.0f}s")
        return False
    except grpc.aio.AioRpcError as err:
        reason = reason_of(err)
        if err.code() == grpc.StatusCode.DEADLINE_EXCEEDED and not reason:
            # The client's own deadline passed while the server held the call: the server never answered.
            figures.no_answer(kind, f"{request_id}: deadline passed without an answer from the server")
        else:
            figures.answered(kind, f"{err.code().name} {reason}".strip())
        return False
    figures.answered(kind, "OK")
    return True


async def grpc_flows(figures: Figures, target: str, pair: tuple[str, str], stop: asyncio.Event) -> None:
    caller, callee = pair
    async with grpc.aio.insecure_channel(target) as channel:
        calls = cc_grpc.CallControlServiceStub(channel)
        n = 0
        while not stop.is_set():
            n += 1
            rid = f"grpc-{caller}-{n}"
            made = await grpc_request(
                figures,
                "grpc MakeCall",
                calls.MakeCall,
                cc_rr.MakeCallRequest(extension=caller, destination=callee),
                f"{rid}-make",
            )
            if made:
                await grpc_request(
                    figures,
                    "grpc AnswerCall",
                    calls.AnswerCall,
                    cc_rr.AnswerCallRequest(extension=callee),
                    f"{rid}-ans",
                )
            # Hang up both ends whatever happened: the next round starts from idle stations.
            for ext in (caller, callee):
                # Each request its own x-request-id: the server takes it as an idempotency key, and refuses one
                # reused for a different request.
                await grpc_request(
                    figures,
                    "grpc HangupCall",
                    calls.HangupCall,
                    cc_rr.HangupCallRequest(extension=ext),
                    f"{rid}-hup-{ext}",
                )
            if not made:
                await asyncio.sleep(0.2)  # the server or the link is down: do not spin


async def rest_flows(figures: Figures, base: str, stop: asyncio.Event) -> None:
    caller, callee = REST_PAIR
    timeout = aiohttp.ClientTimeout(total=NO_ANSWER)
    async with aiohttp.ClientSession(timeout=timeout) as http:

        async def rest(request: str, n: int, **fields: str) -> bool:
            rid = f"rest-{n}-{request}-{fields['extension']}"
            kind = f"rest {request}"
            try:
                async with http.get(f"{base}/{request}", params={"id": rid, **fields}) as resp:
                    body = await resp.json(content_type=None)
            except (aiohttp.ClientError, TimeoutError, json.JSONDecodeError) as exc:
                figures.no_answer(kind, f"{rid}: {type(exc).__name__} {exc}")
                return False
            if not isinstance(body, dict) or body.get("id") != rid:
                figures.no_answer(kind, f"{rid}: answer not for this request: {body!r:.120}")
                return False
            figures.answered(kind, f"{resp.status} {body.get('result')}")
            return body.get("result") == "success"

        n = 0
        while not stop.is_set():
            n += 1
            made = await rest("makecall", n, extension=caller, destination=callee)
            if made:
                await rest("answer", n, extension=callee)
            for ext in (caller, callee):
                await rest("hangup", n, extension=ext)
            if not made:
                await asyncio.sleep(0.2)


class LegacyConnection:
    """One legacy WebSocket connection: requests by `id`, every answer to each `id` counted."""

    def __init__(self, ws: Any, figures: Figures, ids: Callable[[], int]) -> None:
        self.ws = ws
        self.figures = figures
        self.ids = ids
        self.answers: dict[str, int] = {}
        self.waiting: dict[str, asyncio.Future[dict[str, Any]]] = {}
        self.reader = asyncio.ensure_future(self._read())

    async def _read(self) -> None:
        async for text in self.ws:
            msg = json.loads(text)
            if msg.get("msgtype") != "response":
                continue
            rid = str(msg.get("id"))
            self.answers[rid] = self.answers.get(rid, 0) + 1
            future = self.waiting.get(rid)
            if future is not None and not future.done():
                future.set_result(msg)

    async def ask(self, request: str, **fields: str) -> bool:
        rid = f"ws-{self.ids()}-{request}"
        future = self.waiting[rid] = asyncio.get_running_loop().create_future()
        await self.ws.send(json.dumps({"id": rid, "request": request, **fields}))
        done, _ = await asyncio.wait({future, self.reader}, timeout=NO_ANSWER, return_when="FIRST_COMPLETED")
        if future not in done:
            why = "connection closed" if self.reader.done() else f"no answer within {NO_ANSWER:.0f}s"
            self.figures.no_answer(f"ws {request}", f"{rid}: {why}")
            raise ConnectionError(why)
        result = str(future.result().get("result"))
        self.figures.answered(f"ws {request}", result)
        return result == "success"

    async def close(self) -> None:
        self.reader.cancel()
        with contextlib.suppress(asyncio.CancelledError, websockets.ConnectionClosed):
            await self.reader
        for rid, count in self.answers.items():
            if count > 1:
                self.figures.no_answer("ws duplicate", f"{rid}: answered {count} times")


async def ws_flows(figures: Figures, url: str, stop: asyncio.Event) -> None:
    """Legacy WebSocket call flows; every `id` must be answered exactly once, across reconnections too."""
    caller, callee = WS_PAIR
    counter = iter(range(1, 1 << 30))
    while not stop.is_set():
        try:
            async with websockets.connect(url, open_timeout=NO_ANSWER) as ws:
                conn = LegacyConnection(ws, figures, lambda: next(counter))
                try:
                    while not stop.is_set():
                        made = await conn.ask("makecall", extension=caller, destination=callee)
                        if made:
                            await conn.ask("answer", extension=callee)
                        for ext in (caller, callee):
                            await conn.ask("hangup", extension=ext)
                        if not made:
                            await asyncio.sleep(0.2)
                    await asyncio.sleep(1.0)  # late duplicates, if any, arrive now
                finally:
                    await conn.close()
        except (OSError, websockets.WebSocketException, ConnectionError, TimeoutError):
            await asyncio.sleep(0.5)


def _failure(exc: BaseException) -> str:
    if isinstance(exc, grpc.aio.AioRpcError):
        return f"{exc.code().name} {reason_of(exc)}".strip()
    return type(exc).__name__


async def user_data_writes(figures: Figures, target: str, stop: asyncio.Event) -> dict[str, str]:
    """Writes user data; returns what the server acknowledged last under each key."""
    acknowledged: dict[str, str] = {}
    async with grpc.aio.insecure_channel(target) as channel:
        ud = ud_grpc.UserDataServiceStub(channel)
        n = 0
        while not stop.is_set():
            n += 1
            data = f"chaos write {n} " + "x" * (n % 50)
            try:
                created = await asyncio.wait_for(
                    ud.SetUserData(ud_rr.SetUserDataRequest(data=data), timeout=DEADLINE), NO_ANSWER
                )
            except (grpc.aio.AioRpcError, TimeoutError) as exc:
                figures.answered("grpc SetUserData", _failure(exc))
                await asyncio.sleep(0.2)
                continue
            figures.answered("grpc SetUserData", "OK")
            acknowledged[created.uui] = data
            figures.acknowledged_writes += 1
            if n % 3 == 0:
                update = data + " updated"
                try:
                    await asyncio.wait_for(
                        ud.UpdateUserData(ud_rr.UpdateUserDataRequest(uui=created.uui, data=update), timeout=DEADLINE),
                        NO_ANSWER,
                    )
                except (grpc.aio.AioRpcError, TimeoutError) as exc:
                    # Unknown outcome: either value may be there; accept both at the check.
                    figures.answered("grpc UpdateUserData", _failure(exc))
                    acknowledged[created.uui] = data + "\0" + update
                    continue
                figures.answered("grpc UpdateUserData", "OK")
                acknowledged[created.uui] = update
                figures.acknowledged_writes += 1
            await asyncio.sleep(0.05)
    return acknowledged


async def check_user_data(figures: Figures, target: str, acknowledged: dict[str, str]) -> None:
    async with grpc.aio.insecure_channel(target) as channel:
        ud = ud_grpc.UserDataServiceStub(channel)
        for uui, expected in acknowledged.items():
            allowed = expected.split("\0")
            try:
                got = await ud.GetUserData(ud_rr.GetUserDataRequest(uui=uui), timeout=DEADLINE)
            except grpc.aio.AioRpcError as err:
                figures.lost_writes.append(f"{uui}: {err.code().name} {reason_of(err)}")
                continue
            if got.data not in allowed:
                figures.lost_writes.append(f"{uui}: reads {got.data!r}, acknowledged {allowed[-1]!r}")


class Stream:
    """One StreamEvents(all_devices) client that resumes after every ending, checking what it receives."""

    def __init__(self, name: str, target: str, procs: Processes, figures: Figures) -> None:
        self.name = name
        self.target = target
        self.procs = procs
        self.figures = figures
        self.last: int | None = None  # the last sequence processed
        self.last_generation = -1  # the server life `last` belongs to
        self.token = ""  # the resume token of the last Event or Snapshot processed
        self.marker_seen = asyncio.Event()
        self.marker_after: int | None = None  # generation from which the marker counts
        self.gap_pending = False
        self.max_seen: dict[int, int] = {}

    def _request(self) -> ev_rr.StreamEventsRequest:
        # Resume by the opaque token (it carries the server's epoch); a client from before tokens existed would
        # send resume_after_sequence, which a restarted server cannot tell from one of its own numbering.
        if self.last is None or not self.token:
            return ev_rr.StreamEventsRequest(all_devices=True, include_snapshot=True)
        return ev_rr.StreamEventsRequest(all_devices=True, resume_token=self.token)

    async def run(self, stop: asyncio.Event, others: list[Stream]) -> None:
        async with grpc.aio.insecure_channel(self.target) as channel:
            stub = ev_grpc.EventServiceStub(channel)
            attempts_since_ok = 0
            while not stop.is_set():
                await self.procs.ready.wait()
                # Every item of one call comes from the server that was up when it started (the previous one
                # is dead by then, the next one not started): reading the generation per item instead would
                # give items still buffered from a killed server to its successor.
                generation = self.procs.generation
                call = stub.StreamEvents(self._request())
                first = True
                try:
                    async for item in call:
                        if first:
                            first = False
                            attempts_since_ok = 0
                            self._opened(item, generation, others)
                        self._receive(item, generation)
                        if stop.is_set():
                            break
                except grpc.aio.AioRpcError as err:
                    code, reason = err.code(), reason_of(err)
                    if code == grpc.StatusCode.RESOURCE_EXHAUSTED and reason == "STREAM_OVERFLOW":
                        self.figures.overflows += 1  # announced: the status carries the count missed
                        self.gap_pending = True
                    elif code not in (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.CANCELLED):
                        attempts_since_ok += 1
                        if attempts_since_ok == 3:
                            self.figures.failed_resumes.append(f"{self.name}: {code.name} {reason} {err.details()}")
                finally:
                    call.cancel()
                if not stop.is_set():
                    self.figures.resumes += 1
                    await asyncio.sleep(0.1)

    def _opened(self, item: Any, generation: int, others: list[Stream]) -> None:
        kind = item.WhichOneof("item")
        if self.last is None or kind in ("snapshot", "resume_gap"):
            return  # fresh start, or an announced gap
        if self.gap_pending:
            return
        if generation != self.last_generation:
            # Resumed onto a restarted server without a ResumeGap: what the old server published after
            # `last`, and what the new one published before this first event, never reach this client.
            old_max = max(
                [self.max_seen.get(self.last_generation, 0)] + [o.max_seen.get(self.last_generation, 0) for o in others]
            )
            missed = max(0, old_max - self.last) + (max(0, item.event.sequence - 1) if kind == "event" else 0)
            self.figures.lost_events += max(missed, 1)
            self.figures.lost_detail.append(
                f"{self.name}: resumed after {self.last} onto a restarted server without a ResumeGap "
                f"(first {kind} {item.event.sequence if kind == 'event' else ''})"
            )
            self.last = None  # counted; re-based on what follows

    def _receive(self, item: Any, generation: int) -> None:
        kind = item.WhichOneof("item")
        if kind == "resume_gap":
            self.figures.announced_gaps += 1
            self.gap_pending = True
            return
        if kind == "snapshot":
            self.token = item.snapshot.resume_token
            self.last = item.snapshot.sequence
            self.last_generation = generation
            self.gap_pending = False
            self._seen(generation, self.last)
            return
        event = item.event
        self.figures.events += 1
        continuing = self.last is not None and generation == self.last_generation and not self.gap_pending
        if continuing and self.last is not None and event.sequence != self.last + 1:
            if event.sequence > self.last + 1:
                self.figures.lost_events += event.sequence - self.last - 1
                self.figures.lost_detail.append(f"{self.name}: jump {self.last} -> {event.sequence}")
            else:
                self.figures.lost_events += 1
                self.figures.lost_detail.append(f"{self.name}: went back {self.last} -> {event.sequence}")
        self.gap_pending = False
        self.token = event.resume_token
        self.last = event.sequence
        self.last_generation = generation
        self._seen(generation, event.sequence)
        if (
            self.marker_after is not None
            and generation >= self.marker_after
            and event.device == MARKER
            and event.event_type == ev_enums.EVENT_TYPE_DO_NOT_DISTURB_CHANGED
        ):
            self.marker_seen.set()

    def _seen(self, generation: int, sequence: int) -> None:
        self.max_seen[generation] = max(self.max_seen.get(generation, 0), sequence)


# ------------------------------------------------------------------------------------------------ the run


@contextlib.asynccontextmanager
async def tasks_until(stop: asyncio.Event, coros: list[Awaitable[Any]]) -> AsyncIterator[list[asyncio.Task[Any]]]:
    running = [asyncio.ensure_future(c) for c in coros]
    try:
        yield running
    finally:
        stop.set()
        _, pending = await asyncio.wait(running, timeout=NO_ANSWER + 15)
        for task in pending:
            task.cancel()
        await asyncio.gather(*running, return_exceptions=True)


async def chaos(args: argparse.Namespace, workdir: Path) -> Figures:
    figures = Figures()
    rng = random.Random(args.seed)
    procs = Processes(workdir, figures)
    target = f"127.0.0.1:{procs.grpc_port}"
    gateway: Gateway | None = None
    started = time.monotonic()
    try:
        await procs.start_sim()
        await procs.start_server()
        async with grpc.aio.insecure_channel(target) as probe:
            await procs.wait_serving(probe)
            print(f"chaos: switch, server and gateway up in {time.monotonic() - started:.1f}s", flush=True)
            gateway = await start_gateway(
                grpc_target=target, rest_port=0, ws_port=0, limits=Limits(rate=1000, burst=1000, access_ttl=0.0)
            )
            stop = asyncio.Event()
            write_stop = asyncio.Event()
            streams = [Stream(f"stream{i + 1}", target, procs, figures) for i in range(STREAMS)]
            writes: asyncio.Task[dict[str, str]] = asyncio.ensure_future(user_data_writes(figures, target, write_stop))
            clients: list[Awaitable[Any]] = [grpc_flows(figures, target, pair, stop) for pair in GRPC_PAIRS]
            clients += [
                rest_flows(figures, f"http://127.0.0.1:{gateway.rest_port}", stop),
                ws_flows(figures, f"ws://127.0.0.1:{gateway.ws_port}/", stop),
            ]
            stream_stop = asyncio.Event()
            async with tasks_until(stream_stop, [s.run(stream_stop, streams) for s in streams]):
                async with tasks_until(stop, clients):
                    # The faults, spread over the chaos period in a shuffled order.
                    plan = [("sim", SIM_FAULTS[i % len(SIM_FAULTS)]) for i in range(args.sim_faults)]
                    plan += [("kill", "")] * args.server_kills
                    rng.shuffle(plan)
                    pause = args.seconds / (len(plan) + 1)
                    for what, command in plan:
                        await asyncio.sleep(pause * rng.uniform(0.6, 1.4))
                        if what == "sim":
                            print(f"chaos: simulator {command}", flush=True)
                            await procs.sim_fault(command)
                        else:
                            print("chaos: server SIGKILL and restart", flush=True)
                            await procs.kill_server()
                            down = time.monotonic()
                            await procs.start_server()
                            await procs.wait_serving(probe)
                            figures.downtime.append(time.monotonic() - down)
                    await asyncio.sleep(pause)
                    await procs.wait_serving(probe)
                    print("chaos: faults over; letting the clients finish", flush=True)
                write_stop.set()
                acknowledged = await writes
                # Every stream must be live: each sees a do-not-disturb change made now.
                await procs.wait_serving(probe)
                for stream in streams:
                    stream.marker_after = procs.generation
                stations = st_grpc.StationServiceStub(probe)
                for enabled in (True, False):
                    with contextlib.suppress(grpc.aio.AioRpcError):
                        await stations.SetDoNotDisturb(
                            st_rr.SetDoNotDisturbRequest(extension=MARKER, enabled=enabled), timeout=DEADLINE
                        )
                for stream in streams:
                    try:
                        await asyncio.wait_for(stream.marker_seen.wait(), 30)
                    except TimeoutError:
                        figures.failed_resumes.append(f"{stream.name}: not live at the end (no marker event)")
            await check_user_data(figures, target, acknowledged)
    finally:
        if gateway is not None:
            await gateway.stop()
        await procs.stop()
    return figures


async def bounded(args: argparse.Namespace, workdir: Path) -> Figures:
    """`chaos` within its time bound; SIGTERM cancels it too, so the child processes are killed either way."""
    task = asyncio.current_task()
    assert task is not None
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, task.cancel)
    return await asyncio.wait_for(chaos(args, workdir), args.seconds + 240)


def report(args: argparse.Namespace, figures: Figures, seconds: float) -> int:
    lost_events = figures.lost_events
    counts = {
        "requests without exactly one answer": len(figures.unanswered),
        "events lost without a ResumeGap": lost_events,
        "acknowledged user-data writes lost": len(figures.lost_writes),
        "streams that failed to resume": len(figures.failed_resumes),
    }
    kinds = Counter(figures.sim_faults)
    print()
    print(f"chaos run: {seconds:.0f}s, seed {args.seed}")
    print(
        f"  N = {len(figures.sim_faults)} simulator faults ({', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))})"
    )
    downtime = ", ".join(f"{d:.1f}s" for d in figures.downtime)
    print(f"  M = {figures.server_kills} server kills (SIGKILL, restart on the same SQLite store; back in {downtime})")
    by_kind = ", ".join(f"{k} {v}" for k, v in sorted(figures.requests.items()))
    print(f"  requests: {sum(figures.requests.values())} ({by_kind})")
    print(f"  outcomes: {', '.join(f'{k} {v}' for k, v in sorted(figures.outcomes.items()))}")
    print(
        f"  streams: {STREAMS}, events received {figures.events}, resumes {figures.resumes}, "
        f"announced gaps (ResumeGap + Snapshot) {figures.announced_gaps}, overflows {figures.overflows}"
    )
    print(f"  user data: {figures.acknowledged_writes} acknowledged writes checked")
    for name, value in counts.items():
        print(f"  {name}: {value}")
    for line in (figures.unanswered + figures.lost_detail + figures.lost_writes + figures.failed_resumes)[:40]:
        print(f"    {line}")
    return 0 if not any(counts.values()) else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sim-faults", type=int, default=8, help="N: simulator faults (default: %(default)s)")
    parser.add_argument("--server-kills", type=int, default=3, help="M: server kills (default: %(default)s)")
    parser.add_argument("--seconds", type=float, default=60.0, help="length of the chaos period (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=1, help="order and timing of the faults (default: %(default)s)")
    parser.add_argument("--keep", action="store_true", help="keep the work directory (logs, store)")
    args = parser.parse_args(argv)
    # The gateway in this process logs an error at every server death (it refuses legacy clients while it cannot
    # read the access rules); the outcomes in the figures show those answers.
    logging.basicConfig(level=logging.CRITICAL)
    workdir = Path(tempfile.mkdtemp(prefix="callwire-chaos-"))
    started = time.monotonic()
    try:
        figures = asyncio.run(bounded(args, workdir))
        return report(args, figures, time.monotonic() - started)
    except (TimeoutError, asyncio.CancelledError):
        print(f"chaos: stopped after {time.monotonic() - started:.0f}s (time bound or SIGTERM)", file=sys.stderr)
        return 2
    finally:
        if args.keep:
            print(f"chaos: work directory kept: {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
