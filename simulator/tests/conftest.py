"""Fixtures: a fresh simulated switch on the demo site and two application sessions on it.

Every flow test runs twice: `direct` calls the switch in-process; `link` sends the same requests through a real
CstaLink over TCP to the SimulatorServer, so the expected event sequences are checked across the wire too.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from simhelpers import Client, LinkClient, Wire

from callwire_sim.site import demo_site
from callwire_sim.switch import Switch


@pytest.fixture(params=["direct", "link"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def switch() -> Iterator[Switch]:
    sw = Switch(demo_site())
    yield sw
    sw.close()


@pytest.fixture
def wire(mode: str, switch: Switch) -> Iterator[Wire | None]:
    if mode == "direct":
        yield None
        return
    served = Wire(switch)
    yield served
    served.close()


def _client(switch: Switch, wire: Wire | None) -> Client:
    return Client(switch) if wire is None else LinkClient(switch, wire)


@pytest.fixture
def a(switch: Switch, wire: Wire | None) -> Client:
    return _client(switch, wire)


@pytest.fixture
def b(switch: Switch, wire: Wire | None) -> Client:
    return _client(switch, wire)
