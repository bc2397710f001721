"""The one place calls go through: metadata (request ID, API key), deadlines, typed errors and safe retries."""

from __future__ import annotations

import asyncio
import contextvars
import uuid
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import betterproto2
import grpc

from ._errors import CallwireError, TransportError, from_rpc_error

M = TypeVar("M", bound=betterproto2.Message)
_last_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("callwire_last_request_id", default="")


def new_request_id() -> str:
    """A fresh request ID, as the SDK sends when the caller gives none."""
    return uuid.uuid4().hex


def last_request_id() -> str:
    """The request ID of the last call this task (or thread, in the sync client) made, given or generated."""
    return _last_request_id.get()


@dataclass(frozen=True)
class RetryConfig:
    """Retries of calls that failed with an error the error table marks safe to retry (the request was not sent)."""

    max_attempts: int = 3
    """Attempts in all, the first one included; 1 disables retries."""
    initial_backoff: float = 0.1
    """Seconds before the second attempt; doubled for each further one."""
    max_backoff: float = 2.0
    """The longest wait between attempts, in seconds."""


def _retryable(error: CallwireError) -> bool:
    """Whether sending the request again is safe: the error table says so for the reason (the request was not
    sent to the switch), or the server never answered at all (UNAVAILABLE from the channel). The retry carries
    the same x-request-id, which the server treats as an idempotency key: a request that did arrive is not
    carried out twice; the retry gets its first outcome."""
    if error.retry_safe:
        return True
    return isinstance(error, TransportError) and error.code == grpc.StatusCode.UNAVAILABLE


def _build(cls: type[M], request: M | None, fields: Sequence[tuple[str, Any]]) -> M:
    """The request message: the one given, or one built from the keyword arguments that are not None."""
    given = {name: value for name, value in fields if value is not None}
    if request is not None:
        if given:
            raise TypeError(f"pass either a {cls.__name__} or keyword arguments, not both: {sorted(given)}")
        return request
    built: M = cls(**given)
    return built


class Transport:
    """Sends requests on a grpc.aio channel with the client's credentials and options."""

    def __init__(
        self,
        channel: grpc.aio.Channel,
        *,
        api_key: str | None,
        timeout: float | None,
        retry: RetryConfig,
    ) -> None:
        self.channel = channel
        self._auth: tuple[tuple[str, str], ...] = (("authorization", f"Bearer {api_key}"),) if api_key else ()
        self.timeout = timeout
        self.retry = retry
        self._unary: dict[str, Callable[..., Any]] = {}
        self._stream: dict[str, Callable[..., Any]] = {}

    def _metadata(
        self, request_id: str | None, extra: Sequence[tuple[str, str]]
    ) -> tuple[str, tuple[tuple[str, str], ...]]:
        rid = request_id or new_request_id()
        _last_request_id.set(rid)
        return rid, (("x-request-id", rid), *self._auth, *extra)

    async def unary(
        self,
        path: str,
        request: betterproto2.Message,
        response: type[M],
        *,
        timeout: float | None,
        request_id: str | None,
        metadata: Sequence[tuple[str, str]],
    ) -> M:
        rid, md = self._metadata(request_id, metadata)
        call = self._unary.get(path)
        if call is None:
            call = self.channel.unary_unary(path, request_serializer=bytes, response_deserializer=response.parse)
            self._unary[path] = call
        attempt = 1
        while True:
            try:
                result: M = await call(request, timeout=timeout if timeout is not None else self.timeout, metadata=md)
                return result
            except grpc.aio.AioRpcError as err:
                error = from_rpc_error(err, request_id=rid, method=path)
            if not _retryable(error) or attempt >= self.retry.max_attempts:
                raise error
            await asyncio.sleep(min(self.retry.initial_backoff * 2 ** (attempt - 1), self.retry.max_backoff))
            attempt += 1

    async def stream(
        self,
        path: str,
        request: betterproto2.Message,
        response: type[M],
        *,
        timeout: float | None,
        request_id: str | None,
        metadata: Sequence[tuple[str, str]],
    ) -> AsyncIterator[M]:
        rid, md = self._metadata(request_id, metadata)
        factory = self._stream.get(path)
        if factory is None:
            factory = self.channel.unary_stream(path, request_serializer=bytes, response_deserializer=response.parse)
            self._stream[path] = factory
        call = factory(request, timeout=timeout, metadata=md)
        try:
            async for item in call:
                yield item
        except grpc.aio.AioRpcError as err:
            raise from_rpc_error(err, request_id=rid, method=path) from None
        finally:
            call.cancel()


__all__ = ["CallwireError", "RetryConfig", "Transport", "last_request_id", "new_request_id"]
