"""The server's shared core: link, store, event hub and call tracker, and the one way services call the switch.

Every service receives the `Core`. A service never talks to the link directly: `Core.invoke` sends a CSTA
request, maps every failure to a `CallwireError` (errors.py) and records an OpenTelemetry span per invoke.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import TypeVar, overload

from opentelemetry import trace

from callwire.events.v1 import message_pb2 as events_pb2
from callwire_csta import codec as csta
from callwire_csta.link import CstaLink, LinkError, LinkState, LinkStateChange

from . import instruments
from .config import ServerConfig
from .errors import CallwireError, from_link_error, unexpected_response
from .hub import EventHub
from .idempotency import IdempotencyKeys
from .security import AddressRules, KeyCache, KeyWatch
from .store import Store, StoreError
from .tracker import CallTracker

log = logging.getLogger("callwire.core")
tracer = trace.get_tracer("callwire.server")

#: Seconds a read of the settings is reused (see `Core.numeric_setting`).
SETTINGS_CACHE_SECONDS = 5.0

#: The response type a caller of `Core.invoke` expects.
R = TypeVar("R", bound=csta.Message)

#: The client's `x-request-id` for the RPC being served (set by the request-ID interceptor).
request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("callwire_request_id", default="")


@dataclass
class _Attribution:
    request_id: str
    until: float


class Core:
    """What every service shares. Built by `app.build_core`; it builds the tracker, which sees it as a
    `tracker.Host`."""

    def __init__(self, config: ServerConfig, link: CstaLink, store: Store) -> None:
        self.config = config
        self.link = link
        self.store = store
        self.hub: EventHub[events_pb2.Event] = EventHub(window=config.event_window, queue_size=config.subscriber_queue)
        self.started_at = time.time()
        self.shutting_down = False
        self._attribution: dict[str, _Attribution] = {}
        #: Verified API keys (bounded, by token digest; see security.KeyCache).
        self.key_cache = KeyCache()
        #: Open streams by API key, ended when their key is revoked or changed (on any instance).
        self.key_watch = KeyWatch(store, self.key_cache)
        #: The allow/deny rules applied to the legacy clients the gateway's key calls for.
        self.address_rules = AddressRules(store)
        self._settings: dict[str, str | None] = {}
        self._settings_until = 0.0
        self.trace_subscribers: set[Callable[[str, int, bytes], None]] = set()
        #: Per endpoint label: when its state last changed (time.time()) and the last error it went down with.
        self.link_history: dict[str, tuple[float, str]] = {}
        self.idempotency = IdempotencyKeys(config.idempotency_window, config.idempotency_max_entries)
        link.add_state_listener(self._note_link_state)
        self.calls = CallTracker(self)

    # ------------------------------------------------------------------------------------------- switch

    @overload
    async def invoke(
        self,
        request: csta.Message,
        *,
        expect: type[R],
        extension: str = "",
        call_id: str = "",
        timeout: float | None = None,
    ) -> R: ...

    @overload
    async def invoke(
        self,
        request: csta.Message,
        *,
        expect: None = None,
        extension: str = "",
        call_id: str = "",
        timeout: float | None = None,
    ) -> csta.Message: ...

    async def invoke(
        self,
        request: csta.Message,
        *,
        expect: type[csta.Message] | None = None,
        extension: str = "",
        call_id: str = "",
        timeout: float | None = None,
    ) -> csta.Message:
        """Send `request` over the link; the positive response, or a CallwireError naming what failed.

        With `expect`, the response is checked to be of that type (and typed so): a switch that answers with
        another message gets INTERNAL naming both types, not an assertion that `python -O` would drop.
        """
        name = type(request).__name__
        with tracer.start_as_current_span(f"csta {name}") as span:
            span.set_attribute("csta.service", name)
            if extension:
                span.set_attribute("csta.device", extension)
            if call_id:
                span.set_attribute("csta.call_id", call_id)
            self.attribute(extension)
            started = time.perf_counter()
            try:
                response = await self.link.request(
                    request,
                    timeout=timeout,
                    on_invoke=lambda invoke_id: span.set_attribute("csta.invoke_id", invoke_id),
                )
            except LinkError as exc:
                err = from_link_error(exc, extension=extension, call_id=call_id)
                instruments.record_csta(name, err.reason, time.perf_counter() - started)
                span.set_attribute("callwire.error_reason", err.reason)
                span.set_status(trace.StatusCode.ERROR, err.message)
                raise err from None
            if expect is not None and not isinstance(response, expect):
                err = unexpected_response(request, expect, response)
                instruments.record_csta(name, err.reason, time.perf_counter() - started)
                span.set_attribute("callwire.error_reason", err.reason)
                span.set_status(trace.StatusCode.ERROR, err.message)
                log.error("%s", err.message)
                raise err
            instruments.record_csta(name, "ok", time.perf_counter() - started)
            return response

    def device_id(self, extension: str) -> csta.DeviceID:
        """The switch's device ID for `extension` (AES form when the link uses it)."""
        return csta.DeviceID(value=self.link.device_id(extension))

    async def monitor(self, extension: str) -> None:
        """Monitor `extension` on the switch (restored after every failover) and load its current calls."""
        try:
            await self.link.monitor(extension)
        except LinkError as exc:
            raise from_link_error(exc, extension=extension) from None
        await self.calls.resync(extension)

    async def unmonitor(self, extension: str) -> None:
        try:
            await self.link.unmonitor(extension)
        except LinkError as exc:
            raise from_link_error(exc, extension=extension) from None
        self.calls.forget(extension)

    def require_monitored(self, extension: str) -> None:
        if not self.link.is_monitored(extension):
            raise CallwireError(
                "NOT_MONITORED",
                f"extension {extension} is not monitored; add it first (AddExtension or StartMonitor)",
                metadata={"extension": extension},
            )

    def _note_link_state(self, change: LinkStateChange) -> None:
        """What ListLinks (`callwire ctl link status`) shows: the time of the endpoint's last change, and the last
        error it went down with, kept after it comes back so that an operator still sees why."""
        if change.endpoint is None:
            return
        _, error = self.link_history.get(change.endpoint.label, (0.0, ""))
        if change.state is LinkState.DOWN:
            error = change.reason
        self.link_history[change.endpoint.label] = (time.time(), error)

    def add_trace_subscriber(self, subscriber: Callable[[str, int, bytes], None]) -> None:
        """`subscriber(direction, invoke_id, xml)` for every CSTA frame until `remove_trace_subscriber`. The link
        traces only while someone subscribes: redacting and copying every frame cost ~5% of a 20,000-station
        start-up and of the event path, for nobody."""
        if not self.trace_subscribers:
            self.link.add_trace_listener(self._fan_out_trace)
        self.trace_subscribers.add(subscriber)

    def remove_trace_subscriber(self, subscriber: Callable[[str, int, bytes], None]) -> None:
        self.trace_subscribers.discard(subscriber)
        if not self.trace_subscribers:
            self.link.remove_trace_listener(self._fan_out_trace)

    def _fan_out_trace(self, direction: str, invoke_id: int, xml: bytes) -> None:
        for subscriber in tuple(self.trace_subscribers):
            subscriber(direction, invoke_id, xml)

    # ---------------------------------------------------------------------------------- live settings

    async def numeric_setting(self, name: str, default: float) -> float:
        """A number set with AdminService.UpdateSetting (read from the shared store, reused for a few seconds so
        every instance follows a change quickly without a store query per request); `default` when unset."""
        now = time.monotonic()
        if now >= self._settings_until:
            try:
                self._settings = {s.name: s.value for s in await self.store.list_settings() if not s.secret}
            except StoreError as exc:
                log.warning("cannot read the settings, using the configuration: %s", exc)
                self._settings = {}
            self._settings_until = now + SETTINGS_CACHE_SECONDS
        raw = self._settings.get(name)
        if not raw:
            return default
        try:
            return float(raw)
        except ValueError:
            log.warning("setting %s=%r is not a number; using %s", name, raw, default)
            return default

    async def user_data_limits(self) -> timedelta | None:
        """Apply the `user_data_max_size` setting to the store, and return the time to live of a write
        (`user_data_ttl`; 0 or less: kept until deleted). Settings override the server configuration."""
        max_size = await self.numeric_setting("user_data_max_size", self.config.user_data_max_size)
        self.store.user_data_max_size = int(max_size)
        seconds = await self.numeric_setting("user_data_ttl", self.config.user_data_ttl)
        return timedelta(seconds=seconds) if seconds > 0 else None

    # ---------------------------------------------------------------------------------- housekeeping

    async def housekeeping(self, stop: asyncio.Event) -> None:
        """Run until `stop` is set: follow the shared store's extension list, and purge expired user data.

        Several instances share one store; an extension added or deleted through one of them is monitored or
        released by the others within `reconcile_interval`. Monitors started for a session (StartMonitor,
        phantom calls) are left alone: only extensions that left the store are released. Beside it, the key
        watch ends the streams of keys revoked or changed through any instance (`key_check_interval`).
        """
        keys = asyncio.get_running_loop().create_task(
            self.key_watch.run(stop, self.config.key_check_interval), name="callwire-key-watch"
        )
        try:
            await self._reconcile(stop)
        finally:
            await keys

    async def _reconcile(self, stop: asyncio.Event) -> None:
        known: set[str] | None = None
        next_purge = time.monotonic() + self.config.purge_interval
        while True:
            # Stop between rounds, never in the middle of one: a store query cut short would leak its connection.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), self.config.reconcile_interval)
            if stop.is_set():
                return
            try:
                stored = set(await self.store.list_extensions())
                for extension in sorted(stored - self.link.monitored):
                    with contextlib.suppress(CallwireError):
                        await self.monitor(extension)
                if known is not None:
                    for extension in sorted(known - stored - set(self.config.monitor)):
                        if extension in self.link.monitored:
                            with contextlib.suppress(CallwireError):
                                await self.unmonitor(extension)
                known = stored
                if time.monotonic() >= next_purge:
                    next_purge = time.monotonic() + self.config.purge_interval
                    purged = await self.store.purge_expired()
                    if purged:
                        log.info("purged expired user data count=%d", purged)
            except Exception:  # the store may be briefly unreachable; try again next round
                log.exception("housekeeping round failed")

    # ---------------------------------------------------------------------------------- request IDs

    def attribute(self, extension: str) -> None:
        """Events of `extension` in the next `request_id_window` seconds carry the current x-request-id."""
        request_id = request_id_var.get()
        if request_id and extension:
            self._attribution[extension] = _Attribution(request_id, time.monotonic() + self.config.request_id_window)

    def request_id_for(self, extension: str) -> str:
        found = self._attribution.get(extension)
        if found is None:
            return ""
        if found.until < time.monotonic():
            del self._attribution[extension]
            return ""
        return found.request_id
