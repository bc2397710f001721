"""What a failed gRPC call said: Callwire's errors are data (`google.rpc.ErrorInfo` in the status details)."""

from __future__ import annotations

from collections.abc import Awaitable

import grpc
from google.rpc import error_details_pb2
from grpc_status import rpc_status

#: The ErrorInfo domain of every Callwire error.
DOMAIN = "callwire.io"


def error_info(err: grpc.aio.AioRpcError) -> error_details_pb2.ErrorInfo:
    """The ErrorInfo in `err`'s status details; AssertionError if it has none."""
    status = rpc_status.from_call(err)
    assert status is not None, f"no rich status in {err.code().name}: {err.details()}"
    for detail in status.details:
        if detail.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
            info = error_details_pb2.ErrorInfo()
            detail.Unpack(info)
            return info
    raise AssertionError(f"no ErrorInfo in the status details of {err.code().name}: {err.details()}")


def reason_of(err: grpc.aio.AioRpcError) -> str:
    """The ErrorInfo reason of `err`, or the status code's name when it carries none (a refusal by gRPC itself)."""
    status = rpc_status.from_call(err)
    for detail in status.details if status is not None else ():
        if detail.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
            info = error_details_pb2.ErrorInfo()
            detail.Unpack(info)
            reason: str = info.reason
            return reason
    name: str = err.code().name
    return name


async def expect_error(
    call: Awaitable[object], code: grpc.StatusCode, reason: str | None = None
) -> error_details_pb2.ErrorInfo:
    """Await `call`, which must fail with `code` and a Callwire ErrorInfo (with `reason`, when given); its ErrorInfo."""
    failure: grpc.aio.AioRpcError | None = None
    try:
        await call
    except grpc.aio.AioRpcError as err:
        failure = err
    if failure is None:
        raise AssertionError(f"the call succeeded; wanted {code.name} {reason or ''}".rstrip())
    assert failure.code() == code, f"{failure.code().name} (wanted {code.name}): {failure.details()}"
    info = error_info(failure)
    assert info.domain == DOMAIN, info
    if reason is not None:
        assert info.reason == reason, f"{info.reason} (wanted {reason}): {failure.details()}"
    return info


async def outcome(call: Awaitable[object]) -> str:
    """ "OK" when `call` succeeds, else its error's reason (see `reason_of`)."""
    try:
        await call
    except grpc.aio.AioRpcError as err:
        return reason_of(err)
    return "OK"
