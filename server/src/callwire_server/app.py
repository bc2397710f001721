"""Assemble and run the gRPC server: store, link, core, services, interceptors, health and reflection.

`start_server(config)` returns a `RunningServer` once the store is migrated, the link is up (or trying)
and the gRPC port is bound. Shutdown is graceful: health goes NOT_SERVING, event streams end with
UNAVAILABLE (SHUTTING_DOWN) so clients resume elsewhere, in-flight unary calls get `grace` seconds, then
the CSTA session is stopped and the store closed.
"""

from __future__ import annotations

import asyncio
import dataclasses
import gc
import importlib
import ipaddress
import logging
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import ModuleType
from typing import Any

import grpc
from google.protobuf import descriptor_pool
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection, reflection_pb2_grpc

from callwire_csta.link import CstaLink, Endpoint, LinkDown, LinkState, LinkStateChange

from . import instruments, validation
from .config import ServerConfig
from .core import Core
from .interceptors import server_interceptors
from .progress import MonitorProgress
from .store import Store

log = logging.getLogger("callwire.app")

#: One module per service under callwire_server.services, each with `register(server, core) -> str` returning
#: the full service name. The completeness test checks this list against the contracts.
SERVICE_MODULES = ("callcontrol", "agent", "query", "station", "device", "userdata", "admin", "events")


def _load(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(f"callwire_server.services.{name}")
    except ModuleNotFoundError as exc:
        if exc.name != f"callwire_server.services.{name}":
            raise
        log.warning("service module %s is missing; its RPCs answer UNIMPLEMENTED", name)
        return None


@dataclass
class RunningServer:
    config: ServerConfig
    core: Core
    server: grpc.aio.Server
    port: int
    health: health.aio.HealthServicer
    services: list[str] = field(default_factory=list)
    housekeeping: asyncio.Task[None] | None = None
    stopping: asyncio.Event = field(default_factory=asyncio.Event)

    async def stop(self, grace: float = 5.0) -> None:
        self.stopping.set()
        if self.housekeeping is not None:
            await self.housekeeping
        await self.health.enter_graceful_shutdown()
        self.core.shutting_down = True
        self.core.hub.close()  # streams end with UNAVAILABLE / SHUTTING_DOWN
        await self.server.stop(grace)
        await self.core.idempotency.close()  # requests whose client left: they stop with the server
        await self.core.link.stop()
        await self.core.calls.stopped()  # its last store lookup done before the store closes
        await self.core.store.close()
        instruments.unwatch(self.core)

    async def wait(self) -> None:
        await self.server.wait_for_termination()


#: Monitors started at once during start-up: the link pipelines them, so 20,000 stations do not wait for
#: 60,000 sequential round trips (device ID, MonitorStart, snapshot), yet the switch is not flooded.
START_CONCURRENCY = 64


async def _monitor_all(core: Core, extensions: Collection[str]) -> None:
    """Monitor every extension of the configuration and the store; 20,000 take seconds, so progress is shown."""
    todo = iter(extensions)  # shared by the workers: each takes the next extension when it is free

    async def worker(progress: MonitorProgress) -> None:
        for extension in todo:
            try:
                await core.monitor(extension)
            except Exception as exc:  # an unknown extension in the store must not stop the server
                log.warning("cannot monitor %s at start: %s", extension, exc)
                progress.advance(failed=True)
            else:
                progress.advance()

    with MonitorProgress(len(extensions), log=log) as progress:
        await asyncio.gather(*(worker(progress) for _ in range(min(START_CONCURRENCY, len(extensions)))))


async def links_from_settings(config: ServerConfig, store: Store) -> ServerConfig:
    """The AES links set with `callwire ctl update parameter aes_link_NN host:port[:tls],user,encrypted_password`
    (the reference's ivr_tlink_NN), in NN order, replace the configuration file's endpoints at start.

    The link logs in with one CTI user: the first entry's user and password serve every endpoint (AES
    servers of one installation share their CTI users); an entry with other credentials is logged.
    """
    entries: list[tuple[Endpoint, str, str]] = []
    for n in range(1, 10):
        name = f"aes_link_{n:02d}"
        value = await store.get_setting_value(name)
        if not value:
            continue
        try:
            address, user, token = (part.strip() for part in value.split(",", 2))
            host, _, rest = address.partition(":")
            port_text, _, mode = rest.partition(":")
            endpoint = Endpoint(host, int(port_text or 4721), tls=mode.lower() == "tls", name=name)
            password = store.secrets.decrypt(token)
        except Exception as exc:  # a broken entry must not stop the others
            log.error("setting %s is unusable and was skipped: %s", name, type(exc).__name__)
            continue
        entries.append((endpoint, user, password))
    if not entries:
        return config
    _, user, password = entries[0]
    for endpoint, other_user, other_password in entries[1:]:
        if (other_user, other_password) != (user, password):
            log.warning(
                "%s has other credentials than the first AES link; the first link's user is used", endpoint.name
            )
    link = dataclasses.replace(config.link, endpoints=tuple(e for e, _, _ in entries), username=user, password=password)
    log.info("AES links from the store settings: %s", ", ".join(f"{e.host}:{e.port}" for e, _, _ in entries))
    return dataclasses.replace(config, link=link)


def freeze_startup_objects() -> None:
    """Move everything allocated during start-up out of the collector's reach (`callwire up`/`serve` call it
    once the server is up): modules, descriptors and the state of 20,000 stations never become garbage, and a
    full collection walking them paused the event path for ~150 ms in bench/ under the asyncio loop."""
    gc.collect()
    gc.freeze()


class _ReflectionServicer(reflection.aio.ReflectionServicer):  # type: ignore[misc]
    """grpcio-reflection's servicer, also finding the file of a method (`grpcurl describe Service.Method`): the
    reflection protocol names methods as symbols, but the upb descriptor pool does not look them up."""

    def _file_containing_symbol(self, request: Any, fully_qualified_name: str) -> Any:
        service, _, method = fully_qualified_name.rpartition(".")
        try:
            if method in self._pool.FindServiceByName(service).methods_by_name:
                fully_qualified_name = service
        except KeyError:
            pass
        return super()._file_containing_symbol(request, fully_qualified_name)


def _enable_reflection(server: grpc.aio.Server, names: list[str]) -> None:
    """Serve reflection for `names` from the default descriptor pool, refusing to start if a service's file is
    not in it: the generated `*_pb2_grpc` stubs import only the request and response modules, so a service file
    is in the pool only because its module imported `service_pb2`, and reflection would list the name yet
    answer NOT_FOUND for its descriptor (grpcurl and Postman could then describe nothing)."""
    pool = descriptor_pool.Default()
    for name in names:
        try:
            pool.FindServiceByName(name)
        except KeyError:
            raise RuntimeError(f"service {name} is registered but its descriptor is not loaded") from None
    reflection_pb2_grpc.add_ServerReflectionServicer_to_server(_ReflectionServicer(names, pool), server)


def _credentials(config: ServerConfig) -> grpc.ServerCredentials | None:
    g = config.grpc
    if g.tls_cert is None or g.tls_key is None:
        return None
    root = g.client_ca.read_bytes() if g.client_ca else None
    return grpc.ssl_server_credentials(
        [(g.tls_key.read_bytes(), g.tls_cert.read_bytes())],
        root_certificates=root,
        require_client_auth=root is not None,
    )


def _utcnow() -> datetime:
    return datetime.now(UTC)


def _listens_beyond_loopback(address: str) -> bool:
    host = address.rpartition(":")[0].strip("[]") if ":" in address else address
    if host == "localhost":
        return False
    try:
        return not ipaddress.ip_address(host).is_loopback
    except ValueError:
        return True  # a wildcard, a host name or an interface: reachable from elsewhere


def _warn_if_open(config: ServerConfig) -> None:
    if config.grpc.require_api_key or not _listens_beyond_loopback(config.grpc.address):
        return
    log.warning(
        "!!! the gRPC server on %s is OPEN: require_api_key = false and it listens beyond loopback, so anyone who "
        "can reach it may place calls, read user data and change the configuration. Set require_api_key = true "
        "([grpc] in the configuration) and create the first key with `callwire admin bootstrap`. !!!",
        config.grpc.address,
    )


async def start_server(config: ServerConfig, *, clock: Callable[[], datetime] = _utcnow) -> RunningServer:
    """Open the store, start the link and serve gRPC. `clock` (aware datetimes) dates the store's records and
    user-data expiry; tests pass a settable one instead of waiting for a TTL to pass."""
    _warn_if_open(config)
    store = await Store.open(
        config.store_url, data_dir=config.data_dir, user_data_max_size=config.user_data_max_size, clock=clock
    )
    config = await links_from_settings(config, store)
    link = CstaLink(config.link)
    core = Core(config, link, store)
    health_servicer = health.aio.HealthServicer()

    async def on_link_state(change: LinkStateChange) -> None:
        status = (
            health_pb2.HealthCheckResponse.SERVING
            if change.state is LinkState.UP
            else health_pb2.HealthCheckResponse.NOT_SERVING
        )
        await health_servicer.set("", status)

    def link_state_listener(change: LinkStateChange) -> None:
        asyncio.get_running_loop().create_task(on_link_state(change))

    link.add_state_listener(link_state_listener)
    validation.prepare()
    server = grpc.aio.server(interceptors=server_interceptors(core))
    names: list[str] = []
    for module_name in SERVICE_MODULES:
        module = _load(module_name)
        if module is not None:
            names.append(module.register(server, core))
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    _enable_reflection(server, [*names, health.SERVICE_NAME, reflection.SERVICE_NAME])
    credentials = _credentials(config)
    if credentials is None:
        port = server.add_insecure_port(config.grpc.address)
    else:
        port = server.add_secure_port(config.grpc.address, credentials)
    await health_servicer.set("", health_pb2.HealthCheckResponse.NOT_SERVING)
    try:
        await link.start()
    except LinkDown as exc:
        log.warning("CSTA link not up at start (retrying in the background): %s", exc)
    await _monitor_all(core, dict.fromkeys([*config.monitor, *await store.list_extensions()]))
    await server.start()
    log.info("callwire gRPC server on %s (port %d), services: %s", config.grpc.address, port, ", ".join(names))
    instruments.watch(core)
    running = RunningServer(config, core, server, port, health_servicer, names)
    running.housekeeping = asyncio.get_running_loop().create_task(
        core.housekeeping(running.stopping), name="callwire-housekeeping"
    )
    return running
