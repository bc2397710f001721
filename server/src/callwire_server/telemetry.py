"""Telemetry that leaves the process: the OpenTelemetry tracer and meter providers of `callwire serve`, `up` and
`gateway`, configured by the standard `OTEL_*` variables, and the Prometheus scrape endpoint.

`install()` is called once by a command before it starts anything. What it reads:

- `OTEL_SDK_DISABLED=true`: nothing is installed (no spans, no metrics, no scrape endpoint).
- `OTEL_TRACES_EXPORTER` (`otlp`, `console`, `none`) and `OTEL_METRICS_EXPORTER` (`otlp`, `prometheus`,
  `console`, `none`). Unset, they default to `otlp` for `serve` and `gateway` (the SDK's default), and for
  `up` only when an OTLP endpoint is set (`OTEL_EXPORTER_OTLP_ENDPOINT` or the per-signal one), so that the
  embedded default never complains about a collector nobody started.
- The OTLP exporters (gRPC; `OTEL_EXPORTER_OTLP_PROTOCOL` must be unset or `grpc`) read their own variables:
  endpoint, headers, certificates, timeout. The batch span processor reads `OTEL_BSP_*`, the sampler
  `OTEL_TRACES_SAMPLER` / `_ARG`, the periodic metric reader `OTEL_METRIC_EXPORT_INTERVAL`.
- Resource: `service.name` (the command's; `OTEL_SERVICE_NAME` wins), `service.instance.id` (host and process,
  as GetServerInfo reports it), `service.version`, plus `OTEL_RESOURCE_ATTRIBUTES`.

Exporting never slows a request: spans leave through the batch processor's own thread and its bounded queue
(a collector that is down costs the dropped batches, never a blocked request), metrics are read on the
reader's thread or the scrape's. Shutdown waits a bounded time for the last batch.

There is one metrics pipeline: one MeterProvider whose readers are the Prometheus endpoint (`--metrics-port`, or
`OTEL_METRICS_EXPORTER=prometheus` with `OTEL_EXPORTER_PROMETHEUS_HOST`/`_PORT`) and the OTLP push.
"""

from __future__ import annotations

import logging
import os
import platform
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from opentelemetry import metrics, trace

from . import __version__

log = logging.getLogger("callwire.telemetry")

#: This process's instance ID: resource attribute `service.instance.id` and GetServerInfo's `instance_id`.
INSTANCE_ID = f"{platform.node()}-{os.getpid()}"

#: Seconds `Telemetry.shutdown` waits for the last batches; a collector that is down must not hold a stop.
SHUTDOWN_SECONDS = 3.0

_TRACES_EXPORTERS = ("otlp", "console", "none")
_METRICS_EXPORTERS = ("otlp", "prometheus", "console", "none")


class TelemetryConfigError(ValueError):
    """An `OTEL_*` variable or option that cannot be honoured (the command exits with its message)."""


@dataclass
class Telemetry:
    """What `install` set up; `shutdown()` flushes and stops it (bounded by SHUTDOWN_SECONDS)."""

    traces: tuple[str, ...] = ()
    metrics: tuple[str, ...] = ()
    metrics_address: tuple[str, int] | None = None
    """Where Prometheus scrapes (`http://HOST:PORT/metrics`), when the endpoint is on."""
    _span_processors: list[Any] = field(default_factory=list)
    _meter_provider: Any = None
    _http_server: Any = None

    def describe(self) -> str:
        parts = [f"traces {'+'.join(self.traces) or 'off'}", f"metrics {'+'.join(self.metrics) or 'off'}"]
        if self.metrics_address is not None:
            host, port = self.metrics_address
            parts.append(f"Prometheus http://{host}:{port}/metrics")
        return ", ".join(parts)

    def shutdown(self) -> None:
        if self._http_server is not None:
            self._http_server.shutdown()
            self._http_server.server_close()

        def flush_and_stop() -> None:
            for processor in self._span_processors:
                processor.shutdown()  # exports what is queued, retrying while the collector does not answer
            if self._meter_provider is not None:
                self._meter_provider.shutdown(timeout_millis=int(SHUTDOWN_SECONDS * 1000))

        # The SDK's span processor waits up to 30 s on a collector that is down; a stop must not.
        stopper = threading.Thread(target=flush_and_stop, name="callwire-telemetry-stop", daemon=True)
        stopper.start()
        stopper.join(SHUTDOWN_SECONDS)
        if stopper.is_alive():
            log.warning("telemetry: the last spans were not exported within %gs; dropping them", SHUTDOWN_SECONDS)
            for processor in self._span_processors:
                processor.span_exporter.shutdown()  # ends the exporter's retry wait, so the worker returns
            stopper.join(SHUTDOWN_SECONDS)


def _choice(variable: str, default: str, allowed: Sequence[str]) -> tuple[str, ...]:
    raw = os.environ.get(variable, "").strip().lower() or default
    chosen = tuple(dict.fromkeys(v.strip() for v in raw.split(",") if v.strip()))
    unknown = [v for v in chosen if v not in allowed]
    if unknown:
        raise TelemetryConfigError(f"{variable}={raw!r}: unknown exporter {unknown[0]!r}; use {', '.join(allowed)}")
    if "none" in chosen:
        return ()
    return chosen


def _protocol(signal: str) -> None:
    for variable in (f"OTEL_EXPORTER_OTLP_{signal}_PROTOCOL", "OTEL_EXPORTER_OTLP_PROTOCOL"):
        value = os.environ.get(variable, "").strip()
        if value:
            if value != "grpc":
                raise TelemetryConfigError(
                    f"{variable}={value!r}: Callwire exports OTLP over gRPC only; set it to grpc (collector port 4317)"
                )
            return


def _resource(service_name: str) -> Any:
    from opentelemetry.sdk.resources import OTELResourceDetector, Resource

    own = Resource.create(
        {"service.name": service_name, "service.instance.id": INSTANCE_ID, "service.version": __version__}
    )
    # The operator's OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES win over the command's own values.
    return own.merge(OTELResourceDetector().detect())


def _metrics_server(host: str, port: int, registry: Any) -> tuple[Any, tuple[str, int]]:
    from prometheus_client import start_http_server

    server, _thread = start_http_server(port, addr=host, registry=registry)
    bound_host, bound_port = server.server_address[:2]
    return server, (str(bound_host), int(bound_port))


def install(
    service_name: str,
    *,
    export_by_default: bool,
    metrics_port: int | None = None,
    metrics_host: str = "127.0.0.1",
) -> Telemetry:
    """Install the global tracer and meter providers for this process (see the module docstring).

    `metrics_port` (0: any free port) turns the Prometheus endpoint on; `export_by_default` says whether OTLP
    export is on when `OTEL_TRACES_EXPORTER` / `OTEL_METRICS_EXPORTER` are unset."""
    if os.environ.get("OTEL_SDK_DISABLED", "").strip().lower() == "true":
        if metrics_port is not None:
            log.warning("OTEL_SDK_DISABLED=true: no metrics endpoint, --metrics-port is ignored")
        return Telemetry()
    signals = ("", "TRACES_", "METRICS_")
    endpoint_set = any(os.environ.get(f"OTEL_EXPORTER_OTLP_{s}ENDPOINT", "").strip() for s in signals)
    default = "otlp" if export_by_default or endpoint_set else "none"
    trace_exporters = _choice("OTEL_TRACES_EXPORTER", default, _TRACES_EXPORTERS)
    metric_exporters = _choice("OTEL_METRICS_EXPORTER", default, _METRICS_EXPORTERS)
    if "otlp" in trace_exporters:
        _protocol("TRACES")
    if "otlp" in metric_exporters:
        _protocol("METRICS")

    from opentelemetry.sdk.metrics import MeterProvider
    from opentelemetry.sdk.metrics.export import (
        ConsoleMetricExporter,
        MetricReader,
        PeriodicExportingMetricReader,
    )
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor, ConsoleSpanExporter

    resource = _resource(service_name)
    telemetry = Telemetry(traces=trace_exporters)

    # No exporter, no tracer provider: spans nobody receives would cost every request for nothing. A client's
    # traceparent still travels on (the API propagates it), and its IDs still reach the JSON logs.
    if trace_exporters:
        tracer_provider = TracerProvider(resource=resource, shutdown_on_exit=False)
        for name in trace_exporters:
            if name == "otlp":
                from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter

                processor = BatchSpanProcessor(OTLPSpanExporter())
            else:
                processor = BatchSpanProcessor(ConsoleSpanExporter())
            tracer_provider.add_span_processor(processor)
            telemetry._span_processors.append(processor)
        trace.set_tracer_provider(tracer_provider)

    readers: list[MetricReader] = []
    if "prometheus" in metric_exporters and metrics_port is None:
        metrics_host = os.environ.get("OTEL_EXPORTER_PROMETHEUS_HOST", "localhost")
        metrics_port = int(os.environ.get("OTEL_EXPORTER_PROMETHEUS_PORT", "9464"))
    shown: list[str] = [m for m in metric_exporters if m != "prometheus"]
    if metrics_port is not None:
        from opentelemetry.exporter.prometheus import PrometheusMetricReader
        from prometheus_client import CollectorRegistry, ProcessCollector

        # A registry of our own (not prometheus_client's global one): the process's CPU and memory, and what
        # the OpenTelemetry reader converts; nothing registered by other libraries.
        registry = CollectorRegistry()
        ProcessCollector(registry=registry)
        readers.append(PrometheusMetricReader(registry=registry))
        try:
            telemetry._http_server, telemetry.metrics_address = _metrics_server(metrics_host, metrics_port, registry)
        except OSError as exc:
            raise TelemetryConfigError(f"cannot serve metrics on {metrics_host}:{metrics_port}: {exc}") from None
        shown.append("prometheus")
    for name in metric_exporters:
        if name == "otlp":
            from opentelemetry.exporter.otlp.proto.grpc.metric_exporter import OTLPMetricExporter

            readers.append(PeriodicExportingMetricReader(OTLPMetricExporter()))
        elif name == "console":
            readers.append(PeriodicExportingMetricReader(ConsoleMetricExporter()))
    telemetry.metrics = tuple(shown)
    if readers:
        meter_provider = MeterProvider(resource=resource, metric_readers=readers, shutdown_on_exit=False)
        metrics.set_meter_provider(meter_provider)
        telemetry._meter_provider = meter_provider
    log.info("telemetry: %s", telemetry.describe())
    return telemetry


def current_trace_ids() -> tuple[str, str] | None:
    """The (trace ID, span ID) of the current span in W3C hex form, or None outside any trace."""
    context = trace.get_current_span().get_span_context()
    if not context.is_valid:
        return None
    return f"{context.trace_id:032x}", f"{context.span_id:016x}"
