"""`callwire-sim`: run the simulated switch as its own process (default: demo site, CSTA on port 4721,
fault-injection control port 4720 on loopback); `callwire-sim fault COMMAND` drives a running one's faults."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import ssl
import sys
from pathlib import Path

from .control import DEFAULT_CONTROL_PORT, HELP, ControlServer, send_command
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
    parser.add_argument(
        "--control-port",
        type=int,
        default=DEFAULT_CONTROL_PORT,
        help="fault-injection control port on 127.0.0.1 (default: %(default)s; 0 picks a free one; -1: off)",
    )
    parser.add_argument("--trace", action="store_true", help="log every CSTA frame in and out")
    parser.add_argument(
        "--no-callwire-services",
        action="store_true",
        help="do not advertise the Callwire-defined queries at session start, as AES does not "
        "(a Callwire server then answers them 'not supported by this switch')",
    )
    parser.add_argument("--log-level", default="INFO")
    return parser.parse_args(argv)


FAULT_EPILOG = f"""commands (answered by the simulator's control port):
{HELP}

examples:
  callwire-sim fault drop                       the server's link fails over or reconnects
  callwire-sim fault refuse 10 && callwire-sim fault drop    the switch is down for 10 s
  callwire-sim fault stall 5 --control 127.0.0.1:4720"""


def parse_fault_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="callwire-sim fault",
        description="Inject a fault into a running simulated switch (callwire-sim or callwire up).",
        epilog=FAULT_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--control",
        default=f"127.0.0.1:{DEFAULT_CONTROL_PORT}",
        help="the simulator's control port, HOST:PORT (default: %(default)s)",
    )
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds to wait for the answer")
    parser.add_argument("words", nargs="+", metavar="COMMAND", help="drop | stall [SECONDS] | ... (see below)")
    return parser.parse_args(argv)


def run_fault(argv: list[str]) -> int:
    """Send one command; print the answer; exit 0 on `ok`, 1 on `error`, 2 when the port cannot be reached."""
    args = parse_fault_args(argv)
    host, _, port = args.control.rpartition(":")
    if not host or not port.isdigit():
        print(f"callwire-sim fault: --control takes HOST:PORT, not {args.control!r}", file=sys.stderr)
        return 2
    try:
        answer = asyncio.run(send_command(host, int(port), " ".join(args.words), timeout=args.timeout))
    except (OSError, TimeoutError) as exc:
        print(f"callwire-sim fault: cannot reach the control port {args.control}: {exc}", file=sys.stderr)
        return 2
    if answer.startswith("ok"):
        print(answer)
        return 0
    print(answer, file=sys.stderr)
    return 1


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
        advertise_callwire_services=not args.no_callwire_services,
    )
    await server.start()
    control = None if args.control_port < 0 else ControlServer(server, port=args.control_port)
    if control is not None:
        try:
            await control.start()
        except OSError:
            await server.stop()
            raise
    control_text = "off" if control is None else f"127.0.0.1:{control.port}"
    print(
        f"callwire-sim: simulated switch on {'tls' if context else 'tcp'}://{args.host}:{server.port} "
        f"(CTI user {args.username}); fault control {control_text}; Ctrl-C stops",
        flush=True,
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    if control is not None:
        await control.stop()
    await server.stop()


def main(argv: list[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else argv
    if words[:1] == ["fault"]:
        return run_fault(words[1:])
    args = parse_args(words)
    logging.basicConfig(level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s %(message)s")
    try:
        asyncio.run(serve(args))
    except OSError as exc:
        print(f"callwire-sim: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
