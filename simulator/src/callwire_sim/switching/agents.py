"""ACD agents: login and logout at a station, work modes (AUX with reason codes, ACW, auto-in/manual-in),
pending modes that take effect when the agent's calls end, and GetAgentState.

Work modes are kept as the Avaya private-data strings (`auxWork`, `afterCallWork`, `autoIn`, `manualIn`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from callwire_csta import codec as c
from callwire_csta.codec import Message

from .acd import READY_MODES
from .errors import op_error, state_error
from .events import find_private, private_of
from .model import Agent, Handler, SplitDevice, StationDevice, SwitchSession
from .state import parse_extension

if TYPE_CHECKING:
    from .acd import Acd

__all__ = ["Agents"]


class Agents:
    """Agent state changes and their events (AgentLoggedOn/Off, AgentReady/NotReady/WorkingAfterCall)."""

    def __init__(self, acd: Acd) -> None:
        self.acd = acd
        self.state = acd.state
        self.events = acd.events
        acd.calls.on_agent_idle = self.station_idle

    def handlers(self) -> Mapping[type[Message], Handler]:
        return {c.SetAgentState: self.set_agent_state, c.GetAgentState: self.get_agent_state}

    def station_idle(self, agent: Agent, had_acd: bool) -> None:
        """The agent's station has no call left: a pending mode takes effect (manual-in goes to ACW after an
        ACD call), then the agent may take the next queued call."""
        st = agent.station
        if st is None or st.connections:
            return
        agent.idle_since = self.state.next_idle()
        if agent.pending_mode is not None:
            mode, reason = agent.pending_mode, agent.pending_reason
            agent.pending_mode, agent.pending_reason = None, 0
            if mode == "loggedOff":
                self._logout(agent, reason)
                return
            self._change_mode(agent, mode, reason)
        elif had_acd and agent.work_mode == "manualIn":
            self._change_mode(agent, "afterCallWork", 0)
        self.acd.serve_queue(agent)

    # ------------------------------------------------------------------------------------- events

    def _agent_private(self, cls: type[Message], agent: Agent) -> c.CommonArguments:
        fields: dict[str, Any] = {"reason_code": agent.reason_code}
        if agent.pending_mode is not None and agent.pending_mode != "loggedOff":
            fields["pending_work_mode"] = c.WorkMode(agent.pending_mode)
            fields["pending_reason_code"] = agent.pending_reason
        return private_of(cls, fields)

    def _mode_event(self, agent: Agent) -> None:
        st = agent.station
        if st is None:
            return
        group = self.events.num(agent.logged_splits[0]) if agent.logged_splits else None
        common: dict[str, Any] = {
            "monitor_cross_ref_id": "",
            "agent_device": self.events.xd(st),
            "agent_id": agent.agent_id,
            "acd_group": group,
        }
        ev: Message
        if agent.work_mode == "auxWork":
            ev = c.AgentNotReadyEvent(**common, extensions=self._agent_private(c.AgentNotReadyEventPrivateData, agent))
        elif agent.work_mode == "afterCallWork":
            ev = c.AgentWorkingAfterCallEvent(
                **common, extensions=self._agent_private(c.AgentWorkingAfterCallEventPrivateData, agent)
            )
        else:
            ev = c.AgentReadyEvent(**common, extensions=self._agent_private(c.AgentReadyEventPrivateData, agent))
        self.events.send(st, ev)

    def _change_mode(self, agent: Agent, mode: str, reason: int) -> None:
        agent.work_mode = mode
        agent.reason_code = reason if mode == "auxWork" else 0
        if mode in READY_MODES:
            agent.idle_since = self.state.next_idle()
        self._mode_event(agent)

    def _logout(self, agent: Agent, reason: int) -> None:
        st = agent.station
        assert st is not None
        for ext in agent.logged_splits:
            split = self.state.devices[ext]
            assert isinstance(split, SplitDevice)
            if agent in split.agents:
                split.agents.remove(agent)
        group = self.events.num(agent.logged_splits[0]) if agent.logged_splits else None
        agent.reason_code = reason
        private = c.private(c.AgentLoggedOffEventPrivateData(reason_code=reason))
        self.events.send(
            st,
            c.AgentLoggedOffEvent(
                monitor_cross_ref_id="",
                agent_device=self.events.xd(st),
                agent_id=agent.agent_id,
                acd_group=group,
                extensions=private,
            ),
        )
        agent.station = None
        agent.logged_splits = ()
        agent.work_mode = "auxWork"
        agent.reason_code = 0
        agent.pending_mode = None
        st.agent = None

    # ----------------------------------------------------------------------------------- requests

    def set_agent_state(self, s: SwitchSession, r: c.SetAgentState) -> Message:
        st = self.state.station(r.device)
        priv = find_private(r.extensions, "SetAgentStatePrivateData")
        mode: str | None = None
        reason = 0
        pending = False
        if priv is not None:
            wm = getattr(priv, "work_mode", None)
            mode = str(wm) if wm is not None else None
            reason = int(getattr(priv, "reason_code", None) or 0)
            pending = bool(getattr(priv, "enable_pending", False))
        if not 0 <= reason <= 99:
            raise op_error("invalidParameterValue")
        req = r.requested_agent_state
        R = c.ReqAgentState
        if req == R.LOGGED_ON:
            return self._login(st, r, mode, reason)
        agent = st.agent
        if agent is None:
            raise op_error("invalidAgentState")
        if r.agent_id and r.agent_id != agent.agent_id:
            raise op_error("invalidAgentIdentifier")
        if req == R.LOGGED_OFF:
            target = "loggedOff"
        elif req == R.NOT_READY:
            target = "auxWork"
        elif req == R.READY:
            target = mode if mode in READY_MODES else "manualIn"
        elif req == R.WORKING_AFTER_CALL:
            target = "afterCallWork"
        else:  # pragma: no cover - enum is closed
            raise op_error("invalidAgentState")
        if st.connections and pending:
            agent.pending_mode, agent.pending_reason = target, reason
            return self._response(True)
        if target == "loggedOff":
            if st.connections:
                raise state_error("invalidDeviceState")
            self._logout(agent, reason)
            return self._response(False)
        agent.pending_mode = None
        self._change_mode(agent, target, reason)
        self.acd.serve_queue(agent)
        return self._response(False)

    @staticmethod
    def _response(is_pending: bool) -> Message:
        return c.SetAgentStateResponse(extensions=c.private(c.SetAgentStateResponsePrivateData(is_pending=is_pending)))

    def _login(self, st: StationDevice, r: c.SetAgentState, mode: str | None, reason: int) -> Message:
        if not r.agent_id:
            raise op_error("invalidAgentIdentifier")
        agent = self.state.agents.get(r.agent_id)
        if agent is None:
            raise op_error("invalidAgentIdentifier")
        password = r.password.decode("ascii", "replace") if r.password is not None else ""
        if agent.password and password != agent.password:
            raise op_error("invalidAgentPassword")
        if r.group is not None:
            group = parse_extension(r.group.value)
            if group not in agent.splits:
                raise op_error("invalidAgentGroup")
            splits: tuple[str, ...] = (group,)
        else:
            splits = agent.splits
        if agent.station is not None or st.agent is not None:
            raise op_error("invalidAgentState")
        agent.station, st.agent = st, agent
        agent.logged_splits = splits
        for ext in splits:
            split = self.state.devices[ext]
            assert isinstance(split, SplitDevice)
            split.agents.append(agent)
        self.events.send(
            st,
            c.AgentLoggedOnEvent(
                monitor_cross_ref_id="",
                agent_device=self.events.xd(st),
                agent_id=agent.agent_id,
                acd_group=self.events.num(splits[0]),
            ),
        )
        self._change_mode(agent, mode if mode in ("autoIn", "manualIn", "afterCallWork") else "auxWork", reason)
        self.acd.serve_queue(agent)
        return self._response(False)

    def get_agent_state(self, s: SwitchSession, r: c.GetAgentState) -> Message:
        st = self.state.station(r.device)
        agent = st.agent
        if agent is None:
            entry = c.AgentStateEntry(logged_on_state=False, agent_info=())
            return c.GetAgentStateResponse(agent_state_list=(entry,))
        A = c.AgentState
        if any(conn.acd for conn in st.connections.values()):
            state = A.AGENT_BUSY
        else:
            state = {"auxWork": A.AGENT_NOT_READY, "afterCallWork": A.AGENT_WORKING_AFTER_CALL}.get(
                agent.work_mode, A.AGENT_READY
            )
        P = c.PendingAgentState
        pending = None
        if agent.pending_mode is not None:
            pending = {
                "auxWork": P.AGENT_NOT_READY,
                "afterCallWork": P.AGENT_WORKING_AFTER_CALL,
                "loggedOff": P.AGENT_NULL,
            }.get(agent.pending_mode, P.AGENT_READY)
        splits = agent.logged_splits
        if r.acd_group is not None:
            g = parse_extension(r.acd_group.value)
            if g not in splits:
                raise op_error("invalidAgentGroup")
            splits = (g,)
        info = tuple(
            c.AgentInfoItem(acd_group=self.events.num(sp), agent_state=state, pending_agent_state=pending)
            for sp in splits
        )
        on_call = bool(st.connections)
        fields: dict[str, Any] = {
            "work_mode": c.WorkMode(agent.work_mode),
            "talk_state": c.TalkState("onCall" if on_call else "idle"),
            "reason_code": agent.reason_code,
            "pending_reason_code": agent.pending_reason if agent.pending_mode else None,
        }
        ext = private_of(c.GetAgentStateResponsePrivateData, fields)
        entry = c.AgentStateEntry(agent_id=agent.agent_id, logged_on_state=True, agent_info=info)
        return c.GetAgentStateResponse(agent_state_list=(entry,), extensions=ext)
