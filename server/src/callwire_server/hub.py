"""The event hub: sequence numbers, a replay window, and one bounded queue per subscriber. No I/O.

Every event the server publishes gets the next sequence number and goes into a ring buffer (the replay
window) and into the queue of each subscriber watching its device. Delivery is indexed by device, so
publishing to 1,000 single-station subscribers touches only the few that watch that station.

A subscriber that does not keep up is never allowed to slow the others: when its queue is full it is
marked overflowed, stops receiving, and counts what it missed; its stream then ends with that count
(RESOURCE_EXHAUSTED at the gRPC layer). A subscriber may resume after a sequence number: if the window
still holds everything after it, those events are replayed; otherwise the hub says so (`gap`) and the
caller sends a fresh snapshot. Loss is never silent.

Resume positions handed to clients are opaque tokens carrying the hub's epoch, a random value drawn when the
hub is made (at every server start): a token of another epoch, from before a restart or from another
instance, is recognised and answered with a gap instead of being read as a position of this numbering.

A replay is read from the window at the subscriber's pace, not copied into its queue: a resume may go back
further than the queue holds (the whole window), and live events published meanwhile are read from the
window too, until the replay has caught up and the subscriber switches to its queue with no await in
between. Only a replay slower than the window turns over (the unread events leave it) ends like an overflow.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import enum
import secrets
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


class SubscriptionOverflow(Exception):
    """The subscriber's queue filled up, or its replay was outrun by the window; `missed` events were not
    delivered to it."""

    def __init__(self, missed: int, capacity: int, *, outrun: bool = False) -> None:
        what = "replay was outrun by the event window" if outrun else f"queue of {capacity} events overflowed"
        super().__init__(f"the subscriber's {what}; {missed} events missed")
        self.missed = missed
        self.capacity = capacity
        self.outrun = outrun


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
        #: The overflow was a resume's replay that the window outran, not a full queue.
        self.outrun = False
        self.missed = 0
        self.closed = False
        #: Set by `EventHub.subscribe`: the sequence the subscription starts after, and whether the requested
        #: resume point was no longer held.
        self.start_sequence = 0
        self.gap = False
        #: Events handed out from the window by a resume's replay so far.
        self.replayed = 0
        #: While replaying: the last sequence read from the window; None once live (fed through the queue).
        self._replay_after: int | None = None

    def watches(self, device: str) -> bool:
        return self.devices is None or device in self.devices

    @property
    def depth(self) -> int:
        return len(self._queue)

    @property
    def replaying(self) -> bool:
        return self._replay_after is not None

    def _offer(self, item: T) -> None:
        if self._replay_after is not None:
            return  # published into the window, where the replay will read it
        if self.overflowed or self.closed:
            if self.overflowed:
                self.missed += 1
                self._hub.events_missed += 1
            return
        if len(self._queue) >= self.capacity:
            # Nothing more will be delivered: what is queued is lost too, so count it and free the memory now.
            self.overflowed = True
            lost = len(self._queue) + 1
            self.missed += lost
            self._hub.events_missed += lost
            self._hub.delivered -= lost - 1  # queued events that will never be read were not delivered
            self._queue.clear()
        else:
            self._queue.append(item)
            self._hub.delivered += 1
        self._wake()

    def _wake(self) -> None:
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    def _replay_next(self) -> T | None:
        """The next replayed event this subscriber watches; None once the replay has caught up with the hub (the
        subscription is then live) or fell out of the window (it is then overflowed)."""
        after = self._replay_after
        if after is None or self.closed:
            self._replay_after = None
            return None
        hub = self._hub
        oldest = hub.oldest_sequence
        if after + 1 < oldest:
            # The window turned over before this subscriber read it: what left it unread is lost to it (an
            # upper bound of its own events, as the entries that left are gone).
            self._replay_after = None
            self.overflowed = self.outrun = True
            self.missed += oldest - after - 1
            hub.events_missed += oldest - after - 1
            hub.dropped_subscribers += 1
            return None
        for sequence in range(after + 1, hub.last_sequence + 1):
            entry = hub._held(sequence)
            if self.watches(entry.device):
                # Handing out the newest event ends the replay at once: the next publish goes to the queue.
                self._replay_after = sequence if sequence < hub.last_sequence else None
                self.replayed += 1
                hub.delivered += 1
                return entry.item
        self._replay_after = None  # caught up: from the next publish on, events arrive through the queue
        return None

    async def next(self) -> T:
        """The next event; raises SubscriptionOverflow or SubscriptionClosed when the stream must end."""
        while True:
            if self._replay_after is not None:
                replayed = self._replay_next()
                if replayed is not None:
                    return replayed
            if self.overflowed:
                raise SubscriptionOverflow(self.missed, self.capacity, outrun=self.outrun)
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
        """Up to `limit` events ready without waiting, replayed or queued (lets a writer batch)."""
        out: list[T] = []
        while self._replay_after is not None and len(out) < limit:
            replayed = self._replay_next()
            if replayed is None:
                break
            out.append(replayed)
        while self._queue and len(out) < limit and not self.overflowed:
            out.append(self._queue.popleft())
        return out

    def close(self) -> None:
        self._hub.unsubscribe(self)

    def _close(self) -> None:
        self.closed = True
        self._wake()


class TokenProblem(enum.Enum):
    """Why a resume token names no position of this hub."""

    OTHER_EPOCH = "other_epoch"  # issued before a restart, or by another instance
    INVALID = "invalid"  # not a token at all


#: Token format version: a scaled-out hub will issue tokens holding the shared log's position instead.
_TOKEN_VERSION = "1"


class EventHub(Generic[T]):
    """Publish events by device; subscribers watch a set of devices or all of them."""

    def __init__(self, *, window: int = 10_000, queue_size: int = 1_000, epoch: str | None = None) -> None:
        if window < 1 or queue_size < 1:
            raise ValueError("the event window and the subscriber queue hold at least one event")
        #: Random per hub, i.e. per server start: the numbering of this history (64 bits, hex).
        self.epoch = epoch or secrets.token_hex(8)
        self._token_prefix = f"{_TOKEN_VERSION}:{self.epoch}:"
        self.window = window
        self.queue_size = queue_size
        # A ring indexed by sequence % window: a replay finds any held sequence at once.
        self._ring: list[_Entry[T] | None] = [None] * window
        self._by_device: dict[str, set[Subscription[T]]] = {}
        self._all: set[Subscription[T]] = set()
        self.last_sequence = 0
        self.dropped_subscribers = 0
        # Counters for the metrics (instruments.py reads them when a reader collects; plain integers keep the
        # event path free of metric calls): events handed to subscribers (queued or replayed), and events
        # subscribers missed because they overflowed or were outrun.
        self.delivered = 0
        self.events_missed = 0
        #: Every open subscription, whatever it watches (a snapshot of it is safe to take from another thread).
        self.subscriptions: set[Subscription[T]] = set()

    @property
    def subscribers(self) -> int:
        return len(self._all) + sum(len(s) for s in self._by_device.values())

    @property
    def oldest_sequence(self) -> int:
        """The oldest sequence still in the replay window (last+1 when it is empty)."""
        return max(1, self.last_sequence - self.window + 1)

    def resume_token(self, sequence: int) -> str:
        """The opaque token of the position after `sequence` in this hub's history."""
        return base64.urlsafe_b64encode(f"{self._token_prefix}{sequence}".encode()).decode().rstrip("=")

    def resume_position(self, token: str) -> int | TokenProblem:
        """The sequence `token` names in this hub's history, or why it names none."""
        try:
            text = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode("ascii")
            version, epoch, sequence = text.split(":")
        except (binascii.Error, UnicodeDecodeError, ValueError):
            return TokenProblem.INVALID
        if version != _TOKEN_VERSION or not sequence.isdigit() or not epoch:
            return TokenProblem.INVALID
        if epoch != self.epoch:
            return TokenProblem.OTHER_EPOCH
        return int(sequence)

    def _held(self, sequence: int) -> _Entry[T]:
        entry = self._ring[sequence % self.window]
        assert entry is not None, f"sequence {sequence} was never published"
        assert entry.sequence == sequence, f"sequence {sequence} has left the window"
        return entry

    def publish(self, device: str, build: Callable[[int], T]) -> int:
        """Assign the next sequence number, build the event with it, and deliver it. Returns the number."""
        self.last_sequence += 1
        seq = self.last_sequence
        item = build(seq)
        self._ring[seq % self.window] = _Entry(seq, device, item)
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
        """Subscribe to `devices` (None: all). With `resume_after`, replay the window after it (as the subscriber
        reads) or flag a gap."""
        watch = None if devices is None else frozenset(devices)
        sub: Subscription[T] = Subscription(self, watch, queue_size or self.queue_size)
        sub.start_sequence = self.last_sequence
        if resume_after is not None and resume_after < self.last_sequence:
            if resume_after + 1 < self.oldest_sequence or resume_after < 0:
                sub.gap = True
            else:
                sub._replay_after = resume_after
        elif resume_after is not None and resume_after > self.last_sequence:
            sub.gap = True  # a sequence from the future: another server instance or a restart
        self.subscriptions.add(sub)
        if watch is None:
            self._all.add(sub)
        else:
            for device in watch:
                self._by_device.setdefault(device, set()).add(sub)
        return sub

    def unsubscribe(self, sub: Subscription[T]) -> None:
        self.subscriptions.discard(sub)
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
