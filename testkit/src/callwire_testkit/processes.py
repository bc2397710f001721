"""Child processes for tests: run a command to its end, or start one, read its output as it comes, and stop it.

Every process a test starts is ended by the test (in `finally`): SIGTERM first, so that it shuts down as an
operator's Ctrl-C would, then SIGKILL if it does not end in time. Its pipes never outlive the test (an open
pipe left to the garbage collector fails a later test under `-W error`).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import signal
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

#: Seconds a process is given to start, answer or end. Only a failing test waits this long; starting Python on
#: a busy machine takes seconds.
PROCESS_WAIT = 180.0


def python_module(module: str, *args: str) -> list[str]:
    """The command line that runs `python -m module args` with this test's interpreter."""
    return [sys.executable, "-m", module, *args]


def environment(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """This process's environment with `extra` on top."""
    return {**os.environ, **(extra or {})}


@dataclass(frozen=True)
class Completed:
    """How a command run by `run` ended."""

    returncode: int
    out: str
    err: str


async def run(
    argv: Sequence[str],
    *,
    env: Mapping[str, str] | None = None,
    timeout: float = 120.0,
    merge_stderr: bool = False,
    cwd: Path | None = None,
) -> Completed:
    """Run `argv` to its end (environment: this one plus `env`); its exit code and output.

    With `merge_stderr`, standard error goes into `out` (as a terminal shows both). Killed if it has not ended
    within `timeout` seconds (then TimeoutError), or when the test is cancelled.
    """
    process = await asyncio.create_subprocess_exec(
        *argv,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT if merge_stderr else asyncio.subprocess.PIPE,
        env=environment(env),
        cwd=cwd,
    )
    try:
        out, err = await asyncio.wait_for(process.communicate(), timeout)
    finally:
        if process.returncode is None:
            process.kill()
            await process.communicate()
    assert process.returncode is not None
    return Completed(process.returncode, out.decode(errors="replace"), (err or b"").decode(errors="replace"))


async def stop(process: asyncio.subprocess.Process, *, timeout: float = PROCESS_WAIT) -> int:
    """SIGTERM, then SIGKILL if `process` has not ended within `timeout` seconds; its exit code."""
    if process.returncode is None:
        with contextlib.suppress(ProcessLookupError):
            process.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(process.wait(), timeout)
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            await process.wait()
    assert process.returncode is not None
    return process.returncode


class Proc:
    """A child process whose stdout and stderr lines are collected as they come (see `start`)."""

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
    def stdout(self) -> str:
        return "".join(self.out)

    @property
    def text(self) -> str:
        """Standard output, then standard error, as read so far."""
        return self.stdout + "".join(self.err)

    async def wait_for(
        self,
        found: Callable[[str], bool],
        what: str,
        *,
        timeout: float = PROCESS_WAIT,
        stdout_only: bool = False,
    ) -> str:
        """Wait until `found(output so far)` holds (`stdout_only`: standard output alone); that output.

        Fails with the output when the process ends first, or after `timeout` seconds.
        """
        try:
            async with asyncio.timeout(timeout):
                while True:
                    text = self.stdout if stdout_only else self.text
                    if found(text):
                        return text
                    if self.process.returncode is not None and all(r.done() for r in self._readers):
                        raise AssertionError(
                            f"{self.name} ended ({self.process.returncode}) before {what}:\n{self.text}"
                        )
                    self._changed.clear()
                    await self._changed.wait()
        except TimeoutError:
            raise AssertionError(f"{self.name}: no {what} within {timeout:g}s:\n{self.text[-4000:]}") from None

    async def search(self, pattern: str, what: str, *, timeout: float = PROCESS_WAIT) -> re.Match[str]:
        """The first match of `pattern` in the output, once there is one."""
        text = await self.wait_for(lambda t: re.search(pattern, t) is not None, what, timeout=timeout)
        match = re.search(pattern, text)
        assert match is not None
        return match

    async def stop(self, *, timeout: float = PROCESS_WAIT) -> int:
        """SIGTERM, then SIGKILL if it does not end within `timeout`; the exit code, once its output is read."""
        code = await stop(self.process, timeout=timeout)
        for reader in self._readers:
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.wait_for(reader, timeout)
        return code


async def start(
    name: str, argv: Sequence[str], *, env: Mapping[str, str] | None = None, cwd: Path | None = None
) -> Proc:
    """Start `argv` (environment: this one plus `env`) with its output collected; the caller stops it."""
    process = await asyncio.create_subprocess_exec(
        *argv,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env=environment(env),
        cwd=cwd,
    )
    return Proc(name, process)
