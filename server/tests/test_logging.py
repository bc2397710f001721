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
