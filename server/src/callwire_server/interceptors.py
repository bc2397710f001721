"""The server's interceptors: OpenTelemetry spans, then one Callwire interceptor per call that

1. reads the client's `x-request-id` (events the call causes carry it),
2. authenticates the bearer API key and checks its role and extension scope,
3. turns every `CallwireError` into its rich status, and anything unexpected into INTERNAL,
so that every request gets exactly one answer with a reason a client can act on.
"""

from __future__ import annotations

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


def server_interceptors(core: Core) -> list[grpc.aio.ServerInterceptor]:
    return [aio_server_interceptor(), CallwireInterceptor(core)]  # type: ignore[no-untyped-call]
