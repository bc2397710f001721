"""The example configuration shipped in deploy/ loads, and a file without endpoints is refused clearly."""

from __future__ import annotations

from pathlib import Path

import pytest

from callwire_server.config import load_config

EXAMPLE = Path(__file__).resolve().parents[2] / "deploy" / "callwire.example.toml"


def test_example_config_loads() -> None:
    config = load_config(EXAMPLE)
    assert [e.name for e in config.link.endpoints] == ["aes1", "aes2"]
    assert config.link.endpoints[0].tls
    assert config.link.endpoints[0].port == 4722
    assert config.grpc.require_api_key
    assert config.grpc.address == "0.0.0.0:50051"
    assert config.phantom_devices == ("41101", "41102", "41103")
    assert config.store_url.startswith("postgresql+asyncpg://")


def test_config_without_endpoints_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('[link]\nusername = "u"\npassword = "p"\n')
    with pytest.raises(ValueError, match=r"\[\[link.endpoints\]\]"):
        load_config(path)
