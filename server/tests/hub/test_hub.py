"""The event hub: sequencing, per-device fan-out, replay window, gap, overflow isolation, shutdown."""

from __future__ import annotations

import asyncio

import pytest

from callwire_server.hub import EventHub, SubscriptionClosed, SubscriptionOverflow


def publish(hub: EventHub[tuple[int, str]], device: str) -> int:
    return hub.publish(device, lambda seq: (seq, device))


async def test_sequence_numbers_are_monotonic_and_filtered_by_device() -> None:
    hub: EventHub[tuple[int, str]] = EventHub()
    only_101 = hub.subscribe(["101"])
    everything = hub.subscribe()
    for device in ["101", "102", "101", "103"]:
        publish(hub, device)
    assert [await only_101.next() for _ in range(2)] == [(1, "101"), (3, "101")]
    assert [(await everything.next())[0] for _ in range(4)] == [1, 2, 3, 4]
    assert only_101.depth == 0
    assert hub.last_sequence == 4


async def test_resume_replays_what_the_window_still_holds() -> None:
    hub: EventHub[tuple[int, str]] = EventHub(window=5)
    for device in ["101", "102", "101", "101"]:
        publish(hub, device)
    sub = hub.subscribe(["101"], resume_after=1)
    assert not sub.gap
    assert sub.replayed == 2
    publish(hub, "101")
    assert [await sub.next() for _ in range(3)] == [(3, "101"), (4, "101"), (5, "101")]


async def test_resume_from_beyond_the_window_is_an_explicit_gap() -> None:
    hub: EventHub[tuple[int, str]] = EventHub(window=3)
    for _ in range(10):
        publish(hub, "101")
    assert hub.oldest_sequence == 8
    assert hub.subscribe(["101"], resume_after=6).gap
    assert not hub.subscribe(["101"], resume_after=7).gap  # 8, 9, 10 are all held
    assert hub.subscribe(["101"], resume_after=99).gap  # from the future: another instance
    current = hub.subscribe(["101"], resume_after=10)
    assert (current.gap, current.replayed) == (False, 0)


async def test_a_slow_subscriber_overflows_alone_and_counts_what_it_missed() -> None:
    hub: EventHub[tuple[int, str]] = EventHub(queue_size=3)
    slow = hub.subscribe(["101"])
    fast = hub.subscribe(["101"])
    received: list[int] = []

    async def reader() -> None:
        while len(received) < 10:
            received.append((await fast.next())[0])

    task = asyncio.create_task(reader())
    for _ in range(10):
        publish(hub, "101")
        await asyncio.sleep(0)  # the fast reader keeps up
    await asyncio.wait_for(task, 1)
    assert received == list(range(1, 11))
    with pytest.raises(SubscriptionOverflow) as info:
        await slow.next()
    assert info.value.missed == 10  # 3 queued and discarded at the overflow, then 7 more
    assert hub.dropped_subscribers == 1
    assert slow.depth == 0


async def test_close_wakes_waiting_subscribers() -> None:
    hub: EventHub[tuple[int, str]] = EventHub()
    sub = hub.subscribe(["101"])
    waiting = asyncio.create_task(sub.next())
    await asyncio.sleep(0)
    hub.close()
    with pytest.raises(SubscriptionClosed):
        await asyncio.wait_for(waiting, 1)
    assert hub.subscribers == 0


async def test_unsubscribe_stops_delivery_and_frees_the_index() -> None:
    hub: EventHub[tuple[int, str]] = EventHub()
    sub = hub.subscribe(["101", "102"])
    assert hub.subscribers == 2
    sub.close()
    publish(hub, "101")
    assert hub.subscribers == 0
    assert sub.depth == 0
