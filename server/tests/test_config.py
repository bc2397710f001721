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


def test_store_url_and_link_password_may_come_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "callwire.toml"
    path.write_text(
        'store_url = "sqlite+aiosqlite:///from-file.db"\n'
        '[link]\nusername = "ctiuser"\n[[link.endpoints]]\nhost = "aes1"\n'
    )
    monkeypatch.delenv("CALLWIRE_LINK_PASSWORD", raising=False)
    monkeypatch.delenv("CALLWIRE_STORE_URL", raising=False)
    with pytest.raises(ValueError, match="CALLWIRE_LINK_PASSWORD"):
        load_config(path)  # no password anywhere: said, not a KeyError
    monkeypatch.setenv("CALLWIRE_LINK_PASSWORD", "from-secret")
    monkeypatch.setenv("CALLWIRE_STORE_URL", "postgresql+asyncpg://callwire:pw@db/callwire")
    config = load_config(path)
    assert config.link.password == "from-secret"
    assert config.store_url == "postgresql+asyncpg://callwire:pw@db/callwire"
