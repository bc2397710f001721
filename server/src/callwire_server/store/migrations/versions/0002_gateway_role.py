"""API keys may have the `gateway` role (the legacy gateway's own key, beside agent < supervisor < admin).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_CHECK = "ck_api_keys_role"
_BEFORE = ("agent", "supervisor", "admin")
_AFTER = (*_BEFORE, "gateway")


def _condition(roles: Sequence[str]) -> str:
    return "role IN ({})".format(", ".join(f"'{role}'" for role in roles))


def _api_keys(roles: Sequence[str]) -> sa.Table:
    """The table as 0001 made it, with the role check for `roles`."""
    return sa.Table(
        "api_keys",
        sa.MetaData(),
        sa.Column("key_id", sa.String(32), nullable=False),
        sa.Column("name", sa.String(128), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("extensions", sa.JSON(), nullable=False),
        sa.Column("secret_sha256", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("key_id", name="pk_api_keys"),
        sa.CheckConstraint(_condition(roles), name=_CHECK),
    )


def _set_roles(roles: Sequence[str]) -> None:
    if op.get_bind().dialect.name == "sqlite":
        # SQLite cannot alter a CHECK constraint (and batch mode does not reflect them): copy the table whole.
        with op.batch_alter_table("api_keys", copy_from=_api_keys(roles), recreate="always"):
            pass
    else:
        # 0001 ran under the models' naming convention, which prefixed its explicit name once more on PostgreSQL
        # (ck_api_keys_ck_api_keys_role); drop whichever of the two names the database has, create the plain one.
        for name in (f"ck_api_keys_{_CHECK}", _CHECK):
            op.execute(f'ALTER TABLE api_keys DROP CONSTRAINT IF EXISTS "{name}"')
        op.create_check_constraint(op.f(_CHECK), "api_keys", _condition(roles))


def upgrade() -> None:
    _set_roles(_AFTER)


def downgrade() -> None:
    op.execute("DELETE FROM api_keys WHERE role = 'gateway'")
    _set_roles(_BEFORE)
