"""Monitored extensions, including two instances racing on one database."""

from __future__ import annotations

import asyncio

import pytest
from storetest import OpenStore

from callwire_server.store import InvalidValue, Store


async def test_add_is_idempotent_and_reports_new(store: Store) -> None:
    assert await store.add_extension("66711") is True
    assert await store.add_extension("66711") is False
    assert await store.has_extension("66711")
    assert not await store.has_extension("66712")


async def test_list_is_sorted(store: Store) -> None:
    for ext in ["66910", "61451", "101", "66711", "T13815#2", "61450", "66820"]:
        await store.add_extension(ext)
    assert await store.list_extensions() == ["101", "61450", "61451", "66711", "66820", "66910", "T13815#2"]


async def test_delete_reports_whether_it_existed(store: Store) -> None:
    await store.add_extension("101")
    assert await store.delete_extension("101") is True
    assert await store.delete_extension("101") is False
    assert await store.list_extensions() == []


async def test_surrounding_spaces_are_trimmed(store: Store) -> None:
    assert await store.add_extension(" 101 ")
    assert await store.list_extensions() == ["101"]


@pytest.mark.parametrize("bad", ["", " ", "1 01", "x" * 65, "101;drop", "10\n1"])
async def test_invalid_extension_names_the_field(store: Store, bad: str) -> None:
    with pytest.raises(InvalidValue) as info:
        await store.add_extension(bad)
    assert info.value.field == "extension"
    with pytest.raises(InvalidValue):
        await store.delete_extension(bad)


async def test_two_instances_add_the_same_extension_concurrently(open_store: OpenStore) -> None:
    first, second = await open_store(), await open_store()
    for round_ in range(10):
        ext = f"7{round_:04d}"
        results = await asyncio.gather(
            first.add_extension(ext), second.add_extension(ext), first.add_extension(ext), second.add_extension(ext)
        )
        assert sorted(results) == [False, False, False, True]
    assert len(await first.list_extensions()) == 10
    deleted = await asyncio.gather(*(s.delete_extension("70000") for s in (first, second, first, second)))
    assert sorted(deleted) == [False, False, False, True]


async def test_many_concurrent_writers(open_store: OpenStore) -> None:
    stores = [await open_store() for _ in range(3)]
    await asyncio.gather(*(s.add_extension(str(1000 + i)) for i in range(20) for s in stores))
    assert await stores[0].list_extensions() == [str(1000 + i) for i in range(20)]
