"""UUI keys: the handle under which user data is stored and which travels with the call as UUI.

A key is 44 upper-case hexadecimal digits, shaped like the reference uuiSVR's
``FCCCCCCC0000000156A853617F00000113EC00000005``:

====  ======  ===============================================================
From  Digits  Content
====  ======  ===============================================================
0     8       ``FCCCCCCC``, a constant marker (as the reference)
8     8       the layout version, ``00000001``
16    8       creation time, Unix seconds (the reference has one here too)
24    12      48 random bits (where the reference has the server's IPv4 address and port)
36    8       a per-process sequence number, wrapping at 2**32
====  ======  ===============================================================

Clients must treat a key as opaque. Uniqueness is guaranteed by the database (the key is the primary key and a
clash, which needs the same second, the same 48 random bits and the same sequence number, is retried), so
instances sharing one database never hand out the same key.
"""

from __future__ import annotations

import itertools
import re
import secrets
from datetime import datetime

from callwire_server.store.errors import InvalidValue

__all__ = ["UUI_KEY_LENGTH", "UUI_MARKER", "new_uui_key", "normalise_uui_key"]

UUI_KEY_LENGTH = 44
UUI_MARKER = "FCCCCCCC"
UUI_LAYOUT_VERSION = 1
_KEY_RE = re.compile(r"^[0-9A-F]{44}$")
_sequence = itertools.count(1)


def new_uui_key(now: datetime) -> str:
    seconds = int(now.timestamp()) & 0xFFFFFFFF
    sequence = next(_sequence) & 0xFFFFFFFF
    return f"{UUI_MARKER}{UUI_LAYOUT_VERSION:08X}{seconds:08X}{secrets.randbits(48):012X}{sequence:08X}"


def normalise_uui_key(value: str, field: str = "uui_key") -> str:
    """The key in upper case; ``InvalidValue`` when it is not 44 hexadecimal digits."""
    key = value.strip().upper()
    if not _KEY_RE.match(key):
        raise InvalidValue(field, f"a UUI key is {UUI_KEY_LENGTH} hexadecimal digits, got {value!r}")
    return key
