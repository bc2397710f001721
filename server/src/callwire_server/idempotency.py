"""Requests that are safe to retry: the client's `x-request-id` is an idempotency key (AIP-155).

Which RPCs: every unary RPC of the contracts that has side effects, read from the contract itself: its
`google.api.http` binding is not a GET, and its `idempotency_level` option is neither NO_SIDE_EFFECTS nor
IDEMPOTENT. Reads and idempotent requests are simply answered again.

For those, a request that carries an `x-request-id` runs to its outcome in a task of its own, even when its
client stops waiting (deadline, cancellation), and the outcome (the response or the error) is remembered
under (API key, method, request ID) for `window` seconds after it is known, at most `max_entries` outcomes
(the oldest leave first). A retry with the same request ID and the same request body gets that outcome
without acting again; while the first is still in flight, it waits for it. The same request ID with another
request body is refused with INVALID_ARGUMENT (field `x-request-id`). The key is scoped per API key, so one
client never reads another's outcome.

Not remembered: an outcome that says the request did not reach the switch (LINK_DOWN: the link was not up;
SHUTTING_DOWN), so a retry tries again. This module must not know any service: it sees methods, requests and
outcomes only.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import math
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from google.api import annotations_pb2
from google.protobuf import descriptor_pb2, descriptor_pool

from .errors import CallwireError

log = logging.getLogger("callwire.idempotency")

#: Outcomes that say the request never reached the switch: a retry may act.
_NOT_REMEMBERED = frozenset({"LINK_DOWN", "SHUTTING_DOWN"})
_SAFE_LEVELS = frozenset(
    {descriptor_pb2.MethodOptions.NO_SIDE_EFFECTS, descriptor_pb2.MethodOptions.IDEMPOTENT},
)


def has_side_effects(method: str, pool: descriptor_pool.DescriptorPool | None = None) -> bool:
    """Whether the RPC `method` ("/package.Service/Method") acts, as its contract says (see the module
    docstring). An RPC the pool does not know (health, reflection) is treated as a read."""
    service, _, name = method.strip("/").partition("/")
    try:
        descriptor = (pool or descriptor_pool.Default()).FindMethodByName(f"{service}.{name}")
    except KeyError:
        return False
    if descriptor.client_streaming or descriptor.server_streaming:
        return False
    options = descriptor.GetOptions()
    if options.idempotency_level in _SAFE_LEVELS:
        return False
    verb: str | None = options.Extensions[annotations_pb2.http].WhichOneof("pattern")
    return verb != "get"


@dataclass(eq=False)
class _Entry:
    fingerprint: bytes
    outcome: asyncio.Future[Any]
    #: When the outcome is forgotten (clock time); infinite while the first request is in flight.
    expires: float = math.inf
    task: asyncio.Task[None] | None = field(default=None, repr=False)


class IdempotencyKeys:
    """The remembered outcomes of requests with side effects, by (API key, method, request ID)."""

    def __init__(self, window: float, max_entries: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.window = window
        self.max_entries = max_entries
        self._clock = clock
        self._entries: dict[tuple[str, str, str], _Entry] = {}
        #: The keys whose outcome is known, in the order they became known (so, of expiry).
        self._known: OrderedDict[tuple[str, str, str], None] = OrderedDict()
        self._side_effects: dict[str, bool] = {}

    def __len__(self) -> int:
        return len(self._entries)

    def applies_to(self, method: str) -> bool:
        known = self._side_effects.get(method)
        if known is None:
            known = self._side_effects[method] = has_side_effects(method)
        return known

    async def run(
        self,
        method: str,
        scope: str,
        request_id: str,
        request: Any,
        call: Callable[[], Awaitable[Any]],
    ) -> Any:
        """`call()`'s outcome; once only per (scope, method, request_id) within the window."""
        if not request_id or self.window <= 0 or not self.applies_to(method):
            return await call()
        self._forget_expired()
        key = (scope, method, request_id)
        fingerprint = hashlib.sha256(request.SerializeToString(deterministic=True)).digest()
        entry = self._entries.get(key)
        if entry is None:
            entry = _Entry(fingerprint, asyncio.get_running_loop().create_future())
            # The first request runs in its own task (with this request's context: request ID, trace), so
            # that a client that stops waiting does not stop it half-way, and its outcome is there for a retry.
            entry.task = asyncio.get_running_loop().create_task(
                self._first(key, entry, call), name=f"callwire-idempotent {method}"
            )
            self._entries[key] = entry
        elif entry.fingerprint != fingerprint:
            name = method.rpartition("/")[2]
            raise CallwireError(
                "INVALID_ARGUMENT",
                f"x-request-id: {request_id!r} was used for another {name} request in the last {self.window:g} s;"
                " a retry must repeat the request unchanged, a new request needs a new request ID",
                metadata={"field": "x-request-id", "description": "used for another request"},
            )
        return await asyncio.shield(entry.outcome)

    async def _first(self, key: tuple[str, str, str], entry: _Entry, call: Callable[[], Awaitable[Any]]) -> None:
        try:
            response = await call()
        except asyncio.CancelledError:  # the server is stopping: nothing to remember
            self._drop(key, entry)
            entry.outcome.set_exception(CallwireError("SHUTTING_DOWN", "the server stopped during the request"))
            self._retrieved(entry.outcome)
            raise
        except Exception as exc:
            if isinstance(exc, CallwireError) and exc.reason in _NOT_REMEMBERED:
                self._drop(key, entry)
            else:
                self._remember(key, entry)
            entry.outcome.set_exception(exc)
            self._retrieved(entry.outcome)
        else:
            self._remember(key, entry)
            entry.outcome.set_result(response)
        finally:
            entry.task = None

    @staticmethod
    def _retrieved(outcome: asyncio.Future[Any]) -> None:
        """Mark an error outcome as seen: when no client waits for it any more, asyncio must not warn."""
        with contextlib.suppress(BaseException):
            outcome.exception()

    def _drop(self, key: tuple[str, str, str], entry: _Entry) -> None:
        if self._entries.get(key) is entry:
            del self._entries[key]

    def _remember(self, key: tuple[str, str, str], entry: _Entry) -> None:
        """Keep the outcome for the window; at most `max_entries` known outcomes, the oldest leave first."""
        entry.expires = self._clock() + self.window
        self._known[key] = None
        while len(self._known) > self.max_entries:
            oldest, _ = self._known.popitem(last=False)
            self._entries.pop(oldest, None)

    def _forget_expired(self) -> None:
        now = self._clock()
        known = self._known
        while known:
            key = next(iter(known))
            entry = self._entries.get(key)
            if entry is not None and entry.expires > now:
                return
            del known[key]
            if entry is not None:
                del self._entries[key]

    async def close(self) -> None:
        """Stop the requests still in flight (the server is stopping)."""
        tasks = [e.task for e in self._entries.values() if e.task is not None]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
