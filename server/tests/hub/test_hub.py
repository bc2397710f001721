"""The event hub: sequencing, per-device fan-out, replay window, gap, overflow isolation, shutdown."""

from __future__ import annotations

import asyncio

import pytest

from callwire_server.hub import EventHub, SubscriptionClosed, SubscriptionOverflow, TokenProblem


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
    publish(hub, "101")
    assert [await sub.next() for _ in range(3)] == [(3, "101"), (4, "101"), (5, "101")]
    assert sub.replayed == 3  # the one published during the replay came from the window too
    assert not sub.replaying


async def test_a_resume_further_back_than_the_queue_replays_at_the_readers_pace() -> None:
    hub: EventHub[tuple[int, str]] = EventHub(window=1_000, queue_size=3)
    for n in range(600):
        publish(hub, "101" if n % 3 else "102")
    sub = hub.subscribe(["101"], resume_after=0)
    received: list[int] = []
    while len(received) < 200:
        received.append((await sub.next())[0])
        publish(hub, "101")  # live events while the replay runs: read from the window as well, in order
        publish(hub, "102")
    received += [item[0] for item in sub.drain_ready(10_000)]
    assert not sub.replaying  # caught up: live from here on, through the queue
    publish(hub, "101")
    received.append((await sub.next())[0])
    expected = [n for n in range(1, hub.last_sequence + 1) if (n <= 600 and (n - 1) % 3) or (n > 600 and n % 2)]
    assert received == expected
    assert not sub.overflowed
    assert hub.dropped_subscribers == 0


async def test_a_replay_slower_than_the_window_ends_like_an_overflow() -> None:
    hub: EventHub[tuple[int, str]] = EventHub(window=10, queue_size=3)
    for _ in range(10):
        publish(hub, "101")
    sub = hub.subscribe(["101"], resume_after=0)
    assert [(await sub.next())[0] for _ in range(2)] == [1, 2]
    for _ in range(15):  # the window now holds 16..25: 3..15 left it unread
        publish(hub, "101")
    with pytest.raises(SubscriptionOverflow) as info:
        await sub.next()
    assert info.value.missed == 13
    assert hub.dropped_subscribers == 1


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


def test_resume_tokens_carry_the_epoch() -> None:
    hub: EventHub[tuple[int, str]] = EventHub()
    restarted: EventHub[tuple[int, str]] = EventHub()
    assert hub.epoch != restarted.epoch  # random per hub, i.e. per server start
    token = hub.resume_token(42)
    assert "42" not in token  # opaque: clients keep it, they do not read it
    assert hub.resume_position(token) == 42
    assert restarted.resume_position(token) is TokenProblem.OTHER_EPOCH
    for bad in ("", "x", "!!!!", token[:-3], token + "A", hub.resume_token(1).swapcase()):
        assert hub.resume_position(bad) in (TokenProblem.INVALID, TokenProblem.OTHER_EPOCH), bad
    assert hub.resume_position(token[:-3]) is TokenProblem.INVALID


async def test_the_hub_counts_delivered_and_missed_events_and_open_subscriptions_for_the_metrics() -> None:
    hub: EventHub[tuple[int, str]] = EventHub(window=10, queue_size=2)
    fast = hub.subscribe(["101"])
    slow = hub.subscribe()
    assert len(hub.subscriptions) == 2  # one each, whatever they watch
    publish(hub, "101")
    publish(hub, "102")
    assert hub.delivered == 3  # 101 to both, 102 to `slow`
    await fast.next()
    publish(hub, "102")  # `slow` holds 2: this one overflows it, and the 2 it held are lost with it
    assert slow.overflowed
    assert (hub.delivered, hub.events_missed) == (1, 3)
    publish(hub, "101")  # missed by `slow` too, delivered to `fast`
    assert (hub.delivered, hub.events_missed) == (2, 4)
    late = hub.subscribe(["101"], resume_after=0)  # a resume replays from the window: delivered as read
    assert [await late.next() for _ in range(2)] == [(1, "101"), (4, "101")]
    assert hub.delivered == 4
    slow.close()
    assert len(hub.subscriptions) == 2
    hub.close()
    assert not hub.subscriptions
