"""AgentService: ACD agent login, logout and work mode (CSTA SetAgentState with Avaya private data), and agent
and split/skill state (GetAgentState, Avaya GetAgentLogin).

Work modes go to the switch as the ECMA-323 requested state plus the Avaya `workMode` private data:
AUX = notReady + auxWork (+ reasonCode), AFTER_CALL_WORK = workingAfterCall + afterCallWork,
MANUAL_IN / AUTO_IN = ready + manualIn / autoIn. `enable_pending` sets the private `enablePending`, and the
answer's `isPending` tells whether the change waits for the current call to end.
"""

from __future__ import annotations

import asyncio
from typing import Any

import grpc

from callwire.agent.v1 import enums_pb2, message_pb2, service_pb2, service_pb2_grpc
from callwire.agent.v1 import request_response_pb2 as rr
from callwire_csta import codec as csta

from .. import mapping
from ..core import Core
from ._common import CallwireError, extension_of, invalid_argument

WORK_MODE_TO_CSTA: dict[enums_pb2.WorkMode, tuple[csta.ReqAgentState, csta.WorkMode]] = {
    enums_pb2.WORK_MODE_AUX: (csta.ReqAgentState.NOT_READY, csta.WorkMode.AUX_WORK),
    enums_pb2.WORK_MODE_AFTER_CALL_WORK: (csta.ReqAgentState.WORKING_AFTER_CALL, csta.WorkMode.AFTER_CALL_WORK),
    enums_pb2.WORK_MODE_MANUAL_IN: (csta.ReqAgentState.READY, csta.WorkMode.MANUAL_IN),
    enums_pb2.WORK_MODE_AUTO_IN: (csta.ReqAgentState.READY, csta.WorkMode.AUTO_IN),
}
_LOGIN_MODES = (enums_pb2.WORK_MODE_AUX, enums_pb2.WORK_MODE_MANUAL_IN, enums_pb2.WORK_MODE_AUTO_IN)
#: CSTA refusals that mean "no agent here / the agent is elsewhere": INVALID_STATE, as the contract says.
_AGENT_STATE_ERRORS = {"invalidAgentState", "invalidDeviceState", "invalidObjectState"}
#: CSTA refusals of a login for a wrong agent ID or password: PERMISSION_DENIED, as the contract says.
_CREDENTIAL_ERRORS = {"invalidAgentIdentifier", "invalidAgentPassword", "securityViolation"}


def _reason_code(value: int, field: str = "reason_code") -> int:
    if not 0 <= value <= 99:
        raise invalid_argument(field, f"a reason code is 0-99, got {value}")
    return value


def _split_of(request: Any, field: str = "split", *, required: bool = True) -> str:
    if not required and not str(getattr(request, field, "")).strip():
        return ""
    return extension_of(request, field)


def _refine(err: CallwireError, *, login: bool = False) -> CallwireError:
    """The contract's reasons for agent refusals the generic CSTA mapping leaves as CSTA_ERROR."""
    value = err.metadata.get("csta_value", "")
    if err.reason == "CSTA_ERROR" and value in _AGENT_STATE_ERRORS:
        return CallwireError(
            "INVALID_STATE", f"the agent is in the wrong state: {err.message}", metadata=err.metadata, csta=err.csta
        )
    if login and err.reason == "CSTA_ERROR" and value in _CREDENTIAL_ERRORS:
        return CallwireError(
            "CSTA_ERROR",
            f"wrong agent ID or password: {err.message}",
            metadata=err.metadata,
            code=grpc.StatusCode.PERMISSION_DENIED,
            csta=err.csta,
        )
    return err


class AgentServicer(service_pb2_grpc.AgentServiceServicer):
    def __init__(self, core: Core) -> None:
        self.core = core

    async def _monitored(self, extension: str) -> None:
        """NOT_MONITORED for a known but unmonitored extension; UNKNOWN_EXTENSION when the switch has none."""
        if extension in self.core.link.monitored:
            return
        await self.core.invoke(csta.SnapshotDevice(snapshot_object=self.core.device_id(extension)), extension=extension)
        self.core.require_monitored(extension)

    async def _set_state(self, extension: str, request: csta.SetAgentState, *, login: bool = False) -> csta.Message:
        try:
            return await self.core.invoke(request, extension=extension)
        except CallwireError as err:
            raise _refine(err, login=login) from None

    # ------------------------------------------------------------------------------------------ RPCs

    async def Login(self, request: rr.LoginRequest, context: Any) -> rr.LoginResponse:
        extension = extension_of(request)
        agent_id = extension_of(request, "agent_id")
        split = _split_of(request, required=False)
        private: csta.SetAgentStatePrivateData | None = None
        if request.HasField("initial_work_mode"):
            mode = request.initial_work_mode
            if mode not in _LOGIN_MODES:
                raise invalid_argument("initial_work_mode", "after login an agent is in AUX, MANUAL_IN or AUTO_IN")
            private = csta.SetAgentStatePrivateData(work_mode=WORK_MODE_TO_CSTA[mode][1])
        await self._monitored(extension)
        await self._set_state(
            extension,
            csta.SetAgentState(
                device=self.core.device_id(extension),
                requested_agent_state=csta.ReqAgentState.LOGGED_ON,
                agent_id=agent_id,
                password=request.password.encode() if request.password else None,
                group=csta.DeviceID(value=split) if split else None,
                extensions=csta.private(private) if private is not None else None,
            ),
            login=True,
        )
        return rr.LoginResponse()

    async def Logout(self, request: rr.LogoutRequest, context: Any) -> rr.LogoutResponse:
        extension = extension_of(request)
        agent_id = request.agent_id.strip()
        split = _split_of(request, required=False)
        private: csta.SetAgentStatePrivateData | None = None
        if request.HasField("reason_code"):
            private = csta.SetAgentStatePrivateData(reason_code=_reason_code(request.reason_code))
        await self._monitored(extension)
        await self._set_state(
            extension,
            csta.SetAgentState(
                device=self.core.device_id(extension),
                requested_agent_state=csta.ReqAgentState.LOGGED_OFF,
                agent_id=agent_id or None,
                password=request.password.encode() if request.password else None,
                group=csta.DeviceID(value=split) if split else None,
                extensions=csta.private(private) if private is not None else None,
            ),
        )
        return rr.LogoutResponse()

    async def SetAgentState(self, request: rr.SetAgentStateRequest, context: Any) -> rr.SetAgentStateResponse:
        extension = extension_of(request)
        target = WORK_MODE_TO_CSTA.get(request.work_mode)
        if target is None:
            raise invalid_argument("work_mode", "give AUX, AFTER_CALL_WORK, MANUAL_IN or AUTO_IN")
        state, work_mode = target
        reason = _reason_code(request.reason_code)
        if reason and request.work_mode != enums_pb2.WORK_MODE_AUX:
            raise invalid_argument("reason_code", "a reason code goes with WORK_MODE_AUX only")
        await self._monitored(extension)
        private = csta.SetAgentStatePrivateData(
            work_mode=work_mode,
            reason_code=reason if request.work_mode == enums_pb2.WORK_MODE_AUX else None,
            enable_pending=True if request.enable_pending else None,
        )
        response = await self._set_state(
            extension,
            csta.SetAgentState(
                device=self.core.device_id(extension),
                requested_agent_state=state,
                extensions=csta.private(private),
            ),
        )
        answer = mapping.private_data(response, csta.SetAgentStateResponsePrivateData)
        pending = bool(answer.is_pending) if answer is not None and answer.is_pending is not None else False
        if not pending and isinstance(response, csta.SetAgentStateResponse):
            pending = response.pending_agent_state is not None
        return rr.SetAgentStateResponse(pending=pending)

    async def _agent_state(self, extension: str, split: str) -> message_pb2.AgentState:
        response = await self.core.invoke(
            csta.GetAgentState(
                device=self.core.device_id(extension), acd_group=csta.DeviceID(value=split) if split else None
            ),
            expect=csta.GetAgentStateResponse,
            extension=extension,
        )
        return mapping.agent_state(response, self.core.link.extension_of)

    async def GetAgentState(self, request: rr.GetAgentStateRequest, context: Any) -> rr.GetAgentStateResponse:
        extension = extension_of(request)
        split = _split_of(request, required=False)
        await self._monitored(extension)
        return rr.GetAgentStateResponse(state=await self._agent_state(extension, split))

    async def _logins(self, split: str) -> list[str]:
        response = await self.core.invoke(
            csta.GetAgentLogin(device=csta.DeviceID(value=split)), expect=csta.GetAgentLoginResponse, extension=split
        )
        # A real AES answers with an empty response and AgentLoginExtensionEvents: the link gathers those
        # into the response (or raises LinkTimeout, LINK_TIMEOUT here, when the final one does not come).
        return [self.core.link.extension_of(e) for e in response.agent_login_extension_list or ()]

    async def GetAgentLogin(self, request: rr.GetAgentLoginRequest, context: Any) -> rr.GetAgentLoginResponse:
        split = _split_of(request)
        return rr.GetAgentLoginResponse(split=split, extensions=await self._logins(split))

    async def GetSplitSkillStatus(
        self, request: rr.GetSplitSkillStatusRequest, context: Any
    ) -> rr.GetSplitSkillStatusResponse:
        split = _split_of(request)
        extensions = await self._logins(split)
        states = await asyncio.gather(*(self._agent_state(ext, split) for ext in extensions), return_exceptions=True)
        agents = []
        for ext, state in zip(extensions, states, strict=True):
            if isinstance(state, BaseException):
                if isinstance(state, CallwireError) and state.reason in {"INVALID_STATE", "CSTA_ERROR"}:
                    continue  # the agent logged out between the two queries
                raise state
            if state.work_mode == enums_pb2.WORK_MODE_NULL:
                continue
            agents.append(
                message_pb2.SplitAgent(
                    extension=ext,
                    agent_id=state.agent_id,
                    work_mode=state.work_mode,
                    talk_state=state.talk_state,
                    reason_code=state.reason_code,
                )
            )
        return rr.GetSplitSkillStatusResponse(split=split, agents=agents)


def register(server: grpc.aio.Server, core: Core) -> str:
    service_pb2_grpc.add_AgentServiceServicer_to_server(AgentServicer(core), server)
    return service_pb2.DESCRIPTOR.services_by_name["AgentService"].full_name
