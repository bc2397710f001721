"""REST bodies are read as HTTP says: a body that arrives after its headers, in pieces or chunked, is read whole;
one over the limit is 413 (issue: a 266-byte POST whose body came 200 ms after its headers was cut and refused)."""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
from collections.abc import Callable
from typing import Any

import aiohttp
import pytest
from gwstack import Stack

from callwire_testkit import until

#: Generous bound for conditions the tests wait for; never a fixed sleep.
WAIT = 10.0


def strict_json(text: str | bytes) -> Any:
    def refuse(name: str) -> None:
        raise AssertionError(f"the answer holds {name}, which is not JSON")

    return json.loads(text, parse_constant=refuse)


class RawHttp:
    """One HTTP/1.1 connection on a plain socket, to send a request in pieces and read the answer."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer

    @classmethod
    async def open(cls, stack: Stack) -> RawHttp:
        reader, writer = await asyncio.open_connection("127.0.0.1", stack.gateway.rest_port)
        return cls(reader, writer)

    async def send(self, data: bytes) -> None:
        self.writer.write(data)
        await self.writer.drain()

    async def answer(self) -> tuple[int, Any]:
        head = await asyncio.wait_for(self.reader.readuntil(b"\r\n\r\n"), WAIT)
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
        body = await asyncio.wait_for(self.reader.readexactly(int(headers["content-length"])), WAIT)
        return status, strict_json(body)

    async def close(self) -> None:
        self.writer.close()
        with contextlib.suppress(ConnectionError):
            await self.writer.wait_closed()


def request_started(stack: Stack) -> Callable[[], bool]:
    """True once the gateway's REST handler runs for this test's first request (it has read the headers)."""
    return lambda: "127.0.0.1" in stack.gateway.rest_buckets


BODY = json.dumps({"id": "7", "request": "querydevicename", "extension": "101", "note": "x" * 193}).encode()


async def test_body_after_the_headers_in_two_segments_is_read_whole(stack: Stack) -> None:
    """The reported case: a 266-byte POST whose body came later than its headers, itself in two pieces."""
    assert len(BODY) == 266
    conn = await RawHttp.open(stack)
    try:
        head = f"POST / HTTP/1.1\r\nHost: gw\r\nContent-Type: application/json\r\nContent-Length: {len(BODY)}\r\n\r\n"
        await conn.send(head.encode() + BODY[:100])
        await until(request_started(stack), timeout=WAIT, what="the gateway started on the request")
        await conn.send(BODY[100:])
        status, answer = await conn.answer()
        assert (status, answer["result"], answer["id"]) == (200, "success", "7"), answer
    finally:
        await conn.close()


async def test_chunked_body_is_read_whole(stack: Stack) -> None:
    conn = await RawHttp.open(stack)
    try:
        head = b"POST /querydevicename HTTP/1.1\r\nHost: gw\r\nTransfer-Encoding: chunked\r\n\r\n"
        first, second = BODY[:150], BODY[150:]
        await conn.send(head + b"%x\r\n%s\r\n" % (len(first), first))
        await until(request_started(stack), timeout=WAIT, what="the gateway started on the request")
        await conn.send(b"%x\r\n%s\r\n0\r\n\r\n" % (len(second), second))
        status, answer = await conn.answer()
        assert (status, answer["result"]) == (200, "success"), answer
    finally:
        await conn.close()


@pytest.mark.parametrize(
    "send_body",
    ["declared 10 MB, nothing sent", "chunked past the limit"],
)
async def test_body_over_the_limit_is_413(stack: Stack, send_body: str) -> None:
    conn = await RawHttp.open(stack)
    try:
        if send_body.startswith("declared"):
            await conn.send(b"POST / HTTP/1.1\r\nHost: gw\r\nContent-Length: 10485760\r\n\r\n")
        else:
            await conn.send(b"POST / HTTP/1.1\r\nHost: gw\r\nTransfer-Encoding: chunked\r\n\r\n")
            chunk = b"[" * 16_384
            for _ in range(5):  # 80 KiB: past the 64 KiB limit
                await conn.send(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        status, answer = await conn.answer()
        assert status == 413
        assert answer["result"] == "fail"
        assert "exceeds the 65536-byte limit" in answer["error"]
    finally:
        await conn.close()


async def test_ten_megabytes_over_rest_is_413(stack: Stack) -> None:
    """What a client library sends: the whole 10 MB body with its Content-Length."""
    body = io.BytesIO(b"x" * (10 * 1024 * 1024))
    async with aiohttp.ClientSession() as http, http.post(f"{stack.rest_url}/makecall", data=body) as resp:
        assert resp.status == 413
        assert "exceeds the 65536-byte limit" in (await resp.json())["error"]
