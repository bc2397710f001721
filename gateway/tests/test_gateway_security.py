"""The allow/deny lists and address map of the store apply to every legacy client; console credentials."""

from __future__ import annotations

from typing import Any

import aiohttp
import pytest
from gwstack import Stack, open_client
from websockets.exceptions import InvalidStatus

from callwire.admin.v1 import enums_pb2 as admin_enums
from callwire.admin.v1 import message_pb2 as admin_msg
from callwire.admin.v1 import request_response_pb2 as admin_rr
from callwire.admin.v1 import service_pb2_grpc as admin_grpc

ALLOW, DENY = admin_enums.ACCESS_RULE_KIND_ALLOW, admin_enums.ACCESS_RULE_KIND_DENY
GOOD = {"id": "1", "request": "svrinfo"}


async def _rule(stack: Stack, kind: Any, address: str) -> None:
    admin = admin_grpc.AdminServiceStub(stack.channel)
    await admin.AddAccessRule(admin_rr.AddAccessRuleRequest(rule=admin_msg.AccessRule(kind=kind, address=address)))


async def _drop(stack: Stack, kind: Any, address: str) -> None:
    admin = admin_grpc.AdminServiceStub(stack.channel)
    await admin.DeleteAccessRule(admin_rr.DeleteAccessRuleRequest(kind=kind, address=address))


async def _allowed(stack: Stack) -> bool:
    async with aiohttp.ClientSession() as http, http.get(f"{stack.rest_url}/svrinfo?id=1") as resp:
        body = await resp.json()
        rest_ok = resp.status == 200
        if not rest_ok:
            assert resp.status == 403
            assert body["result"] == "fail"
            assert body["error"].startswith("permission denied")
    try:
        client = await open_client(stack)
    except InvalidStatus as exc:
        status = exc.response.status_code
        ws_ok = False
        assert status == 403
    else:
        ws_ok = (await client.request(GOOD))["result"] == "success"
        await client.close()
    assert rest_ok == ws_ok
    return rest_ok


async def test_deny_allow_rules(stack: Stack) -> None:
    assert await _allowed(stack)  # no rules: open
    await _rule(stack, DENY, "127.0.0.1")
    assert not await _allowed(stack)
    await _drop(stack, DENY, "127.0.0.1")
    assert await _allowed(stack)
    await _rule(stack, ALLOW, "10.0.0.0/8")  # an allow list without us
    assert not await _allowed(stack)
    await _rule(stack, ALLOW, "127.0.0.1")
    assert await _allowed(stack)
    await _rule(stack, DENY, "127.0.0.0/8")  # deny wins over allow
    assert not await _allowed(stack)


async def test_rules_apply_to_open_connections(stack: Stack) -> None:
    client = await open_client(stack)
    try:
        assert (await client.request(GOOD))["result"] == "success"
        await _rule(stack, DENY, "127.0.0.1")
        resp = await client.request(GOOD)
        assert resp["result"] == "fail"
        assert resp["error"] == "permission denied: address 127.0.0.1 is on the deny list"
    finally:
        await client.close()


async def test_myextension_uses_the_address_map(stack: Stack) -> None:
    client = await open_client(stack)
    try:
        resp = await client.request({"id": "44", "request": "myextension"})
        assert resp["result"] == "fail"
        assert resp["error"].startswith("not found")
        admin = admin_grpc.AdminServiceStub(stack.channel)
        mapping = admin_msg.AddressMapping(address="127.0.0.1", extension="61450")
        await admin.SetAddressMapping(admin_rr.SetAddressMappingRequest(mapping=mapping))
        resp = await client.request({"id": "44", "request": "myextension"})
        assert resp == {"msgtype": "response", "id": "44", "result": "success", "extension": "61450"}
    finally:
        await client.close()


async def _configured(stack: Stack) -> list[str]:
    admin = admin_grpc.AdminServiceStub(stack.channel)
    return [e.extension for e in (await admin.ListExtensions(admin_rr.ListExtensionsRequest())).extensions]


@pytest.mark.parametrize(
    ("username", "password"), [("tcpgate", "tcpgate01"), ("tcpgate", "WRONG"), ("root", None), ("", None)]
)
async def test_add_and_delete_extension_check_console_credentials(
    stack: Stack, username: str, password: str | None
) -> None:
    admin = admin_grpc.AdminServiceStub(stack.channel)
    real = (await admin.EncryptPassword(admin_rr.EncryptPasswordRequest(password="tcpgate01"))).encrypted_password
    other = (await admin.EncryptPassword(admin_rr.EncryptPasswordRequest(password="WRONG"))).encrypted_password
    passwd = real if password in (None, "tcpgate01") else other
    valid = username == "tcpgate" and password == "tcpgate01"
    client = await open_client(stack)
    try:
        before = await _configured(stack)
        add = {"id": "46", "request": "addextension", "username": username, "passwd": passwd, "extension": "110"}
        resp = await client.request(add)
        after = await _configured(stack)
        if valid:
            assert resp["error"] == "The command completed successfully."
            assert "110" in after
        else:
            assert resp["result"] == "fail"
            assert resp["error"].startswith(("unauthenticated", "invalid request"))
            assert after == before  # wrong credentials change nothing
            await admin.AddExtension(admin_rr.AddExtensionRequest(extension="110"))
        resp = await client.request({**add, "id": "47", "request": "delextension"})
        assert (resp["result"] == "success") == valid
        assert ("110" in await _configured(stack)) != valid
    finally:
        await client.close()
