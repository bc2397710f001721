"""Resynchronisation: an extension's calls, agent and feature state read from the switch (SnapshotDevice, then
SnapshotCall per call the tracker does not know; GetAgentState, GetDoNotDisturb, GetForwarding and
GetMessageWaitingIndicator, pipelined) and put in place of what the tracker had.

Run when an extension starts being monitored and, for every monitored extension, after the link comes back up.
`fetch` runs aside (the inbox keeps the extension's later events behind it); `apply` replaces the state in one
step without yielding, in order with the extension's events.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable
from dataclasses import dataclass
from typing import Protocol, TypeVar, overload

from callwire.agent.v1 import enums_pb2 as agent_enums
from callwire.agent.v1 import message_pb2 as agent_pb2
from callwire.common.v1 import enums_pb2 as common_enums
from callwire.station.v1 import message_pb2 as station_pb2
from callwire_csta import codec as csta
from callwire_csta.link import CstaLink, LinkError

from ..errors import CallwireError
from ..mapping import CONNECTION_STATE, agent_state, device_of, forwarding_entries, own_states
from .publishing import Publisher
from .state import TrackerState

log = logging.getLogger("callwire.tracker")

CS = common_enums.ConnectionState


#: The response type a caller of `Invoke` expects.
R = TypeVar("R", bound=csta.Message)


class Invoke(Protocol):
    """`Core.invoke`: a CSTA request sent on behalf of an extension or a call, failures as CallwireError; with
    `expect`, a response of that type (or CallwireError)."""

    @overload
    def __call__(
        self, request: csta.Message, *, expect: type[R], extension: str = "", call_id: str = ""
    ) -> Awaitable[R]: ...
    @overload
    def __call__(
        self, request: csta.Message, *, expect: None = None, extension: str = "", call_id: str = ""
    ) -> Awaitable[csta.Message]: ...


@dataclass(slots=True)
class Features:
    """What the feature queries of a resynchronisation found (None / not known: leave the state as it is)."""

    agent: agent_pb2.AgentState | None = None
    agent_known: bool = False
    dnd: bool | None = None
    forwarding: dict[int, station_pb2.ForwardingEntry] | None = None
    mwi: bool | None = None


#: What `fetch` found: the extension's own state per call, the SnapshotCall answers of the calls the tracker did
#: not know, and its agent and feature state.
Snapshot = tuple[dict[str, int], dict[str, csta.SnapshotCallResponse], Features]


def _seen(future: asyncio.Future[csta.Message]) -> None:
    if not future.cancelled():
        future.exception()


class Resynchronizer:
    """Fetches and applies an extension's snapshot."""

    def __init__(self, state: TrackerState, publisher: Publisher, link: CstaLink, invoke: Invoke) -> None:
        self._state = state
        self._publish_idle = publisher.publish_idle
        self._link = link
        self._invoke = invoke

    async def fetch(self, extension: str) -> Snapshot | None:
        """The extension's calls with its own state on each, the parties of calls not known yet, and its
        agent and feature state (so a snapshot after a start or a failover shows them before any event)."""
        if not self._link.is_monitored(extension):
            return None
        device_id = csta.DeviceID(value=self._link.device_id(extension))
        # The four feature queries go out with the snapshot, as futures: no task per query or per part (a
        # start with 20,000 stations made 120,000 of them).
        queries = [
            self._link.submit(csta.GetAgentState(device=device_id)),
            self._link.submit(csta.GetDoNotDisturb(device=device_id)),
            self._link.submit(csta.GetForwarding(device=device_id)),
            self._link.submit(csta.GetMessageWaitingIndicator(device=device_id)),
        ]
        try:
            snapshot = await self._invoke(
                csta.SnapshotDevice(snapshot_object=device_id), expect=csta.SnapshotDeviceResponse, extension=extension
            )
        except BaseException as exc:
            for query in queries:  # their answers are not needed any more; a failure must not go unseen
                query.add_done_callback(_seen)
            if not isinstance(exc, CallwireError):
                raise
            log.warning("cannot resynchronise %s: %s", extension, exc.message)
            return None
        features = await self._features(queries)
        own = own_states(snapshot)
        details: dict[str, csta.SnapshotCallResponse] = {}
        for cid in own:
            if cid in self._state.calls and self._state.calls[cid].parties:
                continue
            try:
                reply = await self._invoke(
                    csta.SnapshotCall(snapshot_object=csta.ConnectionID(call_id=cid)), call_id=cid
                )
            except CallwireError:
                continue
            if isinstance(reply, csta.SnapshotCallResponse):
                details[cid] = reply
        return own, details, features

    async def _features(self, queries: list[asyncio.Future[csta.Message]]) -> Features:
        """The answers to GetAgentState, GetDoNotDisturb, GetForwarding, GetMessageWaitingIndicator. A query the
        switch refuses (no agent at a station, a device without the feature) leaves that part unknown."""
        answers = await asyncio.gather(*queries, return_exceptions=True)
        for answer in answers:
            if isinstance(answer, BaseException) and not isinstance(answer, LinkError):
                raise answer
        agent, dnd, forwarding, mwi = answers
        features = Features()
        if isinstance(agent, csta.GetAgentStateResponse):
            state = agent_state(agent, self._link.extension_of)
            features.agent = None if state.work_mode == agent_enums.WORK_MODE_NULL else state
            features.agent_known = True
        if isinstance(dnd, csta.GetDoNotDisturbResponse):
            features.dnd = dnd.do_not_disturb_on
        if isinstance(forwarding, csta.GetForwardingResponse):
            entries = forwarding_entries(forwarding, self._link.extension_of)
            features.forwarding = {e.type: e for e in entries if e.enabled}
        if isinstance(mwi, csta.GetMessageWaitingIndicatorResponse):
            features.mwi = mwi.message_waiting_on
        return features

    def apply(
        self,
        extension: str,
        own: dict[str, int],
        details: dict[str, csta.SnapshotCallResponse],
        features: Features,
        publish_idle: bool,
    ) -> None:
        """Replace the extension's calls and feature state with the snapshot's (no await: applied atomically)."""
        dev = self._state.device(extension)
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
                call = self._state.calls.get(cid)
                if call is not None:
                    call.parties.pop(extension, None)
                self._state.detach(extension, cid)
        for cid, state in own.items():
            call = self._state.get_call(cid)
            detail = details.get(cid)
            if detail is not None:
                call.calling = call.calling or device_of(x, detail.calling_device)
                call.called = call.called or device_of(x, detail.called_device)
                call.original_calling = call.original_calling or call.calling
                call.original_called = call.original_called or call.called
                if detail.call_linkage_data is not None and detail.call_linkage_data.ucid:
                    call.ucid = detail.call_linkage_data.ucid
                for party in detail.cross_ref_id_or_snapshot_data.snapshot_data or ():
                    name = device_of(x, party.device_on_call)
                    if name and party.local_connection_info is not None:
                        call.parties[name] = CONNECTION_STATE[party.local_connection_info]
            if state == CS.CONNECTION_STATE_NULL:
                continue
            call.parties[extension] = state
            self._state.attach(dev, call)
        if publish_idle and had_calls and not dev.calls:
            self._publish_idle(dev, time.time(), "", None)
