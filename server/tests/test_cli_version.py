"""`callwire --version`: the installed distribution's version, the same one GetServerInfo reports."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import version

from callwire_csta.link import Endpoint, LinkConfig
from callwire_server.config import ServerConfig


def test_version_comes_from_the_package_metadata() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "callwire_server.cli", "--version"], capture_output=True, text=True, timeout=60
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, f"callwire {version('callwire-server')}\n", "")


def test_server_info_reports_the_same_version() -> None:
    config = ServerConfig(link=LinkConfig(endpoints=(Endpoint("127.0.0.1", 4721),), username="u", password="p"))
    assert config.version == version("callwire-server")
