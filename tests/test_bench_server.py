"""bench/bench_server.py still runs: a tiny run of the RPC and start-up sections (the figures are not checked,
only that every role starts, each section reports, and every station was monitored)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_server_benchmark_runs_its_rpc_and_scale_sections_at_a_tiny_size() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "bench_server.py"), "--quick", "--sections", "a,c", "--loops", "uvloop"],
        capture_output=True,
        text=True,
        timeout=110,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "- RPC (uvloop): p50 " in done.stdout, done.stdout[-3000:]
    assert "- Scale (uvloop): 500 stations monitored and SERVING " in done.stdout, done.stdout[-3000:]
    assert "uvloop bare codec client (3,500 requests)" in done.stdout
