"""CallControlService through a real gRPC port against the simulated switch: the reference's call flows."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import grpc
import pytest
from google.protobuf import duration_pb2
from grpc_stack import Stack, running_stack

from callwire.callcontrol.v1 import enums_pb2, service_pb2_grpc
from callwire.callcontrol.v1 import request_response_pb2 as rr
from callwire.common.v1 import enums_pb2 as common_enums
from callwire_csta.codec import LocalConnectionState as LS
from callwire_server.config import GrpcConfig
from callwire_testkit import error_info, expect_error, until

CS = common_enums.ConnectionState


def stub(stack: Stack) -> service_pb2_grpc.CallControlServiceStub:
    return service_pb2_grpc.CallControlServiceStub(stack.channel)


def state(stack: Stack, call_id: str, device: str) -> LS | None:
    return stack.switch.connection_state(int(call_id), device)


def tracked(stack: Stack, extension: str, call_id: str, want: int) -> Callable[[], bool]:
    def check() -> bool:
        call = stack.core.calls.call(call_id)
        return call is not None and call.state_of(extension) == want

    return check


def party_tracked(stack: Stack, call_id: str, device: str) -> Callable[[], bool]:
    def check() -> bool:
        call = stack.core.calls.call(call_id)
        return call is not None and device in call.parties

    return check


async def connected_call(stack: Stack, a: str = "101", b: str = "102") -> str:
    """A call from `a` to `b`, answered at `b`, with the tracker caught up; its call ID."""
    cc = stub(stack)
    made = await cc.MakeCall(rr.MakeCallRequest(extension=a, destination=b))
    call_id: str = made.call.call_id
    await until(lambda: stack.core.calls.alerting_call(b) is not None)
    await cc.AnswerCall(rr.AnswerCallRequest(extension=b))
    await until(tracked(stack, b, call_id, CS.CONNECTION_STATE_CONNECTED))
    await until(tracked(stack, a, call_id, CS.CONNECTION_STATE_CONNECTED))
    return call_id


async def consulted(stack: Stack, a: str = "101", b: str = "102", c: str = "103") -> tuple[str, str]:
    """`a` talks to `b`, holds it and consults `c`, who answers: (primary, secondary) call IDs."""
    cc = stub(stack)
    primary = await connected_call(stack, a, b)
    answer = await cc.ConsultationCall(rr.ConsultationCallRequest(extension=a, destination=c, user_data="consult"))
    assert answer.primary_call_id == primary
    assert len(answer.ucid) == 20
    secondary = answer.secondary_call_id
    await until(lambda: stack.core.calls.alerting_call(c) is not None)
    await cc.AnswerCall(rr.AnswerCallRequest(extension=c))
    await until(tracked(stack, a, secondary, CS.CONNECTION_STATE_CONNECTED))
    await until(tracked(stack, a, primary, CS.CONNECTION_STATE_HOLD))
    await until(tracked(stack, c, secondary, CS.CONNECTION_STATE_CONNECTED))
    return primary, secondary


# ------------------------------------------------------------------------------------ basic call flow


async def test_makecall_answer_hold_retrieve_hangup(stack: Stack) -> None:
    cc = stub(stack)
    made = await cc.MakeCall(rr.MakeCallRequest(extension="101", destination="102", user_data="hello world"))
    call_id = made.call.call_id
    assert call_id
    assert made.call.ucid == stack.switch.ucid(int(call_id))
    # the user data rides on the call as the UUI key
    await until(lambda: stack.core.calls.alerting_call("102") is not None)
    alerting = stack.core.calls.alerting_call("102")
    assert alerting is not None
    assert alerting.user_data == "hello world"
    assert len(alerting.uui) == 44
    assert (await stack.core.store.get_user_data(alerting.uui)).data == "hello world"

    answered = await cc.AnswerCall(rr.AnswerCallRequest(extension="102"))
    assert answered.call.call_id == call_id
    assert state(stack, call_id, "102") == LS.CONNECTED
    await until(tracked(stack, "101", call_id, CS.CONNECTION_STATE_CONNECTED))

    await cc.HoldCall(rr.HoldCallRequest(extension="101"))
    assert state(stack, call_id, "101") == LS.HOLD
    await until(tracked(stack, "101", call_id, CS.CONNECTION_STATE_HOLD))

    retrieved = await cc.RetrieveCall(rr.RetrieveCallRequest(extension="101"))
    assert retrieved.call.call_id == call_id
    assert state(stack, call_id, "101") == LS.CONNECTED
    await until(tracked(stack, "101", call_id, CS.CONNECTION_STATE_CONNECTED))

    await cc.HangupCall(rr.HangupCallRequest(extension="101", user_data="bye"))
    assert int(call_id) not in stack.switch.call_ids()
    await until(lambda: stack.core.calls.last_hangup("102") is not None)
    hangup = stack.core.calls.last_hangup("102")
    assert hangup is not None
    assert hangup.user_data == "bye"


async def test_retrieve_by_party_and_by_call_id(stack: Stack) -> None:
    cc = stub(stack)
    call_id = await connected_call(stack)
    await cc.HoldCall(rr.HoldCallRequest(extension="101", call_id=call_id))
    await until(tracked(stack, "101", call_id, CS.CONNECTION_STATE_HOLD))
    await expect_error(
        cc.RetrieveCall(rr.RetrieveCallRequest(extension="101", party="109")),
        grpc.StatusCode.FAILED_PRECONDITION,
        "NO_HELD_CALL",
    )
    done = await cc.RetrieveCall(rr.RetrieveCallRequest(extension="101", party="102"))
    assert done.call.call_id == call_id
    assert state(stack, call_id, "101") == LS.CONNECTED


async def test_makecall_to_external_number_has_ucid(stack: Stack) -> None:
    made = await stub(stack).MakeCall(rr.MakeCallRequest(extension="101", destination="67896789"))
    assert len(made.call.ucid) == 20
    await until(tracked(stack, "101", made.call.call_id, CS.CONNECTION_STATE_CONNECTED))
    parties = stack.switch.parties(int(made.call.call_id))
    assert parties[0] == "101"
    assert parties[1].startswith("T")


async def test_drop_party_from_conference(stack: Stack) -> None:
    cc = stub(stack)
    call_id = await connected_call(stack)
    await cc.SingleStepConferenceCall(
        rr.SingleStepConferenceCallRequest(
            extension="101", device_to_join="103", participation=enums_pb2.PARTICIPATION_ACTIVE
        )
    )
    await until(party_tracked(stack, call_id, "103"))
    await expect_error(
        cc.DropParty(rr.DropPartyRequest(extension="101", party="109")), grpc.StatusCode.NOT_FOUND, "UNKNOWN_EXTENSION"
    )
    await cc.DropParty(rr.DropPartyRequest(extension="101", party="103", user_data="dropped"))
    assert "103" not in stack.switch.parties(int(call_id))
    assert state(stack, call_id, "102") == LS.CONNECTED


# ---------------------------------------------------------------------------- consultation and friends


async def test_consultation_then_two_step_transfer(stack: Stack) -> None:
    cc = stub(stack)
    primary, secondary = await consulted(stack)
    done = await cc.TransferCall(rr.TransferCallRequest(extension="101", mode=enums_pb2.TRANSFER_MODE_AUTO))
    assert done.mode == enums_pb2.TRANSFER_MODE_TWO_STEP
    assert done.call.call_id == primary
    assert sorted(stack.switch.parties(int(primary))) == ["102", "103"]
    assert int(secondary) not in stack.switch.call_ids()


async def test_consultation_then_two_step_conference(stack: Stack) -> None:
    cc = stub(stack)
    primary, _ = await consulted(stack)
    done = await cc.ConferenceCall(rr.ConferenceCallRequest(extension="101", mode=enums_pb2.CONFERENCE_MODE_TWO_STEP))
    assert done.mode == enums_pb2.CONFERENCE_MODE_TWO_STEP
    assert done.call.call_id == primary
    assert sorted(stack.switch.parties(int(primary))) == ["101", "102", "103"]
    assert all(state(stack, primary, d) == LS.CONNECTED for d in ("101", "102", "103"))


async def test_single_step_transfer_and_conference_in_auto_mode(stack: Stack) -> None:
    cc = stub(stack)
    call_id = await connected_call(stack)
    conf = await cc.ConferenceCall(
        rr.ConferenceCallRequest(extension="101", destination="103", mode=enums_pb2.CONFERENCE_MODE_AUTO)
    )
    assert conf.mode == enums_pb2.CONFERENCE_MODE_SINGLE_STEP
    assert conf.call.call_id == call_id
    assert "103" in stack.switch.parties(int(call_id))
    await until(party_tracked(stack, call_id, "103"))

    xfer = await cc.TransferCall(
        rr.TransferCallRequest(extension="101", destination="104", mode=enums_pb2.TRANSFER_MODE_AUTO, user_data="x")
    )
    assert xfer.mode == enums_pb2.TRANSFER_MODE_SINGLE_STEP
    parties = stack.switch.parties(int(call_id))
    assert "101" not in parties
    assert "104" in parties


async def test_transfer_and_conference_errors(stack: Stack) -> None:
    cc = stub(stack)
    await expect_error(
        cc.TransferCall(rr.TransferCallRequest(extension="101", destination="104", mode=enums_pb2.TRANSFER_MODE_AUTO)),
        grpc.StatusCode.FAILED_PRECONDITION,
        "NO_ACTIVE_CALL",
    )
    info = await expect_error(
        cc.TransferCall(rr.TransferCallRequest(extension="101", destination="104")),
        grpc.StatusCode.INVALID_ARGUMENT,
        "INVALID_ARGUMENT",
    )
    assert info.metadata["field"] == "mode"
    await connected_call(stack)
    await expect_error(
        cc.TransferCall(rr.TransferCallRequest(extension="101", mode=enums_pb2.TRANSFER_MODE_TWO_STEP)),
        grpc.StatusCode.FAILED_PRECONDITION,
        "NO_HELD_CALL",
    )
    await expect_error(
        cc.ConferenceCall(rr.ConferenceCallRequest(extension="101", mode=enums_pb2.CONFERENCE_MODE_TWO_STEP)),
        grpc.StatusCode.FAILED_PRECONDITION,
        "NO_HELD_CALL",
    )
    info = await expect_error(
        cc.TransferCall(rr.TransferCallRequest(extension="101", mode=enums_pb2.TRANSFER_MODE_SINGLE_STEP)),
        grpc.StatusCode.INVALID_ARGUMENT,
        "INVALID_ARGUMENT",
    )
    assert info.metadata["field"] == "destination"
    info = await expect_error(
        cc.ConferenceCall(rr.ConferenceCallRequest(extension="101", mode=enums_pb2.CONFERENCE_MODE_AUTO)),
        grpc.StatusCode.INVALID_ARGUMENT,
        "INVALID_ARGUMENT",
    )
    assert info.metadata["field"] == "destination"


async def test_alternate_and_reconnect(stack: Stack) -> None:
    cc = stub(stack)
    primary, secondary = await consulted(stack)
    await cc.AlternateCall(rr.AlternateCallRequest(extension="101"))
    assert state(stack, primary, "101") == LS.CONNECTED
    assert state(stack, secondary, "101") == LS.HOLD
    await until(tracked(stack, "101", secondary, CS.CONNECTION_STATE_HOLD))
    await until(tracked(stack, "101", primary, CS.CONNECTION_STATE_CONNECTED))
    await cc.AlternateCall(rr.AlternateCallRequest(extension="101"))
    await until(tracked(stack, "101", primary, CS.CONNECTION_STATE_HOLD))
    await until(tracked(stack, "101", secondary, CS.CONNECTION_STATE_CONNECTED))

    await cc.ReconnectCall(rr.ReconnectCallRequest(extension="101"))
    assert int(secondary) not in stack.switch.call_ids()
    assert state(stack, primary, "101") == LS.CONNECTED
    await until(tracked(stack, "101", primary, CS.CONNECTION_STATE_CONNECTED))
    await expect_error(
        cc.ReconnectCall(rr.ReconnectCallRequest(extension="101")), grpc.StatusCode.FAILED_PRECONDITION, "NO_HELD_CALL"
    )
    await expect_error(
        cc.AlternateCall(rr.AlternateCallRequest(extension="101")), grpc.StatusCode.FAILED_PRECONDITION, "NO_HELD_CALL"
    )


async def test_single_step_rpcs(stack: Stack) -> None:
    cc = stub(stack)
    call_id = await connected_call(stack)
    joined = await cc.SingleStepConferenceCall(
        rr.SingleStepConferenceCallRequest(
            extension="101", device_to_join="105", participation=enums_pb2.PARTICIPATION_SILENT
        )
    )
    assert joined.call.call_id == call_id
    assert joined.call.ucid == stack.switch.ucid(int(call_id))
    assert state(stack, call_id, "105") == LS.CONNECTED
    await until(party_tracked(stack, call_id, "105"))
    info = await expect_error(
        cc.SingleStepConferenceCall(
            rr.SingleStepConferenceCallRequest(
                extension="101", device_to_join="999", participation=enums_pb2.PARTICIPATION_ACTIVE
            )
        ),
        grpc.StatusCode.NOT_FOUND,
        "UNKNOWN_EXTENSION",
    )
    assert info.metadata["extension"] == "999"
    info = await expect_error(
        cc.SingleStepConferenceCall(rr.SingleStepConferenceCallRequest(extension="101", device_to_join="106")),
        grpc.StatusCode.INVALID_ARGUMENT,
        "INVALID_ARGUMENT",
    )
    assert info.metadata["field"] == "participation"

    moved = await cc.SingleStepTransferCall(
        rr.SingleStepTransferCallRequest(extension="101", destination="106", user_data="to 106")
    )
    assert moved.call.call_id == call_id
    parties = stack.switch.parties(int(call_id))
    assert "101" not in parties
    assert state(stack, call_id, "106") == LS.ALERTING
    await until(lambda: stack.core.calls.alerting_call("106") is not None)
    alerting = stack.core.calls.alerting_call("106")
    assert alerting is not None
    assert alerting.user_data == "to 106"
    await expect_error(
        cc.SingleStepTransferCall(rr.SingleStepTransferCallRequest(extension="107", destination="106")),
        grpc.StatusCode.FAILED_PRECONDITION,
        "NO_ACTIVE_CALL",
    )


# -------------------------------------------------------------------------------------- other features


async def test_send_dtmf(stack: Stack) -> None:
    cc = stub(stack)
    await connected_call(stack)
    await cc.SendDtmf(
        rr.SendDtmfRequest(
            extension="101",
            digits="12#*a",
            tone_duration=duration_pb2.Duration(nanos=100_000_000),
            pause_duration=duration_pb2.Duration(nanos=50_000_000),
        )
    )
    station = stack.switch._devices["102"]
    assert "12#*A" in station.received_digits  # type: ignore[attr-defined]
    info = await expect_error(
        cc.SendDtmf(rr.SendDtmfRequest(extension="101", digits="12x")),
        grpc.StatusCode.INVALID_ARGUMENT,
        "INVALID_ARGUMENT",
    )
    assert info.metadata["field"] == "digits"
    info = await expect_error(
        cc.SendDtmf(rr.SendDtmfRequest(extension="101", digits="")),
        grpc.StatusCode.INVALID_ARGUMENT,
        "INVALID_ARGUMENT",
    )
    assert info.metadata["field"] == "digits"
    await expect_error(
        cc.SendDtmf(rr.SendDtmfRequest(extension="103", digits="1")),
        grpc.StatusCode.FAILED_PRECONDITION,
        "NO_ACTIVE_CALL",
    )


async def test_selective_listening(stack: Stack) -> None:
    cc = stub(stack)
    call_id = await connected_call(stack)
    await cc.SelectiveListeningHold(rr.SelectiveListeningHoldRequest(extension="101", party="102"))
    conn = stack.switch._calls[int(call_id)].connections["101"]
    assert conn.listen_held == {"102"}
    await cc.SelectiveListeningRetrieve(rr.SelectiveListeningRetrieveRequest(extension="101", party="102"))
    assert conn.listen_held == set()
    await cc.SelectiveListeningHold(rr.SelectiveListeningHoldRequest(extension="101", all_parties=True))
    assert conn.listen_held == {"*"}
    await cc.SelectiveListeningRetrieve(rr.SelectiveListeningRetrieveRequest(extension="101", party="all"))
    assert conn.listen_held == set()
    await expect_error(
        cc.SelectiveListeningHold(rr.SelectiveListeningHoldRequest(extension="101", party="109")),
        grpc.StatusCode.NOT_FOUND,
        "UNKNOWN_EXTENSION",
    )
    info = await expect_error(
        cc.SelectiveListeningHold(rr.SelectiveListeningHoldRequest(extension="101")),
        grpc.StatusCode.INVALID_ARGUMENT,
        "INVALID_ARGUMENT",
    )
    assert info.metadata["field"] == "target"  # the oneof: party or all_parties
    await expect_error(
        cc.SelectiveListeningRetrieve(rr.SelectiveListeningRetrieveRequest(extension="103", all_parties=True)),
        grpc.StatusCode.FAILED_PRECONDITION,
        "NO_ACTIVE_CALL",
    )


async def test_clear_call_one_and_all(stack: Stack) -> None:
    cc = stub(stack)
    first = await connected_call(stack, "101", "102")
    cleared = await cc.ClearCall(rr.ClearCallRequest(call_id=first, user_data="cleared"))
    assert [c.call_id for c in cleared.calls] == [first]
    assert int(first) not in stack.switch.call_ids()
    await until(lambda: not stack.core.calls.calls_at("101"))

    a = await connected_call(stack, "101", "102")
    await stub(stack).HoldCall(rr.HoldCallRequest(extension="101"))
    await until(tracked(stack, "101", a, CS.CONNECTION_STATE_HOLD))
    b = await connected_call(stack, "101", "103")
    cleared = await cc.ClearCall(rr.ClearCallRequest(extension="101"))
    assert sorted(c.call_id for c in cleared.calls) == sorted([a, b])
    assert int(a) not in stack.switch.call_ids()
    assert int(b) not in stack.switch.call_ids()
    await until(lambda: not stack.core.calls.calls_at("101"))

    await expect_error(cc.ClearCall(rr.ClearCallRequest(call_id="9999")), grpc.StatusCode.NOT_FOUND, "CALL_NOT_FOUND")
    await expect_error(
        cc.ClearCall(rr.ClearCallRequest(extension="101")), grpc.StatusCode.FAILED_PRECONDITION, "NO_ACTIVE_CALL"
    )
    info = await expect_error(cc.ClearCall(rr.ClearCallRequest()), grpc.StatusCode.INVALID_ARGUMENT, "INVALID_ARGUMENT")
    assert info.metadata["field"] == "target"


async def test_deflect_and_pickup(stack: Stack) -> None:
    cc = stub(stack)
    made = await cc.MakeCall(rr.MakeCallRequest(extension="101", destination="102"))
    call_id = made.call.call_id
    await until(lambda: stack.core.calls.alerting_call("102") is not None)
    await cc.DeflectCall(rr.DeflectCallRequest(extension="102", destination="103"))
    assert "102" not in stack.switch.parties(int(call_id))
    assert state(stack, call_id, "103") == LS.ALERTING
    await until(lambda: stack.core.calls.alerting_call("103") is not None)

    await cc.PickupCall(rr.PickupCallRequest(extension="103", destination="104"))
    assert "103" not in stack.switch.parties(int(call_id))
    assert state(stack, call_id, "104") == LS.CONNECTED

    await expect_error(
        cc.DeflectCall(rr.DeflectCallRequest(extension="105", destination="103")),
        grpc.StatusCode.FAILED_PRECONDITION,
        "INVALID_STATE",
    )
    await expect_error(
        cc.PickupCall(rr.PickupCallRequest(extension="105", destination="104")),
        grpc.StatusCode.FAILED_PRECONDITION,
        "INVALID_STATE",
    )
    made = await cc.MakeCall(rr.MakeCallRequest(extension="106", destination="107"))
    await until(lambda: stack.core.calls.alerting_call("107") is not None)
    info = await expect_error(
        cc.PickupCall(rr.PickupCallRequest(extension="107", destination="999")),
        grpc.StatusCode.NOT_FOUND,
        "UNKNOWN_EXTENSION",
    )
    assert info.metadata["extension"] == "999"


async def test_answer_and_hold_need_the_right_state(stack: Stack) -> None:
    cc = stub(stack)
    await expect_error(
        cc.AnswerCall(rr.AnswerCallRequest(extension="101")), grpc.StatusCode.FAILED_PRECONDITION, "INVALID_STATE"
    )
    await expect_error(
        cc.HoldCall(rr.HoldCallRequest(extension="101")), grpc.StatusCode.FAILED_PRECONDITION, "NO_ACTIVE_CALL"
    )
    await expect_error(
        cc.HangupCall(rr.HangupCallRequest(extension="101")), grpc.StatusCode.FAILED_PRECONDITION, "NO_ACTIVE_CALL"
    )
    await expect_error(
        cc.RetrieveCall(rr.RetrieveCallRequest(extension="101")), grpc.StatusCode.FAILED_PRECONDITION, "NO_HELD_CALL"
    )
    await expect_error(
        cc.ConsultationCall(rr.ConsultationCallRequest(extension="101", destination="103")),
        grpc.StatusCode.FAILED_PRECONDITION,
        "NO_ACTIVE_CALL",
    )
    await expect_error(
        cc.DropParty(rr.DropPartyRequest(extension="101", party="102")),
        grpc.StatusCode.FAILED_PRECONDITION,
        "NO_ACTIVE_CALL",
    )
    await expect_error(
        cc.HoldCall(rr.HoldCallRequest(extension="101", call_id="9999")), grpc.StatusCode.NOT_FOUND, "CALL_NOT_FOUND"
    )
    await expect_error(
        cc.AnswerCall(rr.AnswerCallRequest(extension="101", call_id="9999")),
        grpc.StatusCode.NOT_FOUND,
        "CALL_NOT_FOUND",
    )
    # 101 holds one call and talks on another: a third call cannot be held
    call_id = await connected_call(stack)
    await cc.HoldCall(rr.HoldCallRequest(extension="101"))
    await until(tracked(stack, "101", call_id, CS.CONNECTION_STATE_HOLD))
    await expect_error(
        cc.HoldCall(rr.HoldCallRequest(extension="101", call_id=call_id)),
        grpc.StatusCode.FAILED_PRECONDITION,
        "INVALID_STATE",
    )


async def test_makecall_to_an_unassigned_number_is_taken_and_the_call_fails(stack: Stack) -> None:
    # CM takes the call and gives the caller intercept tone; the call fails, the request does not.
    made = await stub(stack).MakeCall(rr.MakeCallRequest(extension="101", destination="1999"))
    assert stack.switch.connection_state(int(made.call.call_id), "101") == LS.FAIL


async def test_makecall_error_names_the_destination_the_switch_refused(stack: Stack) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub(stack).MakeCall(rr.MakeCallRequest(extension="101", destination="*19"))
    assert caught.value.code() == grpc.StatusCode.NOT_FOUND
    assert "unknown destination *19" in (caught.value.details() or "")
    assert "101" not in (caught.value.details() or "")
    assert error_info(caught.value).metadata["destination"] == "*19"


async def test_makecall_invalid_state_when_no_line_is_free(stack: Stack) -> None:
    cc = stub(stack)
    for dest in ("102", "103", "104"):
        await cc.MakeCall(rr.MakeCallRequest(extension="101", destination=dest))
    await expect_error(
        cc.MakeCall(rr.MakeCallRequest(extension="101", destination="105")),
        grpc.StatusCode.FAILED_PRECONDITION,
        "INVALID_STATE",
    )


# ------------------------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    "method",
    [
        ("MakeCall", rr.MakeCallRequest(extension="999", destination="102")),
        ("AnswerCall", rr.AnswerCallRequest(extension="999")),
        ("HangupCall", rr.HangupCallRequest(extension="999")),
        ("DropParty", rr.DropPartyRequest(extension="999", party="102")),
        ("HoldCall", rr.HoldCallRequest(extension="999")),
        ("RetrieveCall", rr.RetrieveCallRequest(extension="999")),
        ("TransferCall", rr.TransferCallRequest(extension="999", mode=enums_pb2.TRANSFER_MODE_AUTO)),
        ("ConferenceCall", rr.ConferenceCallRequest(extension="999", mode=enums_pb2.CONFERENCE_MODE_AUTO)),
        ("ConsultationCall", rr.ConsultationCallRequest(extension="999", destination="102")),
        ("ReconnectCall", rr.ReconnectCallRequest(extension="999")),
        ("AlternateCall", rr.AlternateCallRequest(extension="999")),
        (
            "SingleStepConferenceCall",
            rr.SingleStepConferenceCallRequest(
                extension="999", device_to_join="102", participation=enums_pb2.PARTICIPATION_ACTIVE
            ),
        ),
        ("SingleStepTransferCall", rr.SingleStepTransferCallRequest(extension="999", destination="102")),
        ("SelectiveListeningHold", rr.SelectiveListeningHoldRequest(extension="999", all_parties=True)),
        ("SelectiveListeningRetrieve", rr.SelectiveListeningRetrieveRequest(extension="999", all_parties=True)),
        ("SendDtmf", rr.SendDtmfRequest(extension="999", digits="1")),
        ("ClearCall", rr.ClearCallRequest(extension="999")),
        ("DeflectCall", rr.DeflectCallRequest(extension="999", destination="102")),
        ("PickupCall", rr.PickupCallRequest(extension="999", destination="102")),
        (
            "VerifyPin",
            rr.VerifyPinRequest(extension="999", destination="66711", duration=duration_pb2.Duration(seconds=5)),
        ),
        ("StartMonitor", rr.StartMonitorRequest(extension="999")),
    ],
    ids=lambda m: m[0],
)
async def test_unknown_extension(stack: Stack, method: tuple[str, object]) -> None:
    name, request = method
    info = await expect_error(getattr(stub(stack), name)(request), grpc.StatusCode.NOT_FOUND, "UNKNOWN_EXTENSION")
    assert info.metadata["extension"] == "999"


@pytest.mark.parametrize(
    ("name", "request_", "field"),
    [
        ("MakeCall", rr.MakeCallRequest(destination="102"), "extension"),
        ("MakeCall", rr.MakeCallRequest(extension="101"), "destination"),
        ("MakeCall", rr.MakeCallRequest(extension="10 1", destination="102"), "extension"),
        ("AnswerCall", rr.AnswerCallRequest(), "extension"),
        ("HangupCall", rr.HangupCallRequest(), "extension"),
        ("DropParty", rr.DropPartyRequest(extension="101"), "party"),
        ("HoldCall", rr.HoldCallRequest(), "extension"),
        ("RetrieveCall", rr.RetrieveCallRequest(), "extension"),
        ("TransferCall", rr.TransferCallRequest(mode=enums_pb2.TRANSFER_MODE_AUTO), "extension"),
        ("ConferenceCall", rr.ConferenceCallRequest(extension="101"), "mode"),
        ("ConsultationCall", rr.ConsultationCallRequest(extension="101"), "destination"),
        ("ReconnectCall", rr.ReconnectCallRequest(), "extension"),
        ("AlternateCall", rr.AlternateCallRequest(), "extension"),
        (
            "SingleStepConferenceCall",
            rr.SingleStepConferenceCallRequest(extension="101", participation=enums_pb2.PARTICIPATION_ACTIVE),
            "device_to_join",
        ),
        ("SingleStepTransferCall", rr.SingleStepTransferCallRequest(extension="101"), "destination"),
        ("SelectiveListeningRetrieve", rr.SelectiveListeningRetrieveRequest(extension="101"), "target"),
        (
            "SendDtmf",
            rr.SendDtmfRequest(extension="101", digits="1", tone_duration=duration_pb2.Duration()),
            "tone_duration",
        ),
        ("DeflectCall", rr.DeflectCallRequest(extension="101"), "destination"),
        ("PickupCall", rr.PickupCallRequest(extension="101"), "destination"),
        ("MakePhantomCall", rr.MakePhantomCallRequest(duration=duration_pb2.Duration(seconds=1)), "destination"),
        (
            "MakePhantomCall",
            rr.MakePhantomCallRequest(destination="102", wait_event=enums_pb2.PHANTOM_WAIT_EVENT_CONNECT),
            "duration",
        ),
        (
            "MakePhantomCall",
            rr.MakePhantomCallRequest(
                destination="102",
                duration=duration_pb2.Duration(seconds=301),
                wait_event=enums_pb2.PHANTOM_WAIT_EVENT_CONNECT,
            ),
            "duration",
        ),
        (
            "MakePhantomCall",
            rr.MakePhantomCallRequest(destination="102", duration=duration_pb2.Duration(seconds=1)),
            "wait_event",
        ),
        ("VerifyPin", rr.VerifyPinRequest(extension="101", duration=duration_pb2.Duration(seconds=1)), "destination"),
        ("VerifyPin", rr.VerifyPinRequest(extension="101", destination="66711"), "duration"),
        ("StartMonitor", rr.StartMonitorRequest(), "extension"),
        ("StopMonitor", rr.StopMonitorRequest(), "extension"),
    ],
)
async def test_invalid_argument_names_the_field(stack: Stack, name: str, request_: object, field: str) -> None:
    info = await expect_error(
        getattr(stub(stack), name)(request_), grpc.StatusCode.INVALID_ARGUMENT, "INVALID_ARGUMENT"
    )
    assert info.metadata["field"] == field


async def test_user_data_too_large(stack: Stack) -> None:
    cc = stub(stack)
    big = "x" * (stack.core.config.user_data_max_size + 1)
    info = await expect_error(
        cc.MakeCall(rr.MakeCallRequest(extension="101", destination="102", user_data=big)),
        grpc.StatusCode.INVALID_ARGUMENT,
        "USER_DATA_TOO_LARGE",
    )
    assert info.metadata["limit"] == str(stack.core.config.user_data_max_size)
    assert not stack.switch.call_ids()
    await connected_call(stack)
    for call in (
        cc.HangupCall(rr.HangupCallRequest(extension="101", user_data=big)),
        cc.ConsultationCall(rr.ConsultationCallRequest(extension="101", destination="103", user_data=big)),
        cc.DropParty(rr.DropPartyRequest(extension="101", party="102", user_data=big)),
        cc.SingleStepTransferCall(rr.SingleStepTransferCallRequest(extension="101", destination="103", user_data=big)),
        cc.MakePhantomCall(
            rr.MakePhantomCallRequest(
                destination="102",
                duration=duration_pb2.Duration(seconds=1),
                wait_event=enums_pb2.PHANTOM_WAIT_EVENT_CONNECT,
                user_data=big,
            )
        ),
    ):
        await expect_error(call, grpc.StatusCode.INVALID_ARGUMENT, "USER_DATA_TOO_LARGE")


async def test_not_monitored_then_start_and_stop_monitor(stack: Stack) -> None:
    cc = stub(stack)
    info = await expect_error(
        cc.HoldCall(rr.HoldCallRequest(extension="111")), grpc.StatusCode.FAILED_PRECONDITION, "NOT_MONITORED"
    )
    assert info.metadata["extension"] == "111"
    await cc.StartMonitor(rr.StartMonitorRequest(extension="111"))
    await cc.StartMonitor(rr.StartMonitorRequest(extension="111"))  # idempotent
    assert "111" in stack.core.link.monitored
    made = await cc.MakeCall(rr.MakeCallRequest(extension="111", destination="102"))
    await until(tracked(stack, "111", made.call.call_id, CS.CONNECTION_STATE_CONNECTED))
    await cc.HangupCall(rr.HangupCallRequest(extension="111"))
    await cc.StopMonitor(rr.StopMonitorRequest(extension="111"))
    await cc.StopMonitor(rr.StopMonitorRequest(extension="111"))  # idempotent
    assert "111" not in stack.core.link.monitored
    # configured extensions stay monitored
    await cc.StopMonitor(rr.StopMonitorRequest(extension="101"))
    assert "101" in stack.core.link.monitored


# ------------------------------------------------------------------------------------------ composites


async def test_phantom_call_waits_for_connect(stack: Stack) -> None:
    cc = stub(stack)
    answer = await cc.MakePhantomCall(
        rr.MakePhantomCallRequest(
            destination="67896789",
            duration=duration_pb2.Duration(seconds=5),
            wait_event=enums_pb2.PHANTOM_WAIT_EVENT_CONNECT,
            user_data="hello",
        )
    )
    outcome = answer.outcome
    assert answer.phantom_device == "41101"
    assert not outcome.timed_out
    assert outcome.call.call_id
    assert outcome.call.ucid == stack.switch.ucid(int(outcome.call.call_id))
    assert outcome.answering.startswith("T")
    assert outcome.answering.endswith("#2")
    assert outcome.releasing == ""
    assert state(stack, outcome.call.call_id, "41101") == LS.CONNECTED
    # the first phantom is busy now: the next request takes another one
    answer = await cc.MakePhantomCall(
        rr.MakePhantomCallRequest(
            destination="102",
            duration=duration_pb2.Duration(nanos=200_000_000),
            wait_event=enums_pb2.PHANTOM_WAIT_EVENT_CONNECT,
        )
    )
    assert answer.phantom_device == "41102"
    assert answer.outcome.timed_out
    # a timed-out phantom call is cleared
    assert int(answer.outcome.call.call_id) not in stack.switch.call_ids()


async def test_phantom_call_waits_for_disconnect(stack: Stack) -> None:
    cc = stub(stack)
    pending = asyncio.ensure_future(
        cc.MakePhantomCall(
            rr.MakePhantomCallRequest(
                destination="102",
                duration=duration_pb2.Duration(seconds=5),
                wait_event=enums_pb2.PHANTOM_WAIT_EVENT_DISCONNECT,
                user_data="hello",
            )
        )
    )
    await until(lambda: stack.core.calls.alerting_call("102") is not None)
    alerting = stack.core.calls.alerting_call("102")
    assert alerting is not None
    assert alerting.user_data == "hello"
    await cc.AnswerCall(rr.AnswerCallRequest(extension="102"))
    await until(tracked(stack, "102", alerting.call_id, CS.CONNECTION_STATE_CONNECTED))
    assert not pending.done()
    await cc.HangupCall(rr.HangupCallRequest(extension="102", user_data="done"))
    answer = await pending
    outcome = answer.outcome
    assert not outcome.timed_out
    assert outcome.call.call_id == alerting.call_id
    assert outcome.answering == "102"
    assert outcome.releasing == "102"
    assert outcome.hangup_data == "done"


async def test_phantom_pool_exhausted(tmp_path: Path) -> None:
    async with running_stack(tmp_path, phantom_devices=("41101",)) as running:
        channel = running.channel
        cc = service_pb2_grpc.CallControlServiceStub(channel)
        first = await cc.MakePhantomCall(
            rr.MakePhantomCallRequest(
                destination="67896789",
                duration=duration_pb2.Duration(seconds=5),
                wait_event=enums_pb2.PHANTOM_WAIT_EVENT_CONNECT,
            )
        )
        assert not first.outcome.timed_out
        info = await expect_error(
            cc.MakePhantomCall(
                rr.MakePhantomCallRequest(
                    destination="102",
                    duration=duration_pb2.Duration(seconds=1),
                    wait_event=enums_pb2.PHANTOM_WAIT_EVENT_CONNECT,
                )
            ),
            grpc.StatusCode.RESOURCE_EXHAUSTED,
            "NO_PHANTOM_DEVICE",
        )
        assert info.metadata["pool_size"] == "1"


async def test_verify_pin(stack: Stack) -> None:
    cc = stub(stack)
    made = await cc.MakeCall(rr.MakeCallRequest(extension="61451", destination="67896789"))
    call_id = made.call.call_id
    await until(lambda: len(stack.switch.parties(int(call_id))) == 2 and state(stack, call_id, "61451") == LS.CONNECTED)
    await until(tracked(stack, "61451", call_id, CS.CONNECTION_STATE_CONNECTED))
    answer = await cc.VerifyPin(
        rr.VerifyPinRequest(
            extension="61451", destination="66711", duration=duration_pb2.Duration(seconds=5), user_data="hello"
        )
    )
    outcome = answer.outcome
    assert not outcome.timed_out
    assert outcome.call.call_id == call_id
    assert outcome.call.ucid == made.call.ucid
    assert outcome.answering == "66711"
    assert outcome.releasing == "66711"
    assert outcome.hangup_data == "ok"
    assert "66711" not in stack.switch.parties(int(call_id))
    assert state(stack, call_id, "61451") == LS.CONNECTED


async def test_verify_pin_times_out_and_needs_a_call(stack: Stack) -> None:
    cc = stub(stack)
    await expect_error(
        cc.VerifyPin(
            rr.VerifyPinRequest(extension="61451", destination="66711", duration=duration_pb2.Duration(seconds=1))
        ),
        grpc.StatusCode.FAILED_PRECONDITION,
        "NO_ACTIVE_CALL",
    )
    call_id = await connected_call(stack, "101", "102")
    # 103 does not hang up by itself
    answer = await cc.VerifyPin(
        rr.VerifyPinRequest(extension="101", destination="103", duration=duration_pb2.Duration(nanos=300_000_000))
    )
    assert answer.outcome.timed_out
    assert answer.outcome.call.call_id == call_id
    assert answer.outcome.releasing == ""


# ------------------------------------------------------------------------------------- permissions


async def test_agent_key_is_scoped_to_its_extension(tmp_path: Path) -> None:
    async with running_stack(tmp_path, grpc=GrpcConfig(address="127.0.0.1:0", require_api_key=True)) as running:
        server, channel = running.server, running.channel
        key = await server.core.store.create_api_key("agent 101", "agent", ["101"])
        metadata = (("authorization", f"Bearer {key.secret}"),)
        cc = service_pb2_grpc.CallControlServiceStub(channel)
        made = await cc.MakeCall(rr.MakeCallRequest(extension="101", destination="102"), metadata=metadata)
        assert made.call.call_id
        info = await expect_error(
            cc.MakeCall(rr.MakeCallRequest(extension="102", destination="101"), metadata=metadata),
            grpc.StatusCode.PERMISSION_DENIED,
            "PERMISSION_DENIED",
        )
        assert info.metadata["extension"] == "102"
        # ClearCall needs a supervisor
        await expect_error(
            cc.ClearCall(rr.ClearCallRequest(extension="101"), metadata=metadata),
            grpc.StatusCode.PERMISSION_DENIED,
            "PERMISSION_DENIED",
        )
        await expect_error(
            cc.HoldCall(rr.HoldCallRequest(extension="101")), grpc.StatusCode.UNAUTHENTICATED, "UNAUTHENTICATED"
        )


async def test_next_step_right_after_the_previous_answer_is_not_refused(stack: Stack) -> None:
    """A client may answer the moment MakeCall returns, before the switch's events reach the tracker."""
    calls = service_pb2_grpc.CallControlServiceStub(stack.channel)
    for _ in range(5):
        made = await calls.MakeCall(rr.MakeCallRequest(extension="101", destination="102"))
        answered = await calls.AnswerCall(rr.AnswerCallRequest(extension="102"))
        assert answered.call.call_id == made.call.call_id
        await calls.HoldCall(rr.HoldCallRequest(extension="101"))
        await calls.RetrieveCall(rr.RetrieveCallRequest(extension="101"))
        await calls.HangupCall(rr.HangupCallRequest(extension="101"))
        assert stack.switch.call_ids() == []


async def test_console_settings_apply_to_call_control_at_once(stack: Stack) -> None:
    """`update parameter phantom_max_duration 5` and `user_data_max_size 10` bind the next requests (no setting
    was read before on this fresh server, so its few-seconds cache holds nothing stale)."""
    from callwire.admin.v1 import request_response_pb2 as admin_rr
    from callwire.admin.v1 import service_pb2_grpc as admin_grpc

    admin = admin_grpc.AdminServiceStub(stack.channel)
    await admin.UpdateSetting(admin_rr.UpdateSettingRequest(name="phantom_max_duration", value="5"))
    await admin.UpdateSetting(admin_rr.UpdateSettingRequest(name="user_data_max_size", value="10"))
    calls = service_pb2_grpc.CallControlServiceStub(stack.channel)
    phantom = rr.MakePhantomCallRequest(
        destination="102",
        duration=duration_pb2.Duration(seconds=10),
        wait_event=enums_pb2.PHANTOM_WAIT_EVENT_CONNECT,
    )
    with pytest.raises(grpc.aio.AioRpcError) as too_long:
        await calls.MakePhantomCall(phantom)
    assert too_long.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "at most 5 s" in (too_long.value.details() or "")
    with pytest.raises(grpc.aio.AioRpcError) as too_large:
        await calls.MakeCall(rr.MakeCallRequest(extension="101", destination="102", user_data="x" * 11))
    assert too_large.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "over the limit of 10 bytes" in (too_large.value.details() or "")
    assert stack.switch.call_ids() == []
