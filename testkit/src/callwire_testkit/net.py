"""Loopback ports for tests: a free one to give a process, one that refuses, and waits for one to open or close."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import Iterator

from .waits import WAIT


def free_port(host: str = "127.0.0.1") -> int:
    """A port nothing listens on right now (the system's choice), for a process that needs a fixed port.

    Prefer port 0 and reading the bound port back wherever the program allows it: between this call and the
    bind another process may take the port.
    """
    with socket.socket() as sock:
        sock.bind((host, 0))
        port: int = sock.getsockname()[1]
        return port


@contextlib.contextmanager
def refused_port(host: str = "127.0.0.1") -> Iterator[int]:
    """A port bound but never listening while the block runs: a connection to it is refused at once, and no
    other process can take it meanwhile (unlike a port from `free_port`)."""
    with socket.socket() as sock:
        sock.bind((host, 0))
        port: int = sock.getsockname()[1]
        yield port


async def accepts(host: str, port: int) -> bool:
    """True when a TCP connection to host:port is accepted now (it is closed at once)."""
    try:
        _, writer = await asyncio.open_connection(host, port)
    except OSError:
        return False
    writer.close()
    with contextlib.suppress(OSError):
        await writer.wait_closed()
    return True


async def wait_port_open(host: str, port: int, *, timeout: float = WAIT, interval: float = 0.05) -> None:
    """Return once host:port accepts connections; AssertionError after `timeout` seconds."""
    await _wait_port(host, port, True, timeout, interval)


async def wait_port_closed(host: str, port: int, *, timeout: float = WAIT, interval: float = 0.05) -> None:
    """Return once host:port refuses connections (its listener is gone); AssertionError after `timeout`."""
    await _wait_port(host, port, False, timeout, interval)


async def _wait_port(host: str, port: int, open_: bool, timeout: float, interval: float) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while await accepts(host, port) is not open_:
        if loop.time() > deadline:
            state = "open" if open_ else "closed"
            raise AssertionError(f"{host}:{port} not {state} within {timeout:g}s")
        await asyncio.sleep(interval)
