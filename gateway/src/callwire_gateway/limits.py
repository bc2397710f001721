"""Per-client limits of the legacy interfaces and the token bucket that enforces the request rate."""

from __future__ import annotations

import time
from dataclasses import dataclass

from .errors import LegacyError


@dataclass
class Limits:
    """Per-client limits. The defaults suit agent desktops and IVRs; tests and benches lower or raise them."""

    max_message_size: int = 64 * 1024
    hard_max_message_size: int = 1024 * 1024
    rate: float = 50.0
    burst: float = 100.0
    queue_size: int = 1000
    max_in_flight: int = 16
    max_monitors: int = 256
    access_ttl: float = 2.0
    ping_interval: float = 20.0
    """Seconds between pings the gateway sends on every WebSocket connection."""
    ping_timeout: float = 20.0
    """Seconds a pong may take before the connection is closed as dead (1011)."""
    idle_timeout: float = 300.0
    """Seconds a connection that monitors no extension may go without a request before it is closed (1008)."""
    max_connections_per_address: int = 256
    """Open WebSocket connections one client address may hold; further upgrades get HTTP 429."""


class TokenBucket:
    def __init__(self, rate: float, burst: float) -> None:
        self.rate = rate
        self.burst = burst
        self.tokens = burst
        self.stamp = time.monotonic()

    def take(self) -> bool:
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return True
        return False


def rate_limited() -> LegacyError:
    return LegacyError("RATE_LIMITED", "slow down: the per-connection request limit was exceeded")


def too_large(size: int | None, limit: int) -> LegacyError:
    what = f"message of {size} bytes" if size is not None else "message"
    return LegacyError("INVALID_ARGUMENT", f"{what} exceeds the {limit}-byte limit", http_status=413)
