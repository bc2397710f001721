"""Fixtures: a fresh simulated switch on the demo site and two application sessions on it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from simhelpers import Client

from callwire_sim.site import demo_site
from callwire_sim.switch import Switch


@pytest.fixture
def switch() -> Iterator[Switch]:
    sw = Switch(demo_site())
    yield sw
    sw.close()


@pytest.fixture
def a(switch: Switch) -> Client:
    return Client(switch)


@pytest.fixture
def b(switch: Switch) -> Client:
    return Client(switch)
