"""The event hub: sequence numbers, a replay window, and one bounded queue per subscriber. No I/O.

Every event the server publishes gets the next sequence number and goes into a ring buffer (the replay
window) and into the queue of each subscriber watching its device. Delivery is indexed by device, so
publishing to 1,000 single-station subscribers touches only the few that watch that station.

A subscriber that does not keep up is never allowed to slow the others: when its queue is full it is
marked overflowed, stops receiving, and counts what it missed; its stream then ends with that count
(RESOURCE_EXHAUSTED at the gRPC layer). A subscriber may resume after a sequence number: if the window
still holds everything after it, those events are replayed; otherwise the hub says so (`gap`) and the
caller sends a fresh snapshot. Loss is never silent.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


class SubscriptionOverflow(Exception):
    """The subscriber's queue filled up; `missed` events were not delivered to it."""

    def __init__(self, missed: int, capacity: int) -> None:
        super().__init__(f"subscriber queue of {capacity} events overflowed; {missed} events missed")
        self.missed = missed
        self.capacity = capacity


class SubscriptionClosed(Exception):
    """The hub closed the subscription (server shutdown)."""


@dataclass(frozen=True, slots=True)
class _Entry(Generic[T]):
    sequence: int
    device: str
    item: T


class Subscription(Generic[T]):
    """One subscriber: a bounded FIFO fed by the hub, read with `await next()`."""

    def __init__(self, hub: EventHub[T], devices: frozenset[str] | None, capacity: int) -> None:
        self._hub = hub
        self.devices = devices
        self.capacity = capacity
        self._queue: deque[T] = deque()
        self._waiter: asyncio.Future[None] | None = None
        self.overflowed = False
        self.missed = 0
        self.closed = False
        #: Set by `EventHub.subscribe`: the sequence the subscription starts after, whether the requested
        #: resume point was no longer held, and the events replayed from the window.
        self.start_sequence = 0
        self.gap = False
        self.replayed = 0

    def watches(self, device: str) -> bool:
        return self.devices is None or device in self.devices

    @property
    def depth(self) -> int:
        return len(self._queue)

    def _offer(self, item: T) -> None:
        if self.overflowed or self.closed:
            if self.overflowed:
                self.missed += 1
            return
        if len(self._queue) >= self.capacity:
            # Nothing more will be delivered: what is queued is lost too, so count it and free the memory now.
            self.overflowed = True
            self.missed += len(self._queue) + 1
            self._queue.clear()
        else:
            self._queue.append(item)
        self._wake()

    def _wake(self) -> None:
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    async def next(self) -> T:
        """The next event; raises SubscriptionOverflow or SubscriptionClosed when the stream must end."""
        while True:
            if self.overflowed:
                raise SubscriptionOverflow(self.missed, self.capacity)
            if self._queue:
                return self._queue.popleft()
            if self.closed:
                raise SubscriptionClosed
            self._waiter = asyncio.get_running_loop().create_future()
            try:
                await self._waiter
            finally:
                self._waiter = None

    def drain_ready(self, limit: int) -> list[T]:
        """Up to `limit` events already queued, without waiting (lets a writer batch)."""
        out: list[T] = []
        while self._queue and len(out) < limit and not self.overflowed:
            out.append(self._queue.popleft())
        return out

    def close(self) -> None:
        self._hub.unsubscribe(self)

    def _close(self) -> None:
        self.closed = True
        self._wake()


class EventHub(Generic[T]):
    """Publish events by device; subscribers watch a set of devices or all of them."""

    def __init__(self, *, window: int = 10_000, queue_size: int = 1_000) -> None:
        self.window = window
        self.queue_size = queue_size
        self._history: deque[_Entry[T]] = deque(maxlen=window)
        self._by_device: dict[str, set[Subscription[T]]] = {}
        self._all: set[Subscription[T]] = set()
        self.last_sequence = 0
        self.dropped_subscribers = 0

    @property
    def subscribers(self) -> int:
        return len(self._all) + sum(len(s) for s in self._by_device.values())

    @property
    def oldest_sequence(self) -> int:
        """The oldest sequence still in the replay window (last+1 when it is empty)."""
        return self._history[0].sequence if self._history else self.last_sequence + 1

    def publish(self, device: str, build: Callable[[int], T]) -> int:
        """Assign the next sequence number, build the event with it, and deliver it. Returns the number."""
        self.last_sequence += 1
        seq = self.last_sequence
        item = build(seq)
        self._history.append(_Entry(seq, device, item))
        for sub in self._all:
            self._deliver(sub, item)
        watchers = self._by_device.get(device)
        if watchers:
            for sub in tuple(watchers):
                self._deliver(sub, item)
        return seq

    def _deliver(self, sub: Subscription[T], item: T) -> None:
        was = sub.overflowed
        sub._offer(item)
        if sub.overflowed and not was:
            self.dropped_subscribers += 1

    def subscribe(
        self,
        devices: Iterable[str] | None = None,
        *,
        resume_after: int | None = None,
        queue_size: int | None = None,
    ) -> Subscription[T]:
        """Subscribe to `devices` (None: all). With `resume_after`, replay the window after it or flag a gap."""
        watch = None if devices is None else frozenset(devices)
        sub: Subscription[T] = Subscription(self, watch, queue_size or self.queue_size)
        sub.start_sequence = self.last_sequence
        if resume_after is not None and resume_after < self.last_sequence:
            if resume_after + 1 < self.oldest_sequence or resume_after < 0:
                sub.gap = True
            else:
                for entry in self._history:
                    if entry.sequence > resume_after and sub.watches(entry.device):
                        sub._offer(entry.item)
                        sub.replayed += 1
        elif resume_after is not None and resume_after > self.last_sequence:
            sub.gap = True  # a sequence from the future: another server instance or a restart
        if watch is None:
            self._all.add(sub)
        else:
            for device in watch:
                self._by_device.setdefault(device, set()).add(sub)
        return sub

    def unsubscribe(self, sub: Subscription[T]) -> None:
        if sub.devices is None:
            self._all.discard(sub)
        else:
            for device in sub.devices:
                watchers = self._by_device.get(device)
                if watchers is not None:
                    watchers.discard(sub)
                    if not watchers:
                        del self._by_device[device]
        sub._close()

    def close(self) -> None:
        """End every subscription (shutdown): their `next()` raises SubscriptionClosed once drained."""
        for sub in list(self._all):
            self.unsubscribe(sub)
        for watchers in list(self._by_device.values()):
            for sub in list(watchers):
                self.unsubscribe(sub)
