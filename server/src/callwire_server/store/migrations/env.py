"""Alembic environment of the store.

``Store.open`` runs the migrations itself, passing its connection in ``config.attributes["connection"]``. For a
developer running the ``alembic`` command line (for instance ``alembic revision --autogenerate``), a URL in
``sqlalchemy.url`` or in the ``CALLWIRE_STORE_URL`` environment variable is used instead.
"""

from __future__ import annotations

import asyncio
import os

from alembic import context
from sqlalchemy import Connection, pool
from sqlalchemy.ext.asyncio import create_async_engine

from callwire_server.store.models import Base

config = context.config
target_metadata = Base.metadata


def _configure_and_run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url") or os.environ["CALLWIRE_STORE_URL"],
        target_metadata=target_metadata,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()


async def _run_with_url(url: str) -> None:
    engine = create_async_engine(url, poolclass=pool.NullPool)
    try:
        async with engine.begin() as conn:
            await conn.run_sync(_configure_and_run)
    finally:
        await engine.dispose()


def run_migrations_online() -> None:
    connection: Connection | None = config.attributes.get("connection")
    if connection is not None:
        _configure_and_run(connection)
    else:
        asyncio.run(_run_with_url(config.get_main_option("sqlalchemy.url") or os.environ["CALLWIRE_STORE_URL"]))


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
