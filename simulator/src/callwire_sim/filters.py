"""MonitorStart filters as AES applies them: which events a monitor delivers.

ECMA-269 filter semantics: a flag set to `true` in `requestedMonitorFilter` *suppresses* that event type.
Avaya's private `AvayaEvents` (in the request's private data) adds flags for its own events, and its
`invertFilter` turns the whole filter, ECMA groups included, into a list of the event types to deliver:
with it, an event type whose flag is absent or false is not sent (DMCC clients rely on that to ask for
call-control events only). Events that no filter flag names (PrivateEvent, ...) are always delivered.
"""

from __future__ import annotations

from collections.abc import Callable

from callwire_csta import codec as c

#: Event root element → the (source, group, flag) filter entries that name it. `source` is "ecma" for the
#: requestedMonitorFilter groups and "avaya" for AvayaEvents; the event is filtered if any entry is true.
EVENT_FLAGS: dict[str, tuple[tuple[str, str, str], ...]] = {
    # ECMA call control
    "CallClearedEvent": (("ecma", "callcontrol", "call_cleared"),),
    "ConferencedEvent": (("ecma", "callcontrol", "conferenced"),),
    "ConnectionClearedEvent": (("ecma", "callcontrol", "connection_cleared"),),
    "DeliveredEvent": (("ecma", "callcontrol", "delivered"),),
    "DivertedEvent": (("ecma", "callcontrol", "diverted"),),
    "EstablishedEvent": (("ecma", "callcontrol", "established"),),
    "FailedEvent": (("ecma", "callcontrol", "failed"),),
    "HeldEvent": (("ecma", "callcontrol", "held"),),
    "OriginatedEvent": (("ecma", "callcontrol", "originated"),),
    "QueuedEvent": (("ecma", "callcontrol", "queued"),),
    "RetrievedEvent": (("ecma", "callcontrol", "retrieved"),),
    "ServiceInitiatedEvent": (("ecma", "callcontrol", "service_initiated"),),
    "TransferedEvent": (("ecma", "callcontrol", "transferred"),),
    # ECMA call associated
    "DigitsGeneratedEvent": (("ecma", "call_associated", "digits_generated"),),
    # ECMA physical device (the schema puts messageWaiting in this group)
    "ButtonInformationEvent": (("ecma", "physical_device_feature", "button_information"),),
    "ButtonPressEvent": (("ecma", "physical_device_feature", "button_press"),),
    "DisplayUpdatedEvent": (("ecma", "physical_device_feature", "display_updated"),),
    "HookswitchEvent": (("ecma", "physical_device_feature", "hookswitch"),),
    "LampModeEvent": (("ecma", "physical_device_feature", "lamp_mode"),),
    "MessageWaitingEvent": (("ecma", "physical_device_feature", "message_waiting"),),
    "RingerStatusEvent": (("ecma", "physical_device_feature", "ringer_status"),),
    # ECMA logical device
    "AgentBusyEvent": (("ecma", "logical_device_feature", "agent_busy"),),
    "AgentLoggedOnEvent": (("ecma", "logical_device_feature", "agent_logged_on"),),
    "AgentLoggedOffEvent": (("ecma", "logical_device_feature", "agent_logged_off"),),
    "AgentNotReadyEvent": (("ecma", "logical_device_feature", "agent_not_ready"),),
    "AgentReadyEvent": (("ecma", "logical_device_feature", "agent_ready"),),
    "AgentWorkingAfterCallEvent": (("ecma", "logical_device_feature", "agent_working_after_call"),),
    "DoNotDisturbEvent": (("ecma", "logical_device_feature", "do_not_disturb"),),
    "ForwardingEvent": (("ecma", "logical_device_feature", "forwarding"),),
    # Avaya private
    "RegisteredEvent": (("avaya", "terminal", "registered"),),
    "RegisterFailedEvent": (("avaya", "terminal", "register_failed"),),
    "TerminalUnregisteredEvent": (
        ("avaya", "terminal", "unregistered"),
        ("avaya", "terminal_unregistered_event", "unregistered"),
    ),
    "EnteredDigitsEvent": (("avaya", "call_control_private", "entered_digits"),),
    "ServiceLinkStatusEvent": (("avaya", "physical_device_features_private_events", "service_link_status_changed"),),
    "AgentLoginExtensionEvent": (("avaya", "logical_device_feature_private", "agent_login_extension"),),
}


def deliver_all(_event: str) -> bool:
    return True


def event_filter(requested: c.MonitorFilter | None, avaya: c.AvayaEvents | None) -> Callable[[str], bool]:
    """A predicate on an event's root element name: True if a monitor started with this filter sends it."""
    if requested is None and avaya is None:
        return deliver_all
    invert = bool(avaya is not None and avaya.invert_filter)
    sources = {"ecma": requested, "avaya": avaya}
    flagged: set[str] = set()
    for name, entries in EVENT_FLAGS.items():
        for source, group, flag in entries:
            found = getattr(sources[source], group, None)
            if found is not None and getattr(found, flag, None) is True:
                flagged.add(name)
    frozen = frozenset(flagged)

    def wants(event: str) -> bool:
        if event not in EVENT_FLAGS:
            return True
        return (event in frozen) if invert else (event not in frozen)

    return wants
