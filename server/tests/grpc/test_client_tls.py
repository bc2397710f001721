"""Every client the project ships reaches a TLS and mTLS server that requires keys: `callwire ctl`, the
legacy gateway started in-process, and `callwire gateway` as its own process. Keys come from the
environment or a file, never from the command line."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pytest
from certs import Pem, make_pki

from callwire_gateway.app import ClientTls, Limits, start_gateway
from callwire_server.app import RunningServer, start_server
from callwire_server.config import GrpcConfig
from callwire_server.store import Role
from callwire_sim.transport import SimulatorServer
from callwire_testkit import python_module, run, start
from callwire_testkit.demo import demo_simulator, server_config

# Each test starts Python processes; on a busy machine one start can take seconds, so the suite's per-test
# bound (meant to catch hangs) would cut a passing test short.
pytestmark = pytest.mark.timeout(600)


@dataclass
class TlsServer:
    server: RunningServer
    sim: SimulatorServer
    ca: Pem
    client: Pem
    admin_key: str
    target: str


@pytest.fixture
async def tls_server(tmp_path: Path) -> AsyncIterator[TlsServer]:
    ca, server_pem, client_pem = make_pki(tmp_path)
    async with demo_simulator() as sim:
        grpc_config = GrpcConfig(
            address="127.0.0.1:0",
            require_api_key=True,
            tls_cert=server_pem.cert,
            tls_key=server_pem.key,
            client_ca=ca.cert,
        )
        server = await start_server(server_config(tmp_path, sim.port, grpc=grpc_config))
        key = (await server.core.store.create_api_key("ops", Role.ADMIN)).secret
        try:
            yield TlsServer(server, sim, ca, client_pem, key, f"localhost:{server.port}")
        finally:
            await server.stop(grace=0.5)


async def _cli(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    done = await run(python_module("callwire_server.cli", *args), env=env)
    return done.returncode, done.out, done.err


def _tls_args(s: TlsServer, *, client_cert: bool = True) -> list[str]:
    args = ["--server", s.target, "--ca-file", str(s.ca.cert)]
    if client_cert:
        args += ["--cert-file", str(s.client.cert), "--key-file", str(s.client.key)]
    return args


async def test_ctl_speaks_tls_and_mtls_with_the_key_from_env_or_file(tls_server: TlsServer, tmp_path: Path) -> None:
    s = tls_server
    without_key = {"CALLWIRE_API_KEY": ""}
    code, out, err = await _cli("ctl", *_tls_args(s), "svrinfo", env={"CALLWIRE_API_KEY": s.admin_key})
    assert (code, err) == (0, "")
    assert out.splitlines()[0].split()[:2] == ["version:", "Callwire"]
    key_file = tmp_path / "admin.key"
    key_file.write_text(s.admin_key + "\n")
    code, out, err = await _cli("ctl", *_tls_args(s), "--api-key-file", str(key_file), "svrinfo", env=without_key)
    assert (code, err) == (0, "")
    # No client certificate: the mTLS handshake fails; no key: UNAUTHENTICATED; plaintext: refused.
    code, _, err = await _cli("ctl", *_tls_args(s, client_cert=False), "svrinfo", env={"CALLWIRE_API_KEY": s.admin_key})
    assert code == 1
    assert "UNAVAILABLE" in err
    code, _, err = await _cli("ctl", *_tls_args(s), "svrinfo", env=without_key)
    assert code == 1
    assert "UNAUTHENTICATED" in err
    code, _, err = await _cli("ctl", "--server", s.target, "svrinfo", env={"CALLWIRE_API_KEY": s.admin_key})
    assert code == 1
    # A key on the command line is refused with the way to do it instead.
    code, _, err = await _cli("ctl", *_tls_args(s), "--api-key", s.admin_key, "svrinfo", env=without_key)
    assert code == 2
    assert "CALLWIRE_API_KEY" in err
    assert "--api-key-file" in err


async def test_the_gateway_speaks_tls_and_mtls(tls_server: TlsServer) -> None:
    s = tls_server
    tls = ClientTls(ca_file=s.ca.cert, cert_file=s.client.cert, key_file=s.client.key)
    gateway = await start_gateway(
        grpc_target=s.target, rest_port=0, ws_port=0, api_key=s.admin_key, tls=tls, limits=Limits(access_ttl=0.0)
    )
    try:
        await asyncio.wait_for(gateway.feed.connected.wait(), 10.0)
        async with (
            aiohttp.ClientSession() as http,
            http.get(f"http://127.0.0.1:{gateway.rest_port}/svrinfo?id=1") as resp,
        ):
            body = await resp.json()
        assert resp.status == 200, body
        assert body["ver"].startswith("Callwire ")
    finally:
        await gateway.stop()
    with pytest.raises(ValueError, match="both cert_file and key_file"):
        ClientTls(ca_file=s.ca.cert, cert_file=s.client.cert)


async def test_callwire_gateway_command_speaks_mtls(tls_server: TlsServer, tmp_path: Path) -> None:
    s = tls_server
    key_file = tmp_path / "gateway.key"
    key_file.write_text(s.admin_key)
    gateway = await start(
        "callwire gateway",
        python_module(
            "callwire_server.cli",
            "gateway",
            *_tls_args(s),
            *("--api-key-file", str(key_file), "--rest-port", "0", "--ws-port", "0"),
        ),
        env={"CALLWIRE_API_KEY": ""},
    )
    try:
        banner = await gateway.wait_for(lambda out: "\n" in out, "its first line", stdout_only=True)
        line = banner.splitlines()[0]
        assert line.startswith("callwire gateway: REST http://127.0.0.1:"), line
        rest = line.split()[3].rstrip("/")
        assert line.rstrip().endswith("(TLS); Ctrl-C stops")
        async with aiohttp.ClientSession() as http, http.get(f"{rest}/svrinfo?id=1") as resp:
            assert resp.status == 200, await resp.text()
    finally:
        await gateway.stop()
