"""The tracker's ordered inbox: one FIFO of link events, resynchronisations and link changes, drained by one
consumer task, and the items set aside while what they need is fetched.

Order rule: the events of one device or one call are applied in the order the switch sent them. An item that
needs something first (a user data lookup, the agent's ready mode, a resynchronisation's snapshot) waits aside
(`Waiting`) under its keys, a device key ("d:<extension>") and a call key per call it names ("c:<call_id>");
a later item that shares a key waits behind it, items of other devices and calls go on at once. An item runs
once it has what it needs and heads the queue of each of its keys.

This module only orders: what an item does is the tracker's (`take`, `take_resync`, `link_change`), and what
it fetches aside runs in `background` tasks.
"""

from __future__ import annotations

import asyncio
import contextvars
import dataclasses
import logging
from collections import Counter, deque
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from callwire_csta import codec as csta
from callwire_csta.link import LinkEvent, LinkStateChange

log = logging.getLogger("callwire.tracker")


@dataclass(slots=True)
class Resync:
    """A resynchronisation of `extension` (see `CallTracker.resync`); `done` is told when it was applied."""

    extension: str
    done: asyncio.Future[None] | None
    publish_idle: bool = False


@dataclass(slots=True)
class LinkChange:
    change: LinkStateChange
    at: float


@dataclass(eq=False, slots=True)
class Waiting:
    """An item set aside: what it needs (user data, the ready mode, a resynchronisation's snapshot) is being
    fetched, or an earlier waiting item shares a device or a call with it. `run` applies and publishes it (None
    until what it needs is at hand)."""

    keys: frozenset[str]
    extension: str
    run: Callable[[], None] | None
    #: The resynchronisation whose snapshot waits here (told it is done when applied, or at stop).
    resync: Resync | None = None


@dataclass(slots=True)
class Ready:
    """Consumer marker: what a waiting item needed is at hand; apply it when no earlier item holds it back."""

    waiting: Waiting


@dataclass(slots=True)
class Barrier:
    """Consumer marker: told when everything received before it has been taken (see `CallTracker.settle`)."""

    reached: asyncio.Future[None]


Item = LinkEvent | Resync | LinkChange | Ready | Barrier | None

_CALL_FIELDS: dict[type[Any], tuple[str, ...]] = {}


def call_ids(message: Any) -> list[str]:
    """The call IDs an event names (its connections and, for transfers and conferences, the listed ones)."""
    names = _CALL_FIELDS.get(type(message))
    if names is None:
        names = tuple(
            f.name
            for f in dataclasses.fields(message)
            if "ConnectionID" in str(f.type) or "ConnectionListItem" in str(f.type)
        )
        _CALL_FIELDS[type(message)] = names
    found: list[str] = []
    for name in names:
        value = getattr(message, name)
        items = value if isinstance(value, tuple) else (value,)
        for item in items:
            if isinstance(item, csta.ConnectionID):
                if item.call_id:
                    found.append(item.call_id)
            elif isinstance(item, csta.ConnectionListItem):
                for conn in (item.new_connection, item.old_connection):
                    if conn is not None and conn.call_id:
                        found.append(conn.call_id)
    return found


def finish_done(item: Resync) -> None:
    """Tell whoever waits for `item` that it is over (applied, failed or dropped at stop)."""
    if item.done is not None and not item.done.done():
        item.done.set_result(None)


class Inbox:
    """The FIFO, its consumer, the items set aside and the per-extension backlog."""

    def __init__(
        self,
        *,
        take: Callable[[LinkEvent], None],
        take_resync: Callable[[Resync], None],
        link_change: Callable[[LinkChange], None],
        before_stop: Callable[[], Awaitable[None]],
    ) -> None:
        self._take = take
        self._take_resync = take_resync
        self._link_change = link_change
        self._before_stop = before_stop
        self._inbox: deque[Item] = deque()
        self._waiter: asyncio.Future[None] | None = None
        self.consumer: asyncio.Task[None] | None = None
        self.stopped = False
        #: Items set aside, in arrival order per device key ("d:<extension>") and call key ("c:<call_id>"): an
        #: item is applied once it has what it needs and is first in the queue of each of its keys.
        self.waiting: dict[str, deque[Waiting]] = {}
        #: Per extension, its events and resynchronisations received but not applied yet.
        self.backlog: Counter[str] = Counter()
        #: Work fetched aside (enrichments, resynchronisation snapshots).
        self.tasks: set[asyncio.Task[None]] = set()

    # ------------------------------------------------------------------------------ the FIFO

    def put(self, item: Item) -> None:
        if self.stopped:
            return
        self._inbox.append(item)
        if self.consumer is None:
            # A fresh context: the consumer must not inherit the x-request-id of the RPC that started it.
            self.consumer = asyncio.get_running_loop().create_task(
                self._consume(), name="callwire-tracker", context=contextvars.Context()
            )
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    def put_counted(self, extension: str, item: Item) -> None:
        """`put`, counting `item` in the extension's backlog until it is applied (`unlog`)."""
        self.backlog[extension] += 1
        self.put(item)

    def unlog(self, extension: str) -> None:
        backlog = self.backlog
        left = backlog[extension] - 1
        if left > 0:
            backlog[extension] = left
        else:
            backlog.pop(extension, None)

    async def _consume(self) -> None:
        inbox = self._inbox
        loop = asyncio.get_running_loop()
        take = self._take
        while True:
            while inbox:
                item = inbox.popleft()
                if item is None:
                    self.stopped = True
                    await self._before_stop()
                    self._fail_pending()
                    return
                try:
                    if isinstance(item, LinkEvent):
                        take(item)
                    elif isinstance(item, Resync):
                        self._take_resync(item)
                    elif isinstance(item, Ready):
                        self.release(item.waiting)
                    elif isinstance(item, Barrier):
                        if not item.reached.done():
                            item.reached.set_result(None)
                    else:
                        self._link_change(item)
                except Exception:
                    log.exception("tracker failed on %s", type(item).__name__)
            self._waiter = loop.create_future()
            try:
                await self._waiter
            finally:
                self._waiter = None

    def _fail_pending(self) -> None:
        for item in self._inbox:
            if isinstance(item, Resync):
                self.finish(item)
            elif isinstance(item, Barrier) and not item.reached.done():
                item.reached.set_result(None)
        self._inbox.clear()
        for queue in self.waiting.values():
            for waiting in queue:
                if waiting.resync is not None:
                    finish_done(waiting.resync)
        self.waiting.clear()
        self.backlog.clear()

    def finish(self, item: Resync) -> None:
        """`item` is over: out of the backlog, and its waiter told."""
        self.unlog(item.extension)
        finish_done(item)

    async def stop_tasks(self, *also: Awaitable[Any]) -> None:
        """Cancel the work fetched aside and wait for it (and for `also`) to end."""
        for task in tuple(self.tasks):
            task.cancel()
        await asyncio.gather(*self.tasks, *also, return_exceptions=True)

    def background(self, work: Coroutine[Any, Any, None]) -> None:
        # A fresh context: the work must not carry the x-request-id of an RPC into later events.
        loop = asyncio.get_running_loop()
        task = loop.create_task(work, name="callwire-tracker-fetch", context=contextvars.Context())
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    # ------------------------------------------------------------------------------ items set aside

    def held_back(self, keys: frozenset[str]) -> bool:
        waiting = self.waiting
        return any(key in waiting for key in keys)

    def set_aside(self, waiting: Waiting) -> None:
        queues = self.waiting
        for key in waiting.keys:
            queue = queues.get(key)
            if queue is None:
                queues[key] = deque((waiting,))
            else:
                queue.append(waiting)

    def _first_in_line(self, waiting: Waiting) -> bool:
        """Whether `waiting` heads the queue of each of its keys. False once it was applied: an item that waited
        behind the same item on two keys is handed to `release` twice, and must run once."""
        queues = self.waiting
        for key in waiting.keys:
            queue = queues.get(key)
            if not queue or queue[0] is not waiting:
                return False
        return True

    def release(self, ready: Waiting) -> None:
        """Apply `ready` if nothing earlier holds it back, then every item it held back that can go now."""
        if not self._first_in_line(ready):
            return  # an earlier item of its device or calls still waits; applying that one will bring it
        todo = [ready]
        queues = self.waiting
        while todo:
            waiting = todo.pop()
            if waiting.run is None or not self._first_in_line(waiting):
                continue
            for key in waiting.keys:
                queue = queues[key]
                queue.popleft()
                if queue:
                    todo.append(queue[0])
                else:
                    del queues[key]
            try:
                waiting.run()
            except Exception:
                log.exception("tracker failed on a waiting item of %s", waiting.extension)
