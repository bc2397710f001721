"""The gateway's one upstream event stream resumes with the server's resume token: after a server restart the
old token is recognised as another epoch (a gap, then a fresh snapshot), and events flow again."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from gwstack import close_stack, make_stack, stack_config
from test_gateway_events import _monitor, _next, _ok

from callwire.events.v1 import enums_pb2 as events_enums
from callwire_server.app import start_server
from callwire_testkit import until


async def test_after_a_server_restart_the_feed_resumes_with_a_gap_and_events_flow_again(tmp_path: Path) -> None:
    stack = await make_stack(tmp_path / "first")
    feed = stack.gateway.feed
    client = await _monitor(stack, "101")
    try:
        await _ok(client, {"request": "makecall", "extension": "101", "destination": "102"})
        assert (await _next(client))["eventtype"] == "alert"
        assert isinstance(stack.server.core.hub.resume_position(feed.resume_token), int)  # a token of this epoch
        await _ok(client, {"request": "hangup", "extension": "101"})
        assert (await _next(client, "disconnect"))["eventtype"] == "idle"
        old = stack.server
        await old.stop(grace=0.5)

        # A new server process on the same port: the gateway's channel reconnects by itself.
        config = stack_config(tmp_path / "second", stack.sim.port)
        config = dataclasses.replace(config, grpc=dataclasses.replace(config.grpc, address=f"127.0.0.1:{old.port}"))
        stack.server = await start_server(config)
        hub = stack.server.core.hub
        assert hub.epoch != old.core.hub.epoch
        # The feed retries with its own backoff; nothing to wait on but its state.
        await until(
            lambda: feed.resume_gaps and isinstance(hub.resume_position(feed.resume_token), int),
            interval=0.05,
            what="the feed resumed with a gap",
        )
        assert feed.resume_gaps == 1
        assert feed.last_gap_reason == events_enums.RESUME_GAP_REASON_OTHER_EPOCH

        await _ok(client, {"request": "makecall", "extension": "101", "destination": "102"})
        assert (await _next(client))["eventtype"] == "alert"
        await _ok(client, {"request": "hangup", "extension": "101"})
    finally:
        await client.close()
        await close_stack(stack)
