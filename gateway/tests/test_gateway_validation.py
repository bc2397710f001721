"""Hostile legacy input over REST and WebSocket: every case gets a clear fail envelope, never a 500 or close 1011."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import aiohttp
import pytest
from gwstack import Stack
from websockets.asyncio.client import connect

GOOD = {"id": "ok", "request": "querydevicename", "extension": "101"}
#: Generous bound for conditions the tests wait for; never a fixed sleep.
WAIT = 10.0


def strict_json(text: str | bytes) -> Any:
    """Parse as strict JSON: NaN and Infinity are not JSON, so an answer holding them fails here."""

    def refuse(name: str) -> None:
        raise AssertionError(f"the answer holds {name}, which is not JSON")

    return json.loads(text, parse_constant=refuse)


#: (name, raw JSON text, what the error must say). Each is sent as a WebSocket message and as a REST body.
CASES: list[tuple[str, str, str]] = [
    (
        "lone surrogate",
        '{"id": "1", "request": "hold", "extension": "101", "callid": "\\ud800"}',
        "field `callid` holds a character that is not allowed (U+D800)",
    ),
    (
        "lone surrogate in user data",
        '{"id": "1", "request": "hangup", "extension": "101", "data": "ok \\udfff"}',
        "field `data` holds a character that is not allowed (U+DFFF)",
    ),
    (
        "control character",
        '{"id": "1", "request": "login", "extension": "101", "agentid": "123\\u000b45"}',
        "field `agentid` holds a character that is not allowed (U+000B)",
    ),
    (
        "non-character",
        '{"id": "1", "request": "dtmf", "extension": "101", "dtmf": "12\\uffff"}',
        "field `dtmf` holds a character that is not allowed (U+FFFF)",
    ),
    (
        "boolean extension",
        '{"id": "1", "request": "hold", "extension": true}',
        "field `extension` must be a string, not boolean",
    ),
    ("null extension", '{"id": "1", "request": "hold", "extension": null}', "missing field `extension`"),
    ("NaN", '{"id": NaN, "request": "svrinfo"}', "NaN is not JSON"),
    ("Infinity", '{"id": "1", "request": "setstate", "reasoncode": -Infinity}', "-Infinity is not JSON"),
    ("number out of range", '{"id": 1e400, "request": "svrinfo"}', "number out of range"),
    ("huge integer", '{"id": ' + "9" * 5000 + ', "request": "svrinfo"}', "not valid JSON"),
    ("nested brackets", '{"id": "1", "x": ' + "[" * 30_000 + "]" * 30_000 + "}", "nests too deeply"),
    ("nested objects", '{"id": "1", "x": ' + '{"a":' * 9_000 + "1" + "}" * 9_000 + "}", "nests too deeply"),
    (
        "10,000-character extension",
        '{"id": "1", "request": "hold", "extension": "' + "1" * 10_000 + '"}',
        "field `extension` is longer than 32 characters",
    ),
    (
        "10,000-character choice",
        '{"id": "1", "request": "setstate", "extension": "101", "state": "' + "x" * 10_000 + '"}',
        "field `state` must be one of",
    ),
    (
        "60,000-character destination",
        '{"id": "1", "request": "makecall", "extension": "101", "destination": "' + "6" * 60_000 + '"}',
        "field `destination` is longer than 32 characters",
    ),
]
IDS = [c[0] for c in CASES]


def check_fail(answer: dict[str, Any], needle: str) -> None:
    assert list(answer)[:4] == ["msgtype", "id", "result", "error"], answer
    assert answer["result"] == "fail"
    assert needle in answer["error"], answer["error"][:300]
    assert len(answer["error"]) < 400, "the error text echoes what the client sent"
    assert answer["id"] in ("1", ""), "an id that is not a string or a finite number is not echoed"


@pytest.mark.parametrize(("text", "needle"), [(t, n) for _, t, n in CASES], ids=IDS)
async def test_bad_input_over_websocket(stack: Stack, text: str, needle: str) -> None:
    """Answered with the fail envelope in strict JSON, and the connection stays (never closed with 1011)."""
    async with connect(stack.ws_url) as ws:
        await ws.send(text)
        check_fail(strict_json(await asyncio.wait_for(ws.recv(), WAIT)), needle)
        await ws.send(json.dumps(GOOD))
        assert strict_json(await asyncio.wait_for(ws.recv(), WAIT))["result"] == "success"


@pytest.mark.parametrize(("text", "needle"), [(t, n) for _, t, n in CASES], ids=IDS)
async def test_bad_input_over_rest(stack: Stack, text: str, needle: str) -> None:
    async with aiohttp.ClientSession() as http, http.post(f"{stack.rest_url}/", data=text.encode()) as resp:
        raw = await resp.read()
        assert resp.status == 400, raw[:300]
        check_fail(strict_json(raw), needle)


async def test_bad_query_parameters_over_rest(stack: Stack) -> None:
    async with aiohttp.ClientSession() as http:
        # %ED%A0%80 is a surrogate written as UTF-8: not text, whatever the URL decoder makes of it.
        url = f"{stack.rest_url}/hold?id=1&extension=101&callid=%ED%A0%80"
        async with http.get(url) as resp:
            raw = await resp.read()
            assert resp.status == 400, raw[:300]
            answer = strict_json(raw)
            assert answer["result"] == "fail"
            assert "call" in answer["error"], answer
        async with http.get(f"{stack.rest_url}/hold?id=1&extension=101&callid=1%01") as resp:
            assert resp.status == 400
            assert "field `callid` holds a character that is not allowed (U+0001)" in (await resp.json())["error"]


async def test_a_destination_over_the_message_limit(stack: Stack) -> None:
    """A 100 KB destination: over the 64 KiB message limit, answered and the connection kept (REST: 413)."""
    body = json.dumps({"id": "1", "request": "makecall", "extension": "101", "destination": "6" * 100_000})
    async with connect(stack.ws_url) as ws:
        await ws.send(body)
        check_fail(strict_json(await asyncio.wait_for(ws.recv(), WAIT)), "exceeds the 65536-byte limit")
        await ws.send(json.dumps(GOOD))
        assert strict_json(await asyncio.wait_for(ws.recv(), WAIT))["result"] == "success"
    async with aiohttp.ClientSession() as http, http.post(f"{stack.rest_url}/", data=body) as resp:
        assert resp.status == 413
        check_fail(strict_json(await resp.read()), "exceeds the 65536-byte limit")
