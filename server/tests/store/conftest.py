"""Store test fixtures: every store test runs on SQLite (a file in a temp dir) and on PostgreSQL.

PostgreSQL comes from ``CALLWIRE_TEST_PG_URL`` (e.g. ``postgresql+asyncpg://callwire:callwire@127.0.0.1:5432/
callwire_test``). Without it the PostgreSQL cases are skipped, unless ``CI`` is set: CI always provides the server,
so there a missing URL fails the tests instead of hiding them. Each PostgreSQL test gets its own schema, dropped
afterwards; each SQLite test its own file.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine
from storetest import Clock, Database, OpenStore, pg_url

from callwire_server.crypto import SecretBox
from callwire_server.store import Store


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
async def database(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    if request.param == "sqlite":
        yield Database("sqlite", f"sqlite+aiosqlite:///{tmp_path / 'db' / 'callwire.db'}", None, tmp_path)
        return
    url = pg_url()
    schema = f"cwtest_{uuid.uuid4().hex[:16]}"
    try:
        yield Database("postgresql", url, schema, tmp_path)
    finally:
        engine = create_async_engine(url)
        try:
            async with engine.begin() as conn:
                await conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        finally:
            await engine.dispose()


@pytest.fixture
def secret_box() -> SecretBox:
    return SecretBox(SecretBox.generate_key())


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def open_store(database: Database, secret_box: SecretBox, clock: Clock) -> AsyncIterator[OpenStore]:
    """A factory of stores on the test's database (several instances for concurrency tests); all closed at the end."""
    opened: list[Store] = []

    async def factory(**kwargs: object) -> Store:
        options: dict[str, object] = {"schema": database.schema, "secret_box": secret_box, "clock": clock}
        options.update(kwargs)
        store = await Store.open(database.url, **options)  # type: ignore[arg-type]
        opened.append(store)
        return store

    yield factory
    for store in opened:
        await store.close()


@pytest.fixture
async def store(open_store: OpenStore) -> Store:
    return await open_store()
