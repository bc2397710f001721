"""The call tracker: device and call state from CSTA events, and their translation into `Event`s.

`CallTracker(core)` listens to the link. Every CSTA event of a monitored extension is

1. appended to one in-memory FIFO drained by one consumer task that never waits on a slow dependency: an
   event that needs a lookup (the user data a UUI key points to, the ready mode of an AgentReady), like a
   resynchronisation's snapshot, has it fetched in a background task and waits aside, together with the later
   events of the same device or call; events of other devices and calls go on at once. Events of one device
   or one call are therefore applied and published in the order the switch sent them, and one slow store or
   query delays only the devices and calls it concerns (`inbox.py`, `enrichment.py`);
2. applied to the state: per extension its calls with its own connection state, agent state, send-all-calls,
   forwarding, MWI and a stable `reference_id`; per call its IDs, parties and the call data of the legacy
   offer/connect events; per extension the last alert and the last hang-up (GetAlertUserData,
   GetHangupUserData) (`state.py`);
3. translated into the `callwire.events.v1.Event` envelope and published into the hub under the extension
   (`calls.py`, `features.py`, `publishing.py`; values through `callwire_server.mapping`).

Consistency rule: an event is applied and published in one step without yielding, once what it needs is at
hand. A snapshot taken synchronously right after `hub.subscribe()` is therefore exactly the state after the
subscription's start sequence.

Call requests learn from the switch's responses before its events arrive (AES answers first):
`note_originated` / `note_released` record that knowledge per extension, and `current_choices` gives a request
that names no call the calls the switch has now: after `settle` (the tracker takes what it has received), or
from the switch itself (SnapshotDevice) while the extension's events still wait for a lookup.

Link state changes are published under the reserved device key `LINK_DEVICE` ("") so that the events
service can subscribe every stream to them. After a link comes back UP following a DOWN, every monitored
extension is resynchronised (SnapshotDevice, SnapshotCall), in order with its events (`resync.py`).

Hot path: an event costs a deque append, a dict lookup or two and one protobuf build per monitored
extension; no task per event, no scan over all devices. `CallTracker` binds its collaborators' methods once,
so splitting the work into modules adds no lookup per event.

Layering: the tracker imports the codec, the link, the hub and `mapping`, never `core` or a service; what it
needs of the core is the `Host` protocol.
"""

from __future__ import annotations

from .calltracker import CallTracker, Host
from .publishing import LINK_DEVICE
from .state import AlertInfo, CallChoice, HangupInfo, TrackedCall

__all__ = ["LINK_DEVICE", "AlertInfo", "CallChoice", "CallTracker", "HangupInfo", "Host", "TrackedCall"]
