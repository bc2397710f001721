"""The server's interceptors: OpenTelemetry spans (only where a call can have one, see `TracingInterceptor`),
then one Callwire interceptor per call that

1. reads the client's `x-request-id` (events the call causes carry it),
2. authenticates the bearer API key and checks its role and extension scope (security.py, from the
   `(callwire.common.v1.access)` option of each RPC in the contracts),
3. turns every `CallwireError` into its rich status, and anything unexpected into INTERNAL,
so that every request gets exactly one answer with a reason a client can act on,
4. records the call's duration by method and status code (instruments.py).

Outermost, `StreamCloserInterceptor` runs every response-streaming handler in the call's own task and closes
its generator there (see its docstring). Innermost, `StreamWriterInterceptor` gives every response-streaming
handler one shape, an async generator.
grpc.aio accepts two (an async generator, or a coroutine that calls `context.write`, as the health service's
Watch does), but an interceptor can wrap only one: the OpenTelemetry interceptor and ours iterate the
handler, which fails on a coroutine with UNKNOWN ("'async for' requires ... coroutine").
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import time
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable
from typing import Any

import grpc
from opentelemetry import propagate, trace
from opentelemetry.instrumentation.grpc import aio_server_interceptor

from . import instruments, security
from .core import Core, request_id_var
from .errors import CallwireError
from .store import ApiKey
from .validation import decoding, refuse_undecodable, validate_request

log = logging.getLogger("callwire.rpc")

#: Streams whose servicer checks more than the interceptor can (which devices are monitored, a resume token) and
#: sends the initial metadata itself once those checks pass. Their refusal then arrives as a status alone, which
#: Envoy's REST transcoding turns into an HTTP error status rather than a 200 whose only line is the error.
ACCEPTED_BY_THE_SERVICER = frozenset({"/callwire.events.v1.EventService/StreamEvents"})


def _metadata(context: grpc.aio.ServicerContext[Any, Any], key: str) -> str:
    for k, v in context.invocation_metadata() or ():
        if k == key:
            return v if isinstance(v, str) else v.decode()
    return ""


def _code_name(context: grpc.aio.ServicerContext[Any, Any]) -> str:
    """The status code a handler aborted with (UNKNOWN when the context does not say)."""
    code = context.code()
    return code.name if isinstance(code, grpc.StatusCode) else "UNKNOWN"


class CallwireInterceptor(grpc.aio.ServerInterceptor):
    def __init__(self, core: Core) -> None:
        self.core = core
        self.access = security.AccessTable()

    async def _authenticate(self, context: grpc.aio.ServicerContext[Any, Any]) -> ApiKey | None:
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
        return key

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

        row = self.access.get(method)

        async def prologue(request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> ApiKey | None:
            request_id_var.set(_metadata(context, "x-request-id"))
            refuse_undecodable(request)
            key = await self._authenticate(context)
            if key is None:
                validate_request(request)  # the contracts' buf.validate rules (validation.py)
                return None
            if row is None:  # fail closed: an RPC without a rule in the contracts is nobody's
                raise CallwireError("PERMISSION_DENIED", f"{method} has no access rule in the contracts")
            security.check_role(key, row)
            await security.check_client(self.core, key, security.client_address(key, context.invocation_metadata()))
            await security.check_console(self.core, key, row, context)
            await security.check_scope(self.core, key, row, request)
            validate_request(request)  # after authorization: a caller who may not act is told only that
            return key

        def status_of(exc: BaseException) -> Any:
            if isinstance(exc, CallwireError):
                err = exc
            else:
                log.exception("unexpected error in %s", method)
                err = CallwireError("INTERNAL", f"{method} failed: {type(exc).__name__}: {exc}")
            return err.to_status()

        if handler.unary_unary is not None:
            behaviour = handler.unary_unary

            async def unary(request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
                started = time.perf_counter()
                code = "OK"
                try:
                    key = await prologue(request, context)
                    # x-request-id is an idempotency key for requests with side effects (idempotency.py).
                    scope = security.principal(key, context.invocation_metadata()) if key else ""
                    act = lambda: behaviour(request, context)  # noqa: E731
                    return await self.core.idempotency.run(method, scope, request_id_var.get(), request, act)
                except asyncio.CancelledError:
                    code = "CANCELLED"
                    raise
                except (CallwireError, Exception) as exc:
                    if isinstance(exc, grpc.aio.AbortError):
                        code = _code_name(context)
                        raise
                    status = status_of(exc)
                    code = status.code.name
                    await context.abort(status.code, status.details, status.trailing_metadata)
                finally:
                    instruments.record_rpc(method, code, time.perf_counter() - started)

            return grpc.unary_unary_rpc_method_handler(
                unary,
                request_deserializer=decoding(handler.request_deserializer),
                response_serializer=handler.response_serializer,
            )
        if handler.unary_stream is not None:
            stream_behaviour = handler.unary_stream

            async def stream(request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> AsyncIterator[Any]:
                guard: security.StreamGuard | None = None
                started = time.perf_counter()
                code = "OK"
                try:
                    key = await prologue(request, context)
                    # Accepted: say so at once, so that a client knows its stream stands before the first event.
                    if method not in ACCEPTED_BY_THE_SERVICER:
                        await context.send_initial_metadata(())
                    items = stream_behaviour(request, context)
                    if key is None:
                        async for item in items:
                            yield item
                        return
                    guard = self.core.key_watch.open(key)
                    async for item in _guarded(items, guard):
                        yield item
                except (asyncio.CancelledError, GeneratorExit):
                    code = "CANCELLED"  # the client went away (or the server stops) while the stream was open
                    raise
                except (CallwireError, Exception) as exc:
                    if isinstance(exc, grpc.aio.AbortError):
                        code = _code_name(context)
                        raise
                    status = status_of(exc)
                    code = status.code.name
                    await context.abort(status.code, status.details, status.trailing_metadata)
                finally:
                    if guard is not None:
                        guard.close()
                    instruments.record_rpc(method, code, time.perf_counter() - started)

            return grpc.unary_stream_rpc_method_handler(
                stream,
                request_deserializer=decoding(handler.request_deserializer),
                response_serializer=handler.response_serializer,
            )
        return handler


async def _guarded(items: AsyncIterator[Any], guard: security.StreamGuard) -> AsyncIterator[Any]:
    """`items`, ended with `guard.ended` as soon as the key watch ends the stream (key revoked or changed).

    While the stream waits for its next item, the watch cancels the task: the cancellation ends the
    service's generator (which releases its subscription) and is turned into that error here. Between
    items, `ended` is checked before the next one is taken."""
    iterator = aiter(items)
    while guard.ended is None:
        guard.waiting = True
        try:
            item = await anext(iterator)
        except StopAsyncIteration:
            return
        except asyncio.CancelledError:
            task = asyncio.current_task()
            if guard.ended is None or task is None:
                raise  # the client went away, or the server stops
            task.uncancel()
            break
        finally:
            guard.waiting = False
        yield item
    raise guard.ended


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


def _adapt_streaming(
    handler: grpc.RpcMethodHandler | None,
    applies: Callable[[Any], bool],
    adapt: Callable[[Any], Any],
) -> grpc.RpcMethodHandler | None:
    """`handler` with its response-streaming behaviour replaced by `adapt(behaviour)` where `applies(behaviour)`;
    any other handler unchanged."""
    if handler is None or not handler.response_streaming:
        return handler
    options = {
        "request_deserializer": handler.request_deserializer,
        "response_serializer": handler.response_serializer,
    }
    if handler.unary_stream is not None and applies(handler.unary_stream):
        return grpc.unary_stream_rpc_method_handler(adapt(handler.unary_stream), **options)
    if handler.stream_stream is not None and applies(handler.stream_stream):
        return grpc.stream_stream_rpc_method_handler(adapt(handler.stream_stream), **options)
    return handler


class StreamWriterInterceptor(grpc.aio.ServerInterceptor):
    """Innermost: hands the interceptors around it every response-streaming handler as an async generator."""

    async def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], Awaitable[grpc.RpcMethodHandler]],
        details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler:
        return _adapt_streaming(await continuation(details), inspect.iscoroutinefunction, _as_generator)


def _written(
    behaviour: Callable[[Any, Any], AsyncGenerator[Any, None]],
) -> Callable[[Any, grpc.aio.ServicerContext[Any, Any]], Awaitable[None]]:
    """A response-streaming generator handler as a coroutine that writes what the generator yields."""

    async def write_all(request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> None:
        items = behaviour(request, context)
        try:
            async for item in items:
                await context.write(item)  # returns once sent, as grpc.aio paces a generator handler
        finally:
            # In this task, so the OpenTelemetry interceptor's generator detaches its span's context
            # in the context it attached it in (closing a finished generator does nothing).
            await items.aclose()

    return write_all


class StreamCloserInterceptor(grpc.aio.ServerInterceptor):
    """Outermost: every response-streaming handler becomes a coroutine that iterates the interceptors' generators
    and closes them when the call ends, early or not.

    grpc.aio stops iterating a generator handler when the client goes away but does not close it; the event loop's
    async-generator finalizer closes it later, in another task. The OpenTelemetry interceptor's generator then
    detaches its context token in a context that did not create it, and logs "Failed to detach context"."""

    async def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], Awaitable[grpc.RpcMethodHandler]],
        details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler:
        return _adapt_streaming(await continuation(details), inspect.isasyncgenfunction, _written)


class TracingInterceptor(grpc.aio.ServerInterceptor):
    """The OpenTelemetry server interceptor, for every call where it can make a difference: when a tracer provider
    is installed (the call gets its span), or when the request carries a trace context (`traceparent`, or any
    field the installed propagator reads), which becomes current so that CSTA child spans and the JSON logs carry
    its IDs. Otherwise (no provider, the default without an exporter, and no trace context) its span would be a
    non-recording one with no IDs, and the call skips it: about 0.09 ms of a HoldCall's 1.4 ms (bench/README.md).

    Both are checked per call, not at start: a provider may be installed after the server starts (tests do)."""

    def __init__(self, provider: Callable[[], trace.TracerProvider] = trace.get_tracer_provider) -> None:
        self._spans = aio_server_interceptor()  # type: ignore[no-untyped-call]
        self._provider = provider

    def _needed(self, details: grpc.HandlerCallDetails) -> bool:
        if not isinstance(self._provider(), trace.ProxyTracerProvider):
            return True
        fields = propagate.get_global_textmap().fields
        return any(key in fields for key, _ in details.invocation_metadata or ())

    async def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], Awaitable[grpc.RpcMethodHandler]],
        details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler:
        if self._needed(details):
            handler: grpc.RpcMethodHandler = await self._spans.intercept_service(continuation, details)
            return handler
        return await continuation(details)


def server_interceptors(core: Core) -> list[grpc.aio.ServerInterceptor]:
    """Outermost first: generator closing, spans around everything, then authentication and error statuses, then
    the adapter."""
    return [
        StreamCloserInterceptor(),
        TracingInterceptor(),
        CallwireInterceptor(core),
        StreamWriterInterceptor(),
    ]
