"""Client.connect: one grpc.aio channel and a typed handle per service."""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncGenerator, AsyncIterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Self

import grpc

from ._errors import CallwireError, TransportError
from ._gen.callwire.events.v1 import Event as _Event
from ._gen.callwire.events.v1 import ResumeGap, Snapshot, StreamEventsRequest
from ._surface import (
    AdminServiceClient,
    AgentServiceClient,
    CallControlServiceClient,
    DeviceServiceClient,
    EventServiceClient,
    QueryServiceClient,
    StationServiceClient,
    UserDataServiceClient,
)
from ._transport import RetryConfig, Transport

EventItem = Snapshot | _Event | ResumeGap


@dataclass(frozen=True)
class TLSConfig:
    """TLS to the server. Every field is optional: `TLSConfig()` trusts the system's certificate authorities."""

    ca_cert: bytes | Path | None = None
    """PEM of the CA that signed the server's certificate (bytes, or a file)."""
    client_cert: bytes | Path | None = None
    """PEM client certificate, for servers that require mTLS."""
    client_key: bytes | Path | None = None
    """PEM private key of `client_cert`."""
    server_name: str | None = None
    """The name the server's certificate carries, when it is not the target's host."""

    def credentials(self) -> grpc.ChannelCredentials:
        def read(value: bytes | Path | None) -> bytes | None:
            return value.read_bytes() if isinstance(value, Path) else value

        return grpc.ssl_channel_credentials(read(self.ca_cert), read(self.client_key), read(self.client_cert))


@dataclass(frozen=True)
class Backoff:
    """How an event stream waits before reconnecting: exponential with jitter."""

    initial: float = 0.2
    """Seconds before the first reconnect."""
    maximum: float = 10.0
    """The longest wait, in seconds."""
    multiplier: float = 2.0

    def delays(self) -> AsyncIterator[float]:
        async def gen() -> AsyncIterator[float]:
            delay = self.initial
            while True:
                yield delay * (0.5 + random.random() / 2)  # jitter spreads the reconnects of many clients
                delay = min(delay * self.multiplier, self.maximum)

        return gen()


# Errors after which reconnecting cannot help: the request itself is refused.
_FATAL_STREAM_REASONS = frozenset(
    {"INVALID_ARGUMENT", "UNAUTHENTICATED", "PERMISSION_DENIED", "NOT_MONITORED", "UNKNOWN_EXTENSION", "INTERNAL"}
)


class Events(EventServiceClient):
    """EventService, plus `stream()`: the event stream that reconnects and resumes by itself."""

    async def stream(
        self,
        *,
        devices: Sequence[str] = (),
        all_devices: bool = False,
        resume_token: str = "",
        backoff: Backoff = Backoff(),
        max_reconnects: int | None = None,
        raise_errors: bool = False,
    ) -> AsyncGenerator[EventItem]:
        """Yield a Snapshot, then Events; on a lost connection reconnect and resume after the last item yielded.

        When the server cannot resume (restart, too far back), a ResumeGap is yielded, followed by a fresh
        Snapshot: the application should rebuild its view from it. Errors that reconnecting cannot cure (bad
        request, refused key, unmonitored device) are raised; so is any error when `raise_errors` is set, or
        when `max_reconnects` reconnects in a row have failed.
        """
        token = resume_token
        failures = 0
        delays = backoff.delays()
        while True:
            request = StreamEventsRequest(
                devices=list(devices), all_devices=all_devices, include_snapshot=not token, resume_token=token
            )
            try:
                async for item in self.stream_events(request):
                    failures = 0
                    delays = backoff.delays()
                    if item.snapshot is not None:
                        token = item.snapshot.resume_token or token
                        yield item.snapshot
                    elif item.event is not None:
                        token = item.event.resume_token or token
                        yield item.event
                    elif item.resume_gap is not None:
                        yield item.resume_gap
            except CallwireError as err:
                if raise_errors or err.reason in _FATAL_STREAM_REASONS:
                    raise
                # An overflow or a shutdown names the last position delivered: resume exactly there.
                token = err.metadata.get("resume_token") or token
                failures += 1
                if max_reconnects is not None and failures > max_reconnects:
                    raise
            else:
                failures += 1  # the server ended the stream without an error: reconnect all the same
            await asyncio.sleep(await anext(delays))


@dataclass
class Client:
    """A connection to a Callwire server. Use `await Client.connect(...)`, or `async with Client.connect(...)`."""

    channel: grpc.aio.Channel
    transport: Transport
    admin: AdminServiceClient = field(init=False)
    agent: AgentServiceClient = field(init=False)
    call_control: CallControlServiceClient = field(init=False)
    device: DeviceServiceClient = field(init=False)
    events: Events = field(init=False)
    query: QueryServiceClient = field(init=False)
    station: StationServiceClient = field(init=False)
    user_data: UserDataServiceClient = field(init=False)

    def __post_init__(self) -> None:
        self.admin = AdminServiceClient(self.transport)
        self.agent = AgentServiceClient(self.transport)
        self.call_control = CallControlServiceClient(self.transport)
        self.device = DeviceServiceClient(self.transport)
        self.events = Events(self.transport)
        self.query = QueryServiceClient(self.transport)
        self.station = StationServiceClient(self.transport)
        self.user_data = UserDataServiceClient(self.transport)

    @staticmethod
    def connect(
        target: str,
        *,
        api_key: str | None = None,
        tls: TLSConfig | bool | None = None,
        timeout: float | None = 30.0,
        connect_timeout: float = 10.0,
        retry: RetryConfig = RetryConfig(),  # noqa: B008 - frozen dataclass
        options: Sequence[tuple[str, str | int]] = (),
    ) -> _Connecting:
        """Connect to `target` ("host:port"). Awaiting (or entering) waits until the channel is ready.

        `timeout` is the default deadline of unary calls (None: no deadline); an unreachable server or a TLS
        mismatch raises TransportError after `connect_timeout` seconds instead of hanging.
        """
        return _Connecting(target, api_key, tls, timeout, connect_timeout, retry, options)

    async def close(self) -> None:
        await self.channel.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()


class _Connecting:
    """What Client.connect returns: awaitable (a Client) and an async context manager (closing it on exit)."""

    def __init__(
        self,
        target: str,
        api_key: str | None,
        tls: TLSConfig | bool | None,
        timeout: float | None,
        connect_timeout: float,
        retry: RetryConfig,
        options: Sequence[tuple[str, str | int]],
    ) -> None:
        self._args = (target, api_key, tls, timeout, connect_timeout, retry, options)
        self._client: Client | None = None

    async def _open(self) -> Client:
        target, api_key, tls, timeout, connect_timeout, retry, options = self._args
        opts = list(options)
        if isinstance(tls, TLSConfig) and tls.server_name:
            opts.append(("grpc.ssl_target_name_override", tls.server_name))
        if tls:
            config = tls if isinstance(tls, TLSConfig) else TLSConfig()
            channel = grpc.aio.secure_channel(target, config.credentials(), options=opts)
        else:
            channel = grpc.aio.insecure_channel(target, options=opts)
        try:
            await asyncio.wait_for(channel.channel_ready(), connect_timeout)
        except TimeoutError:
            await channel.close()
            raise TransportError(
                f"cannot reach {target} within {connect_timeout}s (server down, wrong port, or TLS mismatch)",
                code=grpc.StatusCode.UNAVAILABLE,
            ) from None
        except BaseException:
            await channel.close()
            raise
        return Client(channel, Transport(channel, api_key=api_key, timeout=timeout, retry=retry))

    def __await__(self):  # type: ignore[no-untyped-def]
        return self._open().__await__()

    async def __aenter__(self) -> Client:
        self._client = await self._open()
        return self._client

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._client is not None:
            await self._client.close()
