"""Resuming StreamEvents: a replay longer than a subscriber's queue, and resume positions across restarts."""

from __future__ import annotations

from collections.abc import Callable

from grpc_stack import Stack
from test_events import Reader, stream

from callwire.events.v1 import enums_pb2 as ev_enums
from callwire.events.v1 import message_pb2 as events_pb2

ET = ev_enums.EventType


def publish(stack: Stack, device: str, count: int) -> list[int]:
    """`count` events straight into the server's hub, as the tracker publishes them."""

    def build(seq: int) -> events_pb2.Event:
        return events_pb2.Event(sequence=seq, event_type=ET.EVENT_TYPE_PHONE_CHANGED, device=device)

    return [stack.core.hub.publish(device, build) for _ in range(count)]


def has_sequence(sequence: int) -> Callable[[Reader], bool]:
    def test(r: Reader) -> bool:
        return bool(r.events) and r.events[-1].sequence >= sequence

    return test


async def test_a_resume_further_back_than_the_queue_replays_everything_then_goes_live(stack: Stack) -> None:
    hub = stack.core.hub
    assert hub.queue_size < 2_500 < hub.window
    start = hub.last_sequence
    missed = publish(stack, "101", 2_500)
    publish(stack, "102", 100)  # not watched: skipped by the replay
    resumed = stream(stack.channel, devices=["101"], resume_after_sequence=start)
    try:
        during = publish(stack, "101", 500)  # published while the replay may still run
        await resumed.until(has_sequence(during[-1]), timeout=30)
        live = publish(stack, "101", 1)
        await resumed.until(has_sequence(live[0]), timeout=30)
        assert resumed.error is None
        assert not any(i.HasField("snapshot") or i.HasField("resume_gap") for i in resumed.items)
        assert [e.sequence for e in resumed.events if e.device == "101"] == [*missed, *during, *live]
        assert hub.dropped_subscribers == 0
    finally:
        await resumed.close()
