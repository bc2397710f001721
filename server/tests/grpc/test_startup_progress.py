"""Monitoring many stations at start shows progress: log lines when not on a terminal, a bar on one."""

from __future__ import annotations

import io
import logging
import re
from pathlib import Path

import pytest

from callwire_server.app import start_server
from callwire_server.progress import PROGRESS_MIN, MonitorProgress
from callwire_sim.site import Site, Station
from callwire_sim.switch import Switch
from callwire_sim.transport import SimulatorServer
from callwire_testkit.demo import server_config

STATIONS = tuple(str(n) for n in range(20_000, 20_000 + 2 * PROGRESS_MIN))


async def test_start_logs_progress_and_the_time_it_took(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    switch = Switch(Site(stations=tuple(Station(extension=e, name=f"Desk {e}") for e in STATIONS)))
    sim = SimulatorServer(switch, port=0)
    await sim.start()
    caplog.set_level(logging.INFO, logger="callwire.app")
    server = None
    try:
        # Two stations the switch does not know: counted, and named by their own warnings.
        config = server_config(tmp_path, sim.port, monitor=(*STATIONS, "99998", "99999"))
        server = await start_server(config)
        lines = [r.getMessage() for r in caplog.records if r.name == "callwire.app" and "monitored" in r.message]
    finally:
        if server is not None:
            await server.stop(grace=0.5)
        await sim.stop()
        switch.close()
    total = len(STATIONS) + 2
    steps = [f"monitored {n:,}/{total:,}" for n in range(201, total, 201)]  # a tenth of the way each (rounded up)
    assert lines[:-1] == steps
    assert re.fullmatch(
        rf"monitored {len(STATIONS):,}/{total:,} extensions in \d+\.\d s; 2 not monitored yet \(see above\)", lines[-1]
    ), lines[-1]
    warned = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any(m.startswith("cannot monitor 99999 at start") for m in warned)


async def test_a_few_stations_log_only_the_closing_line(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="callwire.test")
    log = logging.getLogger("callwire.test")
    with MonitorProgress(16, log=log) as progress:
        for _ in range(16):
            progress.advance()
    assert [r.getMessage()[:27] for r in caplog.records] == ["monitored 16/16 extensions "]


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_a_bar_shows_progress_instead_of_log_lines(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="callwire.test")
    terminal = Terminal()
    with MonitorProgress(PROGRESS_MIN, log=logging.getLogger("callwire.test"), stream=terminal) as progress:
        for _ in range(PROGRESS_MIN):
            progress.advance()
    drawn = terminal.getvalue()
    assert "monitoring" in drawn
    assert f"{PROGRESS_MIN}/{PROGRESS_MIN}" in drawn
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 1  # only the closing line
    assert messages[0].startswith(f"monitored {PROGRESS_MIN:,}/{PROGRESS_MIN:,} extensions in ")
