"""Settings (plain and secret) and AES links (passwords encrypted, never listed)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select
from storetest import Clock, OpenStore

from callwire_server.crypto import SecretBox
from callwire_server.store import AlreadyExists, InvalidValue, NotFound, Store, StoreError
from callwire_server.store.models import AesLinkRow, SettingRow

# --- settings -----------------------------------------------------------------------------------------------------


async def test_set_get_list_delete(store: Store, clock: Clock) -> None:
    await store.set_setting("ivr_custdatamaxsize", "2048")
    await store.set_setting("ivr_uuisvr", "10.1.1.5:5100")
    setting = await store.get_setting("ivr_custdatamaxsize")
    assert (setting.name, setting.value, setting.secret, setting.updated_at) == (
        "ivr_custdatamaxsize",
        "2048",
        False,
        clock.now,
    )
    clock.advance(timedelta(seconds=5))
    await store.set_setting("ivr_custdatamaxsize", "8192")
    setting = await store.get_setting("ivr_custdatamaxsize")
    assert (setting.value, setting.updated_at) == ("8192", clock.now)
    assert [s.name for s in await store.list_settings()] == ["ivr_custdatamaxsize", "ivr_uuisvr"]
    assert await store.get_setting_value("ivr_uuisvr") == "10.1.1.5:5100"
    assert await store.delete_setting("ivr_uuisvr") is True
    assert await store.delete_setting("ivr_uuisvr") is False
    assert await store.get_setting_value("ivr_uuisvr", "none") == "none"
    with pytest.raises(NotFound) as info:
        await store.get_setting("ivr_uuisvr")
    assert (info.value.kind, info.value.key) == ("setting", "ivr_uuisvr")


async def test_secret_settings_are_encrypted_and_listed_without_value(store: Store) -> None:
    await store.set_setting("ivr_licensekey", "Bbshtj3sohqSKqqY41wM/qG6zSKvJNh+nrxy4zGXfDM=", secret=True)
    setting = await store.get_setting("ivr_licensekey")
    assert setting.secret
    assert setting.value is None
    assert [(s.name, s.value, s.secret) for s in await store.list_settings()] == [("ivr_licensekey", None, True)]
    assert await store.reveal_setting("ivr_licensekey") == "Bbshtj3sohqSKqqY41wM/qG6zSKvJNh+nrxy4zGXfDM="
    assert await store.get_setting_value("ivr_licensekey") == "Bbshtj3sohqSKqqY41wM/qG6zSKvJNh+nrxy4zGXfDM="
    async with store.engine.connect() as conn:
        stored = (await conn.execute(select(SettingRow.value))).scalar_one()
    assert "Bbshtj3" not in stored
    # Turning a secret setting into a plain one stores the new value in clear.
    await store.set_setting("ivr_licensekey", "public")
    assert (await store.get_setting("ivr_licensekey")).value == "public"


@pytest.mark.parametrize("bad", ["", "has space", "x" * 129, "semi;colon"])
async def test_setting_name_is_validated(store: Store, bad: str) -> None:
    with pytest.raises(InvalidValue) as info:
        await store.set_setting(bad, "v")
    assert info.value.field == "name"


async def test_setting_value_is_validated(store: Store) -> None:
    with pytest.raises(InvalidValue) as info:
        await store.set_setting("name", "nul\x00byte")
    assert info.value.field == "value"


async def test_secret_under_another_key_is_a_store_error(open_store: OpenStore) -> None:
    store = await open_store()
    await store.set_setting("s", "v", secret=True)
    await store.add_link("aes1", host="aes1.example", port=4722, username="cti", password="pw")
    other = await open_store(secret_box=SecretBox(SecretBox.generate_key()))
    with pytest.raises(StoreError, match="cannot decrypt"):
        await other.reveal_setting("s")
    with pytest.raises(StoreError, match="cannot decrypt"):
        await other.link_password("aes1")


# --- AES links ---------------------------------------------------------------------------------------------------


async def test_links_add_list_update_delete(store: Store, clock: Clock) -> None:
    second = await store.add_link(
        "AVAYA#AVAYA_ECS#CSTA#AES2", host="10.1.1.12", port=4722, username="cti", password="p@ss2", priority=2
    )
    first = await store.add_link(
        "AVAYA#AVAYA_ECS#CSTA#AES1",
        host="10.1.1.11",
        port=4721,
        username="cti",
        password="p@ss1",
        priority=1,
        tls=False,
    )
    assert (first.priority, first.tls, first.port) == (1, False, 4721)
    assert second.tls is True
    assert [link.name for link in await store.list_links()] == [
        "AVAYA#AVAYA_ECS#CSTA#AES1",
        "AVAYA#AVAYA_ECS#CSTA#AES2",
    ]
    assert await store.link_password("AVAYA#AVAYA_ECS#CSTA#AES1") == "p@ss1"

    clock.advance(timedelta(minutes=1))
    updated = await store.update_link("AVAYA#AVAYA_ECS#CSTA#AES2", priority=0, password="new", host="aes2.example")
    assert (updated.priority, updated.host, updated.port, updated.username) == (0, "aes2.example", 4722, "cti")
    assert updated.updated_at == clock.now
    assert updated.created_at == second.created_at
    assert await store.link_password("AVAYA#AVAYA_ECS#CSTA#AES2") == "new"
    assert (await store.list_links())[0].name == "AVAYA#AVAYA_ECS#CSTA#AES2"
    updated = await store.update_link("AVAYA#AVAYA_ECS#CSTA#AES2", port=443, username="other", tls=False)
    assert (updated.port, updated.username, updated.tls) == (443, "other", False)
    assert await store.get_link("AVAYA#AVAYA_ECS#CSTA#AES2") == updated

    assert await store.delete_link("AVAYA#AVAYA_ECS#CSTA#AES2") is True
    assert await store.delete_link("AVAYA#AVAYA_ECS#CSTA#AES2") is False
    assert [link.name for link in await store.list_links()] == ["AVAYA#AVAYA_ECS#CSTA#AES1"]


async def test_link_passwords_are_encrypted_and_never_in_records(store: Store) -> None:
    link = await store.add_link("aes", host="h", port=4721, username="u", password="p@ssword")
    assert "p@ssword" not in repr(link)
    assert not hasattr(link, "password")
    assert all("p@ssword" not in repr(x) for x in await store.list_links())
    async with store.engine.connect() as conn:
        stored = (await conn.execute(select(AesLinkRow.password_encrypted))).scalar_one()
    assert "p@ssword" not in stored
    assert store.secrets.decrypt(stored) == "p@ssword"


async def test_link_errors(store: Store) -> None:
    await store.add_link("aes", host="h", port=4721, username="u", password="p")
    with pytest.raises(AlreadyExists) as exists:
        await store.add_link("aes", host="h2", port=4721, username="u", password="p")
    assert exists.value.key == "aes"
    for call in (store.update_link("nope", port=1), store.link_password("nope"), store.get_link("nope")):
        with pytest.raises(NotFound):
            await call
    cases: list[tuple[dict[str, Any], str]] = [
        ({"port": 0}, "port"),
        ({"port": 65536}, "port"),
        ({"priority": -1}, "priority"),
        ({"host": ""}, "host"),
        ({"username": " "}, "username"),
    ]
    for kwargs, field in cases:
        values: dict[str, Any] = {"host": "h", "port": 4721, "username": "u", "password": "p"} | kwargs
        with pytest.raises(InvalidValue) as info:
            await store.add_link("new", **values)
        assert info.value.field == field
        with pytest.raises(InvalidValue):
            await store.update_link("aes", **kwargs)
    with pytest.raises(InvalidValue) as info:
        await store.add_link("", host="h", port=1, username="u", password="p")
    assert info.value.field == "name"
