"""Every request example of the reference, over WebSocket and over REST, against the embedded default.

Each example of `tests/data/reference.json` is sent as written (values the demo site cannot honour as
written, such as a trunk party or a call ID, are replaced by the live ones), after putting the demo switch
in the state the request needs. Every response must succeed and have exactly the reference response's keys,
in its order, with its JSON types (recursively for lists); deterministic values are checked too.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
import pytest
from gwstack import REFERENCE, Client, Stack, open_client

from callwire.admin.v1 import message_pb2 as admin_msg
from callwire.admin.v1 import request_response_pb2 as admin_rr
from callwire.admin.v1 import service_pb2_grpc as admin_grpc

Send = Callable[[dict[str, Any]], Awaitable[dict[str, Any]]]


def _examples(request: str, type_: str | None = None) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    for entry in REFERENCE["requests"]:
        if entry["request"] == request and (type_ is None or entry.get("type") == type_):
            return entry["examples"], entry["responses"][-1]
    raise KeyError(request)


def _type(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    return {str: "string", int: "number", float: "number", list: "array", dict: "object"}.get(type(value), "null")


def assert_shape(got: Any, want: Any, path: str = "") -> None:
    """Same keys in the same order with the same JSON types, recursively (lists: each item like the first)."""
    assert _type(got) == _type(want), f"{path or 'response'}: {_type(got)} != {_type(want)} ({got!r})"
    if isinstance(want, dict):
        assert list(got) == list(want), f"{path or 'response'} keys: {list(got)} != {list(want)}"
        for key in want:
            assert_shape(got[key], want[key], f"{path}.{key}")
    elif isinstance(want, list) and want:
        for i, item in enumerate(got):
            assert_shape(item, want[0], f"{path}[{i}]")


class Checker:
    def __init__(self, stack: Stack, send: Send, events: Client) -> None:
        self.stack = stack
        self.send = send
        self.events = events
        self.covered: set[tuple[str, str | None, int]] = set()

    async def example(
        self, request: str, index: int = 0, *, type_: str | None = None, **override: Any
    ) -> dict[str, Any]:
        examples, response = _examples(request, type_)
        body = {**examples[index], **override}
        got = await self.send(body)
        assert got["result"] == "success", (body, got)
        assert got["msgtype"] == "response"
        assert got["id"] == body["id"]
        assert_shape(got, response)
        self.covered.add((request, type_, index))
        return got

    async def plain(self, body: dict[str, Any]) -> dict[str, Any]:
        got = await self.send({"id": "x", **body})
        assert got["result"] == "success", (body, got)
        return got

    async def wait(self, eventtype: str, **match: Any) -> dict[str, Any]:
        while True:
            event = await self.events.event(eventtype)
            if all(event.get(k) == v for k, v in match.items()):
                return event

    async def trunk_party(self, extension: str) -> str:
        snap = await self.plain({"request": "snapshot", "extension": extension})
        for call in snap["list"]:
            for party in call["party"]:
                if party["extension"].startswith("T"):
                    return str(party["extension"])
        raise AssertionError(f"no trunk party at {extension}: {snap}")

    async def idle(self, *extensions: str) -> None:
        for extension in extensions:
            snap = await self.plain({"request": "snapshot", "extension": extension})
            if snap["numcall"]:
                await self.plain({"request": "clearcall", "extension": extension})
        self.events.drain_events()


async def run_every_example(stack: Stack, send: Send) -> set[tuple[str, str | None, int]]:
    stack.switch.far_end.script("67896789", answer_after_ms=50)
    stack.switch.far_end.script("912345678", answer_after_ms=50)
    monitor = await open_client(stack)
    c = Checker(stack, send, monitor)
    try:
        for ext in ("101", "102", "61451", "103"):
            assert (await monitor.request({"id": "m", "request": "startmonitor", "extension": ext}))["result"] == (
                "success"
            )
        await c.example("startmonitor")
        await c.example("stopmonitor")
        await c.example("startmonitor")

        # Agent
        await c.example("login")
        for i in range(4):
            await c.example("setstate", i)
        state = await c.example("queryagentstate")
        assert state["skillmode"] == "auto"

        # Queries with deterministic demo answers
        assert (await c.example("querydevicename"))["name"] == "Peter"
        await c.example("queryacdsplit")
        logins = await c.example("queryagentlogin")
        assert {"extension": "101"} in logins["list"]
        assert logins["numextension"] == len(logins["list"])
        await c.example("querycallclassifier")
        tod = await c.example("querytimeofday")
        assert 0 <= tod["year"] < 100
        assert (await c.example("querydonotdisturb"))["dnd"] == "false"
        await c.example("querydeviceinfo")
        await c.example("queryforwarding")
        assert (await c.example("querymsgwaitingind"))["indicator"] == "false"
        assert (await c.example("querystationstatus"))["busy"] == "false"
        await c.example("querytrunkgroup")
        await c.example("svrinfo")
        await c.example("listextension")

        # An outbound call: hold, retrieve (both forms), DTMF, snapshot, UCID
        made = await c.example("makecall")
        await c.wait("connect", callid=int(made["callid"]))
        await c.example("hold")
        await c.example("retrieve", 0)
        await c.plain({"request": "hold", "extension": "101"})
        await c.example("retrieve", 1, destination=await c.trunk_party("101"))
        await c.example("dtmf")
        snap = await c.example("snapshot")
        assert snap["numcall"] == 1
        assert snap["list"][0]["state"] == "connect"
        assert (await c.example("queryucid", callid=made["callid"]))["ucid"] == made["ucid"]
        # Consultation, reconnect, alternate, transfer
        await c.example("consultation", destination="102")
        await c.wait("offer", alerting="102")
        await c.plain({"request": "answer", "extension": "102"})
        await c.example("reconnect")
        await c.example("consultation", destination="102")
        await c.plain({"request": "answer", "extension": "102"})
        await c.example("alternate")
        await c.example("alternate")
        await c.example("transfer")
        await c.idle("101", "102")

        # Conference, then drop a party and hang up
        made = await c.example("makecall")
        await c.wait("connect", callid=int(made["callid"]))
        await c.example("consultation", destination="102")
        await c.plain({"request": "answer", "extension": "102"})
        await c.example("conference")
        await c.example("dropparty", party="102")
        await c.example("hangup")
        await c.idle("101", "102")

        # Single-step conference and transfer, selective listening
        made = await c.plain({"request": "makecall", "extension": "101", "destination": "67896789"})
        await c.wait("connect", callid=int(made["callid"]))
        await c.example("singlestepconference")
        for request in ("selectivelisteninghold", "selectivelisteningretrieve"):
            await c.example(request, 0)
            await c.example(request, 1)
        await c.idle("101", "102")
        made = await c.plain({"request": "makecall", "extension": "101", "destination": "67896789"})
        await c.wait("connect", callid=int(made["callid"]))
        await c.example("singlesteptransfer")
        await c.idle("101", "102")

        # Inbound: alert user data, answer, hangup user data, clear
        await c.plain({"request": "makecall", "extension": "102", "destination": "101", "data": "order 42"})
        await c.wait("offer", alerting="101")
        alert = await c.example("userdata", type_="alert")
        assert alert["userdata"] == "order 42"
        assert alert["calling"] == "102"
        await c.example("answer")
        await c.plain({"request": "hangup", "extension": "102", "data": "bye"})
        await c.wait("disconnect", releasing="102")
        hangup = await c.example("userdata", type_="hangup")
        assert hangup["releasing"] == "102"
        await c.idle("101", "102")
        await c.plain({"request": "makecall", "extension": "102", "destination": "101"})
        await c.wait("offer", alerting="101")
        await c.example("answer")
        await c.example("clearcall")
        await c.idle("101", "102")
        # Deflect and pickup an alerting call
        await c.plain({"request": "makecall", "extension": "103", "destination": "101"})
        await c.wait("offer", alerting="101")
        await c.example("deflectcall")
        await c.idle("101", "102", "103")
        await c.plain({"request": "makecall", "extension": "103", "destination": "101"})
        await c.wait("offer", alerting="101")
        await c.example("pickupcall")
        await c.idle("101", "102", "103")

        # User data store
        put = await c.example("userdata", type_="set")
        got = await c.example("userdata", type_="get", uui=put["uui"])
        assert got["data"] == "set data"
        await c.example("userdata", type_="update", uui=put["uui"])
        assert (await c.plain({"request": "userdata", "type": "get", "uui": put["uui"]}))["data"] == "upate data"

        # Station features
        await c.example("setdonotdisturb")
        assert (await c.plain({"request": "querydonotdisturb", "extension": "101"}))["dnd"] == "true"
        await c.plain({"request": "setdonotdisturb", "extension": "101", "dnd": "false"})
        await c.example("setforwarding")
        assert (await c.plain({"request": "queryforwarding", "extension": "101"}))["destination"] == "102"
        await c.plain({"request": "setforwarding", "extension": "101", "fwd": "false"})
        await c.example("setmsgwaitingind")
        assert (await c.plain({"request": "querymsgwaitingind", "extension": "101"}))["indicator"] == "true"

        # Admin: the address map, extensions with genpass-encrypted console credentials
        admin = admin_grpc.AdminServiceStub(stack.channel)
        await admin.SetAddressMapping(
            admin_rr.SetAddressMappingRequest(mapping=admin_msg.AddressMapping(address="127.0.0.1", extension="66711"))
        )
        assert (await c.example("myextension"))["extension"] == "66711"
        token = (await admin.EncryptPassword(admin_rr.EncryptPasswordRequest(password="tcpgate01"))).encrypted_password
        await c.example("addextension", passwd=token)
        listed = await c.plain({"request": "listextension"})
        assert {"extension": "66711"} in listed["list"]
        await c.example("delextension", passwd=token)

        # Composite flows
        phantom = await c.example("makephantomcall")
        assert phantom["answering"].startswith("T")
        assert phantom["phantom"]
        made = await c.plain({"request": "makecall", "extension": "61451", "destination": "102"})
        await c.wait("offer", alerting="102")
        await c.plain({"request": "answer", "extension": "102"})
        pin = await c.example("pinver")
        assert pin["hangupdata"] == "ok"
        assert pin["answering"] == "66711"
        await c.idle("61451", "102")

        await c.example("logout")
        await c.example("stopmonitor")
    finally:
        await monitor.close()
    return c.covered


def _all_examples() -> set[tuple[str, str | None, int]]:
    out = set()
    for entry in REFERENCE["requests"]:
        for i in range(len(entry["examples"])):
            out.add((entry["request"], entry.get("type"), i))
    return out


def _assert_all_covered(covered: set[tuple[str, str | None, int]]) -> None:
    missing = _all_examples() - covered
    assert not missing, f"reference examples not exercised: {sorted(missing, key=str)}"


async def test_every_example_over_websocket(stack: Stack) -> None:
    client = await open_client(stack)
    try:
        _assert_all_covered(await run_every_example(stack, client.request))
    finally:
        await client.close()


READ_ONLY = {"svrinfo", "listextension", "myextension", "snapshot"}


async def test_every_example_over_rest(stack: Stack) -> None:
    """Queries as `GET /<request>?field=value` (all values strings), actions as `POST` of the JSON object."""
    async with aiohttp.ClientSession() as http:

        async def send(body: dict[str, Any]) -> dict[str, Any]:
            name = body["request"]
            if name.startswith("query") or name in READ_ONLY:
                params = {k: str(v) for k, v in body.items() if k != "request"}
                params["payload"] = "json"
                async with http.get(f"{stack.rest_url}/{name}", params=params) as resp:
                    got: dict[str, Any] = await resp.json()
            else:
                async with http.post(f"{stack.rest_url}/{name}", data=json.dumps(body)) as resp:
                    got = await resp.json()
            assert "Access-Control-Allow-Origin" not in resp.headers  # no cross-origin access by default
            assert (resp.status == 200) == (got["result"] == "success"), (resp.status, got)
            if got.get("id") != body.get("id") and isinstance(body.get("id"), int):
                got["id"] = body["id"]  # a GET query carries the id as a string; it comes back as sent
            return got

        _assert_all_covered(await run_every_example(stack, send))


@pytest.mark.parametrize("id_value", ["7", 7])
async def test_ids_and_numbers_as_strings_or_numbers(stack: Stack, id_value: Any) -> None:
    client = await open_client(stack)
    try:
        resp = await client.request({"id": id_value, "request": "setstate", "extension": 101, "state": "aux"})
        assert resp["id"] == id_value
        assert resp["result"] in ("success", "fail")
        for reasoncode in ("1", 1):
            resp = await client.request({"id": id_value, "request": "queryagentstate", "extension": 101})
            assert resp["result"] == "success"
            assert isinstance(resp["reasoncode"], int)
            resp = await client.request(
                {"id": id_value, "request": "queryacdsplit", "split": 201 if reasoncode == 1 else "201"}
            )
            assert resp["result"] == "success"
            assert all(isinstance(resp[k], int) for k in ("agentsavailable", "callsqueue", "agentslogon"))
    finally:
        await client.close()
