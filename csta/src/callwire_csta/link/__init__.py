"""The CSTA link to the switch: asyncio transport, ECMA-354 session, keep-alive, correlation, failover.

`CstaLink(LinkConfig(...))` keeps one session to the first working endpoint, re-attaches or restarts it
after a failure, and restores every monitor; see `_link.py` for the failover and re-attach policies and
`_protocol.py` for the no-I/O core (invoke IDs, correlation, session state machine).
"""

from __future__ import annotations

from callwire_csta.codec import DEFAULT_PROTOCOL_VERSION

from ._config import Endpoint, LinkConfig
from ._errors import (
    CstaRequestError,
    LinkDown,
    LinkError,
    LinkLost,
    LinkTimeout,
    NotSupportedBySwitch,
    ProtocolViolation,
    RequestNotSendable,
    SessionRefused,
)
from ._link import CstaLink
from ._types import LinkEvent, LinkState, LinkStateChange

__all__ = [
    "DEFAULT_PROTOCOL_VERSION",
    "CstaLink",
    "CstaRequestError",
    "Endpoint",
    "LinkConfig",
    "LinkDown",
    "LinkError",
    "LinkEvent",
    "LinkLost",
    "LinkState",
    "LinkStateChange",
    "LinkTimeout",
    "NotSupportedBySwitch",
    "ProtocolViolation",
    "RequestNotSendable",
    "SessionRefused",
]
