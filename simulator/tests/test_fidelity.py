"""The simulated switch as an independent AES client sees it: raw ECMA-323 XML over real TCP.

Each test sends the XML that open-source clients written against real AES servers send (not the codec's own
rendering), and checks the answer the way those clients read it. See the CSTA README, "Switch fidelity".
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from lxml import etree
from test_transport import RawClient, start_request

from callwire_csta import codec as csta
from callwire_sim.transport import SimulatorServer
from callwire_testkit.demo import demo_simulator

ECMA = "http://www.ecma-international.org/standards/ecma-323/csta/ed3"
AVAYA = "http://www.avaya.com/csta"


class XmlClient:
    """Frames of raw XML in and out over TCP; answers are parsed with lxml, as a foreign client would."""

    def __init__(self, raw: RawClient) -> None:
        self.raw = raw
        self.invoke = 0
        #: Events seen so far, as (monitorCrossRefID, root element local name).
        self.events: list[tuple[str, str]] = []
        self.event_docs: list[etree._Element] = []

    async def _frame(self) -> csta.Frame:
        while not self.raw.frames:
            data = await asyncio.wait_for(self.raw.reader.read(65536), 30)
            if not data:
                raise ConnectionError("closed by the simulator")
            self.raw.frames += self.raw.decoder.feed(data)
        return self.raw.frames.pop(0)

    async def call(self, xml: str) -> etree._Element:
        """Send one request; events that arrive before its answer are recorded; the answer's root is returned."""
        self.invoke += 1
        self.raw.writer.write(csta.encode_frame(self.invoke, xml.encode()))
        while True:
            frame = await self._frame()
            root = etree.fromstring(frame.payload)
            if frame.invoke_id == csta.EVENT_INVOKE_ID:
                xref = root.findtext(f"{{{root.nsmap.get(None, '')}}}monitorCrossRefID") or ""
                self.events.append((xref, etree.QName(root).localname))
                self.event_docs.append(root)
                continue
            assert frame.invoke_id == self.invoke
            return root

    async def settle(self) -> None:
        """Every event caused by earlier requests has arrived: AES-like, they precede the next answer."""
        await self.call(f'<RequestSystemStatus xmlns="{ECMA}"/>')

    def of(self, xref: str) -> list[str]:
        return [name for x, name in self.events if x == xref]


@pytest.fixture
async def server() -> AsyncIterator[SimulatorServer]:
    async with demo_simulator() as srv:
        yield srv


@pytest.fixture
async def client(server: SimulatorServer) -> AsyncIterator[XmlClient]:
    raw = await RawClient.connect(server.port)
    try:
        assert isinstance(await raw.call(1, start_request()), csta.StartApplicationSessionPosResponse)
        xc = XmlClient(raw)
        xc.invoke = 1
        yield xc
    finally:
        raw.close()


def local(el: etree._Element) -> str:
    return str(etree.QName(el).localname)


def text_of(root: etree._Element, path: str) -> str | None:
    """Text at a `/`-separated path of local names (namespaces ignored)."""
    node: etree._Element | None = root
    for part in path.split("/"):
        if node is None:
            return None
        node = next((c for c in node if isinstance(c.tag, str) and local(c) == part), None)
    return None if node is None else (node.text or "")


def monitor_start(device: str, filter_xml: str = "", private_xml: str = "") -> str:
    ext = f"<extensions><privateData><private>{private_xml}</private></privateData></extensions>" if private_xml else ""
    flt = f"<requestedMonitorFilter>{filter_xml}</requestedMonitorFilter>" if filter_xml else ""
    return (
        f'<MonitorStart xmlns="{ECMA}"><monitorObject><deviceObject typeOfNumber="other" mediaClass="notKnown">'
        f"{device}:CM::0</deviceObject></monitorObject>{flt}{ext}</MonitorStart>"
    )


def make_call(calling: str, called: str) -> str:
    return (
        f'<MakeCall xmlns="{ECMA}"><callingDevice>{calling}:CM::0</callingDevice>'
        f"<calledDirectoryNumber>{called}:CM::0</calledDirectoryNumber><autoOriginate>doNotPrompt</autoOriginate>"
        "</MakeCall>"
    )


def clear_call(call_id: str, device: str) -> str:
    return (
        f'<ClearCall xmlns="{ECMA}"><callToBeCleared><callID>{call_id}</callID>'
        f"<deviceID>{device}:CM::0</deviceID></callToBeCleared></ClearCall>"
    )


def answer_call(call_id: str, device: str) -> str:
    return (
        f'<AnswerCall xmlns="{ECMA}"><callToBeAnswered><callID>{call_id}</callID>'
        f"<deviceID>{device}:CM::0</deviceID></callToBeAnswered></AnswerCall>"
    )


# ----------------------------------------------------------------------------- 1. monitor filters


async def test_monitor_filter_suppresses_flagged_events_and_is_echoed(client: XmlClient) -> None:
    # ECMA meaning: true suppresses. The voice group means nothing to a station but must survive the echo.
    suppress = (
        "<callcontrol><callCleared>true</callCleared><serviceInitiated>true</serviceInitiated></callcontrol>"
        "<voice><play>true</play></voice>"
    )
    answer = await client.call(monitor_start("101", suppress))
    assert local(answer) == "MonitorStartResponse"
    xref_101 = text_of(answer, "monitorCrossRefID") or ""
    assert text_of(answer, "actualMonitorFilter/callcontrol/callCleared") == "true"
    assert text_of(answer, "actualMonitorFilter/callcontrol/serviceInitiated") == "true"
    assert text_of(answer, "actualMonitorFilter/voice/play") == "true"

    # Avaya invertFilter: true now means deliver, and everything not named is suppressed (private part too).
    deliver = "<callcontrol><delivered>true</delivered><established>true</established></callcontrol>"
    avaya = (
        f'<AvayaEvents xmlns="{AVAYA}"><invertFilter>true</invertFilter>'
        "<terminal><registered>true</registered></terminal></AvayaEvents>"
    )
    answer = await client.call(monitor_start("102", deliver, avaya))
    xref_102 = text_of(answer, "monitorCrossRefID") or ""
    assert text_of(answer, "actualMonitorFilter/callcontrol/delivered") == "true"
    assert (
        text_of(answer, "extensions/privateData/private/MonitorStartResponsePrivateData/usedFilter/invertFilter")
        == "true"
    )
    assert (
        text_of(answer, "extensions/privateData/private/MonitorStartResponsePrivateData/usedFilter/terminal/registered")
        == "true"
    )

    made = await client.call(make_call("101", "102"))
    call_id = text_of(made, "callingDevice/callID") or ""
    await client.call(answer_call(call_id, "102"))
    await client.call(clear_call(call_id, "101"))
    await client.settle()

    got_101 = client.of(xref_101)
    assert {"OriginatedEvent", "ConnectionClearedEvent"} <= set(got_101), got_101
    assert not {"ServiceInitiatedEvent", "CallClearedEvent"} & set(got_101), got_101
    got_102 = client.of(xref_102)
    assert set(got_102) == {"DeliveredEvent", "EstablishedEvent"}, got_102


# ----------------------------------------------------------------------------- 2. physical-device events

PHONE_EVENTS = {"HookswitchEvent", "LampModeEvent", "DisplayUpdatedEvent", "RingerStatusEvent", "ButtonPressEvent"}


def register_terminal(device: str, password: str = "") -> str:
    return (
        f'<RegisterTerminalRequest xmlns="{AVAYA}"><device typeOfNumber="other" mediaClass="notKnown">'
        f"{device}:CM::0</device><loginInfo><forceLogin>true</forceLogin><sharedControl>false</sharedControl>"
        f"<password>{password}</password><mediaMode>NONE</mediaMode><dependencyMode>MAIN</dependencyMode>"
        "</loginInfo></RegisterTerminalRequest>"
    )


async def test_phone_events_only_for_a_registered_terminal(client: XmlClient) -> None:
    xrefs = {}
    for ext in ("101", "103"):
        xrefs[ext] = text_of(await client.call(monitor_start(ext)), "monitorCrossRefID") or ""
    made = await client.call(make_call("101", "103"))
    call_id = text_of(made, "callingDevice/callID") or ""
    await client.call(clear_call(call_id, "101"))
    await client.settle()
    for ext in ("101", "103"):
        got = client.of(xrefs[ext])
        assert "DeliveredEvent" in got, got
        assert not PHONE_EVENTS & set(got), (ext, got)

    registered = await client.call(register_terminal("103"))
    assert local(registered) == "RegisterTerminalResponse"
    client.events.clear()
    made = await client.call(make_call("101", "103"))
    await client.call(clear_call(text_of(made, "callingDevice/callID") or "", "101"))
    await client.settle()
    assert {"RingerStatusEvent", "LampModeEvent", "DisplayUpdatedEvent"} <= set(client.of(xrefs["103"]))
    assert not PHONE_EVENTS & set(client.of(xrefs["101"])), "101 is not registered"


# ----------------------------------------------------------------------------- 3. RegisterTerminalResponse


async def test_register_terminal_response_as_dmcc_clients_read_it(client: XmlClient) -> None:
    # Success: device, signalingEncryption, code "1" (a public DMCC client reads children [1] and [2] so).
    ok = await client.call(register_terminal("101", "1234"))
    children = [local(c) for c in ok]
    assert children[:3] == ["device", "signalingEncryption", "code"], children
    assert text_of(ok, "code") == "1"
    # Failure: no signalingEncryption; code and reason follow the device.
    refused = await client.call(register_terminal("102", "9999"))
    children = [local(c) for c in refused]
    assert children == ["device", "code", "reason"], children
    assert text_of(refused, "code") != "1"
    assert "security code" in (text_of(refused, "reason") or "")


# ----------------------------------------------------------------------------- 4. unknown requests

#: ECMA-323 ed3 `OperationErrors` values (the structure file's enum), for checking that an answer is one.
OPERATION_ERRORS = {"serviceNotSupported", "invalidParameterValue", "generic", "requestIncompatibleWithObject"}


async def test_unknown_request_is_answered_with_an_ecma_operation_error(client: XmlClient) -> None:
    for request in (
        f'<NoSuchService xmlns="{ECMA}"><device>101</device></NoSuchService>',  # not a CSTA service
        f'<MonitorStopResponse xmlns="{ECMA}"/>',  # a known message, but not a request
    ):
        answer = await client.call(request)
        assert local(answer) == "CSTAErrorCode"
        assert text_of(answer, "operation") == "serviceNotSupported", etree.tostring(answer)
    # Malformed content of a known service is a parameter error, also an OperationErrors value.
    answer = await client.call(f'<MakeCall xmlns="{ECMA}"><calledDirectoryNumber>1</calledDirectoryNumber></MakeCall>')
    assert text_of(answer, "operation") in OPERATION_ERRORS
    # The session is still usable afterwards.
    assert local(await client.call(monitor_start("101"))) == "MonitorStartResponse"


# ----------------------------------------------------------------------------- 5. tolerance AES shows

SESSION = "http://www.ecma-international.org/standards/ecma-354/appl_session"


def start_session_xml(login_ns: str | None) -> str:
    """StartApplicationSession as clients write it; `login_ns` None leaves SessionLoginInfo in the default one."""
    xmlns = f' xmlns="{login_ns}"' if login_ns is not None else ""
    return (
        f'<StartApplicationSession xmlns="{SESSION}"><applicationInfo><applicationID>TestApp</applicationID>'
        f"<applicationSpecificInfo><SessionLoginInfo{xmlns}><userName>ctiuser</userName>"
        "<password>ctipass</password><sessionCleanupDelay>60</sessionCleanupDelay></SessionLoginInfo>"
        "</applicationSpecificInfo></applicationInfo>"
        "<requestedProtocolVersions><protocolVersion>http://www.ecma-international.org/standards/ecma-323/csta/ed3"
        "/priv2</protocolVersion></requestedProtocolVersions><requestedSessionDuration>180</requestedSessionDuration>"
        "</StartApplicationSession>"
    )


@pytest.mark.parametrize("login_ns", [None, ""], ids=["session-namespace", "no-namespace"])
async def test_session_login_without_the_avaya_namespace_is_accepted(
    server: SimulatorServer, login_ns: str | None, caplog: pytest.LogCaptureFixture
) -> None:
    raw = await RawClient.connect(server.port)
    try:
        xc = XmlClient(raw)
        with caplog.at_level("INFO", logger="callwire.sim.transport"):
            answer = await xc.call(start_session_xml(login_ns))
        assert local(answer) == "StartApplicationSessionPosResponse", etree.tostring(answer)
        assert "SessionLoginInfo" in caplog.text
        assert AVAYA in caplog.text  # the log says which namespace it should have had
        assert "bad credentials" not in caplog.text
    finally:
        raw.close()


async def test_requests_in_no_namespace_are_accepted(client: XmlClient, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level("INFO", logger="callwire.sim.transport"):
        answer = await client.call(
            "<MonitorStart><monitorObject><deviceObject>101:CM::0</deviceObject></monitorObject></MonitorStart>"
        )
    assert local(answer) == "MonitorStartResponse", etree.tostring(answer)
    assert "<MonitorStart>" in caplog.text
    answer = await client.call("<GetDeviceId><switchName>CM</switchName><extension>101</extension></GetDeviceId>")
    assert local(answer) == "GetDeviceIdResponse", etree.tostring(answer)


async def test_get_device_id_accepts_the_switch_address_as_switch_name(client: XmlClient) -> None:
    answer = await client.call(
        f'<GetDeviceId xmlns="{AVAYA}"><switchName>192.0.2.1</switchName><extension>101</extension></GetDeviceId>'
    )
    assert local(answer) == "GetDeviceIdResponse", etree.tostring(answer)
    assert text_of(answer, "device") == "101:CM:192.0.2.1:0"
    refused = await client.call(
        f'<GetDeviceId xmlns="{AVAYA}"><switchName>198.51.100.7</switchName><extension>101</extension></GetDeviceId>'
    )
    assert text_of(refused, "operation") == "invalidDeviceID"


# ----------------------------------------------------------------------------- 8. unassigned numbers


async def test_make_call_to_an_unassigned_number_fails_the_call_as_cm_does(client: XmlClient) -> None:
    xref = text_of(await client.call(monitor_start("101")), "monitorCrossRefID") or ""
    made = await client.call(make_call("101", "1999"))
    assert local(made) == "MakeCallResponse", etree.tostring(made)
    call_id = text_of(made, "callingDevice/callID") or ""
    await client.settle()
    assert client.of(xref) == ["ServiceInitiatedEvent", "FailedEvent"]
    failed = client.event_docs[-1]
    assert text_of(failed, "failingDevice/deviceIdentifier") == "1999"
    assert text_of(failed, "cause") == "destNotObtainable"
    # The caller hears intercept until it hangs up.
    cleared = await client.call(
        f'<ClearConnection xmlns="{ECMA}"><connectionToBeCleared><callID>{call_id}</callID>'
        "<deviceID>101:CM::0</deviceID></connectionToBeCleared></ClearConnection>"
    )
    assert local(cleared) == "ClearConnectionResponse"
    await client.settle()
    assert client.of(xref)[-1] == "ConnectionClearedEvent"


async def test_make_call_errors_name_the_party_that_was_wrong(client: XmlClient) -> None:
    answer = await client.call(make_call("999", "102"))
    assert text_of(answer, "operation") == "invalidCallingDeviceID"
    answer = await client.call(make_call("101", "12a"))
    assert text_of(answer, "operation") == "invalidCalledDeviceID"


# ----------------------------------------------------------------------------- 6. agent queries


async def test_get_agent_login_answers_empty_then_agent_login_extension_events(client: XmlClient) -> None:
    login = (
        f'<SetAgentState xmlns="{ECMA}"><device>101:CM::0</device><requestedAgentState>loggedOn'
        "</requestedAgentState><agentID>12345</agentID><password>3637383930</password><group>201</group>"
        "</SetAgentState>"
    )
    assert local(await client.call(login)) == "SetAgentStateResponse"
    session_monitor = await client.call(
        f'<MonitorStart xmlns="{ECMA}"><monitorObject><deviceObject/></monitorObject></MonitorStart>'
    )
    xref = text_of(session_monitor, "monitorCrossRefID") or ""
    answer = await client.call(f'<GetAgentLogin xmlns="{AVAYA}"><device>201:CM::0</device></GetAgentLogin>')
    assert local(answer) == "GetAgentLoginResponse"
    assert len(answer) == 0, etree.tostring(answer)  # empty, as in the Avaya schema
    await client.settle()
    assert client.of(xref) == ["AgentLoginExtensionEvent"]
    event = client.event_docs[-1]
    extensions = [e.text for e in event.iter() if isinstance(e.tag, str) and local(e) == "agentExtension"]
    assert extensions == ["101"]
    assert text_of(event, "isFinalResponse") == "true"


# ----------------------------------------------------------------------------- 7. Callwire-defined queries


async def test_session_start_advertises_the_callwire_defined_services(server: SimulatorServer) -> None:
    raw = await RawClient.connect(server.port)
    try:
        answer = await XmlClient(raw).call(start_session_xml(AVAYA))
        services = [e.text for e in answer.iter() if isinstance(e.tag, str) and local(e) == "service"]
        assert services == ["GetCallClassifierInfo", "GetDeviceInfo", "GetTrunkGroupInfo"]
        assert etree.QName(next(e for e in answer.iter() if local(e) == "CallwireServices")).namespace == (
            "urn:callwire:csta"
        )
    finally:
        raw.close()
