"""Legacy agent requests: login, logout, work mode, and the agent and split queries."""

from __future__ import annotations

from callwire.agent.v1 import enums_pb2 as agent_enums
from callwire.agent.v1 import request_response_pb2 as agent

from .request import OK, Handlers, Request, registrar
from .wire import Fields

HANDLERS: Handlers = {}
handler = registrar(HANDLERS)

_WORK_MODES = {
    "aux": agent_enums.WORK_MODE_AUX,
    "acw": agent_enums.WORK_MODE_AFTER_CALL_WORK,
    "manual": agent_enums.WORK_MODE_MANUAL_IN,
    "auto": agent_enums.WORK_MODE_AUTO_IN,
}
_WORK_MODE_NAMES = {
    agent_enums.WORK_MODE_NULL: "null",
    agent_enums.WORK_MODE_UNSPECIFIED: "null",
    agent_enums.WORK_MODE_AUX: "aux",
    agent_enums.WORK_MODE_AFTER_CALL_WORK: "acw",
    agent_enums.WORK_MODE_MANUAL_IN: "manual",
    agent_enums.WORK_MODE_AUTO_IN: "auto",
}
_TALK_STATE_NAMES = {agent_enums.TALK_STATE_IDLE: "idle", agent_enums.TALK_STATE_ON_CALL: "oncall"}


@handler("login")
async def _login(r: Request) -> Fields:
    msg = agent.LoginRequest(
        extension=r.device(),
        agent_id=r.text("agentid", required=True),
        password=r.text("passwd"),
        split=r.text("split"),
    )
    if "state" in r.fields:
        msg.initial_work_mode = r.choice("state", _WORK_MODES)
    await r.call("agent", "Login", msg)
    return OK


@handler("logout")
async def _logout(r: Request) -> Fields:
    msg = agent.LogoutRequest(
        extension=r.device(), agent_id=r.text("agentid"), password=r.text("passwd"), split=r.text("split")
    )
    if "reasoncode" in r.fields:
        msg.reason_code = r.integer("reasoncode", high=99)
    await r.call("agent", "Logout", msg)
    return OK


@handler("setstate")
async def _setstate(r: Request) -> Fields:
    msg = agent.SetAgentStateRequest(
        extension=r.device(),
        work_mode=r.choice("state", _WORK_MODES),
        reason_code=r.integer("reasoncode", default=0, high=99),
        enable_pending=r.flag("enablepending", default=False),
    )
    await r.call("agent", "SetAgentState", msg)
    return OK


@handler("queryagentstate")
async def _queryagentstate(r: Request) -> Fields:
    resp = await r.call(
        "agent", "GetAgentState", agent.GetAgentStateRequest(extension=r.device(), split=r.text("split"))
    )
    state = resp.state
    return {
        "skillmode": _WORK_MODE_NAMES.get(state.work_mode, "null"),
        "talkstate": _TALK_STATE_NAMES.get(state.talk_state, "idle"),
        "reasoncode": state.reason_code,
    }


@handler("queryagentlogin")
async def _queryagentlogin(r: Request) -> Fields:
    resp = await r.call("agent", "GetAgentLogin", agent.GetAgentLoginRequest(split=r.device("split")))
    return {
        "split": resp.split or r.device("split"),
        "numextension": len(resp.extensions),
        "list": [{"extension": e} for e in resp.extensions],
    }


@handler("splitskillstatus")
async def _splitskillstatus(r: Request) -> Fields:
    resp = await r.call("agent", "GetSplitSkillStatus", agent.GetSplitSkillStatusRequest(split=r.device("split")))
    return {
        "split": resp.split or r.device("split"),
        "numagent": len(resp.agents),
        "list": [
            {
                "extension": a.extension,
                "agentid": a.agent_id,
                "skillmode": _WORK_MODE_NAMES.get(a.work_mode, "null"),
                "talkstate": _TALK_STATE_NAMES.get(a.talk_state, "idle"),
                "reasoncode": a.reason_code,
            }
            for a in resp.agents
        ],
    }
