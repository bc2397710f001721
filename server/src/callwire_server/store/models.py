"""The store's tables, as SQLAlchemy 2 declarative models.

Every schema change needs a migration in ``migrations/versions`` that brings the database to exactly these models;
``tests/store`` checks it with Alembic's ``compare_metadata`` on SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    DateTime,
    Dialect,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

__all__ = [
    "AccessRuleRow",
    "AddressMapRow",
    "AesLinkRow",
    "ApiKeyRow",
    "Base",
    "MonitoredExtensionRow",
    "SettingRow",
    "UserDataRow",
    "UtcDateTime",
]

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

EXTENSION_LEN = 64
ADDRESS_LEN = 64  # an IPv6 network in text form is at most 43 characters
NAME_LEN = 128


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC ``datetime`` on every backend.

    PostgreSQL stores ``timestamp with time zone``; SQLite has no time zone, so values are stored as naive UTC
    (text that sorts in time order) and given back with ``tzinfo=UTC``. Naive values are refused.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; use an aware (UTC) datetime")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)

    def copy(self, **kw: Any) -> UtcDateTime:
        return UtcDateTime()


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UtcDateTime()}


class MonitoredExtensionRow(Base):
    """Extensions the server monitors (``add extension`` / ``addextension``)."""

    __tablename__ = "monitored_extensions"

    extension: Mapped[str] = mapped_column(String(EXTENSION_LEN), primary_key=True)
    created_at: Mapped[datetime]


class AccessRuleRow(Base):
    """The allow and deny lists (``add whitelist`` / ``add blacklist``): an address or CIDR network and a label."""

    __tablename__ = "access_rules"
    __table_args__ = (
        UniqueConstraint("kind", "address"),
        CheckConstraint("kind IN ('ALLOW', 'DENY')", name="kind"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(8))
    address: Mapped[str] = mapped_column(String(ADDRESS_LEN))
    name: Mapped[str] = mapped_column(String(NAME_LEN))
    created_at: Mapped[datetime]


class AddressMapRow(Base):
    """The address-to-extension map (``ipextnmap``), answered by the legacy ``myextension`` request."""

    __tablename__ = "address_map"

    address: Mapped[str] = mapped_column(String(ADDRESS_LEN), primary_key=True)
    extension: Mapped[str] = mapped_column(String(EXTENSION_LEN))
    updated_at: Mapped[datetime]


class SettingRow(Base):
    """Named string parameters (``update parameter <name> <value>``); secret ones hold a Fernet token."""

    __tablename__ = "settings"

    name: Mapped[str] = mapped_column(String(NAME_LEN), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    secret: Mapped[bool] = mapped_column(Boolean, server_default=false())
    updated_at: Mapped[datetime]


class AesLinkRow(Base):
    """The AES servers to connect to, tried in ascending ``priority`` (the reference's ``ivr_tlink_01/02``)."""

    __tablename__ = "aes_links"
    __table_args__ = (
        CheckConstraint("port > 0 AND port < 65536", name="port"),
        CheckConstraint("priority >= 0", name="priority"),
    )

    name: Mapped[str] = mapped_column(String(NAME_LEN), primary_key=True)
    priority: Mapped[int] = mapped_column(Integer)
    host: Mapped[str] = mapped_column(String(255))
    port: Mapped[int] = mapped_column(Integer)
    tls: Mapped[bool] = mapped_column(Boolean)
    username: Mapped[str] = mapped_column(String(NAME_LEN))
    password_encrypted: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class ApiKeyRow(Base):
    """Bearer API keys. Only the SHA-256 of the secret is kept; ``key_id`` is the public part of the secret."""

    __tablename__ = "api_keys"
    __table_args__ = (CheckConstraint("role IN ('agent', 'supervisor', 'admin', 'gateway')", name="role"),)

    key_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME_LEN))
    role: Mapped[str] = mapped_column(String(16))
    extensions: Mapped[list[str]] = mapped_column(JSON)
    secret_sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]


class UserDataRow(Base):
    """uuiSVR user data: a string stored under a UUI key that travels with the call as UUI."""

    __tablename__ = "user_data"

    uui_key: Mapped[str] = mapped_column(String(44), primary_key=True)
    data: Mapped[str] = mapped_column(Text)
    extension: Mapped[str | None] = mapped_column(String(EXTENSION_LEN))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    expires_at: Mapped[datetime | None] = mapped_column(index=True)
