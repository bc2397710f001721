"""The gateway's traces and metrics: the request duration histogram, and the open connections and dropped
slow clients of every running gateway, observed when the collector reads them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from opentelemetry import metrics, trace
from opentelemetry.metrics import CallbackOptions, Observation

if TYPE_CHECKING:
    from .app import Gateway

tracer = trace.get_tracer("callwire_gateway")
meter = metrics.get_meter("callwire_gateway")

#: Seconds, as the server's histograms (callwire_server.instruments).
_DURATION_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
REQUEST_DURATION = meter.create_histogram(
    "callwire.gateway.request.duration",
    unit="s",
    description="legacy requests answered, by interface (rest, ws), request and result",
    explicit_bucket_boundaries_advisory=_DURATION_BUCKETS,
)
_request_attributes: dict[tuple[str, str, str], dict[str, str]] = {}
#: The running gateways, for the observed instruments (read on the collecting thread: len() only).
_running: dict[int, Gateway] = {}


def _connections(options: CallbackOptions) -> Iterable[Observation]:
    yield Observation(sum(len(g.clients) for g in tuple(_running.values())), {"interface": "ws"})


def _slow_dropped(options: CallbackOptions) -> Iterable[Observation]:
    yield Observation(sum(g.slow_clients_dropped for g in tuple(_running.values())))


meter.create_observable_up_down_counter(
    "callwire.gateway.connections", [_connections], unit="{connection}", description="open WebSocket connections"
)
meter.create_observable_counter(
    "callwire.gateway.clients.dropped",
    [_slow_dropped],
    unit="{connection}",
    description="WebSocket clients disconnected because they stopped reading (outgoing queue full)",
)


def record_request(interface: str, name: str, result: str, seconds: float) -> None:
    key = (interface, name, result)
    attributes = _request_attributes.get(key)
    if attributes is None:
        attributes = _request_attributes[key] = {"interface": interface, "request": name, "result": result}
    REQUEST_DURATION.record(seconds, attributes)


def track(gateway: Gateway) -> None:
    """Count `gateway` in the observed instruments while it runs."""
    _running[id(gateway)] = gateway


def untrack(gateway: Gateway) -> None:
    _running.pop(id(gateway), None)
