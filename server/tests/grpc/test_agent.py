"""AgentService through a real gRPC port against the simulated demo site (split 201: agents 12345-12349)."""

from __future__ import annotations

from pathlib import Path

import grpc
import pytest
from grpc_stack import Stack, running_stack

from callwire.agent.v1 import enums_pb2 as ag
from callwire.agent.v1 import request_response_pb2 as rr
from callwire.agent.v1 import service_pb2_grpc
from callwire.callcontrol.v1 import request_response_pb2 as cc_rr
from callwire.callcontrol.v1 import service_pb2_grpc as cc_grpc
from callwire_server.config import GrpcConfig
from callwire_testkit import expect_error, until

PASSWORD = "67890"


def stub(stack: Stack) -> service_pb2_grpc.AgentServiceStub:
    return service_pb2_grpc.AgentServiceStub(stack.channel)


async def login(stack: Stack, extension: str, agent_id: str, mode: int | None = ag.WORK_MODE_MANUAL_IN) -> None:
    request = rr.LoginRequest(extension=extension, agent_id=agent_id, password=PASSWORD, split="201")
    if mode is not None:
        request.initial_work_mode = mode  # type: ignore[assignment]
    await stub(stack).Login(request)


async def agent_state(stack: Stack, extension: str = "101") -> rr.GetAgentStateResponse:
    answer: rr.GetAgentStateResponse = await stub(stack).GetAgentState(rr.GetAgentStateRequest(extension=extension))
    return answer


async def test_login_set_every_state_and_logout(stack: Stack) -> None:
    ac = stub(stack)
    state = (await agent_state(stack)).state
    assert state.work_mode == ag.WORK_MODE_NULL
    assert state.talk_state == ag.TALK_STATE_IDLE

    await login(stack, "101", "12345")
    state = (await agent_state(stack)).state
    assert state.agent_id == "12345"
    assert state.work_mode == ag.WORK_MODE_MANUAL_IN
    assert state.talk_state == ag.TALK_STATE_IDLE
    assert state.split == "201"
    assert stack.switch._agents["12345"].work_mode == "manualIn"

    answer = await ac.SetAgentState(rr.SetAgentStateRequest(extension="101", work_mode=ag.WORK_MODE_AUX, reason_code=5))
    assert not answer.pending
    state = (await agent_state(stack)).state
    assert state.work_mode == ag.WORK_MODE_AUX
    assert state.reason_code == 5

    await ac.SetAgentState(rr.SetAgentStateRequest(extension="101", work_mode=ag.WORK_MODE_AFTER_CALL_WORK))
    state = (await agent_state(stack)).state
    assert state.work_mode == ag.WORK_MODE_AFTER_CALL_WORK
    assert state.reason_code == 0

    await ac.SetAgentState(rr.SetAgentStateRequest(extension="101", work_mode=ag.WORK_MODE_AUTO_IN))
    assert (await agent_state(stack)).state.work_mode == ag.WORK_MODE_AUTO_IN
    await ac.SetAgentState(rr.SetAgentStateRequest(extension="101", work_mode=ag.WORK_MODE_MANUAL_IN))
    assert (await agent_state(stack)).state.work_mode == ag.WORK_MODE_MANUAL_IN

    await ac.Logout(rr.LogoutRequest(extension="101", agent_id="12345", password=PASSWORD, reason_code=7))
    assert (await agent_state(stack)).state.work_mode == ag.WORK_MODE_NULL
    assert stack.switch._agents["12345"].station is None
    await expect_error(
        ac.Logout(rr.LogoutRequest(extension="101")), grpc.StatusCode.FAILED_PRECONDITION, "INVALID_STATE"
    )
    await expect_error(
        ac.SetAgentState(rr.SetAgentStateRequest(extension="101", work_mode=ag.WORK_MODE_AUX)),
        grpc.StatusCode.FAILED_PRECONDITION,
        "INVALID_STATE",
    )


async def test_login_in_aux_by_default_and_logout_without_agent_id(stack: Stack) -> None:
    await login(stack, "103", "12347", mode=None)
    state = (await agent_state(stack, "103")).state
    assert state.work_mode == ag.WORK_MODE_AUX
    await stub(stack).Logout(rr.LogoutRequest(extension="103"))
    assert (await agent_state(stack, "103")).state.work_mode == ag.WORK_MODE_NULL


async def test_pending_state_during_a_call(stack: Stack) -> None:
    ac = stub(stack)
    cc = cc_grpc.CallControlServiceStub(stack.channel)
    await login(stack, "101", "12345")
    made = await cc.MakeCall(cc_rr.MakeCallRequest(extension="101", destination="102"))

    async def alerting() -> bool:
        return stack.core.calls.alerting_call("102") is not None

    await until(alerting)
    await cc.AnswerCall(cc_rr.AnswerCallRequest(extension="102"))
    answer = await ac.SetAgentState(
        rr.SetAgentStateRequest(extension="101", work_mode=ag.WORK_MODE_AUX, reason_code=3, enable_pending=True)
    )
    assert answer.pending
    state = (await agent_state(stack)).state
    assert state.talk_state == ag.TALK_STATE_ON_CALL
    assert state.work_mode == ag.WORK_MODE_MANUAL_IN
    assert state.pending_work_mode == ag.WORK_MODE_AUX
    assert state.pending_reason_code == 3

    async def tracked() -> bool:
        return stack.core.calls.active_call("101") is not None

    await until(tracked)
    await cc.HangupCall(cc_rr.HangupCallRequest(extension="101"))
    assert int(made.call.call_id) not in stack.switch.call_ids()

    async def applied() -> bool:
        s = (await agent_state(stack)).state
        return s.work_mode == ag.WORK_MODE_AUX and s.reason_code == 3

    await until(applied)
    state = (await agent_state(stack)).state
    assert state.talk_state == ag.TALK_STATE_IDLE
    assert state.pending_work_mode == ag.WORK_MODE_UNSPECIFIED


async def test_login_errors(stack: Stack) -> None:
    ac = stub(stack)
    info = await expect_error(
        ac.Login(rr.LoginRequest(extension="101", agent_id="12345", password="wrong")),
        grpc.StatusCode.PERMISSION_DENIED,
        "CSTA_ERROR",
    )
    assert info.metadata["csta_value"] == "invalidAgentPassword"
    await expect_error(
        ac.Login(rr.LoginRequest(extension="101", agent_id="99999", password=PASSWORD)),
        grpc.StatusCode.PERMISSION_DENIED,
        "CSTA_ERROR",
    )
    await login(stack, "101", "12345")
    await expect_error(
        ac.Login(rr.LoginRequest(extension="102", agent_id="12345", password=PASSWORD)),
        grpc.StatusCode.FAILED_PRECONDITION,
        "INVALID_STATE",
    )


async def test_agent_login_and_split_skill_status(stack: Stack) -> None:
    ac = stub(stack)
    empty = await ac.GetAgentLogin(rr.GetAgentLoginRequest(split="201"))
    assert empty.split == "201"
    assert list(empty.extensions) == []
    await login(stack, "101", "12345", mode=ag.WORK_MODE_AUTO_IN)
    await login(stack, "102", "12346", mode=ag.WORK_MODE_AUX)
    await ac.SetAgentState(rr.SetAgentStateRequest(extension="102", work_mode=ag.WORK_MODE_AUX, reason_code=9))
    logins = await ac.GetAgentLogin(rr.GetAgentLoginRequest(split="201"))
    assert sorted(logins.extensions) == ["101", "102"]

    status = await ac.GetSplitSkillStatus(rr.GetSplitSkillStatusRequest(split="201"))
    assert status.split == "201"
    agents = {a.extension: a for a in status.agents}
    assert sorted(agents) == ["101", "102"]
    assert agents["101"].agent_id == "12345"
    assert agents["101"].work_mode == ag.WORK_MODE_AUTO_IN
    assert agents["101"].talk_state == ag.TALK_STATE_IDLE
    assert agents["102"].agent_id == "12346"
    assert agents["102"].work_mode == ag.WORK_MODE_AUX
    assert agents["102"].reason_code == 9

    for call in (
        ac.GetAgentLogin(rr.GetAgentLoginRequest(split="999")),
        ac.GetSplitSkillStatus(rr.GetSplitSkillStatusRequest(split="999")),
    ):
        info = await expect_error(call, grpc.StatusCode.NOT_FOUND, "UNKNOWN_EXTENSION")
        assert info.metadata["extension"] == "999"


@pytest.mark.parametrize(
    ("name", "request_"),
    [
        ("Login", rr.LoginRequest(extension="999", agent_id="12345", password=PASSWORD)),
        ("Logout", rr.LogoutRequest(extension="999")),
        ("SetAgentState", rr.SetAgentStateRequest(extension="999", work_mode=ag.WORK_MODE_AUX)),
        ("GetAgentState", rr.GetAgentStateRequest(extension="999")),
    ],
)
async def test_unknown_extension(stack: Stack, name: str, request_: object) -> None:
    info = await expect_error(getattr(stub(stack), name)(request_), grpc.StatusCode.NOT_FOUND, "UNKNOWN_EXTENSION")
    assert info.metadata["extension"] == "999"


async def test_not_monitored(stack: Stack) -> None:
    info = await expect_error(
        stub(stack).GetAgentState(rr.GetAgentStateRequest(extension="111")),
        grpc.StatusCode.FAILED_PRECONDITION,
        "NOT_MONITORED",
    )
    assert info.metadata["extension"] == "111"


@pytest.mark.parametrize(
    ("name", "request_", "field"),
    [
        ("Login", rr.LoginRequest(agent_id="12345"), "extension"),
        ("Login", rr.LoginRequest(extension="101"), "agent_id"),
        (
            "Login",
            rr.LoginRequest(extension="101", agent_id="12345", initial_work_mode=ag.WORK_MODE_AFTER_CALL_WORK),
            "initial_work_mode",
        ),
        ("Login", rr.LoginRequest(extension="101", agent_id="12345", split="20 1"), "split"),
        ("Logout", rr.LogoutRequest(), "extension"),
        ("Logout", rr.LogoutRequest(extension="101", reason_code=100), "reason_code"),
        ("SetAgentState", rr.SetAgentStateRequest(extension="101"), "work_mode"),
        ("SetAgentState", rr.SetAgentStateRequest(extension="101", work_mode=ag.WORK_MODE_NULL), "work_mode"),
        (
            "SetAgentState",
            rr.SetAgentStateRequest(extension="101", work_mode=ag.WORK_MODE_AUX, reason_code=100),
            "reason_code",
        ),
        (
            "SetAgentState",
            rr.SetAgentStateRequest(extension="101", work_mode=ag.WORK_MODE_AUTO_IN, reason_code=4),
            "reason_code",
        ),
        ("GetAgentState", rr.GetAgentStateRequest(), "extension"),
        ("GetAgentLogin", rr.GetAgentLoginRequest(), "split"),
        ("GetSplitSkillStatus", rr.GetSplitSkillStatusRequest(), "split"),
    ],
)
async def test_invalid_argument_names_the_field(stack: Stack, name: str, request_: object, field: str) -> None:
    info = await expect_error(
        getattr(stub(stack), name)(request_), grpc.StatusCode.INVALID_ARGUMENT, "INVALID_ARGUMENT"
    )
    assert info.metadata["field"] == field


async def test_agent_key_permissions(tmp_path: Path) -> None:
    async with running_stack(tmp_path, grpc=GrpcConfig(address="127.0.0.1:0", require_api_key=True)) as running:
        server, channel = running.server, running.channel
        key = await server.core.store.create_api_key("agent 101", "agent", ["101"])
        metadata = (("authorization", f"Bearer {key.secret}"),)
        ac = service_pb2_grpc.AgentServiceStub(channel)
        await ac.Login(rr.LoginRequest(extension="101", agent_id="12345", password=PASSWORD), metadata=metadata)
        info = await expect_error(
            ac.Login(rr.LoginRequest(extension="102", agent_id="12346", password=PASSWORD), metadata=metadata),
            grpc.StatusCode.PERMISSION_DENIED,
            "PERMISSION_DENIED",
        )
        assert info.metadata["extension"] == "102"
        await expect_error(
            ac.GetAgentState(rr.GetAgentStateRequest(extension="102"), metadata=metadata),
            grpc.StatusCode.PERMISSION_DENIED,
            "PERMISSION_DENIED",
        )
        # switch-wide reads need a supervisor
        info = await expect_error(
            ac.GetAgentLogin(rr.GetAgentLoginRequest(split="201"), metadata=metadata),
            grpc.StatusCode.PERMISSION_DENIED,
            "PERMISSION_DENIED",
        )
        assert info.metadata["role"] == "agent"
        supervisor = await server.core.store.create_api_key("supervisor", "supervisor")
        status = await ac.GetSplitSkillStatus(
            rr.GetSplitSkillStatusRequest(split="201"),
            metadata=(("authorization", f"Bearer {supervisor.secret}"),),
        )
        assert [a.extension for a in status.agents] == ["101"]
