"""ACD agents on the simulated CM: login checks, work modes, pending changes, queuing and distribution."""

from __future__ import annotations

from typing import Any

from simhelpers import C, Client, D, call_id, dev, make_call, priv

from callwire_csta import codec as c
from callwire_sim.switch import Switch

W = c.WorkMode


def set_state(
    cl: Client,
    ext: str,
    state: c.ReqAgentState,
    *,
    agent: str | None = None,
    password: str | None = None,
    mode: c.WorkMode | None = None,
    reason: int | None = None,
    pending: bool | None = None,
    group: str | None = None,
) -> c.SetAgentStateResponse:
    priv = c.SetAgentStatePrivateData(work_mode=mode, reason_code=reason, enable_pending=pending)
    r = cl.req(
        c.SetAgentState(
            device=D(ext),
            requested_agent_state=state,
            agent_id=agent,
            password=password.encode() if password is not None else None,
            group=D(group) if group else None,
            extensions=c.private(priv),
        )
    )
    assert isinstance(r, c.SetAgentStateResponse)
    return r


def login(cl: Client, ext: str, agent: str, mode: c.WorkMode = W.AUTO_IN) -> None:
    set_state(cl, ext, c.ReqAgentState.LOGGED_ON, agent=agent, password="67890", mode=mode)


def is_pending(r: c.SetAgentStateResponse) -> bool | None:
    (priv,) = c.private_items(r.extensions)
    assert isinstance(priv, c.SetAgentStateResponsePrivateData)
    return priv.is_pending


def agent_state(cl: Client, ext: str) -> tuple[c.AgentState | None, c.GetAgentStateResponsePrivateData]:
    r = cl.req(c.GetAgentState(device=D(ext)))
    assert isinstance(r, c.GetAgentStateResponse)
    (entry,) = r.agent_state_list
    (priv,) = c.private_items(r.extensions)
    assert isinstance(priv, c.GetAgentStateResponsePrivateData)
    return entry.agent_info[0].agent_state, priv


def test_login_aux_ready_acw_logout_events(switch: Switch, a: Client) -> None:
    a.monitor("101")
    r = set_state(a, "101", c.ReqAgentState.LOGGED_ON, agent="12345", password="67890", group="201")
    assert is_pending(r) is False
    assert a.names("101") == ["AgentLoggedOnEvent", "AgentNotReadyEvent"]  # CM logs agents in to AUX
    on = a.of("101")[0]
    assert on.agent_id == "12345"
    assert dev(on.acd_group) == "201"
    assert dev(on.agent_device) == "101"
    a.clear()
    set_state(a, "101", c.ReqAgentState.NOT_READY, mode=W.AUX_WORK, reason=3)
    (ev,) = a.of("101")
    assert isinstance(ev, c.AgentNotReadyEvent)
    (priv,) = c.private_items(ev.extensions)
    assert isinstance(priv, c.AgentNotReadyEventPrivateData)
    assert priv.reason_code == 3
    state, gpriv = agent_state(a, "101")
    assert state == c.AgentState.AGENT_NOT_READY
    assert gpriv.work_mode == W.AUX_WORK
    assert gpriv.reason_code == 3
    set_state(a, "101", c.ReqAgentState.READY, mode=W.MANUAL_IN)
    set_state(a, "101", c.ReqAgentState.WORKING_AFTER_CALL)
    assert a.names("101")[-2:] == ["AgentReadyEvent", "AgentWorkingAfterCallEvent"]
    state, gpriv = agent_state(a, "101")
    assert state == c.AgentState.AGENT_WORKING_AFTER_CALL
    assert gpriv.talk_state == c.TalkState.IDLE
    set_state(a, "101", c.ReqAgentState.LOGGED_OFF, reason=7)
    off = a.of("101")[-1]
    assert isinstance(off, c.AgentLoggedOffEvent)
    (opriv,) = c.private_items(off.extensions)
    assert isinstance(opriv, c.AgentLoggedOffEventPrivateData)
    assert opriv.reason_code == 7
    r2 = a.req(c.GetAgentState(device=D("101")))
    assert r2.agent_state_list[0].logged_on_state is False


def test_login_errors(switch: Switch, a: Client) -> None:
    L = c.ReqAgentState.LOGGED_ON

    def err(**kw: Any) -> str:
        ext = str(kw.pop("ext", "101"))
        return a.error(c.SetAgentState(device=D(ext), requested_agent_state=L, **kw))

    assert err(agent_id="12345", password=b"wrong") == "operation/invalidAgentPassword"
    assert err(agent_id="99999", password=b"67890") == "operation/invalidAgentIdentifier"
    assert err(agent_id="12350", password=b"11111", group=D("201")) == "operation/invalidAgentGroup"
    assert err(ext="999", agent_id="12345", password=b"67890") == "operation/invalidDeviceID"
    login(a, "101", "12345")
    assert err(ext="102", agent_id="12345", password=b"67890") == "operation/invalidAgentState"
    assert a.error(c.SetAgentState(device=D("103"), requested_agent_state=c.ReqAgentState.READY)) == (
        "operation/invalidAgentState"
    )


def test_acd_call_goes_to_longest_idle_agent_and_queues(switch: Switch, a: Client, b: Client) -> None:
    b.monitor("101", "102", "201")
    login(b, "101", "12345")
    login(b, "102", "12346")  # 101 has been idle longer
    a.monitor("103")
    cid = call_id(make_call(a, "103", "2001", user_data=c.UserData(string=b"acct=42")))
    assert b.names("101")[-1] == "DeliveredEvent"
    d = b.of("101")[-1]
    (priv,) = c.private_items(d.extensions)
    assert isinstance(priv, c.DeliveredEventPrivateData)
    assert dev(priv.acd_group) == "201"
    assert dev(priv.distributing_vdn) == "2001"
    assert dev(d.called_device) == "2001"
    assert d.user_data.string == b"acct=42"
    b.req(c.AnswerCall(call_to_be_answered=C(cid, "101")))
    state, gpriv = agent_state(b, "101")
    assert state == c.AgentState.AGENT_BUSY
    assert gpriv.talk_state == c.TalkState.ON_CALL
    # second call goes to 102, third queues
    cid2 = call_id(make_call(a, "104", "201"))
    assert switch.parties(int(cid2)) == ["104", "102"]
    split = b.req(c.GetAcdSplit(device=D("201")))
    assert (split.available_agents, split.calls_in_queue, split.agents_logged_in) == (0, 0, 2)
    cid3 = call_id(make_call(a, "105", "2001"))
    q = b.of("201")[-1]
    assert isinstance(q, c.QueuedEvent)
    assert dev(q.queue) == "201"
    assert q.number_queued == 1
    assert q.calls_in_front == 0
    assert b.req(c.GetAcdSplit(device=D("201"))).calls_in_queue == 1
    logins = b.req(c.GetAgentLogin(device=D("201")))
    # In-process the response is empty, as on AES; over the link, CstaLink gathers the events into it.
    assert logins.agent_login_extension_list in (None, ("101", "102"))
    b.settle()
    ext_event = b.of("201")[-1]
    assert isinstance(ext_event, c.AgentLoginExtensionEvent)
    assert (ext_event.agent_login_extension_list, ext_event.is_final_response) == (("101", "102"), True)
    # 101 hangs up: auto-in agent is available again and gets the queued call
    b.req(c.ClearConnection(connection_to_be_cleared=C(cid, "101")))
    assert switch.parties(int(cid3)) == ["105", "101"]
    assert b.names("101")[-1] == "DeliveredEvent"


def test_manual_in_goes_to_acw_after_acd_call(switch: Switch, a: Client) -> None:
    a.monitor("101")
    login(a, "101", "12345", W.MANUAL_IN)
    cid = call_id(make_call(a, "103", "201"))
    a.req(c.AnswerCall(call_to_be_answered=C(cid, "101")))
    a.clear()
    a.req(c.ClearConnection(connection_to_be_cleared=C(cid, "103")))
    assert a.names("101") == ["ConnectionClearedEvent", "CallClearedEvent", "AgentWorkingAfterCallEvent"]
    state, _ = agent_state(a, "101")
    assert state == c.AgentState.AGENT_WORKING_AFTER_CALL


def test_pending_aux_applies_when_call_ends(switch: Switch, a: Client) -> None:
    a.monitor("101")
    login(a, "101", "12345", W.AUTO_IN)
    cid = call_id(make_call(a, "103", "201"))
    a.req(c.AnswerCall(call_to_be_answered=C(cid, "101")))
    a.clear()
    r = set_state(a, "101", c.ReqAgentState.NOT_READY, mode=W.AUX_WORK, reason=2, pending=True)
    assert is_pending(r) is True
    assert a.names("101") == []
    resp = a.req(c.GetAgentState(device=D("101")))
    assert resp.agent_state_list[0].agent_info[0].pending_agent_state == c.PendingAgentState.AGENT_NOT_READY
    a.req(c.ClearConnection(connection_to_be_cleared=C(cid, "101")))
    assert a.names("101")[-1] == "AgentNotReadyEvent"
    assert priv(a.of("101")[-1].extensions).reason_code == 2
    state, gpriv = agent_state(a, "101")
    assert state == c.AgentState.AGENT_NOT_READY
    assert gpriv.reason_code == 2


def test_agent_in_aux_gets_no_acd_calls(switch: Switch, a: Client) -> None:
    login(a, "101", "12345", W.AUX_WORK)
    cid = call_id(make_call(a, "103", "201"))
    assert switch.connection_state(int(cid), "201") == c.LocalConnectionState.QUEUED
    set_state(a, "101", c.ReqAgentState.READY, mode=W.AUTO_IN)
    assert switch.connection_state(int(cid), "101") == c.LocalConnectionState.ALERTING
