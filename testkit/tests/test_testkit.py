"""The shared helpers do what the tests rely on: real sockets, a real gRPC server, real child processes."""

from __future__ import annotations

import asyncio
import signal
import socket
import sys
import time
from collections.abc import AsyncIterator

import grpc
import pytest
from google.protobuf import any_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2
from grpc_status import rpc_status

from callwire_testkit import (
    accepts,
    error_info,
    expect_error,
    free_port,
    outcome,
    python_module,
    reason_of,
    refused_port,
    run,
    start,
    stop,
    until,
    wait_port_closed,
    wait_port_open,
)

# ------------------------------------------------------------------------------------------------- waits


async def test_until_returns_once_a_plain_or_async_condition_holds() -> None:
    ticks: list[int] = []
    asyncio.get_running_loop().call_later(0.05, ticks.append, 1)
    await until(lambda: ticks)

    async def ready() -> bool:
        return bool(ticks)

    await until(ready)


async def test_until_names_what_was_not_reached() -> None:
    with pytest.raises(AssertionError, match=r"the moon not reached within 0\.05s"):
        await until(lambda: False, timeout=0.05, what="the moon")


# ------------------------------------------------------------------------------------------------- ports


def test_free_port_can_be_bound() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", free_port()))


async def test_a_refused_port_refuses_and_cannot_be_taken() -> None:
    with refused_port() as port:
        assert not await accepts("127.0.0.1", port)
        with socket.socket() as other, pytest.raises(OSError, match="in use"):
            other.bind(("127.0.0.1", port))


async def test_port_waits_follow_a_listener() -> None:
    server = await asyncio.start_server(lambda r, w: w.close(), "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        await wait_port_open("127.0.0.1", port)
    finally:
        server.close()
        await server.wait_closed()
    await wait_port_closed("127.0.0.1", port)
    with pytest.raises(AssertionError, match="not open"):
        await wait_port_open("127.0.0.1", port, timeout=0.1)


# ------------------------------------------------------------------------------------------- gRPC errors


def _status(reason: str | None) -> grpc.Status:
    details = []
    if reason is not None:
        packed = any_pb2.Any()
        packed.Pack(error_details_pb2.ErrorInfo(reason=reason, domain="callwire.io"))
        details.append(packed)
    return rpc_status.to_status(status_pb2.Status(code=code_pb2.NOT_FOUND, message="gone", details=details))


async def _fail(request: bytes, context: grpc.aio.ServicerContext) -> bytes:
    if request == b"ok":
        return b"ok"
    await context.abort_with_status(_status(request.decode() or None))
    raise AssertionError("abort_with_status returned")


@pytest.fixture
async def channel() -> AsyncIterator[grpc.aio.Channel]:
    server = grpc.aio.server()
    handler = grpc.unary_unary_rpc_method_handler(_fail)
    server.add_generic_rpc_handlers([grpc.method_handlers_generic_handler("testkit.T", {"Call": handler})])
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    chan = grpc.aio.insecure_channel(f"127.0.0.1:{port}")
    try:
        yield chan
    finally:
        await chan.close()
        await server.stop(None)


def _call(channel: grpc.aio.Channel, body: bytes) -> grpc.aio.UnaryUnaryCall:
    return channel.unary_unary("/testkit.T/Call")(body)


async def test_error_helpers_read_the_error_info(channel: grpc.aio.Channel) -> None:
    info = await expect_error(_call(channel, b"NOT_FOUND"), grpc.StatusCode.NOT_FOUND, "NOT_FOUND")
    assert info.domain == "callwire.io"
    assert await outcome(_call(channel, b"NOT_FOUND")) == "NOT_FOUND"
    assert await outcome(_call(channel, b"ok")) == "OK"
    # Without an ErrorInfo: the code's name, and error_info says what is missing.
    assert await outcome(_call(channel, b"")) == "NOT_FOUND"
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await _call(channel, b"")
    assert reason_of(caught.value) == "NOT_FOUND"
    with pytest.raises(AssertionError, match="no ErrorInfo"):
        error_info(caught.value)


async def test_expect_error_fails_on_success_a_wrong_code_or_a_wrong_reason(channel: grpc.aio.Channel) -> None:
    with pytest.raises(AssertionError, match="the call succeeded"):
        await expect_error(_call(channel, b"ok"), grpc.StatusCode.NOT_FOUND)
    with pytest.raises(AssertionError, match=r"NOT_FOUND \(wanted INTERNAL\)"):
        await expect_error(_call(channel, b"X"), grpc.StatusCode.INTERNAL)
    with pytest.raises(AssertionError, match=r"X \(wanted Y\)"):
        await expect_error(_call(channel, b"X"), grpc.StatusCode.NOT_FOUND, "Y")


# --------------------------------------------------------------------------------------------- processes


async def test_run_gives_the_exit_code_and_both_outputs() -> None:
    script = "import sys; print('out'); print('err', file=sys.stderr); sys.exit(3)"
    done = await run([sys.executable, "-c", script], env={"TESTKIT": "1"})
    assert (done.returncode, done.out, done.err) == (3, "out\n", "err\n")
    merged = await run([sys.executable, "-c", script], merge_stderr=True)
    assert sorted(merged.out.split()) == ["err", "out"]
    assert merged.err == ""
    module = await run(python_module("platform", "--terse"))
    assert (module.returncode, module.err) == (0, "")
    assert module.out.strip()


async def test_run_kills_a_command_that_outlives_its_timeout() -> None:
    started = time.monotonic()
    with pytest.raises(TimeoutError):
        await run([sys.executable, "-c", "import time; time.sleep(600)"], timeout=0.5)
    assert time.monotonic() - started < 120


async def test_a_started_process_is_read_as_it_writes_and_stopped_with_sigterm() -> None:
    script = (
        "import sys, time; print('port 4242', flush=True); print('log', file=sys.stderr, flush=True); time.sleep(600)"
    )
    proc = await start("sleeper", [sys.executable, "-c", script])
    try:
        found = await proc.search(r"port (\d+)", "the port line")
        assert found.group(1) == "4242"
        await proc.wait_for(lambda text: "log" in text, "the log line")
    finally:
        code = await proc.stop()
    assert code == -signal.SIGTERM
    assert proc.stdout == "port 4242\n"
    assert proc.text == "port 4242\nlog\n"


async def test_stop_kills_what_ignores_sigterm() -> None:
    script = "\n".join(
        (
            "import signal, time",
            "signal.signal(signal.SIGTERM, signal.SIG_IGN)",
            "print('ready', flush=True)",
            "time.sleep(600)",
        )
    )
    proc = await start("stubborn", [sys.executable, "-c", script])
    try:
        await proc.wait_for(lambda text: "ready" in text, "ready", stdout_only=True)
    finally:
        assert await stop(proc.process, timeout=0.5) == -signal.SIGKILL
        await proc.stop()
