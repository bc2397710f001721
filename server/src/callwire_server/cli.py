"""`callwire`: run the server, the embedded default, or operate a running server with the console's words.

callwire up                         simulated switch + server (+ gateway) on this machine, open on loopback
callwire serve --config FILE        the server alone against real AES links
callwire gateway --server HOST:PORT the legacy REST/WebSocket gateway alone, against a running server
callwire ctl add extension 60123    the ctiSVR console commands, over the admin gRPC API
callwire admin bootstrap --config FILE   the first admin key, written straight into the store
callwire health --server HOST:PORT  exit 0 when the server's grpc.health.v1 answers SERVING (container checks)

Clients (ctl, gateway) take the API key from $CALLWIRE_API_KEY or --api-key-file, never from the command
line (where `ps` shows it), and speak TLS with --tls, --ca-file, and mTLS with --cert-file/--key-file.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime
import getpass
import json
import logging
import os
import signal
import sys
import time
from collections.abc import Callable, Coroutine, Sequence
from pathlib import Path
from typing import Any

import grpc
from google.protobuf.message import Message

from callwire.admin.v1 import enums_pb2, message_pb2, service_pb2_grpc
from callwire.admin.v1 import request_response_pb2 as rr

from . import __version__
from .commands import plugin_commands
from .config import load_config
from .ctl_output import Done, Output, Record, Table, json_line, render
from .telemetry import Telemetry, TelemetryConfigError, current_trace_ids, install
from .tracefile import TraceFrame

log = logging.getLogger("callwire.cli")

#: The OpenTelemetry `service.name` of the server's own long-running command (OTEL_SERVICE_NAME overrides it).
SERVICE_NAMES = {"serve": "callwire-server"}


class JsonFormatter(logging.Formatter):
    """One JSON object per line (time, level, logger, message, exception), for log shippers; a line logged while
    a request is served carries its `trace_id` and `span_id`, so a log search leads to the trace and back."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S") + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        ids = current_trace_ids()
        if ids is not None:
            entry["trace_id"], entry["span_id"] = ids
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(level: str, fmt: str) -> None:
    handler = logging.StreamHandler(sys.stderr)
    if fmt == "json":
        formatter: logging.Formatter = JsonFormatter()
        formatter.converter = time.gmtime
        handler.setFormatter(formatter)
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    logging.basicConfig(level=level.upper(), handlers=[handler], force=True)
    logging.getLogger("alembic").setLevel(logging.WARNING)


def install_uvloop() -> str:
    """uvloop when importable (it cut the event-path latency in bench/; see README), else asyncio's loop."""
    try:
        import uvloop
    except ImportError:
        return "asyncio"
    asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
    return "uvloop"


async def wait_for_signal() -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    await stop.wait()


# ------------------------------------------------------------------------------------------------- serve


async def run_serve(args: argparse.Namespace) -> int:
    from .app import freeze_startup_objects, start_server

    config = load_config(Path(args.config))
    server = await start_server(config)
    freeze_startup_objects()
    print(f"callwire: gRPC on {config.grpc.address} (port {server.port}); Ctrl-C stops", flush=True)
    await wait_for_signal()
    await server.stop()
    return 0


# ------------------------------------------------------------------------------------------------- clients


class ClientSetupError(Exception):
    """A client option that cannot work (unreadable key file, half a client certificate)."""


def client_api_key(args: argparse.Namespace) -> str:
    """The API key from --api-key-file or $CALLWIRE_API_KEY ("" when neither is set)."""
    if args.api_key is not None:
        raise ClientSetupError(
            "--api-key would show the key to every user of this machine (ps); "
            "set CALLWIRE_API_KEY or use --api-key-file FILE"
        )
    if args.api_key_file is not None:
        try:
            key = Path(args.api_key_file).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ClientSetupError(f"cannot read the API key file: {exc}") from None
        if not key:
            raise ClientSetupError(f"the API key file {args.api_key_file} is empty")
        return key
    return os.environ.get("CALLWIRE_API_KEY", "").strip()


def client_uses_tls(args: argparse.Namespace) -> bool:
    return bool(args.tls or args.ca_file or args.cert_file or args.key_file)


def client_channel(args: argparse.Namespace) -> grpc.aio.Channel:
    """A channel to --server: plaintext, TLS (--tls, --ca-file) or mTLS (--cert-file and --key-file)."""
    if not client_uses_tls(args):
        return grpc.aio.insecure_channel(args.server)
    if (args.cert_file is None) != (args.key_file is None):
        raise ClientSetupError("a client certificate needs both --cert-file and --key-file")
    try:
        credentials = grpc.ssl_channel_credentials(
            root_certificates=Path(args.ca_file).read_bytes() if args.ca_file else None,
            private_key=Path(args.key_file).read_bytes() if args.key_file else None,
            certificate_chain=Path(args.cert_file).read_bytes() if args.cert_file else None,
        )
    except OSError as exc:
        raise ClientSetupError(f"cannot read a TLS file: {exc}") from None
    options = [("grpc.ssl_target_name_override", args.server_name)] if args.server_name else []
    return grpc.aio.secure_channel(args.server, credentials, options=options)


def add_client_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--server", default="127.0.0.1:50051", help="the gRPC server (default: %(default)s)")
    parser.add_argument("--api-key-file", type=Path, help="file holding the API key (default: $CALLWIRE_API_KEY)")
    parser.add_argument("--api-key", help=argparse.SUPPRESS)  # refused with a hint: ps would show the key
    parser.add_argument("--tls", action="store_true", help="speak TLS, trusting the system's CAs")
    parser.add_argument("--ca-file", type=Path, help="CA certificate (PEM) of the server's certificate; implies --tls")
    parser.add_argument("--cert-file", type=Path, help="client certificate (PEM) for mTLS; implies --tls")
    parser.add_argument("--key-file", type=Path, help="its private key (PEM)")
    parser.add_argument("--server-name", help="the name the server's certificate carries, if not --server's host")


# ------------------------------------------------------------------------------------------------- health


async def run_health(args: argparse.Namespace) -> int:
    """`health`: grpc.health.v1 Check against --server, for container health checks and probes: exit 0 when
    SERVING (the CSTA link is up), 1 when not serving or unreachable, 2 when the options are unusable."""
    from grpc_health.v1 import health_pb2, health_pb2_grpc

    try:
        channel = client_channel(args)
    except ClientSetupError as exc:
        print(f"callwire health: {exc}", file=sys.stderr)
        return 2
    async with channel:
        stub = health_pb2_grpc.HealthStub(channel)
        try:
            answer = await stub.Check(health_pb2.HealthCheckRequest(service=args.service), timeout=args.timeout)
        except grpc.aio.AioRpcError as exc:
            print(f"{args.server}: {exc.code().name}: {exc.details()}", file=sys.stderr)
            return 1
    status = health_pb2.HealthCheckResponse.ServingStatus.Name(answer.status)
    print(f"{args.server}: {status}")
    return 0 if answer.status == health_pb2.HealthCheckResponse.SERVING else 1


# ------------------------------------------------------------------------------------------------- admin


async def run_admin(args: argparse.Namespace) -> int:
    """`admin bootstrap`: with `require_api_key = true` nothing over gRPC can create the first admin key, and
    opening the server meanwhile would let anyone in. Whoever can open the store (its file, or its database
    credentials and the secret key) is already trusted with everything in it, so the key is written there."""
    from .store import Role, Store

    config = load_config(Path(args.config))
    store = await Store.open(config.store_url, data_dir=config.data_dir)
    try:
        admins = [k for k in await store.list_api_keys(include_revoked=False) if k.role is Role.ADMIN]
        if admins and not args.force:
            names = ", ".join(f"{k.name} ({k.key_id})" for k in admins)
            print(
                f"callwire: the store already has an admin key: {names}. Use it with `callwire ctl add apikey`, "
                "or pass --force to add another (e.g. when every admin key is lost).",
                file=sys.stderr,
            )
            return 1
        created = await store.create_api_key(args.name, Role.ADMIN)
    finally:
        await store.close()
    log.warning("admin API key %s (%s) created directly in the store", created.key.key_id, created.key.name)
    print(
        f"key id: {created.key.key_id}\nsecret (shown once): {created.secret}\n"
        "Keep it in a file readable only by you (callwire ctl --api-key-file FILE) or in CALLWIRE_API_KEY.",
        flush=True,
    )
    return 0


# ------------------------------------------------------------------------------------------------- ctl

CTL_HELP = """console commands (the ctiSVR console's words):
  add extension EXT | del extension EXT | list extension
  add whitelist ADDRESS NAME | add blacklist ADDRESS NAME
  del whitelist ADDRESS | del blacklist ADDRESS | list whitelist | list blacklist
  add ipextnmap ADDRESS EXT | del ipextnmap ADDRESS | list ipextnmap | myextension [ADDRESS]
  update parameter NAME VALUE | list parameter
  genpass                                   encrypt a password (asked twice) for parameters and legacy admin requests
  trace on [EXT ...]                        live CSTA trace until Ctrl-C (--save FILE: also to FILE, JSON lines)
  svrinfo | link status
  add apikey NAME agent|supervisor|admin|gateway [EXT ...] | list apikey | del apikey KEY_ID"""


class CtlError(Exception):
    pass


def _need(words: Sequence[str], count: int, usage: str) -> None:
    if len(words) < count:
        raise CtlError(f"usage: {usage}")


async def run_ctl(args: argparse.Namespace) -> int:
    words = [w for w in args.words]
    if not words or words[0] == "help":
        print(CTL_HELP)
        return 0
    metadata: list[tuple[str, str]] = []
    try:
        key = client_api_key(args)
        channel = client_channel(args)
    except ClientSetupError as exc:
        print(exc, file=sys.stderr)
        return 2
    if key:
        metadata.append(("authorization", f"Bearer {key}"))
    async with channel:
        admin = service_pb2_grpc.AdminServiceStub(channel)
        try:
            await _ctl(admin, words, tuple(metadata), as_json=args.json, save=args.save or "")
        except CtlError as exc:
            print(exc, file=sys.stderr)
            return 2
        except grpc.aio.AioRpcError as exc:
            print(f"error: {exc.code().name}: {exc.details()}", file=sys.stderr)
            return 1
    return 0


async def _ctl(
    admin: Any, words: list[str], md: tuple[tuple[str, str], ...], *, as_json: bool = False, save: str = ""
) -> None:
    verb, rest = words[0].lower(), words[1:]
    obj = rest[0].lower() if rest else ""
    if verb == "trace" and obj == "on":
        stream = admin.StreamProtocolTrace(rr.StreamProtocolTraceRequest(devices=rest[1:]), metadata=md)
        # A local file opened once; each frame is one short line, so blocking writes cost nothing worth a thread.
        with contextlib.ExitStack() as closing:
            saving = closing.enter_context(open(save, "a", encoding="utf-8")) if save else None  # noqa: ASYNC230
            async for frame in stream:
                if saving is not None:  # a capture to share or replay: one masked frame per line, kept as it comes
                    sent = frame.direction == enums_pb2.TRACE_DIRECTION_SENT
                    saved = TraceFrame(
                        time=frame.time.ToDatetime(tzinfo=datetime.UTC).timestamp(),
                        direction="sent" if sent else "received",
                        invoke_id=frame.invoke_id,
                        xml=frame.xml,
                        link=frame.link,
                    )
                    saving.write(saved.line() + "\n")
                    saving.flush()
                if as_json:  # JSON Lines: one frame per line, as it arrives
                    print(json_line(frame), flush=True)
                    continue
                arrow = ">>" if frame.direction == enums_pb2.TRACE_DIRECTION_SENT else "<<"
                print(f"{frame.time.ToDatetime():%H:%M:%S.%f} {arrow} {frame.invoke_id} {frame.xml}", flush=True)
        return
    render(await _ctl_answer(admin, verb, obj, rest[1:], md), as_json=as_json, out=sys.stdout)


async def _ctl_answer(admin: Any, verb: str, obj: str, args: list[str], md: tuple[tuple[str, str], ...]) -> Output:
    """Run one console command; its answer is rendered as a table, a record or a message (or JSON)."""
    done = "The command completed successfully."
    request: Message
    columns: tuple[str, ...]
    kinds = {"whitelist": enums_pb2.ACCESS_RULE_KIND_ALLOW, "blacklist": enums_pb2.ACCESS_RULE_KIND_DENY}
    if verb == "add" and obj == "extension":
        _need(args, 1, "add extension EXT")
        answer = await admin.AddExtension(rr.AddExtensionRequest(extension=args[0]), metadata=md)
        note = "" if answer.extension.monitored else f" (not monitored yet: {answer.extension.reason})"
        return Done(answer, done + note)
    if verb in ("del", "delete") and obj == "extension":
        _need(args, 1, "del extension EXT")
        return Done(await admin.DeleteExtension(rr.DeleteExtensionRequest(extension=args[0]), metadata=md), done)
    if verb == "list" and obj == "extension":
        listed = await admin.ListExtensions(rr.ListExtensionsRequest(), metadata=md)
        columns = ("extension", "source", "monitor_state", "reason")
        return Table(listed, "extensions", columns, f"{len(listed.extensions)} extension(s)")
    if verb == "add" and obj in kinds:
        _need(args, 1, f"add {obj} ADDRESS NAME")
        rule = message_pb2.AccessRule(kind=kinds[obj], address=args[0], name=" ".join(args[1:]))
        return Done(await admin.AddAccessRule(rr.AddAccessRuleRequest(rule=rule), metadata=md), done)
    if verb in ("del", "delete") and obj in kinds:
        _need(args, 1, f"del {obj} ADDRESS")
        request = rr.DeleteAccessRuleRequest(address=args[0], kind=kinds[obj])
        return Done(await admin.DeleteAccessRule(request, metadata=md), done)
    if verb == "list" and obj in kinds:
        rules = await admin.ListAccessRules(rr.ListAccessRulesRequest(), metadata=md)
        of_kind = rr.ListAccessRulesResponse(rules=[r for r in rules.rules if r.kind == kinds[obj]])
        return Table(of_kind, "rules", ("address", "name"))
    if verb == "add" and obj == "ipextnmap":
        _need(args, 2, "add ipextnmap ADDRESS EXT")
        mapping = message_pb2.AddressMapping(address=args[0], extension=args[1])
        return Done(await admin.SetAddressMapping(rr.SetAddressMappingRequest(mapping=mapping), metadata=md), done)
    if verb in ("del", "delete") and obj == "ipextnmap":
        _need(args, 1, "del ipextnmap ADDRESS")
        request = rr.DeleteAddressMappingRequest(address=args[0])
        return Done(await admin.DeleteAddressMapping(request, metadata=md), done)
    if verb == "list" and obj == "ipextnmap":
        mappings = await admin.ListAddressMappings(rr.ListAddressMappingsRequest(), metadata=md)
        return Table(mappings, "mappings", ("address", "extension"))
    if verb == "myextension":
        return Record(await admin.GetMyExtension(rr.GetMyExtensionRequest(address=obj), metadata=md))
    if verb == "update" and obj == "parameter":
        _need(args, 2, "update parameter NAME VALUE")
        request = rr.UpdateSettingRequest(name=args[0], value=" ".join(args[1:]))
        setting = await admin.UpdateSetting(request, metadata=md)
        restart = " A restart is required for it to take effect." if setting.setting.restart_required else ""
        return Done(setting, done + restart)
    if verb == "list" and obj in ("parameter", "parameters"):
        settings = await admin.ListSettings(rr.ListSettingsRequest(), metadata=md)
        columns = ("name", "value", "secret", "value_set", "restart_required", "description")
        return Table(settings, "settings", columns)
    if verb == "genpass":
        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Password again: "):
            raise CtlError("the two passwords differ; nothing was generated")
        answer = await admin.EncryptPassword(rr.EncryptPasswordRequest(password=first), metadata=md)
        return Done(answer, answer.encrypted_password)
    if verb == "svrinfo":
        return Record(await admin.GetServerInfo(rr.GetServerInfoRequest(), metadata=md))
    if verb == "link" and obj == "status":
        links = await admin.ListLinks(rr.ListLinksRequest(), metadata=md)
        return Table(links, "links", ("name", "endpoint", "state", "session_id", "state_change_time", "last_error"))
    if verb == "add" and obj == "apikey":
        _need(args, 2, "add apikey NAME ROLE [EXT ...]")
        role = getattr(enums_pb2, f"API_KEY_ROLE_{args[1].upper()}", None)
        if role is None:
            raise CtlError("role must be agent, supervisor, admin or gateway")
        request = rr.CreateApiKeyRequest(name=args[0], role=role, extensions=args[2:])
        created = await admin.CreateApiKey(request, metadata=md)
        return Done(created, f"key id: {created.key.key_id}\nsecret (shown once): {created.secret}")
    if verb == "list" and obj == "apikey":
        keys = await admin.ListApiKeys(rr.ListApiKeysRequest(), metadata=md)
        columns = ("key_id", "name", "role", "extensions", "create_time", "expire_time", "last_use_time")
        return Table(keys, "keys", columns)
    if verb in ("del", "delete") and obj == "apikey":
        _need(args, 1, "del apikey KEY_ID")
        return Done(await admin.RevokeApiKey(rr.RevokeApiKeyRequest(key_id=args[0]), metadata=md), done)
    raise CtlError(f"unknown command: {' '.join([verb, obj, *args]).strip()}\n{CTL_HELP}")


# ------------------------------------------------------------------------------------------------- main


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="callwire", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--version", action="version", version=f"callwire {__version__}")
    parser.add_argument("--log-level", default=os.environ.get("CALLWIRE_LOG_LEVEL", "INFO"))
    parser.add_argument(
        "--log-format",
        choices=("text", "json"),
        default=os.environ.get("CALLWIRE_LOG_FORMAT", "text"),
        help="text, or one JSON object per line (default: $CALLWIRE_LOG_FORMAT or text)",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="the server alone, against the AES links of a config file")
    serve.add_argument("--config", required=True, type=Path)
    ctl = sub.add_parser(
        "ctl",
        help="console commands against a running server",
        description=CTL_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_client_options(ctl)
    ctl.add_argument("--json", action="store_true", help="print the answer as JSON (the API's JSON mapping)")
    ctl.add_argument(
        "--save",
        metavar="FILE",
        help="with `trace on`: also append each frame to FILE as a JSON line (time, direction, invoke ID, XML; "
        "credentials masked), a capture that the replay harness reads",
    )
    ctl.add_argument("words", nargs="*")
    admin = sub.add_parser("admin", help="operations on the local store (no server needed)")
    admin_sub = admin.add_subparsers(dest="admin_command", required=True)
    bootstrap = admin_sub.add_parser(
        "bootstrap",
        help="create the first admin API key directly in the store and print it once",
        description="Create an admin API key in the store named by the configuration file and print it once. "
        "Refuses when an admin key exists, unless --force.",
    )
    bootstrap.add_argument("--config", required=True, type=Path, help="the server's configuration file")
    bootstrap.add_argument("--name", default="bootstrap-admin", help="the key's name (default: %(default)s)")
    bootstrap.add_argument("--force", action="store_true", help="add an admin key even if one exists")
    health = sub.add_parser(
        "health",
        help="ask a server's grpc.health.v1 service; exit 0 when SERVING (container health checks, probes)",
    )
    add_client_options(health)
    health.add_argument("--service", default="", help="the service to ask about (default: the whole server)")
    health.add_argument("--timeout", type=float, default=5.0, help="seconds to wait (default: %(default)s)")
    add_metrics_options(serve)
    for name, command in sorted(plugin_commands().items()):
        command.configure(sub.add_parser(name, help=command.help))
    return parser.parse_args(argv)


def add_metrics_options(parser: argparse.ArgumentParser) -> None:
    """--metrics-port and --metrics-host, for every long-running command."""
    parser.add_argument(
        "--metrics-port",
        type=int,
        metavar="PORT",
        help="serve Prometheus metrics on http://HOST:PORT/metrics (0: any free port; default: off)",
    )
    parser.add_argument(
        "--metrics-host",
        default="127.0.0.1",
        metavar="HOST",
        help="address of the metrics endpoint (default: %(default)s; 0.0.0.0 in a container)",
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    configure_logging(args.log_level, args.log_format)
    plugin = plugin_commands().get(args.command)
    service_name = plugin.service_name if plugin is not None else SERVICE_NAMES.get(args.command)
    args.loop = install_uvloop() if service_name is not None else "asyncio"
    args.telemetry = Telemetry()
    if service_name is not None:
        try:
            args.telemetry = install(
                service_name,
                export_by_default=plugin.export_by_default if plugin is not None else True,
                metrics_port=args.metrics_port,
                metrics_host=args.metrics_host,
            )
        except TelemetryConfigError as exc:
            print(f"callwire: {exc}", file=sys.stderr)
            return 2
    runners: dict[str, Callable[[argparse.Namespace], Coroutine[Any, Any, int]]] = {
        "serve": run_serve,
        "ctl": run_ctl,
        "admin": run_admin,
        "health": run_health,
    }
    runner = plugin.run if plugin is not None else runners[args.command]
    try:
        return asyncio.run(runner(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader stopped early (`callwire ctl list extension | head`): nothing went wrong here. Output goes
        # to /dev/null from now on, so that the flush at exit does not fail a second time.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:
        print(f"callwire: {exc}", file=sys.stderr)
        return 1
    finally:
        args.telemetry.shutdown()


if __name__ == "__main__":
    sys.exit(main())
