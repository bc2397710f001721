"""AdminService over a real gRPC port: the console's abilities, API keys, settings, links, live trace."""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path

import grpc
import pytest
from grpc_stack import Stack

from callwire.admin.v1 import enums_pb2, message_pb2, service_pb2_grpc
from callwire.admin.v1 import request_response_pb2 as rr
from callwire.agent.v1 import request_response_pb2 as agent_rr
from callwire.agent.v1 import service_pb2_grpc as agent_grpc
from callwire.common.v1 import enums_pb2 as common_enums
from callwire.station.v1 import request_response_pb2 as station_rr
from callwire.station.v1 import service_pb2_grpc as station_grpc
from callwire_csta.link import LinkState
from callwire_csta.link import _link as link_module
from callwire_server.cli import _ctl
from callwire_server.errors import CallwireError
from callwire_server.tracefile import TraceFrame, load
from callwire_testkit import expect_error, until
from callwire_testkit.demo import DEMO_STATIONS


@pytest.fixture
def admin(stack: Stack) -> service_pb2_grpc.AdminServiceStub:
    return service_pb2_grpc.AdminServiceStub(stack.channel)


def stored(listed: rr.ListExtensionsResponse) -> list[tuple[str, bool]]:
    return [(e.extension, e.monitored) for e in listed.extensions if e.source == enums_pb2.EXTENSION_SOURCE_STORE]


async def test_add_list_delete_extension_applies_live(stack: Stack, admin: service_pb2_grpc.AdminServiceStub) -> None:
    added = await admin.AddExtension(rr.AddExtensionRequest(extension="111"))
    assert added.extension == message_pb2.MonitoredExtension(
        extension="111",
        monitored=True,
        source=enums_pb2.EXTENSION_SOURCE_STORE,
        monitor_state=enums_pb2.MONITOR_STATE_MONITORED,
    )
    assert "111" in stack.core.link.monitored
    assert stored(await admin.ListExtensions(rr.ListExtensionsRequest())) == [("111", True)]
    await expect_error(
        admin.AddExtension(rr.AddExtensionRequest(extension="111")), grpc.StatusCode.ALREADY_EXISTS, "ALREADY_EXISTS"
    )
    await admin.DeleteExtension(rr.DeleteExtensionRequest(extension="111"))
    assert "111" not in stack.core.link.monitored
    assert stored(await admin.ListExtensions(rr.ListExtensionsRequest())) == []
    info = await expect_error(
        admin.DeleteExtension(rr.DeleteExtensionRequest(extension="111")), grpc.StatusCode.NOT_FOUND, "NOT_FOUND"
    )
    assert info.metadata["field"] == "extension"


async def test_add_unknown_extension_is_refused_and_not_kept(admin: service_pb2_grpc.AdminServiceStub) -> None:
    info = await expect_error(
        admin.AddExtension(rr.AddExtensionRequest(extension="99999")), grpc.StatusCode.NOT_FOUND, "UNKNOWN_EXTENSION"
    )
    assert info.metadata["csta_value"] == "invalidDeviceID"
    listed = await admin.ListExtensions(rr.ListExtensionsRequest())
    assert "99999" not in [e.extension for e in listed.extensions]
    info = await expect_error(
        admin.AddExtension(rr.AddExtensionRequest(extension="")), grpc.StatusCode.INVALID_ARGUMENT, "INVALID_ARGUMENT"
    )
    assert info.metadata["field"] == "extension"


async def test_list_extensions_shows_the_effective_set_with_sources_and_states(
    stack: Stack, admin: service_pb2_grpc.AdminServiceStub
) -> None:
    """The configuration's stations, the store's entries and run-time monitors, not only the store's list."""
    await admin.AddExtension(rr.AddExtensionRequest(extension="111"))
    await stack.core.monitor("41101")  # as StartMonitor or a phantom call does: until a restart
    await stack.core.store.add_extension("99999")  # in the store, but the switch does not know it
    with pytest.raises(CallwireError):
        await stack.core.monitor("99999")
    listed = (await admin.ListExtensions(rr.ListExtensionsRequest())).extensions
    by_extension = {e.extension: e for e in listed}
    assert [e.extension for e in listed] == sorted(by_extension, key=int)  # numeric order: 101 ... 66910, 99999
    configured = [e for e in listed if e.source == enums_pb2.EXTENSION_SOURCE_CONFIG]
    assert [e.extension for e in configured] == list(DEMO_STATIONS)
    assert {(e.monitor_state, e.monitored, e.reason) for e in configured} == {
        (enums_pb2.MONITOR_STATE_MONITORED, True, "")
    }
    assert by_extension["111"].source == enums_pb2.EXTENSION_SOURCE_STORE
    assert by_extension["111"].monitor_state == enums_pb2.MONITOR_STATE_MONITORED
    assert by_extension["41101"].source == enums_pb2.EXTENSION_SOURCE_RUNTIME
    assert by_extension["41101"].monitor_state == enums_pb2.MONITOR_STATE_MONITORED
    failed = by_extension["99999"]
    assert (failed.source, failed.monitor_state, failed.monitored) == (
        enums_pb2.EXTENSION_SOURCE_STORE,
        enums_pb2.MONITOR_STATE_FAILED,
        False,
    )
    assert "invalidDeviceID" in failed.reason
    assert set(by_extension) == {*DEMO_STATIONS, "111", "41101", "99999"}


async def test_access_rules_as_the_console_whitelist_and_blacklist(admin: service_pb2_grpc.AdminServiceStub) -> None:
    allow = message_pb2.AccessRule(kind=enums_pb2.ACCESS_RULE_KIND_ALLOW, address="10.10.1.220", name="webServerA")
    deny = message_pb2.AccessRule(kind=enums_pb2.ACCESS_RULE_KIND_DENY, address="10.10.1.0/24", name="lan")
    assert (await admin.AddAccessRule(rr.AddAccessRuleRequest(rule=allow))).rule == allow
    assert (await admin.AddAccessRule(rr.AddAccessRuleRequest(rule=deny))).rule.address == "10.10.1.0/24"
    rules = (await admin.ListAccessRules(rr.ListAccessRulesRequest())).rules
    assert {(r.kind, r.address, r.name) for r in rules} == {
        (enums_pb2.ACCESS_RULE_KIND_ALLOW, "10.10.1.220", "webServerA"),
        (enums_pb2.ACCESS_RULE_KIND_DENY, "10.10.1.0/24", "lan"),
    }
    await expect_error(
        admin.AddAccessRule(rr.AddAccessRuleRequest(rule=allow)), grpc.StatusCode.ALREADY_EXISTS, "ALREADY_EXISTS"
    )
    bad = message_pb2.AccessRule(kind=enums_pb2.ACCESS_RULE_KIND_DENY, address="not-an-ip")
    info = await expect_error(
        admin.AddAccessRule(rr.AddAccessRuleRequest(rule=bad)), grpc.StatusCode.INVALID_ARGUMENT, "INVALID_ARGUMENT"
    )
    assert "address" in info.metadata["field"]
    no_kind = message_pb2.AccessRule(address="10.0.0.1")
    await expect_error(
        admin.AddAccessRule(rr.AddAccessRuleRequest(rule=no_kind)), grpc.StatusCode.INVALID_ARGUMENT, "INVALID_ARGUMENT"
    )
    await admin.DeleteAccessRule(
        rr.DeleteAccessRuleRequest(address="10.10.1.220", kind=enums_pb2.ACCESS_RULE_KIND_ALLOW)
    )
    await expect_error(
        admin.DeleteAccessRule(rr.DeleteAccessRuleRequest(address="10.10.1.220")),
        grpc.StatusCode.NOT_FOUND,
        "NOT_FOUND",
    )


async def test_address_map_and_my_extension(admin: service_pb2_grpc.AdminServiceStub) -> None:
    await expect_error(admin.GetMyExtension(rr.GetMyExtensionRequest()), grpc.StatusCode.NOT_FOUND, "NOT_FOUND")
    mapping = message_pb2.AddressMapping(address="127.0.0.1", extension="66711")
    await admin.SetAddressMapping(rr.SetAddressMappingRequest(mapping=mapping))
    mine = await admin.GetMyExtension(rr.GetMyExtensionRequest())  # the caller's own address
    assert (mine.extension, mine.address) == ("66711", "127.0.0.1")
    other = message_pb2.AddressMapping(address="10.1.1.9", extension="101")
    await admin.SetAddressMapping(rr.SetAddressMappingRequest(mapping=other))
    assert (await admin.GetMyExtension(rr.GetMyExtensionRequest(address="10.1.1.9"))).extension == "101"
    listed = await admin.ListAddressMappings(rr.ListAddressMappingsRequest())
    assert {(m.address, m.extension) for m in listed.mappings} == {("127.0.0.1", "66711"), ("10.1.1.9", "101")}
    await admin.DeleteAddressMapping(rr.DeleteAddressMappingRequest(address="10.1.1.9"))
    await expect_error(
        admin.DeleteAddressMapping(rr.DeleteAddressMappingRequest(address="10.1.1.9")),
        grpc.StatusCode.NOT_FOUND,
        "NOT_FOUND",
    )


async def test_settings_secrets_are_write_only_and_validated(admin: service_pb2_grpc.AdminServiceStub) -> None:
    encrypted = (await admin.EncryptPassword(rr.EncryptPasswordRequest(password="p@ssword"))).encrypted_password
    assert encrypted
    assert "p@ssword" not in encrypted
    link_value = f"aes2.example.net:4722:tls,ctiuser,{encrypted}"
    updated = await admin.UpdateSetting(rr.UpdateSettingRequest(name="aes_link_02", value=link_value))
    assert updated.setting.secret
    assert updated.setting.value == ""
    assert updated.setting.restart_required
    await admin.UpdateSetting(rr.UpdateSettingRequest(name="user_data_max_size", value="2048"))
    settings = {s.name: s for s in (await admin.ListSettings(rr.ListSettingsRequest())).settings}
    assert settings["aes_link_02"].value_set
    assert settings["aes_link_02"].value == ""
    assert settings["user_data_max_size"].value == "2048"
    assert not settings["aes_link_03"].value_set
    await expect_error(
        admin.UpdateSetting(rr.UpdateSettingRequest(name="ivr_bogus", value="1")),
        grpc.StatusCode.NOT_FOUND,
        "NOT_FOUND",
    )
    info = await expect_error(
        admin.UpdateSetting(rr.UpdateSettingRequest(name="user_data_max_size", value="lots")),
        grpc.StatusCode.INVALID_ARGUMENT,
        "INVALID_ARGUMENT",
    )
    assert info.metadata["field"] == "value"
    await expect_error(
        admin.UpdateSetting(rr.UpdateSettingRequest(name="aes_link_01", value="h:1,u,not-encrypted")),
        grpc.StatusCode.INVALID_ARGUMENT,
        "INVALID_ARGUMENT",
    )
    await expect_error(
        admin.EncryptPassword(rr.EncryptPasswordRequest()), grpc.StatusCode.INVALID_ARGUMENT, "INVALID_ARGUMENT"
    )


async def test_console_credentials_use_genpass_output(admin: service_pb2_grpc.AdminServiceStub) -> None:
    token = (await admin.EncryptPassword(rr.EncryptPasswordRequest(password="tcpgate01"))).encrypted_password
    check = rr.VerifyConsoleCredentialsRequest
    assert (await admin.VerifyConsoleCredentials(check(username="tcpgate", encrypted_password=token))).valid
    assert not (await admin.VerifyConsoleCredentials(check(username="other", encrypted_password=token))).valid
    wrong = (await admin.EncryptPassword(rr.EncryptPasswordRequest(password="nope"))).encrypted_password
    assert not (await admin.VerifyConsoleCredentials(check(username="tcpgate", encrypted_password=wrong))).valid
    assert not (await admin.VerifyConsoleCredentials(check(username="tcpgate", encrypted_password="garbage"))).valid
    await expect_error(
        admin.VerifyConsoleCredentials(check(username="tcpgate")), grpc.StatusCode.INVALID_ARGUMENT, "INVALID_ARGUMENT"
    )


async def test_api_keys_create_list_revoke(admin: service_pb2_grpc.AdminServiceStub) -> None:
    created = await admin.CreateApiKey(
        rr.CreateApiKeyRequest(name="desk-101", role=enums_pb2.API_KEY_ROLE_AGENT, extensions=["101"])
    )
    assert created.secret.startswith("cw_")
    assert created.key.key_id in created.secret
    assert list(created.key.extensions) == ["101"]
    listed = (await admin.ListApiKeys(rr.ListApiKeysRequest())).keys
    assert [k.key_id for k in listed] == [created.key.key_id]
    assert all(created.secret not in str(k) for k in listed)
    await expect_error(
        admin.CreateApiKey(rr.CreateApiKeyRequest(name="x")), grpc.StatusCode.INVALID_ARGUMENT, "INVALID_ARGUMENT"
    )
    await admin.RevokeApiKey(rr.RevokeApiKeyRequest(key_id=created.key.key_id))
    assert (await admin.ListApiKeys(rr.ListApiKeysRequest())).keys == []
    await expect_error(
        admin.RevokeApiKey(rr.RevokeApiKeyRequest(key_id=created.key.key_id)), grpc.StatusCode.NOT_FOUND, "NOT_FOUND"
    )


async def test_server_info_and_links(stack: Stack, admin: service_pb2_grpc.AdminServiceStub) -> None:
    info = await admin.GetServerInfo(rr.GetServerInfoRequest())
    assert info.version.startswith("Callwire ")
    assert info.start_time.seconds > 0
    assert info.instance_id
    links = (await admin.ListLinks(rr.ListLinksRequest())).links
    assert len(links) == 1
    assert links[0].name == "sim"
    assert links[0].state == common_enums.LINK_STATE_UP
    assert links[0].endpoint == f"tcp://127.0.0.1:{stack.sim.port}"
    assert links[0].session_id == stack.core.link.session_id
    assert links[0].state_change_time.seconds >= info.start_time.seconds  # when the link came up
    assert links[0].last_error == ""


async def test_a_link_that_went_down_shows_when_and_why_after_it_is_back(
    stack: Stack, admin: service_pb2_grpc.AdminServiceStub
) -> None:
    (before,) = (await admin.ListLinks(rr.ListLinksRequest())).links
    states: list[LinkState] = []
    stack.core.link.add_state_listener(lambda change: states.append(change.state))
    stack.sim.faults.drop_connections()
    await until(lambda: LinkState.DOWN in states and stack.core.link.state is LinkState.UP, what="down, then up")
    (after,) = (await admin.ListLinks(rr.ListLinksRequest())).links
    assert after.state == common_enums.LINK_STATE_UP
    assert after.last_error  # why it went down, still shown now that it is back
    assert after.state_change_time.ToNanoseconds() > before.state_change_time.ToNanoseconds()


async def test_protocol_trace_streams_frames_of_the_requested_devices(
    stack: Stack, admin: service_pb2_grpc.AdminServiceStub
) -> None:
    trace = admin.StreamProtocolTrace(rr.StreamProtocolTraceRequest(devices=["103"]))
    station = station_grpc.StationServiceStub(stack.channel)

    async def provoke() -> None:
        # The trace subscription is in place: no frame after this is missed (the server has no "subscribed" signal).
        await until(lambda: stack.core.trace_subscribers, what="the trace subscribed")
        await station.SetMessageWaiting(station_rr.SetMessageWaitingRequest(extension="104", enabled=True))
        await station.SetMessageWaiting(station_rr.SetMessageWaitingRequest(extension="103", enabled=True))

    task = asyncio.create_task(provoke())
    frames = []
    try:
        async with asyncio.timeout(60):
            async for frame in trace:
                frames.append(frame)
                if len(frames) == 2:  # the request and its response
                    break
    finally:
        trace.cancel()
        await task
    sent, received = frames
    assert sent.direction == enums_pb2.TRACE_DIRECTION_SENT
    assert "<SetMessageWaitingIndicator" in sent.xml
    assert "103" in sent.xml
    assert received.direction == enums_pb2.TRACE_DIRECTION_RECEIVED
    assert received.invoke_id == sent.invoke_id
    assert len(sent.invoke_id) == 4
    assert sent.link == "sim"


async def test_monitor_failures_are_remembered_within_a_bound(stack: Stack, monkeypatch: pytest.MonkeyPatch) -> None:
    """Any client may ask to monitor unknown numbers; the reasons kept for ListExtensions stay bounded."""
    monkeypatch.setattr(link_module, "MONITOR_FAILURES_KEPT", 3)
    unknown = [f"9999{n}" for n in range(5)]
    for extension in unknown:
        with pytest.raises(CallwireError):
            await stack.core.monitor(extension)
    kept = [e for e in unknown if stack.core.link.monitor_failure(e) is not None]
    assert kept == unknown[-3:]
    assert "invalidDeviceID" in (stack.core.link.monitor_failure(unknown[-1]) or "")


async def test_while_the_link_is_down_the_monitored_set_is_pending(
    stack: Stack, admin: service_pb2_grpc.AdminServiceStub
) -> None:
    async def link_reaches(state: LinkState) -> None:
        await until(lambda: stack.core.link.state is state, what=f"link {state.value}")

    async def states() -> set[tuple[int, str]]:
        listed = (await admin.ListExtensions(rr.ListExtensionsRequest())).extensions
        assert [e.extension for e in listed] == list(DEMO_STATIONS)
        return {(e.monitor_state, e.reason) for e in listed}

    stack.sim.faults.refuse_connections(True)
    stack.sim.faults.drop_connections()
    try:
        await link_reaches(LinkState.DOWN)
        assert await states() == {(enums_pb2.MONITOR_STATE_PENDING, "link down")}
    finally:
        stack.sim.faults.refuse_connections(False)
    await link_reaches(LinkState.UP)  # reported once every monitor is restored
    assert await states() == {(enums_pb2.MONITOR_STATE_MONITORED, "")}


async def test_ctl_trace_save_writes_masked_json_lines(
    stack: Stack, admin: service_pb2_grpc.AdminServiceStub, tmp_path: Path
) -> None:
    saved = tmp_path / "capture.jsonl"
    ctl = asyncio.create_task(_ctl(admin, ["trace", "on"], (), save=str(saved)))
    agents = agent_grpc.AgentServiceStub(stack.channel)
    try:
        # The trace subscription is in place: no frame after this is missed (the server has no "subscribed" signal).
        await until(lambda: stack.core.trace_subscribers, what="the trace subscribed")
        await agents.Login(agent_rr.LoginRequest(extension="101", agent_id="12345", password="67890", split="201"))
        async with asyncio.timeout(30):  # the SetAgentState request and its answer are on disk
            frames: list[TraceFrame] = []
            while not any(
                "SetAgentStateResponse" in f.xml for f in frames
            ):  # polled: nothing signals a write to the file
                await asyncio.sleep(0.01)
                frames = load(saved) if saved.exists() else []
    finally:
        ctl.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await ctl
    request = next(f for f in frames if "<SetAgentState" in f.xml)
    assert request.direction == "sent"
    assert len(request.invoke_id) == 4
    assert request.link == "sim"
    assert "<password>***</password>" in request.xml
    assert "3637383930" not in saved.read_text()  # the agent password, hex-encoded on the wire
    answer = next(f for f in frames if "SetAgentStateResponse" in f.xml)
    assert (answer.direction, answer.invoke_id) == ("received", request.invoke_id)


async def test_the_link_traces_frames_only_while_a_protocol_trace_is_open(
    stack: Stack, admin: service_pb2_grpc.AdminServiceStub
) -> None:
    """Redacting and copying every frame for a trace nobody reads cost ~5% of a 20,000-station start-up."""
    link = stack.core.link
    assert not link._trace_listeners
    trace = admin.StreamProtocolTrace(rr.StreamProtocolTraceRequest())
    reader = asyncio.ensure_future(trace.read())
    try:
        await until(lambda: link._trace_listeners, what="the link traced for the open trace")
    finally:
        trace.cancel()
        with contextlib.suppress(asyncio.CancelledError, grpc.aio.AioRpcError):
            await reader
    await until(lambda: not link._trace_listeners, what="no tracing once the trace ended")
