"""The simulator's control port: fault injection on a running `callwire-sim` or `callwire up`, for failover drills.

A line-based text protocol on a loopback TCP port (default 4720), usable with `callwire-sim fault ...`, `nc` or
any script: one command per line, exactly one answer line per command, `ok ...` or `error ...`.

    drop                      abort every CSTA connection (RST), as a crashed AES or a cut cable would
    stall [SECONDS]           read and answer nothing, keep-alives included (until `resume` without SECONDS)
    resume                    end a stall
    garbage                   write bytes that are not a CSTA frame to every connection
    end-session [REASON]      send ApplicationSessionTerminated (default reason resourceLimitation) and close
    refuse SECONDS|on|off     close new connections at once (the endpoint is down); pair with `drop`
    status                    connections, sessions, stalled, refusing
    help                      this list

The port has no authentication, so it only ever listens on a loopback address.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import logging
import math
from collections.abc import Callable

from .transport import SimulatorServer

log = logging.getLogger("callwire.sim.control")

DEFAULT_CONTROL_PORT = 4720
MAX_LINE = 1024
MAX_SECONDS = 3600.0

HELP = __doc__.split("\n\n")[2].strip("\n") if __doc__ else ""


class CommandError(Exception):
    """A command the control port refuses; its text is the answer after `error `."""


def _seconds(word: str) -> float:
    try:
        value = float(word)
    except ValueError:
        raise CommandError(f"not a number of seconds: {word!r}") from None
    if not math.isfinite(value) or value <= 0 or value > MAX_SECONDS:
        raise CommandError(f"seconds must be > 0 and <= {MAX_SECONDS:.0f}, not {word}")
    return value


class FaultCommands:
    """The control port's commands over one simulator's `Faults`; `run` answers one line, never raises."""

    def __init__(self, server: SimulatorServer) -> None:
        self.server = server
        self._refuse_timer: asyncio.TimerHandle | None = None
        self._table: dict[str, Callable[[list[str]], str]] = {
            "drop": self._drop,
            "stall": self._stall,
            "resume": self._resume,
            "garbage": self._garbage,
            "end-session": self._end_session,
            "refuse": self._refuse,
            "status": self._status,
            "help": self._help,
        }

    def run(self, line: str) -> str:
        words = line.split()
        if not words:
            return "error empty command; try help"
        handler = self._table.get(words[0].lower())
        if handler is None:
            return f"error unknown command {words[0]!r}; commands: {' '.join(self._table)}"
        try:
            answer = handler(words[1:])
        except CommandError as exc:
            return f"error {exc}"
        if words[0].lower() not in ("status", "help"):
            log.warning("fault injected: %s -> %s", line.strip(), answer)
        return f"ok {answer}"

    def cancel_timers(self) -> None:
        if self._refuse_timer is not None:
            self._refuse_timer.cancel()
            self._refuse_timer = None

    @staticmethod
    def _arity(args: list[str], most: int, usage: str) -> None:
        if len(args) > most:
            raise CommandError(f"usage: {usage}")

    def _drop(self, args: list[str]) -> str:
        self._arity(args, 0, "drop")
        count = len(self.server.connections)
        self.server.faults.drop_connections()
        return f"dropped {count} connection(s)"

    def _stall(self, args: list[str]) -> str:
        self._arity(args, 1, "stall [SECONDS]")
        if not args:
            self.server.faults.stall()
            return "stalled until resume"
        seconds = _seconds(args[0])
        self.server.faults.stall(seconds)
        return f"stalled for {seconds:g}s"

    def _resume(self, args: list[str]) -> str:
        self._arity(args, 0, "resume")
        was = self.server.faults.stalled
        self.server.faults.resume()
        return "resumed" if was else "was not stalled"

    def _garbage(self, args: list[str]) -> str:
        self._arity(args, 0, "garbage")
        count = len(self.server.connections)
        self.server.faults.send_garbage()
        return f"garbage sent to {count} connection(s)"

    def _end_session(self, args: list[str]) -> str:
        self._arity(args, 1, "end-session [REASON]")
        count = sum(1 for conn in self.server.connections if conn.app is not None)
        if args:
            self.server.faults.terminate_sessions(args[0])
        else:
            self.server.faults.terminate_sessions()
        return f"ended {count} session(s)"

    def _refuse(self, args: list[str]) -> str:
        if len(args) != 1:
            raise CommandError("usage: refuse SECONDS|on|off")
        self.cancel_timers()
        word = args[0].lower()
        if word == "off":
            self.server.faults.refuse_connections(False)
            return "accepting connections"
        self.server.faults.refuse_connections(True)
        if word == "on":
            return "refusing connections until refuse off"
        seconds = _seconds(word)
        self._refuse_timer = asyncio.get_running_loop().call_later(
            seconds, self.server.faults.refuse_connections, False
        )
        return f"refusing connections for {seconds:g}s"

    def _status(self, args: list[str]) -> str:
        self._arity(args, 0, "status")
        faults = self.server.faults
        sessions = sum(1 for conn in self.server.connections if conn.app is not None)
        return (
            f"connections={len(self.server.connections)} sessions={sessions} "
            f"stalled={'yes' if faults.stalled else 'no'} refusing={'yes' if faults.refusing else 'no'}"
        )

    def _help(self, args: list[str]) -> str:
        self._arity(args, 0, "help")
        return "commands: " + " | ".join(line.strip().split("  ")[0] for line in HELP.splitlines())


class ControlServer:
    """Serve `FaultCommands` for `sim` on a loopback host:port (port 0 picks a free one; see `.port`)."""

    def __init__(self, sim: SimulatorServer, *, host: str = "127.0.0.1", port: int = DEFAULT_CONTROL_PORT) -> None:
        if not _is_loopback(host):
            raise ValueError(f"the control port has no authentication and listens on loopback only, not {host}")
        self.host = host
        self._port = port
        self.commands = FaultCommands(sim)
        self._server: asyncio.Server | None = None
        self._clients: set[asyncio.StreamWriter] = set()

    @property
    def port(self) -> int:
        if self._server is not None and self._server.sockets:
            return int(self._server.sockets[0].getsockname()[1])
        return self._port

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._serve, self.host, self._port, limit=MAX_LINE)
        log.info("simulator control port listening host=%s port=%d", self.host, self.port)

    async def stop(self) -> None:
        self.commands.cancel_timers()
        if self._server is not None:
            self._server.close()
        for writer in list(self._clients):
            writer.close()
        if self._server is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._server.wait_closed(), 2)
            self._server = None

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._clients.add(writer)
        try:
            while True:
                try:
                    line = await reader.readuntil(b"\n")
                except asyncio.IncompleteReadError as exc:
                    if not exc.partial.strip():
                        return
                    line = exc.partial  # a last command without its newline still gets its answer
                except asyncio.LimitOverrunError:
                    writer.write(f"error line longer than {MAX_LINE} bytes\n".encode())
                    return
                text = line.decode("utf-8", "replace").strip()
                if text:
                    writer.write((self.commands.run(text) + "\n").encode())
                    await writer.drain()
                if not line.endswith(b"\n"):
                    return
        except (ConnectionError, OSError):
            return
        finally:
            self._clients.discard(writer)
            writer.close()


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


async def send_command(host: str, port: int, command: str, *, timeout: float = 10.0) -> str:
    """Send one command to a control port and return its answer line (without the newline)."""
    reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
    try:
        writer.write(command.strip().encode() + b"\n")
        await writer.drain()
        answer = await asyncio.wait_for(reader.readline(), timeout)
    finally:
        writer.close()
        with contextlib.suppress(ConnectionError, OSError):
            await writer.wait_closed()
    if not answer:
        raise ConnectionError("the control port closed without answering")
    return answer.decode("utf-8", "replace").rstrip("\n")
