"""What the store returns: plain frozen dataclasses, never ORM objects (safe to keep after the transaction)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

__all__ = [
    "AccessKind",
    "AccessRule",
    "AddressMapping",
    "AesLink",
    "ApiKey",
    "NewApiKey",
    "Role",
    "Setting",
    "UserData",
]


class AccessKind(StrEnum):
    ALLOW = "ALLOW"  # the reference's whitelist
    DENY = "DENY"  # the reference's blacklist


class Role(StrEnum):
    AGENT = "agent"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"
    #: The legacy gateway's own key: exactly the RPCs the legacy protocol needs (the contracts' `gateway: true`),
    #: beside the agent < supervisor < admin ladder rather than on it.
    GATEWAY = "gateway"


@dataclass(frozen=True, slots=True)
class AccessRule:
    kind: AccessKind
    address: str  # normalised: an address ("10.10.1.220", "2001:db8::1") or a network ("10.10.0.0/16")
    name: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class AddressMapping:
    address: str
    extension: str
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    value: str | None  # None for a secret setting: read it with ``Store.reveal_setting``
    secret: bool
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class AesLink:
    """An AES server; the password is not here: ``Store.link_password(name)`` gives it to the link manager."""

    name: str
    priority: int  # lower is tried first
    host: str
    port: int
    tls: bool
    username: str
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class ApiKey:
    key_id: str
    name: str
    role: Role
    extensions: tuple[str, ...]  # empty: every extension
    created_at: datetime
    revoked_at: datetime | None

    @property
    def active(self) -> bool:
        return self.revoked_at is None

    def allows_extension(self, extension: str) -> bool:
        """Whether the key's scope covers ``extension`` (an unscoped key covers all)."""
        return not self.extensions or extension in self.extensions


@dataclass(frozen=True, slots=True)
class NewApiKey:
    """A created key: ``secret`` is shown to the operator once and is not stored anywhere."""

    key: ApiKey
    secret: str = field(repr=False)


@dataclass(frozen=True, slots=True)
class UserData:
    uui_key: str
    data: str
    extension: str | None
    created_at: datetime
    updated_at: datetime
    expires_at: datetime | None
