"""Helpers shared by the store tests (imported by conftest and the test modules)."""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from callwire_server.store import Store

PG_URL_ENV = "CALLWIRE_TEST_PG_URL"

OpenStore = Callable[..., Awaitable[Store]]


@dataclass
class Database:
    """Where a test's store lives: a URL and, for PostgreSQL, the test's own schema."""

    backend: str
    url: str
    schema: str | None
    data_dir: Path


class Clock:
    """A settable clock for expiry tests."""

    def __init__(self) -> None:
        self.now = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> None:
        self.now += delta


def pg_url() -> str:
    url = os.environ.get(PG_URL_ENV, "").strip()
    if not url:
        if os.environ.get("CI"):
            pytest.fail(f"{PG_URL_ENV} is not set, and CI must run the store tests on PostgreSQL")
        pytest.skip(f"{PG_URL_ENV} is not set (PostgreSQL store tests skipped)")
    return url
