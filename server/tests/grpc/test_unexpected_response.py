"""A switch that answers a request with another response type: the client gets one clear INTERNAL error.

The switch is the simulator behind a relay on real sockets that swaps one kind of answer for another (same
invoke ID), as a faulty AES or a mismatch in Callwire's message catalogue would. `Core.invoke(expect=...)`
must turn that into an error naming both types, not an assertion (which `python -O` would drop, letting the
wrong message through) and not a hang.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

import grpc
import pytest

from callwire.query.v1 import request_response_pb2 as rr
from callwire.query.v1 import service_pb2_grpc
from callwire_csta import codec as csta
from callwire_server.app import start_server
from callwire_testkit import error_info
from callwire_testkit.demo import demo_simulator, server_config


class SwappingRelay:
    """Relays CSTA frames between a client and `upstream_port`; an answer whose type is a key of `swap` reaches
    the client as that value instead, under the same invoke ID. Everything else passes byte for byte."""

    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self.swap: dict[type[csta.Message], csta.Message] = {}
        self.swapped = 0
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._writers: list[asyncio.StreamWriter] = []

    @property
    def port(self) -> int:
        assert self._server is not None
        port: int = self._server.sockets[0].getsockname()[1]
        return port

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", 0)

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
        for writer in self._writers:
            writer.close()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._server is not None:
            await self._server.wait_closed()

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._writers.append(writer)
        try:
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.upstream_port)
        except OSError:
            writer.close()
            return
        self._writers.append(up_writer)
        for task in (
            asyncio.create_task(self._pipe(reader, up_writer)),
            asyncio.create_task(self._answers(up_reader, writer)),
        ):
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    @staticmethod
    async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        except ConnectionError:
            pass
        finally:
            writer.close()

    async def _answers(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        decoder = csta.FrameDecoder()
        try:
            while data := await reader.read(65536):
                for frame in decoder.feed(data):
                    writer.write(self._relayed(frame))
                await writer.drain()
        except ConnectionError:
            pass
        finally:
            writer.close()

    def _relayed(self, frame: csta.Frame) -> bytes:
        if frame.invoke_id != csta.EVENT_INVOKE_ID and self.swap:
            message = csta.decode(frame)
            replacement = self.swap.get(type(message))
            if replacement is not None:
                self.swapped += 1
                return csta.encode(frame.invoke_id, replacement)
        return csta.encode_frame(frame.invoke_id, frame.payload)


@contextlib.asynccontextmanager
async def relayed_stack(tmp_path: Path) -> AsyncIterator[tuple[SwappingRelay, grpc.aio.Channel]]:
    async with demo_simulator() as sim:
        relay = SwappingRelay(sim.port)
        server = None
        channel = None
        try:
            await relay.start()
            server = await start_server(server_config(tmp_path, relay.port))
            channel = grpc.aio.insecure_channel(f"127.0.0.1:{server.port}")
            yield relay, channel
        finally:
            if channel is not None:
                await channel.close()
            if server is not None:
                await server.stop(grace=0.5)
            await relay.stop()


async def test_an_answer_of_another_type_is_one_internal_error_naming_both_types(tmp_path: Path) -> None:
    async with relayed_stack(tmp_path) as (relay, channel):
        query = service_pb2_grpc.QueryServiceStub(channel)
        # The right answer passes the relay untouched: the stack works through it.
        before = await query.GetTimeOfDay(rr.GetTimeOfDayRequest())
        assert before.year > 2000

        relay.swap[csta.GetTimeOfDayResponse] = csta.GetForwardingResponse()
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await query.GetTimeOfDay(rr.GetTimeOfDayRequest())
        err = caught.value
        assert relay.swapped == 1
        assert err.code() == grpc.StatusCode.INTERNAL
        assert error_info(err).reason == "INTERNAL"
        assert err.details() == (
            "the switch answered GetTimeOfDay with GetForwardingResponse, expected GetTimeOfDayResponse"
        )

        # One bad answer spoils nothing: the link stays up and the next right answer goes through.
        relay.swap.clear()
        after = await query.GetTimeOfDay(rr.GetTimeOfDayRequest())
        assert after.year == before.year
