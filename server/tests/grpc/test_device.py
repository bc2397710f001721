"""DeviceService (DMCC phone control and link status) through a real gRPC port against the simulated demo site."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import grpc

from callwire.device.v1 import enums_pb2, service_pb2_grpc
from callwire.device.v1 import request_response_pb2 as rr
from callwire_csta import codec as csta
from callwire_server.mapping import lamp_color, lamp_mode
from callwire_testkit import expect_error

if TYPE_CHECKING:
    from grpc_stack import Stack


def device(stack: Stack) -> service_pb2_grpc.DeviceServiceStub:
    return service_pb2_grpc.DeviceServiceStub(stack.channel)


async def make_call(stack: Stack, caller: str, destination: str) -> str:
    answer = await stack.core.invoke(
        csta.MakeCall(
            calling_device=stack.core.device_id(caller), called_directory_number=csta.DeviceID(value=destination)
        )
    )
    assert isinstance(answer, csta.MakeCallResponse)
    assert answer.calling_device.call_id
    return answer.calling_device.call_id


def state(stack: Stack, call_id: str, extension: str) -> csta.LocalConnectionState | None:
    return stack.switch.connection_state(int(call_id), extension)


# ------------------------------------------------------------------------------------------------- link


async def test_link_status_reports_the_configured_endpoint(stack: Stack) -> None:
    d = device(stack)
    answer = await d.GetLinkStatus(rr.GetLinkStatusRequest())
    assert [(link.link_name, link.up, link.auto_reconnect) for link in answer.links] == [("sim", True, True)]
    one = await d.GetLinkStatus(rr.GetLinkStatusRequest(link_name="sim"))
    assert [link.link_name for link in one.links] == ["sim"]
    assert not (await d.GetLinkStatus(rr.GetLinkStatusRequest(link_name="other"))).links


async def test_link_status_down_after_the_switch_goes_away(stack: Stack) -> None:
    await stack.sim.stop()
    d = device(stack)
    async with asyncio.timeout(30):  # the link notices the closed socket at once; a busy machine takes longer
        while True:
            answer = await d.GetLinkStatus(rr.GetLinkStatusRequest())
            if not answer.links[0].up:
                break
            await asyncio.sleep(0.02)
    assert [(link.link_name, link.up) for link in answer.links] == [("sim", False)]


# ------------------------------------------------------------------------------------------------ reads


async def test_buttons_of_a_demo_station(stack: Stack) -> None:
    d = device(stack)
    answer = await d.GetButtonInformation(rr.GetButtonInformationRequest(extension="101"))
    assert [(b.button, b.label, b.function) for b in answer.buttons] == [
        ("1", "a=", "call-appearance"),
        ("2", "b=", "call-appearance"),
        ("3", "c=", "call-appearance"),
        ("4", "send-all-calls", "send-all-calls"),
        ("5", "call-fwd", "call-forwarding"),
        ("6", "msg-wait", "message-waiting"),
    ]
    assert list(answer.buttons[0].lamp_ids) == ["1"]
    one = await d.GetButtonInformation(rr.GetButtonInformationRequest(extension="101", button="4"))
    assert [b.function for b in one.buttons] == ["send-all-calls"]


async def test_button_errors(stack: Stack) -> None:
    d = device(stack)
    info = await expect_error(
        d.GetButtonInformation(rr.GetButtonInformationRequest(extension="101", button="99")),
        grpc.StatusCode.NOT_FOUND,
        "NOT_FOUND",
    )
    assert info.metadata["field"] == "button"
    info = await expect_error(
        d.GetButtonInformation(rr.GetButtonInformationRequest(extension="999")),
        grpc.StatusCode.NOT_FOUND,
        "UNKNOWN_EXTENSION",
    )
    assert info.metadata["extension"] == "999"
    info = await expect_error(
        d.GetButtonInformation(rr.GetButtonInformationRequest()), grpc.StatusCode.INVALID_ARGUMENT, "INVALID_ARGUMENT"
    )
    assert info.metadata["field"] == "extension"


async def test_lamp_ringer_and_display_reflect_an_alerting_call(stack: Stack) -> None:
    d = device(stack)
    idle = await d.GetLampMode(rr.GetLampModeRequest(extension="101"))
    assert {lamp.lamp: lamp.mode for lamp in idle.lamps} == dict.fromkeys("123456", enums_pb2.LAMP_MODE_OFF)
    ringer = await d.GetRingerStatus(rr.GetRingerStatusRequest(extension="101"))
    assert [r.ring_mode for r in ringer.ringers] == [enums_pb2.RING_MODE_NOT_RINGING]
    display = await d.GetDisplay(rr.GetDisplayRequest(extension="101"))
    assert [x.contents for x in display.displays] == [""]

    await make_call(stack, "102", "101")
    lamps = await d.GetLampMode(rr.GetLampModeRequest(extension="101", lamp="1"))
    assert [(lamp.lamp, lamp.mode, lamp.button) for lamp in lamps.lamps] == [("1", enums_pb2.LAMP_MODE_FLUTTER, "1")]
    assert lamps.lamps[0].brightness == enums_pb2.LAMP_BRIGHTNESS_NORMAL
    ringer = await d.GetRingerStatus(rr.GetRingerStatusRequest(extension="101"))
    assert [r.ring_mode for r in ringer.ringers] == [enums_pb2.RING_MODE_RINGING]
    display = await d.GetDisplay(rr.GetDisplayRequest(extension="101"))
    (shown,) = display.displays
    assert shown.contents == "a= Mary 102"
    assert (shown.logical_rows, shown.logical_columns) == (2, 40)
    caller_lamps = await d.GetLampMode(rr.GetLampModeRequest(extension="102", lamp="1"))
    assert [lamp.mode for lamp in caller_lamps.lamps] == [enums_pb2.LAMP_MODE_STEADY]


async def test_lamp_and_display_errors(stack: Stack) -> None:
    d = device(stack)
    info = await expect_error(
        d.GetLampMode(rr.GetLampModeRequest(extension="101", lamp="77")), grpc.StatusCode.NOT_FOUND, "NOT_FOUND"
    )
    assert info.metadata["field"] == "lamp"
    info = await expect_error(
        d.GetDisplay(rr.GetDisplayRequest(extension="101", display_id="7")), grpc.StatusCode.NOT_FOUND, "NOT_FOUND"
    )
    assert info.metadata["field"] == "display_id"
    await expect_error(
        d.GetDisplay(rr.GetDisplayRequest(extension="999")), grpc.StatusCode.NOT_FOUND, "UNKNOWN_EXTENSION"
    )
    await expect_error(
        d.GetRingerStatus(rr.GetRingerStatusRequest(extension="999")), grpc.StatusCode.NOT_FOUND, "UNKNOWN_EXTENSION"
    )


def test_lamp_codes_follow_ecma_269() -> None:
    assert lamp_mode(0) == (enums_pb2.LAMP_MODE_BROKEN_FLUTTER, 0)
    assert lamp_mode(4) == (enums_pb2.LAMP_MODE_WINK, 0)
    assert lamp_mode(101) == (enums_pb2.LAMP_MODE_OTHER, 101)
    assert lamp_color(None) == (enums_pb2.LAMP_COLOR_UNSPECIFIED, 0)
    assert lamp_color(3) == (enums_pb2.LAMP_COLOR_GREEN, 0)
    assert lamp_color(200) == (enums_pb2.LAMP_COLOR_OTHER, 200)


async def test_registration_state_of_an_unregistered_station(stack: Stack) -> None:
    d = device(stack)
    answer = await d.GetRegistrationState(rr.GetRegistrationStateRequest(extension="101"))
    assert answer.state == enums_pb2.REGISTRATION_STATE_IDLE
    assert answer.gatekeeper_address == ""
    await expect_error(
        d.GetRegistrationState(rr.GetRegistrationStateRequest(extension="999")),
        grpc.StatusCode.NOT_FOUND,
        "UNKNOWN_EXTENSION",
    )


# ------------------------------------------------------------------------------------- hook switch, buttons


async def test_hookswitch_answers_and_hangs_up(stack: Stack) -> None:
    d = device(stack)
    status = await d.GetHookswitchStatus(rr.GetHookswitchStatusRequest(extension="101"))
    assert [h.on_hook for h in status.hookswitches] == [True]
    call_id = await make_call(stack, "102", "101")
    assert state(stack, call_id, "101") is csta.LocalConnectionState.ALERTING

    await d.SetHookswitchStatus(rr.SetHookswitchStatusRequest(extension="101", on_hook=False))
    assert state(stack, call_id, "101") is csta.LocalConnectionState.CONNECTED
    status = await d.GetHookswitchStatus(rr.GetHookswitchStatusRequest(extension="101"))
    assert [h.on_hook for h in status.hookswitches] == [False]

    await d.SetHookswitchStatus(rr.SetHookswitchStatusRequest(extension="101", on_hook=True))
    assert state(stack, call_id, "101") is None
    status = await d.GetHookswitchStatus(rr.GetHookswitchStatusRequest(extension="101"))
    assert [h.on_hook for h in status.hookswitches] == [True]


async def test_hookswitch_errors(stack: Stack) -> None:
    d = device(stack)
    # Hanging up an idle phone: the switch refuses with a state error.
    await expect_error(
        d.SetHookswitchStatus(rr.SetHookswitchStatusRequest(extension="103", on_hook=True)),
        grpc.StatusCode.FAILED_PRECONDITION,
        "INVALID_STATE",
    )
    await expect_error(
        d.SetHookswitchStatus(rr.SetHookswitchStatusRequest(extension="999")),
        grpc.StatusCode.NOT_FOUND,
        "UNKNOWN_EXTENSION",
    )
    await expect_error(
        d.GetHookswitchStatus(rr.GetHookswitchStatusRequest(extension="")),
        grpc.StatusCode.INVALID_ARGUMENT,
        "INVALID_ARGUMENT",
    )


async def test_pressing_the_call_appearance_answers_an_alerting_call(stack: Stack) -> None:
    d = device(stack)
    call_id = await make_call(stack, "102", "101")
    await d.PressButton(rr.PressButtonRequest(extension="101", button="1"))
    assert state(stack, call_id, "101") is csta.LocalConnectionState.CONNECTED
    lamps = await d.GetLampMode(rr.GetLampModeRequest(extension="101", lamp="1"))
    assert [lamp.mode for lamp in lamps.lamps] == [enums_pb2.LAMP_MODE_STEADY]


async def test_pressing_send_all_calls_toggles_it(stack: Stack) -> None:
    d = device(stack)
    await d.PressButton(rr.PressButtonRequest(extension="104", button="4"))
    lamps = await d.GetLampMode(rr.GetLampModeRequest(extension="104", lamp="4"))
    assert [lamp.mode for lamp in lamps.lamps] == [enums_pb2.LAMP_MODE_STEADY]


async def test_press_button_errors(stack: Stack) -> None:
    d = device(stack)
    info = await expect_error(
        d.PressButton(rr.PressButtonRequest(extension="101", button="42")), grpc.StatusCode.NOT_FOUND, "NOT_FOUND"
    )
    assert info.metadata["field"] == "button"
    info = await expect_error(
        d.PressButton(rr.PressButtonRequest(extension="101")), grpc.StatusCode.INVALID_ARGUMENT, "INVALID_ARGUMENT"
    )
    assert info.metadata["field"] == "button"
    await expect_error(
        d.PressButton(rr.PressButtonRequest(extension="999", button="1")),
        grpc.StatusCode.NOT_FOUND,
        "UNKNOWN_EXTENSION",
    )


# ------------------------------------------------------------------------------------------- security code


async def test_validate_security_code(stack: Stack) -> None:
    d = device(stack)
    good = await d.ValidateDeviceSecurityCode(
        rr.ValidateDeviceSecurityCodeRequest(extension="101", security_code="1234")
    )
    assert good.valid
    assert good.reason == ""
    bad = await d.ValidateDeviceSecurityCode(
        rr.ValidateDeviceSecurityCodeRequest(extension="101", security_code="9999")
    )
    assert not bad.valid
    assert bad.reason == "securityInfoViolated"
    info = await expect_error(
        d.ValidateDeviceSecurityCode(rr.ValidateDeviceSecurityCodeRequest(extension="101")),
        grpc.StatusCode.INVALID_ARGUMENT,
        "INVALID_ARGUMENT",
    )
    assert info.metadata["field"] == "security_code"
    await expect_error(
        d.ValidateDeviceSecurityCode(rr.ValidateDeviceSecurityCodeRequest(extension="999", security_code="1")),
        grpc.StatusCode.NOT_FOUND,
        "UNKNOWN_EXTENSION",
    )


async def test_change_security_code(stack: Stack) -> None:
    d = device(stack)
    changed = await d.ChangeDeviceSecurityCode(
        rr.ChangeDeviceSecurityCodeRequest(extension="102", old_security_code="1234", new_security_code="5678")
    )
    assert changed.changed
    validate = rr.ValidateDeviceSecurityCodeRequest(extension="102", security_code="5678")
    assert (await d.ValidateDeviceSecurityCode(validate)).valid

    wrong_old = await d.ChangeDeviceSecurityCode(
        rr.ChangeDeviceSecurityCodeRequest(extension="102", old_security_code="1234", new_security_code="4321")
    )
    assert not wrong_old.changed
    assert wrong_old.reason == "securityInfoViolated"
    bad_new = await d.ChangeDeviceSecurityCode(
        rr.ChangeDeviceSecurityCodeRequest(extension="102", old_security_code="5678", new_security_code="12ab")
    )
    assert not bad_new.changed
    assert bad_new.reason == "invalidParameterValue"
    info = await expect_error(
        d.ChangeDeviceSecurityCode(rr.ChangeDeviceSecurityCodeRequest(extension="102", old_security_code="5678")),
        grpc.StatusCode.INVALID_ARGUMENT,
        "INVALID_ARGUMENT",
    )
    assert info.metadata["field"] == "new_security_code"
