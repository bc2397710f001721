"""The control port: fault injection on a running simulator over a real loopback socket, and `callwire-sim` itself."""

from __future__ import annotations

import asyncio
import contextlib
import re
from collections.abc import AsyncIterator

import pytest

from callwire_sim.control import MAX_LINE, ControlServer, send_command
from callwire_sim.site import demo_site
from callwire_sim.switch import Switch
from callwire_sim.transport import SimulatorServer
from callwire_testkit import python_module, run, start, until
from callwire_testkit.demo import demo_simulator

# The tests start Python processes; on a busy machine one start can take seconds, so the suite's per-test
# bound (meant to catch hangs) would cut a passing test short.
pytestmark = pytest.mark.timeout(600)

WAIT = 30.0


@pytest.fixture
async def control() -> AsyncIterator[ControlServer]:
    async with demo_simulator() as sim:
        ctl = ControlServer(sim, port=0)
        await ctl.start()
        try:
            yield ctl
        finally:
            await ctl.stop()


def sim_of(ctl: ControlServer) -> SimulatorServer:
    return ctl.commands.server


async def command(ctl: ControlServer, line: str) -> str:
    return await send_command("127.0.0.1", ctl.port, line)


async def read_all(reader: asyncio.StreamReader) -> bytes:
    """Everything the peer sends until it closes or resets the connection."""
    data = b""
    with contextlib.suppress(ConnectionError):
        async with asyncio.timeout(WAIT):
            while chunk := await reader.read(65536):
                data += chunk
    return data


async def test_status_drop_and_garbage_act_on_the_connected_clients(control: ControlServer) -> None:
    sim = sim_of(control)
    reader, writer = await asyncio.open_connection("127.0.0.1", sim.port)
    try:
        await until(lambda: len(sim.connections) == 1)
        assert await command(control, "status") == "ok connections=1 sessions=0 stalled=no refusing=no"
        assert await command(control, "garbage") == "ok garbage sent to 1 connection(s)"
        assert (await reader.readexactly(4)) == b"\x00\x00\x00\x10"
        assert await command(control, "drop") == "ok dropped 1 connection(s)"
        await read_all(reader)
        await until(lambda: not sim.connections)
    finally:
        writer.close()


async def test_refuse_and_stall_hold_until_lifted(control: ControlServer) -> None:
    sim = sim_of(control)
    assert await command(control, "refuse on") == "ok refusing connections until refuse off"
    reader, writer = await asyncio.open_connection("127.0.0.1", sim.port)
    try:
        assert await read_all(reader) == b""  # closed as soon as accepted
    finally:
        writer.close()
    assert not sim.connections
    assert await command(control, "refuse off") == "ok accepting connections"
    assert not sim.faults.refusing

    assert await command(control, "stall") == "ok stalled until resume"
    assert sim.faults.stalled
    assert (await command(control, "status")).endswith("stalled=yes refusing=no")
    assert await command(control, "resume") == "ok resumed"
    assert await command(control, "resume") == "ok was not stalled"

    assert await command(control, "stall 0.05") == "ok stalled for 0.05s"
    await until(lambda: not sim.faults.stalled)  # the stall lifts by itself
    assert await command(control, "refuse 0.05") == "ok refusing connections for 0.05s"
    await until(lambda: not sim.faults.refusing)


async def test_end_session_terminates_the_application_session(control: ControlServer) -> None:
    from test_transport import RawClient, start_request

    from callwire_csta.codec import ApplicationSessionTerminated, StartApplicationSessionPosResponse

    client = await RawClient.connect(sim_of(control).port)
    try:
        started = await client.call(1, start_request())
        assert isinstance(started, StartApplicationSessionPosResponse)
        assert await command(control, "end-session normal") == "ok ended 1 session(s)"
        _, event = await client.receive(timeout=WAIT)
        assert isinstance(event, ApplicationSessionTerminated)
        assert event.session_term_reason is not None
        assert event.session_term_reason.defined_term_reason == "normal"
        assert await client.closed(timeout=WAIT)
        assert started.session_id not in sim_of(control).sessions
    finally:
        client.close()


@pytest.mark.parametrize(
    ("line", "answer"),
    [
        ("frobnicate", "error unknown command 'frobnicate'; commands: drop stall resume garbage end-session"),
        ("stall soon", "error not a number of seconds: 'soon'"),
        ("stall -1", "error seconds must be > 0 and <= 3600, not -1"),
        ("stall nan", "error seconds must be > 0 and <= 3600, not nan"),
        ("refuse", "error usage: refuse SECONDS|on|off"),
        ("drop now please", "error usage: drop"),
    ],
)
async def test_bad_commands_get_one_clear_error_and_change_nothing(
    control: ControlServer, line: str, answer: str
) -> None:
    assert (await command(control, line)).startswith(answer)
    sim = sim_of(control)
    assert not sim.faults.stalled
    assert not sim.faults.refusing


async def test_every_line_gets_exactly_one_answer(control: ControlServer) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", control.port)
    try:
        writer.write(b"status\n\n   \nhelp\nstall 1\nresume")  # blank lines are skipped; the last has no newline
        writer.write_eof()
        await writer.drain()
        lines = (await read_all(reader)).decode().splitlines()
    finally:
        writer.close()
    assert lines[0].startswith("ok connections=0")
    assert lines[1].startswith("ok commands: drop | stall [SECONDS] | resume | garbage | end-session [REASON]")
    assert lines[2:] == ["ok stalled for 1s", "ok resumed"]

    reader, writer = await asyncio.open_connection("127.0.0.1", control.port)
    try:
        writer.write(b"x" * (MAX_LINE * 2) + b"\n")
        await writer.drain()
        assert (await read_all(reader)).decode() == f"error line longer than {MAX_LINE} bytes\n"
    finally:
        writer.close()


def test_the_control_port_listens_on_loopback_only() -> None:
    sim = SimulatorServer(Switch(demo_site()), port=0)
    try:
        with pytest.raises(ValueError, match=r"loopback only, not 0\.0\.0\.0"):
            ControlServer(sim, host="0.0.0.0")
    finally:
        sim.switch.close()
    ControlServer(sim, host="::1")
    ControlServer(sim, host="localhost")


async def run_cli(*args: str) -> tuple[int, str, str]:
    done = await run(python_module("callwire_sim.cli", *args))
    return done.returncode, done.out, done.err


async def test_callwire_sim_serves_a_control_port_that_callwire_sim_fault_drives() -> None:
    sim = await start("callwire-sim", python_module("callwire_sim.cli", "--port", "0", "--control-port", "0"))
    try:
        banner = (await sim.wait_for(lambda out: "\n" in out, "its banner", stdout_only=True)).splitlines()[0]
        found = re.search(r"tcp://127\.0\.0\.1:(\d+) .*fault control 127\.0\.0\.1:(\d+);", banner)
        assert found, banner
        csta_port, control_port = found.group(1), found.group(2)
        address = f"127.0.0.1:{control_port}"
        reader, writer = await asyncio.open_connection("127.0.0.1", int(csta_port))
        try:
            assert await run_cli("fault", "status", "--control", address) == (
                0,
                "ok connections=1 sessions=0 stalled=no refusing=no\n",
                "",
            )
            assert (await run_cli("fault", "drop", "--control", address))[:2] == (0, "ok dropped 1 connection(s)\n")
            await read_all(reader)
        finally:
            writer.close()
        code, out, err = await run_cli("fault", "stall", "later", "--control", address)
        assert (code, out, err) == (1, "", "error not a number of seconds: 'later'\n")
    finally:
        code = await sim.stop(timeout=30)
    assert code == 0


async def test_callwire_sim_fault_says_when_nothing_listens() -> None:
    server = await asyncio.start_server(lambda r, w: w.close(), "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    server.close()
    await server.wait_closed()
    code, out, err = await run_cli("fault", "drop", "--control", f"127.0.0.1:{port}")
    assert (code, out) == (2, "")
    assert err.startswith(f"callwire-sim fault: cannot reach the control port 127.0.0.1:{port}")
    code, _, err = await run_cli("fault", "drop", "--control", "nowhere")
    assert (code, err) == (2, "callwire-sim fault: --control takes HOST:PORT, not 'nowhere'\n")
