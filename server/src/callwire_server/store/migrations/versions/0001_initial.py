"""Initial schema: monitored extensions, access rules, address map, settings, AES links, API keys, user data.

Revision ID: 0001
Revises:
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _timestamp(name: str, *, nullable: bool = False) -> sa.Column[datetime]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "monitored_extensions",
        sa.Column("extension", sa.String(64), nullable=False),
        _timestamp("created_at"),
        sa.PrimaryKeyConstraint("extension", name="pk_monitored_extensions"),
    )
    op.create_table(
        "access_rules",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("address", sa.String(64), nullable=False),
        sa.Column("name", sa.String(128), nullable=False),
        _timestamp("created_at"),
        sa.PrimaryKeyConstraint("id", name="pk_access_rules"),
        sa.UniqueConstraint("kind", "address", name="uq_access_rules_kind_address"),
        sa.CheckConstraint("kind IN ('ALLOW', 'DENY')", name="ck_access_rules_kind"),
    )
    op.create_table(
        "address_map",
        sa.Column("address", sa.String(64), nullable=False),
        sa.Column("extension", sa.String(64), nullable=False),
        _timestamp("updated_at"),
        sa.PrimaryKeyConstraint("address", name="pk_address_map"),
    )
    op.create_table(
        "settings",
        sa.Column("name", sa.String(128), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("secret", sa.Boolean(), server_default=sa.false(), nullable=False),
        _timestamp("updated_at"),
        sa.PrimaryKeyConstraint("name", name="pk_settings"),
    )
    op.create_table(
        "aes_links",
        sa.Column("name", sa.String(128), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("host", sa.String(255), nullable=False),
        sa.Column("port", sa.Integer(), nullable=False),
        sa.Column("tls", sa.Boolean(), nullable=False),
        sa.Column("username", sa.String(128), nullable=False),
        sa.Column("password_encrypted", sa.Text(), nullable=False),
        _timestamp("created_at"),
        _timestamp("updated_at"),
        sa.PrimaryKeyConstraint("name", name="pk_aes_links"),
        sa.CheckConstraint("port > 0 AND port < 65536", name="ck_aes_links_port"),
        sa.CheckConstraint("priority >= 0", name="ck_aes_links_priority"),
    )
    op.create_table(
        "api_keys",
        sa.Column("key_id", sa.String(32), nullable=False),
        sa.Column("name", sa.String(128), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("extensions", sa.JSON(), nullable=False),
        sa.Column("secret_sha256", sa.String(64), nullable=False),
        _timestamp("created_at"),
        _timestamp("revoked_at", nullable=True),
        sa.PrimaryKeyConstraint("key_id", name="pk_api_keys"),
        sa.CheckConstraint("role IN ('agent', 'supervisor', 'admin')", name="ck_api_keys_role"),
    )
    op.create_table(
        "user_data",
        sa.Column("uui_key", sa.String(44), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("extension", sa.String(64), nullable=True),
        _timestamp("created_at"),
        _timestamp("updated_at"),
        _timestamp("expires_at", nullable=True),
        sa.PrimaryKeyConstraint("uui_key", name="pk_user_data"),
    )
    op.create_index("ix_user_data_expires_at", "user_data", ["expires_at"])


def downgrade() -> None:
    op.drop_index("ix_user_data_expires_at", table_name="user_data")
    for table in (
        "user_data",
        "api_keys",
        "aes_links",
        "settings",
        "address_map",
        "access_rules",
        "monitored_extensions",
    ):
        op.drop_table(table)
