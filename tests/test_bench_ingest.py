"""bench/bench_ingest.py still runs: a tiny run of its cheapest configurations (the figures are not checked, only
that every role starts, events flow from the source through the server to the subscribers, and it reports)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_ingest_benchmark_runs_at_a_tiny_size() -> None:
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "bench_ingest.py"),
            "--subscribers",
            "20",
            "--seconds",
            "1",
            "--sections",
            "plain",
            "--configs",
            "0,3",
            "--rates",
            "100",
            "--tries",
            "1",
            "--stage-events",
            "80",
        ],
        capture_output=True,
        text=True,
        timeout=100,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Callwire, 3 all-station streams: " in done.stdout
    assert "- decode (lxml parse + binding): " in done.stdout
    # every event reached each of the three streams (the rate itself may be missed on a busy machine)
    assert "300/300" in done.stdout, done.stdout[-3000:]
