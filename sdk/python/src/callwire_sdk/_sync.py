"""A synchronous facade for scripts and web back ends that do not run asyncio.

SyncClient owns a private event loop on a daemon thread; every method of the async client is reachable with the
same name and arguments and blocks until its answer. Streaming methods (and `events.stream`) return ordinary
iterators.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from types import TracebackType
from typing import Any, Self

from ._client import Client


class _Loop:
    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="callwire-sdk", daemon=True)
        self.thread.start()

    def run(self, coro: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result()

    def iterate(self, agen: AsyncIterator[Any]) -> Iterator[Any]:
        try:
            while True:
                try:
                    yield self.run(anext(agen))
                except StopAsyncIteration:
                    return
        finally:
            close = getattr(agen, "aclose", None)
            if close is not None and self.loop.is_running():
                self.run(close())

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join()
        self.loop.close()


class _SyncService:
    """Blocking versions of one service handle's methods."""

    def __init__(self, service: object, loop: _Loop) -> None:
        self._service = service
        self._loop = loop

    def __getattr__(self, name: str) -> Callable[..., Any]:
        method = getattr(self._service, name)
        if not callable(method):
            return method  # type: ignore[no-any-return]

        def call(*args: Any, **kwargs: Any) -> Any:
            result = method(*args, **kwargs)
            if hasattr(result, "__anext__"):
                return self._loop.iterate(result)
            return self._loop.run(result)

        call.__doc__ = method.__doc__
        call.__name__ = name
        return call


class SyncClient:
    """The blocking client: `with SyncClient.connect("127.0.0.1:50051") as client: client.query.get_time_of_day()`."""

    def __init__(self, client: Client, loop: _Loop) -> None:
        self._client = client
        self._loop = loop
        self.admin: Any = _SyncService(client.admin, loop)
        self.agent: Any = _SyncService(client.agent, loop)
        self.call_control: Any = _SyncService(client.call_control, loop)
        self.device: Any = _SyncService(client.device, loop)
        self.events: Any = _SyncService(client.events, loop)
        self.query: Any = _SyncService(client.query, loop)
        self.station: Any = _SyncService(client.station, loop)
        self.user_data: Any = _SyncService(client.user_data, loop)

    @classmethod
    def connect(cls, target: str, **options: Any) -> Self:
        """Connect like Client.connect (same keyword arguments), blocking until the channel is ready."""
        loop = _Loop()
        try:
            client = loop.run(Client.connect(target, **options)._open())
        except BaseException:
            loop.stop()
            raise
        return cls(client, loop)

    def close(self) -> None:
        try:
            self._loop.run(self._client.close())
        finally:
            self._loop.stop()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
