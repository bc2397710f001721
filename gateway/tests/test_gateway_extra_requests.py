"""The requests the reference lists without JSON examples (DMCC, link status, split/skill status)."""

from __future__ import annotations

from typing import Any

import pytest
from gwstack import Stack, open_client

CASES: list[tuple[dict[str, Any], list[str]]] = [
    ({"request": "splitskillstatus", "split": "201"}, ["split", "numagent", "list"]),
    ({"request": "getlinkstatus"}, ["numlink", "list"]),
    ({"request": "getbuttoninformation", "extension": "111"}, ["numbutton", "list"]),
    ({"request": "getlampmode", "extension": "111"}, ["numlamp", "list"]),
    ({"request": "getdisplay", "extension": "101"}, ["display", "rows", "columns"]),
    ({"request": "gethookswitchstatus", "extension": "101"}, ["onhook"]),
    ({"request": "getringerstatus", "extension": "101"}, ["ringmode", "ringcount"]),
    ({"request": "getregistrationstate", "extension": "101"}, ["state", "gatekeeper"]),
    ({"request": "validatedevicesecuritycode", "extension": "111", "securitycode": "4321"}, ["valid", "error"]),
    (
        {
            "request": "changedevicesecuritycode",
            "extension": "102",
            "oldsecuritycode": "1234",
            "newsecuritycode": "9999",
        },
        ["changed", "error"],
    ),
    ({"request": "buttonpress", "extension": "101", "button": "5"}, ["error"]),
    ({"request": "sethookswitchstatus", "extension": "101", "onhook": "false"}, ["error"]),
]


@pytest.mark.parametrize(("body", "keys"), CASES, ids=[c[0]["request"] for c in CASES])
async def test_extra_request(stack: Stack, body: dict[str, Any], keys: list[str]) -> None:
    client = await open_client(stack)
    try:
        resp = await client.request({"id": 60, **body})
        assert resp["result"] == "success", resp
        assert list(resp) == ["msgtype", "id", "result", *keys]
        assert resp["id"] == 60
        for key in keys:
            if key.startswith("num"):
                assert resp[key] == len(resp["list"])
    finally:
        await client.close()
