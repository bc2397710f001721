"""What the telemetry tests run as real processes: `callwire up|serve|gateway`, `callwire-sim` and the
OpenTelemetry Collector (started with `callwire_testkit.start`, which reads their output in the background and
stops them with SIGTERM, then SIGKILL).

Helpers, not fixtures: each test owns its processes and stops them in `finally`.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: The collector built by tools/build-otelcol (the Makefile's test target builds it first).
OTELCOL = ROOT / ".tools" / "otelcol" / "otelcol-callwire"
#: A bound for a failing test only: process starts on a busy machine take seconds.
WAIT = 180.0


def callwire(*words: str) -> list[str]:
    return [sys.executable, "-m", "callwire_server.cli", *words]


def simulator(port: int) -> list[str]:
    return [sys.executable, "-m", "callwire_sim.cli", "--port", str(port), "--control-port", "-1"]


#: Variables a test process must not inherit from the developer's shell: each test says what it wants.
OTEL_CLEAN = {
    "OTEL_SDK_DISABLED": "",
    "OTEL_TRACES_EXPORTER": "",
    "OTEL_METRICS_EXPORTER": "",
    "OTEL_EXPORTER_OTLP_ENDPOINT": "",
    "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "",
    "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT": "",
    "OTEL_EXPORTER_OTLP_PROTOCOL": "",
    "OTEL_SERVICE_NAME": "",
    "OTEL_RESOURCE_ATTRIBUTES": "",
    "CALLWIRE_API_KEY": "",
}
