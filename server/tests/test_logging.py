"""Structured logs: `--log-format json` writes one JSON object per line with the exception when there is one."""

from __future__ import annotations

import json
import logging

from callwire_server.cli import JsonFormatter


def test_json_log_lines_carry_level_logger_message_and_exception() -> None:
    formatter = JsonFormatter()
    record = logging.LogRecord("callwire.link", logging.WARNING, __file__, 1, "link state=%s", ("down",), None)
    entry = json.loads(formatter.format(record))
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "callwire.link"
    assert entry["message"] == "link state=down"
    assert entry["time"].endswith("Z")
    assert "exception" not in entry
    try:
        raise ValueError("boom")
    except ValueError:
        import sys

        failed = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", (), sys.exc_info())
    entry = json.loads(formatter.format(failed))
    assert "ValueError: boom" in entry["exception"]


def test_json_log_lines_logged_inside_a_span_carry_its_trace_and_span_ids() -> None:
    from opentelemetry import trace
    from opentelemetry.sdk.trace import TracerProvider

    formatter = JsonFormatter()
    record = logging.LogRecord("callwire.rpc", logging.WARNING, __file__, 1, "in a request", (), None)
    assert "trace_id" not in json.loads(formatter.format(record))  # outside any span
    provider = TracerProvider()  # a provider of the test's own: the global one is left alone
    try:
        with provider.get_tracer("test").start_as_current_span("request") as span:
            entry = json.loads(formatter.format(record))
            context = span.get_span_context()
        assert entry["trace_id"] == f"{context.trace_id:032x}"
        assert entry["span_id"] == f"{context.span_id:016x}"
        assert trace.get_current_span() is trace.INVALID_SPAN
    finally:
        provider.shutdown()
