"""Callwire Python SDK: `async with Client.connect("127.0.0.1:50051") as client: ...`.

Messages are the betterproto2 dataclasses generated from the contracts (`callwire_sdk.callcontrol`, ...); the
service methods and one exception class per ErrorReason are generated too (`_surface.py`).
"""

from . import _surface
from ._client import Backoff, Client, EventItem, Events, TLSConfig
from ._errors import CallwireError, TransportError, UnknownReasonError
from ._gen.callwire.admin import v1 as admin
from ._gen.callwire.agent import v1 as agent
from ._gen.callwire.callcontrol import v1 as callcontrol
from ._gen.callwire.common import v1 as common
from ._gen.callwire.device import v1 as device
from ._gen.callwire.events import v1 as events
from ._gen.callwire.query import v1 as query
from ._gen.callwire.station import v1 as station
from ._gen.callwire.userdata import v1 as userdata
from ._surface import *  # noqa: F403 - the generated service clients and error classes
from ._sync import SyncClient
from ._transport import RetryConfig, last_request_id, new_request_id

__version__ = "0.1.0"

__all__ = [
    "Backoff",
    "CallwireError",
    "Client",
    "EventItem",
    "Events",
    "RetryConfig",
    "SyncClient",
    "TLSConfig",
    "TransportError",
    "UnknownReasonError",
    "admin",
    "agent",
    "callcontrol",
    "common",
    "device",
    "events",
    "last_request_id",
    "new_request_id",
    "query",
    "station",
    "userdata",
    *_surface.__all__,
]
