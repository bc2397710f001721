"""The server's metrics, through the OpenTelemetry metrics API (exported by whatever telemetry.install set up).

Two kinds, chosen for the cost on the hot paths:

- Per request, one histogram record: gRPC call duration by method and status code (the interceptor) and CSTA
  round-trip time by request type and outcome (`Core.invoke`). Attribute sets are built once per distinct
  combination and reused, so a record allocates nothing of ours.
- Everything on the event path is counted by the link and the hub as plain integers they keep anyway, and the
  observable instruments here read those, and the state (link up, monitored devices, subscribers, queue
  depths), only when a reader collects: a Prometheus scrape or an OTLP push. An event costs no metric call.

Observable callbacks run on the collecting thread (the scrape's or the periodic reader's), not on the event
loop: they read integers and take `len()` or `tuple()` of a set, which CPython does without running Python
code (atomic under the GIL), and never iterate a structure the loop may be changing.

Without an installed MeterProvider (tests, `OTEL_SDK_DISABLED`) the instruments are the API's no-ops.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING

from opentelemetry import metrics
from opentelemetry.metrics import CallbackOptions, Observation

from . import __version__

if TYPE_CHECKING:
    from .core import Core

#: Seconds: from half a millisecond (a CSTA answer on loopback) to the link's request timeouts.
DURATION_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)

_meter = metrics.get_meter("callwire.server", __version__)

RPC_DURATION = _meter.create_histogram(
    "rpc.server.call.duration",
    unit="s",
    description="gRPC calls served, by method and status code (streams: until they end)",
    explicit_bucket_boundaries_advisory=DURATION_BUCKETS,
)
CSTA_DURATION = _meter.create_histogram(
    "callwire.csta.request.duration",
    unit="s",
    description="CSTA round trips made for requests: from sending to the switch's answer, by request and outcome",
    explicit_bucket_boundaries_advisory=DURATION_BUCKETS,
)

_rpc_attributes: dict[tuple[str, str], dict[str, str]] = {}
_csta_attributes: dict[tuple[str, str], dict[str, str]] = {}


def record_rpc(method: str, code: str, seconds: float) -> None:
    """One gRPC call served: `method` as gRPC names it (`/pkg.Service/Method`), `code` a status code name."""
    key = (method, code)
    attributes = _rpc_attributes.get(key)
    if attributes is None:
        service, _, name = method.lstrip("/").partition("/")
        attributes = _rpc_attributes[key] = {
            "rpc.system": "grpc",
            "rpc.service": service,
            "rpc.method": name,
            "rpc.grpc.status_code": code,
        }
    RPC_DURATION.record(seconds, attributes)


def record_csta(request: str, outcome: str, seconds: float) -> None:
    """One CSTA request answered (`outcome` "ok", or the Callwire error reason it ended with)."""
    key = (request, outcome)
    attributes = _csta_attributes.get(key)
    if attributes is None:
        attributes = _csta_attributes[key] = {"csta.request": request, "outcome": outcome}
    CSTA_DURATION.record(seconds, attributes)


# ----------------------------------------------------------------------------------------- observed state

_lock = threading.Lock()
_cores: dict[int, Core] = {}


def watch(core: Core) -> None:
    """Report `core`'s link, hub and devices until `unwatch` (start_server and RunningServer.stop call them)."""
    with _lock:
        _cores[id(core)] = core


def unwatch(core: Core) -> None:
    with _lock:
        _cores.pop(id(core), None)


def _live() -> tuple[Core, ...]:
    with _lock:
        return tuple(_cores.values())


_IN_EVENT = {"direction": "in", "kind": "event"}
_IN_OTHER = {"direction": "in", "kind": "response"}
_OUT = {"direction": "out", "kind": "request"}


def _link_up(options: CallbackOptions) -> Iterable[Observation]:
    from callwire_csta.link import LinkState

    for core in _live():
        endpoint = core.link.active_endpoint
        yield Observation(
            1 if core.link.state is LinkState.UP else 0,
            {"endpoint": endpoint.label if endpoint is not None else ""},
        )


def _frames(options: CallbackOptions) -> Iterable[Observation]:
    cores = _live()
    received = sum(c.link.frames_received for c in cores)
    events = sum(c.link.events_received for c in cores)
    yield Observation(events, _IN_EVENT)
    yield Observation(received - events, _IN_OTHER)
    yield Observation(sum(c.link.frames_sent for c in cores), _OUT)


def _published(options: CallbackOptions) -> Iterable[Observation]:
    yield Observation(sum(c.hub.last_sequence for c in _live()))


def _delivered(options: CallbackOptions) -> Iterable[Observation]:
    yield Observation(sum(c.hub.delivered for c in _live()))


def _dropped(options: CallbackOptions) -> Iterable[Observation]:
    yield Observation(sum(c.hub.events_missed for c in _live()))


def _dropped_subscribers(options: CallbackOptions) -> Iterable[Observation]:
    yield Observation(sum(c.hub.dropped_subscribers for c in _live()))


def _subscribers(options: CallbackOptions) -> Iterable[Observation]:
    yield Observation(sum(len(c.hub.subscriptions) for c in _live()))


def _depths() -> list[int]:
    return [s.depth for c in _live() for s in tuple(c.hub.subscriptions)]


def _queue_max(options: CallbackOptions) -> Iterable[Observation]:
    yield Observation(max(_depths(), default=0))


def _queued(options: CallbackOptions) -> Iterable[Observation]:
    yield Observation(sum(_depths()))


def _monitored(options: CallbackOptions) -> Iterable[Observation]:
    yield Observation(sum(c.link.monitored_count for c in _live()))


_meter.create_observable_gauge(
    "callwire.csta.link.up", [_link_up], unit="", description="1 while the CSTA link is up, else 0"
)
_meter.create_observable_counter(
    "callwire.csta.messages",
    [_frames],
    unit="{message}",
    description="CSTA frames over the link: in (events, responses) and out (requests, keep-alives)",
)
_meter.create_observable_counter(
    "callwire.events.published", [_published], unit="{event}", description="events published to the event hub"
)
_meter.create_observable_counter(
    "callwire.events.delivered",
    [_delivered],
    unit="{event}",
    description="events handed to subscribers (queued for their stream, or replayed on resume)",
)
_meter.create_observable_counter(
    "callwire.events.dropped",
    [_dropped],
    unit="{event}",
    description="events subscribers missed: their queue overflowed or their replay was outrun",
)
_meter.create_observable_counter(
    "callwire.events.subscribers.dropped",
    [_dropped_subscribers],
    unit="{subscriber}",
    description="subscribers whose stream was ended because they did not keep up",
)
_meter.create_observable_up_down_counter(
    "callwire.events.subscribers", [_subscribers], unit="{subscriber}", description="open event subscriptions"
)
_meter.create_observable_gauge(
    "callwire.events.queue.depth.max",
    [_queue_max],
    unit="{event}",
    description="the fullest subscriber queue (events waiting to be sent)",
)
_meter.create_observable_gauge(
    "callwire.events.queued", [_queued], unit="{event}", description="events waiting in all subscriber queues"
)
_meter.create_observable_up_down_counter(
    "callwire.devices.monitored", [_monitored], unit="{device}", description="extensions the link keeps monitored"
)
