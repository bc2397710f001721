"""QueryService through a real gRPC port against the simulated demo site."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import grpc
import pytest

from callwire.common.v1 import enums_pb2 as common_enums
from callwire.query.v1 import enums_pb2, service_pb2_grpc
from callwire.query.v1 import request_response_pb2 as rr
from callwire.station.v1 import enums_pb2 as station_enums
from callwire.station.v1 import request_response_pb2 as station_rr
from callwire.station.v1 import service_pb2_grpc as station_grpc
from callwire_csta import codec as csta
from callwire_server.services.query import full_year
from callwire_testkit import expect_error

if TYPE_CHECKING:
    from grpc_stack import Stack


def query(stack: Stack) -> service_pb2_grpc.QueryServiceStub:
    return service_pb2_grpc.QueryServiceStub(stack.channel)


async def make_call(stack: Stack, caller: str, destination: str) -> str:
    """A call from `caller` (through the core, as CallControlService would); its call ID."""
    answer = await stack.core.invoke(
        csta.MakeCall(
            calling_device=stack.core.device_id(caller), called_directory_number=csta.DeviceID(value=destination)
        )
    )
    assert isinstance(answer, csta.MakeCallResponse)
    assert answer.calling_device.call_id
    return answer.calling_device.call_id


async def login_agent(stack: Stack, extension: str, agent_id: str, ready: bool) -> None:
    await stack.core.invoke(
        csta.SetAgentState(
            device=stack.core.device_id(extension),
            requested_agent_state=csta.ReqAgentState.LOGGED_ON,
            agent_id=agent_id,
            password=b"67890",
            group=csta.DeviceID(value="201"),
        )
    )
    if ready:
        await stack.core.invoke(
            csta.SetAgentState(
                device=stack.core.device_id(extension),
                requested_agent_state=csta.ReqAgentState.READY,
                extensions=csta.private(csta.SetAgentStatePrivateData(work_mode=csta.WorkMode.MANUAL_IN)),
            )
        )


# ------------------------------------------------------------------------------------- switch-wide queries


async def test_acd_split_counts_agents(stack: Stack) -> None:
    q = query(stack)
    empty = await q.GetAcdSplit(rr.GetAcdSplitRequest(split="201"))
    assert (empty.agents_available, empty.calls_in_queue, empty.agents_logged_on) == (0, 0, 0)
    await login_agent(stack, "101", "12345", ready=True)
    await login_agent(stack, "102", "12346", ready=False)
    answer = await q.GetAcdSplit(rr.GetAcdSplitRequest(split="201"))
    assert (answer.agents_available, answer.calls_in_queue, answer.agents_logged_on) == (1, 0, 2)


async def test_acd_split_errors(stack: Stack) -> None:
    q = query(stack)
    info = await expect_error(
        q.GetAcdSplit(rr.GetAcdSplitRequest(split="299")), grpc.StatusCode.NOT_FOUND, "UNKNOWN_EXTENSION"
    )
    assert info.metadata["extension"] == "299"
    info = await expect_error(
        q.GetAcdSplit(rr.GetAcdSplitRequest()), grpc.StatusCode.INVALID_ARGUMENT, "INVALID_ARGUMENT"
    )
    assert info.metadata["field"] == "split"


async def test_call_classifier_ports(stack: Stack) -> None:
    answer = await query(stack).GetCallClassifier(rr.GetCallClassifierRequest())
    assert (answer.idle_ports, answer.in_use_ports) == (444, 0)


async def test_time_of_day_has_a_four_digit_year(stack: Stack) -> None:
    before = time.localtime()
    answer = await query(stack).GetTimeOfDay(rr.GetTimeOfDayRequest())
    after = time.localtime()
    assert answer.year in (before.tm_year, after.tm_year)
    assert answer.month in (before.tm_mon, after.tm_mon)
    assert answer.day in (before.tm_mday, after.tm_mday)
    assert 0 <= answer.hour < 24
    assert 0 <= answer.minute < 60
    assert 0 <= answer.second < 62


def test_full_year_picks_the_nearest_century() -> None:
    now = time.mktime((2026, 6, 1, 12, 0, 0, 0, 0, -1))
    assert full_year(26, now) == 2026
    assert full_year(99, now) == 1999
    assert full_year(70, now) == 2070
    assert full_year(2031, now) == 2031


async def test_trunk_group_counts_follow_an_outside_call(stack: Stack) -> None:
    q = query(stack)
    idle = await q.GetTrunkGroup(rr.GetTrunkGroupRequest(trunk_group="410"))
    assert (idle.idle_trunks, idle.used_trunks) == (92, 0)
    await make_call(stack, "101", "67896789")
    busy = await q.GetTrunkGroup(rr.GetTrunkGroupRequest(trunk_group="410"))
    assert (busy.idle_trunks, busy.used_trunks) == (91, 1)  # the reference's example answer
    inbound = await q.GetTrunkGroup(rr.GetTrunkGroupRequest(trunk_group="5"))
    assert (inbound.idle_trunks, inbound.used_trunks) == (120, 0)


async def test_trunk_group_errors(stack: Stack) -> None:
    q = query(stack)
    info = await expect_error(
        q.GetTrunkGroup(rr.GetTrunkGroupRequest(trunk_group="999")), grpc.StatusCode.NOT_FOUND, "UNKNOWN_EXTENSION"
    )
    assert info.metadata["extension"] == "999"
    info = await expect_error(
        q.GetTrunkGroup(rr.GetTrunkGroupRequest(trunk_group=" ")), grpc.StatusCode.INVALID_ARGUMENT, "INVALID_ARGUMENT"
    )
    assert info.metadata["field"] == "trunk_group"


# ------------------------------------------------------------------------------------------ device queries


async def test_device_name(stack: Stack) -> None:
    q = query(stack)
    assert (await q.GetDeviceName(rr.GetDeviceNameRequest(device="101"))).name == "Peter"
    assert (await q.GetDeviceName(rr.GetDeviceNameRequest(device="2001"))).name == "Sales VDN"
    info = await expect_error(
        q.GetDeviceName(rr.GetDeviceNameRequest(device="999")), grpc.StatusCode.NOT_FOUND, "UNKNOWN_EXTENSION"
    )
    assert info.metadata["extension"] == "999"
    assert info.metadata["csta_value"] == "invalidDeviceID"
    info = await expect_error(
        q.GetDeviceName(rr.GetDeviceNameRequest()), grpc.StatusCode.INVALID_ARGUMENT, "INVALID_ARGUMENT"
    )
    assert info.metadata["field"] == "device"


async def test_device_info(stack: Stack) -> None:
    q = query(stack)
    station = await q.GetDeviceInfo(rr.GetDeviceInfoRequest(device="101"))
    assert station.device_type == enums_pb2.DEVICE_TYPE_STATION
    assert station.device_class == enums_pb2.DEVICE_CLASS_VOICE
    assert station.associated_device == ""
    # The reference's querydeviceinfo answer for a station: associatedclass "other".
    assert (station.extension_class, station.associated_class) == ("other", "other")
    split = await q.GetDeviceInfo(rr.GetDeviceInfoRequest(device="201"))
    assert split.device_type == enums_pb2.DEVICE_TYPE_ACD_SPLIT
    assert split.device_class == enums_pb2.DEVICE_CLASS_OTHER
    assert split.extension_class == "hunt"
    vdn = await q.GetDeviceInfo(rr.GetDeviceInfoRequest(device="2001"))
    assert vdn.device_type == enums_pb2.DEVICE_TYPE_VDN
    assert vdn.extension_class == "vdn"
    await expect_error(
        q.GetDeviceInfo(rr.GetDeviceInfoRequest(device="999")), grpc.StatusCode.NOT_FOUND, "UNKNOWN_EXTENSION"
    )
    info = await expect_error(
        q.GetDeviceInfo(rr.GetDeviceInfoRequest(device="1 01")), grpc.StatusCode.INVALID_ARGUMENT, "INVALID_ARGUMENT"
    )
    assert info.metadata["field"] == "device"


async def test_do_not_disturb_follows_station_service(stack: Stack) -> None:
    q = query(stack)
    station = station_grpc.StationServiceStub(stack.channel)
    assert not (await q.GetDoNotDisturb(rr.GetDoNotDisturbRequest(extension="101"))).enabled
    await station.SetDoNotDisturb(station_rr.SetDoNotDisturbRequest(extension="101", enabled=True))
    assert (await q.GetDoNotDisturb(rr.GetDoNotDisturbRequest(extension="101"))).enabled
    assert not (await q.GetDoNotDisturb(rr.GetDoNotDisturbRequest(extension="102"))).enabled


async def test_forwarding_follows_station_service(stack: Stack) -> None:
    q = query(stack)
    station = station_grpc.StationServiceStub(stack.channel)
    off = await q.GetForwarding(rr.GetForwardingRequest(extension="101"))
    assert [(e.type, e.enabled, e.destination) for e in off.entries] == [
        (station_enums.FORWARDING_TYPE_IMMEDIATE, False, "")
    ]
    await station.SetForwarding(
        station_rr.SetForwardingRequest(
            extension="101", type=station_enums.FORWARDING_TYPE_IMMEDIATE, enabled=True, destination="102"
        )
    )
    on = await q.GetForwarding(rr.GetForwardingRequest(extension="101"))
    assert [(e.type, e.enabled, e.destination) for e in on.entries] == [
        (station_enums.FORWARDING_TYPE_IMMEDIATE, True, "102")
    ]


async def test_message_waiting_follows_station_service(stack: Stack) -> None:
    q = query(stack)
    station = station_grpc.StationServiceStub(stack.channel)
    assert not (await q.GetMessageWaiting(rr.GetMessageWaitingRequest(extension="103"))).enabled
    await station.SetMessageWaiting(station_rr.SetMessageWaitingRequest(extension="103", enabled=True))
    assert (await q.GetMessageWaiting(rr.GetMessageWaitingRequest(extension="103"))).enabled


async def test_station_status_busy_on_a_call(stack: Stack) -> None:
    q = query(stack)
    assert not (await q.GetStationStatus(rr.GetStationStatusRequest(extension="101"))).busy
    await make_call(stack, "101", "102")
    assert (await q.GetStationStatus(rr.GetStationStatusRequest(extension="101"))).busy
    assert (await q.GetStationStatus(rr.GetStationStatusRequest(extension="102"))).busy
    assert not (await q.GetStationStatus(rr.GetStationStatusRequest(extension="103"))).busy


@pytest.mark.parametrize(
    "rpc",
    ["GetDoNotDisturb", "GetForwarding", "GetMessageWaiting", "GetStationStatus"],
)
async def test_extension_queries_refuse_unknown_and_missing_extensions(stack: Stack, rpc: str) -> None:
    q = query(stack)
    request_type = getattr(rr, f"{rpc}Request")
    info = await expect_error(
        getattr(q, rpc)(request_type(extension="999")), grpc.StatusCode.NOT_FOUND, "UNKNOWN_EXTENSION"
    )
    assert info.metadata["extension"] == "999"
    info = await expect_error(getattr(q, rpc)(request_type()), grpc.StatusCode.INVALID_ARGUMENT, "INVALID_ARGUMENT")
    assert info.metadata["field"] == "extension"


# ------------------------------------------------------------------------------------------------- calls


async def test_ucid_of_a_call(stack: Stack) -> None:
    call_id = await make_call(stack, "101", "102")
    answer = await query(stack).GetUcid(rr.GetUcidRequest(call_id=call_id))
    assert len(answer.ucid) == 20
    assert answer.ucid.isdigit()
    assert answer.ucid == stack.switch.ucid(int(call_id))


async def test_ucid_errors(stack: Stack) -> None:
    q = query(stack)
    info = await expect_error(q.GetUcid(rr.GetUcidRequest(call_id="9999")), grpc.StatusCode.NOT_FOUND, "CALL_NOT_FOUND")
    assert info.metadata["call_id"] == "9999"
    info = await expect_error(q.GetUcid(rr.GetUcidRequest()), grpc.StatusCode.INVALID_ARGUMENT, "INVALID_ARGUMENT")
    assert info.metadata["field"] == "call_id"


async def test_snapshot_device_shows_the_call_with_states_and_parties(stack: Stack) -> None:
    q = query(stack)
    assert not (await q.SnapshotDevice(rr.SnapshotDeviceRequest(device="101"))).calls
    call_id = await make_call(stack, "101", "102")
    caller = await q.SnapshotDevice(rr.SnapshotDeviceRequest(device="101"))
    assert caller.device == "101"
    assert len(caller.calls) == 1
    snap = caller.calls[0]
    assert snap.call.call_id == call_id
    assert snap.call.ucid == stack.switch.ucid(int(call_id))
    assert snap.state == common_enums.CONNECTION_STATE_CONNECTED
    assert {(p.device, p.state) for p in snap.parties} == {
        ("101", common_enums.CONNECTION_STATE_CONNECTED),
        ("102", common_enums.CONNECTION_STATE_ALERTING),
    }
    called = await q.SnapshotDevice(rr.SnapshotDeviceRequest(device="102"))
    assert [c.state for c in called.calls] == [common_enums.CONNECTION_STATE_ALERTING]


async def test_snapshot_device_shows_trunk_parties_as_given(stack: Stack) -> None:
    call_id = await make_call(stack, "101", "67896789")
    answer = await query(stack).SnapshotDevice(rr.SnapshotDeviceRequest(device="101"))
    (snap,) = answer.calls
    devices = [p.device for p in snap.parties]
    assert devices[0] == "101"
    assert devices[1] == f"T{call_id}#2"  # the external party as CM names it, e.g. T13815#2


async def test_snapshot_device_errors(stack: Stack) -> None:
    q = query(stack)
    await expect_error(
        q.SnapshotDevice(rr.SnapshotDeviceRequest(device="999")), grpc.StatusCode.NOT_FOUND, "UNKNOWN_EXTENSION"
    )
    info = await expect_error(
        q.SnapshotDevice(rr.SnapshotDeviceRequest()), grpc.StatusCode.INVALID_ARGUMENT, "INVALID_ARGUMENT"
    )
    assert info.metadata["field"] == "device"


async def test_snapshot_call(stack: Stack) -> None:
    call_id = await make_call(stack, "103", "104")
    answer = await query(stack).SnapshotCall(rr.SnapshotCallRequest(call_id=call_id))
    assert answer.call.call_id == call_id
    assert len(answer.call.ucid) == 20
    assert [(p.device, p.state) for p in answer.parties] == [
        ("103", common_enums.CONNECTION_STATE_CONNECTED),
        ("104", common_enums.CONNECTION_STATE_ALERTING),
    ]


async def test_snapshot_call_errors(stack: Stack) -> None:
    q = query(stack)
    info = await expect_error(
        q.SnapshotCall(rr.SnapshotCallRequest(call_id="4242")), grpc.StatusCode.NOT_FOUND, "CALL_NOT_FOUND"
    )
    assert info.metadata["call_id"] == "4242"
    info = await expect_error(
        q.SnapshotCall(rr.SnapshotCallRequest(call_id="12 3")), grpc.StatusCode.INVALID_ARGUMENT, "INVALID_ARGUMENT"
    )
    assert info.metadata["field"] == "call_id"
