"""The persistent store: SQLAlchemy 2 (async) with Alembic migrations; SQLite by default, PostgreSQL by URL.

It holds the monitored extensions, the settings (AES links with their passwords encrypted), the allow/deny lists,
the address-to-extension map, the API keys (hashed) and the uuiSVR user data. ``await Store.open(url)`` migrates
the database to the newest schema. ``store.py`` opens the ``Store``, whose methods live in one module per set of
tables (``extensions.py``, ``access_rules.py``, ``settings.py``, ``links.py``, ``keys.py``, ``userdata.py``) over
``base.py``; ``checks.py`` validates inputs, ``access.py`` is the allow/deny decision and ``uui.py`` the UUI key
layout.
"""

from callwire_server.store.access import is_allowed
from callwire_server.store.errors import (
    AlreadyExists,
    InvalidValue,
    NotFound,
    StoreError,
    StoreUnavailable,
    UserDataNotFound,
    UserDataTooLarge,
)
from callwire_server.store.records import (
    AccessKind,
    AccessRule,
    AddressMapping,
    AesLink,
    ApiKey,
    NewApiKey,
    Role,
    Setting,
    UserData,
)
from callwire_server.store.store import (
    DEFAULT_USER_DATA_MAX_SIZE,
    DEFAULT_USER_DATA_TTL,
    Store,
    default_url,
)

__all__ = [
    "DEFAULT_USER_DATA_MAX_SIZE",
    "DEFAULT_USER_DATA_TTL",
    "AccessKind",
    "AccessRule",
    "AddressMapping",
    "AesLink",
    "AlreadyExists",
    "ApiKey",
    "InvalidValue",
    "NewApiKey",
    "NotFound",
    "Role",
    "Setting",
    "Store",
    "StoreError",
    "StoreUnavailable",
    "UserData",
    "UserDataNotFound",
    "UserDataTooLarge",
    "default_url",
    "is_allowed",
]
