"""`callwire-sim`: run the simulated switch as its own process (default: demo site, CSTA on port 4721)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import ssl
import sys
from pathlib import Path

from .site import demo_site, load_site
from .switch import Switch
from .transport import SimulatorServer


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="callwire-sim", description=__doc__)
    parser.add_argument("--site", type=Path, help="site description (TOML); default: the built-in demo site")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: %(default)s)")
    parser.add_argument(
        "--port", type=int, default=4721, help="CSTA port (default: %(default)s; AES uses 4722 for TLS)"
    )
    parser.add_argument("--username", default="ctiuser", help="CTI user accepted by the session (default: %(default)s)")
    parser.add_argument("--password", default="ctipass", help="its password (default: %(default)s)")
    parser.add_argument("--tls-cert", type=Path, help="serve TLS with this certificate (PEM)")
    parser.add_argument("--tls-key", type=Path, help="private key of --tls-cert (PEM)")
    parser.add_argument("--trace", action="store_true", help="log every CSTA frame in and out")
    parser.add_argument("--log-level", default="INFO")
    return parser.parse_args(argv)


async def serve(args: argparse.Namespace) -> None:
    site = load_site(args.site) if args.site else demo_site()
    context = None
    if args.tls_cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.tls_cert, args.tls_key)
    trace_log = logging.getLogger("callwire.sim.trace")

    def trace(direction: str, invoke_id: int, xml: bytes) -> None:
        trace_log.info("%s %04d %s", direction, invoke_id, xml.decode("utf-8", "replace"))

    server = SimulatorServer(
        Switch(site),
        host=args.host,
        port=args.port,
        username=args.username,
        password=args.password,
        ssl=context,
        trace=trace if args.trace else None,
    )
    await server.start()
    print(
        f"callwire-sim: simulated switch on {'tls' if context else 'tcp'}://{args.host}:{server.port} "
        f"(CTI user {args.username}); Ctrl-C stops",
        flush=True,
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    await server.stop()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s %(message)s")
    try:
        asyncio.run(serve(args))
    except OSError as exc:
        print(f"callwire-sim: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
