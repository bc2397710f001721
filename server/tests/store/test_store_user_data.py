"""uuiSVR user data: set returns a UUI key, get/update by key, size limit, expiry and purge."""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, datetime, timedelta

import pytest
from storetest import Clock, OpenStore

from callwire_server.store import (
    DEFAULT_USER_DATA_MAX_SIZE,
    InvalidValue,
    NotFound,
    Store,
    UserDataNotFound,
    UserDataTooLarge,
)
from callwire_server.store.uui import new_uui_key, normalise_uui_key

REFERENCE_KEY = "FCCCCCCC0000000156A853617F00000113EC00000005"
KEY_RE = re.compile(r"FCCCCCCC00000001[0-9A-F]{28}")


def test_key_layout() -> None:
    now = datetime(2016, 1, 27, 5, 36, 33, tzinfo=UTC)
    key = new_uui_key(now)
    assert len(key) == len(REFERENCE_KEY) == 44
    assert KEY_RE.fullmatch(key)
    assert int(key[16:24], 16) == int(now.timestamp())
    assert int(REFERENCE_KEY[16:24], 16) == 0x56A85361  # the reference's time field, January 2016
    assert new_uui_key(now) != key
    assert normalise_uui_key(" " + REFERENCE_KEY.lower()) == REFERENCE_KEY


async def test_set_get_update(store: Store, clock: Clock) -> None:
    key = await store.set_user_data("set data", extension="101")
    assert KEY_RE.fullmatch(key)
    got = await store.get_user_data(key)
    assert (got.uui_key, got.data, got.extension, got.created_at) == (key, "set data", "101", clock.now)
    assert got.expires_at == clock.now + timedelta(hours=24)
    clock.advance(timedelta(minutes=1))
    updated = await store.update_user_data(key.lower(), "upate data")
    assert (updated.data, updated.updated_at, updated.expires_at) == ("upate data", clock.now, got.expires_at)
    assert (await store.get_user_data(key)).data == "upate data"
    assert await store.delete_user_data(key) is True
    assert await store.delete_user_data(key) is False


async def test_keys_are_unique(store: Store) -> None:
    keys = await asyncio.gather(*(store.set_user_data(f"d{i}") for i in range(50)))
    assert len(set(keys)) == 50


async def test_unknown_key(store: Store) -> None:
    with pytest.raises(UserDataNotFound) as info:
        await store.get_user_data(REFERENCE_KEY)
    assert info.value.key == REFERENCE_KEY
    with pytest.raises(UserDataNotFound):
        await store.update_user_data(REFERENCE_KEY, "x")
    assert isinstance(info.value, NotFound)


@pytest.mark.parametrize("bad", ["", "FCCC", REFERENCE_KEY + "0", REFERENCE_KEY[:-1] + "G"])
async def test_malformed_key(store: Store, bad: str) -> None:
    with pytest.raises(InvalidValue) as info:
        await store.get_user_data(bad)
    assert info.value.field == "uui_key"
    with pytest.raises(InvalidValue):
        await store.update_user_data(bad, "x")


async def test_size_limit_counts_utf8_bytes(store: Store) -> None:
    assert store.user_data_max_size == DEFAULT_USER_DATA_MAX_SIZE == 4096
    await store.set_user_data("x" * 4096)
    with pytest.raises(UserDataTooLarge) as info:
        await store.set_user_data("é" * 2049)  # 4098 bytes
    assert (info.value.size, info.value.limit, info.value.field) == (4098, 4096, "data")
    assert "4096" in str(info.value)
    key = await store.set_user_data("small")
    with pytest.raises(UserDataTooLarge):
        await store.update_user_data(key, "x" * 4097)
    assert (await store.get_user_data(key)).data == "small"


async def test_configured_size_limit(open_store: OpenStore) -> None:
    store = await open_store(user_data_max_size=10)
    await store.set_user_data("0123456789")
    with pytest.raises(UserDataTooLarge, match="limit of 10 bytes"):
        await store.set_user_data("0123456789A")
    store.user_data_max_size = 20
    await store.set_user_data("0123456789A")


async def test_expiry_and_purge(store: Store, clock: Clock) -> None:
    short = await store.set_user_data("short", ttl=timedelta(seconds=30))
    long = await store.set_user_data("long", ttl=timedelta(hours=1))
    forever = await store.set_user_data("forever", ttl=None)
    clock.advance(timedelta(seconds=29))
    assert (await store.get_user_data(short)).data == "short"
    clock.advance(timedelta(seconds=1))
    with pytest.raises(UserDataNotFound):
        await store.get_user_data(short)
    with pytest.raises(UserDataNotFound):
        await store.update_user_data(short, "revive")
    # An update may extend the lifetime from now.
    extended = await store.update_user_data(long, "long", ttl=timedelta(hours=2))
    assert extended.expires_at == clock.now + timedelta(hours=2)
    assert await store.purge_expired() == 1
    assert await store.purge_expired() == 0
    clock.advance(timedelta(days=365))
    assert (await store.get_user_data(forever)).expires_at is None
    assert await store.purge_expired() == 1
    with pytest.raises(UserDataNotFound):
        await store.get_user_data(long)


async def test_validation(store: Store) -> None:
    with pytest.raises(InvalidValue) as info:
        await store.set_user_data("x", ttl=timedelta(0))
    assert info.value.field == "ttl"
    with pytest.raises(InvalidValue) as info:
        await store.set_user_data("x", extension="bad ext")
    assert info.value.field == "extension"
    with pytest.raises(InvalidValue) as info:
        await store.set_user_data("nul\x00")
    assert info.value.field == "data"


async def test_delimiters_and_unicode_round_trip(store: Store) -> None:
    data = 'acct=123|name=Zoë, "VIP"\n中文'
    key = await store.set_user_data(data)
    assert (await store.get_user_data(key)).data == data


async def test_two_instances_share_user_data(open_store: OpenStore) -> None:
    first, second = await open_store(), await open_store()
    key = await first.set_user_data("from first", extension="101")
    assert (await second.get_user_data(key)).data == "from first"
    await second.update_user_data(key, "from second")
    assert (await first.get_user_data(key)).data == "from second"
