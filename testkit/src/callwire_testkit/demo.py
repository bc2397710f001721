"""The world most tests run against: the simulator's demo site on a loopback port, and a server for it.

Unlike the rest of the testkit, this module imports Callwire's parts (the server's config, the simulator):
import it where those are wanted (`from callwire_testkit.demo import server_config`), not through the package.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from callwire_csta.link import Endpoint, LinkConfig
from callwire_server.config import GrpcConfig, ServerConfig
from callwire_sim.site import demo_site
from callwire_sim.switch import Switch
from callwire_sim.transport import SimulatorServer

#: The demo site's stations a test server monitors from the start (sim/sites/demo.toml lists them).
DEMO_STATIONS = (
    *(str(n) for n in range(101, 111)),
    "60123",
    "61450",
    "61451",
    "66711",
    "66820",
    "66910",
)
#: The demo site's phantom devices (for MakePhantomCall).
PHANTOMS = tuple(str(n) for n in range(41101, 41111))
#: The CTI user the simulator accepts.
CTI_USER, CTI_PASSWORD = "ctiuser", "ctipass"


def server_config(data_dir: Path, sim_port: int, **overrides: Any) -> ServerConfig:
    """A server for the demo site's simulator on `sim_port`: gRPC on a free loopback port without API keys, a
    SQLite store in `data_dir`, DEMO_STATIONS monitored, PHANTOMS for phantom calls; `overrides` replace fields."""
    link = LinkConfig(
        endpoints=(Endpoint("127.0.0.1", sim_port, name="sim"),),
        username=CTI_USER,
        password=CTI_PASSWORD,
        request_timeout=3.0,
        connect_timeout=2.0,
    )
    values: dict[str, Any] = {
        "grpc": GrpcConfig(address="127.0.0.1:0", require_api_key=False),
        "link": link,
        "store_url": f"sqlite+aiosqlite:///{data_dir}/callwire.db",
        "data_dir": data_dir,
        "phantom_devices": PHANTOMS,
        "monitor": DEMO_STATIONS,
    }
    values.update(overrides)
    return ServerConfig(**values)


@contextlib.asynccontextmanager
async def demo_simulator(**options: Any) -> AsyncIterator[SimulatorServer]:
    """The demo site's simulated switch serving CSTA on a free loopback port (`.port`), stopped and closed after
    the block; `options` go to SimulatorServer (credentials, session limits). Its switch is `.switch`."""
    switch = Switch(demo_site())
    sim = SimulatorServer(switch, host="127.0.0.1", port=0, **options)
    try:
        await sim.start()
        yield sim
    finally:
        await sim.stop()
        switch.close()
