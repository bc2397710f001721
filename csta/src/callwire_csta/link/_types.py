"""The link's public value types: its state, state changes, events, and the listener signatures."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass

from callwire_csta.codec import Message

from ._config import Endpoint


class LinkState(enum.Enum):
    IDLE = "idle"
    """Not started."""
    CONNECTING = "connecting"
    """`start()` is trying the endpoints for the first time."""
    UP = "up"
    """Session active; requests are accepted."""
    DOWN = "down"
    """No session; the link is reconnecting in the background and requests fail with LinkDown."""
    STOPPED = "stopped"
    """`stop()` was called."""


@dataclass(frozen=True, slots=True)
class LinkStateChange:
    state: LinkState
    endpoint: Endpoint | None
    """The endpoint the link is up on, or the one it lost (None when none was involved)."""
    reason: str
    session_id: str | None


@dataclass(frozen=True, slots=True)
class LinkEvent:
    extension: str | None
    """The monitored extension, resolved from `monitorCrossRefID`; None when the cross-reference is unknown."""
    message: Message
    received_at: float
    """Wall-clock time (time.time()) at which the frame was read."""


EventListener = Callable[[LinkEvent], None]
StateListener = Callable[[LinkStateChange], None]
TraceListener = Callable[[str, int, bytes], None]
