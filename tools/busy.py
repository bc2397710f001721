"""Run the test suite on a busy machine: a child process spins on one core for as long as pytest runs.

    python tools/busy.py [--runs N] [--hogs N] [--timeout SECONDS] [-- PYTEST_ARGS...]

Tests must pass on a loaded machine (they wait for conditions, never for a fixed time), and this is how to
check it. Each run is bounded by --timeout; the hogs are killed whatever happens (a failure, Ctrl-C, the
timeout). Exits with the first failing run's status, 0 when every run passed.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import subprocess
import sys
import time

SPIN = "while True: pass"


def parse_args(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    if "--" in argv:
        cut = argv.index("--")
        argv, pytest_args = argv[:cut], argv[cut + 1 :]
    else:
        pytest_args = []
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=1, help="how many times to run the suite (default: 1)")
    parser.add_argument("--hogs", type=int, default=1, help="busy child processes, one core each (default: 1)")
    parser.add_argument("--timeout", type=float, default=1800.0, help="seconds per run (default: %(default)s)")
    return parser.parse_args(argv), pytest_args


def stop(process: subprocess.Popen[bytes]) -> None:
    """Kill `process` and whatever it left behind in its process group (it leads one of its own)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def run_once(pytest_args: list[str], hogs: int, timeout: float) -> int:
    spinners = [subprocess.Popen([sys.executable, "-c", SPIN], start_new_session=True) for _ in range(hogs)]
    tests = None
    try:
        tests = subprocess.Popen([sys.executable, "-m", "pytest", *pytest_args], start_new_session=True)
        try:
            return tests.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            print(f"busy: the run took longer than {timeout:.0f}s; stopped", file=sys.stderr, flush=True)
            return 124
    finally:
        if tests is not None:
            stop(tests)
        for spinner in spinners:
            stop(spinner)


def main(argv: list[str] | None = None) -> int:
    args, pytest_args = parse_args(sys.argv[1:] if argv is None else argv)
    first_failure = 0
    for run in range(1, args.runs + 1):
        started = time.monotonic()
        print(f"busy: run {run}/{args.runs} with {args.hogs} spinning process(es)", flush=True)
        status = run_once(pytest_args, args.hogs, args.timeout)
        print(f"busy: run {run} exited {status} after {time.monotonic() - started:.0f}s", flush=True)
        if status and not first_failure:
            first_failure = status
    return first_failure


if __name__ == "__main__":
    sys.exit(main())
