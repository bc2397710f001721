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

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "server" / "tests" / "grpc"))
from certs import make_pki  # type: ignore[import-not-found]

from callwire_testkit.demo import demo_simulator


@pytest.fixture
async def tls_server(tmp_path: Path) -> AsyncIterator[tuple[str, Path]]:
    ca, server_pem, _ = make_pki(tmp_path)
    async with demo_simulator() as sim:
        config = dataclasses.replace(
            _config(tmp_path, sim.port, keyed=False),
            grpc=GrpcConfig(
                address="127.0.0.1:0", require_api_key=False, tls_cert=server_pem.cert, tls_key=server_pem.key
            ),
        )
        server = await start_server(config)
        try:
            yield f"127.0.0.1:{server.port}", ca.cert
        finally:
            await server.stop(grace=0.5)


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
