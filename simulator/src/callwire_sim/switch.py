"""The simulated Avaya Communication Manager: the CM call model behind an AES CSTA link.

`Switch.handle(session, request)` takes one decoded CSTA request of an application session and returns its
positive response or raises `SwitchError` (the negative acknowledgement); the events it causes go, in the
order a CM sends them, to every monitor of every involved device, each with that monitor's cross-ref ID.
Timers (far ends answering, IVR ports hanging up) run on the running asyncio loop.

This module is the façade: it composes the collaborators of `callwire_sim.switching` (see that package for
the layering and for the choices where CM behaviour is not public) and holds the explicit table of the
requests the switch serves. It does no I/O: framing, ECMA-354 sessions and fault injection belong to the
transport.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from callwire_csta.codec import LocalConnectionState, Message

from .farend import FarEnd
from .site import Site
from .switching.acd import Acd
from .switching.agents import Agents
from .switching.call_control import CallControl
from .switching.calls import CallModel
from .switching.deferred import Deferred
from .switching.errors import SwitchError, op_error, switch_error
from .switching.events import Events
from .switching.features import Features
from .switching.model import Agent, Call, Device, Handler, Scheduler, SwitchSession
from .switching.monitors import Monitors
from .switching.phone import Phone
from .switching.queries import Queries
from .switching.routing import Routing
from .switching.scripts import Scripts
from .switching.state import EXTERNAL_MIN_DIGITS, SwitchState, parse_extension
from .switching.transfer import Transfers

__all__ = ["EXTERNAL_MIN_DIGITS", "Switch", "SwitchError", "SwitchSession"]

log = logging.getLogger(__name__)


class Switch:
    """The simulated CM. Build it from a `Site`; the transport opens a session per AES client."""

    def __init__(self, site: Site, *, scheduler: Scheduler | None = None) -> None:
        """`scheduler` runs the far ends' and IVR ports' timers; default: the running loop's `call_later`
        (tests pass a manual clock, so a timer test does not depend on how busy the machine is)."""
        self.site = site
        self.switch_name = site.switch_name
        self.far_end = FarEnd(self, site.far_ends)
        self._state = state = SwitchState(site, self.far_end)
        self._deferred = deferred = Deferred(scheduler)
        events = Events(state)
        calls = CallModel(state, deferred, events)
        scripts = Scripts(calls, deferred)
        acd = Acd(calls, scripts)
        self._routing = routing = Routing(calls, scripts, acd)
        features = Features(state, deferred, events)
        self._monitors = monitors = Monitors(state)
        # Agents and Phone install their hooks into the call model and the end-of-step queue.
        parts = (
            monitors,
            CallControl(routing),
            Transfers(routing),
            acd,
            Agents(acd),
            features,
            Phone(calls, features),
            Queries(state, events),
        )
        self._handlers: dict[type[Message], Handler] = {}
        for part in parts:
            for request, handler in part.handlers().items():
                assert request not in self._handlers, f"two handlers for {request.__name__}"
                self._handlers[request] = handler
        # The registries under their former names: tests inspect them.
        self._devices: dict[str, Device] = state.devices
        self._calls: dict[int, Call] = state.calls
        self._agents: dict[str, Agent] = state.agents

    # ================================================================================== public API

    @property
    def requests(self) -> frozenset[type[Message]]:
        """The request types this switch serves; any other is answered `operation/serviceNotSupported`."""
        return frozenset(self._handlers)

    def open_session(self, sink: Callable[[Message], None]) -> SwitchSession:
        session = SwitchSession(sink)
        self._state.sessions.append(session)
        return session

    def close_session(self, session: SwitchSession) -> None:
        """End the session's monitors; its calls and agents stay (as on a real switch)."""
        for xref in list(session.monitors):
            self._monitors.stop(session, xref)
        session.closed = True
        if session in self._state.sessions:
            self._state.sessions.remove(session)

    def close(self) -> None:
        """Cancel every timer (far ends, IVR ports). The switch must not be used afterwards."""
        self._deferred.close()

    def handle(self, session: SwitchSession, request: Message) -> Message:
        """The positive response to `request`, or `SwitchError`; events go out through the sinks."""
        handler = self._handlers.get(type(request))
        if handler is None:  # a message the codec knows but no service of this switch (e.g. a response)
            raise op_error("serviceNotSupported")
        try:
            response = handler(session, request)
        except SwitchError:
            self._deferred.flush()
            raise
        except Exception:
            log.exception("simulated switch failed on %s", type(request).__name__)
            self._deferred.flush()
            raise switch_error("unspecified") from None
        self._deferred.flush()
        return response

    # ========================================================================= inbound / far-end API

    def incoming_call(self, caller: str, called: str, *, user_data: bytes | None = None) -> int:
        """A call from the network on the inbound trunk group to a station, split or VDN; its call ID."""
        call_id = self._routing.incoming_call(caller, called, user_data=user_data)
        self._deferred.flush()
        return call_id

    def external_hangup(self, number: str, *, user_data: bytes | None = None) -> int:
        """The external party `number` leaves every call it is on; how many."""
        count = self._routing.external_hangup(number, user_data=user_data)
        self._deferred.flush()
        return count

    # ---------------------------------------------------------------------- introspection for tests

    def call_ids(self) -> list[int]:
        return list(self._calls)

    def ucid(self, call_id: int) -> str:
        return self._calls[call_id].ucid

    def connection_state(self, call_id: int, device: str) -> LocalConnectionState | None:
        call = self._calls.get(call_id)
        conn = call.connections.get(parse_extension(device)) if call else None
        return conn.state if conn else None

    def parties(self, call_id: int) -> list[str]:
        call = self._calls.get(call_id)
        return list(call.connections) if call else []

    def device_id(self, extension: str) -> str:
        """The AES third-party form of a device ID, e.g. `101:CM::0`."""
        return f"{extension}:{self.switch_name}::0"
