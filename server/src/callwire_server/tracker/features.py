"""Agent and feature events: an agent's state (login, ready, not ready, after-call work, busy, logout), call
forwarding, and the DMCC phone's lamps, display, ringer, hook switch, buttons and registration, applied to the
extension's state where it keeps one and translated into their `Event`s. (Send-all-calls and message waiting
are two lines each and are applied inline by `CallTracker._apply`.)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from callwire.agent.v1 import enums_pb2 as agent_enums
from callwire.agent.v1 import message_pb2 as agent_pb2
from callwire.device.v1 import enums_pb2 as device_enums
from callwire.events.v1 import enums_pb2 as ev_enums
from callwire.station.v1 import message_pb2 as station_pb2
from callwire_csta import codec as csta

from .. import mapping
from ..mapping import FORWARDING_FROM_CSTA, READY_MODES, WORK_MODE_FROM_CSTA, private_data
from .publishing import Publisher
from .state import Device


class FeatureEvents:
    """Applies and publishes agent, forwarding and phone events."""

    def __init__(self, publisher: Publisher, extension_of: Callable[[str], str]) -> None:
        self._x = extension_of
        self._envelope = publisher.envelope
        self._publish = publisher.publish

    def agent(self, dev: Device, msg: Any, at: float, ready_mode: int | None) -> None:
        previous = dev.agent
        state = agent_pb2.AgentState()
        if previous is not None:
            state.CopyFrom(previous)
        if msg.agent_id:
            state.agent_id = msg.agent_id
        if msg.acd_group is not None:
            state.split = self._x(msg.acd_group.value)
        priv = None
        if isinstance(msg, csta.AgentLoggedOnEvent):
            if state.work_mode in (agent_enums.WORK_MODE_UNSPECIFIED, agent_enums.WORK_MODE_NULL):
                state.work_mode = agent_enums.WORK_MODE_AUX
        elif isinstance(msg, csta.AgentLoggedOffEvent):
            state.work_mode = agent_enums.WORK_MODE_NULL
            state.pending_work_mode = agent_enums.WORK_MODE_UNSPECIFIED
            state.pending_reason_code = 0
            logged_off = private_data(msg, csta.AgentLoggedOffEventPrivateData)
            state.reason_code = (logged_off.reason_code or 0) if logged_off is not None else 0
        elif isinstance(msg, csta.AgentReadyEvent):
            if ready_mode is not None:
                state.work_mode = ready_mode  # type: ignore[assignment]
            elif state.work_mode not in READY_MODES:
                state.work_mode = agent_enums.WORK_MODE_MANUAL_IN
            priv = private_data(msg, csta.AgentReadyEventPrivateData)
        elif isinstance(msg, csta.AgentNotReadyEvent):
            state.work_mode = agent_enums.WORK_MODE_AUX
            priv = private_data(msg, csta.AgentNotReadyEventPrivateData)
        elif isinstance(msg, csta.AgentWorkingAfterCallEvent):
            state.work_mode = agent_enums.WORK_MODE_AFTER_CALL_WORK
            priv = private_data(msg, csta.AgentWorkingAfterCallEventPrivateData)
        if priv is not None:
            state.reason_code = priv.reason_code or 0
            state.pending_work_mode = (
                WORK_MODE_FROM_CSTA.get(priv.pending_work_mode, agent_enums.WORK_MODE_UNSPECIFIED)
                if priv.pending_work_mode is not None
                else agent_enums.WORK_MODE_UNSPECIFIED
            )
            state.pending_reason_code = priv.pending_reason_code or 0
        if state.work_mode != agent_enums.WORK_MODE_AUX and not isinstance(msg, csta.AgentLoggedOffEvent):
            state.reason_code = 0
        if isinstance(msg, csta.AgentBusyEvent) or dev.calls:
            state.talk_state = agent_enums.TALK_STATE_ON_CALL
        else:
            state.talk_state = agent_enums.TALK_STATE_IDLE
        dev.agent = None if state.work_mode == agent_enums.WORK_MODE_NULL else state
        ev = self._envelope(ev_enums.EVENT_TYPE_AGENT_STATE_CHANGED, dev, at, None)
        ev.agent_state_changed.state.CopyFrom(state)
        self._publish(dev.extension, ev)

    def forwarding(self, dev: Device, msg: csta.ForwardingEvent, at: float) -> None:
        kind = FORWARDING_FROM_CSTA.get(msg.forwarding_type) if msg.forwarding_type is not None else None
        entry = station_pb2.ForwardingEntry(
            type=kind or 0,  # type: ignore[arg-type]
            enabled=msg.forward_status,
            destination=self._x(msg.forward_to.value) if msg.forward_to is not None else "",
            ring_count=msg.ring_count or 0,
        )
        if kind is not None:
            if entry.enabled:
                dev.forwarding[kind] = entry
            else:
                dev.forwarding.pop(kind, None)
        ev = self._envelope(ev_enums.EVENT_TYPE_FORWARDING_CHANGED, dev, at, None)
        ev.forwarding_changed.entry.CopyFrom(entry)
        self._publish(dev.extension, ev)

    def phone(self, dev: Device, msg: Any, at: float) -> None:
        ev = self._envelope(ev_enums.EVENT_TYPE_PHONE_CHANGED, dev, at, None)
        change = ev.phone_changed
        if isinstance(msg, csta.HookswitchEvent):
            change.hookswitch.CopyFrom(mapping.hookswitch(msg))
        elif isinstance(msg, csta.LampModeEvent):
            change.lamp.CopyFrom(mapping.lamp(msg))
        elif isinstance(msg, csta.DisplayUpdatedEvent):
            change.display.CopyFrom(mapping.display(msg))
        elif isinstance(msg, csta.RingerStatusEvent):
            change.ringer.CopyFrom(mapping.ringer(msg))
        elif isinstance(msg, csta.ButtonInformationEvent):
            change.button.CopyFrom(mapping.button(msg, self._x))
        elif isinstance(msg, csta.ButtonPressEvent):
            change.button_pressed = msg.button
        elif isinstance(msg, csta.RegisteredEvent):
            change.registration_state = device_enums.REGISTRATION_STATE_REGISTERED
        elif isinstance(msg, csta.TerminalUnregisteredEvent | csta.RegisterFailedEvent):
            change.registration_state = device_enums.REGISTRATION_STATE_IDLE
        else:
            return  # an event without a contract (DigitsGenerated, private events): state only
        self._publish(dev.extension, ev)
