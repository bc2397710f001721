"""The `callwire up` and `callwire gateway` commands, which compose several distributions.

`callwire up` runs the simulated switch, the server and the legacy gateway (and Envoy with --envoy) in one
process; `callwire gateway` runs the gateway alone against a running server, with the server CLI's client
options (API key file, TLS, mTLS). Both live here rather than in callwire-server so that the server depends on
neither the simulator nor the gateway: this distribution depends on all three, and the server's `callwire`
command finds these through the `callwire.commands` entry points (pyproject.toml).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from callwire_csta.link import Endpoint, LinkConfig
from callwire_server.cli import (
    ClientSetupError,
    add_client_options,
    add_metrics_options,
    client_api_key,
    client_uses_tls,
    wait_for_signal,
)
from callwire_server.commands import Command
from callwire_server.config import GrpcConfig, ServerConfig

#: The extensions and phantom devices of the demo site that `callwire up` monitors.
DEMO_MONITORED = (
    *(str(n) for n in range(101, 111)),
    "60123",
    "61450",
    "61451",
    "66711",
    "66820",
    "66910",
)
DEMO_PHANTOMS = tuple(str(n) for n in range(41101, 41111))


# ------------------------------------------------------------------------------------------------- up


def _absolute(path: str) -> Path:
    """Made absolute when the command line is read: the store's URL must not depend on a later chdir."""
    return Path(path).absolute()


def configure_up(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--grpc", default="127.0.0.1:50051", help="gRPC address (default: %(default)s)")
    parser.add_argument("--sim-port", type=int, default=4721, help="simulated switch CSTA port (default: %(default)s)")
    parser.add_argument(
        "--sim-control-port",
        type=int,
        default=4720,
        help="the simulated switch's fault-injection control port on loopback (default: %(default)s; -1: off)",
    )
    parser.add_argument("--rest-port", type=int, default=9001)
    parser.add_argument("--ws-port", type=int, default=9003)
    parser.add_argument("--site", type=Path, help="site description (TOML) for the simulated switch")
    parser.add_argument(
        "--data-dir", type=_absolute, default="var", help="where the SQLite store lives (default: %(default)s)"
    )
    parser.add_argument("--no-gateway", action="store_true")
    parser.add_argument(
        "--envoy",
        action="store_true",
        help="also start Envoy (deploy/envoy/envoy.yaml) in front of the server: REST/JSON, gRPC-Web, gRPC",
    )
    parser.add_argument("--envoy-port", type=int, default=8080, help="Envoy's port (default: %(default)s)")
    parser.add_argument(
        "--envoy-admin-port", type=int, default=9901, help="Envoy's admin port, loopback (default: %(default)s)"
    )
    parser.add_argument(
        "--envoy-config", type=Path, help="Envoy configuration to render (default: deploy/envoy/envoy.yaml)"
    )
    parser.add_argument(
        "--envoy-cors-origin",
        action="append",
        default=[],
        help="a web origin allowed to call through Envoy (repeatable)",
    )
    parser.add_argument("--envoy-tls-cert", type=Path, help="serve Envoy's port with TLS: certificate (PEM)")
    parser.add_argument("--envoy-tls-key", type=Path, help="its private key (PEM)")
    add_gateway_options(parser)
    add_metrics_options(parser)


async def run_up(args: argparse.Namespace) -> int:
    # Imported here, not at the top: the store and services take seconds to import, and `callwire ctl` (which
    # loads this module to learn the `up` command's options) needs neither.
    from callwire_gateway.app import start_gateway
    from callwire_server.app import freeze_startup_objects, start_server
    from callwire_sim.control import ControlServer
    from callwire_sim.site import demo_site, load_site
    from callwire_sim.switch import Switch
    from callwire_sim.transport import SimulatorServer

    switch = Switch(load_site(args.site) if args.site else demo_site())
    sim = SimulatorServer(switch, host="127.0.0.1", port=args.sim_port)
    await sim.start()
    control = None if args.sim_control_port < 0 else ControlServer(sim, port=args.sim_control_port)
    if control is not None:
        await control.start()
    control_text = "off" if control is None else f"127.0.0.1:{control.port} (callwire-sim fault drop --control ...)"
    data_dir: Path = args.data_dir
    config = ServerConfig(
        grpc=GrpcConfig(address=args.grpc, require_api_key=False),
        link=LinkConfig(
            endpoints=(Endpoint("127.0.0.1", sim.port, name="simulator"),),
            username="ctiuser",
            password="ctipass",
        ),
        store_url=f"sqlite+aiosqlite:///{data_dir}/callwire.db",
        data_dir=data_dir,
        phantom_devices=DEMO_PHANTOMS,
        monitor=DEMO_MONITORED,
    )
    server = await start_server(config)
    freeze_startup_objects()
    gateway: Any = None
    rest_port: int | None = None
    gateway_line = "legacy gateway:   off (--no-gateway)"
    if not args.no_gateway:
        gateway = await start_gateway(
            grpc_target=f"127.0.0.1:{server.port}",
            rest_port=args.rest_port,
            ws_port=args.ws_port,
            allowed_origins=args.allowed_origin,
            limits=_gateway_limits(args),
        )
        rest, ws = gateway.rest_port, gateway.ws_port
        rest_port = rest
        gateway_line = (
            f"legacy gateway:   REST http://127.0.0.1:{rest}/  WebSocket ws://127.0.0.1:{ws}/"
            f"  softphone http://127.0.0.1:{rest}/softphone"
        )
    envoy: Any = None
    if args.envoy:
        from callwire_server.envoy import EnvoyError, start_beside

        try:
            envoy = await start_beside(
                server.port,
                data_dir / "envoy",
                port=args.envoy_port,
                admin_port=args.envoy_admin_port,
                source=args.envoy_config,
                cors_origins=args.envoy_cors_origin,
                tls_cert=args.envoy_tls_cert,
                tls_key=args.envoy_tls_key,
            )
        except EnvoyError as exc:
            print(f"callwire: Envoy did not start: {exc} (see {data_dir / 'envoy' / 'envoy.log'})", file=sys.stderr)
        else:
            scheme = "https" if args.envoy_tls_cert else "http"
            gateway_line += (
                f"\n  Envoy:            REST/JSON, gRPC-Web, gRPC {scheme}://127.0.0.1:{envoy.settings.port}/"
                f"  (admin http://127.0.0.1:{envoy.settings.admin_port}/; logs in {data_dir / 'envoy'})"
            )
    envoy_url = (
        None if envoy is None else f"{'https' if args.envoy_tls_cert else 'http'}://127.0.0.1:{envoy.settings.port}"
    )
    print(
        "Callwire embedded default is up\n"
        f"  simulated switch: CSTA tcp://127.0.0.1:{sim.port} (demo site; CTI user ctiuser/ctipass)\n"
        f"  fault control:    {control_text}\n"
        f"  gRPC server:      127.0.0.1:{server.port}  (OPEN: no API key needed, loopback only)\n"
        f"  {gateway_line}\n"
        f"  store:            {config.store_url}\n"
        f"  telemetry:        {args.telemetry.describe()}\n"
        f"  event loop:       {args.loop}\n"
        "Try first:\n"
        + "".join(f"  {line}\n" for line in first_commands(server.port, rest_port, envoy_url))
        + "Ctrl-C stops.",
        flush=True,
    )
    await wait_for_signal()
    if envoy is not None:
        await envoy.stop()
    if gateway is not None:
        await gateway.stop()
    await server.stop()
    if control is not None:
        await control.stop()
    await sim.stop()
    switch.close()
    return 0


def first_commands(grpc_port: int, rest_port: int | None, envoy_url: str | None = None) -> list[str]:
    """What a newcomer tries first against `callwire up`, with the ports actually bound: the softphone, a call
    to it through the legacy REST interface, and the gRPC services through server reflection (with --envoy:
    the same call through the contracts' REST surface, and its events)."""
    lines = []
    if rest_port is not None:
        lines += [
            f"http://127.0.0.1:{rest_port}/softphone?extension=102   # open in a browser, press Connect",
            f"curl 'http://127.0.0.1:{rest_port}/makecall?id=1&extension=101&destination=102'   # 101 calls 102",
        ]
    lines.append(f"grpcurl -plaintext 127.0.0.1:{grpc_port} list   # the gRPC services")
    if envoy_url is not None:
        lines += [
            f'curl -X POST {envoy_url}/v1/calls:make -d \'{{"extension": "101", "destination": "102"}}\''
            "   # REST/JSON through Envoy",
            f'curl -N -X POST {envoy_url}/v1/events:stream -d \'{{"devices": ["101", "102"]}}\''
            "   # their events, one JSON line each",
        ]
    return lines


# ------------------------------------------------------------------------------------------------- gateway


def configure_gateway(parser: argparse.ArgumentParser) -> None:
    add_client_options(parser)
    parser.add_argument("--host", default="127.0.0.1", help="address the gateway listens on (default: %(default)s)")
    parser.add_argument("--rest-port", type=int, default=9001)
    parser.add_argument("--ws-port", type=int, default=9003)
    add_gateway_options(parser)
    add_metrics_options(parser)


def add_gateway_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--allowed-origin",
        action="append",
        default=[],
        metavar="ORIGIN",
        help="a web origin (https://crm.example.net) whose pages may use the gateway besides the softphone's own; "
        "repeatable; * allows every page",
    )
    parser.add_argument(
        "--max-connections-per-address",
        type=int,
        default=256,
        metavar="N",
        help="WebSocket connections one client address may hold (default: %(default)s)",
    )
    parser.add_argument(
        "--idle-timeout",
        type=float,
        default=300.0,
        metavar="SECONDS",
        help="close a WebSocket that monitors nothing after this long without a request (default: %(default)s)",
    )


def _gateway_limits(args: argparse.Namespace) -> Any:
    from callwire_gateway.app import Limits

    return Limits(max_connections_per_address=args.max_connections_per_address, idle_timeout=args.idle_timeout)


async def run_gateway(args: argparse.Namespace) -> int:
    from callwire_gateway.app import ClientTls, start_gateway

    try:
        key = client_api_key(args)
        tls = None
        if client_uses_tls(args):
            tls = ClientTls(
                ca_file=args.ca_file, cert_file=args.cert_file, key_file=args.key_file, server_name=args.server_name
            )
        gateway = await start_gateway(
            grpc_target=args.server,
            rest_port=args.rest_port,
            ws_port=args.ws_port,
            host=args.host,
            api_key=key or None,
            tls=tls,
            allowed_origins=args.allowed_origin,
            limits=_gateway_limits(args),
        )
    except (ClientSetupError, ValueError) as exc:
        print(f"callwire: {exc}", file=sys.stderr)
        return 2
    print(
        f"callwire gateway: REST http://{args.host}:{gateway.rest_port}/  WebSocket ws://{args.host}:{gateway.ws_port}/"
        f"  -> gRPC {args.server}{' (TLS)' if tls else ''}; Ctrl-C stops",
        flush=True,
    )
    await wait_for_signal()
    await gateway.stop()
    return 0


UP = Command(
    help="simulated switch + server + gateway, open on loopback",
    configure=configure_up,
    run=run_up,
    service_name="callwire",
    # `up` exports only when told where to: nobody starts a collector for the embedded default.
    export_by_default=False,
)
GATEWAY = Command(
    help="the legacy REST/WebSocket gateway alone, against a running server",
    configure=configure_gateway,
    run=run_gateway,
    service_name="callwire-gateway",
)
