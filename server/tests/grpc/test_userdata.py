"""UserDataService (the uuiSVR replacement) through a real gRPC port against the simulated demo site."""

from __future__ import annotations

import asyncio
import dataclasses
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import grpc
import pytest
from grpc_stack import Clock, running_stack

from callwire.userdata.v1 import request_response_pb2 as rr
from callwire.userdata.v1 import service_pb2_grpc
from callwire_csta import codec as csta
from callwire_testkit import expect_error

if TYPE_CHECKING:
    from grpc_stack import Stack

T = TypeVar("T")


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def stack(tmp_path: Path, clock: Clock) -> AsyncIterator[Stack]:
    """The stack with the store on `clock`: expiry tests advance it instead of sleeping through a TTL."""
    async with running_stack(tmp_path, clock=clock) as running:
        yield running


UNKNOWN_KEY = "FCCCCCCC0000000156A853617F00000113EC00000005"  # the reference's example key


async def eventually(attempt: Callable[[], Awaitable[T]], timeout: float = 30.0) -> T:
    """The first successful `attempt()`; retried while it fails with FAILED_PRECONDITION (events in flight)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            return await attempt()
        except grpc.aio.AioRpcError as err:
            if err.code() != grpc.StatusCode.FAILED_PRECONDITION or time.monotonic() > deadline:
                raise
        await asyncio.sleep(0.02)


def userdata(stack: Stack) -> service_pb2_grpc.UserDataServiceStub:
    return service_pb2_grpc.UserDataServiceStub(stack.channel)


def uui(key: str) -> csta.UserData:
    """The UUI that carries a user data key on a call: the key's 22 bytes."""
    return csta.UserData(string=bytes.fromhex(key))


async def make_call(stack: Stack, caller: str, destination: str, user_data: csta.UserData | None = None) -> str:
    answer = await stack.core.invoke(
        csta.MakeCall(
            calling_device=stack.core.device_id(caller),
            called_directory_number=csta.DeviceID(value=destination),
            user_data=user_data,
        )
    )
    assert isinstance(answer, csta.MakeCallResponse)
    assert answer.calling_device.call_id
    return answer.calling_device.call_id


def connection(stack: Stack, call_id: str, extension: str) -> csta.ConnectionID:
    return csta.ConnectionID(call_id=call_id, device_id=stack.core.device_id(extension))


# ------------------------------------------------------------------------------------------ by UUI key


async def test_set_get_update(stack: Stack, clock: Clock) -> None:
    u = userdata(stack)
    created = await u.SetUserData(rr.SetUserDataRequest(data="set data", extension="101"))
    assert len(created.uui) == 44
    assert created.uui.startswith("FCCCCCCC")
    ttl = stack.core.config.user_data_ttl
    assert created.expire_time.ToDatetime(tzinfo=UTC) == clock.now + timedelta(seconds=ttl)

    got = await u.GetUserData(rr.GetUserDataRequest(uui=created.uui))
    assert got.data == "set data"
    assert got.expire_time == created.expire_time
    # Keys are case-insensitive.
    assert (await u.GetUserData(rr.GetUserDataRequest(uui=created.uui.lower(), extension="101"))).data == "set data"

    clock.advance(60)
    updated = await u.UpdateUserData(rr.UpdateUserDataRequest(uui=created.uui, data="update data"))
    assert updated.expire_time.ToDatetime(tzinfo=UTC) == clock.now + timedelta(seconds=ttl)  # the TTL restarts
    got = await u.GetUserData(rr.GetUserDataRequest(uui=created.uui))
    assert got.data == "update data"
    assert got.expire_time == updated.expire_time


async def test_user_data_counts_utf8_bytes_against_the_limit(stack: Stack) -> None:
    u = userdata(stack)
    limit = stack.core.config.user_data_max_size
    fits = await u.SetUserData(rr.SetUserDataRequest(data="x" * limit))
    assert (await u.GetUserData(rr.GetUserDataRequest(uui=fits.uui))).data == "x" * limit
    info = await expect_error(
        u.SetUserData(rr.SetUserDataRequest(data="é" * (limit // 2 + 1))),
        grpc.StatusCode.INVALID_ARGUMENT,
        "USER_DATA_TOO_LARGE",
    )
    assert info.metadata["size"] == str(2 * (limit // 2 + 1))
    assert info.metadata["limit"] == str(limit)
    info = await expect_error(
        u.UpdateUserData(rr.UpdateUserDataRequest(uui=fits.uui, data="y" * (limit + 1))),
        grpc.StatusCode.INVALID_ARGUMENT,
        "USER_DATA_TOO_LARGE",
    )
    assert info.metadata["size"] == str(limit + 1)


async def test_settings_override_the_configured_limits(stack: Stack, clock: Clock) -> None:
    """`user_data_max_size` and `user_data_ttl` set with AdminService UpdateSetting apply without a restart."""
    await stack.core.store.set_setting("user_data_max_size", "10")
    await stack.core.store.set_setting("user_data_ttl", "60")
    u = userdata(stack)
    info = await expect_error(
        u.SetUserData(rr.SetUserDataRequest(data="eleven byte")),
        grpc.StatusCode.INVALID_ARGUMENT,
        "USER_DATA_TOO_LARGE",
    )
    assert (info.metadata["size"], info.metadata["limit"]) == ("11", "10")
    created = await u.SetUserData(rr.SetUserDataRequest(data="ten bytes!"))
    assert created.expire_time.ToDatetime(tzinfo=UTC) == clock.now + timedelta(seconds=60)


async def test_unknown_and_expired_keys(stack: Stack, clock: Clock) -> None:
    u = userdata(stack)
    info = await expect_error(
        u.GetUserData(rr.GetUserDataRequest(uui=UNKNOWN_KEY)), grpc.StatusCode.NOT_FOUND, "USER_DATA_NOT_FOUND"
    )
    assert info.metadata["uui"] == UNKNOWN_KEY
    await expect_error(
        u.UpdateUserData(rr.UpdateUserDataRequest(uui=UNKNOWN_KEY, data="x")),
        grpc.StatusCode.NOT_FOUND,
        "USER_DATA_NOT_FOUND",
    )
    stack.core.config = dataclasses.replace(stack.core.config, user_data_ttl=30)
    short = await u.SetUserData(rr.SetUserDataRequest(data="soon gone"))
    clock.advance(29.9)
    assert (await u.GetUserData(rr.GetUserDataRequest(uui=short.uui))).data == "soon gone"
    clock.advance(0.1)
    info = await expect_error(
        u.GetUserData(rr.GetUserDataRequest(uui=short.uui)), grpc.StatusCode.NOT_FOUND, "USER_DATA_NOT_FOUND"
    )
    assert info.metadata["uui"] == short.uui


async def test_invalid_arguments_name_the_field(stack: Stack) -> None:
    u = userdata(stack)
    cases: list[tuple[Awaitable[object], str]] = [
        (u.SetUserData(rr.SetUserDataRequest()), "data"),
        (u.SetUserData(rr.SetUserDataRequest(data="x", extension="1 01")), "extension"),
        (u.GetUserData(rr.GetUserDataRequest()), "uui"),
        (u.GetUserData(rr.GetUserDataRequest(uui="not-a-key")), "uui"),
        (u.GetUserData(rr.GetUserDataRequest(uui=UNKNOWN_KEY[:-1])), "uui"),
        (u.UpdateUserData(rr.UpdateUserDataRequest(uui="G" * 44, data="x")), "uui"),
        (u.GetAlertUserData(rr.GetAlertUserDataRequest()), "extension"),
        (u.GetHangupUserData(rr.GetHangupUserDataRequest()), "extension"),
    ]
    for call, field in cases:
        info = await expect_error(call, grpc.StatusCode.INVALID_ARGUMENT, "INVALID_ARGUMENT")
        assert info.metadata["field"] == field


# -------------------------------------------------------------------------------------- alert and hang-up


async def test_alert_user_data_of_an_internal_call(stack: Stack) -> None:
    u = userdata(stack)
    info = await expect_error(
        u.GetAlertUserData(rr.GetAlertUserDataRequest(extension="101")),
        grpc.StatusCode.FAILED_PRECONDITION,
        "INVALID_STATE",
    )
    assert info.metadata["extension"] == "101"
    key = (await u.SetUserData(rr.SetUserDataRequest(data="hello world"))).uui
    call_id = await make_call(stack, "102", "101", uui(key))

    answer = await eventually(lambda: u.GetAlertUserData(rr.GetAlertUserDataRequest(extension="101")))
    assert answer.call.call_id == call_id
    assert answer.call.ucid == stack.switch.ucid(int(call_id))
    assert (answer.call_data.calling, answer.call_data.called, answer.call_data.alerting) == ("102", "101", "101")
    assert answer.user_data == "hello world"
    # The data is read when asked: an update after the alert shows.
    await u.UpdateUserData(rr.UpdateUserDataRequest(uui=key, data="updated"))
    answer = await u.GetAlertUserData(rr.GetAlertUserDataRequest(extension="101"))
    assert answer.user_data == "updated"


async def test_alert_user_data_at_the_caller_shows_its_call_ringing_at_the_called_party(stack: Stack) -> None:
    """The reference's example: `userdata` alert for 101 answers calling 101, called 102, alerting 102."""
    u = userdata(stack)
    key = (await u.SetUserData(rr.SetUserDataRequest(data="for the agent"))).uui
    call_id = await make_call(stack, "101", "102", uui(key))
    answer = await eventually(lambda: u.GetAlertUserData(rr.GetAlertUserDataRequest(extension="101")))
    assert answer.call.call_id == call_id
    assert (answer.call_data.calling, answer.call_data.called, answer.call_data.alerting) == ("101", "102", "102")
    assert answer.user_data == "for the agent"


async def test_alert_user_data_of_an_inbound_trunk_call(stack: Stack) -> None:
    u = userdata(stack)
    key = (await u.SetUserData(rr.SetUserDataRequest(data="from the IVR"))).uui
    call_id = stack.switch.incoming_call("67891234", "103", user_data=bytes.fromhex(key))
    answer = await eventually(lambda: u.GetAlertUserData(rr.GetAlertUserDataRequest(extension="103")))
    assert answer.call.call_id == str(call_id)
    assert answer.call_data.alerting == "103"
    assert answer.call_data.calling == "67891234"
    assert answer.call_data.trunk_group == "5"
    assert answer.call_data.trunk_member != ""
    assert answer.user_data == "from the IVR"


async def test_alert_and_hangup_need_a_monitored_extension(stack: Stack) -> None:
    u = userdata(stack)
    # 111 exists on the demo switch but is not monitored by the stack.
    info = await expect_error(
        u.GetAlertUserData(rr.GetAlertUserDataRequest(extension="111")),
        grpc.StatusCode.FAILED_PRECONDITION,
        "NOT_MONITORED",
    )
    assert info.metadata["extension"] == "111"
    await expect_error(
        u.GetHangupUserData(rr.GetHangupUserDataRequest(extension="111")),
        grpc.StatusCode.FAILED_PRECONDITION,
        "NOT_MONITORED",
    )


async def test_hangup_user_data_set_by_the_releasing_party(stack: Stack) -> None:
    u = userdata(stack)
    info = await expect_error(
        u.GetHangupUserData(rr.GetHangupUserDataRequest(extension="104")),
        grpc.StatusCode.FAILED_PRECONDITION,
        "INVALID_STATE",
    )
    assert info.metadata["extension"] == "104"
    call_id = await make_call(stack, "104", "105")
    await stack.core.invoke(csta.AnswerCall(call_to_be_answered=connection(stack, call_id, "105")))
    key = (await u.SetUserData(rr.SetUserDataRequest(data="bye from 105"))).uui
    await stack.core.invoke(
        csta.ClearConnection(connection_to_be_cleared=connection(stack, call_id, "105"), user_data=uui(key))
    )
    answer = await eventually(lambda: u.GetHangupUserData(rr.GetHangupUserDataRequest(extension="104")))
    assert answer.call.call_id == call_id
    assert len(answer.call.ucid) == 20
    assert answer.releasing == "105"
    assert answer.user_data == "bye from 105"


async def test_hangup_user_data_of_pin_verification(stack: Stack) -> None:
    """The reference's `pinver`: 66711 answers, checks the PIN and hangs up with hang-up data "ok"."""
    u = userdata(stack)
    call_id = await make_call(stack, "61451", "66711")
    answer = await eventually(lambda: u.GetHangupUserData(rr.GetHangupUserDataRequest(extension="61451")), timeout=30.0)
    assert answer.call.call_id == call_id
    assert answer.releasing == "66711"
    assert answer.user_data == "ok"
