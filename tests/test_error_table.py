"""The error table lives in the contracts: every ErrorReason carries its gRPC code, HTTP status and legacy text."""

from __future__ import annotations

import grpc
import pytest

from callwire.common.v1 import enums_pb2, options_pb2

REASONS = [v for v in enums_pb2.ErrorReason.DESCRIPTOR.values if v.number != 0]


@pytest.mark.parametrize("value", REASONS, ids=lambda v: v.name)
def test_every_reason_has_a_complete_surface(value: object) -> None:
    options = value.GetOptions()  # type: ignore[attr-defined]
    assert options.HasExtension(options_pb2.error_surface)
    surface = options.Extensions[options_pb2.error_surface]
    codes = {c.value[0] for c in grpc.StatusCode}
    assert surface.grpc_code in codes
    assert 200 <= surface.http_status <= 599
    assert surface.legacy_error.strip()


def test_error_statuses_are_not_ok_except_the_in_stream_notice() -> None:
    surface = options_pb2.error_surface
    ok = [v.name for v in REASONS if v.GetOptions().Extensions[surface].grpc_code == 0]  # type: ignore[index]
    assert ok == ["ERROR_REASON_RESUME_GAP"]
