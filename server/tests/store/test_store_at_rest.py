"""Data at rest: the SQLite files and the key file are private to the service user, and user data (what callers
typed into an IVR) is encrypted with the secret key, so a copy of the database does not disclose it."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from sqlalchemy import text
from storetest import Clock, Database

from callwire_server.crypto import SecretBox
from callwire_server.store import Store, StoreError

CARD = "4111 1111 1111 1111"

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


async def test_sqlite_files_are_private(tmp_path: Path) -> None:
    data_dir = tmp_path / "var"
    store = await Store.open(f"sqlite+aiosqlite:///{data_dir}/callwire.db", data_dir=data_dir)
    try:
        await store.set_user_data(CARD)
        db = data_dir / "callwire.db"
        assert _mode(data_dir) == 0o700
        assert _mode(db) == 0o600
        assert _mode(data_dir / "secret.key") == 0o600
        wal, shm = Path(f"{db}-wal"), Path(f"{db}-shm")
        assert _mode(wal) == 0o600  # stat fails if SQLite made no WAL
        assert _mode(shm) == 0o600
    finally:
        await store.close()


async def test_files_an_older_version_left_readable_are_narrowed(tmp_path: Path) -> None:
    db = tmp_path / "callwire.db"
    store = await Store.open(f"sqlite+aiosqlite:///{db}", data_dir=tmp_path)
    await store.set_user_data("x")
    await store.close()
    for path in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        if path.exists():
            path.chmod(0o644)
    store = await Store.open(f"sqlite+aiosqlite:///{db}", data_dir=tmp_path)
    try:
        assert _mode(db) == 0o600
        for path in (Path(f"{db}-wal"), Path(f"{db}-shm")):
            if path.exists():
                assert _mode(path) == 0o600
    finally:
        await store.close()


async def test_user_data_is_encrypted_at_rest(store: Store, database: Database) -> None:
    key = await store.set_user_data(CARD, extension="101")
    assert (await store.get_user_data(key)).data == CARD
    async with store.engine.connect() as conn:
        raw = (await conn.execute(text("SELECT data FROM user_data"))).scalar_one()
    assert raw.startswith("fernet:")
    assert CARD not in raw
    updated = await store.update_user_data(key, CARD + " exp 12/29")
    assert updated.data == CARD + " exp 12/29"
    if database.backend == "sqlite":
        # Nothing of the card number anywhere in the files (database, WAL) either.
        for path in database.data_dir.rglob("callwire.db*"):
            assert CARD.encode() not in path.read_bytes(), path


async def test_user_data_written_before_encryption_still_reads(store: Store) -> None:
    key = await store.set_user_data("placeholder")
    async with store.engine.begin() as conn:
        await conn.execute(text("UPDATE user_data SET data = :plain"), {"plain": "written in clear"})
    assert (await store.get_user_data(key)).data == "written in clear"


async def test_user_data_under_another_key_is_a_clear_error(store: Store, database: Database, clock: Clock) -> None:
    key = await store.set_user_data(CARD)
    other_key = SecretBox(SecretBox.generate_key())
    other = await Store.open(database.url, schema=database.schema, secret_box=other_key, clock=clock)
    try:
        with pytest.raises(StoreError, match="encrypted with another secret key"):
            await other.get_user_data(key)
    finally:
        await other.close()
