"""Server configuration: one frozen dataclass per concern, loaded from a TOML file or built by `callwire up`."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from callwire_csta.link import Endpoint, LinkConfig

from . import __version__


@dataclass(frozen=True, kw_only=True)
class GrpcConfig:
    address: str = "127.0.0.1:50051"
    """Where the gRPC server listens (host:port)."""
    tls_cert: Path | None = None
    """Server certificate (PEM); with `tls_key`, the server speaks TLS."""
    tls_key: Path | None = None
    client_ca: Path | None = None
    """When set, clients must present a certificate signed by this CA (mTLS)."""
    require_api_key: bool = True
    """False only for the embedded default on loopback, which says so at start."""


@dataclass(frozen=True, kw_only=True)
class ServerConfig:
    grpc: GrpcConfig = field(default_factory=GrpcConfig)
    link: LinkConfig
    store_url: str = "sqlite+aiosqlite:///var/callwire.db"
    """SQLAlchemy URL of the store: SQLite by default, `postgresql+asyncpg://...` for several instances."""
    data_dir: Path = Path("var")
    """Where the SQLite database and the secret key file live."""
    phantom_devices: tuple[str, ...] = ()
    """The phantom pool for MakePhantomCall (station-less extensions administered on the switch)."""
    monitor: tuple[str, ...] = ()
    """Extensions to monitor at start, in addition to those in the store."""
    event_window: int = 10_000
    """Events held for resumption (StreamEvents resume_after_sequence)."""
    subscriber_queue: int = 1_000
    """Events queued per subscriber before its stream ends with STREAM_OVERFLOW."""
    request_id_window: float = 2.0
    """Seconds after an RPC during which events of its extension carry its x-request-id."""
    idempotency_window: float = 600.0
    """Seconds the outcome of a request with side effects is remembered under its x-request-id, so that a
    retry with the same request ID gets it instead of acting again (0: not remembered)."""
    idempotency_max_entries: int = 10_000
    """The most outcomes remembered at once; the oldest leave first."""
    phantom_max_duration: float = 300.0
    """The longest MakePhantomCall / VerifyPin wait a client may ask for, in seconds."""
    user_data_max_size: int = 4096
    user_data_ttl: float = 86_400.0
    reconcile_interval: float = 5.0
    """Seconds between checks of the shared store: extensions another instance added or deleted are
    monitored or released here too."""
    key_check_interval: float = 1.0
    """Seconds between checks of the API keys in use (open streams, cached keys) against the shared store: a key
    revoked or changed through another instance ends its streams here within this time."""
    purge_interval: float = 600.0
    """Seconds between deletions of expired user data."""
    version: str = __version__
    """Reported by GetServerInfo; the installed distribution's version unless a test overrides it."""


def _endpoint(raw: dict[str, Any]) -> Endpoint:
    return Endpoint(
        raw["host"],
        int(raw.get("port", 4721)),
        tls=bool(raw.get("tls", False)),
        ca_file=raw.get("ca_file"),
        cert_file=raw.get("cert_file"),
        key_file=raw.get("key_file"),
        server_hostname=raw.get("server_hostname"),
        name=raw.get("name", ""),
    )


#: Secrets that may come from the environment instead of the file (a Kubernetes Secret, a compose variable), so
#: the file can live in a ConfigMap; when set, they win over the file.
STORE_URL_ENV = "CALLWIRE_STORE_URL"
LINK_PASSWORD_ENV = "CALLWIRE_LINK_PASSWORD"


def load_config(path: Path) -> ServerConfig:
    """Read a server configuration file (TOML; see deploy/callwire.example.toml), with the store URL and the CTI
    user's password from $CALLWIRE_STORE_URL and $CALLWIRE_LINK_PASSWORD when those are set."""
    raw = tomllib.loads(path.read_text())
    link_raw = raw.get("link", {})
    endpoints = tuple(_endpoint(e) for e in link_raw.get("endpoints", []))
    if not endpoints:
        raise ValueError(f"{path}: [link] needs at least one [[link.endpoints]] entry")
    password = os.environ.get(LINK_PASSWORD_ENV) or link_raw.get("password")
    if password is None:
        raise ValueError(f"{path}: [link] needs the CTI user's password (password, or ${LINK_PASSWORD_ENV})")
    link = LinkConfig(
        endpoints=endpoints,
        username=link_raw["username"],
        password=password,
        **{k: v for k, v in link_raw.items() if k not in {"endpoints", "username", "password"}},
    )
    grpc_raw = raw.get("grpc", {})
    grpc = GrpcConfig(
        address=grpc_raw.get("address", "127.0.0.1:50051"),
        tls_cert=Path(grpc_raw["tls_cert"]) if "tls_cert" in grpc_raw else None,
        tls_key=Path(grpc_raw["tls_key"]) if "tls_key" in grpc_raw else None,
        client_ca=Path(grpc_raw["client_ca"]) if "client_ca" in grpc_raw else None,
        require_api_key=bool(grpc_raw.get("require_api_key", True)),
    )
    rest = {k: v for k, v in raw.items() if k not in {"link", "grpc"}}
    for key in ("phantom_devices", "monitor"):
        if key in rest:
            rest[key] = tuple(str(x) for x in rest[key])
    if "data_dir" in rest:
        rest["data_dir"] = Path(rest["data_dir"])
    if os.environ.get(STORE_URL_ENV):
        rest["store_url"] = os.environ[STORE_URL_ENV]
    return ServerConfig(grpc=grpc, link=link, **rest)
