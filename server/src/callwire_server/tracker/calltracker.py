"""`CallTracker`: the façade of the tracker package. It listens to the link, feeds the inbox, decides for each
event whether it can be applied at once or must wait aside, dispatches it to its translator, and answers the
server's questions about devices and calls (see the package docstring for the rules it keeps).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Iterable
from functools import partial
from typing import Protocol

from callwire.agent.v1 import message_pb2 as agent_pb2
from callwire.common.v1 import enums_pb2 as common_enums
from callwire.events.v1 import enums_pb2 as ev_enums
from callwire.events.v1 import message_pb2 as events_pb2
from callwire_csta import codec as csta
from callwire_csta.link import CstaLink, LinkEvent, LinkState, LinkStateChange

from ..hub import EventHub, SubscriptionClosed, SubscriptionOverflow
from ..mapping import LINK_STATE, own_states
from .calls import CallEvents
from .enrichment import Enricher, Enrichment, UserDataSource, uui_hex, uui_text
from .features import FeatureEvents
from .inbox import Barrier, Inbox, LinkChange, Ready, Resync, Waiting, call_ids, finish_done
from .publishing import LINK_DEVICE, Publisher
from .resync import Invoke, Resynchronizer, Snapshot
from .state import (
    ACTIVE_STATES,
    ALERTING_STATES,
    HELD_STATES,
    AlertInfo,
    CallChoice,
    HangupInfo,
    TrackedCall,
    TrackerState,
)

log = logging.getLogger("callwire.tracker")

CS = common_enums.ConnectionState

#: Resynchronisations fetched at once (the link pipelines them; 20,000 stations after a failover would
#: otherwise wait for one round trip after another, or flood the switch).
_RESYNC_CONCURRENCY = 256


class Host(Protocol):
    """What the tracker uses of the server's core (`core.Core`), named here so the tracker does not import it."""

    @property
    def link(self) -> CstaLink: ...
    @property
    def hub(self) -> EventHub[events_pb2.Event]: ...
    @property
    def store(self) -> UserDataSource: ...
    @property
    def invoke(self) -> Invoke: ...
    def request_id_for(self, extension: str) -> str: ...


class CallTracker:
    """Device and call state from the CSTA events of monitored extensions, published as `Event`s."""

    def __init__(self, core: Host) -> None:
        self.core = core
        link = core.link
        self._link = link
        self._hub = core.hub
        self._invoke = core.invoke
        state = self._state = TrackerState()
        publisher = self._publisher = Publisher(
            core.hub, core.request_id_for, LINK_STATE.get(link.state, common_enums.LINK_STATE_DOWN)
        )
        self._enricher = Enricher(link, core.store)
        self._inbox = inbox = Inbox(
            take=self._take,
            take_resync=self._take_resync,
            link_change=publisher.link_change,
            before_stop=self._before_stop,
        )
        self._resyncer = Resynchronizer(state, publisher, link, core.invoke)
        self._resync_gate = asyncio.Semaphore(_RESYNC_CONCURRENCY)
        self._was_down = False
        #: Counter for metrics and tests (published events: `events_out`).
        self.events_in = 0
        # The hot path's collaborators, bound once: applying an event costs no lookup through them.
        self._devices = state.devices
        self._device = state.device
        self._waiting = inbox.waiting
        self._backlog = inbox.backlog
        self._put = inbox.put
        self._unlog = inbox.unlog
        self._at_hand = self._enricher.at_hand
        self._envelope = publisher.envelope
        self._publish = publisher.publish
        calls = CallEvents(state, publisher, link.extension_of)
        self._delivered = calls.delivered
        self._established = calls.established
        self._cleared = calls.cleared
        self._call_cleared = calls.call_cleared
        self._held = calls.held
        self._retrieved = calls.retrieved
        self._failed = calls.failed
        self._transferred = calls.transferred
        self._conferenced = calls.conferenced
        self._originated = calls.originated
        self._diverted = calls.diverted
        self._queued = calls.queued
        features = FeatureEvents(publisher, link.extension_of)
        self._agent = features.agent
        self._forwarding = features.forwarding
        self._phone = features.phone
        link.add_event_listener(self._on_link_event)
        link.add_state_listener(self._on_link_state)

    @property
    def events_out(self) -> int:
        """Events published (for metrics and tests)."""
        return self._publisher.events_out

    # ------------------------------------------------------------------------------ public queries

    def calls_at(self, extension: str) -> list[TrackedCall]:
        """The calls `extension` is on, most recently changed first."""
        return self._state.calls_at(extension)

    def active_call(self, extension: str) -> TrackedCall | None:
        """The most recent call on which `extension` is connected (or dialling), else None."""
        return self._state.first(extension, ACTIVE_STATES)

    def held_call(self, extension: str) -> TrackedCall | None:
        """The most recent call `extension` holds, else None."""
        return self._state.first(extension, HELD_STATES)

    def alerting_call(self, extension: str) -> TrackedCall | None:
        """The most recent call ringing at `extension`, else None."""
        return self._state.first(extension, ALERTING_STATES)

    def choices(self, extension: str) -> list[CallChoice]:
        """The calls a request for `extension` that names no call may act on, most recent first.

        Unlike `calls_at` (the published state), this includes what the switch's responses said before its
        events did: a call the extension just started comes first, and a call it was just released from is left
        out (see `note_originated`, `note_released`). Call `settle` first.
        """
        return self._state.choices(extension)

    async def current_choices(self, extension: str) -> list[CallChoice]:
        """The calls `extension` is on now, for a request that names no call, most recent first.

        `choices` once the tracker has applied every event of the extension received so far (`settle`). When
        some still wait for a slow lookup, the tracker cannot say, so the switch is asked (SnapshotDevice): its
        calls, in the tracker's order where it knows them, calls it does not know yet first. Raises
        CallwireError when the switch cannot be asked.
        """
        if await self.settle(extension):
            return self.choices(extension)
        answer = await self._invoke(
            csta.SnapshotDevice(snapshot_object=csta.DeviceID(value=self._link.device_id(extension))),
            expect=csta.SnapshotDeviceResponse,
            extension=extension,
        )
        now = {cid: state for cid, state in own_states(answer).items() if state != CS.CONNECTION_STATE_NULL}
        return self._state.merge_choices(extension, now)

    def note_originated(self, extension: str, call_id: str, ucid: str = "") -> None:
        """The switch answered a request of `extension` with a new call (MakeCall, ConsultationCall): a request
        that names no call chooses it before the switch's events about it arrive."""
        self._state.note_originated(extension, call_id, ucid)

    def note_released(self, extension: str, call_id: str) -> None:
        """The switch confirmed that `extension` left `call_id` (ClearConnection, ClearCall, a transfer): no
        request chooses it again, even while the switch's events about it are still on their way."""
        self._state.note_released(extension, call_id)

    async def settle(self, extension: str) -> bool:
        """Let the tracker take every event received so far; True when all of `extension`'s are applied, False
        when some still wait (for a slow store lookup or agent query): then only the switch knows its calls."""
        if not self._backlog.get(extension):
            return True
        inbox = self._inbox
        if inbox.consumer is None or inbox.stopped:
            return False
        reached: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._put(Barrier(reached))
        await reached
        return not self._backlog.get(extension)

    def call(self, call_id: str) -> TrackedCall | None:
        """The tracked call with this switch call ID, else None."""
        return self._state.calls.get(call_id)

    def devices_on_call(self, call_id: str) -> frozenset[str]:
        """Every device the server knows to be on the call (its parties and the tracked extensions that have it);
        empty for a call it does not track. The extension scope of API keys is decided with it."""
        return self._state.devices_on_call(call_id)

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
        subscription's start sequence (see the package docstring).
        """
        monitored = self._link.monitored
        up = self._link.state is LinkState.UP
        names = sorted(monitored) if devices is None else list(devices)
        snap = events_pb2.Snapshot(sequence=self._hub.last_sequence)
        snap.time.FromNanoseconds(time.time_ns())
        calls_at = self._state.calls_at
        for ext in names:
            if ext == LINK_DEVICE:
                continue
            dev = self._devices.get(ext)
            ds = snap.devices.add(device=ext, monitored=up and ext in monitored)
            if dev is None:
                continue
            for call in calls_at(ext):
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
        sub = self._hub.subscribe([extension], resume_after=after_sequence)
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
        self._queue_resync(Resync(extension, done))
        await done

    def forget(self, extension: str) -> None:
        """Drop `extension`'s state (it is no longer monitored); its reference ID is released."""
        self._state.forget(extension)

    async def stopped(self) -> None:
        """Wait until the consumer has finished (the link has stopped): nothing uses the store after this."""
        inbox = self._inbox
        consumer = inbox.consumer
        if consumer is not None and not inbox.stopped:
            self._put(None)
        if consumer is not None:
            await consumer

    # ------------------------------------------------------------------------------ link listeners

    def _on_link_event(self, event: LinkEvent) -> None:
        if event.extension is None:
            return
        self.events_in += 1
        self._backlog[event.extension] += 1
        self._put(event)

    def _on_link_state(self, change: LinkStateChange) -> None:
        self._put(LinkChange(change, time.time()))
        if change.state is LinkState.DOWN:
            self._was_down = True
        elif change.state is LinkState.UP and self._was_down:
            self._was_down = False
            for ext in sorted(self._link.monitored):
                self._queue_resync(Resync(ext, None, publish_idle=True))
        elif change.state is LinkState.STOPPED:
            self._put(None)

    def _queue_resync(self, item: Resync) -> None:
        if self._inbox.stopped:
            finish_done(item)
            return
        self._inbox.put_counted(item.extension, item)

    async def _before_stop(self) -> None:
        """Stop waiting for enrichments; store lookups in flight finish (one cut short would leak its
        connection) before the store closes."""
        await self._inbox.stop_tasks(*self._enricher.lookups.values())

    # ------------------------------------------------------------------------------ taking items

    def _take(self, item: LinkEvent) -> None:
        """Apply `item` now when nothing it needs is missing and no earlier item of its device or calls waits;
        else set it aside (fetching what it needs in the background)."""
        enrichment = self._at_hand(item)
        if enrichment is not None and not self._waiting:  # the usual case: nothing waits
            self._apply(item, enrichment)
            return
        keys = frozenset([f"d:{item.extension}", *(f"c:{cid}" for cid in call_ids(item.message))])
        inbox = self._inbox
        if enrichment is not None and not inbox.held_back(keys):
            self._apply(item, enrichment)
            return
        assert item.extension is not None
        waiting = Waiting(keys, item.extension, None if enrichment is None else partial(self._apply, item, enrichment))
        inbox.set_aside(waiting)
        if enrichment is None:
            inbox.background(self._enrich(item, waiting))

    async def _enrich(self, item: LinkEvent, waiting: Waiting) -> None:
        """Fetch what `item` needs off the ordered path, then let the consumer apply it in its turn."""
        enrichment = await self._enricher.fetch(item)
        waiting.run = partial(self._apply, item, enrichment)
        self._put(Ready(waiting))

    def _take_resync(self, item: Resync) -> None:
        """Fetch the extension's snapshot off the ordered path; it is applied after the extension's events
        received before it, and before those received after it (as if it had been applied on arrival)."""
        dev = self._devices.get(item.extension)
        keys = frozenset([f"d:{item.extension}", *(f"c:{cid}" for cid in (dev.calls if dev is not None else ()))])
        waiting = Waiting(keys, item.extension, None, resync=item)
        self._inbox.set_aside(waiting)
        self._inbox.background(self._fetch_resync(item, waiting))

    async def _fetch_resync(self, item: Resync, waiting: Waiting) -> None:
        snapshot = None
        try:
            async with self._resync_gate:
                snapshot = await self._resyncer.fetch(item.extension)
        except Exception:
            log.exception("cannot resynchronise %s", item.extension)
        if snapshot is None:
            waiting.run = partial(self._inbox.finish, item)
        else:
            waiting.run = partial(self._resynced, item, snapshot)
        self._put(Ready(waiting))

    def _resynced(self, item: Resync, snapshot: Snapshot) -> None:
        try:
            self._resyncer.apply(item.extension, *snapshot, item.publish_idle)
        finally:
            self._inbox.finish(item)

    # ------------------------------------------------------------------------------ applying an event

    def _apply(self, item: LinkEvent, enrichment: Enrichment) -> None:
        """Mutate the state and publish, without yielding (see the package docstring)."""
        ext = item.extension
        assert ext is not None
        self._unlog(ext)
        msg = item.message
        data = enrichment.data
        ready_mode = enrichment.ready_mode
        hangup_text = ""
        uui = uui_hex(getattr(msg, "user_data", None))
        if uui and not data and isinstance(msg, csta.ConnectionClearedEvent):
            hangup_text = uui_text(uui)
        if not self._link.is_monitored(ext) and ext not in self._devices:
            return
        dev = self._device(ext)
        at = item.received_at
        if isinstance(msg, csta.DeliveredEvent):
            self._delivered(dev, msg, at, uui, data)
        elif isinstance(msg, csta.EstablishedEvent):
            self._established(dev, msg, at, uui, data)
        elif isinstance(msg, csta.ConnectionClearedEvent):
            self._cleared(dev, msg, at, uui, data or hangup_text)
        elif isinstance(msg, csta.CallClearedEvent):
            self._call_cleared(dev, msg, at)
        elif isinstance(msg, csta.HeldEvent):
            self._held(dev, msg, at)
        elif isinstance(msg, csta.RetrievedEvent):
            self._retrieved(dev, msg, at)
        elif isinstance(msg, csta.FailedEvent):
            self._failed(dev, msg, at)
        elif isinstance(msg, csta.TransferedEvent):
            self._transferred(dev, msg, at, uui, data)
        elif isinstance(msg, csta.ConferencedEvent):
            self._conferenced(dev, msg, at, uui, data)
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
