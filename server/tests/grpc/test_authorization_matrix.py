"""The authorization matrix: every RPC of the contracts x every role x in-scope and out-of-scope requests, against
a real server that requires API keys, the simulated switch behind it; the admin and gateway roles also with keys
scoped to nothing, which no scope rule may restrict.

Nothing here is written per RPC: requests are built from the descriptors and the expected answer from the
access table in the contracts. The scoped keys hold extension 101. The in-scope request names 101, a call 101 is
on and user data stored for 101; each out-of-scope request changes one scoped field to 103, a call of 103, user
data of 103, or selects every device. A request is denied when the reason is PERMISSION_DENIED (or
UNAUTHENTICATED without a key); anything else (success, INVALID_ARGUMENT, a switch refusal) is "not denied":
the check under test is the server's door, not the RPC behind it.

The gateway's key is also tried with the legacy console credentials (right and wrong) on every RPC its role
alone may not call: they open exactly the RPCs marked `gateway_with_console_credentials`, and only when right.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import importlib
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import grpc
import pytest
from google.protobuf import descriptor, duration_pb2, message_factory
from google.protobuf.message import Message
from test_completeness import RPCS

from callwire.callcontrol.v1 import request_response_pb2 as cc
from callwire.callcontrol.v1 import service_pb2_grpc as cc_grpc
from callwire_server.app import RunningServer, start_server
from callwire_server.config import GrpcConfig
from callwire_server.security import RpcAccess, access_of_method
from callwire_server.store import Role
from callwire_sim.switch import Switch
from callwire_testkit import reason_of, until
from callwire_testkit.demo import demo_simulator, server_config

Field = descriptor.FieldDescriptor
OWN, OTHER, EXTERNAL = "101", "103", "67896789"
#: The roles of the matrix; None is a request without a key.
ROLES: tuple[Role | None, ...] = (Role.AGENT, Role.SUPERVISOR, Role.ADMIN, Role.GATEWAY, None)
#: Roles also tried with a key scoped to nothing, which the scope rules must not restrict (the gateway's key is
#: one in practice).
UNSCOPED: tuple[Role, ...] = (Role.ADMIN, Role.GATEWAY)
#: The callers of the matrix: (role, scoped); role None is a request without a key.
CALLERS: tuple[tuple[Role | None, bool], ...] = (*((role, True) for role in ROLES), *((r, False) for r in UNSCOPED))
#: Kinds whose fields a scoped key may not set freely (see callwire_server.security).
SCOPED_KINDS = ("device", "call", "remote", "user_data")
#: Console credentials a gateway call may carry: none, the right ones (the default account, right from this
#: machine), wrong ones.
CONSOLE = ("", "right", "wrong")
#: A safety net only, never the thing measured: restoring the world takes milliseconds on an idle machine.
RESTORE_SECONDS = 60.0
Metadata = tuple[tuple[str, str], ...]


@dataclass
class World:
    """The calls and user data the requests name, rebuilt whenever an allowed request ended or moved them."""

    server: RunningServer
    switch: Switch
    channel: grpc.aio.Channel
    setup_key: str
    calls: dict[str, str]  # extension -> a call ID it is on
    uui: dict[str, str]  # extension -> a UUI key stored for it
    console: dict[str, tuple[tuple[str, bytes], ...]]  # CONSOLE -> the metadata that carries it

    async def until(self, condition: Callable[[], bool], seconds: float = RESTORE_SECONDS) -> None:
        await until(condition, timeout=seconds, what="the test world's restored state")

    def _on_call(self, extension: str) -> bool:
        """On its call for the switch and for the server: right after a request ended the call, the server's
        tracker may not have seen the events yet, and a request built on its stale view would be refused."""
        call_id = self.calls.get(extension, "")
        return (
            bool(call_id)
            and extension in self.switch.parties(int(call_id))
            and extension in self.server.core.calls.devices_on_call(call_id)
        )

    def _settled(self, extension: str, call_id: int) -> bool:
        """The server has seen the call just made, or the call is gone again (then the restore starts over)."""
        return self._on_call(extension) or call_id not in self.switch.call_ids()

    def _calls_at(self, *extensions: str) -> set[str]:
        """The calls the extensions are on, as the switch or the server sees them (either may be ahead)."""
        seen = {call.call_id for extension in extensions for call in self.server.core.calls.calls_at(extension)}
        for call_id in self.switch.call_ids():
            if any(self.switch.connection_state(call_id, extension) is not None for extension in extensions):
                seen.add(str(call_id))
        return seen

    async def _clear(self, calls: cc_grpc.CallControlServiceStub, auth: Metadata, *extensions: str) -> None:
        """Clears the extensions' calls until neither the switch nor the server sees one. One look is not enough:
        a call can appear after it (a delayed step of the simulator's scripts, events still on their way) and a
        ClearCall can be refused while its call changes state, so this clears again until the condition holds."""
        deadline = time.monotonic() + RESTORE_SECONDS
        while found := self._calls_at(*extensions):
            if time.monotonic() > deadline:
                raise AssertionError(f"the test world could not be restored in time: calls {found} at {extensions}")
            for call_id in found:
                with contextlib.suppress(grpc.aio.AioRpcError):  # already gone, or changing state: looked at again
                    await calls.ClearCall(cc.ClearCallRequest(call_id=call_id), metadata=auth)
            await asyncio.sleep(0.05)

    async def ensure(self) -> None:
        core = self.server.core
        for extension in (OWN, "102", OTHER, "104"):
            if extension not in core.link.monitored:
                await core.monitor(extension)
        calls = cc_grpc.CallControlServiceStub(self.channel)
        auth = (("authorization", f"Bearer {self.setup_key}"),)
        deadline = time.monotonic() + RESTORE_SECONDS
        for caller, called in ((OWN, "102"), (OTHER, "104")):
            while not self._on_call(caller):
                if time.monotonic() > deadline:
                    raise AssertionError(f"the test world could not be restored in time: {caller} not on its call")
                await self._clear(calls, auth, caller, called)
                made = await calls.MakeCall(cc.MakeCallRequest(extension=caller, destination=called), metadata=auth)
                self.calls[caller] = made.call.call_id
                await self.until(functools.partial(self._settled, caller, int(made.call.call_id)))


@pytest.fixture
async def world(tmp_path: Path) -> AsyncIterator[tuple[World, dict[tuple[Role, bool], str]]]:
    async with demo_simulator() as sim:
        switch = sim.switch
        config = server_config(tmp_path, sim.port, grpc=GrpcConfig(address="127.0.0.1:0", require_api_key=True))
        server = await start_server(config)
        store = server.core.store
        keys: dict[tuple[Role, bool], str] = {}
        for role, scoped in CALLERS:
            if role is not None:
                name = f"matrix-{role.value}-{'scoped' if scoped else 'all'}"
                keys[role, scoped] = (await store.create_api_key(name, role, [OWN] if scoped else None)).secret
        setup_key = (await store.create_api_key("matrix-setup", Role.ADMIN)).secret
        uui = {ext: await store.set_user_data(f"data of {ext}", extension=ext) for ext in (OWN, OTHER)}
        console = {
            "": (),
            **{
                which: (
                    ("x-callwire-console-user-bin", b"tcpgate"),
                    ("x-callwire-console-password-bin", store.secrets.encrypt(password).encode()),
                )
                for which, password in (("right", "tcpgate01"), ("wrong", "not-the-password"))
            },
        }
        channel = grpc.aio.insecure_channel(f"127.0.0.1:{server.port}")
        try:
            built = World(server, switch, channel, setup_key, {}, uui, console)
            await built.ensure()
            yield built, keys
        finally:
            await channel.close()
            await server.stop(grace=0.5)


def kind_of(row: RpcAccess, path: str) -> str:
    return next(kind for kind, paths in row.fields.items() if path in paths)


def build_request(method: descriptor.MethodDescriptor, row: RpcAccess, world: World, out_of_scope: str) -> Message:
    """A request with every classified field set: in scope, except the field `out_of_scope` (a path, or "")."""
    request: Message = message_factory.GetMessageClass(method.input_type)()

    def value(kind: str, outside: bool) -> str:
        if kind == "device":
            return OTHER if outside else OWN
        if kind == "call":
            return world.calls[OTHER if outside else OWN]
        if kind == "user_data":
            return world.uui[OTHER if outside else OWN]
        if kind == "remote":
            return OTHER if outside else EXTERNAL
        return {"party": "102", "destination": EXTERNAL, "lookup": OTHER}.get(kind, "1")

    def assign(path: str, text: str) -> None:
        *parents, name = path.split(".")
        target: Any = request
        for parent in parents:
            target = getattr(target, parent)
        field = target.DESCRIPTOR.fields_by_name[name]
        oneof = field.containing_oneof
        if oneof is not None and target.WhichOneof(oneof.name) not in (None, name):
            return  # the other member of the oneof is already set (the out-of-scope one goes first)
        if field.is_repeated:
            getattr(target, name).append(text)
        else:
            setattr(target, name, text)

    paths = [p for paths in row.fields.values() for p in paths]
    paths.sort(key=lambda p: p != out_of_scope)
    for path in paths:
        if path in row.all_devices and path == out_of_scope:
            continue  # an empty repeated field selects every device
        assign(path, value(kind_of(row, path), path == out_of_scope))
    for path in row.all_devices:
        field = request.DESCRIPTOR.fields_by_name[path]
        if field.type == Field.TYPE_BOOL:
            setattr(request, path, path == out_of_scope)
    for field in request.DESCRIPTOR.fields:  # short waits, so phantom calls and PIN checks end quickly
        if field.message_type is not None and field.message_type.full_name == "google.protobuf.Duration":
            getattr(request, field.name).CopyFrom(duration_pb2.Duration(nanos=100_000_000))
    return request


def out_of_scope_variants(row: RpcAccess) -> list[str]:
    scoped = [path for kind in SCOPED_KINDS for path in row.fields[kind]]
    return scoped + [path for path in row.all_devices if path not in scoped]


def console_variants(row: RpcAccess, role: Role | None) -> tuple[str, ...]:
    """The console credentials to try: all of CONSOLE for the gateway's key where its role alone is refused."""
    return CONSOLE if role is Role.GATEWAY and not row.allows_role(role) else ("",)


async def outcome(
    world: World, method: descriptor.MethodDescriptor, request: Message, key: str | None, console: str = ""
) -> str:
    """The reason of the answer (UNAUTHENTICATED, PERMISSION_DENIED, another reason) or "OK"."""
    service = method.containing_service
    domain = service.full_name.split(".")[1]
    stub = getattr(importlib.import_module(f"callwire.{domain}.v1.service_pb2_grpc"), f"{service.name}Stub")
    rpc = getattr(stub(world.channel), method.name)
    metadata = ((("authorization", f"Bearer {key}"),) if key else ()) + world.console[console]
    try:
        if method.server_streaming:
            call = rpc(request, metadata=metadata, timeout=10)
            try:
                # The server sends initial metadata as soon as it accepted the stream; a refusal comes with its
                # status in the same batch, so a stream still open a moment later was accepted.
                await call.initial_metadata()
                try:
                    await asyncio.wait_for(asyncio.shield(call.code()), 1.0)
                except TimeoutError:
                    return "OK"
                await call.read()  # raises the refusal
            finally:
                call.cancel()
        else:
            await rpc(request, metadata=metadata, timeout=10)
    except grpc.aio.AioRpcError as err:
        if err.code() == grpc.StatusCode.CANCELLED:
            return "OK"
        return reason_of(err)
    return "OK"


async def test_every_rpc_for_every_role_in_and_out_of_scope(world: tuple[World, dict[tuple[Role, bool], str]]) -> None:
    built, keys = world
    wrong: list[str] = []
    cases = 0
    opened_by_console: set[str] = set()
    for _, method in RPCS:
        row = access_of_method(method.full_name)
        assert row is not None, method.full_name
        for role, scoped in CALLERS:
            for variant in ["", *out_of_scope_variants(row)]:
                for console in console_variants(row, role):
                    await built.ensure()
                    request = build_request(method, row, built, variant)
                    got = await outcome(built, method, request, keys[role, scoped] if role else None, console)
                    # The console credentials let the gateway's key in where the contract says so, when right.
                    by_console = console == "right" and row.gateway_with_console_credentials
                    if role is None:
                        expected = "UNAUTHENTICATED"
                    elif not (row.allows_role(role) or by_console) or (variant and scoped):
                        expected = "PERMISSION_DENIED"
                    else:
                        expected = "not denied"
                    denied = got in ("UNAUTHENTICATED", "PERMISSION_DENIED")
                    if by_console and expected == "not denied":
                        opened_by_console.add(method.name)
                    if (expected == "not denied" and denied) or (expected != "not denied" and got != expected):
                        who = f"{role.value}{'' if scoped else ' (unscoped)'}" if role else "no key"
                        who += f" with {console} console credentials" if console else ""
                        wrong.append(f"{method.name} as {who}, {variant or 'in scope'}: expected {expected}, got {got}")
                    cases += 1
    assert not wrong, f"{len(wrong)} of {cases} cases wrong:\n" + "\n".join(wrong)
    assert cases > 4 * len(RPCS)
    assert opened_by_console == {"AddExtension", "DeleteExtension"}
