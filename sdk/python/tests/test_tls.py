"""TLS from the SDK: a server certificate signed by the given CA works; a TLS mismatch is a TransportError at
connect (bounded by connect_timeout), never a hang."""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import grpc
import pytest
from harness import _config  # type: ignore[import-not-found]

from callwire_sdk import Client, TLSConfig, TransportError
from callwire_server.app import start_server
from callwire_server.config import GrpcConfig
from callwire_sim.site import demo_site
from callwire_sim.switch import Switch
from callwire_sim.transport import SimulatorServer

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "server" / "tests" / "grpc"))
from certs import make_pki  # type: ignore[import-not-found]


@pytest.fixture
async def tls_server(tmp_path: Path) -> AsyncIterator[tuple[str, Path]]:
    ca, server_pem, _ = make_pki(tmp_path)
    switch = Switch(demo_site())
    sim = SimulatorServer(switch, port=0)
    server = None
    try:
        await sim.start()
        config = dataclasses.replace(
            _config(tmp_path, sim.port, keyed=False),
            grpc=GrpcConfig(
                address="127.0.0.1:0", require_api_key=False, tls_cert=server_pem.cert, tls_key=server_pem.key
            ),
        )
        server = await start_server(config)
        yield f"127.0.0.1:{server.port}", ca.cert
    finally:
        if server is not None:
            await server.stop(grace=0.5)
        await sim.stop()
        switch.close()


async def test_tls_with_the_servers_ca(tls_server: tuple[str, Path]) -> None:
    target, ca = tls_server
    async with Client.connect(target, tls=TLSConfig(ca_cert=ca)) as client:
        assert (await client.query.get_device_name(device="101")).name


async def test_plaintext_to_a_tls_server_fails_at_connect(tls_server: tuple[str, Path]) -> None:
    target, _ = tls_server
    with pytest.raises(TransportError) as caught:
        await Client.connect(target, connect_timeout=1.0)
    assert caught.value.code == grpc.StatusCode.UNAVAILABLE


async def test_an_untrusted_server_certificate_fails_at_connect(tls_server: tuple[str, Path]) -> None:
    target, _ = tls_server
    with pytest.raises(TransportError):
        await Client.connect(target, tls=True, connect_timeout=1.0)  # the system CAs do not know the test CA
