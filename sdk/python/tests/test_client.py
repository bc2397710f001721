"""The SDK's own behaviour against the real server: connect failures, typed errors, request IDs, the sync
facade, and an event stream that survives a server restart."""

from __future__ import annotations

import asyncio
import dataclasses
import threading
import time
from pathlib import Path

import grpc
import pytest
from harness import _config, conformance_stack  # type: ignore[import-not-found]

import callwire_sdk
from callwire_sdk import Client, SyncClient, TransportError
from callwire_server.app import start_server
from callwire_server.config import GrpcConfig
from callwire_testkit import free_port
from callwire_testkit.demo import demo_simulator


async def test_unreachable_server_is_a_transport_error_not_a_hang() -> None:
    started = time.monotonic()
    with pytest.raises(TransportError) as caught:
        await Client.connect(f"127.0.0.1:{free_port()}", connect_timeout=0.5)
    assert caught.value.code == grpc.StatusCode.UNAVAILABLE
    assert time.monotonic() - started < 30  # bounded by connect_timeout, not by the default deadline


async def test_wrong_api_key_is_typed_at_the_first_call(tmp_path: Path) -> None:
    async with (
        conformance_stack(tmp_path, keyed=True) as stack,
        Client.connect(stack["target"], api_key="cw_wrong_key") as client,
    ):
        with pytest.raises(callwire_sdk.UnauthenticatedError) as caught:
            await client.query.get_time_of_day(request_id="rid-1")
        assert caught.value.reason == "UNAUTHENTICATED"
        assert caught.value.request_id == "rid-1"


async def test_typed_error_carries_reason_metadata_csta_detail_and_request_id(tmp_path: Path) -> None:
    async with conformance_stack(tmp_path) as stack, Client.connect(stack["target"]) as client:
        with pytest.raises(callwire_sdk.UnknownExtensionError) as caught:
            await client.call_control.make_call(extension="999", destination="101")
        err = caught.value
        assert err.code == grpc.StatusCode.NOT_FOUND
        assert err.csta is not None
        assert err.csta.value == "invalidDeviceID"
        assert err.request_id == callwire_sdk.last_request_id() != ""
        made = await client.call_control.make_call(extension="101", destination="102", request_id="mine")
        assert made.call is not None
        assert made.call.call_id
        assert callwire_sdk.last_request_id() == "mine"
        with pytest.raises(TypeError):
            await client.query.get_device_name(callwire_sdk.query.GetDeviceNameRequest(device="101"), device="102")


def test_sync_client(tmp_path: Path) -> None:
    async def serve(ready: asyncio.Future[str], stop: asyncio.Event) -> None:
        async with conformance_stack(tmp_path) as stack:
            ready.set_result(stack["target"])
            await stop.wait()

    loop = asyncio.new_event_loop()
    try:
        ready: asyncio.Future[str] = loop.create_future()
        stop = asyncio.Event()
        task = loop.create_task(serve(ready, stop))
        target = loop.run_until_complete(ready)
        runner = threading.Thread(target=loop.run_until_complete, args=(task,))
        runner.start()
        try:
            with SyncClient.connect(target) as client:
                assert client.query.get_device_name(device="101").name
                with pytest.raises(callwire_sdk.CallNotFoundError):
                    client.query.snapshot_call(call_id="98765")
                items = client.events.stream(devices=["101"])
                first = next(items)
                assert isinstance(first, callwire_sdk.events.Snapshot)
                items.close()
        finally:
            loop.call_soon_threadsafe(stop.set)
            runner.join()
    finally:
        loop.close()


async def test_event_stream_survives_a_server_restart_with_a_gap_and_a_fresh_snapshot(tmp_path: Path) -> None:
    port = free_port()
    async with demo_simulator() as sim:
        config = dataclasses.replace(
            _config(tmp_path, sim.port, keyed=False),
            grpc=GrpcConfig(address=f"127.0.0.1:{port}", require_api_key=False),
        )
        server = await start_server(config)
        try:
            async with Client.connect(f"127.0.0.1:{port}") as client:
                stream = client.events.stream(devices=["101"], backoff=callwire_sdk.Backoff(initial=0.05, maximum=0.5))
                items = aiter(stream)
                assert isinstance(await anext(items), callwire_sdk.events.Snapshot)
                await client.call_control.make_call(extension="101", destination="102")
                while not isinstance(item := await anext(items), callwire_sdk.events.Event) or item.alerting is None:
                    pass
                await server.stop(grace=0.5)
                server = await start_server(config)
                # The new server is another epoch: the stream says so, then starts over with a snapshot.
                gap = await asyncio.wait_for(anext(items), 60)
                while isinstance(gap, callwire_sdk.events.Event):
                    gap = await asyncio.wait_for(anext(items), 60)
                assert isinstance(gap, callwire_sdk.events.ResumeGap)
                assert gap.reason == callwire_sdk.events.ResumeGapReason.OTHER_EPOCH
                assert isinstance(await anext(items), callwire_sdk.events.Snapshot)
                await stream.aclose()
        finally:
            await server.stop(grace=0.5)
