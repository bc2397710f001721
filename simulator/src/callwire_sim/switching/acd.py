"""ACD: a call for a split goes to its longest-idle available agent or waits in the split's queue; an agent who
becomes available takes the oldest call of its splits. Also the split queries (GetAcdSplit, GetAgentLogin).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from callwire_csta import codec as c
from callwire_csta.codec import EventCause, LocalConnectionState, Message

from .model import Agent, Call, Connection, Handler, SplitDevice, SwitchSession

if TYPE_CHECKING:
    from .calls import CallModel
    from .scripts import Scripts

__all__ = ["READY_MODES", "Acd"]

LS = LocalConnectionState

#: Work modes in which an agent takes ACD calls.
READY_MODES = ("autoIn", "manualIn")


class Acd:
    """Queueing and distribution of ACD calls."""

    def __init__(self, calls: CallModel, scripts: Scripts) -> None:
        self.calls = calls
        self.scripts = scripts
        self.state = calls.state
        self.events = calls.events

    def handlers(self) -> Mapping[type[Message], Handler]:
        return {c.GetAcdSplit: self.get_acd_split, c.GetAgentLogin: self.get_agent_login}

    @staticmethod
    def available(agent: Agent) -> bool:
        st = agent.station
        return agent.work_mode in READY_MODES and st is not None and not st.connections and not st.dnd

    def offer(self, call: Call, split: SplitDevice) -> Connection | None:
        """`call` to the split: delivered to an available agent, or queued (Queued)."""
        call.split = split.id
        agent = self._pick_agent(split)
        if agent is not None:
            return self._deliver(call, agent)
        conn = self.calls.add(call, split, LS.QUEUED)
        split.queue.append(conn)
        self.events.emit(call, self.events.queued(conn, split))
        return conn

    def _pick_agent(self, split: SplitDevice) -> Agent | None:
        best: Agent | None = None
        for agent in split.agents:
            if self.available(agent) and (best is None or agent.idle_since < best.idle_since):
                best = agent
        return best

    def _deliver(self, call: Call, agent: Agent) -> Connection:
        st = agent.station
        assert st is not None
        conn = self.calls.add(call, st, LS.ALERTING, acd=True)
        self.calls.deliver(conn, EventCause.DISTRIBUTED)
        self.scripts.offered_to_station(conn)
        return conn

    def serve_queue(self, agent: Agent) -> None:
        """An agent may have become available: it takes the oldest queued call of its splits."""
        if not self.available(agent):
            return
        oldest: Connection | None = None
        for ext in agent.logged_splits:
            split = self.state.devices[ext]
            assert isinstance(split, SplitDevice)
            if split.queue and (oldest is None or split.queue[0].call.id < oldest.call.id):
                oldest = split.queue[0]
        if oldest is None:
            return
        call = oldest.call
        self.calls.drop(oldest)
        self._deliver(call, agent)

    # ------------------------------------------------------------------------------------ queries

    def get_acd_split(self, s: SwitchSession, r: c.GetAcdSplit) -> Message:
        split = self.state.split(r.device)
        return c.GetAcdSplitResponse(
            available_agents=sum(1 for a in split.agents if self.available(a)),
            calls_in_queue=len(split.queue),
            agents_logged_in=len(split.agents),
        )

    def get_agent_login(self, s: SwitchSession, r: c.GetAgentLogin) -> Message:
        split = self.state.split(r.device)
        extensions = tuple(a.station.id for a in split.agents if a.station is not None)
        # AES answers with an empty response; the extensions follow in AgentLoginExtensionEvents on the
        # session's monitors of the split and its session-level monitors, the last with isFinalResponse.
        for monitor in s.monitors.values():
            if (monitor.device is None or monitor.device is split) and monitor.wants("AgentLoginExtensionEvent"):
                s.sink(
                    c.AgentLoginExtensionEvent(
                        monitor_cross_ref_id=monitor.xref, agent_login_extension_list=extensions, is_final_response=True
                    )
                )
        return c.GetAgentLoginResponse()
