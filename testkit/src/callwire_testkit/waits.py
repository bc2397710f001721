"""Waiting for a condition instead of sleeping a guessed time.

A test waits for what it needs (a state reached, a port closed); the timeout only bounds a test that is failing
or stuck, so it is generous: a passing test on a busy machine never comes near it.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable

#: Seconds a condition is given by default. Only a failing test waits this long.
WAIT = 30.0


async def until(
    condition: Callable[[], object], *, timeout: float = WAIT, what: str = "condition", interval: float = 0.01
) -> None:
    """Return once `condition()` is true; `condition` may be a plain or a coroutine function.

    Polls every `interval` seconds (for state that has no change notification: the store, a simulator's fault
    state, a server's counters). Raises AssertionError naming `what` after `timeout` seconds.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not await _value(condition):
        if loop.time() > deadline:
            raise AssertionError(f"{what} not reached within {timeout:g}s")
        await asyncio.sleep(interval)


async def _value(condition: Callable[[], object]) -> object:
    result = condition()
    if inspect.isawaitable(result):
        return await result
    return result
