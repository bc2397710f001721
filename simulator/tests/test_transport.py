"""The simulator's CSTA server over real TCP, driven by a raw client: framing, ECMA-354 sessions, faults."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest

from callwire_csta import codec as csta
from callwire_csta.codec import (
    ApplicationInfo,
    ApplicationSessionTerminated,
    ApplicationSpecificInfo,
    CSTAErrorCode,
    Message,
    ResetApplicationSessionTimer,
    ResetApplicationSessionTimerNegResponse,
    ResetApplicationSessionTimerPosResponse,
    SessionEndReason,
    SessionLoginInfo,
    StartApplicationSession,
    StartApplicationSessionNegResponse,
    StartApplicationSessionPosResponse,
    StopApplicationSession,
    StopApplicationSessionPosResponse,
)
from callwire_sim.transport import SimulatorServer
from callwire_testkit.demo import demo_simulator


class RawClient:
    """A minimal CSTA client: frames in and out, nothing else (the link is tested elsewhere)."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer
        self.decoder = csta.FrameDecoder()
        self.frames: list[csta.Frame] = []

    @classmethod
    async def connect(cls, port: int) -> RawClient:
        return cls(*await asyncio.open_connection("127.0.0.1", port))

    def send(self, invoke_id: int, msg: Message) -> None:
        self.writer.write(csta.encode(invoke_id, msg))

    async def receive(self, timeout: float = 30.0) -> tuple[int, Message]:
        while not self.frames:
            data = await asyncio.wait_for(self.reader.read(65536), timeout)
            if not data:
                raise ConnectionError("closed by the simulator")
            self.frames += self.decoder.feed(data)
        frame = self.frames.pop(0)
        return frame.invoke_id, csta.decode(frame)

    async def call(self, invoke_id: int, msg: Message) -> Message:
        self.send(invoke_id, msg)
        got_id, answer = await self.receive()
        assert got_id == invoke_id
        return answer

    async def closed(self, timeout: float = 30.0) -> bool:
        """True once the simulator has closed the connection (which is then closed here too)."""
        try:
            while True:
                data = await asyncio.wait_for(self.reader.read(65536), timeout)
                if not data:
                    return True
                self.frames += self.decoder.feed(data)
        except ConnectionError:
            return True
        finally:
            self.close()

    def close(self) -> None:
        self.writer.close()


def start_request(
    user: str = "ctiuser", password: str = "ctipass", duration: int = 60, session_id: str | None = None
) -> StartApplicationSession:
    login = SessionLoginInfo(user_name=user, password=password, session_cleanup_delay=5, session_id=session_id)
    return StartApplicationSession(
        application_info=ApplicationInfo(
            application_id="test", application_specific_info=ApplicationSpecificInfo(items=(login,))
        ),
        requested_protocol_versions=(csta.DEFAULT_PROTOCOL_VERSION,),
        requested_session_duration=duration,
    )


@pytest.fixture
async def server() -> AsyncIterator[SimulatorServer]:
    async with demo_simulator() as srv:
        yield srv


Connect = Callable[[], Awaitable[RawClient]]


@pytest.fixture
async def connect(server: SimulatorServer) -> AsyncIterator[Connect]:
    """Opens raw clients to `server`; every one is closed when the test ends, passed or failed."""
    opened: list[RawClient] = []

    async def open_one() -> RawClient:
        client = await RawClient.connect(server.port)
        opened.append(client)
        return client

    try:
        yield open_one
    finally:
        for client in opened:
            client.close()


async def test_session_start_keepalive_stop(server: SimulatorServer, connect: Connect) -> None:
    client = await connect()
    answer = await client.call(1, start_request(duration=30))
    assert isinstance(answer, StartApplicationSessionPosResponse)
    assert answer.actual_session_duration == 30
    assert answer.actual_protocol_version == csta.DEFAULT_PROTOCOL_VERSION
    assert answer.session_id in server.sessions

    reset = await client.call(
        2, ResetApplicationSessionTimer(session_id=answer.session_id, requested_session_duration=30)
    )
    assert isinstance(reset, ResetApplicationSessionTimerPosResponse)
    assert server.sessions[answer.session_id].keepalives == 1
    wrong = await client.call(3, ResetApplicationSessionTimer(session_id="nope"))
    assert isinstance(wrong, ResetApplicationSessionTimerNegResponse)
    assert wrong.error_code.defined_error == "invalidSessionID"

    stop = StopApplicationSession(
        session_id=answer.session_id, session_end_reason=SessionEndReason(defined_end_reason="normal")
    )
    assert isinstance(await client.call(4, stop), StopApplicationSessionPosResponse)
    assert await client.closed()
    assert server.sessions == {}


async def test_wrong_credentials_are_refused_and_nothing_is_opened(server: SimulatorServer, connect: Connect) -> None:
    client = await connect()
    answer = await client.call(1, start_request(password="wrong"))
    assert isinstance(answer, StartApplicationSessionNegResponse)
    assert answer.error_code.defined_error == "invalidApplicationInfo"
    assert server.sessions == {}
    client.close()


async def test_request_before_session_gets_a_csta_error(server: SimulatorServer, connect: Connect) -> None:
    client = await connect()
    answer = await client.call(
        7, csta.MakeCall(calling_device=csta.DeviceID(value="101"), called_directory_number=csta.DeviceID(value="102"))
    )
    assert isinstance(answer, CSTAErrorCode)
    assert (answer.error_class, answer.value) == ("security", "securityInfoViolated")
    client.close()


async def test_undecodable_request_is_answered_and_the_link_stays_up(server: SimulatorServer, connect: Connect) -> None:
    client = await connect()
    await client.call(1, start_request())
    client.writer.write(csta.encode_frame(2, b"<NoSuchRequest xmlns='urn:x'/>"))
    invoke_id, answer = await client.receive()
    assert invoke_id == 2
    assert isinstance(answer, CSTAErrorCode)
    assert answer.error_class == "operation"
    client.writer.write(csta.encode_frame(3, b"<not xml"))
    invoke_id, answer = await client.receive()
    assert (invoke_id, type(answer)) == (3, CSTAErrorCode)
    client.close()


async def test_broken_framing_closes_the_connection(server: SimulatorServer, connect: Connect) -> None:
    client = await connect()
    client.writer.write(b"\x01\x02\x00\x0c0001<x/>")
    assert await client.closed()


async def test_session_expires_without_keepalive(server: SimulatorServer, connect: Connect) -> None:
    client = await connect()
    answer = await client.call(1, start_request(duration=1))
    assert isinstance(answer, StartApplicationSessionPosResponse)
    invoke_id, event = await client.receive()
    assert invoke_id == csta.EVENT_INVOKE_ID
    assert isinstance(event, ApplicationSessionTerminated)
    assert event.session_term_reason.defined_term_reason == "sessionTimerExpired"
    assert await client.closed()
    assert server.sessions == {}


async def test_reattach_with_the_old_session_id_after_a_drop(server: SimulatorServer, connect: Connect) -> None:
    first = await connect()
    started = await first.call(1, start_request())
    assert isinstance(started, StartApplicationSessionPosResponse)
    server.faults.drop_connections()
    assert await first.closed()
    assert started.session_id in server.sessions  # kept for its cleanup delay

    second = await connect()
    again = await second.call(1, start_request(session_id=started.session_id))
    assert isinstance(again, StartApplicationSessionPosResponse)
    assert again.session_id == started.session_id
    assert server.sessions[started.session_id].history == ["reattached"]

    third = await connect()
    refused = await third.call(1, start_request(session_id="DEADBEEF"))
    assert isinstance(refused, StartApplicationSessionNegResponse)
    second.close()
    third.close()


async def test_faults_terminate_garbage_refuse(server: SimulatorServer, connect: Connect) -> None:
    client = await connect()
    await client.call(1, start_request())
    server.faults.terminate_sessions()
    _, event = await client.receive()
    assert isinstance(event, ApplicationSessionTerminated)
    assert await client.closed()

    client = await connect()
    await client.call(1, start_request())
    server.faults.send_garbage(b"\x00\x00\x00\x0c9999<oops")
    data = await asyncio.wait_for(client.reader.read(100), 30)
    assert data.startswith(b"\x00\x00\x00\x0c9999<oops")
    client.close()

    server.faults.refuse_connections(True)
    refused = await connect()
    assert await refused.closed()
    server.faults.refuse_connections(False)
    ok = await connect()
    assert isinstance(await ok.call(1, start_request()), StartApplicationSessionPosResponse)
    ok.close()


async def test_stall_holds_answers_until_resume(server: SimulatorServer, connect: Connect) -> None:
    client = await connect()
    started = await client.call(1, start_request())
    assert isinstance(started, StartApplicationSessionPosResponse)
    server.faults.stall()
    client.send(2, ResetApplicationSessionTimer(session_id=started.session_id))
    with pytest.raises(TimeoutError):
        await client.receive(timeout=0.3)
    server.faults.resume()
    invoke_id, answer = await client.receive()
    assert (invoke_id, type(answer)) == (2, ResetApplicationSessionTimerPosResponse)
    client.close()
