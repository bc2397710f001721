"""What an event needs from elsewhere before it is applied: the user data its UUI key points to (from the store,
cached briefly, one lookup shared by every event that carries the key), the hang-up text of a UUI that is not a
key, and an agent's ready mode (AgentReady does not say auto-in or manual-in; the switch is asked).

`Enricher.at_hand` answers without waiting when it can (the usual case); otherwise `fetch` is run aside by the
inbox and the event waits there, so a slow store or query delays only the devices and calls it concerns.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from typing import Any, Protocol

from callwire_csta import codec as csta
from callwire_csta.link import CstaLink, LinkError, LinkEvent

from ..mapping import WORK_MODE_FROM_CSTA, private_data

log = logging.getLogger("callwire.tracker")

_UUI_KEY_BYTES = 22  # a Callwire UUI key: 44 hex digits (store/uui.py)
_USER_DATA_TTL = 5.0  # seconds a looked-up user data entry is reused
_USER_DATA_CACHE = 4096
_AGENT_QUERY_TIMEOUT = 1.0


class UserDataSource(Protocol):
    """The store's user data lookup, as the tracker uses it (`Store.get_user_data`)."""

    async def get_user_data(self, uui_key: str, /) -> Any: ...


def uui_hex(ud: csta.UserData | None) -> str:
    """An event's UUI as upper-case hex ("" when none)."""
    if ud is None or not ud.string:
        return ""
    return ud.string.hex().upper()


def is_key(uui: str) -> bool:
    """Whether a UUI (hex) is a Callwire user data key."""
    return len(uui) == 2 * _UUI_KEY_BYTES


def uui_text(uui: str) -> str:
    """A non-key UUI as text (hang-up data such as "ok"), or "" when it is not printable."""
    try:
        text = bytes.fromhex(uui).decode("utf-8")
    except ValueError:
        return ""
    return text if text.isprintable() else ""


@dataclass(frozen=True, slots=True)
class Enrichment:
    """What an event needs from elsewhere before it is applied: the user data its UUI key points to, the
    hang-up text of a non-key UUI, the agent's ready mode (AgentReady does not say auto-in or manual-in)."""

    data: str = ""
    ready_mode: int | None = None


NOTHING_NEEDED = Enrichment()


class Enricher:
    """Looks up what events need, with a short-lived cache of user data."""

    def __init__(self, link: CstaLink, store: UserDataSource) -> None:
        self._link = link
        self._store = store
        self._cache: dict[str, tuple[str, float]] = {}
        #: Lookups of user data in flight, by UUI key: events of several devices share one.
        self.lookups: dict[str, asyncio.Task[str]] = {}

    def at_hand(self, item: LinkEvent) -> Enrichment | None:
        """What `item` needs when it is known without waiting (None: it must be fetched)."""
        msg = item.message
        if isinstance(msg, csta.AgentReadyEvent):
            return None
        uui = uui_hex(getattr(msg, "user_data", None))
        if not is_key(uui):
            return NOTHING_NEEDED
        cached = self._cache.get(uui)
        if cached is None or cached[1] <= time.monotonic():
            return None
        return Enrichment(data=cached[0]) if cached[0] else NOTHING_NEEDED

    async def fetch(self, item: LinkEvent) -> Enrichment:
        """What `item` needs, fetched; what cannot be fetched is left out (the event goes on without it)."""
        msg = item.message
        data = ""
        ready_mode = None
        try:
            uui = uui_hex(getattr(msg, "user_data", None))
            if is_key(uui):
                data = await self._user_data(uui)
            if isinstance(msg, csta.AgentReadyEvent) and item.extension is not None:
                ready_mode = await self._query_ready_mode(item.extension)
        except Exception:  # the event goes on without what could not be fetched
            log.exception("cannot enrich %s of %s", type(msg).__name__, item.extension)
        return Enrichment(data=data, ready_mode=ready_mode)

    async def _user_data(self, uui: str) -> str:
        """The user data a Callwire UUI key points to ("" when none), with a short-lived cache; events of several
        devices that carry one key share one lookup."""
        now = time.monotonic()
        cached = self._cache.get(uui)
        if cached is not None and cached[1] > now:
            return cached[0]
        lookup = self.lookups.get(uui)
        if lookup is None:
            lookup = asyncio.get_running_loop().create_task(self._lookup_user_data(uui))
            self.lookups[uui] = lookup
            lookup.add_done_callback(lambda _: self.lookups.pop(uui, None))
        return await asyncio.shield(lookup)

    async def _lookup_user_data(self, uui: str) -> str:
        try:
            data: str = (await self._store.get_user_data(uui)).data
        except Exception as exc:  # not found, expired, or the store is unreachable: the event goes on
            log.debug("no user data for UUI %s: %s", uui, exc)
            data = ""
        if len(self._cache) >= _USER_DATA_CACHE:
            self._cache.pop(next(iter(self._cache)))
        self._cache[uui] = (data, time.monotonic() + _USER_DATA_TTL)
        return data

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
        priv = private_data(answer, csta.GetAgentStateResponsePrivateData)
        if priv is None or priv.work_mode is None:
            return None
        return WORK_MODE_FROM_CSTA.get(priv.work_mode)
