"""The CSTA link over real TCP against the simulated switch: session, correlation, errors, events, TLS."""

from __future__ import annotations

import asyncio
import shutil
import socket
import ssl
import subprocess
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from link_support import (
    PASSWORD,
    Events,
    States,
    Trace,
    device,
    make_config,
    new_simulator,
    place_call,
    running_link,
    running_simulator,
)

from callwire_csta import codec as csta
from callwire_csta.codec import (
    DeviceID,
    GetThirdPartyDeviceId,
    GetThirdPartyDeviceIdResponse,
    MonitorStop,
    SnapshotDevice,
    SnapshotDeviceResponse,
    StartApplicationSession,
)
from callwire_csta.link import (
    CstaLink,
    CstaRequestError,
    Endpoint,
    LinkDown,
    LinkState,
    LinkTimeout,
    NotSupportedBySwitch,
    RequestNotSendable,
)
from callwire_csta.link._protocol import InvokeIdAllocator
from callwire_sim.transport import SimulatorServer


@pytest.fixture
async def sim() -> AsyncIterator[SimulatorServer]:
    async with running_simulator() as server:
        yield server


@pytest.fixture
async def link(sim: SimulatorServer) -> AsyncIterator[CstaLink]:
    async with running_link(sim) as cw:
        yield cw


def tag_of(xml: bytes) -> str:
    return csta.decode_xml(xml).XML_TAG


# ------------------------------------------------------------------------------------------ session


async def test_session_start_and_stop(sim: SimulatorServer) -> None:
    link = CstaLink(make_config(sim))
    states, trace = States(), Trace()
    link.add_state_listener(states)
    link.add_trace_listener(trace.record)
    await link.start()

    assert link.state is LinkState.UP
    assert link.session_id is not None
    assert link.session_id in sim.sessions
    assert link.active_endpoint == make_config(sim).endpoints[0]
    assert states.sequence == [LinkState.CONNECTING, LinkState.UP]
    assert states.items[-1].session_id == link.session_id
    # Credentials went out, masked in the trace.
    direction, invoke_id, xml = trace.items[0]
    start = csta.decode_xml(xml)
    assert (direction, invoke_id) == ("out", 1)
    assert isinstance(start, StartApplicationSession)
    assert start.login is not None
    assert start.login.user_name == "ctiuser"
    assert PASSWORD.encode() not in xml
    # Every socket the link opens has Nagle off.
    assert link._conn is not None
    assert link._conn.transport is not None
    sock = link._conn.transport.get_extra_info("socket")
    assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0

    session_id = link.session_id
    await link.stop()
    assert link.state is LinkState.STOPPED  # type: ignore[comparison-overlap]  # mypy kept the narrowing
    assert session_id not in sim.sessions  # StopApplicationSession ended it at once, no cleanup delay
    assert "StopApplicationSession" in [tag_of(x) for d, _, x in trace.items if d == "out"]
    with pytest.raises(LinkDown):
        await link.request(SnapshotDevice(snapshot_object=device(link, "101")))


async def test_wrong_credentials_are_refused_with_a_clear_error(sim: SimulatorServer) -> None:
    link = CstaLink(make_config(sim, password="wrong"))
    states = States()
    link.add_state_listener(states)
    with pytest.raises(LinkDown, match=r"sim0: StartApplicationSession refused: invalidApplicationInfo"):
        await link.start()
    assert link.state is LinkState.DOWN
    assert not sim.sessions
    await link.stop()
    assert states.sequence == [LinkState.CONNECTING, LinkState.DOWN, LinkState.STOPPED]


async def test_request_before_start_is_link_down(sim: SimulatorServer) -> None:
    link = CstaLink(make_config(sim))
    with pytest.raises(LinkDown, match="idle"):
        await link.request(SnapshotDevice(snapshot_object=device(link, "101")))


# ------------------------------------------------------------------------------------------ correlation


async def test_many_concurrent_requests_each_get_their_own_answer(link: CstaLink) -> None:
    """200 requests in parallel (device-ID queries, snapshots, monitors); each answer matches its request."""
    extensions = [str(n) for n in range(101, 111)]
    queries = [link.request(GetThirdPartyDeviceId(switch_name="CM", extension=extensions[i % 10])) for i in range(150)]
    snapshots = [link.request(SnapshotDevice(snapshot_object=device(link, extensions[i % 10]))) for i in range(40)]
    monitors = [link.monitor(ext) for ext in extensions]
    answers = await asyncio.gather(*queries, *snapshots, *monitors)

    for i, answer in enumerate(answers[:150]):
        assert isinstance(answer, GetThirdPartyDeviceIdResponse)
        assert link.extension_of(answer.device.value) == extensions[i % 10]
    assert all(isinstance(a, SnapshotDeviceResponse) for a in answers[150:190])
    assert link.monitored == frozenset(extensions)
    assert link._conn is not None
    assert link._conn.core.in_flight == 0


async def test_monitored_is_copied_only_when_it_changes(link: CstaLink) -> None:
    """The call tracker reads `monitored` for every event: with nothing changed the same set comes back (no copy
    of 20,000 extensions per event), and a monitor or an unmonitor shows at once."""
    await link.monitor("101")
    first = link.monitored
    assert link.monitored is first
    assert link.is_monitored("101")
    assert not link.is_monitored("102")
    await link.monitor("102")
    assert link.monitored == frozenset({"101", "102"})
    assert link.is_monitored("102")
    await link.unmonitor("101")
    assert link.monitored == frozenset({"102"})
    assert not link.is_monitored("101")
    with pytest.raises(CstaRequestError):
        await link.monitor("99999")
    assert link.monitored == frozenset({"102"})


async def test_invoke_ids_wrap_before_9999_on_the_wire(link: CstaLink) -> None:
    assert link._conn is not None
    link._conn.core._ids = InvokeIdAllocator(start=9997)
    trace = Trace()
    link.add_trace_listener(trace.record)
    for ext in ("101", "102", "103", "104"):
        answer = await link.request(GetThirdPartyDeviceId(switch_name="CM", extension=ext))
        assert isinstance(answer, GetThirdPartyDeviceIdResponse)
        assert link.extension_of(answer.device.value) == ext
    assert [i for d, i, _ in trace.items if d == "out"] == [9997, 9998, 1, 2]
    assert [i for d, i, _ in trace.items if d == "in"] == [9997, 9998, 1, 2]


@pytest.mark.parametrize(
    "number",
    ["6" * 70_000, "67\x0189", "67\ufffe89", "67\ud80089"],
    ids=["frame over 65535 bytes", "control character", "U+FFFE", "lone surrogate"],
)
async def test_request_that_cannot_be_framed_is_refused_before_sending(link: CstaLink, number: str) -> None:
    """Whatever slipped past validation never reaches the switch: nothing is written and the link stays up."""
    trace = Trace()
    link.add_trace_listener(trace.record)
    called = DeviceID(value=number, type_of_number=None, media_class=None)
    request = csta.MakeCall(calling_device=device(link, "101"), called_directory_number=called)
    with pytest.raises(RequestNotSendable, match="cannot send MakeCall"):
        await link.request(request)
    assert not [item for item in trace.items if item[0] == "out"]
    assert link.state is LinkState.UP
    answer = await link.request(GetThirdPartyDeviceId(switch_name="CM", extension="101"))
    assert isinstance(answer, GetThirdPartyDeviceIdResponse)


async def test_csta_error_becomes_a_typed_error(link: CstaLink) -> None:
    with pytest.raises(CstaRequestError) as info:
        await link.monitor("99999")
    assert info.value.error_class == "operation"
    assert info.value.value in ("invalidDeviceID", "invalidMonitorObject")
    assert "99999" not in link.monitored
    with pytest.raises(CstaRequestError) as stop_info:
        await link.request(MonitorStop(monitor_cross_ref_id="no-such-monitor"))
    assert stop_info.value.error.error_class == stop_info.value.error_class != ""


async def test_request_deadline_gives_link_timeout_and_the_late_answer_is_dropped(
    sim: SimulatorServer, link: CstaLink
) -> None:
    sim.faults.stall(None)
    started = time.monotonic()
    with pytest.raises(LinkTimeout, match=r"SnapshotDevice: no answer within 0.2s"):
        await link.request(SnapshotDevice(snapshot_object=device(link, "101")), timeout=0.2)
    assert 0.15 < time.monotonic() - started < 30  # not early; the upper bound only catches a hang
    sim.faults.resume()
    # The late answer matches nothing and is dropped; the link stays up and the next request is answered.
    answer = await link.request(SnapshotDevice(snapshot_object=device(link, "102")))
    assert isinstance(answer, SnapshotDeviceResponse)
    assert link.state is LinkState.UP


# ------------------------------------------------------------------------------------------ events


async def test_events_reach_listeners_with_the_extension(link: CstaLink) -> None:
    events = Events()
    link.add_event_listener(events)
    await asyncio.gather(link.monitor("101"), link.monitor("102"))
    await place_call(link, events, "101", "102")
    assert "DeliveredEvent" in events.kinds("102")
    assert "EstablishedEvent" in events.kinds("101")
    assert all(e.extension in ("101", "102") for e in events.items)
    assert all(e.received_at > 0 for e in events.items)

    await link.unmonitor("102")
    assert link.monitored == frozenset({"101"})


async def test_device_ids_and_extensions(link: CstaLink) -> None:
    resolved = await link.resolve_device_id("105")
    assert link.device_id("105") == resolved
    assert link.extension_of(resolved) == "105"
    assert link.extension_of("101:CM::0") == "101"
    assert link.extension_of("T13815#2") == "T13815#2"
    plain = CstaLink(make_config(*(), endpoints=(Endpoint("127.0.0.1", 1),), device_id_style="plain"))
    assert plain.device_id("101") == "101"
    assert plain.extension_of("101") == "101"


# ------------------------------------------------------------------------------------------ keep-alive


async def test_keepalive_at_half_the_session_duration(sim: SimulatorServer) -> None:
    link = CstaLink(make_config(sim, session_duration=2.0))
    trace, states = Trace(), States()
    link.add_trace_listener(trace.record)
    link.add_state_listener(states)
    await link.start()
    try:
        sent: list[float] = []

        def keepalive(item: tuple[str, int, bytes]) -> bool:
            if item[0] == "out" and tag_of(item[2]) == "ResetApplicationSessionTimer":
                sent.append(time.monotonic())
            return len(sent) >= 3

        started = time.monotonic()
        await trace.wait_for(keepalive)
        assert link.session_id is not None
        assert sim.sessions[link.session_id].keepalives >= 2
        gaps = [b - a for a, b in zip([started, *sent], sent, strict=False)]
        # Never early; late only within the session's 2 s, which a busy machine may eat into but not exceed.
        assert all(0.95 < gap < 2.0 for gap in gaps), gaps
        # The 2 s session never expired on the switch: the link stayed up the whole time.
        assert states.sequence == [LinkState.CONNECTING, LinkState.UP]
    finally:
        await link.stop()


# ------------------------------------------------------------------------------------------ TLS


def _self_signed(tmp_path: Path) -> tuple[Path, Path]:
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("neither the cryptography package nor the openssl command is available")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=localhost",
            "-addext",
            "subjectAltName=DNS:localhost,IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


async def test_tls(tmp_path: Path) -> None:
    cert, key = _self_signed(tmp_path)
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_context.load_cert_chain(cert, key)
    sim = await new_simulator(ssl=server_context)
    endpoint = Endpoint("127.0.0.1", sim.port, tls=True, ca_file=str(cert), server_hostname="localhost")
    link = CstaLink(make_config(sim, endpoints=(endpoint,)))
    try:
        await link.start()
        assert link._conn is not None
        assert link._conn.transport is not None
        assert link._conn.transport.get_extra_info("ssl_object") is not None
        sock = link._conn.transport.get_extra_info("socket")
        assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0
        answer = await link.request(GetThirdPartyDeviceId(switch_name="CM", extension="101"))
        assert isinstance(answer, GetThirdPartyDeviceIdResponse)
    finally:
        await link.stop()
        await sim.stop()


async def test_tls_refuses_an_untrusted_certificate(tmp_path: Path) -> None:
    cert, key = _self_signed(tmp_path)
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_context.load_cert_chain(cert, key)
    sim = await new_simulator(ssl=server_context)
    link = CstaLink(make_config(sim, endpoints=(Endpoint("127.0.0.1", sim.port, tls=True),)))
    try:
        with pytest.raises(LinkDown, match="CERTIFICATE_VERIFY_FAILED"):
            await link.start()
    finally:
        await link.stop()
        await sim.stop()


# ------------------------------------------------------------------------------ GetAgentLogin, the AES way


async def test_get_agent_login_gathers_the_agent_login_extension_events(sim: SimulatorServer) -> None:
    async with running_link(sim) as cw:
        await cw.request(
            csta.SetAgentState(
                device=csta.DeviceID(value="101"),
                requested_agent_state=csta.ReqAgentState.LOGGED_ON,
                agent_id="12345",
                password=b"67890",
                group=csta.DeviceID(value="201"),
            )
        )
        answer = await cw.request(csta.GetAgentLogin(device=csta.DeviceID(value="201")))
        assert isinstance(answer, csta.GetAgentLoginResponse)
        assert answer.agent_login_extension_list == ("101",)


async def test_get_agent_login_without_its_final_event_is_a_clear_timeout(sim: SimulatorServer) -> None:
    async with running_link(sim, request_timeout=2.0) as cw:
        sim.faults.delay_events()  # the response goes out, the AgentLoginExtensionEvent does not
        with pytest.raises(LinkTimeout, match="no final AgentLoginExtensionEvent within 2s"):
            await cw.request(csta.GetAgentLogin(device=csta.DeviceID(value="201")))
        sim.faults.release_events()
        # A round trip behind the late event: it arrives while no query collects, and is not taken for the next.
        await cw.request(csta.RequestSystemStatus())
        answer = await cw.request(csta.GetAgentLogin(device=csta.DeviceID(value="201")))
        assert isinstance(answer, csta.GetAgentLoginResponse)
        assert answer.agent_login_extension_list == ()


# ------------------------------------------------------------------------------ Callwire-defined services


@pytest.mark.parametrize("advertised", [True, False], ids=["simulator", "aes-like"])
async def test_callwire_defined_queries_go_only_to_a_switch_that_advertises_them(advertised: bool) -> None:
    async with running_simulator(advertise_callwire_services=advertised) as sim, running_link(sim) as cw:
        trace = Trace()
        cw.add_trace_listener(trace.record)
        query = csta.GetTrunkGroupInfo(device=csta.DeviceID(value="410"))
        if advertised:
            answer = await cw.request(query)
            assert isinstance(answer, csta.GetTrunkGroupInfoResponse)
            return
        with pytest.raises(NotSupportedBySwitch, match="does not advertise it"):
            await cw.request(query)
        await cw.request(csta.RequestSystemStatus())  # a round trip: anything sent before it is in the trace
        assert not any(b"GetTrunkGroupInfo" in xml for _, _, xml in trace.items)
