"""The reference's console account (tcpgate/tcpgate01, printed in its manual) works only from this machine, and
a server open to everyone (no API key) beyond loopback says so loudly at start."""

from __future__ import annotations

import logging
from pathlib import Path

import grpc
import pytest
from grpc_stack import Stack, running_stack

from callwire.admin.v1 import request_response_pb2 as admin_rr
from callwire.admin.v1 import service_pb2_grpc as admin_grpc
from callwire_server.config import GrpcConfig


def _for(address: str) -> tuple[tuple[str, str], ...]:
    return (("x-callwire-client-address", address),)


async def test_default_console_credentials_only_on_loopback(stack: Stack) -> None:
    admin = admin_grpc.AdminServiceStub(stack.channel)
    token = (await admin.EncryptPassword(admin_rr.EncryptPasswordRequest(password="tcpgate01"))).encrypted_password
    check = admin_rr.VerifyConsoleCredentialsRequest(username="tcpgate", encrypted_password=token)
    assert (await admin.VerifyConsoleCredentials(check)).valid  # this machine, no legacy client
    assert (await admin.VerifyConsoleCredentials(check, metadata=_for("127.0.0.1"))).valid
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await admin.VerifyConsoleCredentials(check, metadata=_for("10.1.2.3"))
    assert refused.value.code() == grpc.StatusCode.PERMISSION_DENIED
    assert "default console password works only from this machine" in (refused.value.details() or "")
    # An operator's own password works from anywhere, and the default no longer does.
    await admin.UpdateSetting(admin_rr.UpdateSettingRequest(name="console_password", value="s3cret-console"))
    own = (await admin.EncryptPassword(admin_rr.EncryptPasswordRequest(password="s3cret-console"))).encrypted_password
    mine = admin_rr.VerifyConsoleCredentialsRequest(username="tcpgate", encrypted_password=own)
    assert (await admin.VerifyConsoleCredentials(mine, metadata=_for("10.1.2.3"))).valid
    assert not (await admin.VerifyConsoleCredentials(check, metadata=_for("10.1.2.3"))).valid


@pytest.mark.parametrize(("address", "warned"), [("0.0.0.0:0", True), ("127.0.0.1:0", False)])
async def test_an_open_server_beyond_loopback_warns_at_start(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, address: str, warned: bool
) -> None:
    caplog.set_level(logging.WARNING, logger="callwire.app")
    async with running_stack(tmp_path, grpc=GrpcConfig(address=address, require_api_key=False)):
        loud = [r for r in caplog.records if r.levelno == logging.WARNING and "is OPEN" in r.getMessage()]
        assert bool(loud) == warned
