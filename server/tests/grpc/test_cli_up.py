"""`callwire up` tells a newcomer what to try first, with the ports it bound, and those commands work."""

from __future__ import annotations

import asyncio
import json
import re
import shlex
from pathlib import Path

import aiohttp
import grpc
from grpc_reflection.v1alpha.proto_reflection_descriptor_database import ProtoReflectionDescriptorDatabase

from callwire_testkit import free_port, python_module, run, start, wait_port_closed

WAIT = 60.0


async def test_up_prints_three_first_commands_that_work(tmp_path: Path) -> None:
    up = await start(
        "callwire up",
        python_module(
            "callwire_server.cli",
            "up",
            *("--grpc", "127.0.0.1:0", "--sim-port", "0", "--sim-control-port", "0"),
            *("--rest-port", "0", "--ws-port", "0", "--data-dir", str(tmp_path)),
        ),
    )
    try:
        banner = await up.wait_for(lambda out: "Ctrl-C stops." in out, "its banner", stdout_only=True, timeout=WAIT)
        grpc_port = re.search(r"gRPC server: +127\.0\.0\.1:(\d+)", banner)
        rest_port = re.search(r"REST http://127\.0\.0\.1:(\d+)/", banner)
        assert grpc_port, banner
        assert rest_port, banner
        tries = banner.split("Try first:\n", 1)[1].split("Ctrl-C stops.", 1)[0].splitlines()
        commands = [line.split("   # ", 1)[0].strip() for line in tries]
        rest = rest_port.group(1)
        assert commands == [
            f"http://127.0.0.1:{rest}/softphone?extension=102",
            f"curl 'http://127.0.0.1:{rest}/makecall?id=1&extension=101&destination=102'",
            f"grpcurl -plaintext 127.0.0.1:{grpc_port.group(1)} list",
        ]

        async with aiohttp.ClientSession() as http, http.get(commands[0]) as resp:
            assert resp.status == 200
            assert "Callwire softphone" in await resp.text()

        curl = await run([*shlex.split(commands[1]), "--silent", "--max-time", "30"], timeout=WAIT)
        answer = json.loads(curl.out)
        assert (answer["result"], answer["id"]) == ("success", "1"), answer

        # What `grpcurl -plaintext HOST:PORT list` asks: the services, through server reflection.
        target = shlex.split(commands[2])[2]
        with grpc.insecure_channel(target) as channel:
            services = await asyncio.to_thread(lambda: list(ProtoReflectionDescriptorDatabase(channel).get_services()))
        assert "callwire.callcontrol.v1.CallControlService" in services
        assert "grpc.health.v1.Health" in services
    finally:
        await up.stop(timeout=WAIT)


async def test_up_with_envoy_serves_the_rest_surface_and_stops_envoy_with_it(tmp_path: Path) -> None:
    envoy_port, admin_port = free_port(), free_port()
    up = await start(
        "callwire up",
        python_module(
            "callwire_server.cli",
            "up",
            *("--grpc", "127.0.0.1:0", "--sim-port", "0", "--sim-control-port", "-1", "--no-gateway"),
            *("--data-dir", str(tmp_path), "--envoy", "--envoy-port", str(envoy_port)),
            *("--envoy-admin-port", str(admin_port)),
        ),
    )
    try:
        banner = await up.wait_for(lambda out: "Ctrl-C stops." in out, "its banner", stdout_only=True, timeout=WAIT)
        assert f"Envoy:            REST/JSON, gRPC-Web, gRPC http://127.0.0.1:{envoy_port}/" in banner, banner
        tries = banner.split("Try first:\n", 1)[1].split("Ctrl-C stops.", 1)[0].splitlines()
        (make_call,) = [line.split("   # ", 1)[0].strip() for line in tries if "/v1/calls:make" in line]

        curl = await run([*shlex.split(make_call), "--silent", "--max-time", "30"], timeout=WAIT)
        answer = json.loads(curl.out)
        assert answer["call"]["callId"], answer
    finally:
        await up.stop(timeout=WAIT)
    # Envoy went with it: its port is free again.
    await wait_port_closed("127.0.0.1", envoy_port, timeout=WAIT)
    # Flushed when Envoy stopped.
    access = [json.loads(line) for line in (tmp_path / "envoy" / "access.log").read_text().splitlines()]
    assert any(entry["path"] == "/v1/calls:make" and entry["status"] == 200 for entry in access)
