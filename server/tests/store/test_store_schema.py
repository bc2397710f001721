"""Opening the store: migrations to head, schema equal to the models, options and failures."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, inspect, text
from storetest import Database, OpenStore

from callwire_server.crypto import KEY_ENV, SecretBox
from callwire_server.store import InvalidValue, Store, StoreError, StoreUnavailable, default_url
from callwire_server.store.migrate import alembic_config, current_revision, head_revision
from callwire_server.store.models import Base

TABLES = {
    "access_rules",
    "address_map",
    "aes_links",
    "alembic_version",
    "api_keys",
    "monitored_extensions",
    "settings",
    "user_data",
}


def _schema_diff(conn: Connection) -> list[Any]:
    context = MigrationContext.configure(conn, opts={"compare_type": True, "compare_server_default": True})
    return list(compare_metadata(context, Base.metadata))


async def test_migrated_schema_matches_the_models(store: Store) -> None:
    async with store.engine.connect() as conn:
        assert await conn.run_sync(_schema_diff) == []
        assert await conn.run_sync(current_revision) == head_revision()
        tables = await conn.run_sync(lambda c: set(inspect(c).get_table_names()))
    assert tables == TABLES


async def test_reopening_a_migrated_database_keeps_the_data(open_store: OpenStore) -> None:
    first = await open_store()
    await first.add_extension("60123")
    await first.close()
    second = await open_store()
    assert await second.list_extensions() == ["60123"]


async def test_instances_starting_together_migrate_once(open_store: OpenStore) -> None:
    stores = await asyncio.gather(*(open_store() for _ in range(4)))
    for store in stores:
        assert await store.list_extensions() == []


async def test_backend_settings(database: Database, open_store: OpenStore) -> None:
    store = await open_store()
    async with store.engine.connect() as conn:
        if database.backend == "postgresql":  # the test's own schema holds the tables
            assert (await conn.execute(text("SELECT current_schema()"))).scalar_one() == database.schema
        else:  # SQLite: write-ahead log, so readers never wait for a writer
            assert (await conn.execute(text("PRAGMA journal_mode"))).scalar_one() == "wal"


async def test_default_url_puts_the_database_and_key_in_the_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(KEY_ENV, raising=False)
    data_dir = tmp_path / "data"
    assert default_url(data_dir).startswith("sqlite+aiosqlite:///")
    store = await Store.open(data_dir=data_dir)
    try:
        await store.set_setting("ivr_tlink_01", "secret-value", secret=True)
        assert await store.reveal_setting("ivr_tlink_01") == "secret-value"
    finally:
        await store.close()
    assert (data_dir / "callwire.db").is_file()
    key_file = data_dir / "secret.key"
    assert os.stat(key_file).st_mode & 0o777 == 0o600
    # The key file is reused: what was encrypted before is still readable.
    store = await Store.open(default_url(data_dir))
    try:
        assert await store.reveal_setting("ivr_tlink_01") == "secret-value"
    finally:
        await store.close()


async def test_key_file_beside_the_sqlite_database_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(KEY_ENV, raising=False)
    store = await Store.open(f"sqlite+aiosqlite:///{tmp_path / 'var' / 'cw.db'}")
    await store.close()
    assert (tmp_path / "var" / "secret.key").is_file()


async def test_in_memory_sqlite_works(secret_box: SecretBox) -> None:
    store = await Store.open("sqlite+aiosqlite://", secret_box=secret_box)
    try:
        assert await store.add_extension("101")
        assert await store.list_extensions() == ["101"]
    finally:
        await store.close()


async def test_context_manager_closes(tmp_path: Path, secret_box: SecretBox) -> None:
    async with await Store.open(data_dir=tmp_path, secret_box=secret_box) as store:
        assert await store.add_extension("101")
        assert "callwire.db" in repr(store)


@pytest.mark.parametrize(
    ("url", "kwargs", "field"),
    [
        (None, {}, "url"),
        ("not a url", {}, "url"),
        ("mysql+aiomysql://u:p@localhost/db", {}, "url"),
        ("sqlite+aiosqlite://", {"schema": "x"}, "schema"),
        ("postgresql+asyncpg://u:p@127.0.0.1:1/db", {"schema": "Bad-Name"}, "schema"),
        ("sqlite+aiosqlite://", {"user_data_max_size": 0}, "user_data_max_size"),
    ],
)
async def test_open_rejects_bad_options(
    url: str | None, kwargs: dict[str, Any], field: str, secret_box: SecretBox
) -> None:
    with pytest.raises(InvalidValue) as info:
        await Store.open(url, secret_box=secret_box, **kwargs)
    assert info.value.field == field


async def test_postgres_without_a_key_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(KEY_ENV, raising=False)
    with pytest.raises(StoreError, match=KEY_ENV):
        await Store.open("postgresql+asyncpg://u:p@127.0.0.1:1/db")


async def test_key_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    key = SecretBox.generate_key()
    monkeypatch.setenv(KEY_ENV, key)
    store = await Store.open(data_dir=tmp_path)
    try:
        token = store.secrets.encrypt_password("p@ssword")
    finally:
        await store.close()
    assert SecretBox(key).check_password(token, "p@ssword")
    assert not (tmp_path / "secret.key").exists()


async def test_unreachable_database_is_store_unavailable(secret_box: SecretBox) -> None:
    # Port 1 on the loopback refuses connections; the error is wrapped, the password masked.
    with pytest.raises(StoreUnavailable) as info:
        await Store.open("postgresql+asyncpg://u:hunter2@127.0.0.1:1/db", secret_box=secret_box)
    assert "hunter2" not in str(info.value)


async def test_url_masks_the_password(database: Database, open_store: OpenStore) -> None:
    store = await open_store()
    assert store.url.split("://")[0] == database.url.split("://")[0]
    if database.backend == "postgresql" and ":" in database.url.split("://", 1)[1].split("@", 1)[0]:
        assert ":***@" in store.url


def _downgrade_and_upgrade(conn: Connection) -> list[str]:
    config = alembic_config(conn)
    command.downgrade(config, "base")
    left = sorted(inspect(conn).get_table_names())
    command.upgrade(config, "head")
    return left


async def test_downgrade_to_base_and_back(store: Store) -> None:
    async with store.engine.begin() as conn:
        assert await conn.run_sync(_downgrade_and_upgrade) == ["alembic_version"]
    async with store.engine.connect() as conn:
        assert await conn.run_sync(_schema_diff) == []
    assert await store.add_extension("101")


async def test_database_errors_are_wrapped_without_parameters(store: Store) -> None:
    with pytest.raises(StoreError) as info:
        async with store._tx(write=True) as conn:
            await conn.execute(
                text("INSERT INTO monitored_extensions (extension, created_at) VALUES (:e, NULL)"),
                {"e": "secret-looking-value"},
            )
    assert "constraint violated" in str(info.value)
    assert "secret-looking-value" not in str(info.value)
    assert "secret-looking-value" not in str(info.value.__cause__)
    with pytest.raises(StoreError, match="database error"):
        async with store._tx() as conn:
            await conn.execute(text("SELECT no_such_column FROM monitored_extensions"))
