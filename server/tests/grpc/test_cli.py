"""`callwire ctl` as an operator runs it: a separate process speaking the admin API of a running server."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from importlib.metadata import version
from typing import Any

import pytest
from grpc_stack import Stack

from callwire_testkit import python_module, run
from callwire_testkit.demo import DEMO_STATIONS

# Each test starts a dozen Python processes; on a busy machine one start can take seconds, so the suite's
# per-test bound (meant to catch hangs) would cut a passing test short.
pytestmark = pytest.mark.timeout(600)


async def ctl(stack: Stack, *words: str) -> tuple[int, str, str]:
    done = await run(python_module("callwire_server.cli", "ctl", "--server", f"127.0.0.1:{stack.server.port}", *words))
    return done.returncode, done.out, done.err


def parse_table(out: str) -> list[dict[str, str]]:
    """The rows of an aligned table, cut at the header's column starts (so cells may hold spaces)."""
    header, *rows = out.splitlines()
    starts = [i for i, c in enumerate(header) if c != " " and (i == 0 or header[i - 2 : i] == "  ")]
    names = [header[a:b].strip().lower().replace(" ", "_") for a, b in zip(starts, [*starts[1:], None], strict=True)]
    return [
        {name: row[a:b].strip() for name, a, b in zip(names, starts, [*starts[1:], None], strict=True)} for row in rows
    ]


def parse_record(out: str) -> dict[str, str]:
    return {name: value.strip() for name, _, value in (line.partition(":") for line in out.splitlines())}


async def test_console_words_change_the_server(stack: Stack) -> None:
    done = "The command completed successfully."
    assert await ctl(stack, "add", "extension", "111") == (0, done + "\n", "")
    assert "111" in stack.core.link.monitored
    code, out, _ = await ctl(stack, "list", "extension")
    assert code == 0
    assert ["111", "store", "monitored"] in [line.split() for line in out.splitlines()]
    assert (await ctl(stack, "add", "whitelist", "10.10.1.220", "webServerA"))[0] == 0
    assert (await ctl(stack, "add", "blacklist", "10.10.1.221", "webServerB"))[0] == 0
    assert (await ctl(stack, "list", "whitelist"))[1] == "ADDRESS      NAME\n10.10.1.220  webServerA\n"
    assert (await ctl(stack, "del", "blacklist", "10.10.1.221"))[0] == 0
    assert (await ctl(stack, "list", "blacklist"))[1] == "ADDRESS  NAME\n"
    assert (await ctl(stack, "add", "ipextnmap", "10.1.1.5", "66711"))[0] == 0
    assert (await ctl(stack, "myextension", "10.1.1.5"))[1] == "extension: 66711\naddress:   10.1.1.5\n"
    assert (await ctl(stack, "update", "parameter", "user_data_max_size", "2048"))[0] == 0
    settings = parse_table((await ctl(stack, "list", "parameter"))[1])
    assert any((row["name"], row["value"]) == ("user_data_max_size", "2048") for row in settings)
    code, out, _ = await ctl(stack, "link", "status")
    assert code == 0
    link = parse_table(out)[0]
    assert (link["name"], link["endpoint"], link["state"]) == ("sim", f"tcp://127.0.0.1:{stack.sim.port}", "up")
    code, out, _ = await ctl(stack, "svrinfo")
    assert code == 0
    assert parse_record(out)["version"] == f"Callwire {version('callwire-server')}"
    code, out, _ = await ctl(stack, "add", "apikey", "desk", "agent", "101")
    assert code == 0
    assert "secret (shown once): cw_" in out
    keys = parse_table((await ctl(stack, "list", "apikey"))[1])
    assert any((k["name"], k["role"], k["extensions"]) == ("desk", "agent", "101") for k in keys)
    assert (await ctl(stack, "del", "extension", "111"))[0] == 0
    assert "111" not in stack.core.link.monitored


async def test_tables_and_json_carry_the_same_data(stack: Stack) -> None:
    """People read the table, scripts the JSON (the API's JSON mapping): the same entries and values."""
    assert (await ctl(stack, "add", "whitelist", "10.10.1.220", "web server A"))[0] == 0
    assert (await ctl(stack, "add", "ipextnmap", "10.1.1.5", "66711"))[0] == 0
    assert (await ctl(stack, "add", "apikey", "desk", "supervisor", "101", "102"))[0] == 0

    async def both(*words: str) -> tuple[str, Any]:
        code, text, err = await ctl(stack, *words)
        assert (code, err) == (0, ""), err
        code, raw, err = await ctl(stack, "--json", *words)
        assert (code, err) == (0, ""), err
        return text, json.loads(raw)

    text, data = await both("list", "whitelist")
    assert parse_table(text) == [{"address": r["address"], "name": r["name"]} for r in data["rules"]]
    assert data["rules"] == [{"kind": "ACCESS_RULE_KIND_ALLOW", "address": "10.10.1.220", "name": "web server A"}]

    text, data = await both("list", "ipextnmap")
    assert parse_table(text) == data["mappings"] == [{"address": "10.1.1.5", "extension": "66711"}]

    text, data = await both("list", "parameter")
    rows = parse_table(text)
    assert [r["name"] for r in rows] == [s["name"] for s in data["settings"]]
    for row, setting in zip(rows, data["settings"], strict=True):
        assert row["value"] == setting["value"]
        assert row["description"] == setting["description"]
        assert (row["secret"], row["restart_required"]) == (
            "yes" if setting["secret"] else "no",
            "yes" if setting["restart_required"] else "no",
        )

    text, data = await both("link", "status")
    rows = parse_table(text)
    assert [(r["name"], r["endpoint"], r["session_id"]) for r in rows] == [
        (link["name"], link["endpoint"], link["session_id"]) for link in data["links"]
    ]
    assert [r["state"] for r in rows] == [link["state"].removeprefix("LINK_STATE_").lower() for link in data["links"]]

    text, data = await both("list", "apikey")
    rows = parse_table(text)
    assert [(r["key_id"], r["name"], r["role"], r["extensions"]) for r in rows] == [
        (k["key_id"], k["name"], k["role"].removeprefix("API_KEY_ROLE_").lower(), ",".join(k["extensions"]))
        for k in data["keys"]
    ]
    assert "secret" not in text + json.dumps(data)

    text, data = await both("svrinfo")
    record = parse_record(text)
    assert set(record) == set(data)  # every field of the answer
    assert (record["version"], record["instance_id"]) == (data["version"], data["instance_id"])

    text, data = await both("myextension", "10.1.1.5")
    assert parse_record(text) == data == {"extension": "66711", "address": "10.1.1.5"}

    assert await ctl(stack, "del", "ipextnmap", "10.1.1.5") == (0, "The command completed successfully.\n", "")
    assert (await ctl(stack, "add", "ipextnmap", "10.1.1.5", "66711"))[0] == 0
    assert await ctl(stack, "--json", "del", "ipextnmap", "10.1.1.5") == (0, "{}\n", "")


async def test_list_extension_shows_the_monitored_set_in_both_forms(stack: Stack) -> None:
    """The demo stations come from the configuration: the list is not empty before any `add extension`."""
    assert (await ctl(stack, "add", "extension", "111"))[0] == 0
    await stack.core.monitor("41101")  # monitored at run time (StartMonitor, a phantom call)
    code, out, err = await ctl(stack, "list", "extension")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == ["EXTENSION", "SOURCE", "MONITOR", "STATE", "REASON"]
    assert lines[-1] == "18 extension(s)"
    rows = [line.split() for line in lines[1:-1]]
    assert rows[0] == ["101", "config", "monitored"]
    assert ["111", "store", "monitored"] in rows
    assert ["41101", "runtime", "monitored"] in rows
    assert [row[0] for row in rows] == [*DEMO_STATIONS[:10], "111", "41101", *DEMO_STATIONS[10:]]
    # the columns line up: every row's second column starts where the header's does
    assert {line.index(row[1], len(row[0])) for line, row in zip(lines[1:-1], rows, strict=True)} == {
        lines[0].index("SOURCE")
    }

    code, out, err = await ctl(stack, "--json", "list", "extension")
    assert (code, err) == (0, "")
    entries = json.loads(out)["extensions"]
    assert [e["extension"] for e in entries] == [row[0] for row in rows]
    assert entries[0] == {
        "extension": "101",
        "monitored": True,
        "reason": "",
        "source": "EXTENSION_SOURCE_CONFIG",
        "monitor_state": "MONITOR_STATE_MONITORED",
    }
    by_extension = {e["extension"]: e for e in entries}
    assert by_extension["111"]["source"] == "EXTENSION_SOURCE_STORE"
    assert by_extension["41101"]["source"] == "EXTENSION_SOURCE_RUNTIME"


async def test_mistakes_get_a_clear_message_and_change_nothing(stack: Stack) -> None:
    code, _, err = await ctl(stack, "frobnicate", "everything")
    assert code == 2
    assert err.startswith("unknown command: frobnicate everything")
    code, _, err = await ctl(stack, "add", "extension")
    assert (code, err) == (2, "usage: add extension EXT\n")
    code, _, err = await ctl(stack, "update", "parameter", "user_data_max_size", "lots")
    assert code == 1
    assert err.startswith("error: INVALID_ARGUMENT: value: user_data_max_size takes a whole number")
    code, _, err = await ctl(stack, "add", "extension", "99999")
    assert code == 1
    assert "NOT_FOUND: unknown device 99999" in err
    assert "99999" not in (await ctl(stack, "list", "extension"))[1]
    code, out, _ = await ctl(stack, "help")
    assert code == 0
    assert "add whitelist ADDRESS NAME" in out


async def test_a_reader_that_stops_early_is_not_an_error(stack: Stack) -> None:
    """`callwire ctl list extension | head -1`: the closed pipe ends the command quietly."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the table is written
    try:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            *("-m", "callwire_server.cli", "ctl", "--server", f"127.0.0.1:{stack.server.port}", "list", "extension"),
            stdout=write_end,
            stderr=asyncio.subprocess.PIPE,
        )
    finally:
        os.close(write_end)
    _, err = await asyncio.wait_for(process.communicate(), 30)
    assert (process.returncode, err.decode()) == (0, "")
