"""The server's interceptors: OpenTelemetry spans, then one Callwire interceptor per call that

1. reads the client's `x-request-id` (events the call causes carry it),
2. authenticates the bearer API key and checks its role and extension scope,
3. turns every `CallwireError` into its rich status, and anything unexpected into INTERNAL,
so that every request gets exactly one answer with a reason a client can act on.

Innermost, `StreamWriterInterceptor` gives every response-streaming handler one shape, an async generator.
grpc.aio accepts two (an async generator, or a coroutine that calls `context.write`, as the health service's
Watch does), but an interceptor can wrap only one: the OpenTelemetry interceptor and ours iterate the
handler, which fails on a coroutine with UNKNOWN ("'async for' requires ... coroutine").
"""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import grpc
from opentelemetry.instrumentation.grpc import aio_server_interceptor

from .core import Core, request_id_var
from .errors import CallwireError
from .store import ApiKey, Role

log = logging.getLogger("callwire.rpc")

_ROLE_RANK = {Role.AGENT: 0, Role.SUPERVISOR: 1, Role.ADMIN: 2}
#: RPCs below admin level in the admin service; every other AdminService RPC needs ADMIN.
_ADMIN_OPEN = {
    "GetServerInfo": Role.AGENT,
    "GetMyExtension": Role.AGENT,
    "ListExtensions": Role.SUPERVISOR,
    "ListLinks": Role.SUPERVISOR,
}
#: RPCs that read switch-wide data need SUPERVISOR; the rest of the non-admin services need AGENT.
_SUPERVISOR = {"GetAcdSplit", "GetAgentLogin", "GetSplitSkillStatus", "GetTrunkGroup", "GetCallClassifier", "ClearCall"}


def required_role(method: str) -> Role:
    """The least role allowed to call `method` (e.g. "/callwire.admin.v1.AdminService/AddExtension")."""
    service, _, name = method.rpartition("/")
    if service.endswith("AdminService"):
        return _ADMIN_OPEN.get(name, Role.ADMIN)
    if name in _SUPERVISOR:
        return Role.SUPERVISOR
    return Role.AGENT


def _metadata(context: grpc.aio.ServicerContext[Any, Any], key: str) -> str:
    for k, v in context.invocation_metadata() or ():
        if k == key:
            return v if isinstance(v, str) else v.decode()
    return ""


class CallwireInterceptor(grpc.aio.ServerInterceptor):
    def __init__(self, core: Core) -> None:
        self.core = core

    async def _authenticate(self, context: grpc.aio.ServicerContext[Any, Any], method: str) -> ApiKey | None:
        header = _metadata(context, "authorization")
        if not header:
            if not self.core.config.grpc.require_api_key:
                return None
            raise CallwireError("UNAUTHENTICATED", "missing API key: send `authorization: Bearer <key>`")
        scheme, _, secret = header.partition(" ")
        if scheme.lower() != "bearer" or not secret.strip():
            raise CallwireError("UNAUTHENTICATED", "the authorization header must be `Bearer <key>`")
        secret = secret.strip()
        key = self.core.key_cache.get(secret)
        if key is None:
            key = await self.core.store.verify_api_key(secret)
            if key is None:  # never cached: made-up tokens must not cost memory
                raise CallwireError("UNAUTHENTICATED", "unknown or revoked API key")
            self.core.key_cache.put(secret, key)
        need = required_role(method)
        if _ROLE_RANK[key.role] < _ROLE_RANK[need]:
            raise CallwireError(
                "PERMISSION_DENIED",
                f"{method} needs role {need.value}; this key has {key.role.value}",
                metadata={"role": key.role.value},
            )
        return key

    @staticmethod
    def _check_scope(key: ApiKey | None, request: Any) -> None:
        if key is None or not key.extensions:
            return
        wanted: list[str] = []
        for field in ("extension", "device"):
            value = getattr(request, field, "")
            if isinstance(value, str) and value:
                wanted.append(value)
        devices = getattr(request, "devices", None)
        if devices is not None:
            wanted.extend(devices)
            if getattr(request, "all_devices", False):
                raise CallwireError("PERMISSION_DENIED", "this key is scoped to extensions; list them in `devices`")
        for extension in wanted:
            if extension not in key.extensions:
                raise CallwireError(
                    "PERMISSION_DENIED",
                    f"this key may not act on extension {extension}",
                    metadata={"extension": extension},
                )

    async def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], Awaitable[grpc.RpcMethodHandler]],
        details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler:
        handler = await continuation(details)
        if handler is None:
            return handler
        method = details.method
        if method.startswith("/grpc."):  # health and reflection stay open
            return handler

        async def prologue(request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> None:
            request_id_var.set(_metadata(context, "x-request-id"))
            key = await self._authenticate(context, method)
            self._check_scope(key, request)

        async def fail(exc: BaseException, context: grpc.aio.ServicerContext[Any, Any]) -> None:
            if isinstance(exc, CallwireError):
                err = exc
            else:
                log.exception("unexpected error in %s", method)
                err = CallwireError("INTERNAL", f"{method} failed: {type(exc).__name__}: {exc}")
            status = err.to_status()
            await context.abort(status.code, status.details, status.trailing_metadata)

        if handler.unary_unary is not None:
            behaviour = handler.unary_unary

            async def unary(request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
                try:
                    await prologue(request, context)
                    return await behaviour(request, context)
                except (CallwireError, Exception) as exc:
                    if isinstance(exc, grpc.aio.AbortError):
                        raise
                    await fail(exc, context)

            return grpc.unary_unary_rpc_method_handler(
                unary,
                request_deserializer=handler.request_deserializer,
                response_serializer=handler.response_serializer,
            )
        if handler.unary_stream is not None:
            stream_behaviour = handler.unary_stream

            async def stream(request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> AsyncIterator[Any]:
                try:
                    await prologue(request, context)
                    async for item in stream_behaviour(request, context):
                        yield item
                except (CallwireError, Exception) as exc:
                    if isinstance(exc, grpc.aio.AbortError):
                        raise
                    await fail(exc, context)

            return grpc.unary_stream_rpc_method_handler(
                stream,
                request_deserializer=handler.request_deserializer,
                response_serializer=handler.response_serializer,
            )
        return handler


class _WriteHandoff:
    """The servicer context a writing handler sees: `write` hands the message to the generator that stands for
    the handler and returns once that generator has sent it, so the handler is paced by the client as it would
    be by `context.write`; everything else is the real context."""

    def __init__(self, context: Any, outbox: asyncio.Queue[tuple[Any, asyncio.Future[None]]]) -> None:
        self._context = context
        self._outbox = outbox

    def __getattr__(self, name: str) -> Any:
        return getattr(self._context, name)

    async def write(self, message: Any) -> None:
        sent = asyncio.get_running_loop().create_future()
        await self._outbox.put((message, sent))
        await sent


def _as_generator(
    behaviour: Callable[[Any, Any], Awaitable[None]],
) -> Callable[[Any, Any], AsyncIterator[Any]]:
    """A response-streaming handler written with `context.write`, as an async generator of what it writes."""

    async def generator(request: Any, context: Any) -> AsyncIterator[Any]:
        outbox: asyncio.Queue[tuple[Any, asyncio.Future[None]]] = asyncio.Queue(maxsize=1)
        # The task copies this context: the span and request ID set by the outer interceptors stay current.
        handler = asyncio.ensure_future(behaviour(request, _WriteHandoff(context, outbox)))
        taking: asyncio.Future[tuple[Any, asyncio.Future[None]]] | None = None
        try:
            while True:
                taking = asyncio.ensure_future(outbox.get())
                await asyncio.wait((taking, handler), return_when=asyncio.FIRST_COMPLETED)
                if not taking.done():  # the handler returned or raised; each write it made was already sent
                    handler.result()
                    return
                message, sent = taking.result()
                taking = None
                yield message
                sent.set_result(None)
        finally:
            if taking is not None:
                taking.cancel()
            if not handler.done():  # the client went away or the server is stopping
                handler.cancel()
                await asyncio.gather(handler, return_exceptions=True)

    return generator


class StreamWriterInterceptor(grpc.aio.ServerInterceptor):
    """Innermost: hands the interceptors around it every response-streaming handler as an async generator."""

    async def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], Awaitable[grpc.RpcMethodHandler]],
        details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler:
        handler = await continuation(details)
        if handler is None or not handler.response_streaming:
            return handler
        options = {
            "request_deserializer": handler.request_deserializer,
            "response_serializer": handler.response_serializer,
        }
        if handler.unary_stream is not None and inspect.iscoroutinefunction(handler.unary_stream):
            return grpc.unary_stream_rpc_method_handler(_as_generator(handler.unary_stream), **options)
        if handler.stream_stream is not None and inspect.iscoroutinefunction(handler.stream_stream):
            return grpc.stream_stream_rpc_method_handler(_as_generator(handler.stream_stream), **options)
        return handler


def server_interceptors(core: Core) -> list[grpc.aio.ServerInterceptor]:
    """Outermost first: spans around everything, then authentication and error statuses, then the adapter."""
    return [aio_server_interceptor(), CallwireInterceptor(core), StreamWriterInterceptor()]  # type: ignore[no-untyped-call]
