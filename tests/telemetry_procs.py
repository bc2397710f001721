"""Real processes for the telemetry tests: `callwire up|serve|gateway`, `callwire-sim` and the OpenTelemetry
Collector, each with its output read in the background, and always stopped (SIGTERM, then SIGKILL) in `stop`.

Helpers, not fixtures: each test owns its processes and stops them in `finally`.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import signal
import socket
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: The collector built by tools/build-otelcol (the Makefile's test target builds it first).
OTELCOL = ROOT / ".tools" / "otelcol" / "otelcol-callwire"
#: A bound for a failing test only: process starts on a busy machine take seconds.
WAIT = 180.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Proc:
    """A child process whose stdout and stderr lines are collected as they come."""

    def __init__(self, name: str, process: asyncio.subprocess.Process) -> None:
        self.name = name
        self.process = process
        self.out: list[str] = []
        self.err: list[str] = []
        self._changed = asyncio.Event()
        assert process.stdout is not None
        assert process.stderr is not None
        self._readers = [
            asyncio.create_task(self._read(process.stdout, self.out)),
            asyncio.create_task(self._read(process.stderr, self.err)),
        ]

    async def _read(self, stream: asyncio.StreamReader, into: list[str]) -> None:
        while True:
            line = await stream.readline()
            if not line:
                self._changed.set()
                return
            into.append(line.decode(errors="replace"))
            self._changed.set()

    @property
    def text(self) -> str:
        return "".join(self.out) + "".join(self.err)

    async def wait_for(self, found: Callable[[str], bool], what: str, *, timeout: float = WAIT) -> str:
        """Wait until `found(all output so far)` holds; fails with the output if the process ends first."""
        try:
            async with asyncio.timeout(timeout):
                while True:
                    text = self.text
                    if found(text):
                        return text
                    if self.process.returncode is not None and all(r.done() for r in self._readers):
                        raise AssertionError(f"{self.name} ended ({self.process.returncode}) before {what}:\n{text}")
                    self._changed.clear()
                    await self._changed.wait()
        except TimeoutError:
            raise AssertionError(f"{self.name}: no {what} within {timeout:g}s:\n{self.text[-4000:]}") from None

    async def search(self, pattern: str, what: str) -> re.Match[str]:
        text = await self.wait_for(lambda t: re.search(pattern, t) is not None, what)
        match = re.search(pattern, text)
        assert match is not None
        return match

    async def stop(self) -> int:
        """SIGTERM, then SIGKILL if it does not end within WAIT; the exit code."""
        if self.process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self.process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(self.process.wait(), WAIT)
            except TimeoutError:
                self.process.kill()
                await self.process.wait()
        for reader in self._readers:
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.wait_for(reader, WAIT)
        return self.process.returncode or 0


async def start(name: str, argv: Sequence[str], *, env: dict[str, str] | None = None, cwd: Path | None = None) -> Proc:
    process = await asyncio.create_subprocess_exec(
        *argv,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env={**os.environ, **(env or {})},
        cwd=cwd,
    )
    return Proc(name, process)


def callwire(*words: str) -> list[str]:
    return [sys.executable, "-m", "callwire_server.cli", *words]


def simulator(port: int) -> list[str]:
    return [sys.executable, "-m", "callwire_sim.cli", "--port", str(port), "--control-port", "-1"]


#: Variables a test process must not inherit from the developer's shell: each test says what it wants.
OTEL_CLEAN = {
    "OTEL_SDK_DISABLED": "",
    "OTEL_TRACES_EXPORTER": "",
    "OTEL_METRICS_EXPORTER": "",
    "OTEL_EXPORTER_OTLP_ENDPOINT": "",
    "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "",
    "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT": "",
    "OTEL_EXPORTER_OTLP_PROTOCOL": "",
    "OTEL_SERVICE_NAME": "",
    "OTEL_RESOURCE_ATTRIBUTES": "",
    "CALLWIRE_API_KEY": "",
}
