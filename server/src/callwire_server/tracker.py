"""The call tracker: device and call state from CSTA events, and their translation into `Event`s.

`CallTracker(core)` listens to the link. Every CSTA event of a monitored extension is

1. appended to one in-memory FIFO drained by one consumer task that never waits on a slow dependency: an
   event that needs a lookup (the user data a UUI key points to, the ready mode of an AgentReady), like a
   resynchronisation's snapshot, has it fetched in a background task and waits aside (`_Waiting`), together
   with the later events of the same device or call; events of other devices and calls go on at once.
   Events of one device or one call are therefore applied and published in the order the switch sent them,
   and one slow store or query delays only the devices and calls it concerns;
2. applied to the state: per extension its calls with its own connection state, agent state, send-all-calls,
   forwarding, MWI and a stable `reference_id`; per call its IDs, parties and the call data of the legacy
   offer/connect events; per extension the last alert and the last hang-up (GetAlertUserData,
   GetHangupUserData);
3. translated into the `callwire.events.v1.Event` envelope and published into the hub under the extension.

Consistency rule: an event is applied and published in one step without yielding, once what it needs is at
hand. A snapshot taken synchronously right after `hub.subscribe()` is therefore exactly the state after the
subscription's start sequence.

Call requests learn from the switch's responses before its events arrive (AES answers first):
`note_originated` / `note_released` record that knowledge per extension, and `current_choices` gives a request
that names no call the calls the switch has now: after `settle` (the tracker takes what it has received), or
from the switch itself (SnapshotDevice) while the extension's events still wait for a lookup.

Link state changes are published under the reserved device key `LINK_DEVICE` ("") so that the events
service can subscribe every stream to them. After a link comes back UP following a DOWN, every monitored
extension is resynchronised (SnapshotDevice, SnapshotCall), in order with its events.

Hot path: an event costs a deque append, a dict lookup or two and one protobuf build per monitored
extension; no task per event, no scan over all devices.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import dataclasses
import logging
import time
from collections import Counter, deque
from collections.abc import Callable, Coroutine, Iterable
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any

from callwire.agent.v1 import enums_pb2 as agent_enums
from callwire.agent.v1 import message_pb2 as agent_pb2
from callwire.common.v1 import enums_pb2 as common_enums
from callwire.common.v1 import message_pb2 as common_pb2
from callwire.device.v1 import enums_pb2 as device_enums
from callwire.events.v1 import enums_pb2 as ev_enums
from callwire.events.v1 import message_pb2 as events_pb2
from callwire.station.v1 import message_pb2 as station_pb2
from callwire_csta import codec as csta
from callwire_csta.link import LinkError, LinkEvent, LinkState, LinkStateChange

from .errors import CallwireError
from .hub import SubscriptionClosed, SubscriptionOverflow
from .services.station import FORWARDING_FROM_CSTA, forwarding_entries

if TYPE_CHECKING:
    from .core import Core

log = logging.getLogger("callwire.tracker")

#: The hub device key of link state events; every StreamEvents subscription watches it.
LINK_DEVICE = ""

CS = common_enums.ConnectionState
_LOCAL_STATE: dict[csta.LocalConnectionState, int] = {
    csta.LocalConnectionState.NULL: CS.CONNECTION_STATE_NULL,
    csta.LocalConnectionState.INITIATED: CS.CONNECTION_STATE_INITIATED,
    csta.LocalConnectionState.ALERTING: CS.CONNECTION_STATE_ALERTING,
    csta.LocalConnectionState.CONNECTED: CS.CONNECTION_STATE_CONNECTED,
    csta.LocalConnectionState.HOLD: CS.CONNECTION_STATE_HOLD,
    csta.LocalConnectionState.QUEUED: CS.CONNECTION_STATE_QUEUED,
    csta.LocalConnectionState.FAIL: CS.CONNECTION_STATE_FAIL,
}
_ACTIVE_STATES = frozenset({CS.CONNECTION_STATE_CONNECTED, CS.CONNECTION_STATE_INITIATED})

_LINK_STATE = {
    LinkState.UP: common_enums.LINK_STATE_UP,
    LinkState.DOWN: common_enums.LINK_STATE_DOWN,
    LinkState.CONNECTING: common_enums.LINK_STATE_CONNECTING,
    LinkState.STOPPED: common_enums.LINK_STATE_DOWN,
    LinkState.IDLE: common_enums.LINK_STATE_DOWN,
}

_WORK_MODE = {
    csta.WorkMode.AUTO_IN: agent_enums.WORK_MODE_AUTO_IN,
    csta.WorkMode.MANUAL_IN: agent_enums.WORK_MODE_MANUAL_IN,
    csta.WorkMode.AFTER_CALL_WORK: agent_enums.WORK_MODE_AFTER_CALL_WORK,
    csta.WorkMode.AUX_WORK: agent_enums.WORK_MODE_AUX,
}
_READY_MODES = frozenset({agent_enums.WORK_MODE_AUTO_IN, agent_enums.WORK_MODE_MANUAL_IN})

#: ECMA-323 lampMode / lampColor numbers (ECMA-269) to the contracts' enums.
_LAMP_MODE = {
    0: device_enums.LAMP_MODE_BROKEN_FLUTTER,
    1: device_enums.LAMP_MODE_FLUTTER,
    2: device_enums.LAMP_MODE_OFF,
    3: device_enums.LAMP_MODE_STEADY,
    4: device_enums.LAMP_MODE_WINK,
}
_LAMP_COLOR = {
    0: device_enums.LAMP_COLOR_NO_COLOR,
    1: device_enums.LAMP_COLOR_RED,
    2: device_enums.LAMP_COLOR_YELLOW,
    3: device_enums.LAMP_COLOR_GREEN,
    4: device_enums.LAMP_COLOR_BLUE,
}
_LAMP_BRIGHTNESS = {
    csta.LampBrightness.UNSPECIFIED: device_enums.LAMP_BRIGHTNESS_NORMAL,
    csta.LampBrightness.DIM: device_enums.LAMP_BRIGHTNESS_DIM,
    csta.LampBrightness.BRIGHT: device_enums.LAMP_BRIGHTNESS_BRIGHT,
}
_CHARSET = {
    csta.CharacterSet.ASCII: device_enums.CHARACTER_SET_ASCII,
    csta.CharacterSet.UNICODE: device_enums.CHARACTER_SET_UNICODE,
    csta.CharacterSet.PROPRIETARY: device_enums.CHARACTER_SET_PROPRIETARY,
}
_RING_MODE = {
    csta.RingMode.RINGING: device_enums.RING_MODE_RINGING,
    csta.RingMode.NOT_RINGING: device_enums.RING_MODE_NOT_RINGING,
}

#: ECMA-285 EventCause numbers (ecma285-asn1/event-cause.asn1), keyed by the ECMA-323 name.
EVENT_CAUSE_NUMBER: dict[str, int] = {
    "aCDBusy": 57,
    "aCDForward": 58,
    "aCDSaturated": 59,
    "activation": 88,
    "activeParticipation": 1,
    "alertTimeExpired": 60,
    "alternate": 2,
    "autoWork": 61,
    "babble": 89,
    "badAttribute": 90,
    "badGrammar": 91,
    "badURI": 93,
    "badVoice": 92,
    "blocked": 35,
    "busy": 3,
    "busyOverflow": 94,
    "calendarOverflow": 95,
    "callBack": 4,
    "callCancelled": 5,
    "callForward": 9,
    "callForwardImmediate": 6,
    "callForwardBusy": 7,
    "callForwardNoAnswer": 8,
    "callNotAnswered": 10,
    "callPickup": 11,
    "campOn": 12,
    "campOnTrunks": 62,
    "capacityOverflow": 96,
    "characterCountReached": 36,
    "conference": 63,
    "consultation": 37,
    "destDetected": 64,
    "destNotObtainable": 13,
    "destOutOfOrder": 65,
    "distributed": 38,
    "distributionDelay": 66,
    "doNotDisturb": 14,
    "dTMFDigitDetected": 39,
    "duplicateDTMF": 97,
    "durationExceeded": 40,
    "earlyStop": 98,
    "emptyQueue": 99,
    "endOfMessageDetected": 41,
    "enteringDistribution": 42,
    "forcedPause": 43,
    "forcedTransition": 67,
    "incompatibleDestination": 15,
    "interdigitTimeout": 100,
    "intrude": 68,
    "invalidAccountCode": 16,
    "invalidConnection": 101,
    "invalidConnectionState": 102,
    "invalidNumberFormat": 69,
    "joinCall": 70,
    "keyOperation": 17,
    "keyOperationInUse": 71,
    "lockout": 18,
    "maintenance": 19,
    "makeCall": 44,
    "makePredictiveCall": 72,
    "maxTimeout": 104,
    "messageDurationExceeded": 73,
    "messageSizeExceeded": 45,
    "multipleAlerting": 74,
    "multipleQueuing": 75,
    "networkCongestion": 20,
    "networkDialling": 76,
    "networkNotObtainable": 21,
    "networkOutOfOrder": 77,
    "networkSignal": 46,
    "newCall": 22,
    "nextMessage": 47,
    "noAvailableAgents": 23,
    "normal": 78,
    "normalClearing": 48,
    "noAudioSaved": 105,
    "noQueue": 106,
    "noRule": 107,
    "noSpeechDetected": 49,
    "notAvailableBearerService": 79,
    "notSupportedBearerService": 80,
    "numberChanged": 50,
    "numberUnallocated": 81,
    "outOfGrammar": 108,
    "overflow": 26,
    "override": 24,
    "park": 25,
    "pathReplacement": 109,
    "queueCleared": 82,
    "queueTimeOverflow": 110,
    "recall": 27,
    "recallBusy": 111,
    "recallForwarded": 112,
    "recallNoAnswer": 113,
    "recallResourcesNotAvailable": 114,
    "redirected": 28,
    "remainsInQueue": 83,
    "reorderTone": 29,
    "reserved": 84,
    "resourcesNotAvailable": 30,
    "selectedTrunkBusy": 85,
    "silentParticipation": 31,
    "singleStepConference": 51,
    "singleStepTransfer": 52,
    "speechDetected": 53,
    "suspend": 86,
    "switchingFunctionTerminated": 54,
    "terminationCharacterReceived": 55,
    "timeout": 56,
    "transfer": 32,
    "trunksBusy": 33,
    "unauthorisedBearerService": 87,
    "unknownOverflow": 115,
}

_UUI_KEY_BYTES = 22  # a Callwire UUI key: 44 hex digits (store/uui.py)
_USER_DATA_TTL = 5.0  # seconds a looked-up user data entry is reused
_USER_DATA_CACHE = 4096
_AGENT_QUERY_TIMEOUT = 1.0

# --------------------------------------------------------------------------------------------- state


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
class _Device:
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


#: Calls remembered per device in each of `_Device.originated`, `released` and `ended`.
_HINTS_PER_DEVICE = 16


def _remember(bounded: dict[str, Any], key: str, value: Any = None) -> None:
    bounded.pop(key, None)
    bounded[key] = value
    if len(bounded) > _HINTS_PER_DEVICE:
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


@dataclass(slots=True)
class _Features:
    """What the feature queries of a resynchronisation found (None / not known: leave the state as it is)."""

    agent: agent_pb2.AgentState | None = None
    agent_known: bool = False
    dnd: bool | None = None
    forwarding: dict[int, station_pb2.ForwardingEntry] | None = None
    mwi: bool | None = None


@dataclass(slots=True)
class _Resync:
    extension: str
    done: asyncio.Future[None] | None
    publish_idle: bool = False


@dataclass(slots=True)
class _LinkChange:
    change: LinkStateChange
    at: float


@dataclass(frozen=True, slots=True)
class _Enrichment:
    """What an event needs from elsewhere before it is applied: the user data its UUI key points to, the
    hang-up text of a non-key UUI, the agent's ready mode (AgentReady does not say auto-in or manual-in)."""

    data: str = ""
    ready_mode: int | None = None


_NOTHING_NEEDED = _Enrichment()


@dataclass(eq=False, slots=True)
class _Waiting:
    """An item set aside: what it needs (user data, the ready mode, a resynchronisation's snapshot) is being
    fetched, or an earlier waiting item shares a device or a call with it. `run` applies and publishes it (None
    until what it needs is at hand)."""

    keys: frozenset[str]
    extension: str
    run: Callable[[], None] | None
    #: The resynchronisation whose snapshot waits here (told it is done when applied, or at stop).
    resync: _Resync | None = None


@dataclass(slots=True)
class _Ready:
    """Consumer marker: what a waiting item needed is at hand; apply it when no earlier item holds it back."""

    waiting: _Waiting


@dataclass(slots=True)
class _Barrier:
    """Consumer marker: told when everything received before it has been taken (see `settle`)."""

    reached: asyncio.Future[None]


_Item = LinkEvent | _Resync | _LinkChange | _Ready | _Barrier | None
#: Resynchronisations fetched at once (the link pipelines them; 20,000 stations after a failover would
#: otherwise wait for one round trip after another, or flood the switch).
_RESYNC_CONCURRENCY = 256

# -------------------------------------------------------------------------------------------- helpers


def _dev(link_extension_of: Callable[[str], str], x: csta.ExtendedDeviceID | None) -> str:
    if x is None or x.device_identifier is None:
        return ""
    return link_extension_of(x.device_identifier.value)


def _uui_hex(ud: csta.UserData | None) -> str:
    if ud is None or not ud.string:
        return ""
    return ud.string.hex().upper()


def _is_key(uui_hex: str) -> bool:
    return len(uui_hex) == 2 * _UUI_KEY_BYTES


def _uui_text(uui_hex: str) -> str:
    """A non-key UUI as text (hang-up data such as "ok"), or "" when it is not printable."""
    try:
        text = bytes.fromhex(uui_hex).decode("utf-8")
    except ValueError:
        return ""
    return text if text.isprintable() else ""


def _private(message: Any, cls: type[Any]) -> Any:
    for item in csta.private_items(getattr(message, "extensions", None)):
        if isinstance(item, cls):
            return item
    return None


_CALL_FIELDS: dict[type[Any], tuple[str, ...]] = {}


def _call_ids(message: Any) -> list[str]:
    """The call IDs an event names (its connections and, for transfers and conferences, the listed ones)."""
    names = _CALL_FIELDS.get(type(message))
    if names is None:
        names = tuple(
            f.name
            for f in dataclasses.fields(message)
            if "ConnectionID" in str(f.type) or "ConnectionListItem" in str(f.type)
        )
        _CALL_FIELDS[type(message)] = names
    found: list[str] = []
    for name in names:
        value = getattr(message, name)
        items = value if isinstance(value, tuple) else (value,)
        for item in items:
            if isinstance(item, csta.ConnectionID):
                if item.call_id:
                    found.append(item.call_id)
            elif isinstance(item, csta.ConnectionListItem):
                for conn in (item.new_connection, item.old_connection):
                    if conn is not None and conn.call_id:
                        found.append(conn.call_id)
    return found


def _own_states(answer: csta.SnapshotDeviceResponse) -> dict[str, int]:
    """call_id -> the device's own common.v1.ConnectionState, from a SnapshotDevice answer."""
    own: dict[str, int] = {}
    for info in answer.cross_ref_id_or_snapshot_data.snapshot_data or ():
        cid = info.connection_identifier.call_id
        if not cid:
            continue
        compound = info.local_call_state.compound_call_state if info.local_call_state else None
        first = compound.local_connection_state[0] if compound and compound.local_connection_state else None
        own[cid] = _LOCAL_STATE[first] if first is not None else CS.CONNECTION_STATE_CONNECTED
    return own


def _cause(cause: csta.EventCause | None) -> tuple[int, str]:
    if cause is None:
        return 0, ""
    return EVENT_CAUSE_NUMBER.get(cause.value, 0), cause.value


# -------------------------------------------------------------------------------------------- tracker


class CallTracker:
    """Device and call state from the CSTA events of monitored extensions, published as `Event`s."""

    def __init__(self, core: Core) -> None:
        self.core = core
        self._link = core.link
        self._devices: dict[str, _Device] = {}
        self._calls: dict[str, TrackedCall] = {}
        #: call_id -> the tracked extensions that have the call.
        self._call_devices: dict[str, set[str]] = {}
        self._next_reference = 1
        self._inbox: deque[_Item] = deque()
        self._waiter: asyncio.Future[None] | None = None
        self._consumer: asyncio.Task[None] | None = None
        self._stopped = False
        self._user_data_cache: dict[str, tuple[str, float]] = {}
        #: Lookups of user data in flight, by UUI key: events of several devices share one.
        self._user_data_lookups: dict[str, asyncio.Task[str]] = {}
        #: Items set aside in arrival order (see `_Waiting`), and how many of them hold each device/call key.
        #: Items set aside, in arrival order per device key ("d:<extension>") and call key ("c:<call_id>"): an
        #: item is applied once it has what it needs and is first in the queue of each of its keys.
        self._waiting: dict[str, deque[_Waiting]] = {}
        self._resync_gate = asyncio.Semaphore(_RESYNC_CONCURRENCY)
        self._enrichments: set[asyncio.Task[None]] = set()
        #: Per extension, its events and resynchronisations received but not applied yet.
        self._backlog: Counter[str] = Counter()
        self._link_state = _LINK_STATE.get(core.link.state, common_enums.LINK_STATE_DOWN)
        self._was_down = False
        #: Counters for metrics and tests.
        self.events_in = 0
        self.events_out = 0
        core.link.add_event_listener(self._on_link_event)
        core.link.add_state_listener(self._on_link_state)

    # ------------------------------------------------------------------------------ public queries

    def calls_at(self, extension: str) -> list[TrackedCall]:
        """The calls `extension` is on, most recently changed first."""
        dev = self._devices.get(extension)
        if dev is None:
            return []
        return [self._calls[cid] for cid in reversed(dev.calls) if cid in self._calls]

    def _first(self, extension: str, states: frozenset[int]) -> TrackedCall | None:
        for call in self.calls_at(extension):
            if call.state_of(extension) in states:
                return call
        return None

    def active_call(self, extension: str) -> TrackedCall | None:
        """The most recent call on which `extension` is connected (or dialling), else None."""
        return self._first(extension, _ACTIVE_STATES)

    def held_call(self, extension: str) -> TrackedCall | None:
        """The most recent call `extension` holds, else None."""
        return self._first(extension, frozenset({CS.CONNECTION_STATE_HOLD}))

    def alerting_call(self, extension: str) -> TrackedCall | None:
        """The most recent call ringing at `extension`, else None."""
        return self._first(extension, frozenset({CS.CONNECTION_STATE_ALERTING}))

    def choices(self, extension: str) -> list[CallChoice]:
        """The calls a request for `extension` that names no call may act on, most recent first.

        Unlike `calls_at` (the published state), this includes what the switch's responses said before its
        events did: a call the extension just started comes first, and a call it was just released from is left
        out (see `note_originated`, `note_released`). Call `settle` first.
        """
        dev = self._devices.get(extension)
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

    async def current_choices(self, extension: str) -> list[CallChoice]:
        """The calls `extension` is on now, for a request that names no call, most recent first.

        `choices` once the tracker has applied every event of the extension received so far (`settle`). When
        some still wait for a slow lookup, the tracker cannot say, so the switch is asked (SnapshotDevice): its
        calls, in the tracker's order where it knows them, calls it does not know yet first. Raises
        CallwireError when the switch cannot be asked.
        """
        if await self.settle(extension):
            return self.choices(extension)
        answer = await self.core.invoke(
            csta.SnapshotDevice(snapshot_object=csta.DeviceID(value=self._link.device_id(extension))),
            expect=csta.SnapshotDeviceResponse,
            extension=extension,
        )
        now = {cid: state for cid, state in _own_states(answer).items() if state != CS.CONNECTION_STATE_NULL}
        known = {c.call_id: c for c in self.choices(extension)}
        for tracked in self.calls_at(extension):
            known.setdefault(tracked.call_id, CallChoice(tracked.call_id, tracked.ucid, tuple(tracked.parties), 0))
        found = [CallChoice(cid, "", (), state) for cid, state in now.items() if cid not in known]
        found.extend(dataclasses.replace(c, state=now[cid]) for cid, c in known.items() if cid in now)
        return found

    def note_originated(self, extension: str, call_id: str, ucid: str = "") -> None:
        """The switch answered a request of `extension` with a new call (MakeCall, ConsultationCall): a request
        that names no call chooses it before the switch's events about it arrive."""
        dev = self._devices.get(extension)
        if dev is None or not call_id or call_id in dev.calls or call_id in dev.ended:
            return
        _remember(dev.originated, call_id, ucid)

    def note_released(self, extension: str, call_id: str) -> None:
        """The switch confirmed that `extension` left `call_id` (ClearConnection, ClearCall, a transfer): no
        request chooses it again, even while the switch's events about it are still on their way."""
        dev = self._devices.get(extension)
        if dev is None or not call_id:
            return
        dev.originated.pop(call_id, None)
        if call_id in dev.calls:
            _remember(dev.released, call_id)

    async def settle(self, extension: str) -> bool:
        """Let the tracker take every event received so far; True when all of `extension`'s are applied, False
        when some still wait (for a slow store lookup or agent query): then only the switch knows its calls."""
        if not self._backlog.get(extension):
            return True
        if self._consumer is None or self._stopped:
            return False
        reached: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._put(_Barrier(reached))
        await reached
        return not self._backlog.get(extension)

    def call(self, call_id: str) -> TrackedCall | None:
        """The tracked call with this switch call ID, else None."""
        return self._calls.get(call_id)

    def devices_on_call(self, call_id: str) -> frozenset[str]:
        """Every device the server knows to be on the call (its parties and the tracked extensions that have it);
        empty for a call it does not track. The extension scope of API keys is decided with it."""
        call = self._calls.get(call_id)
        parties = call.parties.keys() if call is not None else ()
        return frozenset((*parties, *self._call_devices.get(call_id, ())))

    def last_alert(self, extension: str) -> AlertInfo | None:
        """The last call that rang at `extension` (GetAlertUserData), else None."""
        dev = self._devices.get(extension)
        return dev.last_alert if dev is not None else None

    def last_hangup(self, extension: str) -> HangupInfo | None:
        """The last call released at `extension` (GetHangupUserData), else None."""
        dev = self._devices.get(extension)
        return dev.last_hangup if dev is not None else None

    def reference_id(self, extension: str) -> int:
        """The legacy `referenceid` of `extension`: stable while it stays monitored."""
        return self._device(extension).reference_id

    def agent_state(self, extension: str) -> agent_pb2.AgentState | None:
        """The agent state last reported at `extension`; None when no agent is known to be logged in."""
        dev = self._devices.get(extension)
        return dev.agent if dev is not None else None

    def snapshot(self, devices: Iterable[str] | None) -> events_pb2.Snapshot:
        """The state of `devices` (None: every monitored extension) at the hub's current sequence.

        Synchronous on purpose: called right after `hub.subscribe()`, it is consistent with the
        subscription's start sequence (see the module docstring).
        """
        monitored = self._link.monitored
        up = self._link.state is LinkState.UP
        names = sorted(monitored) if devices is None else list(devices)
        snap = events_pb2.Snapshot(sequence=self.core.hub.last_sequence)
        snap.time.FromNanoseconds(time.time_ns())
        for ext in names:
            if ext == LINK_DEVICE:
                continue
            dev = self._devices.get(ext)
            ds = snap.devices.add(device=ext, monitored=up and ext in monitored)
            if dev is None:
                continue
            for call in self.calls_at(ext):
                ds.calls.append(call.snapshot(ext))
            if dev.agent is not None:
                ds.agent.CopyFrom(dev.agent)
            ds.do_not_disturb = dev.dnd
            ds.forwarding.extend(dev.forwarding[k] for k in sorted(dev.forwarding))
            ds.message_waiting = dev.mwi
        return snap

    async def wait_for(
        self,
        extension: str,
        predicate: Callable[[events_pb2.Event], bool],
        timeout: float,
        *,
        after_sequence: int | None = None,
    ) -> events_pb2.Event | None:
        """The first event of `extension` for which `predicate` is true, or None after `timeout` seconds.

        Subscribes to the hub (no polling). Events published after the call starts are seen; pass
        `after_sequence` (e.g. `core.hub.last_sequence` read before sending the request) to also see those
        published since then, replayed from the hub's window.
        """
        sub = self.core.hub.subscribe([extension], resume_after=after_sequence)
        try:
            async with asyncio.timeout(timeout):
                while True:
                    event = await sub.next()
                    if predicate(event):
                        return event
        except (TimeoutError, SubscriptionClosed):
            return None
        except SubscriptionOverflow:
            log.warning("wait_for(%s) fell behind the event stream", extension)
            return None
        finally:
            sub.close()

    # ------------------------------------------------------------------------------ monitors

    async def resync(self, extension: str) -> None:
        """Rebuild `extension`'s calls from the switch (SnapshotDevice, then SnapshotCall per call).

        In order with the extension's events: applied after those received before the call, before those
        received after it; other extensions' events go on meanwhile. Called by `Core.monitor` and, for every
        monitored extension, after the link comes back up.
        """
        self._device(extension)
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._queue_resync(_Resync(extension, done))
        await done

    def forget(self, extension: str) -> None:
        """Drop `extension`'s state (it is no longer monitored); its reference ID is released."""
        dev = self._devices.pop(extension, None)
        if dev is None:
            return
        for cid in dev.calls:
            self._detach(extension, cid)

    # ------------------------------------------------------------------------------ link listeners

    def _on_link_event(self, event: LinkEvent) -> None:
        if event.extension is None:
            return
        self.events_in += 1
        self._backlog[event.extension] += 1
        self._put(event)

    def _on_link_state(self, change: LinkStateChange) -> None:
        self._put(_LinkChange(change, time.time()))
        if change.state is LinkState.DOWN:
            self._was_down = True
        elif change.state is LinkState.UP and self._was_down:
            self._was_down = False
            for ext in sorted(self._link.monitored):
                self._queue_resync(_Resync(ext, None, publish_idle=True))
        elif change.state is LinkState.STOPPED:
            self._put(None)

    async def stopped(self) -> None:
        """Wait until the consumer has finished (the link has stopped): nothing uses the store after this."""
        consumer = self._consumer
        if consumer is not None and not self._stopped:
            self._put(None)
        if consumer is not None:
            await consumer

    def _queue_resync(self, item: _Resync) -> None:
        if self._stopped:
            self._finish_done(item)
            return
        self._backlog[item.extension] += 1
        self._put(item)

    def _put(self, item: _Item) -> None:
        if self._stopped:
            return
        self._inbox.append(item)
        if self._consumer is None:
            # A fresh context: the consumer must not inherit the x-request-id of the RPC that started it.
            self._consumer = asyncio.get_running_loop().create_task(
                self._consume(), name="callwire-tracker", context=contextvars.Context()
            )
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    async def _consume(self) -> None:
        inbox = self._inbox
        loop = asyncio.get_running_loop()
        while True:
            while inbox:
                item = inbox.popleft()
                if item is None:
                    self._stopped = True
                    await self._stop_enrichments()
                    self._fail_pending()
                    return
                try:
                    if isinstance(item, LinkEvent):
                        self._take(item)
                    elif isinstance(item, _Resync):
                        self._take_resync(item)
                    elif isinstance(item, _Ready):
                        self._release(item.waiting)
                    elif isinstance(item, _Barrier):
                        if not item.reached.done():
                            item.reached.set_result(None)
                    else:
                        self._handle_link_change(item)
                except Exception:
                    log.exception("tracker failed on %s", type(item).__name__)
            self._waiter = loop.create_future()
            try:
                await self._waiter
            finally:
                self._waiter = None

    def _fail_pending(self) -> None:
        for item in self._inbox:
            if isinstance(item, _Resync):
                self._finish(item)
            elif isinstance(item, _Barrier) and not item.reached.done():
                item.reached.set_result(None)
        self._inbox.clear()
        for queue in self._waiting.values():
            for waiting in queue:
                if waiting.resync is not None:
                    self._finish_done(waiting.resync)
        self._waiting.clear()
        self._backlog.clear()

    def _finish(self, item: _Resync) -> None:
        self._unlog(item.extension)
        self._finish_done(item)

    @staticmethod
    def _finish_done(item: _Resync) -> None:
        if item.done is not None and not item.done.done():
            item.done.set_result(None)

    def _unlog(self, extension: str) -> None:
        backlog = self._backlog
        left = backlog[extension] - 1
        if left > 0:
            backlog[extension] = left
        else:
            backlog.pop(extension, None)

    # ------------------------------------------------------------------------------ items set aside

    def _take(self, item: LinkEvent) -> None:
        """Apply `item` now when nothing it needs is missing and no earlier item of its device or calls waits;
        else set it aside (fetching what it needs in the background)."""
        enrichment = self._enrichment_at_hand(item)
        if enrichment is not None and not self._waiting:  # the usual case: nothing waits
            self._apply(item, enrichment)
            return
        keys = frozenset([f"d:{item.extension}", *(f"c:{cid}" for cid in _call_ids(item.message))])
        if enrichment is not None and not self._held_back(keys):
            self._apply(item, enrichment)
            return
        assert item.extension is not None
        waiting = _Waiting(keys, item.extension, None if enrichment is None else partial(self._apply, item, enrichment))
        self._set_aside(waiting)
        if enrichment is None:
            self._background(self._enrich(item, waiting))

    def _take_resync(self, item: _Resync) -> None:
        """Fetch the extension's snapshot off the ordered path; it is applied after the extension's events
        received before it, and before those received after it (as if it had been applied on arrival)."""
        dev = self._devices.get(item.extension)
        keys = frozenset([f"d:{item.extension}", *(f"c:{cid}" for cid in (dev.calls if dev is not None else ()))])
        waiting = _Waiting(keys, item.extension, None, resync=item)
        self._set_aside(waiting)
        self._background(self._fetch_resync(item, waiting))

    def _background(self, work: Coroutine[Any, Any, None]) -> None:
        # A fresh context: the work must not carry the x-request-id of an RPC into later events.
        loop = asyncio.get_running_loop()
        task = loop.create_task(work, name="callwire-tracker-fetch", context=contextvars.Context())
        self._enrichments.add(task)
        task.add_done_callback(self._enrichments.discard)

    def _held_back(self, keys: frozenset[str]) -> bool:
        waiting = self._waiting
        return any(key in waiting for key in keys)

    def _set_aside(self, waiting: _Waiting) -> None:
        queues = self._waiting
        for key in waiting.keys:
            queue = queues.get(key)
            if queue is None:
                queues[key] = deque((waiting,))
            else:
                queue.append(waiting)

    def _first_in_line(self, waiting: _Waiting) -> bool:
        """Whether `waiting` heads the queue of each of its keys. False once it was applied: an item that waited
        behind the same item on two keys is handed to `_release` twice, and must run once."""
        queues = self._waiting
        for key in waiting.keys:
            queue = queues.get(key)
            if not queue or queue[0] is not waiting:
                return False
        return True

    def _release(self, ready: _Waiting) -> None:
        """Apply `ready` if nothing earlier holds it back, then every item it held back that can go now."""
        if not self._first_in_line(ready):
            return  # an earlier item of its device or calls still waits; applying that one will bring it
        todo = [ready]
        queues = self._waiting
        while todo:
            waiting = todo.pop()
            if waiting.run is None or not self._first_in_line(waiting):
                continue
            for key in waiting.keys:
                queue = queues[key]
                queue.popleft()
                if queue:
                    todo.append(queue[0])
                else:
                    del queues[key]
            try:
                waiting.run()
            except Exception:
                log.exception("tracker failed on a waiting item of %s", waiting.extension)

    def _enrichment_at_hand(self, item: LinkEvent) -> _Enrichment | None:
        """What `item` needs when it is known without waiting (None: it must be fetched)."""
        msg = item.message
        if isinstance(msg, csta.AgentReadyEvent):
            return None
        uui_hex = _uui_hex(getattr(msg, "user_data", None))
        if not _is_key(uui_hex):
            return _NOTHING_NEEDED
        cached = self._user_data_cache.get(uui_hex)
        if cached is None or cached[1] <= time.monotonic():
            return None
        return _Enrichment(data=cached[0]) if cached[0] else _NOTHING_NEEDED

    async def _enrich(self, item: LinkEvent, waiting: _Waiting) -> None:
        """Fetch what `item` needs off the ordered path, then let the consumer apply it in its turn."""
        msg = item.message
        data = ""
        ready_mode = None
        try:
            uui_hex = _uui_hex(getattr(msg, "user_data", None))
            if _is_key(uui_hex):
                data = await self._user_data(uui_hex)
            if isinstance(msg, csta.AgentReadyEvent) and item.extension is not None:
                ready_mode = await self._query_ready_mode(item.extension)
        except Exception:  # the event goes on without what could not be fetched
            log.exception("cannot enrich %s of %s", type(msg).__name__, item.extension)
        waiting.run = partial(self._apply, item, _Enrichment(data=data, ready_mode=ready_mode))
        self._put(_Ready(waiting))

    async def _fetch_resync(self, item: _Resync, waiting: _Waiting) -> None:
        snapshot = None
        try:
            async with self._resync_gate:
                snapshot = await self._fetch_snapshot(item.extension)
        except Exception:
            log.exception("cannot resynchronise %s", item.extension)
        if snapshot is None:
            waiting.run = partial(self._finish, item)
        else:
            waiting.run = partial(self._resynced, item, snapshot)
        self._put(_Ready(waiting))

    async def _stop_enrichments(self) -> None:
        """Stop waiting for enrichments; store lookups in flight finish (one cut short would leak its
        connection) before the store closes."""
        for task in tuple(self._enrichments):
            task.cancel()
        await asyncio.gather(*self._enrichments, *self._user_data_lookups.values(), return_exceptions=True)

    # ------------------------------------------------------------------------------ state helpers

    def _device(self, extension: str) -> _Device:
        dev = self._devices.get(extension)
        if dev is None:
            dev = _Device(extension, self._next_reference)
            self._next_reference += 1
            self._devices[extension] = dev
        return dev

    def _get_call(self, call_id: str) -> TrackedCall:
        call = self._calls.get(call_id)
        if call is None:
            call = TrackedCall(call_id)
            self._calls[call_id] = call
        return call

    def _attach(self, dev: _Device, call: TrackedCall) -> None:
        dev.calls.pop(call.call_id, None)
        dev.calls[call.call_id] = None
        if dev.originated:
            dev.originated.pop(call.call_id, None)  # the events have caught up with the response
        self._call_devices.setdefault(call.call_id, set()).add(dev.extension)

    def _detach(self, extension: str, call_id: str) -> bool:
        """Remove `call_id` from `extension`; True when it was there. Drops the call when nobody tracks it."""
        dev = self._devices.get(extension)
        had = dev is not None and dev.calls.pop(call_id, 0) is None
        if dev is not None and call_id:
            _remember(dev.ended, call_id)
            dev.originated.pop(call_id, None)
            dev.released.pop(call_id, None)
        holders = self._call_devices.get(call_id)
        if holders is not None:
            holders.discard(extension)
            if not holders:
                del self._call_devices[call_id]
                self._calls.pop(call_id, None)
        return had

    def _drop_call(self, call_id: str) -> None:
        for ext in list(self._call_devices.get(call_id, ())):
            self._detach(ext, call_id)
        self._calls.pop(call_id, None)

    def _touch(self, dev: _Device, call: TrackedCall, state: csta.LocalConnectionState | None, at: float) -> None:
        """Record `dev`'s own connection state on `call` from an event, and keep the call at the device while
        the device is on it."""
        self._own(dev, call, state)
        call.updated_at = at
        if call.state_of(dev.extension) != CS.CONNECTION_STATE_NULL:
            self._attach(dev, call)

    def _own(self, dev: _Device, call: TrackedCall, state: csta.LocalConnectionState | None) -> None:
        if state is None:
            return
        value = _LOCAL_STATE[state]
        if value == CS.CONNECTION_STATE_NULL:
            call.parties.pop(dev.extension, None)
        else:
            call.parties[dev.extension] = value

    async def _user_data(self, uui_hex: str) -> str:
        """The user data a Callwire UUI key points to ("" when none), with a short-lived cache; events of several
        devices that carry one key share one lookup."""
        now = time.monotonic()
        cached = self._user_data_cache.get(uui_hex)
        if cached is not None and cached[1] > now:
            return cached[0]
        lookup = self._user_data_lookups.get(uui_hex)
        if lookup is None:
            lookup = asyncio.get_running_loop().create_task(self._lookup_user_data(uui_hex))
            self._user_data_lookups[uui_hex] = lookup
            lookup.add_done_callback(lambda _: self._user_data_lookups.pop(uui_hex, None))
        return await asyncio.shield(lookup)

    async def _lookup_user_data(self, uui_hex: str) -> str:
        try:
            data = (await self.core.store.get_user_data(uui_hex)).data
        except Exception as exc:  # not found, expired, or the store is unreachable: the event goes on
            log.debug("no user data for UUI %s: %s", uui_hex, exc)
            data = ""
        if len(self._user_data_cache) >= _USER_DATA_CACHE:
            self._user_data_cache.pop(next(iter(self._user_data_cache)))
        self._user_data_cache[uui_hex] = (data, time.monotonic() + _USER_DATA_TTL)
        return data

    # ------------------------------------------------------------------------------ publishing

    def _envelope(
        self, event_type: int, dev: _Device, received_at: float, call: TrackedCall | None
    ) -> events_pb2.Event:
        ev = events_pb2.Event(
            event_type=event_type,  # type: ignore[arg-type]
            device=dev.extension,
            request_id=self.core.request_id_for(dev.extension),
            reference_id=dev.reference_id,
        )
        seconds = int(received_at)
        ev.time.seconds = seconds
        ev.time.nanos = int((received_at - seconds) * 1e9)
        if call is not None:
            ev.call.call_id = call.call_id
            ev.call.ucid = call.ucid
        return ev

    def _publish(self, device: str, ev: events_pb2.Event) -> None:
        hub = self.core.hub

        def build(seq: int) -> events_pb2.Event:
            ev.sequence = seq
            ev.resume_token = hub.resume_token(seq)
            return ev

        hub.publish(device, build)
        self.events_out += 1

    def _publish_idle(self, dev: _Device, received_at: float, cause: str, call: TrackedCall | None) -> None:
        ev = self._envelope(ev_enums.EVENT_TYPE_IDLE, dev, received_at, call)
        ev.idle.cause_name = cause
        self._publish(dev.extension, ev)

    # ------------------------------------------------------------------------------ events

    def _apply(self, item: LinkEvent, enrichment: _Enrichment) -> None:
        """Mutate the state and publish, without yielding (see the module docstring)."""
        ext = item.extension
        assert ext is not None
        self._unlog(ext)
        msg = item.message
        data = enrichment.data
        ready_mode = enrichment.ready_mode
        hangup_text = ""
        uui_hex = _uui_hex(getattr(msg, "user_data", None))
        if uui_hex and not data and isinstance(msg, csta.ConnectionClearedEvent):
            hangup_text = _uui_text(uui_hex)
        if ext not in self._link.monitored and ext not in self._devices:
            return
        dev = self._device(ext)
        at = item.received_at
        if isinstance(msg, csta.DeliveredEvent):
            self._delivered(dev, msg, at, uui_hex, data)
        elif isinstance(msg, csta.EstablishedEvent):
            self._established(dev, msg, at, uui_hex, data)
        elif isinstance(msg, csta.ConnectionClearedEvent):
            self._cleared(dev, msg, at, uui_hex, data or hangup_text)
        elif isinstance(msg, csta.CallClearedEvent):
            self._call_cleared(dev, msg, at)
        elif isinstance(msg, csta.HeldEvent):
            self._held(dev, msg, at)
        elif isinstance(msg, csta.RetrievedEvent):
            self._retrieved(dev, msg, at)
        elif isinstance(msg, csta.FailedEvent):
            self._failed(dev, msg, at)
        elif isinstance(msg, csta.TransferedEvent):
            self._transferred(dev, msg, at, uui_hex, data)
        elif isinstance(msg, csta.ConferencedEvent):
            self._conferenced(dev, msg, at, uui_hex, data)
        elif isinstance(msg, csta.OriginatedEvent | csta.ServiceInitiatedEvent):
            self._originated(dev, msg)
        elif isinstance(msg, csta.DivertedEvent):
            self._diverted(dev, msg, at)
        elif isinstance(msg, csta.QueuedEvent):
            self._queued(dev, msg)
        elif isinstance(
            msg,
            csta.AgentLoggedOnEvent
            | csta.AgentLoggedOffEvent
            | csta.AgentReadyEvent
            | csta.AgentNotReadyEvent
            | csta.AgentWorkingAfterCallEvent
            | csta.AgentBusyEvent,
        ):
            self._agent(dev, msg, at, ready_mode)
        elif isinstance(msg, csta.DoNotDisturbEvent):
            dev.dnd = msg.do_not_disturb_on
            ev = self._envelope(ev_enums.EVENT_TYPE_DO_NOT_DISTURB_CHANGED, dev, at, None)
            ev.do_not_disturb_changed.enabled = msg.do_not_disturb_on
            self._publish(ext, ev)
        elif isinstance(msg, csta.ForwardingEvent):
            self._forwarding(dev, msg, at)
        elif isinstance(msg, csta.MessageWaitingEvent):
            dev.mwi = msg.message_waiting_on
            ev = self._envelope(ev_enums.EVENT_TYPE_MESSAGE_WAITING_CHANGED, dev, at, None)
            ev.message_waiting_changed.enabled = msg.message_waiting_on
            if msg.device_for_message is not None:
                ev.message_waiting_changed.device_for_message = self._link.extension_of(msg.device_for_message.value)
            self._publish(ext, ev)
        else:
            self._phone(dev, msg, at)

    def _fill_call_data(self, call: TrackedCall, msg: Any, uui_hex: str, data: str) -> None:
        """Calling/called, UCID, UUI and the Avaya private data of a Delivered/Established/Diverted event."""
        x = self._link.extension_of
        calling = _dev(x, msg.calling_device)
        called = _dev(x, msg.called_device)
        if calling:
            call.calling = calling
            if not call.original_calling:
                call.original_calling = calling
        if called:
            call.called = called
            if not call.original_called:
                call.original_called = called
        linkage = msg.call_linkage_data
        if linkage is not None and linkage.ucid:
            call.ucid = linkage.ucid
        if uui_hex:
            call.uui = uui_hex
            call.user_data = data
        redirection = msg.last_redirection_device
        if redirection is not None and redirection.number_dialed is not None:
            call.last_redirection = x(redirection.number_dialed.value)
        cls = (
            csta.DeliveredEventPrivateData if isinstance(msg, csta.DeliveredEvent) else csta.EstablishedEventPrivateData
        )
        priv = _private(msg, cls)
        if priv is not None:
            if priv.trunk_group:
                call.trunk_group = priv.trunk_group
            if priv.trunk_member:
                call.trunk_member = priv.trunk_member
            if priv.acd_group is not None:
                call.split = x(priv.acd_group.value)
            if priv.user_entered_code is not None and priv.user_entered_code.data:
                call.uec = priv.user_entered_code.data
            info = priv.original_call_info
            if info is not None:
                orig_calling = _dev(x, info.network_calling_device)
                orig_called = _dev(x, info.network_called_device)
                if orig_calling:
                    call.original_calling = orig_calling
                if orig_called:
                    call.original_called = orig_called
                if info.trunk_group and not call.trunk_group:
                    call.trunk_group = info.trunk_group
                if info.trunk_member and not call.trunk_member:
                    call.trunk_member = info.trunk_member
        network_calling = getattr(msg, "network_calling_device", None)
        network_called = getattr(msg, "network_called_device", None)
        call.cli = _dev(x, network_calling) or call.cli or call.calling
        call.dnis = _dev(x, network_called) or call.dnis or call.called

    @staticmethod
    def _call_fields(target: Any, call: TrackedCall) -> None:
        target.original_calling = call.original_calling
        target.original_called = call.original_called
        target.calling = call.calling
        target.called = call.called
        target.uui = call.uui
        target.uec = call.uec
        target.split = call.split
        target.user_data = call.user_data
        target.trunk_group = call.trunk_group
        target.trunk_member = call.trunk_member
        target.last_redirection = call.last_redirection

    def _delivered(self, dev: _Device, msg: csta.DeliveredEvent, at: float, uui_hex: str, data: str) -> None:
        call_id = msg.connection.call_id or ""
        call = self._get_call(call_id)
        self._fill_call_data(call, msg, uui_hex, data)
        alerting = _dev(self._link.extension_of, msg.alerting_device)
        if alerting:
            call.parties[alerting] = CS.CONNECTION_STATE_ALERTING
        if call.calling and call.calling not in call.parties:
            call.parties[call.calling] = CS.CONNECTION_STATE_CONNECTED
        ext = dev.extension
        self._own(dev, call, msg.local_connection_info)
        call.updated_at = at
        if call.state_of(ext) != CS.CONNECTION_STATE_NULL:
            self._attach(dev, call)
        payload: Any
        incoming = alerting == ext or msg.local_connection_info is csta.LocalConnectionState.ALERTING
        # The last alert at the device, incoming or outgoing: the reference's `userdata` alert answer for the
        # caller shows its own call ringing at the called party.
        dev.last_alert = AlertInfo(
            call_id=call.call_id,
            ucid=call.ucid,
            calling=call.calling,
            called=call.called,
            alerting=alerting,
            cli=call.cli,
            dnis=call.dnis,
            uec=call.uec,
            split=call.split,
            trunk_group=call.trunk_group,
            trunk_member=call.trunk_member,
            uui=call.uui,
            user_data=call.user_data,
            time=at,
        )
        if incoming:
            ev = self._envelope(ev_enums.EVENT_TYPE_OFFERED, dev, at, call)
            payload = ev.offered
        else:
            ev = self._envelope(ev_enums.EVENT_TYPE_ALERTING, dev, at, call)
            payload = ev.alerting
        self._call_fields(payload, call)
        payload.alerting = alerting
        self._publish(ext, ev)

    def _established(self, dev: _Device, msg: csta.EstablishedEvent, at: float, uui_hex: str, data: str) -> None:
        call = self._get_call(msg.established_connection.call_id or "")
        self._fill_call_data(call, msg, uui_hex, data)
        answering = _dev(self._link.extension_of, msg.answering_device)
        if answering:
            call.parties[answering] = CS.CONNECTION_STATE_CONNECTED
        if call.calling and call.calling not in call.parties:
            call.parties[call.calling] = CS.CONNECTION_STATE_CONNECTED
        self._touch(dev, call, msg.local_connection_info, at)
        ev = self._envelope(ev_enums.EVENT_TYPE_CONNECTED, dev, at, call)
        self._call_fields(ev.connected, call)
        ev.connected.answering = answering
        self._publish(dev.extension, ev)

    def _held(self, dev: _Device, msg: csta.HeldEvent, at: float) -> None:
        call = self._get_call(msg.held_connection.call_id or "")
        holding = _dev(self._link.extension_of, msg.holding_device)
        if holding:
            call.parties[holding] = CS.CONNECTION_STATE_HOLD
        self._touch(dev, call, msg.local_connection_info, at)
        ev = self._envelope(ev_enums.EVENT_TYPE_HELD, dev, at, call)
        ev.held.holding = holding
        self._publish(dev.extension, ev)

    def _retrieved(self, dev: _Device, msg: csta.RetrievedEvent, at: float) -> None:
        call = self._get_call(msg.retrieved_connection.call_id or "")
        retrieving = _dev(self._link.extension_of, msg.retrieving_device)
        if retrieving:
            call.parties[retrieving] = CS.CONNECTION_STATE_CONNECTED
        self._touch(dev, call, msg.local_connection_info, at)
        ev = self._envelope(ev_enums.EVENT_TYPE_RETRIEVED, dev, at, call)
        ev.retrieved.retrieving = retrieving
        self._publish(dev.extension, ev)

    def _failed(self, dev: _Device, msg: csta.FailedEvent, at: float) -> None:
        x = self._link.extension_of
        call = self._get_call(msg.failed_connection.call_id or "")
        failing = _dev(x, msg.failing_device)
        if failing:
            call.parties[failing] = CS.CONNECTION_STATE_FAIL
        called = _dev(x, msg.called_device)
        if called and not call.called:
            call.called = called
        if msg.call_linkage_data is not None and msg.call_linkage_data.ucid:
            call.ucid = msg.call_linkage_data.ucid
        self._touch(dev, call, msg.local_connection_info, at)
        ev = self._envelope(ev_enums.EVENT_TYPE_FAILED, dev, at, call)
        ev.failed.failing = failing
        ev.failed.called = called or call.called
        ev.failed.cause, ev.failed.cause_name = _cause(msg.cause)
        self._publish(dev.extension, ev)

    def _cleared(self, dev: _Device, msg: csta.ConnectionClearedEvent, at: float, uui_hex: str, data: str) -> None:
        ext = dev.extension
        call_id = msg.dropped_connection.call_id or ""
        call = self._calls.get(call_id) or TrackedCall(call_id)
        if msg.call_linkage_data is not None and msg.call_linkage_data.ucid:
            call.ucid = msg.call_linkage_data.ucid
        releasing = _dev(self._link.extension_of, msg.releasing_device)
        if not releasing and msg.dropped_connection.device_id is not None:
            releasing = self._link.extension_of(msg.dropped_connection.device_id.value)
        if releasing:
            call.parties.pop(releasing, None)
        self._own(dev, call, msg.local_connection_info)
        call.updated_at = at
        ev = self._envelope(ev_enums.EVENT_TYPE_DISCONNECTED, dev, at, call)
        payload = ev.disconnected
        payload.releasing = releasing
        payload.uui = uui_hex
        payload.user_data = data
        payload.cause, payload.cause_name = _cause(msg.cause)
        gone = releasing == ext or ext not in call.parties
        # The hang-up data is read by the party that stays as well (e.g. PIN verification: the IVR leaves).
        dev.last_hangup = HangupInfo(
            call_id=call_id, ucid=call.ucid, releasing=releasing, uui=uui_hex, user_data=data, time=at
        )
        self._publish(ext, ev)
        if gone and self._detach(ext, call_id) and not dev.calls:
            self._publish_idle(dev, at, payload.cause_name, call)

    def _call_cleared(self, dev: _Device, msg: csta.CallClearedEvent, at: float) -> None:
        call_id = msg.cleared_call.call_id or ""
        call = self._calls.get(call_id)
        removed = self._detach(dev.extension, call_id)
        if call is not None:
            call.parties.pop(dev.extension, None)
        if call_id not in self._call_devices:
            self._calls.pop(call_id, None)
        if removed and not dev.calls:
            self._publish_idle(dev, at, msg.cause.value if msg.cause else "", call)

    def _originated(self, dev: _Device, msg: csta.OriginatedEvent | csta.ServiceInitiatedEvent) -> None:
        if isinstance(msg, csta.OriginatedEvent):
            conn = msg.originated_connection
            called = _dev(self._link.extension_of, msg.called_device)
        else:
            conn = msg.initiated_connection
            called = ""
        call = self._get_call(conn.call_id or "")
        if msg.call_linkage_data is not None and msg.call_linkage_data.ucid:
            call.ucid = msg.call_linkage_data.ucid
        if called:
            call.called = call.called or called
            call.original_called = call.original_called or called
        call.calling = call.calling or dev.extension
        call.original_calling = call.original_calling or dev.extension
        state = msg.local_connection_info
        call.parties[dev.extension] = _LOCAL_STATE[state] if state else CS.CONNECTION_STATE_INITIATED
        self._attach(dev, call)

    def _diverted(self, dev: _Device, msg: csta.DivertedEvent, at: float) -> None:
        call = self._calls.get(msg.connection.call_id or "")
        if call is None:
            return
        diverting = _dev(self._link.extension_of, msg.diverting_device)
        if diverting:
            call.parties.pop(diverting, None)
            call.last_redirection = diverting
        self._own(dev, call, msg.local_connection_info)
        if dev.extension not in call.parties:
            self._detach(dev.extension, call.call_id)

    def _queued(self, dev: _Device, msg: csta.QueuedEvent) -> None:
        call = self._get_call(msg.queued_connection.call_id or "")
        queue = _dev(self._link.extension_of, msg.queue)
        if queue:
            call.parties[queue] = CS.CONNECTION_STATE_QUEUED
            call.split = call.split or queue

    def _merge(
        self,
        primary_id: str,
        secondary_id: str,
        items: tuple[csta.ConnectionListItem, ...],
        leaving: str,
    ) -> tuple[TrackedCall, list[str]]:
        """Move the parties of the secondary call into the resulting call; its parties in order."""
        x = self._link.extension_of
        result_id = primary_id
        for item in items:
            if item.new_connection is not None and item.new_connection.call_id:
                result_id = item.new_connection.call_id
                break
        result = self._get_call(result_id)
        primary = self._calls.get(primary_id)
        secondary = self._calls.get(secondary_id) if secondary_id else None
        for old in (primary, secondary):
            if old is None or old is result:
                continue
            for name in ("ucid", "calling", "called", "original_calling", "original_called", "uui", "user_data"):
                if not getattr(result, name) and getattr(old, name):
                    setattr(result, name, getattr(old, name))
            for device, state in old.parties.items():
                result.parties.setdefault(device, state)
        parties: list[str] = []
        for item in items:
            endpoint = item.endpoint
            if endpoint is not None and endpoint.device_id is not None:
                party = x(endpoint.device_id.value)
                parties.append(party)
                if party not in result.parties or result.parties[party] == CS.CONNECTION_STATE_HOLD:
                    result.parties[party] = CS.CONNECTION_STATE_CONNECTED
        if leaving:
            result.parties.pop(leaving, None)
        # Every tracked device on the old calls is now on the resulting call.
        for old_id in (primary_id, secondary_id):
            if not old_id or old_id == result.call_id:
                continue
            for holder in list(self._call_devices.get(old_id, ())):
                holder_dev = self._devices.get(holder)
                self._detach(holder, old_id)
                if holder_dev is not None and holder in result.parties:
                    self._attach(holder_dev, result)
            self._calls.pop(old_id, None)
        return result, parties

    def _transferred(self, dev: _Device, msg: csta.TransferedEvent, at: float, uui_hex: str, data: str) -> None:
        x = self._link.extension_of
        ext = dev.extension
        primary_id = msg.primary_old_call.call_id or ""
        secondary_id = (msg.secondary_old_call.call_id or "") if msg.secondary_old_call is not None else ""
        transferring = _dev(x, msg.transferring_device)
        had_calls = bool(dev.calls)
        result, parties = self._merge(primary_id, secondary_id, msg.transferred_connections, transferring)
        if uui_hex:
            result.uui, result.user_data = uui_hex, data
        priv = _private(msg, csta.TransferredEventPrivateData)
        if priv is not None and priv.trunk_list:
            first = priv.trunk_list[0]
            result.trunk_group = first.trunk_group or result.trunk_group
            result.trunk_member = first.trunk_member or result.trunk_member
        self._own(dev, result, msg.local_connection_info)
        result.updated_at = at
        if ext == transferring or ext not in result.parties:
            self._detach(ext, primary_id)
            self._detach(ext, secondary_id)
            self._detach(ext, result.call_id)
        else:
            self._attach(dev, result)
        ev = self._envelope(ev_enums.EVENT_TYPE_TRANSFERRED, dev, at, result)
        p = ev.transferred
        p.transferring = transferring
        p.transferred = _dev(x, msg.transferred_to_device)
        p.uui = result.uui
        p.user_data = result.user_data
        p.trunk_group = result.trunk_group
        p.trunk_member = result.trunk_member
        p.primary_call_id = primary_id
        p.secondary_call_id = secondary_id
        p.parties.extend(parties)
        self._publish(ext, ev)
        if had_calls and not dev.calls:
            self._publish_idle(dev, at, msg.cause.value if msg.cause else "", result)

    def _conferenced(self, dev: _Device, msg: csta.ConferencedEvent, at: float, uui_hex: str, data: str) -> None:
        x = self._link.extension_of
        primary_id = msg.primary_old_call.call_id or ""
        secondary_id = (msg.secondary_old_call.call_id or "") if msg.secondary_old_call is not None else ""
        result, parties = self._merge(primary_id, secondary_id, msg.conference_connections, "")
        if uui_hex:
            result.uui, result.user_data = uui_hex, data
        priv = _private(msg, csta.ConferencedEventPrivateData)
        if priv is not None and priv.trunk_list:
            first = priv.trunk_list[0]
            result.trunk_group = first.trunk_group or result.trunk_group
            result.trunk_member = first.trunk_member or result.trunk_member
        self._own(dev, result, msg.local_connection_info)
        result.updated_at = at
        if dev.extension in result.parties:
            self._attach(dev, result)
        ev = self._envelope(ev_enums.EVENT_TYPE_CONFERENCED, dev, at, result)
        p = ev.conferenced
        p.controller = _dev(x, msg.conferencing_device)
        p.added_party = _dev(x, msg.added_party)
        p.uui = result.uui
        p.user_data = result.user_data
        p.trunk_group = result.trunk_group
        p.trunk_member = result.trunk_member
        p.primary_call_id = primary_id
        p.secondary_call_id = secondary_id
        p.parties.extend(parties)
        self._publish(dev.extension, ev)

    # ------------------------------------------------------------------------------ agent and features

    async def _query_ready_mode(self, extension: str) -> int | None:
        """AgentReady does not say auto-in or manual-in: ask the switch (GetAgentState), briefly."""
        try:
            answer = await self._link.request(
                csta.GetAgentState(device=csta.DeviceID(value=self._link.device_id(extension))),
                timeout=_AGENT_QUERY_TIMEOUT,
            )
        except LinkError as exc:
            log.debug("GetAgentState for %s failed: %s", extension, exc)
            return None
        priv = _private(answer, csta.GetAgentStateResponsePrivateData)
        if priv is None or priv.work_mode is None:
            return None
        return _WORK_MODE.get(priv.work_mode)

    def _agent(self, dev: _Device, msg: Any, at: float, ready_mode: int | None) -> None:
        previous = dev.agent
        state = agent_pb2.AgentState()
        if previous is not None:
            state.CopyFrom(previous)
        if msg.agent_id:
            state.agent_id = msg.agent_id
        if msg.acd_group is not None:
            state.split = self._link.extension_of(msg.acd_group.value)
        priv = None
        if isinstance(msg, csta.AgentLoggedOnEvent):
            if state.work_mode in (agent_enums.WORK_MODE_UNSPECIFIED, agent_enums.WORK_MODE_NULL):
                state.work_mode = agent_enums.WORK_MODE_AUX
        elif isinstance(msg, csta.AgentLoggedOffEvent):
            state.work_mode = agent_enums.WORK_MODE_NULL
            state.pending_work_mode = agent_enums.WORK_MODE_UNSPECIFIED
            state.pending_reason_code = 0
            logged_off = _private(msg, csta.AgentLoggedOffEventPrivateData)
            state.reason_code = (logged_off.reason_code or 0) if logged_off is not None else 0
        elif isinstance(msg, csta.AgentReadyEvent):
            if ready_mode is not None:
                state.work_mode = ready_mode  # type: ignore[assignment]
            elif state.work_mode not in _READY_MODES:
                state.work_mode = agent_enums.WORK_MODE_MANUAL_IN
            priv = _private(msg, csta.AgentReadyEventPrivateData)
        elif isinstance(msg, csta.AgentNotReadyEvent):
            state.work_mode = agent_enums.WORK_MODE_AUX
            priv = _private(msg, csta.AgentNotReadyEventPrivateData)
        elif isinstance(msg, csta.AgentWorkingAfterCallEvent):
            state.work_mode = agent_enums.WORK_MODE_AFTER_CALL_WORK
            priv = _private(msg, csta.AgentWorkingAfterCallEventPrivateData)
        if priv is not None:
            state.reason_code = priv.reason_code or 0
            state.pending_work_mode = (
                _WORK_MODE.get(priv.pending_work_mode, agent_enums.WORK_MODE_UNSPECIFIED)
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

    def _forwarding(self, dev: _Device, msg: csta.ForwardingEvent, at: float) -> None:
        kind = FORWARDING_FROM_CSTA.get(msg.forwarding_type) if msg.forwarding_type is not None else None
        entry = station_pb2.ForwardingEntry(
            type=kind or 0,  # type: ignore[arg-type]
            enabled=msg.forward_status,
            destination=self._link.extension_of(msg.forward_to.value) if msg.forward_to is not None else "",
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

    def _phone(self, dev: _Device, msg: Any, at: float) -> None:
        ev = self._envelope(ev_enums.EVENT_TYPE_PHONE_CHANGED, dev, at, None)
        change = ev.phone_changed
        if isinstance(msg, csta.HookswitchEvent):
            change.hookswitch.hookswitch = msg.hookswitch
            change.hookswitch.on_hook = msg.hookswitch_on_hook
        elif isinstance(msg, csta.LampModeEvent):
            lamp = change.lamp
            lamp.lamp = msg.lamp
            lamp.mode = _LAMP_MODE.get(msg.lamp_mode, device_enums.LAMP_MODE_OTHER)
            lamp.mode_code = msg.lamp_mode
            if msg.lamp_brightness is not None:
                lamp.brightness = _LAMP_BRIGHTNESS[msg.lamp_brightness]
            if msg.lamp_color is not None:
                lamp.color = _LAMP_COLOR.get(msg.lamp_color, device_enums.LAMP_COLOR_OTHER)
                lamp.color_code = msg.lamp_color
            lamp.label = msg.lamp_label or ""
        elif isinstance(msg, csta.DisplayUpdatedEvent):
            d = change.display
            d.display_id = msg.display_id
            d.logical_rows = msg.logical_rows or 0
            d.logical_columns = msg.logical_columns or 0
            d.physical_rows = msg.physical_rows or 0
            d.physical_columns = msg.physical_columns or 0
            d.physical_base_row_number = msg.physical_base_row_number or 0
            d.physical_base_column_number = msg.physical_base_column_number or 0
            if msg.character_set is not None:
                d.character_set = _CHARSET[msg.character_set]
            d.contents = msg.contents_of_display
        elif isinstance(msg, csta.RingerStatusEvent):
            r = change.ringer
            r.ringer = msg.ringer
            if msg.ring_mode is not None:
                r.ring_mode = _RING_MODE[msg.ring_mode]
            with contextlib.suppress(TypeError, ValueError):
                r.ring_count = int(msg.ring_count or 0)
            r.ring_pattern = msg.ring_pattern or 0
            if msg.ring_volume is not None and msg.ring_volume.vol_abs is not None:
                r.ring_volume = msg.ring_volume.vol_abs
        elif isinstance(msg, csta.ButtonInformationEvent):
            b = change.button
            b.button = msg.button
            b.label = msg.button_label or ""
            if msg.button_associated_number is not None:
                b.associated_number = msg.button_associated_number.value
            b.press_indicator = bool(msg.button_press_indicator)
        elif isinstance(msg, csta.ButtonPressEvent):
            change.button_pressed = msg.button
        elif isinstance(msg, csta.RegisteredEvent):
            change.registration_state = device_enums.REGISTRATION_STATE_REGISTERED
        elif isinstance(msg, csta.TerminalUnregisteredEvent | csta.RegisterFailedEvent):
            change.registration_state = device_enums.REGISTRATION_STATE_IDLE
        else:
            return  # an event without a contract (DigitsGenerated, private events): state only
        self._publish(dev.extension, ev)

    # ------------------------------------------------------------------------------ link and resync

    def _handle_link_change(self, item: _LinkChange) -> None:
        change = item.change
        state = _LINK_STATE[change.state]
        previous = self._link_state
        if state == previous:
            return
        self._link_state = state
        endpoint = change.endpoint
        ev = events_pb2.Event(event_type=ev_enums.EVENT_TYPE_LINK_STATE_CHANGED)
        seconds = int(item.at)
        ev.time.seconds = seconds
        ev.time.nanos = int((item.at - seconds) * 1e9)
        p = ev.link_state_changed
        if endpoint is not None:
            p.link = endpoint.label
            p.endpoint = f"{endpoint.host}:{endpoint.port}"
        p.state = state
        p.previous_state = previous
        if state != common_enums.LINK_STATE_UP:
            p.reason = change.reason
        self._publish(LINK_DEVICE, ev)

    def _resynced(
        self,
        item: _Resync,
        snapshot: tuple[dict[str, int], dict[str, csta.SnapshotCallResponse], _Features],
    ) -> None:
        try:
            self._apply_snapshot(item.extension, *snapshot, item.publish_idle)
        finally:
            self._finish(item)

    async def _fetch_snapshot(
        self, extension: str
    ) -> tuple[dict[str, int], dict[str, csta.SnapshotCallResponse], _Features] | None:
        """The extension's calls with its own state on each, the parties of calls not known yet, and its
        agent and feature state (so a snapshot after a start or a failover shows them before any event)."""
        if extension not in self._link.monitored:
            return None
        device_id = csta.DeviceID(value=self._link.device_id(extension))
        snapshot, features = await asyncio.gather(
            self.core.invoke(
                csta.SnapshotDevice(snapshot_object=device_id), expect=csta.SnapshotDeviceResponse, extension=extension
            ),
            self._fetch_features(device_id),
            return_exceptions=True,
        )
        if isinstance(snapshot, BaseException):
            if not isinstance(snapshot, CallwireError):
                raise snapshot
            log.warning("cannot resynchronise %s: %s", extension, snapshot.message)
            return None
        if isinstance(features, BaseException):  # _fetch_features lets only a bug through
            raise features
        own = _own_states(snapshot)
        details: dict[str, csta.SnapshotCallResponse] = {}
        for cid in own:
            if cid in self._calls and self._calls[cid].parties:
                continue
            try:
                reply = await self.core.invoke(
                    csta.SnapshotCall(snapshot_object=csta.ConnectionID(call_id=cid)), call_id=cid
                )
            except CallwireError:
                continue
            if isinstance(reply, csta.SnapshotCallResponse):
                details[cid] = reply
        return own, details, features

    async def _fetch_features(self, device_id: csta.DeviceID) -> _Features:
        """GetAgentState, GetDoNotDisturb, GetForwarding, GetMessageWaitingIndicator, pipelined. A query the
        switch refuses (no agent at a station, a device without the feature) leaves that part unknown."""
        answers = await asyncio.gather(
            self._link.request(csta.GetAgentState(device=device_id)),
            self._link.request(csta.GetDoNotDisturb(device=device_id)),
            self._link.request(csta.GetForwarding(device=device_id)),
            self._link.request(csta.GetMessageWaitingIndicator(device=device_id)),
            return_exceptions=True,
        )
        for answer in answers:
            if isinstance(answer, BaseException) and not isinstance(answer, LinkError):
                raise answer
        agent, dnd, forwarding, mwi = answers
        features = _Features()
        if isinstance(agent, csta.GetAgentStateResponse):
            features.agent = self._agent_from_query(agent)
            features.agent_known = True
        if isinstance(dnd, csta.GetDoNotDisturbResponse):
            features.dnd = dnd.do_not_disturb_on
        if isinstance(forwarding, csta.GetForwardingResponse):
            entries = forwarding_entries(forwarding, self._link.extension_of)
            features.forwarding = {e.type: e for e in entries if e.enabled}
        if isinstance(mwi, csta.GetMessageWaitingIndicatorResponse):
            features.mwi = mwi.message_waiting_on
        return features

    def _agent_from_query(self, answer: csta.GetAgentStateResponse) -> agent_pb2.AgentState | None:
        entry = next((e for e in answer.agent_state_list if e.logged_on_state), None)
        if entry is None:
            return None
        state = agent_pb2.AgentState(agent_id=entry.agent_id or "")
        for info in entry.agent_info:
            if info.acd_group is not None:
                state.split = self._link.extension_of(info.acd_group.value)
                break
        priv = _private(answer, csta.GetAgentStateResponsePrivateData)
        mode = _WORK_MODE.get(priv.work_mode) if priv is not None and priv.work_mode is not None else None
        state.work_mode = mode if mode is not None else agent_enums.WORK_MODE_AUX
        if priv is not None:
            state.reason_code = priv.reason_code or 0
            state.pending_reason_code = priv.pending_reason_code or 0
            if priv.talk_state is not None:
                state.talk_state = (
                    agent_enums.TALK_STATE_ON_CALL
                    if priv.talk_state == csta.TalkState.ON_CALL
                    else agent_enums.TALK_STATE_IDLE
                )
        return state

    def _apply_snapshot(
        self,
        extension: str,
        own: dict[str, int],
        details: dict[str, csta.SnapshotCallResponse],
        features: _Features,
        publish_idle: bool,
    ) -> None:
        """Replace the extension's calls and feature state with the snapshot's (no await: applied atomically)."""
        dev = self._device(extension)
        if features.agent_known:
            dev.agent = features.agent
        if features.dnd is not None:
            dev.dnd = features.dnd
        if features.forwarding is not None:
            dev.forwarding = features.forwarding
        if features.mwi is not None:
            dev.mwi = features.mwi
        x = self._link.extension_of
        had_calls = bool(dev.calls)
        for cid in list(dev.calls):
            if cid not in own:
                call = self._calls.get(cid)
                if call is not None:
                    call.parties.pop(extension, None)
                self._detach(extension, cid)
        for cid, state in own.items():
            call = self._get_call(cid)
            detail = details.get(cid)
            if detail is not None:
                call.calling = call.calling or _dev(x, detail.calling_device)
                call.called = call.called or _dev(x, detail.called_device)
                call.original_calling = call.original_calling or call.calling
                call.original_called = call.original_called or call.called
                if detail.call_linkage_data is not None and detail.call_linkage_data.ucid:
                    call.ucid = detail.call_linkage_data.ucid
                for party in detail.cross_ref_id_or_snapshot_data.snapshot_data or ():
                    name = _dev(x, party.device_on_call)
                    if name and party.local_connection_info is not None:
                        call.parties[name] = _LOCAL_STATE[party.local_connection_info]
            if state == CS.CONNECTION_STATE_NULL:
                continue
            call.parties[extension] = state
            self._attach(dev, call)
        if publish_idle and had_calls and not dev.calls:
            self._publish_idle(dev, time.time(), "", None)
