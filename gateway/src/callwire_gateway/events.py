"""Legacy events from the Event envelope, and the fan-out of one upstream stream to every client.

`legacy_event(event)` builds the reference's JSON object (its keys in the reference's order, `referenceid`,
`time` in epoch seconds and `callid` as numbers) per `proto/mapping.yaml`. `EventFeed` holds the gateway's
single `EventService.StreamEvents(all_devices=True)` stream (resumed by resume token after a break) and hands
each event, encoded once, to the clients that monitor its device.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Callable
from typing import Any, Protocol

import grpc

from callwire.events.v1 import enums_pb2 as events_enums
from callwire.events.v1 import request_response_pb2 as events_rr

from .upstream import Upstream

log = logging.getLogger("callwire.gateway.events")


def _callid(call_id: str) -> int | str:
    return int(call_id) if call_id.isdigit() and len(call_id) < 16 else call_id


def _parties(parties: Any) -> dict[str, str]:
    names = list(parties)[:6]
    names += [""] * (6 - len(names))
    return {f"party{i + 1}": names[i] for i in range(6)}


def _head(event: Any, kind: str) -> dict[str, Any]:
    return {"msgtype": "event", "eventtype": kind, "referenceid": event.reference_id}


def _time(event: Any) -> int:
    return int(event.time.seconds)


def _offer(e: Any) -> dict[str, Any]:
    a = e.offered
    return {
        **_head(e, "offer"),
        "origcalling": a.original_calling,
        "origcalled": a.original_called,
        "calling": a.calling,
        "called": a.called,
        "alerting": a.alerting,
        "ucid": e.call.ucid,
        "uui": a.uui,
        "uec": a.uec,
        "split": a.split,
        "custdata": a.user_data,
        "time": _time(e),
        "trunkgroup": a.trunk_group,
        "trunkmember": a.trunk_member,
        "lastredirection": a.last_redirection,
        "callid": _callid(e.call.call_id),
    }


def _alert(e: Any) -> dict[str, Any]:
    a = e.alerting
    return {
        **_head(e, "alert"),
        "origcalling": a.original_calling,
        "origcalled": a.original_called,
        "calling": a.calling,
        "called": a.called,
        "alerting": a.alerting,
        "ucid": e.call.ucid,
        "uui": a.uui,
        "custdata": a.user_data,
        "time": _time(e),
        "trunkgroup": a.trunk_group,
        "trunkmember": a.trunk_member,
        "callid": _callid(e.call.call_id),
    }


def _connect(e: Any) -> dict[str, Any]:
    a = e.connected
    return {
        **_head(e, "connect"),
        "origcalling": a.original_calling,
        "origcalled": a.original_called,
        "calling": a.calling,
        "called": a.called,
        "answering": a.answering,
        "ucid": e.call.ucid,
        "uui": a.uui,
        "uec": a.uec,
        "split": a.split,
        "custdata": a.user_data,
        "time": _time(e),
        "trunkgroup": a.trunk_group,
        "trunkmember": a.trunk_member,
        "lastredirection": a.last_redirection,
        "callid": _callid(e.call.call_id),
    }


def _fail(e: Any) -> dict[str, Any]:
    a = e.failed
    return {
        **_head(e, "fail"),
        "failing": a.failing,
        "called": a.called,
        "cause": a.cause,
        "time": _time(e),
        "callid": _callid(e.call.call_id),
    }


def _hold(e: Any) -> dict[str, Any]:
    return {**_head(e, "hold"), "holding": e.held.holding, "time": _time(e), "callid": _callid(e.call.call_id)}


def _retrieve(e: Any) -> dict[str, Any]:
    return {
        **_head(e, "retrieve"),
        "retrieving": e.retrieved.retrieving,
        "time": _time(e),
        "callid": _callid(e.call.call_id),
    }


def _disconnect(e: Any) -> dict[str, Any]:
    a = e.disconnected
    return {
        **_head(e, "disconnect"),
        "releasing": a.releasing,
        "uui": a.uui,
        "custdata": a.user_data,
        "time": _time(e),
        "callid": _callid(e.call.call_id),
    }


def _transfer(e: Any) -> dict[str, Any]:
    a = e.transferred
    return {
        **_head(e, "transfer"),
        "transferring": a.transferring,
        "transferred": a.transferred,
        "ucid": e.call.ucid,
        "uui": a.uui,
        "cusdata": a.user_data,
        "time": _time(e),
        "trunkgroup": a.trunk_group,
        "trunkmember": a.trunk_member,
        "primarycallid": _callid(a.primary_call_id),
        "secondarycallid": _callid(a.secondary_call_id),
        **_parties(a.parties),
    }


def _conference(e: Any) -> dict[str, Any]:
    a = e.conferenced
    return {
        **_head(e, "conference"),
        "controller": a.controller,
        "addedparty": a.added_party,
        "ucid": e.call.ucid,
        "uui": a.uui,
        "cusdata": a.user_data,
        "time": _time(e),
        "trunkgroup": a.trunk_group,
        "trunkmember": a.trunk_member,
        "primarycallid": _callid(a.primary_call_id),
        "secondarycallid": _callid(a.secondary_call_id),
        **_parties(a.parties),
    }


def _idle(e: Any) -> dict[str, Any]:
    return {**_head(e, "idle"), "time": _time(e), "extension": e.device}


#: The Event `attributes` field of each legacy event (proto/mapping.yaml `events`).
BUILDERS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "offered": _offer,
    "alerting": _alert,
    "connected": _connect,
    "failed": _fail,
    "held": _hold,
    "retrieved": _retrieve,
    "disconnected": _disconnect,
    "transferred": _transfer,
    "conferenced": _conference,
    "idle": _idle,
}


def legacy_event(event: Any) -> dict[str, Any] | None:
    """The reference's JSON object for `event`, or None for payloads the legacy API does not send."""
    builder = BUILDERS.get(event.WhichOneof("attributes") or "")
    return builder(event) if builder else None


class Subscriber(Protocol):
    def deliver(self, text: str) -> None: ...


class EventFeed:
    """One upstream event stream per gateway, fanned out by `Event.device` to subscribed clients."""

    def __init__(self, upstream: Upstream, *, retry_delay: float = 0.5, max_retry_delay: float = 5.0) -> None:
        self.upstream = upstream
        self.subscribers: dict[str, set[Subscriber]] = {}
        self.retry_delay = retry_delay
        self.max_retry_delay = max_retry_delay
        #: Where the upstream stream resumes: the token of the last event or snapshot received (it carries the
        #: server's epoch, so after a server restart the server answers with a gap instead of other events).
        self.resume_token = ""
        #: Resumes the server answered with a gap (events lost to legacy clients), and the last one's reason.
        self.resume_gaps = 0
        self.last_gap_reason = 0
        self.connected = asyncio.Event()
        self.events_received = 0
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._run(), name="callwire-gateway-events")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    def subscribe(self, device: str, client: Subscriber) -> bool:
        """Add `client` to `device`'s subscribers; False if it already was one."""
        clients = self.subscribers.setdefault(device, set())
        if client in clients:
            return False
        clients.add(client)
        return True

    def unsubscribe(self, device: str, client: Subscriber) -> bool:
        clients = self.subscribers.get(device)
        if not clients or client not in clients:
            return False
        clients.discard(client)
        if not clients:
            del self.subscribers[device]
        return True

    def dispatch(self, event: Any) -> None:
        self.events_received += 1
        clients = self.subscribers.get(event.device)
        if not clients:
            return
        body = legacy_event(event)
        if body is None:
            return
        text = json.dumps(body, separators=(", ", ": "))
        for client in list(clients):
            client.deliver(text)

    async def _run(self) -> None:
        delay = self.retry_delay
        while True:
            # A fresh stream starts with a snapshot: it gives the resume point and shows the stream is up.
            request = events_rr.StreamEventsRequest(
                all_devices=True, include_snapshot=not self.resume_token, resume_token=self.resume_token
            )
            stream = self.upstream.stubs["events"].StreamEvents(request, metadata=self.upstream.metadata())
            try:
                async for item in stream:
                    self.connected.set()
                    delay = self.retry_delay
                    kind = item.WhichOneof("item")
                    if kind == "event":
                        self.resume_token = item.event.resume_token
                        self.dispatch(item.event)
                    elif kind == "snapshot":
                        self.resume_token = item.snapshot.resume_token
                    elif kind == "resume_gap":
                        self.resume_gaps += 1
                        self.last_gap_reason = item.resume_gap.reason
                        log.warning(
                            "event stream resumed with a gap (%s): asked for %d, oldest held %d",
                            events_enums.ResumeGapReason.Name(item.resume_gap.reason),
                            item.resume_gap.requested_sequence,
                            item.resume_gap.oldest_available_sequence,
                        )
                log.warning("event stream ended; reconnecting")
            except grpc.aio.AioRpcError as exc:
                level = logging.DEBUG if exc.code() == grpc.StatusCode.UNIMPLEMENTED else logging.WARNING
                log.log(level, "event stream failed (%s: %s); retrying in %.1fs", exc.code().name, exc.details(), delay)
            finally:
                stream.cancel()
            self.connected.clear()
            await asyncio.sleep(delay)
            delay = min(delay * 2, self.max_retry_delay)
