"""Envoy (the real binary, deploy/envoy/envoy.yaml rendered with free ports) in front of real Callwire servers."""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import ipaddress
import json
import sys
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import aiohttp
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from callwire_server.app import RunningServer, start_server
from callwire_server.envoy import EnvoyProcess, EnvoySettings, start_envoy
from callwire_sim.switch import Switch
from callwire_sim.transport import SimulatorServer
from callwire_testkit import free_port
from callwire_testkit.demo import demo_simulator, server_config

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "deploy" / "envoy" / "envoy.yaml"


def _log_files(tmp_path: Path) -> tuple[IO[Any], IO[Any]]:
    """Envoy's access log (stdout) and its own log (stderr), closed by the caller."""
    return open(tmp_path / "envoy-access.log", "w"), open(tmp_path / "envoy.log", "w")


@contextlib.asynccontextmanager
async def running_envoy(
    tmp_path: Path, upstreams: list[tuple[str, int]], *, healthy: int = 1, **settings: Any
) -> AsyncIterator[EnvoyProcess]:
    """Envoy on free ports in front of `upstreams`, ready (and `healthy` upstreams checked); stopped in finally."""
    port, admin = free_port(), free_port()
    access, log = _log_files(tmp_path)
    envoy: EnvoyProcess | None = None
    try:
        envoy = await start_envoy(
            EnvoySettings(upstreams=upstreams, port=port, admin_port=admin, **settings),
            tmp_path,
            source=SOURCE,
            stdout=access,
            stderr=log,
        )
        try:
            await envoy.wait_ready(healthy=healthy)
        except Exception:
            print((tmp_path / "envoy.log").read_text(), file=sys.stderr)
            raise
        yield envoy
    finally:
        if envoy is not None:
            await envoy.stop()
        access.close()
        log.close()


def access_log(tmp_path: Path) -> list[dict[str, Any]]:
    """The JSON access log lines Envoy has flushed so far (the last one only when complete)."""
    lines = (tmp_path / "envoy-access.log").read_text().split("\n")[:-1]
    return [json.loads(line) for line in lines if line.strip()]


def self_signed(tmp_path: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and its key, as PEM files."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = tmp_path / "tls.crt", tmp_path / "tls.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_path, key_path


@dataclass
class Stack:
    switch: Switch
    sim: SimulatorServer
    server: RunningServer
    envoy: EnvoyProcess
    http: aiohttp.ClientSession

    @property
    def url(self) -> str:
        return self.envoy.url


@contextlib.asynccontextmanager
async def rest_stack(tmp_path: Path, **settings: Any) -> AsyncIterator[Stack]:
    """Simulated switch and server in this process, Envoy in its own, an HTTP client: all closed in finally."""
    async with demo_simulator() as sim:
        server: RunningServer | None = None
        try:
            server = await start_server(server_config(tmp_path, sim.port))
            async with (
                running_envoy(tmp_path, [("127.0.0.1", server.port)], **settings) as envoy,
                aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30)) as http,
            ):
                yield Stack(sim.switch, sim, server, envoy, http)
        finally:
            if server is not None:
                await server.stop(grace=0.2)


class EventLines:
    """StreamEvents over HTTP: newline-delimited JSON read as it arrives."""

    def __init__(self, response: aiohttp.ClientResponse) -> None:
        self.response = response

    async def next(self, seconds: float = 20.0) -> dict[str, Any]:
        line = await asyncio.wait_for(self.response.content.readline(), seconds)
        if not line:
            raise AssertionError("the event stream ended")
        item: dict[str, Any] = json.loads(line)
        return item

    async def until_event(self, event_type: str, device: str, seconds: float = 20.0) -> dict[str, Any]:
        deadline = time.monotonic() + seconds
        while True:
            item = await self.next(max(0.1, deadline - time.monotonic()))
            event = item.get("event")
            if event and event["eventType"] == event_type and event["device"] == device:
                return item
