"""Resuming StreamEvents: a replay longer than a subscriber's queue, and resume positions across restarts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import grpc
import pytest
from grpc_stack import Stack
from test_events import Reader, _dnd, opened, other_stack, stream

from callwire.events.v1 import enums_pb2 as ev_enums
from callwire.events.v1 import message_pb2 as events_pb2
from callwire_server.app import start_server
from callwire_server.config import GrpcConfig
from callwire_server.hub import EventHub
from callwire_testkit import error_info
from callwire_testkit.demo import demo_simulator, server_config

ET = ev_enums.EventType


def publish(stack: Stack, device: str, count: int) -> list[int]:
    """`count` events straight into the server's hub, as the tracker publishes them."""

    hub = stack.core.hub

    def build(seq: int) -> events_pb2.Event:
        return events_pb2.Event(
            sequence=seq, resume_token=hub.resume_token(seq), event_type=ET.EVENT_TYPE_PHONE_CHANGED, device=device
        )

    return [hub.publish(device, build) for _ in range(count)]


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


# ------------------------------------------------------------------------------------------ resume tokens


def token_of_another_epoch(stack: Stack, sequence: int) -> str:
    """A well-formed token of another server start (another hub's epoch), at a position this server holds."""
    other: EventHub[events_pb2.Event] = EventHub()
    assert other.epoch != stack.core.hub.epoch
    return other.resume_token(sequence)


async def test_events_carry_a_resume_token_that_replays_exactly_the_missed_events(stack: Stack) -> None:
    first = await opened(stack.channel, devices=["101"])
    assert first.items[0].snapshot.resume_token
    await _dnd(stack, "101", True)  # an event from the switch, through the tracker
    dnd = await first.event("101", ET.EVENT_TYPE_DO_NOT_DISTURB_CHANGED)
    assert stack.core.hub.resume_position(dnd.resume_token) == dnd.sequence
    publish(stack, "101", 3)
    await first.until(lambda r: r.events[-1].sequence == stack.core.hub.last_sequence)
    token = first.events[-2].resume_token
    assert len({e.resume_token for e in first.events}) == len(first.events)
    await first.close()
    later = publish(stack, "101", 2)

    resumed = stream(stack.channel, devices=["101"], resume_token=token, include_snapshot=True)
    try:
        await resumed.until(lambda r: len(r.events) >= 3)
        assert not any(i.HasField("snapshot") or i.HasField("resume_gap") for i in resumed.items)
        assert [e.sequence for e in resumed.events] == [first.events[-1].sequence, *later]
    finally:
        await resumed.close()

    # From the snapshot's token when no event came yet: nothing is replayed, live events follow.
    quiet = await opened(stack.channel, devices=["102"])
    snapshot_token = quiet.items[0].snapshot.resume_token
    await quiet.close()
    live = stream(stack.channel, devices=["102"], resume_token=snapshot_token)
    try:
        sequence = publish(stack, "102", 1)[0]
        await live.until(lambda r: bool(r.events))
        assert [e.sequence for e in live.events] == [sequence]
        assert not any(i.HasField("resume_gap") for i in live.items)
    finally:
        await live.close()


@pytest.mark.parametrize(
    ("token", "reason"),
    [
        (None, ev_enums.RESUME_GAP_REASON_OTHER_EPOCH),
        ("not a token", ev_enums.RESUME_GAP_REASON_INVALID_TOKEN),
        ("MTpzb21lOg", ev_enums.RESUME_GAP_REASON_INVALID_TOKEN),  # "1:some:" without a sequence
        ("Mjp4eXo6NQ", ev_enums.RESUME_GAP_REASON_INVALID_TOKEN),  # "2:xyz:5", an unknown version
    ],
)
async def test_a_foreign_or_malformed_token_gives_a_gap_and_a_fresh_snapshot(
    stack: Stack, token: str | None, reason: int
) -> None:
    publish(stack, "101", 5)
    if token is None:
        token = token_of_another_epoch(stack, stack.core.hub.last_sequence - 3)
    resumed = stream(stack.channel, devices=["101"], resume_token=token)
    try:
        await resumed.until(lambda r: len(r.items) >= 2)
        gap, snapshot = resumed.items[0], resumed.items[1]
        assert gap.HasField("resume_gap"), gap
        assert gap.resume_gap.reason == reason
        assert gap.resume_gap.requested_sequence == 0
        assert snapshot.HasField("snapshot")
        assert snapshot.snapshot.sequence == stack.core.hub.last_sequence
        sequence = publish(stack, "101", 1)[0]
        await resumed.until(lambda r: bool(r.events))
        assert [e.sequence for e in resumed.events] == [sequence]  # live only: nothing of the other numbering
    finally:
        await resumed.close()


async def test_a_token_of_this_epoch_beyond_the_window_is_not_held(tmp_path: Path) -> None:
    async with other_stack(tmp_path, event_window=5) as small:
        token = small.core.hub.resume_token(small.core.hub.last_sequence)
        publish(small, "101", 10)
        resumed = stream(small.channel, devices=["101"], resume_token=token)
        try:
            await resumed.until(lambda r: len(r.items) >= 2)
            assert resumed.items[0].resume_gap.reason == ev_enums.RESUME_GAP_REASON_NOT_HELD
            assert resumed.items[1].HasField("snapshot")
        finally:
            await resumed.close()


async def test_a_token_and_a_sequence_together_are_refused(stack: Stack) -> None:
    token = stack.core.hub.resume_token(stack.core.hub.last_sequence)
    both = stream(stack.channel, devices=["101"], resume_token=token, resume_after_sequence=1)
    err = await both.ended()
    assert err.code() == grpc.StatusCode.INVALID_ARGUMENT
    info = error_info(err)
    assert (info.reason, info.metadata["field"]) == ("INVALID_ARGUMENT", "resume_token")


async def test_after_a_server_restart_an_old_token_gives_a_gap_and_a_snapshot(tmp_path: Path) -> None:
    """A new server process on the same port, the same client channel: the old token's sequence exists in
    the new numbering too, yet it is answered with a gap, not with the new server's events."""
    async with demo_simulator() as sim:
        switch = sim.switch
        server = await start_server(server_config(tmp_path / "first", sim.port))
        port = server.port
        channel = grpc.aio.insecure_channel(f"127.0.0.1:{port}")
        restarted = None
        try:
            before = Stack(sim, switch, server, channel)
            first = await opened(channel, devices=["101"])
            publish(before, "101", 5)
            await first.until(lambda r: len(r.events) >= 5)
            old_token, old_sequence = first.events[-1].resume_token, first.events[-1].sequence
            await first.close()
            await server.stop(grace=0.5)

            config = server_config(
                tmp_path / "second", sim.port, grpc=GrpcConfig(address=f"127.0.0.1:{port}", require_api_key=False)
            )
            restarted = await start_server(config)
            after = Stack(sim, switch, restarted, channel)
            assert restarted.core.hub.epoch != server.core.hub.epoch
            publish(after, "101", old_sequence + 5 - restarted.core.hub.last_sequence)
            assert restarted.core.hub.last_sequence > old_sequence  # the old position "exists" in the new numbering

            resumed = stream(channel, devices=["101"], resume_token=old_token)
            try:
                await resumed.until(lambda r: len(r.items) >= 2, timeout=15)
                gap, snapshot = resumed.items[0], resumed.items[1]
                assert gap.resume_gap.reason == ev_enums.RESUME_GAP_REASON_OTHER_EPOCH
                assert snapshot.snapshot.sequence == restarted.core.hub.last_sequence
                assert restarted.core.hub.resume_position(snapshot.snapshot.resume_token) == snapshot.snapshot.sequence
                assert not resumed.events
            finally:
                await resumed.close()
        finally:
            await channel.close()
            if restarted is not None:
                await restarted.stop(grace=0.5)
            else:
                await server.stop(grace=0.5)
