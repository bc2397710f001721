"""The first admin key of a server that requires keys: `callwire admin bootstrap` writes it into the store,
while the server stays closed; a second bootstrap is refused unless --force."""

from __future__ import annotations

from pathlib import Path

import pytest

from callwire_server.app import start_server
from callwire_server.config import GrpcConfig
from callwire_testkit import python_module, run
from callwire_testkit.demo import demo_simulator, server_config

# Each test starts Python processes; on a busy machine one start can take seconds, so the suite's per-test
# bound (meant to catch hangs) would cut a passing test short.
pytestmark = pytest.mark.timeout(600)


async def _cli(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    done = await run(python_module("callwire_server.cli", *args), env={"CALLWIRE_API_KEY": "", **(env or {})})
    return done.returncode, done.out, done.err


def _secret(out: str) -> str:
    for line in out.splitlines():
        if line.startswith("secret (shown once): "):
            return line.removeprefix("secret (shown once): ")
    raise AssertionError(out)


async def test_bootstrap_creates_the_first_admin_key_once(tmp_path: Path) -> None:
    async with demo_simulator() as sim:
        config_file = tmp_path / "callwire.toml"
        config_file.write_text(
            f'store_url = "sqlite+aiosqlite:///{tmp_path}/callwire.db"\ndata_dir = "{tmp_path}"\n'
            '[grpc]\naddress = "127.0.0.1:0"\nrequire_api_key = true\n'
            '[link]\nusername = "ctiuser"\npassword = "ctipass"\n'
            f'[[link.endpoints]]\nhost = "127.0.0.1"\nport = {sim.port}\n'
        )
        server = await start_server(
            server_config(tmp_path, sim.port, grpc=GrpcConfig(address="127.0.0.1:0", require_api_key=True))
        )
        target = f"127.0.0.1:{server.port}"
        try:
            # Before: the server requires a key and nothing can make one over gRPC.
            code, _, err = await _cli("ctl", "--server", target, "add", "apikey", "ops", "admin")
            assert code == 1
            assert "UNAUTHENTICATED" in err
            code, out, err = await _cli("admin", "bootstrap", "--config", str(config_file))
            assert code == 0, err
            first = _secret(out)
            code, out, _ = await _cli("ctl", "--server", target, "svrinfo", env={"CALLWIRE_API_KEY": first})
            assert code == 0
            code, out, _ = await _cli("ctl", "--server", target, "list", "apikey", env={"CALLWIRE_API_KEY": first})
            assert ["bootstrap-admin", "admin", "*"] in [line.split()[1:4] for line in out.splitlines()]
            # A second bootstrap would be a way around the first admin: refused, unless forced.
            code, out, err = await _cli("admin", "bootstrap", "--config", str(config_file))
            assert (code, out) == (1, "")
            assert "already has an admin key: bootstrap-admin" in err
            assert "--force" in err
            code, out, err = await _cli(
                "admin", "bootstrap", "--config", str(config_file), "--force", "--name", "again"
            )
            assert code == 0, err
            second = _secret(out)
            assert second != first
            code, _, _ = await _cli("ctl", "--server", target, "svrinfo", env={"CALLWIRE_API_KEY": second})
            assert code == 0
        finally:
            await server.stop(grace=0.5)
