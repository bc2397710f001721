"""Runtime state of the simulated switch: sessions, devices, calls, connections, agents, monitors. No behaviour
here.

Everything is reachable by dictionary lookup (device by extension, call by ID, connection by device within a
call) so that a request or an event never scans the whole switch.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from callwire_csta.codec import LocalConnectionState, Message

from ..site import Button, Split, Station, TrunkGroup, Vdn


class Timer(Protocol):
    """A pending timer of the switch (an `asyncio.TimerHandle`, or a test clock's)."""

    def cancel(self) -> None: ...


Scheduler = Callable[[float, Callable[[], None]], Timer]
"""Runs a callback after a delay in seconds: the loop's `call_later` by default, a manual clock in tests."""

# ECMA-269 LampMode values.
LAMP_BROKEN_FLUTTER = 0
LAMP_FLUTTER = 1
LAMP_OFF = 2
LAMP_STEADY = 3
LAMP_WINK = 4

STATION, SPLIT, VDN, TRUNK = "station", "split", "vdn", "trunk"

#: Connection states in which a party takes part in the call (counts for "last party left").
LIVE_STATES = frozenset(
    {
        LocalConnectionState.INITIATED,
        LocalConnectionState.ALERTING,
        LocalConnectionState.CONNECTED,
        LocalConnectionState.HOLD,
        LocalConnectionState.FAIL,
    }
)


Sink = Callable[[Message], None]
"""Where a session's events go (the transport's connection, or a test's list)."""


class SwitchSession:
    """One CTI application session (one AES client): its event sink and its monitors."""

    def __init__(self, sink: Sink) -> None:
        self.sink = sink
        self.monitors: dict[str, Monitor] = {}
        self.closed = False


Handler = Callable[[SwitchSession, Any], Message]
"""A request handler: the session and the decoded request in, the positive response out (or `SwitchError`)."""


@dataclass(slots=True, eq=False)
class Monitor:
    xref: str
    session: SwitchSession
    device: Device | None  # None: a session-level monitor (DMCC's empty deviceObject)
    #: The monitor's filter: True for an event root element name that it delivers (see `filters.py`).
    wants: Callable[[str], bool] = field(default=lambda _event: True)


@dataclass(slots=True, eq=False)
class Device:
    id: str
    kind: str
    name: str = ""
    monitors: list[Monitor] = field(default_factory=list)
    #: call ID -> this device's connection in that call
    connections: dict[int, Connection] = field(default_factory=dict)


@dataclass(slots=True, eq=False)
class Agent:
    agent_id: str
    password: str
    splits: tuple[str, ...]  # every split the agent may log into
    station: StationDevice | None = None
    logged_splits: tuple[str, ...] = ()
    work_mode: str = "auxWork"  # auxWork | afterCallWork | autoIn | manualIn
    reason_code: int = 0
    pending_mode: str | None = None  # a work mode, or "loggedOff"
    pending_reason: int = 0
    idle_since: int = 0  # a switch-wide counter: smaller = idle longer


@dataclass(slots=True, eq=False)
class Forward:
    destination: str


@dataclass(slots=True, eq=False)
class StationDevice(Device):
    station: Station | None = None
    buttons: tuple[Button, ...] = ()
    dnd: bool = False
    forward: Forward | None = None
    mwi: bool = False
    agent: Agent | None = None
    # DMCC phone state, as last reported
    on_hook: bool = True
    ringing: bool = False
    display: str = ""
    lamps: dict[str, int] = field(default_factory=dict)
    registered: bool = False
    security_code: str = ""
    received_digits: list[str] = field(default_factory=list)


@dataclass(slots=True, eq=False)
class SplitDevice(Device):
    split: Split | None = None
    queue: list[Connection] = field(default_factory=list)  # the split's queued connections, oldest first
    agents: list[Agent] = field(default_factory=list)  # logged in


@dataclass(slots=True, eq=False)
class VdnDevice(Device):
    vdn: Vdn | None = None


@dataclass(slots=True, eq=False)
class TrunkGroupState:
    group: TrunkGroup
    busy: set[int] = field(default_factory=set)

    def seize(self) -> int | None:
        for member in range(1, self.group.members + 1):
            if member not in self.busy:
                self.busy.add(member)
                return member
        return None

    @property
    def used(self) -> int:
        return len(self.busy) + self.group.busy_members


@dataclass(slots=True, eq=False)
class Connection:
    call: Call
    device: Device
    state: LocalConnectionState
    appearance: str | None = None  # the call-appearance button at a station
    trunk_group: str = ""
    trunk_member: int = 0
    external_number: str = ""  # the number behind a trunk party
    acd: bool = False  # an ACD call delivered to an agent
    listen_held: set[str] = field(default_factory=set)  # parties this one cannot hear ("*" = all)
    timers: list[Timer] = field(default_factory=list)


@dataclass(slots=True, eq=False)
class Call:
    id: int
    ucid: str
    calling: str  # the calling number as reported
    called: str  # the dialled number
    user_data: bytes | None = None
    connections: dict[str, Connection] = field(default_factory=dict)  # device ID -> connection, in join order
    parties: int = 0  # party counter for trunk dynamic IDs (T<call>#<n>)
    split: str = ""
    vdn: str = ""
    last_redirection: str = ""
    inbound_trunk: tuple[str, int] | None = None
    ended: bool = False

    @property
    def call_id(self) -> str:
        return str(self.id)
