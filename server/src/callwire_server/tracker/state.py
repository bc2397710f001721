"""The tracker's state: per extension its calls and feature state, per call its IDs, parties and call data.

No I/O and no events: the translators (`calls.py`, `features.py`) and the resynchronisation (`resync.py`) change
it, `CallTracker` reads it for requests and snapshots. Every method is synchronous, so a change made while an
event is applied is seen whole by whoever reads next.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from callwire.agent.v1 import message_pb2 as agent_pb2
from callwire.common.v1 import enums_pb2 as common_enums
from callwire.common.v1 import message_pb2 as common_pb2
from callwire.station.v1 import message_pb2 as station_pb2
from callwire_csta import codec as csta

from ..mapping import CONNECTION_STATE

CS = common_enums.ConnectionState
ACTIVE_STATES = frozenset({CS.CONNECTION_STATE_CONNECTED, CS.CONNECTION_STATE_INITIATED})
HELD_STATES = frozenset({CS.CONNECTION_STATE_HOLD})
ALERTING_STATES = frozenset({CS.CONNECTION_STATE_ALERTING})

#: Calls remembered per device in each of `Device.originated`, `released` and `ended`.
HINTS_PER_DEVICE = 16


@dataclass(eq=False)
class TrackedCall:
    """One call as the monitored devices see it. Shared by every tracked device on the call."""

    call_id: str
    ucid: str = ""
    #: device -> common.v1.ConnectionState, in the order the devices joined.
    parties: dict[str, int] = field(default_factory=dict)
    calling: str = ""
    called: str = ""
    original_calling: str = ""
    original_called: str = ""
    #: The UUI as upper-case hex (the user data key when Callwire set it), and the data it points to.
    uui: str = ""
    user_data: str = ""
    trunk_group: str = ""
    trunk_member: str = ""
    split: str = ""
    uec: str = ""
    last_redirection: str = ""
    #: The network's calling/called number (legacy cli/dnis), when the switch reports them.
    cli: str = ""
    dnis: str = ""
    #: When the tracker last changed the call (time.time()).
    updated_at: float = 0.0

    def state_of(self, device: str) -> int:
        """`device`'s common.v1.ConnectionState on the call (CONNECTION_STATE_NULL when not on it)."""
        return self.parties.get(device, CS.CONNECTION_STATE_NULL)

    def ref(self) -> common_pb2.CallRef:
        return common_pb2.CallRef(call_id=self.call_id, ucid=self.ucid)

    def snapshot(self, device: str) -> common_pb2.CallSnapshot:
        """The call as `device` sees it (common.v1.CallSnapshot)."""
        return common_pb2.CallSnapshot(
            call=self.ref(),
            state=self.state_of(device),  # type: ignore[arg-type]
            parties=[common_pb2.Party(device=d, state=s) for d, s in self.parties.items()],  # type: ignore[arg-type]
        )


@dataclass(frozen=True, slots=True)
class AlertInfo:
    """The last call that alerted at an extension: the legacy `userdata` alert answer."""

    call_id: str
    ucid: str
    calling: str
    called: str
    alerting: str
    cli: str
    dnis: str
    uec: str
    split: str
    trunk_group: str
    trunk_member: str
    uui: str
    user_data: str
    time: float


@dataclass(frozen=True, slots=True)
class HangupInfo:
    """The last call that was released at an extension: the legacy `userdata` hangup answer."""

    call_id: str
    ucid: str
    releasing: str
    uui: str
    #: The hang-up data: the stored user data when the UUI is a Callwire key, else the UUI as text.
    user_data: str
    time: float


@dataclass(eq=False)
class Device:
    """One monitored extension."""

    extension: str
    reference_id: int
    #: call_id -> None, least recently changed first (an ordered set).
    calls: dict[str, None] = field(default_factory=dict)
    agent: agent_pb2.AgentState | None = None
    dnd: bool = False
    forwarding: dict[int, station_pb2.ForwardingEntry] = field(default_factory=dict)
    mwi: bool = False
    last_alert: AlertInfo | None = None
    last_hangup: HangupInfo | None = None
    #: What the switch's responses said before its events did (see `note_originated`, `note_released`):
    #: calls the device started that no event has shown yet (call_id -> UCID), and calls it was released from
    #: that it still holds in the state. `ended`: calls the device has left, per its events.
    originated: dict[str, str] = field(default_factory=dict)
    released: dict[str, None] = field(default_factory=dict)
    ended: dict[str, None] = field(default_factory=dict)


def remember(bounded: dict[str, Any], key: str, value: Any = None) -> None:
    """Put `key` last in `bounded`, dropping the oldest key beyond HINTS_PER_DEVICE."""
    bounded.pop(key, None)
    bounded[key] = value
    if len(bounded) > HINTS_PER_DEVICE:
        bounded.pop(next(iter(bounded)))


@dataclass(frozen=True, slots=True)
class CallChoice:
    """A call an extension is on, as a request that names no call may choose it."""

    call_id: str
    ucid: str
    #: The parties in the order they joined, when known (empty: only the switch knows).
    parties: tuple[str, ...]
    #: The extension's own common.v1.ConnectionState on the call.
    state: int


class TrackerState:
    """The devices and calls, and the operations that keep the two sides (a device's calls, a call's tracked
    devices) consistent."""

    def __init__(self) -> None:
        self.devices: dict[str, Device] = {}
        self.calls: dict[str, TrackedCall] = {}
        #: call_id -> the tracked extensions that have the call.
        self.call_devices: dict[str, set[str]] = {}
        self._next_reference = 1

    # ------------------------------------------------------------------------------ reads

    def calls_at(self, extension: str) -> list[TrackedCall]:
        """The calls `extension` is on, most recently changed first."""
        dev = self.devices.get(extension)
        if dev is None:
            return []
        return [self.calls[cid] for cid in reversed(dev.calls) if cid in self.calls]

    def first(self, extension: str, states: frozenset[int]) -> TrackedCall | None:
        """The most recently changed call on which `extension` is in one of `states`, else None."""
        for call in self.calls_at(extension):
            if call.state_of(extension) in states:
                return call
        return None

    def choices(self, extension: str) -> list[CallChoice]:
        """The calls a request for `extension` that names no call may act on, most recent first (see
        `CallTracker.choices`)."""
        dev = self.devices.get(extension)
        if dev is None:
            return []
        found = [
            CallChoice(cid, ucid, (extension,), CS.CONNECTION_STATE_INITIATED)
            for cid, ucid in reversed(dev.originated.items())
            if cid not in dev.calls
        ]
        for call in self.calls_at(extension):
            if call.call_id not in dev.released:
                found.append(CallChoice(call.call_id, call.ucid, tuple(call.parties), call.state_of(extension)))
        return found

    def merge_choices(self, extension: str, now: dict[str, int]) -> list[CallChoice]:
        """The switch's calls of `extension` (`now`: call_id -> its own state), in the tracker's order where it
        knows them, calls it does not know yet first."""
        known = {c.call_id: c for c in self.choices(extension)}
        for tracked in self.calls_at(extension):
            known.setdefault(tracked.call_id, CallChoice(tracked.call_id, tracked.ucid, tuple(tracked.parties), 0))
        found = [CallChoice(cid, "", (), state) for cid, state in now.items() if cid not in known]
        found.extend(dataclasses.replace(c, state=now[cid]) for cid, c in known.items() if cid in now)
        return found

    def devices_on_call(self, call_id: str) -> frozenset[str]:
        """Every device known to be on the call: its parties and the tracked extensions that have it."""
        call = self.calls.get(call_id)
        parties = call.parties.keys() if call is not None else ()
        return frozenset((*parties, *self.call_devices.get(call_id, ())))

    # ------------------------------------------------------------------------------ hints from responses

    def note_originated(self, extension: str, call_id: str, ucid: str) -> None:
        dev = self.devices.get(extension)
        if dev is None or not call_id or call_id in dev.calls or call_id in dev.ended:
            return
        remember(dev.originated, call_id, ucid)

    def note_released(self, extension: str, call_id: str) -> None:
        dev = self.devices.get(extension)
        if dev is None or not call_id:
            return
        dev.originated.pop(call_id, None)
        if call_id in dev.calls:
            remember(dev.released, call_id)

    # ------------------------------------------------------------------------------ changes

    def device(self, extension: str) -> Device:
        """The extension's state, created (with the next reference ID) when it has none."""
        dev = self.devices.get(extension)
        if dev is None:
            dev = Device(extension, self._next_reference)
            self._next_reference += 1
            self.devices[extension] = dev
        return dev

    def forget(self, extension: str) -> None:
        """Drop `extension`'s state; its reference ID is released."""
        dev = self.devices.pop(extension, None)
        if dev is None:
            return
        for cid in dev.calls:
            self.detach(extension, cid)

    def get_call(self, call_id: str) -> TrackedCall:
        call = self.calls.get(call_id)
        if call is None:
            call = TrackedCall(call_id)
            self.calls[call_id] = call
        return call

    def attach(self, dev: Device, call: TrackedCall) -> None:
        """Put `call` first among `dev`'s calls (most recently changed)."""
        dev.calls.pop(call.call_id, None)
        dev.calls[call.call_id] = None
        if dev.originated:
            dev.originated.pop(call.call_id, None)  # the events have caught up with the response
        self.call_devices.setdefault(call.call_id, set()).add(dev.extension)

    def detach(self, extension: str, call_id: str) -> bool:
        """Remove `call_id` from `extension`; True when it was there. Drops the call when nobody tracks it."""
        dev = self.devices.get(extension)
        had = dev is not None and dev.calls.pop(call_id, 0) is None
        if dev is not None and call_id:
            remember(dev.ended, call_id)
            dev.originated.pop(call_id, None)
            dev.released.pop(call_id, None)
        holders = self.call_devices.get(call_id)
        if holders is not None:
            holders.discard(extension)
            if not holders:
                del self.call_devices[call_id]
                self.calls.pop(call_id, None)
        return had

    def touch(self, dev: Device, call: TrackedCall, state: csta.LocalConnectionState | None, at: float) -> None:
        """Record `dev`'s own connection state on `call` from an event, and keep the call at the device while
        the device is on it."""
        self.own(dev, call, state)
        call.updated_at = at
        if call.state_of(dev.extension) != CS.CONNECTION_STATE_NULL:
            self.attach(dev, call)

    @staticmethod
    def own(dev: Device, call: TrackedCall, state: csta.LocalConnectionState | None) -> None:
        """Record `dev`'s own connection state on `call` (NULL: it is no longer a party)."""
        if state is None:
            return
        value = CONNECTION_STATE[state]
        if value == CS.CONNECTION_STATE_NULL:
            call.parties.pop(dev.extension, None)
        else:
            call.parties[dev.extension] = value
